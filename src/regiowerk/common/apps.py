from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "regiowerk.common"
    verbose_name = "Common"

    def ready(self) -> None:
        from regiowerk.common import checks  # noqa: F401  (registers the system checks)
