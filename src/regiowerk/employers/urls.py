"""Web pages of employers and vacancies. Paths are Dutch, names English."""

from django.urls import path

from regiowerk.employers import views

urlpatterns = [
    path("werkgevers/", views.employer_list, name="employer-list"),
    path("werkgevers/nieuw/", views.employer_create, name="employer-create"),
    path("werkgevers/importeren/", views.employer_import, name="employer-import"),
    path(
        "werkgevers/<int:employer_id>/", views.employer_detail, name="employer-detail"
    ),
    path(
        "werkgevers/<int:employer_id>/wijzigen/",
        views.employer_edit,
        name="employer-edit",
    ),
    path("vacatures/", views.vacancy_list, name="vacancy-list"),
    path("vacatures/nieuw/", views.vacancy_create, name="vacancy-create"),
    path("vacatures/importeren/", views.vacancy_import, name="vacancy-import"),
    path("vacatures/<int:vacancy_id>/", views.vacancy_detail, name="vacancy-detail"),
    path(
        "vacatures/<int:vacancy_id>/wijzigen/", views.vacancy_edit, name="vacancy-edit"
    ),
]
