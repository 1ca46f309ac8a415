from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "regiowerk.matching"
    verbose_name = _("Skills and matching")

    def ready(self) -> None:
        from regiowerk.matching import privacy, worklist  # models are loaded by now
        from regiowerk.organisations import start
        from regiowerk.people import contributions

        contributions.register(privacy.CONTRIBUTION)
        # The start page's worklist (organisations.start).
        start.register("matching-vacancies", 60, worklist.vacancies_panel)
