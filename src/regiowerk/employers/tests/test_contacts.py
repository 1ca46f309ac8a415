"""Employer contacts with a log-in: invited from the employer's page by who manages the
employer, with no usable password until they set one through the e-mailed link
(Django's password-reset token), deactivated and reactivated there."""

import re
import smtplib
from unittest import mock

from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from regiowerk.employers import actions
from regiowerk.employers.models import EmployerContact
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.actions import password_set_path
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "vijf groene kikkers springen"
INVITE = {"first_name": "Ria", "last_name": "Verbeek", "email": "Ria@Bakkerij.nl"}


@pytest.fixture
def holder():
    return OrganisationFactory()


@pytest.fixture
def employer(holder):
    return EmployerFactory(name="Bakkerij Verbeek", account_organisation=holder)


def _client_for(role, organisation):
    client = Client()
    client.force_login(make_user(organisation=organisation, role=role))
    return client


def _logs_in(client, username, password) -> bool:
    """Through the log-in page (the lock-out backend wants a request)."""
    response = client.post(
        reverse("login"), {"username": username, "password": password}
    )
    return response.status_code == 302


def _invite_url(employer):
    return reverse("employer-contact-invite", args=[employer.pk])


def _link(message) -> str:
    found = re.search(r"http://testserver(/wachtwoord-instellen/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def _invited(employer, holder, **fields):
    actor = get_actor(
        user=make_user(organisation=holder, role=Role.ACCOUNT_MANAGER),
        organisation_id=holder.pk,
    )
    return actions.invite_employer_contact(
        actor=actor,
        employer=employer,
        site_url="http://testserver/",
        **{**INVITE, **fields},
    )


@pytest.mark.parametrize("role", [Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR])
def test_who_manages_the_employer_invites_a_contact_without_a_password(
    employer, holder, role
):
    client = _client_for(role, holder)

    response = client.post(_invite_url(employer), INVITE)

    assert response.status_code == 302
    contact = EmployerContact.objects.select_related("user").get(employer=employer)
    user = contact.user
    assert (user.username, user.email) == ("ria@bakkerij.nl", "ria@bakkerij.nl")
    assert (user.first_name, user.last_name) == ("Ria", "Verbeek")
    assert not user.has_usable_password()
    assert not user.memberships.exists()  # of no partner organisation
    assert contact.invited_by is not None and contact.invited_at is not None
    (message,) = mail.outbox
    assert message.to == ["ria@bakkerij.nl"]
    assert "Bakkerij Verbeek" in message.subject
    assert "ria@bakkerij.nl" in message.body  # the username
    page = client.get(reverse("employer-detail", args=[employer.pk])).content.decode()
    assert "Contactpersonen met inlog" in page
    assert "Ria Verbeek" in page
    assert "Uitgenodigd, nog geen wachtwoord" in page


def test_the_link_sets_the_password_once_and_the_contact_logs_in_to_their_page(
    employer, holder
):
    _invited(employer, holder)
    link = _link(mail.outbox[0])
    browser = Client()

    form_page = browser.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Stel uw wachtwoord in" in form_page.content.decode()
    done = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )

    assert done.status_code == 302 and done.url == reverse("login")
    user = User.objects.get(username="ria@bakkerij.nl")
    assert user.check_password(GOOD_PASSWORD)
    assert _logs_in(browser, "ria@bakkerij.nl", GOOD_PASSWORD)
    assert browser.get(reverse("home")).url == reverse("employer-workers")
    assert browser.get(reverse("employer-workers")).status_code == 200
    used_again = Client().get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in used_again


def test_a_weak_password_is_refused_on_its_field(employer, holder):
    _invited(employer, holder)
    browser = Client()
    form_page = browser.get(_link(mail.outbox[0]), follow=True)

    response = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "regiowerk123", "new_password2": "regiowerk123"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert not User.objects.get(username="ria@bakkerij.nl").has_usable_password()


def test_an_e_mail_address_in_use_is_named_and_nothing_is_saved(employer, holder):
    User.objects.create_user(username="ria", email="ria@bakkerij.nl", password=None)
    client = _client_for(Role.ACCOUNT_MANAGER, holder)
    users = User.objects.count()

    response = client.post(_invite_url(employer), INVITE)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Dit e-mailadres is al in gebruik bij een andere gebruiker."
    ]
    assert User.objects.count() == users
    assert not EmployerContact.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"first_name": " "}, "first_name"),
        ({"email": "geen-adres"}, "email"),
        ({"email": ""}, "email"),
    ],
)
def test_bad_input_is_named_at_its_field(employer, holder, fields, field):
    client = _client_for(Role.ACCOUNT_MANAGER, holder)

    response = client.post(_invite_url(employer), {**INVITE, **fields})

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not EmployerContact.objects.exists()


def test_the_action_names_its_own_fields(employer, holder):
    with pytest.raises(ValidationError) as refused:
        _invited(employer, holder, first_name="", email="x")

    assert set(refused.value.message_dict) == {"first_name", "email"}
    assert not User.objects.filter(email="x").exists()


