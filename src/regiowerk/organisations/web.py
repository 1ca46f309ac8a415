"""Resolve the acting organisation for web and API requests (adapters only), and the
API operations built over it (:func:`read_api`, :func:`change_api`, :func:`page_api`,
:func:`create_api`)."""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import CONFLICT, NOT_FOUND, BaseApi, validated
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


# --- API operations -------------------------------------------------------------------------
# The shapes most API views take, written once; a view declares ``get = read_api(...)`` or
# ``post = change_api(...)`` with its serializers and the query or action it calls. They
# live here, beside ``api_actor``: ``common.api`` sits below organisations and cannot
# name the actor. (Comments, not docstrings, in the handlers: drf-spectacular would show
# a handler's docstring as the operation's description.)

Fetch = Callable[
    [Actor, Any, bool], Any
]  # (actor, the id in the path — the tuple of its ids where it has several —, write) -> record
Output = type[serializers.BaseSerializer]  # an output serializer class


def read_api(
    fetch: Fetch,
    output: Output,
    *,
    rows: Callable[[Actor, Any], Any] | None = None,
    summary: str | None = None,
) -> Callable[..., Response]:
    """The GET of the record named in the path, read by ``fetch`` (which checks access
    and logs where the record names a person) and shown in ``output``; with ``rows``,
    what ``rows(actor, record)`` lists, shown in ``output`` each."""
    shown = output if rows is None else output(many=True)

    @extend_schema(responses={200: shown, 404: NOT_FOUND}, summary=summary)
    def get(self: BaseApi, request: Request, **ids: Any) -> Response:
        actor = api_actor(request)
        record = fetch(actor, _path_id(ids), False)
        if rows is None:
            return Response(output(record).data)
        return Response(output(rows(actor, record), many=True).data)

    return get


def change_api(
    fetch: Fetch,
    change: Callable[[Actor, Any, dict[str, Any]], Any],
    output: Output,
    *,
    input: type[serializers.Serializer],
    created: bool = False,
    versioned: bool = False,
    show: Fetch | None = None,
    summary: str | None = None,
) -> Callable[..., Response]:
    """The POST of a change to the record named in the path: ``fetch`` reads it to
    change it, the body is parsed with ``input``, ``change(actor, record, data)`` makes
    the change and what it returns is shown in ``output`` (201 when ``created``; a
    ``versioned`` change may answer 409) — read again with ``show`` first, for an
    output that needs what a query adds (counts, related rows)."""
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    responses: dict[int, Any] = {code: output, 404: NOT_FOUND}
    if versioned:
        responses[409] = CONFLICT

    @extend_schema(request=input, responses=responses, summary=summary)
    def post(self: BaseApi, request: Request, **ids: Any) -> Response:
        actor = api_actor(request)
        record = fetch(actor, _path_id(ids), True)
        data = validated(input, request.data)
        changed = _shown(show, actor, change(actor, record, data))
        return Response(output(changed).data, status=code)

    return post


def _path_id(ids: dict[str, Any]) -> Any:
    """The one id in the path, or the tuple of its ids in path order (a project's
    indicator: ``(project_id, indicator_id)``)."""
    values = tuple(ids.values())
    return values[0] if len(values) == 1 else values


def _shown(show: Fetch | None, actor: Actor, record: Any) -> Any:
    return record if show is None else show(actor, record.pk, False)


def page_api(
    filters: type[serializers.Serializer],
    rows: Callable[[Actor, dict[str, Any]], QuerySet[Any]],
    output: Output,
    *,
    summary: str | None = None,
) -> Callable[..., Response]:
    """The GET of a page of records: the query parsed with ``filters``, the records
    ``rows(actor, filters)``, a limit/offset page of them shown in ``output``."""

    @extend_schema(parameters=[filters], responses=output(many=True), summary=summary)
    def get(self: BaseApi, request: Request) -> Response:
        actor = api_actor(request)
        found = rows(actor, validated(filters, request.query_params))
        return self.paginated(found, output)

    return get


def create_api(
    input: type[serializers.Serializer],
    create: Callable[[Actor, dict[str, Any]], Any],
    output: Output,
    *,
    show: Fetch | None = None,
    errors: Mapping[int, Any] | None = None,
    summary: str | None = None,
) -> Callable[..., Response]:
    """The POST that creates a record: the body parsed with ``input``,
    ``create(actor, data)`` makes it, and what it returns is shown in ``output`` (201),
    read again with ``show`` first as for :func:`change_api`. ``errors``: the error
    answers the schema cannot tell from the body's field names (a 404 for a
    ``person`` given by id that the caller may not read)."""

    @extend_schema(
        request=input, responses={201: output, **(errors or {})}, summary=summary
    )
    def post(self: BaseApi, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(input, request.data)
        created = _shown(show, actor, create(actor, data))
        return Response(output(created).data, status=status.HTTP_201_CREATED)

    return post
