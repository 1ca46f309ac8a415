"""Web pages: log-in, the start page, switching organisation."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from regiowerk.organisations.queries import (
    NoOrganisationError,
    get_actor,
    organisations_of,
)
from regiowerk.organisations.web import actor_required


class LoginView(auth_views.LoginView):
    template_name = "organisations/login.html"
    redirect_authenticated_user = True


@actor_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/home.html",
        {"organisations": organisations_of(request.user)},  # type: ignore[arg-type]
    )


@require_POST
@actor_required
def switch_organisation(request: HttpRequest) -> HttpResponse:
    try:
        actor = get_actor(
            user=request.user,  # type: ignore[arg-type]
            organisation_id=int(request.POST.get("organisation", "")),
        )
    except (ValueError, NoOrganisationError):
        return redirect("home")
    request.session["organisation_id"] = actor.organisation.pk
    return redirect("home")
