"""Web pages: log-in, changing one's password, the start page, switching organisation."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regiowerk.organisations.forms import OwnPasswordChangeForm
from regiowerk.organisations.queries import (
    NoOrganisationError,
    get_actor,
    organisations_of,
)
from regiowerk.organisations.web import actor_required


class LoginView(auth_views.LoginView):
    template_name = "organisations/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (the old one, then the new one twice); stays logged in."""

    template_name = "organisations/password_change.html"
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


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
