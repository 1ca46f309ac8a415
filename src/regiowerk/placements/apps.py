from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "regiowerk.placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from regiowerk.people import contributions
        from regiowerk.people.access_labels import name_accesses
        from regiowerk.placements import privacy
        from regiowerk.placements.constants import ACCESS_LABELS
        from regiowerk.placements.facts import register_tables

        register_tables()
        name_accesses(ACCESS_LABELS)
        # What placements keeps about a person: export, erasure, the dossier page.
        contributions.register(privacy.CONTRIBUTION)
