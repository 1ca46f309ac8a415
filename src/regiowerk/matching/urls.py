"""Web pages of matching. Paths are Dutch, names English; only UUIDs for persons."""

from django.urls import path

from regiowerk.matching import views

urlpatterns = [
    path(
        "personen/<uuid:person_id>/beroepen/",
        views.person_skills,
        name="person-skills",
    ),
    path(
        "personen/<uuid:person_id>/beroepen/toevoegen/",
        views.person_occupation_add,
        name="person-occupation-add",
    ),
    path(
        "personen/<uuid:person_id>/beroepen/<int:occupation_id>/verwijderen/",
        views.person_occupation_remove,
        name="person-occupation-remove",
    ),
    path(
        "personen/<uuid:person_id>/vaardigheden/toevoegen/",
        views.person_skill_add,
        name="person-skill-add",
    ),
    path(
        "personen/<uuid:person_id>/vaardigheden/<int:skill_id>/verwijderen/",
        views.person_skill_remove,
        name="person-skill-remove",
    ),
    path(
        "personen/<uuid:person_id>/passende-vacatures/",
        views.person_vacancies,
        name="person-vacancies",
    ),
    path(
        "personen/<uuid:person_id>/overstapmogelijkheden/",
        views.person_transitions,
        name="person-transitions",
    ),
    path(
        "vacatures/<int:vacancy_id>/beroep/",
        views.vacancy_occupation,
        name="vacancy-occupation",
    ),
    path(
        "vacatures/<int:vacancy_id>/vaardigheden/",
        views.vacancy_skills,
        name="vacancy-skills",
    ),
    path(
        "vacatures/<int:vacancy_id>/vaardigheden/<int:vacancy_skill_id>/verwijderen/",
        views.vacancy_skill_remove,
        name="vacancy-skill-remove",
    ),
    path(
        "vacatures/<int:vacancy_id>/kandidaten/",
        views.vacancy_candidates,
        name="vacancy-candidates",
    ),
    path(
        "catalogus/<int:service_id>/vaardigheden/",
        views.service_skills,
        name="service-skills",
    ),
]
