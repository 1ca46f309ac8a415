"""Error reports without personal data, whatever DEBUG says.

Django's technical 500 page (DEBUG on, the ``make run`` default) and the error report it
logs or mails show the POST parameters, the query string and every frame's local
variables: a BSN from a form-encoded API call, an import row, a person's name. The
settings name these classes (``DEFAULT_EXCEPTION_REPORTER_FILTER`` and
``DEFAULT_EXCEPTION_REPORTER``); they hide

- a parameter, dictionary key or variable whose name is a personal field (BSN, names,
  birth date, e-mail, phone, address, free text...), at any depth;
- any nine digits in a value (a BSN, also written 1234.56.789), in parameters, locals,
  the URL and the exception's message;
- an API key (``rw_`` and 64 hexadecimal digits, or an older key of 40) and the
  ``Authorization`` header, wherever they appear;
- a record whose model has personal fields (its ``str()`` is a name);
- every local of an import module's frames (rows of cells, unnamed);
- the path and the query string (a name typed into a URL): the report and the
  ``django.request`` log line show the path's URL pattern (``/personen/<uuid:person_id>/``)
  instead, and a path no pattern matches not at all.
"""

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

# Names of fields, keys and variables that hold personal data.
PERSONAL_NAME = re.compile(
    r"bsn|name|initials|birth|e_?mail|phone|mobile|address|street|house|postcode|"
    r"postal|zip|city|place_of|iban|notes|remarks|free_text|limitations|answers|"
    r"password|token|secret|authori[sz]ation|api_?key|^q$|search",
    re.IGNORECASE,
)
# Nine digits, bare or grouped (123456789, 1234.56.789, 1234 56 789), not inside a
# longer number.
NINE_DIGITS = re.compile(r"(?<!\d)\d{4}[ .]?\d{2}[ .]?\d{3}(?!\d)")
# A personal API key (``organisations.api_keys``): ``rw_`` and 64 hexadecimal digits, or
# an older key of 40 (a SHA-1-sized hexadecimal value is hidden too).
API_KEY = re.compile(r"rw_[0-9a-f]{64}|(?<![0-9a-fA-F])[0-9a-f]{40}(?![0-9a-fA-F])")
_MAX_DEPTH = 8
HIDDEN_PATH = "[path hidden]"
# Request headers and CGI variables that repeat the path, the query string or a URL.
_URL_META = ("PATH_INFO", "QUERY_STRING", "REQUEST_URI", "RAW_URI", "HTTP_REFERER")


