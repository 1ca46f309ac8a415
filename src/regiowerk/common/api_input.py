"""The API's body parser and page class, named in the REST framework settings.

Kept apart from ``common/api.py``: the settings load these while ``rest_framework.views``
is still being imported, so this module must not import it.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from rest_framework import exceptions, parsers
from rest_framework.fields import IntegerField
from rest_framework.pagination import LimitOffsetPagination

MAX_JSON_DEPTH = 32  # the deepest body any operation takes is 3 levels
MAX_PAGE_SIZE = 200
_WHOLE_NUMBER = re.compile(r"[0-9]+")


def _depth(data: Any) -> int:
    """How deeply ``data`` nests lists and objects (iterative: no recursion limit)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """The only body the API takes: JSON, nested at most :data:`MAX_JSON_DEPTH` deep."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        too_deep = exceptions.ParseError(
            _("The JSON body is nested more than %(max)s levels deep.")
            % {"max": MAX_JSON_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # the decoder gave up before our own check could run
            raise too_deep from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise too_deep
        return data


class Pagination(LimitOffsetPagination):
    """Limit/offset pages of at most :data:`MAX_PAGE_SIZE` rows (a larger ``limit`` is
    cut to it); a ``limit`` or ``offset`` that is not a whole number is a 400."""

    max_limit = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        # The REST framework silently ignores a malformed limit or offset (a page from
        # the start, or of the default size): refuse it, naming the parameter.
        for name in (self.limit_query_param, self.offset_query_param):
            value = request.query_params.get(name)
            if value is not None and not _WHOLE_NUMBER.fullmatch(value):
                message = IntegerField.default_error_messages["invalid"]
                raise exceptions.ValidationError({name: [message]}, code="invalid")
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 0
            if parameter["name"] == self.limit_query_param:
                parameter["schema"]["maximum"] = self.max_limit
        return parameters
