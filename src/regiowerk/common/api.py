"""What every API view shares: the error format, one way to refuse, schema naming.

The error format names the field and the reason, for every error::

    {"errors": [{"field": "birth_date", "code": "invalid", "message": "..."}]}

Non-field errors carry ``"field": null``. Views derive from :class:`BaseApi`.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from regiowerk.common.exceptions import NotFoundOrNoAccess
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
    if isinstance(exc, ConcurrentEditError):
        return Response(
            {"errors": [{"field": "version", "code": "conflict", "message": str(exc)}]},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": _flatten(response.data)}
    return response


# --- Base view -----------------------------------------------------------------------------


NOT_FOUND = OpenApiResponse(description="Not found, or no access (indistinguishable).")
CONFLICT = OpenApiResponse(description="The version is out of date: reload and retry.")


class NamedAutoSchema(AutoSchema):
    """Name serializers after their class path (``PersonCreateApi.InputSerializer``
    becomes ``PersonCreateApiInput``): the many nested ``InputSerializer`` classes of
    one-view-per-operation do not collide in the OpenAPI components."""

    def get_serializer_name(self, serializer: Any, direction: Any) -> str:
        return type(serializer).__qualname__.replace(".", "").replace("Serializer", "")


# Base of every API view: unknown and forbidden records are one 404; a refused action
# keeps its reason as 403; nested serializers get unique schema names. (A comment, not a
# docstring: drf-spectacular would show an inherited docstring on every operation.)
class BaseApi(APIView):
    schema = NamedAutoSchema()

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, NotFoundOrNoAccess):
            exc = exceptions.NotFound(str(exc))
        elif isinstance(exc, ObjectDoesNotExist):
            exc = exceptions.NotFound()  # never the model's name in the message
        elif isinstance(exc, DjangoPermissionDenied) and exc.args:
            exc = exceptions.PermissionDenied(str(exc))  # keep the action's reason
        return super().handle_exception(exc)

    def paginated(self, rows: QuerySet[Any], serializer: type) -> Response:
        """A limit/offset page of ``rows`` rendered with ``serializer``."""
        paginator = LimitOffsetPagination()
        page: list[Any] = (
            paginator.paginate_queryset(rows, self.request, view=self) or []
        )
        return paginator.get_paginated_response(serializer(page, many=True).data)


def validated(
    serializer_class: type[serializers.Serializer], data: Any
) -> dict[str, Any]:
    """Validate request data with ``serializer_class``; 400 in the error format if bad."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
