"""Web pages of employers and vacancies. Paths are Dutch, names English; the pages of
one record are grouped under its path."""

from django.urls import URLPattern, URLResolver, include, path

from regiowerk.employers import views

one_contact: list[URLPattern] = [
    path(
        "opnieuw-uitnodigen/",
        views.employer_contact_resend,
        name="employer-contact-resend",
    ),
    path(
        "deactiveren/",
        views.employer_contact_deactivate,
        name="employer-contact-deactivate",
    ),
    path(
        "heractiveren/",
        views.employer_contact_reactivate,
        name="employer-contact-reactivate",
    ),
]

one_employer: list[URLPattern | URLResolver] = [
    path("", views.employer_detail, name="employer-detail"),
    path("wijzigen/", views.employer_edit, name="employer-edit"),
    path(
        "contactpersonen/uitnodigen/",
        views.employer_contact_invite,
        name="employer-contact-invite",
    ),
    path("contactpersonen/<int:contact_id>/", include(one_contact)),
]

one_vacancy = [
    path("", views.vacancy_detail, name="vacancy-detail"),
    path("wijzigen/", views.vacancy_edit, name="vacancy-edit"),
]

urlpatterns = [
    path("werkgevers/", views.employer_list, name="employer-list"),
    path("werkgevers/nieuw/", views.employer_create, name="employer-create"),
    path("werkgevers/importeren/", views.employer_import, name="employer-import"),
    path("werkgevers/<int:employer_id>/", include(one_employer)),
    path("vacatures/", views.vacancy_list, name="vacancy-list"),
    path("vacatures/nieuw/", views.vacancy_create, name="vacancy-create"),
    path("vacatures/importeren/", views.vacancy_import, name="vacancy-import"),
    path("vacatures/<int:vacancy_id>/", include(one_vacancy)),
]
