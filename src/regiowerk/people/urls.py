"""Web pages of the people app, all under /personen/. Paths are Dutch, names English;
the pages of one person or dossier are grouped under its path.

Only UUIDs appear in paths: never a name or a BSN.
"""

from django.urls import URLPattern, URLResolver, include, path

from regiowerk.people import views

one_person: list[URLPattern] = [
    path("", views.person_detail, name="person-detail"),
    path("wijzigen/", views.person_edit, name="person-edit"),
    path(
        "arbeidssituatie/", views.observation_create, name="person-observation-create"
    ),
    path("toestemmingen/", views.consent_give, name="consent-give"),
    path(
        "toestemmingen/<int:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("export/", views.person_export, name="person-export"),
    path("wissen/", views.person_erase, name="person-erase"),
    path("dossiers/", views.dossier_open, name="dossier-open"),
]

one_dossier: list[URLPattern] = [
    path("intake/", views.dossier_intake, name="dossier-intake"),
    path("doelen/", views.dossier_goals, name="dossier-goals"),
    path("acties/", views.plan_action_add, name="dossier-action-add"),
    path(
        "acties/<int:action_id>/afgerond/",
        views.plan_action_done,
        name="dossier-action-done",
    ),
    path("contactmomenten/", views.contact_add, name="dossier-contact-add"),
    path("verantwoordelijke/", views.dossier_hand_over, name="dossier-hand-over"),
    path("contactmomenten/plannen/", views.contact_plan, name="dossier-contact-plan"),
    path(
        "contactmomenten/<int:contact_id>/gehouden/",
        views.contact_held,
        name="dossier-contact-held",
    ),
    path(
        "contactmomenten/<int:contact_id>/annuleren/",
        views.contact_cancel,
        name="dossier-contact-cancel",
    ),
    path("sluiten/", views.dossier_close, name="dossier-close"),
]

person_patterns: list[URLPattern | URLResolver] = [
    path("", views.person_list, name="person-list"),
    path("nieuw/", views.person_create, name="person-create"),
    path("zoeken-op-bsn/", views.person_find_by_bsn, name="person-find-by-bsn"),
    path("importeren/", views.person_import, name="person-import"),
    path("overzichten/", views.person_aggregates, name="person-aggregates"),
    path("<uuid:person_id>/", include(one_person)),
    path("dossiers/<uuid:dossier_id>/", include(one_dossier)),
]

urlpatterns = [path("personen/", include(person_patterns))]
