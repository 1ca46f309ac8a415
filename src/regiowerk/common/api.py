"""What every API view shares: the error format, one way to refuse, schema naming.

The error format names the field and the reason, for every error::

    {"errors": [{"field": "birth_date", "code": "invalid", "message": "..."}]}

Non-field errors carry ``"field": null``. Views derive from :class:`BaseApi`.

Hostile input is refused for every view at once: bodies are JSON only (a form-encoded
partial update would turn every boolean left out into false), nested at most
``MAX_JSON_DEPTH`` levels, and parsed before the view acts; a page holds at most
``MAX_PAGE_SIZE`` rows (``common/api_input.py``, kept apart because the REST framework
settings load it while ``rest_framework.views`` is still importing); integers must fit
a 64-bit column.
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Choices, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found, permission_denied, server_error

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.utils.mediatypes import media_type_matches
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from regiowerk.common.api_input import Pagination as Pagination  # for the views
from regiowerk.common.exceptions import NotFoundOrNoAccess
from regiowerk.common.ids import MAX_ID, MIN_ID
from regiowerk.common.locking import ConcurrentEditError


def _flatten(detail: Any, field: str | None = None) -> list[dict[str, Any]]:
    if isinstance(detail, dict):
        out: list[dict[str, Any]] = []
        for key, value in detail.items():
            # DRF puts non-field messages under these keys; they name no field
            name = None if key in ("non_field_errors", "__all__", "detail") else key
            out += _flatten(
                value, f"{field}.{name}" if field and name else (name or field)
            )
        return out
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, field)]
    code = getattr(detail, "code", "invalid")
    return [{"field": field, "code": code, "message": str(detail)}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler that renders every error in the one format above."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        request = context.get("request")
        exc = exceptions.UnsupportedMediaType(
            getattr(request, "content_type", ""),
            detail=_(
                "Send the request body as JSON (Content-Type: application/json); "
                "“%(type)s” is not accepted."
            )
            % {"type": getattr(request, "content_type", "")},
        )
    if isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(
        "JSON parse error"
    ):
        # DRF's own message is English and carries the JSON decoder's English detail
        exc = exceptions.ParseError(
            detail=_("The request body is not valid JSON."), code="parse_error"
        )
    if isinstance(exc, ConcurrentEditError):
        return Response(
            {"errors": [{"field": "version", "code": "conflict", "message": str(exc)}]},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": _flatten(response.data)}
    return response


EARLIEST_DATE = dt.date(1900, 1, 1)


def _out_of_range(data: Any, path: str | None = None) -> dict[str, ErrorDetail]:
    """Fields of validated ``data`` holding an integer no 64-bit column can store, or a
    date before 1900 (none is meaningful here; a time before 1900 has no proper UTC
    offset in the Dutch time zone, and year 1 overflows when converted)."""
    found: dict[str, ErrorDetail] = {}
    items: Any = (
        data.items()
        if isinstance(data, Mapping)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        name = f"{path}.{key}" if path else str(key)
        if isinstance(value, dt.date) and _day(value) < EARLIEST_DATE:
            message = _("Enter a date from %(year)s on.")
            found[name] = ErrorDetail(
                message % {"year": EARLIEST_DATE.year}, code="min_value"
            )
        elif isinstance(value, int) and not isinstance(value, bool):
            messages = serializers.IntegerField.default_error_messages
            if value > MAX_ID:
                found[name] = ErrorDetail(
                    str(messages["max_value"]).format(max_value=MAX_ID), "max_value"
                )
            elif value < MIN_ID:
                found[name] = ErrorDetail(
                    str(messages["min_value"]).format(min_value=MIN_ID), "min_value"
                )
        else:
            found.update(_out_of_range(value, name))
    return found


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def inline_choice_field(
    choices: type[Choices],
) -> Callable[..., serializers.ChoiceField]:
    """A choice field over ``choices`` that the schema documents inline ("One of: ..."):
    a separate enum component would collide with other apps' fields of the same name
    (``source``)."""

    @extend_schema_field(
        {"type": "string", "description": "One of: " + ", ".join(choices.values)}
    )
    class InlineChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(choices=choices.choices, **kwargs)

    return InlineChoiceField


# --- Base view -----------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """One error of the error format (for the schema)."""

    field = serializers.CharField(
        allow_null=True,
        help_text="The field (dotted for nested ones); null: the request.",
    )
    code = serializers.CharField()
    message = serializers.CharField()


NOT_FOUND = OpenApiResponse(description="Not found, or no access (indistinguishable).")
CONFLICT = OpenApiResponse(description="The version is out of date: reload and retry.")

_ERRORS = {
    "400": "Invalid parameters or body; each error names its field.",
    "401": "Not authenticated (send `Authorization: Token <key>` or a session cookie).",
    "403": "Not allowed, or `X-Organisation` is not an organisation of yours.",
    "404": "Not found, or no access (indistinguishable).",
    "409": "The version is out of date: reload and retry.",
    "415": "The body is not JSON (`Content-Type: application/json`).",
    "429": "Too many requests: retry later.",
}


class NamedAutoSchema(AutoSchema):
    """The schema of :class:`BaseApi` views, as they really answer.

    - Serializers are named after their class path (``PersonCreateApi.InputSerializer``
      becomes ``PersonCreateApiInput``): the many nested ``InputSerializer`` classes of
      one-view-per-operation do not collide in the OpenAPI components.
    - A view whose method calls :meth:`BaseApi.paginated` (or uses :class:`Pagination`
      itself) is documented as the page it returns (``count``, ``next``, ``previous``,
      ``results``) with its ``limit``/``offset`` parameters.
    - Every error status an operation can answer is declared, in the error format.
    """

    def get_serializer_name(self, serializer: Any, direction: Any) -> str:
        return type(serializer).__qualname__.replace(".", "").replace("Serializer", "")

    def _get_paginator(self) -> Any:
        handler = getattr(self.view, self.method.lower(), None)
        names = getattr(getattr(handler, "__code__", None), "co_names", ())
        if "paginated" in names or Pagination.__name__ in names:
            return Pagination()
        return super()._get_paginator()  # type: ignore[no-untyped-call]

    def _error_response(self) -> dict[str, str]:
        """A reference to the error format, ``{"errors": [Error, ...]}``."""
        item = self.resolve_serializer(ErrorSerializer(), "response").ref
        component = ResolvedComponent(  # type: ignore[no-untyped-call]
            name="ErrorResponse",
            type=ResolvedComponent.SCHEMA,
            object="ErrorResponse",
            schema={
                "type": "object",
                "properties": {"errors": {"type": "array", "items": item}},
                "required": ["errors"],
            },
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _body_fields(self) -> list[str]:
        serializer = self.get_request_serializer() if self.method != "GET" else None
        instance = force_instance(serializer)  # type: ignore[no-untyped-call]
        return list(getattr(instance, "fields", {}))

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        body = self._body_fields()
        codes = ["401", "403", "429"]
        takes_body = self.method in (
            "POST",
            "PUT",
            "PATCH",
        )  # BaseApi.initial parses it
        if takes_body or any(p["in"] == "query" for p in parameters):
            codes.append("400")
        # a record named in the path, a filter (``?person=<uuid>``) or the body
        # (``person_id``) may be unknown
        if any(
            p["in"] == "path" or p.get("schema", {}).get("format") == "uuid"
            for p in parameters
        ) or any(name.endswith("_id") for name in body):
            codes.append("404")
        if "version" in body:  # a versioned record refuses a stale version
            codes.append("409")
        if takes_body:
            codes.append("415")
        error = self._error_response()
        responses = operation["responses"]
        for code in codes:
            responses.setdefault(code, {"description": _ERRORS[code]})
        for code, response in responses.items():
            if code.startswith("4"):  # a fresh dict each: no YAML anchors
                response.setdefault(
                    "content", {"application/json": {"schema": {**error}}}
                )
        operation["responses"] = dict(sorted(responses.items()))
        return operation


# Base of every API view: unknown and forbidden records are one 404; a refused action
# keeps its reason as 403; nested serializers get unique schema names. (A comment, not a
# docstring: drf-spectacular would show an inherited docstring on every operation.)
class BaseApi(APIView):
    schema = NamedAutoSchema()

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH"):
            # Parse the body before the view acts: a body of the wrong type or shape is
            # refused (415/400) before anything is looked up or changed. An empty body
            # of a form type too: REST framework would read it as a form in which
            # every boolean is false.
            content_type = request.content_type
            if content_type and not any(
                media_type_matches(parser.media_type, content_type)
                for parser in request.parsers
            ):
                raise exceptions.UnsupportedMediaType(content_type)
            request.data  # noqa: B018

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, NotFoundOrNoAccess):
            exc = exceptions.NotFound(str(exc))
        elif isinstance(exc, ObjectDoesNotExist):
            exc = exceptions.NotFound()  # never the model's name in the message
        elif isinstance(exc, DjangoPermissionDenied) and exc.args:
            exc = exceptions.PermissionDenied(str(exc))  # keep the action's reason
        return super().handle_exception(exc)

    def paginated(
        self, rows: QuerySet[Any], serializer: Callable[..., Any]
    ) -> Response:
        """A limit/offset page of ``rows`` rendered with ``serializer(page,
        many=True)``: a serializer class, or a function that reads (and logs) the
        page's persons first."""
        paginator = Pagination()
        page: list[Any] = (
            paginator.paginate_queryset(rows, self.request, view=self) or []
        )
        return paginator.get_paginated_response(serializer(page, many=True).data)


