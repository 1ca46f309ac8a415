"""Two consultants take the last place at the same moment: exactly one succeeds.

Needs real concurrent transactions: on PostgreSQL the test database, on SQLite a
database file (common.tests.concurrency), so both backends give the same answers.
"""

from django.core.exceptions import ValidationError

import pytest

from regiowerk.common.tests.concurrency import racing_database
from regiowerk.organisations.constants import Role
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import actions
from regiowerk.services.models import Enrolment
from regiowerk.services.tests.factories import ServiceFactory, make_actor

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_enrolments_cannot_both_take_the_last_place():
    # given: a service with one place left and two people wanting it
    actor = make_actor(role=Role.CONSULTANT)
    service = ServiceFactory(provider=actor.organisation, capacity=1)
    people = [PersonFactory(organisation=actor.organisation) for _ in range(2)]

    def enrol(person):
        return lambda: actions.enrol_person(actor=actor, person=person, service=service)

    # when
    with racing_database() as race:
        outcomes = race.run(*(enrol(person) for person in people))
        enrolled = race.after(lambda: Enrolment.objects.filter(service=service).count())

    # then
    assert sorted(
        "enrolled" if isinstance(outcome, Enrolment) else "full"
        for outcome in outcomes
        if isinstance(outcome, Enrolment | ValidationError)
    ) == ["enrolled", "full"]
    assert enrolled == 1
