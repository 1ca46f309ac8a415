"""Organisation and user administration pages (``/beheer/``), for administrators only.

An administrator manages the users of the organisation they act for: create a user,
grant and revoke roles, deactivate. Users are reached only through a membership of that
organisation, so another organisation's users answer 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regiowerk.common.web import add_errors
from regiowerk.organisations import actions
from regiowerk.organisations.constants import Role
from regiowerk.organisations.forms import RoleForm, UserCreateForm
from regiowerk.organisations.models import Membership, Organisation, User
from regiowerk.organisations.queries import Actor, users_of
from regiowerk.organisations.web import ActorRequest, actor_required


def administrator_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """``actor_required`` plus: the actor is an administrator of their organisation."""

    @actor_required
    @wraps(view)
    def wrapped(request: ActorRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.actor.is_administrator:
            raise PermissionDenied(_("Only administrators of this organisation."))
        return view(request, *args, **kwargs)

    return wrapped


def _member(actor: Actor, user_id: int) -> User:
    """A user with a membership of the actor's organisation; 404 otherwise."""
    user = users_of(actor.organisation).filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user


def _roles_by_user(organisation: Organisation) -> dict[int, list[str]]:
    roles: dict[int, list[str]] = {}
    for membership in Membership.objects.filter(organisation=organisation).order_by(
        "role"
    ):
        roles.setdefault(membership.user_id, []).append(membership.role)
    return roles


@administrator_required
def organisation_admin(request: ActorRequest) -> HttpResponse:
    """The organisation's details and its users with their roles."""
    actor = request.actor
    roles = _roles_by_user(actor.organisation)
    users = [
        (user, [Role(role).label for role in roles.get(user.pk, [])])
        for user in users_of(actor.organisation)
    ]
    return render(
        request,
        "organisations/admin/organisation.html",
        {"organisation": actor.organisation, "users": users},
    )


@administrator_required
def region_organisations(request: ActorRequest) -> HttpResponse:
    """The partner organisations of the actor's region, with their type."""
    actor = request.actor
    organisations = Organisation.objects.filter(
        region=actor.organisation.region
    ).order_by("name")
    return render(
        request,
        "organisations/admin/region.html",
        {"region": actor.organisation.region, "organisations": organisations},
    )


def _reported(request: ActorRequest, change: Callable[[], object], done: str) -> bool:
    """Make ``change`` and say how it went: the action's refusal (ValidationError) as an
    error message, else ``done``. True when it was made."""
    try:
        change()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, done)
    return True


@administrator_required
def user_create(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.create_user(
                organisation=actor.organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)  # on the field the action names
        else:
            messages.success(
                request,
                _("User %(username)s was created.") % {"username": user.username},
            )
            return redirect("user-admin", user_id=user.pk)
    return render(request, "organisations/admin/user_create.html", {"form": form})


@administrator_required
def user_admin(request: ActorRequest, user_id: int) -> HttpResponse:
    """One user: their roles here, grant/revoke a role, deactivate."""
    actor = request.actor
    user = _member(actor, user_id)
    held = _roles_by_user(actor.organisation).get(user.pk, [])
    grant_form = RoleForm(prefix="grant")
    cast(forms.ChoiceField, grant_form.fields["role"]).choices = [
        choice for choice in Role.choices if choice[0] not in held
    ]
    return render(
        request,
        "organisations/admin/user.html",
        {
            "member": user,
            "roles": [(role, Role(role).label) for role in held],
            "grant_form": grant_form,
            "other_organisations": user.organisations.exclude(
                pk=actor.organisation.pk
            ).distinct(),
            "is_self": actor.user is not None and user.pk == actor.user.pk,
        },
    )


@require_POST
@administrator_required
def user_grant_role(request: ActorRequest, user_id: int) -> HttpResponse:
    actor = request.actor
    user = _member(actor, user_id)
    form = RoleForm(request.POST, prefix="grant")
    if form.is_valid():
        role = form.cleaned_data["role"]
        actions.grant_role(user=user, organisation=actor.organisation, role=role)
        messages.success(
            request,
            _("Role %(role)s granted to %(username)s.")
            % {"role": Role(role).label, "username": user.username},
        )
    else:
        messages.error(request, _("Role: choose one of the listed roles."))
    return redirect("user-admin", user_id=user.pk)


@require_POST
@administrator_required
def user_revoke_role(request: ActorRequest, user_id: int) -> HttpResponse:
    actor = request.actor
    user = _member(actor, user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Role: choose one of the listed roles."))
        return redirect("user-admin", user_id=user.pk)
    role = form.cleaned_data["role"]
    revoked = _reported(
        request,
        lambda: actions.revoke_role(
            user=user,
            organisation=actor.organisation,
            role=role,
            acting_user=actor.user,
        ),
        _("Role %(role)s revoked from %(username)s.")
        % {"role": Role(role).label, "username": user.username},
    )
    if (
        revoked
        and not user.memberships.filter(organisation=actor.organisation).exists()
    ):
        return redirect("organisation-admin")
    return redirect("user-admin", user_id=user.pk)


@require_POST
@administrator_required
def user_deactivate(request: ActorRequest, user_id: int) -> HttpResponse:
    """Deactivate a user who works only for this organisation.

    Deactivation stops the log-in everywhere, so a user who also works for another
    organisation is refused here: revoke their roles in this organisation instead.
    """
    actor = request.actor
    user = _member(actor, user_id)
    _reported(
        request,
        lambda: actions.deactivate_user(
            user=user, acting_user=actor.user, organisation=actor.organisation
        ),
        _("User %(username)s was deactivated and can no longer log in.")
        % {"username": user.username},
    )
    return redirect("user-admin", user_id=user.pk)
