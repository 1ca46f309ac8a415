"""Exceptions that more than one app raises or handles."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _


class NotFoundOrNoAccess(ObjectDoesNotExist):
    """A record does not exist, or the actor may not see it: deliberately the same.

    Apps raise subclasses (``people.access.AccessDenied``); the API answers 404 with the
    exception's message, exactly as for an unknown id.
    """

    message = _("Not found or no access.")

    def __init__(self) -> None:
        super().__init__(str(self.message))
