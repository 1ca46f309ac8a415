"""Two consultants take the last place at the same moment: exactly one succeeds.

Needs real concurrent transactions, so it runs on PostgreSQL only (SQLite in memory
serialises everything and cannot show the race).
"""

import threading

from django.core.exceptions import ValidationError
from django.db import connection, connections

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import actions
from regiowerk.services.models import Enrolment
from regiowerk.services.tests.factories import ServiceFactory, make_actor

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions"
    ),
]


def test_two_simultaneous_enrolments_cannot_both_take_the_last_place():
    # given: a service with one place left and two people wanting it
    actor = make_actor(role=Role.CONSULTANT)
    service = ServiceFactory(provider=actor.organisation, capacity=1)
    people = [PersonFactory(organisation=actor.organisation) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def enrol(person):
        try:
            barrier.wait()
            actions.enrol_person(actor=actor, person=person, service=service)
            outcomes.append("enrolled")
        except ValidationError:
            outcomes.append("full")
        finally:
            connections.close_all()

    # when
    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    assert sorted(outcomes) == ["enrolled", "full"]
    assert Enrolment.objects.filter(service=service).count() == 1
