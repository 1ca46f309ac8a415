from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "regiowerk.services"
    verbose_name = _("Services and events")

    def ready(self) -> None:
        from regiowerk.people import contributions
        from regiowerk.services import privacy
        from regiowerk.services.facts import register_tables

        register_tables()
        # What services keeps about a person: export, erasure, the dossier page.
        contributions.register(privacy.CONTRIBUTION)
