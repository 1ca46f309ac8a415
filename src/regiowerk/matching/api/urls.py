from regiowerk.common.api import api_path
from regiowerk.matching.api import views

PERSON = "persons/<uuid:person_id>/"

urlpatterns = [
    api_path("taxonomy/occupations/", views.OccupationSuggestApi),
    api_path("taxonomy/skills/", views.SkillSearchApi),
    api_path(f"{PERSON}occupations/", views.PersonOccupationListApi),
    api_path(f"{PERSON}occupations/create/", views.PersonOccupationAddApi),
    api_path(
        f"{PERSON}occupations/<int:occupation_id>/remove/",
        views.PersonOccupationRemoveApi,
    ),
    api_path(f"{PERSON}skills/", views.PersonSkillListApi),
    api_path(f"{PERSON}skills/create/", views.PersonSkillAddApi),
    api_path(f"{PERSON}skills/<int:skill_id>/remove/", views.PersonSkillRemoveApi),
    api_path(f"{PERSON}matched-vacancies/", views.PersonMatchedVacanciesApi),
    api_path(f"{PERSON}transitions/", views.PersonTransitionsApi),
    api_path("vacancies/<int:vacancy_id>/candidates/", views.VacancyCandidatesApi),
    api_path(
        "vacancies/<int:vacancy_id>/unnamed-candidates/",
        views.VacancyUnnamedCandidatesApi,
    ),
    api_path("vacancies/<int:vacancy_id>/occupation/", views.VacancyOccupationApi),
    api_path("vacancies/<int:vacancy_id>/skills/", views.VacancySkillsApi),
]