# --- Routes ----------------------------------------------------------------------------------


def api_path(route: str, view: type[APIView]) -> URLPattern:
    """The route of one API view, named after the view: ``PersonFindByBsnApi`` is
    ``api-person-find-by-bsn``."""
    words = re.findall(r"[A-Z][a-z0-9]*", view.__name__.removesuffix("Api"))
    return path(route, view.as_view(), name="-".join(["api", *words]).lower())


def _api_error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"field": None, "code": code, "message": message}]}, status=status
    )


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: a path no view answers (say, a malformed UUID) under ``/api/``
    gets the error format, like every other API error; elsewhere the app's page."""
    if _is_api(request):
        return _api_error("not_found", str(exceptions.NotFound.default_detail), 404)
    return page_not_found(request, exception)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler403``: the error format under ``/api/``; elsewhere the app's page with
    the reason the view or action gave (``403.html``)."""
    if _is_api(request):
        reason = str(exception) if exception and exception.args else ""
        message = reason or str(exceptions.PermissionDenied.default_detail)
        return _api_error("permission_denied", message, 403)
    return permission_denied(request, exception or DjangoPermissionDenied())


def server_failed(request: HttpRequest) -> HttpResponse:
    """``handler500``: the error format under ``/api/``; elsewhere ``500.html``, which
    renders without the request context and without the database."""
    if _is_api(request):
        message = _("A server error occurred. It has been recorded; try again later.")
        return _api_error("server_error", message, 500)
    return server_error(request)


def validated(
    serializer_class: type[serializers.Serializer], data: Any
) -> dict[str, Any]:
    """Validate request data with ``serializer_class``; 400 in the error format if bad
    (also for an integer beyond 64 bits, which no id or count column can hold, and a
    date before 1900)."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    too_large = _out_of_range(serializer.validated_data)
    if too_large:
        raise exceptions.ValidationError(too_large)
    return dict(serializer.validated_data)
