"""The employer's view through the API (``employer-view/``): exactly the rights of the
Mijn medewerkers page. An employer contact reads their own placed workers (the
follow-up status only where the worker consented), their labour experts, and asks for
help on a placement (an ad-hoc contact); they never reach a dossier, another employer's
placement or a person not placed with them, and partner users never reach this."""

import json
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from rest_framework.test import APIClient

from regiowerk.employers.models import EmployerContact
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import (
    DossierFactory,
    PersonFactory,
)
from regiowerk.placements import actions
from regiowerk.placements.constants import CheckInKind, CheckInStatus, CheckInWith
from regiowerk.placements.models import CheckIn, PlacementEnding
from regiowerk.placements.tests.factories import (
    days_ago,
    placed_with,
    sharing_follow_up,
)

pytestmark = pytest.mark.django_db

VIEW = "/api/v1/employer-view/"


def help_url(placement_id) -> str:
    return f"{VIEW}placements/{placement_id}/help/"


@pytest.fixture
def contact(employer):
    user = User.objects.create_user(username="werkgever-api", password=None)
    return EmployerContact.objects.create(user=user, employer=employer)


@pytest.fixture
def api(contact):
    client = APIClient()
    client.force_authenticate(contact.user)
    return client


def checked_in(expert, placement, status=CheckInStatus.ATTENTION):
    return actions.record_check_in(
        actor=expert,
        placement=placement,
        fields={
            "held_on": days_ago(3),
            "held_with": "both",
            "status": status,
            "notes": "Geheime notitie over de medewerker",
            "workload": 2,
        },
    )


def test_the_contact_reads_their_workers_with_the_status_only_where_consented(
    api, expert, employer
):
    consenting = placed_with(expert, employer, "Deelt")
    silent = placed_with(expert, employer, "Zwijgt")
    checked_in(expert, consenting)
    checked_in(expert, silent, CheckInStatus.AT_RISK)
    sharing_follow_up(consenting)

    response = api.get(VIEW)

    assert response.status_code == 200
    data = response.json()
    assert data["employer_name"] == "Bakkerij De Korrel"
    assert data["contacts"] == [
        {"name": "Anouk Deskundige", "email": "anouk@example.org"}
    ]
    rows = {row["name"]: row for row in data["workers"]}
    assert rows["Sam Deelt"] == {
        "placement_id": str(consenting.pk),
        "name": "Sam Deelt",
        "kind": consenting.kind,
        "kind_label": consenting.get_kind_display(),
        "starts_on": consenting.starts_on.isoformat(),
        "shares_follow_up": True,
        "status": "attention",
        "status_label": "Aandacht nodig",
        "last_check_in": days_ago(3).isoformat(),
        "contact_person": "Anouk Deskundige",
    }
    assert rows["Sam Zwijgt"]["shares_follow_up"] is False
    assert rows["Sam Zwijgt"]["status"] == ""
    assert rows["Sam Zwijgt"]["status_label"] == ""
    assert rows["Sam Zwijgt"]["last_check_in"] is None
    body = response.content.decode()
    assert "Geheime notitie" not in body  # never notes or signals
    assert "workload" not in body


def test_each_worker_read_is_logged_as_the_employer_view(api, expert, employer):
    placement = placed_with(expert, employer, "Gelogd")

    api.get(VIEW)

    log = AccessLog.objects.get(person=placement.person)
    assert log.purpose == AccessPurpose.EMPLOYER_VIEW


def test_other_employers_and_persons_not_placed_with_them_never_show(
    api, expert, employer
):
    placed_with(expert, employer, "Eigen")
    elsewhere = placed_with(expert, EmployerFactory(name="Garage Elders"), "Elders")
    sharing_follow_up(elsewhere)
    checked_in(expert, elsewhere)
    not_placed = PersonFactory(
        organisation=expert.organisation, first_name="Niet", last_name="Geplaatst"
    )
    ended = placed_with(expert, employer, "Vertrokken")
    PlacementEnding.objects.create(
        placement=ended, ends_on=days_ago(10), reason="resigned"
    )

    body = api.get(VIEW).content.decode()

    assert "Sam Eigen" in body
    for hidden in ("Elders", "Garage Elders", "Geplaatst", "Vertrokken"):
        assert hidden not in body
    assert not AccessLog.objects.filter(
        person__in=[elsewhere.person, not_placed, ended.person]
    ).exists()


