"""Organisations, users and memberships."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import TimeStampedModel
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.fields import region_reference


class Region(TimeStampedModel):
    """A labour-market region (arbeidsmarktregio)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("labour-market region")
        verbose_name_plural = _("labour-market regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A partner organisation in a region."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    region = region_reference(related_name="organisations")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in: a professional of a partner organisation."""

    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="users", blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(TimeStampedModel):
    """A user's role in an organisation; a user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A user's personal API key, kept only as the SHA-256 of the key
    (``organisations.api_keys``): the key itself is shown once, when it is made, and
    stored nowhere. One per user; a new key replaces the old one."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="api_token", verbose_name=_("user")
    )
    digest = models.CharField(
        _("SHA-256 of the key"), max_length=64, unique=True, editable=False
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return str(_("API key of %(user)s") % {"user": self.user})
