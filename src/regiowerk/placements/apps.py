from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "regiowerk.placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from regiowerk.organisations import start
        from regiowerk.people import contributions
        from regiowerk.people.access_labels import name_accesses
        from regiowerk.placements import privacy, worklist
        from regiowerk.placements.constants import ACCESS_LABELS
        from regiowerk.placements.facts import register_tables

        register_tables()
        name_accesses(ACCESS_LABELS)
        # What placements keeps about a person: export, erasure, the dossier page.
        contributions.register(privacy.CONTRIBUTION)
        # The start page's worklist (organisations.start).
        start.register("placements-follow-up", 30, worklist.follow_up_panel)
