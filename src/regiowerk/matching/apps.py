from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "regiowerk.matching"
    verbose_name = _("Skills and matching")

    def ready(self) -> None:
        from regiowerk.matching import privacy, worklist  # models are loaded by now
        from regiowerk.matching.constants import ACCESS_LABELS
        from regiowerk.organisations import start
        from regiowerk.people import contributions
        from regiowerk.people.access_labels import name_accesses

        name_accesses(ACCESS_LABELS)

        contributions.register(privacy.CONTRIBUTION)
        # The start page's worklist (organisations.start).
        start.register("matching-vacancies", 60, worklist.vacancies_panel)
