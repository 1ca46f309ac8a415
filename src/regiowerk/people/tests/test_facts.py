"""people.participants and people.status_observations as fact tables."""

from datetime import date

import pytest

from regiowerk.common import facts
from regiowerk.common.facts import Scope, evaluate, parse_definition
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.constants import ConsentPurpose, LabourStatus, ObservationSource
from regiowerk.people.tests.factories import (
    ConsentFactory,
    LabourStatusObservationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def figure(table, date_column, **data):
    return evaluate(
        parse_definition({"table": table, "date_column": date_column, **data}), Scope()
    )


def test_each_table_yields_exactly_its_published_columns():
    LabourStatusObservationFactory()
    for name in ("people.participants", "people.status_observations"):
        table = facts.get_table(name)
        row = facts.rows(name, Scope()).first()
        assert list(row) == [c.name for c in table.columns]


def test_participants_count_bsn_and_reporting_consent_for_the_declarable_list():
    # given: one with a BSN and reporting consent, one with a BSN whose consent was
    # withdrawn, one without a BSN
    declarable = PersonFactory(bsn_pseudonym="b" * 64)
    ConsentFactory(person=declarable, purpose=ConsentPurpose.BSN_REPORTING)
    withdrawn = PersonFactory(bsn_pseudonym="c" * 64)
    ConsentFactory(
        person=withdrawn,
        purpose=ConsentPurpose.BSN_REPORTING,
        withdrawn_on=date(2026, 2, 1),
    )
    PersonFactory()

    def count(**filters):
        return figure(
            "people.participants",
            "registered_on",
            measure="count_subjects",
            filters=filters,
        ).value

    # then
    assert count() == 3
    assert count(has_bsn_pseudonym=[True]) == 2
    assert count(has_bsn_pseudonym=[True], has_bsn_reporting_consent=[True]) == 1


def test_the_same_human_at_two_partners_is_one_participant():
    for organisation in (OrganisationFactory(), OrganisationFactory()):
        PersonFactory(organisation=organisation, bsn_pseudonym="d" * 64)
    result = figure("people.participants", "registered_on", measure="count_subjects")
    assert result.value == 1


def test_the_share_at_work_by_source_of_the_observation():
    # given: two self-reported observations (one at work), one from the registry
    for status, source in (
        (LabourStatus.EMPLOYED, ObservationSource.SELF_REPORT),
        (LabourStatus.JOB_SEEKER, ObservationSource.SELF_REPORT),
        (LabourStatus.EMPLOYED, ObservationSource.REGISTRY),
    ):
        LabourStatusObservationFactory(status=status, source=source)

    def share(source):
        return figure(
            "people.status_observations",
            "observed_on",
            measure="share",
            filters={"source": [source]},
            outcome={"status": ["employed"]},
        )

    # then
    assert share("self_report").percentage == 50
    assert share("registry").percentage == 100
