"""Eligibility and the declarable list: the programme manager's rules decide who counts,
the project shows served versus declarable and why, and the funder's list holds only
eligible participants with consent — masked on screen, in full only in the programme
manager's download, every read logged (in tests/flows: it spans monitoring and the
people gate's access log)."""

import csv
import io
from datetime import date

from django.test import Client
from django.urls import reverse

import pytest

from regiowerk.monitoring import actions, declarable
from regiowerk.monitoring.constants import EligibilityRuleKind, PartyRole
from regiowerk.monitoring.models import EligibilityRule
from regiowerk.monitoring.rules import Declarability
from regiowerk.monitoring.tests.factories import ProgrammeFactory, ProjectFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people import actions as people_actions
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import DossierFactory, make_bsns
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

START = date(2026, 1, 1)


class World:
    """A funder's programme (at most 6 months on WW, a completed intake) and a project
    whose executor served five people, one of each kind."""

    def __init__(self) -> None:
        self.funder = OrganisationFactory(name="Fonds")
        self.executor = OrganisationFactory(name="Uitvoerder")
        self.programme = ProgrammeFactory(funder_organisation=self.funder)
        self.project = ProjectFactory(
            programme=self.programme, starts_on=START, ends_on=date(2026, 12, 31)
        )
        actions.add_party(
            project=self.project,
            name="Uitvoerder",
            role=PartyRole.EXECUTOR,
            organisation_id=self.executor.pk,
        )
        manager = self.actor(self.funder, Role.PROGRAMME_MANAGER)
        actions.add_eligibility_rule(
            actor=manager,
            programme=self.programme,
            kind=EligibilityRuleKind.MAX_MONTHS_ON_WW,
            months=6,
        )
        actions.add_eligibility_rule(
            actor=manager,
            programme=self.programme,
            kind=EligibilityRuleKind.COMPLETED_INTAKE,
        )
        self.bsns = iter(make_bsns(20, seed=8))
        self.bsn_of: dict[str, str] = {}
        self.eligible = self.served(
            "Eligible", ww_since=date(2025, 9, 1), bsn=True, consent=True, intake=True
        )
        self.too_long = self.served(
            "Te-lang", ww_since=date(2024, 12, 1), bsn=True, consent=True, intake=True
        )
        self.no_consent = self.served(
            "Zonder-toestemming", bsn=True, consent=False, intake=True
        )
        self.no_bsn = self.served("Zonder-bsn", bsn=False, consent=False, intake=True)
        self.no_intake = self.served("Zonder-intake", bsn=True, consent=True)

    def actor(self, organisation, role) -> Actor:
        user = make_user(organisation=organisation, role=role)
        return Actor(user=user, organisation=organisation, roles=frozenset({role}))

    def served(self, last_name, *, bsn, consent, intake=False, ww_since=None):
        number = next(self.bsns) if bsn else ""
        self.bsn_of[last_name] = number
        person = people_actions.register_person(
            actor=Actor.system(
                self.executor, roles={Role.CONSULTANT}, reason="test world"
            ),
            bsn=number,
            bsn_reporting_consent=consent,
            first_name="Deelnemer",
            last_name=last_name,
            labour_status="ww_benefit" if ww_since else "job_seeker",
            labour_status_since=ww_since or date(2025, 6, 1),
        ).person
        if intake:
            DossierFactory(person=person, intake_recorded_on=date(2026, 1, 10))
        EnrolmentFactory(person=person, registered_on=date(2026, 2, 1))
        return person

    def eligible_bsn(self) -> str:
        return self.bsn_of["Eligible"]

    def client(self, organisation, role) -> Client:
        client = Client()
        client.force_login(make_user(organisation=organisation, role=role))
        return client


@pytest.fixture
def world() -> World:
    return World()


def test_each_participant_is_judged_by_the_programme_rules(world):
    result = declarable.project_declarable(world.project)

    assert result.served == 5
    assert {state: n for state, _label, n in result.by_state} == {
        Declarability.DECLARABLE: 1,
        Declarability.NO_BSN: 1,
        Declarability.NO_CONSENT: 1,
        Declarability.INCOMPLETE: 1,
        Declarability.INELIGIBLE: 1,
    }
    assert result.by_rule == (
        ("Bij de start hoogstens 6 maanden in de WW", 1),
        ("Een afgeronde intake in het dossier", 1),
    )
    (failure,) = next(
        line.failures for line in result.lines if line.state is Declarability.INELIGIBLE
    )
    assert failure.months == 14  # WW since December 2024, started February 2026


