from django.urls import path

from regiowerk.matching.api import views

urlpatterns = [
    path(
        "taxonomy/occupations/",
        views.OccupationSuggestApi.as_view(),
        name="api-occupation-suggest",
    ),
    path("taxonomy/skills/", views.SkillSearchApi.as_view(), name="api-skill-search"),
    path(
        "persons/<uuid:person_id>/occupations/",
        views.PersonOccupationListApi.as_view(),
        name="api-person-occupation-list",
    ),
    path(
        "persons/<uuid:person_id>/occupations/create/",
        views.PersonOccupationAddApi.as_view(),
        name="api-person-occupation-add",
    ),
    path(
        "persons/<uuid:person_id>/occupations/<int:occupation_id>/remove/",
        views.PersonOccupationRemoveApi.as_view(),
        name="api-person-occupation-remove",
    ),
    path(
        "persons/<uuid:person_id>/skills/",
        views.PersonSkillListApi.as_view(),
        name="api-person-skill-list",
    ),
    path(
        "persons/<uuid:person_id>/skills/create/",
        views.PersonSkillAddApi.as_view(),
        name="api-person-skill-add",
    ),
    path(
        "persons/<uuid:person_id>/skills/<int:skill_id>/remove/",
        views.PersonSkillRemoveApi.as_view(),
        name="api-person-skill-remove",
    ),
    path(
        "persons/<uuid:person_id>/matched-vacancies/",
        views.PersonMatchedVacanciesApi.as_view(),
        name="api-person-matched-vacancies",
    ),
    path(
        "persons/<uuid:person_id>/transitions/",
        views.PersonTransitionsApi.as_view(),
        name="api-person-transitions",
    ),
    path(
        "vacancies/<int:vacancy_id>/candidates/",
        views.VacancyCandidatesApi.as_view(),
        name="api-vacancy-candidates",
    ),
    path(
        "vacancies/<int:vacancy_id>/occupation/",
        views.VacancyOccupationApi.as_view(),
        name="api-vacancy-occupation",
    ),
    path(
        "vacancies/<int:vacancy_id>/skills/",
        views.VacancySkillsApi.as_view(),
        name="api-vacancy-skills",
    ),
]
