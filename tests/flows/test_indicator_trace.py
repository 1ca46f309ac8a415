"""Every computed figure can be traced: the monitor links each value to how it was
counted (definition, organisations, period, how many persons) and, for the roles that
read person records, which persons — read through the gate, every one logged, only
those the reader may read (in tests/flows: it spans monitoring and people's access
log)."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.monitoring import actions, reports
from regiowerk.monitoring.constants import PartyRole
from regiowerk.monitoring.tests.factories import (
    ENROLLED,
    ActivityFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people import actions as people_actions
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import ConsentFactory, make_bsns
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


class World:
    """A project of executor A and partner B that enrolled five humans: two at A (one
    without a BSN), one at B, one at B shared with A, and one registered at both."""

    def __init__(self) -> None:
        self.funder = OrganisationFactory(name="Fonds")
        self.a = OrganisationFactory(name="Uitvoerder A")
        self.b = OrganisationFactory(name="Partner B")
        self.project = ProjectFactory(
            programme=ProgrammeFactory(funder_organisation=self.funder),
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )
        for organisation, role in ((self.a, PartyRole.EXECUTOR), (self.b, "partner")):
            actions.add_party(
                project=self.project,
                name=organisation.name,
                role=role,
                organisation_id=organisation.pk,
            )
        self.indicator = actions.add_indicator(
            activity=ActivityFactory(project=self.project),
            name="Deelnemers",
            unit="deelnemers",
            kind="computed",
            position=0,
            definition=ENROLLED,
            target=Decimal(10),
        )
        self.bsns = iter(make_bsns(10, seed=11))
        self.bsn_eerste = next(self.bsns)
        self.enrolled(self.a, "Eerste", bsn=self.bsn_eerste)
        self.enrolled(self.a, "Tweede", bsn="", on=date(2026, 5, 1))
        self.enrolled(self.b, "Derde", bsn=next(self.bsns))
        shared = self.enrolled(self.b, "Vierde", bsn=next(self.bsns))
        ConsentFactory(person=shared, purpose=ConsentPurpose.SHARING, partner=self.a)
        both = next(self.bsns)
        self.enrolled(self.a, "Beide", bsn=both)
        self.enrolled(self.b, "Beide", bsn=both)

    def enrolled(self, organisation, last_name, *, bsn, on=date(2026, 2, 1)):
        person = people_actions.register_person(
            actor=Actor.system(organisation, roles={Role.CONSULTANT}, reason="test"),
            bsn=bsn,
            bsn_reporting_consent=bool(bsn),
            first_name="Deelnemer",
            last_name=last_name,
            labour_status="job_seeker",
            labour_status_since=date(2025, 6, 1),
        ).person
        EnrolmentFactory(person=person, registered_on=on)
        return person

    def client(self, organisation, role) -> Client:
        client = Client()
        client.force_login(make_user(organisation=organisation, role=role))
        return client

    def url(self, **query) -> str:
        path = reverse(
            "indicator-trace",
            kwargs={"project_id": self.project.pk, "indicator_id": self.indicator.pk},
        )
        return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()))


@pytest.fixture
def world() -> World:
    return World()


def test_the_monitor_links_each_computed_value_to_its_trace(world):
    client = world.client(world.a, Role.PROJECT_LEADER)

    html = client.get(
        reverse("project-monitor", kwargs={"project_id": world.project.pk})
    ).content.decode()

    current = reports.current_period(
        reports.reporting_periods(world.project), timezone.localdate()
    ).index
    # each period's own value (the table per period), and the realised value
    assert world.url(periode=0, telling="periode").replace("&", "&amp;") in html
    assert (
        world.url(periode=current, telling="cumulatief").replace("&", "&amp;") in html
    )


def test_the_project_leader_sees_how_it_was_counted_and_the_persons_they_may_read(
    world,
):
    client = world.client(world.a, Role.PROJECT_LEADER)

    response = client.get(world.url(periode=0, telling="periode"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Telt elke deelnemer één keer" in html  # the definition in words
    assert "Uitvoerder A, Partner B" in html  # whose registrations
    assert "1 januari 2026 – 31 maart 2026" in html  # the first quarter only
    assert "<dd>4 <span" in html  # four humans: the one at both partners once
    # A's own, the one shared with A, A's record of the one at both; not B's own,
    # nor the one enrolled in the second quarter
    for name in ("Eerste", "Vierde", "Beide"):
        assert name in html
    assert "Derde" not in html and "Tweede" not in html
    assert "1 persoon die is geteld staat bij een partnerorganisatie" in html
    # the BSN only masked
    assert world.bsn_eerste not in html and f"*****{world.bsn_eerste[-4:]}" in html
    logged = AccessLog.objects.filter(what="indicator-trace")
    assert sorted(r.person.last_name for r in logged) == ["Beide", "Eerste", "Vierde"]
    assert all(r.person.organisation_id in {world.a.pk, world.b.pk} for r in logged)


def test_a_period_counts_only_its_own_registrations(world):
    client = world.client(world.a, Role.PROJECT_LEADER)

    second = client.get(world.url(periode=1, telling="periode")).content.decode()
    since_start = client.get(world.url(periode=1, telling="cumulatief")).content

    assert "<dd>1 <span" in second and "Tweede" in second and "Eerste" not in second
    assert b"<dd>5 <span" in since_start


def test_the_programme_manager_sees_the_counts_and_no_person(world):
    client = world.client(world.funder, Role.PROGRAMME_MANAGER)

    html = client.get(world.url(periode=1)).content.decode()

    assert "<dd>5 <span" in html
    assert "ziet hoeveel personen" in html
    for name in ("Eerste", "Tweede", "Derde", "Vierde", "Beide"):
        assert name not in html
    assert not AccessLog.objects.filter(what="indicator-trace").exists()


def test_bad_input_is_refused_in_dutch_naming_the_field(world):
    client = world.client(world.a, Role.PROJECT_LEADER)

    response = client.get(world.url(periode="elf", telling="alles"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Rapportageperiode" in html and "Geteld" in html
    assert "Selecteer een geldige keuze" in html


def test_the_trace_runs_a_fixed_number_of_queries(world):
    client = world.client(world.a, Role.PROJECT_LEADER)
    client.get(world.url(periode=0))  # the session and the caches settle

    with CaptureQueriesContext(connection) as few:
        assert client.get(world.url(periode=0)).status_code == 200
    for n in range(6):
        world.enrolled(world.a, f"Extra{n}", bsn=next(iter(make_bsns(1, seed=90 + n))))
    with CaptureQueriesContext(connection) as many:
        response = client.get(world.url(periode=0))

    assert "Extra5" in response.content.decode()
    assert len(many) == len(few)
    # session, user, membership, project, parties, indicator, the figure, its
    # subjects, the persons (one query with the consent subquery), the log
    assert len(few) <= 12


def test_the_api_traces_the_same_figure_with_the_same_rights(world, api_client_for):
    path = reverse(
        "api-indicator-trace",
        kwargs={"project_id": world.project.pk, "indicator_id": world.indicator.pk},
    )

    def client(organisation, role):
        user = make_user(organisation=organisation, role=role)
        return api_client_for(get_actor(user=user, organisation_id=organisation.pk))

    leader = client(world.a, Role.PROJECT_LEADER).get(
        path, {"period": 0, "span": "period"}
    )
    manager = client(world.funder, Role.PROGRAMME_MANAGER).get(path, {"period": 0})
    refused = client(world.a, Role.PROJECT_LEADER).get(path, {"span": "alles"})

    body = leader.json()
    assert leader.status_code == 200
    assert (body["subjects"], body["value"], body["span"]) == (4, 4, "period")
    assert sorted(p["name"].split()[-1] for p in body["persons"]) == [
        "Beide",
        "Eerste",
        "Vierde",
    ]
    assert body["not_listed"] == 1
    assert world.bsn_eerste not in leader.content.decode()
    counted = manager.json()
    assert (counted["subjects"], counted["may_list"], counted["persons"]) == (
        4,
        False,
        [],
    )
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["span"]
    assert AccessLog.objects.filter(what="indicator-trace").count() == 3
