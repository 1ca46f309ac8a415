from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "regiowerk.organisations"
    verbose_name = _("Organisations and users")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from regiowerk.organisations import two_factor

        # Log-in plumbing, not domain logic: note the second step a session needs.
        user_logged_in.connect(two_factor.note_login, dispatch_uid="regiowerk-2fa")
