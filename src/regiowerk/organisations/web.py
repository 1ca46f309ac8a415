"""Resolve the acting organisation for web and API requests (adapters only)."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request

from regiowerk.common.ids import parse_id
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import Actor, NoOrganisationError, get_actor

ORGANISATION_HEADER = "X-Organisation"

R = TypeVar("R", bound=HttpResponseBase)  # a page, a redirect, a file


class ActorRequest(HttpRequest):
    """The request of a view wrapped in :func:`actor_required`: it carries the actor.

    Annotate such views ``def page(request: ActorRequest, ...)`` and read
    ``request.actor``; no ``type: ignore`` needed.
    """

    actor: Actor
    user: User


def actor_required(view: Callable[..., R]) -> Callable[..., R]:
    """Log-in required; sets ``request.actor`` from the organisation chosen in the session."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        try:
            cast(ActorRequest, request).actor = get_actor(
                user=cast(User, request.user),
                organisation_id=request.session.get("organisation_id"),
            )
        except NoOrganisationError as exc:
            raise PermissionDenied(str(exc)) from exc
        return view(request, *args, **kwargs)

    return wrapped


def api_actor(request: Request) -> Actor:
    """The actor of an API request; the ``X-Organisation`` header picks the organisation."""
    raw = request.headers.get(ORGANISATION_HEADER)
    organisation_id = parse_id(raw) if raw else None
    try:
        if raw and organisation_id is None:  # not an id: no organisation of yours
            raise NoOrganisationError(str(NoOrganisationError.message))
        return get_actor(user=cast(User, request.user), organisation_id=organisation_id)
    except NoOrganisationError as exc:
        raise ApiPermissionDenied(str(NoOrganisationError.message)) from exc
