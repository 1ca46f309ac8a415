from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "regiowerk.services"
    verbose_name = _("Services and events")

    def ready(self) -> None:
        from regiowerk.people import contributions
        from regiowerk.people.access_labels import name_accesses
        from regiowerk.services import privacy
        from regiowerk.services.constants import ACCESS_LABELS
        from regiowerk.services.facts import register_tables

        register_tables()
        name_accesses(ACCESS_LABELS)
        # What services keeps about a person: export, erasure, the dossier page.
        contributions.register(privacy.CONTRIBUTION)
