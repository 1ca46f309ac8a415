from django.urls import path

from regiowerk.employers.api import views

urlpatterns = [
    path("employers/", views.EmployerListApi.as_view(), name="api-employer-list"),
    path(
        "employers/create/",
        views.EmployerCreateApi.as_view(),
        name="api-employer-create",
    ),
    path(
        "employers/<int:employer_id>/",
        views.EmployerDetailApi.as_view(),
        name="api-employer-detail",
    ),
    path("vacancies/", views.VacancyListApi.as_view(), name="api-vacancy-list"),
    path(
        "vacancies/create/", views.VacancyCreateApi.as_view(), name="api-vacancy-create"
    ),
    path(
        "vacancies/<int:vacancy_id>/",
        views.VacancyDetailApi.as_view(),
        name="api-vacancy-detail",
    ),
    path(
        "vacancies/<int:vacancy_id>/update/",
        views.VacancyUpdateApi.as_view(),
        name="api-vacancy-update",
    ),
]
