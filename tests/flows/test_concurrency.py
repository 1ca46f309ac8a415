"""Racing API requests get the same answers on SQLite as on PostgreSQL.

One request wins, the other gets its conflict or validation error; never a 500
"database is locked". Runs on whichever backend the suite runs on (CI runs both); on
SQLite the race runs on a database file (common.tests.concurrency).
"""

from django.db import connections

import pytest

from regiowerk.common.tests.concurrency import racing_database
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.tests.factories import DossierFactory, PersonFactory
from regiowerk.services.models import Enrolment
from regiowerk.services.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)
API = "/api/v1"


def _status(outcome):
    assert not isinstance(outcome, BaseException), repr(outcome)
    return outcome.status_code


def test_two_simultaneous_edits_of_one_dossier_give_one_success_and_one_conflict(
    make_actor, api_client_for
):
    # given: two consultants of the organisation opened the same dossier (version 1)
    organisation = OrganisationFactory()
    dossier = DossierFactory(person=PersonFactory(organisation=organisation))
    clients = [api_client_for(make_actor(organisation)) for _ in range(2)]

    def edit(client, goals):
        return lambda: client.post(
            f"{API}/dossiers/{dossier.pk}/goals/",
            {"version": 1, "goals": goals},
            format="json",
        )

    with racing_database() as race:
        # when: both save at the same moment
        outcomes = race.run(
            edit(clients[0], "Werk in de zorg"), edit(clients[1], "Anders")
        )
        stored = race.after(
            lambda: type(dossier).objects.values("goals", "version").get(pk=dossier.pk)
        )

    # then
    assert sorted(_status(outcome) for outcome in outcomes) == [200, 409]
    winner = next(o for o in outcomes if o.status_code == 200).json()
    assert stored == {"goals": winner["goals"], "version": 2}


def test_two_simultaneous_enrolments_into_the_last_place_give_one_enrolment(
    make_actor, api_client_for
):
    # given: a service with one place left and two consultants enrolling two people
    organisation = OrganisationFactory()
    service = ServiceFactory(provider=organisation, capacity=1)
    people = [PersonFactory(organisation=organisation) for _ in range(2)]
    clients = [api_client_for(make_actor(organisation)) for _ in range(2)]

    def enrol(client, person):
        return lambda: client.post(
            f"{API}/enrolments/create/",
            {"person_id": str(person.pk), "service_id": service.pk},
            format="json",
        )

    with racing_database() as race:
        # when
        outcomes = race.run(
            *(enrol(c, p) for c, p in zip(clients, people, strict=True))
        )
        enrolled = race.after(lambda: Enrolment.objects.filter(service=service).count())

    # then
    assert sorted(_status(outcome) for outcome in outcomes) == [201, 400]
    refused = next(o for o in outcomes if o.status_code == 400).json()
    assert "service" in str(refused)
    assert enrolled == 1


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's own settings"
)
def test_the_racers_use_sqlite_in_wal_mode_with_immediate_transactions():
    with racing_database() as race:
        journal_mode, mode = race.after(
            lambda: (
                connections["default"]
                .cursor()
                .execute("PRAGMA journal_mode")
                .fetchone()[0],
                connections["default"].transaction_mode,
            )
        )

    assert (journal_mode, mode) == ("wal", "IMMEDIATE")
