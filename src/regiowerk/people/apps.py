from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "regiowerk.people"
    verbose_name = _("People and privacy")

    def ready(self) -> None:
        from regiowerk.organisations import start
        from regiowerk.people import contributions, worklist
        from regiowerk.people.facts import register_tables

        register_tables()
        # The start page's worklist (organisations.start).
        start.register("people-caseload", 10, worklist.caseload_panel)
        start.register("people-plan-actions", 20, worklist.plan_actions_panel)
        start.register("people-planned-contacts", 30, worklist.planned_contacts_panel)
        start.register("people-recent-dossiers", 40, worklist.recent_dossiers_panel)
        start.register("people-overview", 80, worklist.overview_panel)
        # regiowerk.E001: every model naming a person has a registered contribution.
        checks.register(contributions.check_contributions, checks.Tags.models)