def test_the_judgement_takes_a_fixed_number_of_queries(
    world, django_assert_num_queries
):
    with django_assert_num_queries(5) as few:
        declarable.project_declarable(world.project)
    for n in range(5):
        world.served(f"Extra{n}", bsn=True, consent=True, intake=True)

    with django_assert_num_queries(len(few.captured_queries)):
        result = declarable.project_declarable(world.project)
    assert result.served == 10


def test_the_programme_manager_sees_only_declarable_participants_masked(world):
    page = world.client(world.funder, Role.PROGRAMME_MANAGER).get(
        reverse("project-declarable", args=[world.project.pk])
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert "Deelnemer Eligible" in html
    for name in ("Te-lang", "Zonder-toestemming", "Zonder-bsn", "Zonder-intake"):
        assert name not in html
    bsn = world.eligible_bsn()
    assert "*****" + bsn[-4:] in html and bsn not in html
    assert "Downloaden als CSV" in html
    (log,) = AccessLog.objects.filter(what="declarable-list")
    assert (log.person, log.purpose) == (world.eligible, "reporting")


def test_the_download_has_the_full_bsn_and_is_logged(world):
    client = world.client(world.funder, Role.PROGRAMME_MANAGER)

    response = client.get(reverse("project-declarable-csv", args=[world.project.pk]))
    workbook = client.get(reverse("project-declarable-xlsx", args=[world.project.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows == [["BSN", "Naam"], [world.eligible_bsn(), "Deelnemer Eligible"]]
    assert workbook.status_code == 200
    assert workbook.content[:2] == b"PK"
    assert (
        AccessLog.objects.filter(
            what="declarable-list-download", person=world.eligible
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    ("where", "role"),
    [
        ("executor", Role.PROJECT_LEADER),
        ("funder", Role.AUDITOR),
        ("executor", Role.ANALYST),
    ],
)
def test_no_other_role_downloads_the_list(world, where, role):
    client = world.client(getattr(world, where), role)

    response = client.get(reverse("project-declarable-csv", args=[world.project.pk]))

    assert response.status_code == 403
    assert not AccessLog.objects.filter(what="declarable-list-download").exists()


def test_an_analyst_sees_the_counts_but_no_names(world):
    client = world.client(world.executor, Role.ANALYST)

    html = client.get(
        reverse("project-declarable", args=[world.project.pk])
    ).content.decode()

    assert "Bediend" in html and "Geen toestemming om het BSN te rapporteren" in html
    assert "Deelnemer Eligible" not in html
    assert not AccessLog.objects.exists()


def test_the_project_page_shows_served_and_declarable(world):
    client = world.client(world.executor, Role.PROJECT_LEADER)

    html = client.get(
        reverse("project-monitor", args=[world.project.pk])
    ).content.decode()

    assert "Bediend en declarabel" in html
    assert "5 deelnemers bediend" in html


def test_the_programme_manager_edits_the_rules_and_bad_input_names_the_field(world):
    client = world.client(world.funder, Role.PROGRAMME_MANAGER)
    url = reverse("programme-rules", args=[world.programme.code])

    missing = client.post(url, {"kind": EligibilityRuleKind.MAX_MONTHS_ON_WW})
    added = client.post(
        url,
        {
            "kind": EligibilityRuleKind.LABOUR_STATUS_AT_START,
            "statuses": ["ww_benefit"],
        },
    )

    assert missing.status_code == 400
    assert "Geef het aantal maanden." in missing.content.decode()
    assert added.status_code == 302
    page = client.get(url).content.decode()
    assert "Arbeidssituatie bij de start: WW-uitkering" in page
    rule = EligibilityRule.objects.get(kind=EligibilityRuleKind.LABOUR_STATUS_AT_START)
    removed = client.post(
        reverse("programme-rule-remove", args=[world.programme.code, rule.pk])
    )
    assert removed.status_code == 302
    assert not EligibilityRule.objects.filter(pk=rule.pk).exists()


def test_a_project_leader_may_not_change_the_rules(world):
    client = world.client(world.executor, Role.PROJECT_LEADER)
    url = reverse("programme-rules", args=[world.programme.code])

    response = client.post(url, {"kind": EligibilityRuleKind.COMPLETED_INTAKE})

    assert response.status_code == 403
    assert EligibilityRule.objects.count() == 2
    assert "Voorwaarde toevoegen" not in client.get(url).content.decode()
