"""The employer contact's pages (Mijn medewerkers): thin views over
``placements.employer_view``. Only employer contacts reach them; partner users (and
anyone else) are refused with 403, as employer contacts are on every partner page."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regiowerk.employers.models import EmployerContact
from regiowerk.organisations.models import User
from regiowerk.people.access import AccessDenied
from regiowerk.placements import employer_view


def employer_contact_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Log-in required, and the user an employer contact (passed as ``contact``)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        contact = employer_view.contact_of(cast(User, request.user))
        if contact is None:
            raise PermissionDenied(_("This page is for employer contacts only."))
        return view(request, contact, *args, **kwargs)

    return wrapped


def _page(
    request: HttpRequest,
    contact: EmployerContact,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "placements/employer_workers.html",
        {
            "overview": employer_view.overview(contact),
            "errors": errors or {},
            "question_max": employer_view.QUESTION_MAX_LENGTH,
        },
        status=status,
    )


@employer_contact_required
def employer_workers(request: HttpRequest, contact: EmployerContact) -> HttpResponse:
    return _page(request, contact)


@require_POST
@employer_contact_required
def employer_help(request: HttpRequest, contact: EmployerContact) -> HttpResponse:
    try:
        employer_view.ask_for_help(
            contact=contact,
            placement_id=request.POST.get("placement", ""),
            question=request.POST.get("question", ""),
        )
    except AccessDenied as exc:
        raise Http404(str(exc)) from exc
    except ValidationError as exc:
        return _page(request, contact, errors=exc.message_dict, status=400)
    messages.success(
        request, _("Your request for help has been sent to your labour expert.")
    )
    return redirect("employer-workers")
