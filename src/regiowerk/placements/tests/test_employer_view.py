"""The employer's view (Mijn medewerkers): an employer contact sees their labour expert,
their placed workers — the follow-up status only where the worker consented to share
it with the employer — and asks for help, which lands as an ad-hoc contact. They reach
no partner page, and nothing of other employers' placements."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from regiowerk.employers.models import EmployerContact
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import AccessLog
from regiowerk.placements import actions, employer_view
from regiowerk.placements.constants import CheckInKind, CheckInStatus, CheckInWith
from regiowerk.placements.models import CheckIn, PlacementEnding
from regiowerk.placements.tests.factories import (
    days_ago,
    placed_with,
    sharing_follow_up,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(employer):
    user = User.objects.create_user(username="werkgever-test", password="x")
    return EmployerContact.objects.create(user=user, employer=employer)


def checked_in(expert, placement, status=CheckInStatus.ATTENTION):
    return actions.record_check_in(
        actor=expert,
        placement=placement,
        fields={"held_on": days_ago(3), "held_with": "both", "status": status},
    )


def test_the_status_shows_only_for_a_worker_who_consented(expert, employer, contact):
    consenting = placed_with(expert, employer, "Deelt")
    silent = placed_with(expert, employer, "Zwijgt")
    checked_in(expert, consenting)
    checked_in(expert, silent, CheckInStatus.AT_RISK)
    sharing_follow_up(consenting)

    rows = {r.name: r for r in employer_view.overview(contact).workers}

    assert rows["Sam Deelt"].shares_follow_up
    assert rows["Sam Deelt"].status == "Aandacht nodig"
    assert rows["Sam Deelt"].last_check_in == days_ago(3)
    assert not rows["Sam Zwijgt"].shares_follow_up
    assert rows["Sam Zwijgt"].status == ""
    assert rows["Sam Zwijgt"].last_check_in is None


def test_a_withdrawn_consent_hides_the_status_at_once(expert, employer, contact):
    placement = placed_with(expert, employer, "Trekt")
    checked_in(expert, placement)
    consent = sharing_follow_up(placement)
    consent.withdrawn_on = days_ago(0)
    consent.save()

    (row,) = employer_view.overview(contact).workers

    assert not row.shares_follow_up and row.status == ""


def test_only_the_employers_own_active_placements_are_shown(expert, employer, contact):
    placed_with(expert, employer, "Eigen")
    placed_with(expert, EmployerFactory(name="Andere BV"), "Anders")
    ended = placed_with(expert, employer, "Vertrokken")
    PlacementEnding.objects.create(
        placement=ended, ends_on=days_ago(10), reason="resigned"
    )

    overview = employer_view.overview(contact)

    assert [r.name for r in overview.workers] == ["Sam Eigen"]
    assert [(c.name, c.email) for c in overview.contacts] == [
        ("Anouk Deskundige", "anouk@example.org")
    ]


def test_every_worker_shown_is_logged_and_the_queries_are_fixed(
    expert, employer, contact
):
    for name in ("Een", "Twee"):
        checked_in(expert, placed_with(expert, employer, name))
    with CaptureQueriesContext(connection) as two:
        employer_view.overview(contact)
    for name in ("Drie", "Vier", "Vijf"):
        sharing_follow_up(placed_with(expert, employer, name))
    with CaptureQueriesContext(connection) as five:
        employer_view.overview(contact)

    logged = AccessLog.objects.filter(purpose=AccessPurpose.EMPLOYER_VIEW)
    assert len(two.captured_queries) == len(five.captured_queries) == 4
    assert logged.count() == 2 + 5
    assert set(logged.values_list("user", flat=True)) == {contact.user.pk}


def test_asking_for_help_lands_as_an_ad_hoc_contact(expert, employer, contact, client):
    placement = placed_with(expert, employer, "Hulp")
    client.force_login(contact.user)

    response = client.post(
        reverse("employer-help"),
        {"placement": str(placement.pk), "question": "Kan er iemand langskomen?"},
    )

    assert response.status_code == 302
    (check_in,) = CheckIn.objects.filter(placement=placement)
    assert check_in.kind == CheckInKind.AD_HOC
    assert check_in.held_with == CheckInWith.EMPLOYER
    assert "Kan er iemand langskomen?" in check_in.notes
    assert check_in.recorded_by == contact.user


def test_help_needs_a_question_and_a_placement_of_their_own(
    expert, employer, contact, client
):
    other = placed_with(expert, EmployerFactory(name="Andere BV"), "Anders")
    own = placed_with(expert, employer, "Eigen")
    client.force_login(contact.user)

    empty = client.post(
        reverse("employer-help"), {"placement": own.pk, "question": " "}
    )
    foreign = client.post(
        reverse("employer-help"), {"placement": other.pk, "question": "Help"}
    )
    garbage = client.post(
        reverse("employer-help"), {"placement": "nope", "question": "Help"}
    )

    assert empty.status_code == 400
    assert "Uw vraag: Beschrijf waarmee u hulp nodig hebt." in empty.content.decode()
    assert foreign.status_code == garbage.status_code == 404
    assert not CheckIn.objects.exists()


def test_the_page_names_the_workers_and_the_contact_person(
    expert, employer, contact, client
):
    placed_with(expert, employer, "Zichtbaar")
    client.force_login(contact.user)

    page = client.get(reverse("home"), follow=True)

    body = page.content.decode()
    assert page.redirect_chain == [(reverse("employer-workers"), 302)]
    assert "Mijn medewerkers" in body and "Sam Zichtbaar" in body
    assert "Anouk Deskundige" in body
    assert "Niet gedeeld door de medewerker" in body
    assert reverse("person-list") not in body  # no partner menu


def test_each_worker_names_their_own_contact_person(
    expert, organisation, make_actor, employer, contact, client
):
    # given: two workers, each followed by another labour expert, and one unassigned
    coach = make_actor(organisation, Role.LABOUR_EXPERT)
    coach.user.first_name, coach.user.last_name = "Bram", "Coach"
    coach.user.save()
    placed_with(expert, employer, "Eerste")
    placed_with(coach, employer, "Tweede")
    unassigned = placed_with(expert, employer, "Derde")
    unassigned.responsible = None
    unassigned.save()
    # when
    rows = {r.name: r for r in employer_view.overview(contact).workers}
    client.force_login(contact.user)
    body = client.get(reverse("employer-workers")).content.decode()
    # then: the row names whose contact the worker is, and the heading is plural
    assert rows["Sam Eerste"].contact_person == "Anouk Deskundige"
    assert rows["Sam Tweede"].contact_person == "Bram Coach"
    assert rows["Sam Derde"].contact_person == ""
    assert "Uw contactpersonen" in body
    for name, person in (
        ("Sam Eerste", "Anouk Deskundige"),
        ("Sam Tweede", "Bram Coach"),
    ):
        row = body.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0]
        assert person in row


def test_partner_users_and_employer_contacts_keep_to_their_own_pages(
    organisation, make_actor, contact, client
):
    client.force_login(make_actor(organisation, Role.ACCOUNT_MANAGER).user)
    assert client.get(reverse("employer-workers")).status_code == 403

    client.force_login(contact.user)
    assert client.get(reverse("person-list")).status_code == 403
    assert client.get(reverse("employer-list")).status_code == 403
    assert client.get("/api/v1/persons/").status_code == 403
