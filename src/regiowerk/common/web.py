"""What every web view shares (the twin of ``common/api.py``): not-found-or-no-access as
the one 404 page, an action's field errors put on a form, and a form submitted to an
action (:func:`save_form`).

The typed request carrying the actor lives with the actor, in ``organisations.web``
(``ActorRequest``); ``common`` sits below ``organisations`` and cannot name it.
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.functional import Promise

from regiowerk.common.exceptions import NotFoundOrNoAccess
from regiowerk.common.locking import ConcurrentEditError

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)  # a page, a redirect, a file
T = TypeVar("T")


def not_found_is_404(view: Callable[P, R]) -> Callable[P, R]:
    """Turn "not found or no access" into the same 404 page for a missing and a forbidden
    record, so ids cannot be probed. A plain ``DoesNotExist`` from a query is a 404 too,
    without the model's name."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return view(*args, **kwargs)
        except NotFoundOrNoAccess as exc:
            raise Http404(str(exc)) from None
        except ObjectDoesNotExist:
            raise Http404(str(NotFoundOrNoAccess.message)) from None

    return wrapped


def add_errors(
    form: forms.BaseForm,
    exc: ValidationError,
    *,
    field_map: Mapping[str, str] | None = None,
    labels: Mapping[str, str | Promise] | None = None,
) -> None:
    """Put an action's ValidationError on the form: each message on its field, and one
    for a field the form does not show on the form itself, prefixed with the field's
    label (``labels``, else its name capitalised), so no reason is lost. ``field_map``
    renames an action's field to the form's (``price_cents`` → ``price``)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        target = (field_map or {}).get(name, name)
        if target in form.fields:
            form.add_error(target, errors)
        elif name == NON_FIELD_ERRORS:
            form.add_error(None, errors)
        else:
            label = (labels or {}).get(name) or name.replace("_", " ").capitalize()
            form.add_error(None, [f"{label}: {error}" for error in errors])


def add_conflict(form: forms.BaseForm) -> None:
    """The optimistic-locking refusal on a form: someone else saved first."""
    form.add_error(None, str(ConcurrentEditError.message))


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    change: Callable[[dict[str, Any]], T],
    done: Any,  # str or a lazy translation
) -> T | None:
    """When ``form`` is submitted and valid, make ``change`` with its cleaned data: on
    success show ``done`` and return what the change returns (the saved record); on a
    refusal put the reasons on the form (a stale version as the conflict) and return
    None, so the caller shows the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = change(form.cleaned_data)
    except ConcurrentEditError:
        add_conflict(form)
        return None
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, done)
    return result


__all__ = ["add_conflict", "add_errors", "not_found_is_404", "save_form"]
