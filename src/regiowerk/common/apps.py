from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "regiowerk.common"
    verbose_name = "Common"
