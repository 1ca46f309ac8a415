"""The pipeline and placement actions: rights, the pipeline's rules, Dutch errors per
field, optimistic locking."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role
from regiowerk.people.access import AccessDenied
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.tests.factories import ConsentFactory, PersonFactory
from regiowerk.placements import actions
from regiowerk.placements.constants import (
    CandidacyEnding,
    EndingReason,
    PlacementContract,
    PlacementKind,
    Stage,
)
from regiowerk.placements.tests.factories import (
    CandidacyFactory,
    PlacementFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def errors_of(excinfo):
    return {
        field: [str(m) for m in ms] for field, ms in excinfo.value.message_dict.items()
    }


@pytest.fixture
def person(consultant):
    return PersonFactory(organisation=consultant.organisation)


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(employer=EmployerFactory(account_organisation=organisation))


def test_a_consultant_starts_a_candidacy_at_recruited_with_its_first_step(
    consultant, person, vacancy
):
    candidacy = actions.start_candidacy(
        actor=consultant, person=person, vacancy=vacancy, source="matching", note="Past"
    )

    assert (candidacy.stage, candidacy.stage_on, candidacy.source) == (
        Stage.RECRUITED,
        TODAY(),
        "matching",
    )
    assert candidacy.organisation == consultant.organisation
    (step,) = candidacy.steps.all()
    assert (step.stage, step.recorded_by, step.note) == (
        Stage.RECRUITED,
        consultant.user,
        "Past",
    )


def test_a_person_the_actor_may_not_read_cannot_be_put_forward(
    partner_consultant, person, vacancy, make_actor, organisation
):
    with pytest.raises(AccessDenied):
        actions.start_candidacy(
            actor=partner_consultant, person=person, vacancy=vacancy
        )
    account_manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    with pytest.raises(AccessDenied):
        actions.start_candidacy(actor=account_manager, person=person, vacancy=vacancy)


def test_a_partner_with_the_persons_sharing_consent_may_put_them_forward(
    partner_consultant, person, vacancy
):
    ConsentFactory(
        person=person,
        purpose=ConsentPurpose.SHARING,
        partner=partner_consultant.organisation,
    )
    candidacy = actions.start_candidacy(
        actor=partner_consultant, person=person, vacancy=vacancy
    )
    assert candidacy.organisation == partner_consultant.organisation


def test_a_second_open_candidacy_for_the_same_vacancy_is_refused_in_dutch(
    consultant, person, vacancy
):
    actions.start_candidacy(actor=consultant, person=person, vacancy=vacancy)
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        actions.start_candidacy(actor=consultant, person=person, vacancy=vacancy)
    assert errors_of(excinfo) == {
        "vacancy": ["Deze persoon is al kandidaat voor deze vacature."]
    }


def test_a_closed_vacancy_and_a_future_date_are_refused(consultant, person):
    closed = VacancyFactory(status=VacancyStatus.CLOSED)
    with pytest.raises(ValidationError) as excinfo:
        actions.start_candidacy(
            actor=consultant,
            person=person,
            vacancy=closed,
            on=TODAY() + dt.timedelta(days=1),
        )
    assert set(errors_of(excinfo)) == {"vacancy", "on"}


def test_a_candidacy_moves_forward_skipping_steps_and_records_each(
    consultant, person, vacancy
):
    candidacy = actions.start_candidacy(
        actor=consultant, person=person, vacancy=vacancy, on=days_ago(10)
    )
    candidacy = actions.move_candidacy(
        actor=consultant,
        candidacy=candidacy,
        stage=Stage.NOMINATED,
        on=days_ago(5),
        expected_version=1,
    )
    assert (candidacy.stage, candidacy.stage_on, candidacy.version) == (
        Stage.NOMINATED,
        days_ago(5),
        2,
    )
    assert [s.stage for s in candidacy.steps.all()] == [
        Stage.RECRUITED,
        Stage.NOMINATED,
    ]


def test_a_step_backwards_or_before_the_last_one_is_refused_in_dutch(
    consultant, person, vacancy
):
    candidacy = CandidacyFactory(
        person=person, vacancy=vacancy, stage=Stage.INTERVIEW, stage_on=days_ago(3)
    )
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        actions.move_candidacy(
            actor=consultant,
            candidacy=candidacy,
            stage=Stage.SELECTED,
            on=days_ago(4),
            expected_version=1,
        )
    errors = errors_of(excinfo)
    assert errors["stage"] == [
        "Een kandidaatstelling gaat alleen vooruit: van “Sollicitatiegesprek” kan ze "
        "niet naar “Geselecteerd”."
    ]
    assert errors["on"][0].startswith("De datum ligt vóór")


def test_a_stale_version_is_refused(consultant, person, vacancy):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy)
    actions.move_candidacy(
        actor=consultant, candidacy=candidacy, stage=Stage.SELECTED, expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        actions.move_candidacy(
            actor=consultant,
            candidacy=candidacy,
            stage=Stage.NOMINATED,
            expected_version=1,
        )


def test_the_account_manager_of_the_employer_works_the_pipeline_others_do_not(
    make_actor, organisation, partner, person, vacancy
):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy)
    account_manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    actions.move_candidacy(
        actor=account_manager,
        candidacy=candidacy,
        stage=Stage.SELECTED,
        expected_version=1,
    )
    for outsider in (
        make_actor(partner, Role.ACCOUNT_MANAGER),
        make_actor(organisation, Role.ANALYST),
    ):
        with pytest.raises(PermissionDenied):
            actions.move_candidacy(
                actor=outsider,
                candidacy=candidacy,
                stage=Stage.NOMINATED,
                expected_version=2,
            )


def test_a_rejection_needs_the_employers_reason_and_ends_the_candidacy(
    consultant, person, vacancy
):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy, stage=Stage.NOMINATED)
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        actions.end_candidacy(
            actor=consultant,
            candidacy=candidacy,
            ending=CandidacyEnding.REJECTED,
            expected_version=1,
        )
    assert list(errors_of(excinfo)) == ["reason"]

    ended = actions.end_candidacy(
        actor=consultant,
        candidacy=candidacy,
        ending=CandidacyEnding.REJECTED,
        reason="Te weinig ervaring met heftrucks",
        expected_version=1,
    )
    assert (ended.ended_as, ended.ended_on, ended.stage) == (
        CandidacyEnding.REJECTED,
        TODAY(),
        Stage.NOMINATED,
    )
    assert ended.steps.last().ended_as == CandidacyEnding.REJECTED
    with pytest.raises(ValidationError):  # ended: no more steps
        actions.move_candidacy(
            actor=consultant, candidacy=ended, stage=Stage.INTERVIEW, expected_version=2
        )
    # a new candidacy for the same vacancy may start once the old one ended
    actions.start_candidacy(actor=consultant, person=person, vacancy=vacancy)


def test_a_placed_candidacy_cannot_end_as_a_candidacy(consultant, person, vacancy):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy, stage=Stage.PLACED)
    with pytest.raises(ValidationError) as excinfo:
        actions.end_candidacy(
            actor=consultant,
            candidacy=candidacy,
            ending=CandidacyEnding.WITHDRAWN,
            expected_version=1,
        )
    assert list(errors_of(excinfo)) == ["ending"]


FIELDS = {
    "kind": PlacementKind.WORK_LEARNING,
    "contract_type": PlacementContract.FIXED_TERM,
    "starts_on": dt.date(2026, 3, 1),
    "contract_ends_on": dt.date(2027, 3, 1),
    "hours_per_week": 24,
    "support": ["job_coach"],
    "host_mentor": "Henk de Leermeester",
}


def test_a_placement_from_a_placed_candidacy_takes_its_person_and_employer(
    consultant, person, vacancy
):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy, stage=Stage.PLACED)

    placement = actions.create_placement(
        actor=consultant, candidacy=candidacy, fields=FIELDS
    )

    assert (placement.person, placement.employer, placement.vacancy) == (
        person,
        vacancy.employer,
        vacancy,
    )
    assert placement.responsible == consultant.user  # who records it, by default
    assert placement.get_support_display() == ["Jobcoach"]
    with pytest.raises(ValidationError):
        actions.create_placement(actor=consultant, candidacy=candidacy, fields=FIELDS)


def test_a_candidacy_not_yet_placed_gives_no_placement(consultant, person, vacancy):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy, stage=Stage.TRIAL)
    with pytest.raises(ValidationError) as excinfo:
        actions.create_placement(actor=consultant, candidacy=candidacy, fields=FIELDS)
    assert list(errors_of(excinfo)) == ["candidacy"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"contract_ends_on": None},
            "contract_ends_on",
            "Een tijdelijk contract heeft een einddatum nodig.",
        ),
        (
            {"contract_type": PlacementContract.PERMANENT},
            "contract_ends_on",
            "Een vast contract heeft geen einddatum.",
        ),
        (
            {"contract_ends_on": dt.date(2026, 2, 1)},
            "contract_ends_on",
            "Het contract eindigt voordat de plaatsing begint.",
        ),
        (
            {"wage_cost_subsidy_cents": 50000},
            "wage_cost_subsidy_cents",
            "Een bedrag aan loonkostensubsidie vraagt om het vinkje loonkostensubsidie.",
        ),
        ({"hours_per_week": 61}, "hours_per_week", None),
        ({"support": ["massage"]}, "support", None),
    ],
)
def test_placement_fields_are_checked_with_a_dutch_error_on_the_field(
    consultant, person, changes, field, message
):
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        actions.create_placement(
            actor=consultant,
            person=person,
            employer=EmployerFactory(),
            fields={**FIELDS, **changes},
        )
    errors = errors_of(excinfo)
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]


def test_a_placement_by_hand_is_for_who_may_change_the_person(
    partner_consultant, person
):
    ConsentFactory(
        person=person,
        purpose=ConsentPurpose.SHARING,
        partner=partner_consultant.organisation,
    )
    with pytest.raises(AccessDenied):
        actions.create_placement(
            actor=partner_consultant,
            person=person,
            employer=EmployerFactory(),
            fields=FIELDS,
        )


def test_the_responsible_must_be_a_caseworker_of_the_organisation(
    consultant, partner_consultant, person
):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_placement(
            actor=consultant,
            person=person,
            employer=EmployerFactory(),
            fields=FIELDS,
            responsible=partner_consultant.user,
        )
    assert list(errors_of(excinfo)) == ["responsible"]


def test_a_placement_changes_from_the_version_seen(consultant, person):
    placement = PlacementFactory(person=person)
    changed = actions.update_placement(
        actor=consultant,
        placement=placement,
        changes={"hours_per_week": 20, "responsible": consultant.user},
        expected_version=1,
    )
    placement.refresh_from_db()
    assert (placement.hours_per_week, placement.responsible, changed.version) == (
        20,
        consultant.user,
        2,
    )
    with pytest.raises(ConcurrentEditError):
        actions.update_placement(
            actor=consultant,
            placement=placement,
            changes={"hours_per_week": 16},
            expected_version=1,
        )
    with pytest.raises(ValidationError) as excinfo:
        actions.update_placement(
            actor=consultant,
            placement=placement,
            changes={"person": None},
            expected_version=2,
        )
    assert list(errors_of(excinfo)) == ["person"]


def test_a_placement_ends_once_not_before_its_start(consultant, person):
    placement = PlacementFactory(person=person, starts_on=days_ago(200))
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        actions.end_placement(
            actor=consultant,
            placement=placement,
            ends_on=days_ago(201),
            reason=EndingReason.RESIGNED,
            expected_version=1,
        )
    assert errors_of(excinfo)["ends_on"][0].startswith("De datum ligt vóór")
    with pytest.raises(ValidationError) as excinfo:
        actions.end_placement(
            actor=consultant,
            placement=placement,
            ends_on=days_ago(1),
            reason="fired",
            expected_version=1,
        )
    assert list(errors_of(excinfo)) == ["reason"]

    ending = actions.end_placement(
        actor=consultant,
        placement=placement,
        ends_on=days_ago(1),
        reason=EndingReason.HEALTH,
        moved_on_to_work=False,
        lesson="Werkdruk te hoog in de piek",
        factors=["workload", "health_energy"],
        expected_version=1,
    )
    assert ending.get_factors_display() == ["Werkdruk", "Gezondheid en energie"]
    placement.refresh_from_db()
    assert placement.version == 2
    with pytest.raises(ValidationError):
        actions.end_placement(
            actor=consultant,
            placement=placement,
            ends_on=days_ago(1),
            reason=EndingReason.HEALTH,
            expected_version=2,
        )


def test_only_the_following_organisation_ends_a_placement(partner_consultant, person):
    placement = PlacementFactory(person=person)
    with pytest.raises(PermissionDenied):
        actions.end_placement(
            actor=partner_consultant,
            placement=placement,
            ends_on=days_ago(1),
            reason=EndingReason.RESIGNED,
            expected_version=1,
        )
