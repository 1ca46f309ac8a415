from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "regiowerk.people"
    verbose_name = _("People and privacy")

    def ready(self) -> None:
        from regiowerk.people.facts import register_tables

        register_tables()
