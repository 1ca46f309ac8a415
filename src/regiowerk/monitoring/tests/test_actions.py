"""Monitoring actions: the subsidy rule on projects, indicators of three kinds, targets
with their history, and computed indicators over the registry."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

import pytest

from regiowerk.common import facts
from regiowerk.monitoring import actions
from regiowerk.monitoring.constants import (
    Approver,
    DeliverableStatus,
    IndicatorKind,
    PartyRole,
    TargetChangeKind,
)
from regiowerk.monitoring.models import Indicator, Target
from regiowerk.monitoring.tests.factories import (
    ENROLLED,
    ActivityFactory,
    ProgrammeFactory,
)
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def new_indicator(kind: str, *, name: str, unit: str, **fields) -> Indicator:
    """An indicator added through the action, the first of a new activity."""
    return actions.add_indicator(
        activity=ActivityFactory(),
        name=name,
        unit=unit,
        kind=kind,
        position=0,
        **fields,
    )


def errors_of(call, **kwargs) -> dict[str, list[str]]:
    with translation.override("nl"):
        with pytest.raises(ValidationError) as caught:
            call(**kwargs)
        return caught.value.message_dict


def project_data(**overrides):
    return {
        "programme": ProgrammeFactory(),
        "code": "DW2012",
        "title": "Dienstverlening werkzoekenden",
        "starts_on": date(2016, 7, 15),
        "ends_on": date(2018, 12, 31),
        "direct_costs_cents": 1_245_313_00,
        **overrides,
    }


@pytest.fixture
def leader():
    organisation = OrganisationFactory()
    return Actor(
        user=make_user(organisation=organisation, role="project_leader"),
        organisation=organisation,
        roles=frozenset({"project_leader"}),
    )


def test_a_project_without_a_stated_maximum_gets_the_programmes_rule():
    project = actions.create_project(**project_data())
    assert project.max_subsidy_cents == 859_265_00
    assert project.rule_max_subsidy_cents == 859_265_00


def test_the_rule_is_configurable_per_programme():
    programme = ProgrammeFactory(subsidy_percentage=Decimal(50))
    project = actions.create_project(**project_data(programme=programme))
    assert project.max_subsidy_cents == 622_656_00


def test_a_maximum_that_differs_from_the_rule_needs_an_explanation():
    errors = errors_of(
        actions.create_project, **project_data(max_subsidy_cents=900_000_00)
    )
    assert errors["max_subsidy_note"] == [
        "De maximale subsidie € 900.000 wijkt af van de regel van het programma "
        "(€ 859.265): leg uit waarom."
    ]
    project = actions.create_project(
        **project_data(
            max_subsidy_cents=900_000_00,
            max_subsidy_note="Tussentijdse beschikkingswijziging",
        )
    )
    assert project.max_subsidy_cents == 900_000_00


def test_requested_subsidy_is_shown_as_percentage_of_the_maximum():
    project = actions.create_project(**project_data(requested_subsidy_cents=710_781_00))
    assert project.requested_percentage_of_max == 83


def test_a_project_cannot_end_before_it_starts():
    errors = errors_of(actions.create_project, **project_data(ends_on=date(2016, 1, 1)))
    assert errors


def test_a_computed_indicator_stores_a_checked_definition_and_counts_the_scope():
    # given: a project whose executor works in regiowerk and enrolled two people
    activity = ActivityFactory()
    executor = OrganisationFactory()
    actions.add_party(
        project=activity.project,
        name=executor.name,
        role=PartyRole.EXECUTOR,
        organisation_id=executor.pk,
    )
    EnrolmentFactory.create_batch(2, person__organisation=executor)
    EnrolmentFactory()  # another organisation's: not in the project's scope
    # when
    indicator = actions.add_indicator(
        activity=activity,
        name="Deelnemers ingeschreven",
        unit="deelnemers",
        kind=IndicatorKind.COMPUTED,
        position=0,
        definition=ENROLLED,
        target=Decimal(50),
    )
    # then
    assert indicator.definition == {**ENROLLED, "filters": {}}
    definition = facts.parse_definition(indicator.definition)
    assert facts.evaluate(definition, activity.project.scope()).value == 2


def test_a_definition_naming_something_unpublished_is_refused_with_its_field():
    errors = errors_of(
        actions.add_indicator,
        activity=ActivityFactory(),
        name="Afgerond",
        unit="deelnemers",
        kind=IndicatorKind.COMPUTED,
        position=0,
        definition={**ENROLLED, "filters": {"status": ["geslaagd"]}},
    )
    assert "Onbekende waarde voor status: geslaagd" in errors["definition"][0]


def test_only_a_computed_indicator_has_a_definition_and_it_needs_one():
    activity = ActivityFactory()
    base = {"activity": activity, "name": "x", "unit": "x", "position": 0}
    assert "definition" in errors_of(
        actions.add_indicator, **base, kind=IndicatorKind.COMPUTED
    )
    assert "definition" in errors_of(
        actions.add_indicator, **base, kind=IndicatorKind.MANUAL, definition=ENROLLED
    )


def test_a_computed_value_is_never_typed_in(leader):
    indicator = new_indicator(
        IndicatorKind.COMPUTED,
        name="Deelnemers",
        unit="deelnemers",
        definition=ENROLLED,
    )
    errors = errors_of(
        actions.record_realised,
        indicator=indicator,
        value=Decimal(5),
        evidence_note="telling",
        actor=leader,
    )
    assert "realised_value" in errors


def test_a_manual_value_records_its_evidence_who_and_when(leader):
    indicator = new_indicator(
        IndicatorKind.MANUAL,
        name="Werkgevers bezocht",
        unit="bedrijven",
        target=Decimal(20),
    )
    assert "evidence_note" in errors_of(
        actions.record_realised,
        indicator=indicator,
        value=Decimal(5),
        evidence_note=" ",
        actor=leader,
    )
    actions.record_realised(
        indicator=indicator,
        value=Decimal(23),
        evidence_note="Bezoekverslagen in de projectmap",
        actor=leader,
    )
    indicator.refresh_from_db()
    assert indicator.realised_value == 23
    assert indicator.recorded_by == leader.user
    assert indicator.recorded_at is not None


def test_a_deliverable_moves_from_planned_to_delivered():
    indicator = new_indicator(
        IndicatorKind.DELIVERABLE, name="Eindrapport", unit="rapport"
    )
    assert indicator.deliverable_status == DeliverableStatus.PLANNED
    actions.set_deliverable_status(
        indicator=indicator, status=DeliverableStatus.DELIVERED
    )
    indicator.refresh_from_db()
    assert indicator.deliverable_status == DeliverableStatus.DELIVERED
    manual = actions.add_indicator(
        activity=indicator.activity, name="m", unit="x", kind="manual", position=1
    )
    assert "deliverable_status" in errors_of(
        actions.set_deliverable_status, indicator=manual, status="delivered"
    )


def test_target_changes_keep_the_history_up_and_down(leader):
    # given: a target of 2000
    indicator = new_indicator(
        IndicatorKind.MANUAL,
        name="Deelnemers vitaliserend aanbod",
        unit="deelnemers",
        target=Decimal(2000),
    )
    # when: lowered by an approved change request, then raised after consultation
    actions.change_target(
        indicator=indicator,
        new_value=Decimal(800),
        reason="Minder deelname dan verwacht",
        kind=TargetChangeKind.CHANGE_REQUEST,
        approver=Approver.MINISTRY,
        changed_on=date(2017, 9, 1),
        actor=leader,
    )
    actions.change_target(
        indicator=indicator,
        new_value=Decimal(900),
        reason="Doel bereikt, verhoogd",
        kind=TargetChangeKind.INFORMAL_CONSULTATION,
    )
    # then
    target = Target.objects.get(indicator=indicator)
    assert (target.original_value, target.current_value) == (2000, 900)
    assert target.is_revised
    assert [
        (c.previous_value, c.new_value, c.approver) for c in target.changes.all()
    ] == [
        (2000, 800, "ministry"),
        (800, 900, ""),
    ]


def test_a_change_request_names_its_approver_and_every_change_its_reason():
    indicator = new_indicator("manual", name="x", unit="x")
    errors = errors_of(
        actions.change_target,
        indicator=indicator,
        new_value=Decimal(1),
        reason="",
        kind=TargetChangeKind.CHANGE_REQUEST,
    )
    assert set(errors) == {"approver", "reason"}
    assert Target.objects.get(indicator=indicator).current_value is None


def test_the_database_refuses_a_typed_value_on_a_computed_indicator():
    indicator = new_indicator(
        IndicatorKind.COMPUTED,
        name="Deelnemers",
        unit="deelnemers",
        definition=ENROLLED,
    )
    indicator.realised_value = Decimal(3)
    with pytest.raises(IntegrityError):
        indicator.save()
