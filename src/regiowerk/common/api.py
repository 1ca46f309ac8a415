"""The API's error format: one shape for every error, naming the field and the reason.

    {"errors": [{"field": "birth_date", "code": "invalid", "message": "..."}]}

Non-field errors carry ``"field": null``.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

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
