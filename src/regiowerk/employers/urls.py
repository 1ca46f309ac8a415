"""Web pages of employers and vacancies. Paths are Dutch, names English; the pages of
one record are grouped under its path."""

from django.urls import include, path

from regiowerk.employers import views

one_employer = [
    path("", views.employer_detail, name="employer-detail"),
    path("wijzigen/", views.employer_edit, name="employer-edit"),
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
