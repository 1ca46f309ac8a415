"""Web pages: log-in, changing one's password, the start page, switching organisation."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regiowerk.common.ids import parse_id
from regiowerk.organisations import actions, start, two_factor
from regiowerk.organisations.forms import (
    OwnPasswordChangeForm,
    OwnSetPasswordForm,
    TokenForm,
)
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import (
    NoOrganisationError,
    api_token_created,
    get_actor,
    organisations_of,
)
from regiowerk.organisations.web import ActorRequest, actor_required


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


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Set one's password from the link of an invitation
    (``actions.send_password_invitation``): Django's password-reset token, which works
    once and expires. A deactivated user's link does not work."""

    template_name = "organisations/password_set.html"
    form_class = OwnSetPasswordForm
    success_url = reverse_lazy("login")

    def get_user(self, uidb64: str) -> User | None:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password is set. Log in with your username and the new password."),
        )
        return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    try:
        return _partner_home(request)
    except PermissionDenied:
        # an employer contact (employers.EmployerContact) belongs to no partner
        # organisation: their start page is their own (placements,
        # "employer-workers"); asked only then, so a partner's page costs no query
        if hasattr(request.user, "employer_contact"):
            return redirect("employer-workers")
        raise


@actor_required
def _partner_home(request: ActorRequest) -> HttpResponse:
    return render(
        request,
        "organisations/home.html",
        {
            "organisations": organisations_of(request.user),
            "panels": start.panels_for(request.actor, timezone.localdate()),
        },
    )


@require_POST
@actor_required
def switch_organisation(request: ActorRequest) -> HttpResponse:
    organisation_id = parse_id(request.POST.get("organisation"))
    if organisation_id is None:
        return redirect("home")
    try:
        actor = get_actor(
            user=request.user,
            organisation_id=organisation_id,
        )
    except NoOrganisationError:
        return redirect("home")
    request.session["organisation_id"] = actor.organisation.pk
    return redirect("home")


def _next_page(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(reverse_lazy("home"))


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """The user's personal API token: make one (shown once, on this response only, never
    in a URL) or revoke it. Both are POSTs."""
    user: User = request.user  # type: ignore[assignment]
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if actions.revoke_api_token(user=user):
                messages.success(request, _("Your API key has been revoked."))
            return redirect("api-token")
        _token, new_key = actions.create_api_token(user=user)
    return render(
        request,
        "organisations/api_token.html",
        {"created": api_token_created(user), "new_key": new_key},
    )


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), enter a code."""
    user: User = request.user  # type: ignore[assignment]
    if two_factor.confirmed_device(user) is not None:
        return render(request, "organisations/otp_setup.html", {"done": True})
    device = actions.start_totp_enrolment(user=user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if actions.confirm_totp_device(device=device, token=form.cleaned_data["token"]):
            two_factor.complete(request, device)
            messages.success(request, _("Two-step log-in is on for your account."))
            return redirect(_next_page(request))
        form.add_error("token", TokenForm.wrong_code)
    return render(
        request,
        "organisations/otp_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_of(device),
            "next": _next_page(request),
        },
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second log-in step: the current code of the user's authenticator app."""
    user: User = request.user  # type: ignore[assignment]
    device = two_factor.confirmed_device(user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device is not None and device.verify_token(form.cleaned_data["token"]):
            two_factor.complete(request, device)
            return redirect(_next_page(request))
        form.add_error("token", TokenForm.wrong_code)
    return render(
        request,
        "organisations/otp_verify.html",
        {"form": form, "next": _next_page(request)},
    )
