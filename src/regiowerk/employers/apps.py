from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "regiowerk.employers"
    verbose_name = _("Employers and vacancies")

    def ready(self) -> None:
        from regiowerk.employers import worklist
        from regiowerk.employers.facts import register_tables
        from regiowerk.organisations import start

        register_tables()
        # The start page's worklist (organisations.start).
        start.register("employers-employers", 50, worklist.employers_panel)