def scrubbed_path(request: HttpRequest) -> str:
    """The URL pattern the request's path matched (``/personen/<uuid:person_id>/``):
    what a report needs to find the view, without a value typed into the URL."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return HIDDEN_PATH
    return "/" + str(match.route)


def is_personal_name(name: object) -> bool:
    return isinstance(name, str) and bool(PERSONAL_NAME.search(name))


class PersonalDataFilter(SafeExceptionReporterFilter):
    """Hides personal fields and BSN-like numbers in error reports, DEBUG on or off."""

    def is_active(self, request: Any) -> bool:
        return True  # the development server shows its reports too

    def scrub_text(self, text: str) -> str:
        text = API_KEY.sub(self.cleansed_substitute, text)
        return NINE_DIGITS.sub(self.cleansed_substitute, text)

    @staticmethod
    def needs_scrubbing(text: str) -> bool:
        return bool(NINE_DIGITS.search(text) or API_KEY.search(text))

    def scrub(self, value: Any, depth: int = 0) -> Any:
        """``value`` with personal entries and BSN-like numbers hidden."""
        if depth > _MAX_DEPTH:
            return self.cleansed_substitute
        if isinstance(value, str):
            return self.scrub_text(value)
        if isinstance(value, bytes | bytearray):
            return self.scrub_text(value.decode("utf-8", "replace"))
        if isinstance(value, bool | int | float | type(None)):
            hidden = isinstance(value, int) and NINE_DIGITS.search(str(value))
            return self.cleansed_substitute if hidden else value
        if isinstance(value, MultiValueDict):
            return {key: self._entry(key, value.getlist(key), depth) for key in value}
        if isinstance(value, Mapping):
            return {
                self.scrub(key, depth + 1): self._entry(key, item, depth)
                for key, item in value.items()
            }
        if isinstance(value, list | tuple | set | frozenset):
            return type(value)(self.scrub(item, depth + 1) for item in value)
        if isinstance(value, HttpRequest):  # its repr holds the path
            return f"<{type(value).__name__}: {value.method} {scrubbed_path(value)!r}>"
        if isinstance(value, Model) and _names_a_person(type(value)):
            return f"<{type(value).__name__}: {self.cleansed_substitute}>"
        if isinstance(value, QuerySet) and _names_a_person(value.model):
            return f"<QuerySet of {value.model.__name__}: {self.cleansed_substitute}>"
        try:
            text = repr(value)
        except Exception:
            return self.cleansed_substitute
        return self.scrub_text(text) if self.needs_scrubbing(text) else value

    def _entry(self, key: Any, item: Any, depth: int) -> Any:
        if is_personal_name(key):
            return self.cleansed_substitute
        return self.scrub(item, depth + 1)

    def get_post_parameters(self, request: Any) -> Any:
        parameters = super().get_post_parameters(request)
        return self.scrub(parameters) if parameters else parameters

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        if _reads_import_rows(tb_frame):
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return [
            (name, self._entry(name, value, 0))
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]

    def get_safe_request_meta(self, request: Any) -> dict[str, Any]:
        meta = {
            key: self.scrub(value) if isinstance(value, str) else value
            for key, value in super().get_safe_request_meta(request).items()
        }
        for key in _URL_META:
            if key in meta:
                meta[key] = self.cleansed_substitute
        if "PATH_INFO" in meta:
            meta["PATH_INFO"] = scrubbed_path(request)
        return meta


def _reads_import_rows(tb_frame: Any) -> bool:
    """A frame of an import module (``common/imports.py``, ``<app>/imports.py``): its
    locals are rows of cells (names, BSNs) without a column name to recognise."""
    path = Path(tb_frame.f_code.co_filename)
    return path.name == "imports.py" and "regiowerk" in path.parts


def _names_a_person(model: type[Model]) -> bool:
    return any(is_personal_name(field.name) for field in model._meta.get_fields())


class _ScrubbedRequest:
    """What the report's templates read of the request (``request.path_info``,
    ``request.META.REQUEST_METHOD``), with the path as its URL pattern."""

    def __init__(self, request: HttpRequest) -> None:
        self.path_info = scrubbed_path(request)
        self.META = {"REQUEST_METHOD": request.META.get("REQUEST_METHOD", "")}


class PersonalDataExceptionReporter(ExceptionReporter):
    """Also hides them where Django's reporter reads the request itself: the path, the
    query string, the URL and the exception's message."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        scrub = PersonalDataFilter()
        if self.request is not None:
            data["request"] = _ScrubbedRequest(self.request)
            data["request_GET_items"] = scrub.scrub(self.request.GET).items()
            data["request_insecure_uri"] = (
                f"{self.request.scheme}://{self.request._get_raw_host()}"  # type: ignore[attr-defined]
                f"{scrubbed_path(self.request)}"
            )
        if "exception_value" in data:
            data["exception_value"] = scrub.scrub_text(data["exception_value"])
        return data


class ScrubbedRequestPath(logging.Filter):
    """A logging filter: ``django.request`` logs "Internal Server Error: <path>" (and
    "Not Found", "Forbidden"); the path becomes its URL pattern."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        args = record.args
        if (
            isinstance(request, HttpRequest)
            and isinstance(args, tuple)
            and args
            and args[0] == request.path
        ):
            record.args = (scrubbed_path(request), *args[1:])
        return True