def test_a_mail_that_cannot_be_sent_saves_nothing(employer, holder):
    client = _client_for(Role.ACCOUNT_MANAGER, holder)
    users = User.objects.count()

    with mock.patch(
        "regiowerk.organisations.actions.send_mail",
        side_effect=smtplib.SMTPServerDisconnected("weg"),
    ):
        response = client.post(_invite_url(employer), INVITE)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "De uitnodiging kon niet worden verstuurd; probeer het later opnieuw."
    ]
    assert User.objects.count() == users
    assert not EmployerContact.objects.exists()


@pytest.mark.parametrize(
    ("role", "own"),
    [
        (Role.ACCOUNT_MANAGER, False),  # another organisation holds the account
        (Role.ADMINISTRATOR, False),
        (Role.ANALYST, True),  # no employer role
        (Role.LABOUR_EXPERT, True),
    ],
)
def test_who_does_not_manage_the_employer_is_refused_and_sees_no_contacts(
    employer, holder, role, own
):
    contact = _invited(employer, holder)
    client = _client_for(role, holder if own else OrganisationFactory())
    mail.outbox.clear()

    assert client.get(_invite_url(employer)).status_code == 403
    assert (
        client.post(_invite_url(employer), {**INVITE, "email": "a@b.nl"}).status_code
        == 403
    )
    for name in (
        "employer-contact-deactivate",
        "employer-contact-reactivate",
        "employer-contact-resend",
    ):
        url = reverse(name, args=[employer.pk, contact.pk])
        assert client.post(url).status_code == 403, name
    page = client.get(reverse("employer-detail", args=[employer.pk])).content.decode()
    assert "Ria Verbeek" not in page and "ria@bakkerij.nl" not in page
    contact.user.refresh_from_db()
    assert contact.user.is_active
    assert EmployerContact.objects.count() == 1 and not mail.outbox


def test_deactivating_stops_the_log_in_and_reactivating_restores_it(employer, holder):
    contact = _invited(employer, holder)
    contact.user.set_password(GOOD_PASSWORD)
    contact.user.save()
    browser = Client()
    assert _logs_in(browser, "ria@bakkerij.nl", GOOD_PASSWORD)
    manager = _client_for(Role.ACCOUNT_MANAGER, holder)
    args = [employer.pk, contact.pk]

    off = manager.post(reverse("employer-contact-deactivate", args=args), follow=True)

    assert "gedeactiveerd" in off.content.decode()
    assert browser.get(reverse("employer-workers")).status_code == 302  # logged out
    assert not _logs_in(Client(), "ria@bakkerij.nl", GOOD_PASSWORD)
    again = manager.post(reverse("employer-contact-resend", args=args), follow=True)
    assert "activeer hem of haar eerst opnieuw" in again.content.decode()
    mail.outbox.clear()
    # a link sent before the deactivation no longer works either
    link_before = password_set_path(contact.user)
    assert (
        "Deze link werkt niet meer"
        in Client().get(link_before, follow=True).content.decode()
    )

    manager.post(reverse("employer-contact-reactivate", args=args))

    assert _logs_in(Client(), "ria@bakkerij.nl", GOOD_PASSWORD)


def test_a_new_invitation_sends_a_new_link(employer, holder):
    contact = _invited(employer, holder)
    manager = _client_for(Role.ACCOUNT_MANAGER, holder)
    mail.outbox.clear()

    response = manager.post(
        reverse("employer-contact-resend", args=[employer.pk, contact.pk])
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert Client().get(_link(message), follow=True).context["validlink"]


def test_a_contact_of_another_employer_is_not_found_through_this_one(employer, holder):
    other = EmployerFactory(account_organisation=holder)
    contact = _invited(other, holder)
    manager = _client_for(Role.ACCOUNT_MANAGER, holder)

    response = manager.post(
        reverse("employer-contact-deactivate", args=[employer.pk, contact.pk])
    )

    assert response.status_code == 404
    contact.user.refresh_from_db()
    assert contact.user.is_active


def test_the_employer_page_lists_its_contacts_in_the_same_number_of_queries(
    employer, holder
):
    manager = _client_for(Role.ACCOUNT_MANAGER, holder)
    url = reverse("employer-detail", args=[employer.pk])
    _invited(employer, holder)
    manager.get(url)  # the session and the actor warm up alike

    with CaptureQueriesContext(connection) as one:
        manager.get(url)
    for n in range(4):
        _invited(employer, holder, email=f"contact{n}@bakkerij.nl")
    with CaptureQueriesContext(connection) as five:
        page = manager.get(url).content.decode()

    assert len(five) == len(one)
    assert page.count("Deactiveren") == 5


def test_the_admin_shows_contacts_and_changes_none(admin_client, employer, holder):
    contact = _invited(employer, holder)
    assert EmployerContact in admin.site._registry

    listing = admin_client.get("/admin/employers/employercontact/")
    change = admin_client.get(f"/admin/employers/employercontact/{contact.pk}/change/")
    forged = admin_client.post(
        f"/admin/employers/employercontact/{contact.pk}/change/", {"employer": 1}
    )

    assert listing.status_code == 200 and "ria@bakkerij.nl" in listing.content.decode()
    assert change.status_code == 200
    assert forged.status_code == 403
    assert admin_client.get("/admin/employers/employercontact/add/").status_code == 403
