from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "regiowerk.monitoring"
    verbose_name = _("Programme monitoring")

    def ready(self) -> None:
        from regiowerk.monitoring.constants import ACCESS_LABELS
        from regiowerk.people.access_labels import name_accesses

        name_accesses(ACCESS_LABELS)
