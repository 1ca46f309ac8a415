"""Web pages of the people app, all under /personen/. Paths are Dutch, names English.

Only UUIDs appear in paths: never a name or a BSN.
"""

from django.urls import URLPattern, include, path

from regiowerk.people import views

person_patterns: list[URLPattern] = [
    path("", views.person_list, name="person-list"),
    path("nieuw/", views.person_create, name="person-create"),
    path("zoeken-op-bsn/", views.person_find_by_bsn, name="person-find-by-bsn"),
    path("importeren/", views.person_import, name="person-import"),
    path("overzichten/", views.person_aggregates, name="person-aggregates"),
    path("<uuid:person_id>/", views.person_detail, name="person-detail"),
    path("<uuid:person_id>/wijzigen/", views.person_edit, name="person-edit"),
    path(
        "<uuid:person_id>/arbeidssituatie/",
        views.observation_create,
        name="person-observation-create",
    ),
    path("<uuid:person_id>/toestemmingen/", views.consent_give, name="consent-give"),
    path(
        "<uuid:person_id>/toestemmingen/<int:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("<uuid:person_id>/export/", views.person_export, name="person-export"),
    path("<uuid:person_id>/wissen/", views.person_erase, name="person-erase"),
    path("<uuid:person_id>/dossiers/", views.dossier_open, name="dossier-open"),
    path(
        "dossiers/<uuid:dossier_id>/intake/",
        views.dossier_intake,
        name="dossier-intake",
    ),
    path(
        "dossiers/<uuid:dossier_id>/doelen/", views.dossier_goals, name="dossier-goals"
    ),
    path(
        "dossiers/<uuid:dossier_id>/acties/",
        views.plan_action_add,
        name="dossier-action-add",
    ),
    path(
        "dossiers/<uuid:dossier_id>/acties/<int:action_id>/afgerond/",
        views.plan_action_done,
        name="dossier-action-done",
    ),
    path(
        "dossiers/<uuid:dossier_id>/contactmomenten/",
        views.contact_add,
        name="dossier-contact-add",
    ),
    path(
        "dossiers/<uuid:dossier_id>/verantwoordelijke/",
        views.dossier_hand_over,
        name="dossier-hand-over",
    ),
    path(
        "dossiers/<uuid:dossier_id>/contactmomenten/plannen/",
        views.contact_plan,
        name="dossier-contact-plan",
    ),
    path(
        "dossiers/<uuid:dossier_id>/contactmomenten/<int:contact_id>/gehouden/",
        views.contact_held,
        name="dossier-contact-held",
    ),
    path(
        "dossiers/<uuid:dossier_id>/sluiten/", views.dossier_close, name="dossier-close"
    ),
]

urlpatterns = [path("personen/", include(person_patterns))]