def test_asking_for_help_lands_as_an_ad_hoc_contact_on_the_placement(
    api, contact, expert, employer
):
    placement = placed_with(expert, employer, "Hulp")

    response = api.post(
        help_url(placement.pk), {"question": "Kan er iemand langskomen?"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["placement_id"] == str(placement.pk)
    check_in = CheckIn.objects.get(placement=placement)
    assert check_in.kind == CheckInKind.AD_HOC
    assert check_in.held_with == CheckInWith.EMPLOYER
    assert check_in.recorded_by == contact.user
    assert "Kan er iemand langskomen?" in check_in.notes


@pytest.mark.parametrize(
    ("question", "code"),
    [("", "blank"), ("   ", "blank"), ("x" * 5000, "max_length")],
)
def test_a_bad_question_is_named_and_records_nothing(
    api, expert, employer, question, code
):
    placement = placed_with(expert, employer, "Leeg")

    response = api.post(help_url(placement.pk), {"question": question}, format="json")

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("question", code)
    assert not CheckIn.objects.filter(placement=placement).exists()


def test_help_on_another_employers_placement_answers_as_an_unknown_one(
    api, expert, employer
):
    elsewhere = placed_with(expert, EmployerFactory(), "Elders")

    foreign = api.post(help_url(elsewhere.pk), {"question": "Hoi"}, format="json")
    unknown = api.post(help_url(uuid.uuid4()), {"question": "Hoi"}, format="json")

    assert foreign.status_code == unknown.status_code == 404
    assert foreign.json() == unknown.json()
    assert not CheckIn.objects.filter(placement=elsewhere).exists()


def test_the_contact_reaches_no_dossier_person_or_partner_endpoint(
    api, expert, employer
):
    placement = placed_with(expert, employer, "Dossier")
    dossier = DossierFactory(person=placement.person)
    person_id = placement.person_id

    for url in (
        "/api/v1/persons/",
        f"/api/v1/persons/{person_id}/",
        f"/api/v1/persons/{person_id}/export/",
        f"/api/v1/dossiers/{dossier.pk}/",
        f"/api/v1/placements/{placement.pk}/",
        "/api/v1/placements/",
        "/api/v1/candidacies/",
        "/api/v1/follow-up/",
        f"/api/v1/employers/{employer.pk}/",
    ):
        response = api.get(url)
        assert response.status_code == 403, url
        assert "Dossier" not in response.content.decode(), url


def test_partner_users_and_anonymous_callers_are_refused(
    expert, employer, api_client_for, make_actor, organisation
):
    placement = placed_with(expert, employer, "Partner")
    anonymous = APIClient()

    assert anonymous.get(VIEW).status_code in (401, 403)
    for role in Role.values:
        client = api_client_for(make_actor(organisation, role))
        assert client.get(VIEW).status_code == 403, role
        answer = client.post(help_url(placement.pk), {"question": "?"}, format="json")
        assert answer.status_code == 403, role
    assert not CheckIn.objects.filter(placement=placement).exists()


def test_a_deactivated_contact_or_an_inactive_employer_reads_nothing(
    api, contact, expert, employer
):
    placed_with(expert, employer, "Weg")
    contact.user.is_active = False
    contact.user.save()
    token_client = APIClient()
    token_client.force_authenticate(contact.user)

    assert token_client.get(VIEW).status_code == 403
    contact.user.is_active = True
    contact.user.save()
    employer.is_active = False
    employer.save()
    assert api.get(VIEW).status_code == 403


def test_the_view_costs_the_same_queries_for_two_and_for_ten_workers(
    api, expert, employer
):
    for n in range(2):
        sharing_follow_up(placed_with(expert, employer, f"Eerst{n}"))
    api.get(VIEW)

    with CaptureQueriesContext(connection) as two:
        api.get(VIEW)
    for n in range(8):
        checked_in(expert, placed_with(expert, employer, f"Later{n}"))
    with CaptureQueriesContext(connection) as ten:
        rows = json.loads(api.get(VIEW).content)["workers"]

    assert len(rows) == 10
    assert len(ten) == len(two)
