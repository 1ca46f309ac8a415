"""Web pages of placements. Paths are Dutch, names English; only UUIDs for records
that name a person; the pages of one record are grouped under its path."""

from django.urls import include, path

from regiowerk.placements import employer_views, views

of_a_vacancy = [
    path("kandidaatstellingen/", views.vacancy_pipeline, name="vacancy-pipeline"),
    path("kandidaat-toevoegen/", views.candidacy_add, name="candidacy-add"),
    path(
        "kandidaat-voordragen/",
        views.candidacy_put_forward,
        name="candidacy-put-forward",
    ),
]

one_candidacy = [
    path("", views.candidacy_detail, name="candidacy-detail"),
    path("volgende-fase/", views.candidacy_move, name="candidacy-move"),
    path("beeindigen/", views.candidacy_end, name="candidacy-end"),
    path(
        "plaatsing/",
        views.placement_create_from_candidacy,
        name="placement-create-from-candidacy",
    ),
]

one_placement = [
    path("", views.placement_detail, name="placement-detail"),
    path("wijzigen/", views.placement_edit, name="placement-edit"),
    path("beeindigen/", views.placement_end, name="placement-end"),
    path("vervolg/", views.placement_next, name="placement-next"),
    path("contactmoment/", views.placement_check_in, name="placement-check-in"),
    path(
        "contactmomenten/<uuid:check_in_id>/wijzigen/",
        views.check_in_edit,
        name="check-in-edit",
    ),
    path("nazorgschema/", views.placement_schedule, name="placement-schedule"),
    path(
        "nazorgschema/standaard/",
        views.placement_schedule_reset,
        name="placement-schedule-reset",
    ),
    path(
        "nazorgschema/programma/",
        views.placement_programme,
        name="placement-programme",
    ),
]

urlpatterns = [
    path("vacatures/<int:vacancy_id>/", include(of_a_vacancy)),
    path("kandidaatstellingen/<uuid:candidacy_id>/", include(one_candidacy)),
    path(
        "personen/<uuid:person_id>/plaatsing/nieuw/",
        views.placement_create_for_person,
        name="placement-create-for-person",
    ),
    path("plaatsingen/<uuid:placement_id>/", include(one_placement)),
    path("nazorg/", views.follow_up, name="follow-up"),
    path("nazorgprogrammas/", views.follow_up_programmes, name="follow-up-programmes"),
    path(
        "nazorgprogrammas/nieuw/",
        views.follow_up_programme_create,
        name="follow-up-programme-create",
    ),
    path(
        "nazorgprogrammas/<int:follow_up_programme_id>/wijzigen/",
        views.follow_up_programme_edit,
        name="follow-up-programme-edit",
    ),
    path("duurzaamheid/", views.durability_report, name="durability"),
    # the employer contact's own pages (no partner organisation)
    path("mijn-medewerkers/", employer_views.employer_workers, name="employer-workers"),
    path(
        "mijn-medewerkers/hulp-vragen/",
        employer_views.employer_help,
        name="employer-help",
    ),
]
