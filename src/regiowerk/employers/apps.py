from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "regiowerk.employers"
    verbose_name = _("Employers and vacancies")

    def ready(self) -> None:
        from regiowerk.employers.facts import register_tables

        register_tables()
