from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "regiowerk.people"
    verbose_name = _("People and privacy")

    def ready(self) -> None:
        from regiowerk.people import contributions
        from regiowerk.people.facts import register_tables

        register_tables()
        # regiowerk.E001: every model naming a person has a registered contribution.
        checks.register(contributions.check_contributions, checks.Tags.models)
