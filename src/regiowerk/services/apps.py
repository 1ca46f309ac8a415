from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "regiowerk.services"
    verbose_name = _("Services and events")

    def ready(self) -> None:
        from regiowerk.services.facts import register_tables

        register_tables()
