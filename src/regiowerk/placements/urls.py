"""Web pages of placements. Paths are Dutch, names English; only UUIDs for records
that name a person."""

from django.urls import path

from regiowerk.placements import views

urlpatterns = [
    path(
        "vacatures/<int:vacancy_id>/kandidaatstellingen/",
        views.vacancy_pipeline,
        name="vacancy-pipeline",
    ),
    path(
        "vacatures/<int:vacancy_id>/kandidaat-toevoegen/",
        views.candidacy_add,
        name="candidacy-add",
    ),
    path(
        "kandidaatstellingen/<uuid:candidacy_id>/",
        views.candidacy_detail,
        name="candidacy-detail",
    ),
    path(
        "kandidaatstellingen/<uuid:candidacy_id>/volgende-fase/",
        views.candidacy_move,
        name="candidacy-move",
    ),
    path(
        "kandidaatstellingen/<uuid:candidacy_id>/beeindigen/",
        views.candidacy_end,
        name="candidacy-end",
    ),
    path(
        "kandidaatstellingen/<uuid:candidacy_id>/plaatsing/",
        views.placement_create_from_candidacy,
        name="placement-create-from-candidacy",
    ),
    path(
        "personen/<uuid:person_id>/plaatsing/nieuw/",
        views.placement_create_for_person,
        name="placement-create-for-person",
    ),
    path(
        "plaatsingen/<uuid:placement_id>/",
        views.placement_detail,
        name="placement-detail",
    ),
    path(
        "plaatsingen/<uuid:placement_id>/wijzigen/",
        views.placement_edit,
        name="placement-edit",
    ),
    path(
        "plaatsingen/<uuid:placement_id>/beeindigen/",
        views.placement_end,
        name="placement-end",
    ),
    path(
        "plaatsingen/<uuid:placement_id>/vervolg/",
        views.placement_next,
        name="placement-next",
    ),
]
