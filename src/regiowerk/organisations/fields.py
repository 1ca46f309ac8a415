"""References to an organisation, a region or a user, for the models of the apps above.

They name the models by string (``"organisations.Organisation"``), so the apps that may
not import ``organisations.models`` (monitoring) use them too. Each reference keeps the
database as it was: the same ``on_delete``, ``related_name`` and labels as written out.
"""

from typing import TYPE_CHECKING, Any, Literal, overload

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from regiowerk.organisations.models import Organisation, Region, User


@overload
def organisation_reference(
    verbose_name: Any,
    *,
    related_name: str = ...,
    optional: Literal[False] = ...,
    on_delete: Any = ...,
    help_text: Any = ...,
) -> "models.ForeignKey[Organisation, Organisation]": ...
@overload
def organisation_reference(
    verbose_name: Any,
    *,
    related_name: str = ...,
    optional: Literal[True],
    on_delete: Any = ...,
    help_text: Any = ...,
) -> "models.ForeignKey[Organisation | None, Organisation | None]": ...
def organisation_reference(
    verbose_name: Any,
    *,
    related_name: str = "+",
    optional: bool = False,
    on_delete: Any = models.PROTECT,
    help_text: Any = "",
) -> "models.ForeignKey[Any, Any]":
    """A partner organisation a record belongs to or names (holder, provider, partner).

    An organisation with such records cannot be deleted (``PROTECT``) unless the caller
    says otherwise; ``optional`` lets the reference be empty.
    """
    return models.ForeignKey(
        "organisations.Organisation",
        verbose_name=verbose_name,
        on_delete=on_delete,
        related_name=related_name,
        null=optional,
        blank=optional,
        help_text=help_text,
    )


@overload
def region_reference(
    *, related_name: str = ..., optional: Literal[False] = ..., help_text: Any = ...
) -> "models.ForeignKey[Region, Region]": ...
@overload
def region_reference(
    *, related_name: str = ..., optional: Literal[True], help_text: Any = ...
) -> "models.ForeignKey[Region | None, Region | None]": ...
def region_reference(
    *, related_name: str = "+", optional: bool = False, help_text: Any = ""
) -> "models.ForeignKey[Any, Any]":
    """The labour-market region of a record; a region in use cannot be deleted."""
    return models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name=related_name,
        null=optional,
        blank=optional,
        help_text=help_text,
    )


def user_reference(
    verbose_name: Any = None,
) -> "models.ForeignKey[User | None, User | None]":
    """Who did something to a record (registered, recorded, decided it): a user.

    The record outlives the user (the reference becomes empty), is valid without one
    (a system identity or an import), and a user's reverse relations do not list it.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
