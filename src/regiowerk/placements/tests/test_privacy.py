"""What placements keeps about a person reaches the person's rights: the export, the
erasure and the dossier page (placements' contribution to people's registry)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from regiowerk.people import actions as people_actions
from regiowerk.people import contributions
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements.constants import EndingReason, Stage
from regiowerk.placements.models import (
    AgreedAction,
    CandidacyStep,
    CheckIn,
    PlacementEnding,
)
from regiowerk.placements.tests.factories import (
    CandidacyFactory,
    PlacementFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(project_leader):
    return PersonFactory(organisation=project_leader.organisation)


def _history(person):
    candidacy = CandidacyFactory(person=person, stage=Stage.NOMINATED)
    CandidacyStep.objects.filter(candidacy=candidacy).update(note="Sterke motivatie")
    placement = PlacementFactory(person=person, host_mentor="Henk Leermeester")
    ending = PlacementEnding.objects.create(
        placement=placement,
        ends_on=days_ago(1),
        reason=EndingReason.HEALTH,
        lesson="Rugklachten door tillen",
    )
    check_in = CheckIn.objects.create(
        placement=placement,
        held_on=days_ago(20),
        held_with="worker",
        workload=2,
        status="attention",
        advice="Minder tillen",
        notes="Rugklachten besproken",
    )
    AgreedAction.objects.create(
        check_in=check_in,
        description="Tilhulp regelen",
        owner="employer",
        due_on=days_ago(5),
    )
    return candidacy, placement, ending


def test_the_export_holds_candidacies_with_steps_and_placements_with_the_ending(
    project_leader, person
):
    candidacy, placement, _ending = _history(person)
    PlacementFactory()  # somebody else's

    records = people_actions.export_person(actor=project_leader, person=person)[
        "other_records"
    ]

    (row,) = records["placements.candidacy"]
    assert (row["id"], row["stage"]) == (str(candidacy.pk), Stage.NOMINATED)
    (step,) = row["related"]["placements.candidacystep"]
    assert step["note"] == "Sterke motivatie"
    (placed,) = records["placements.placement"]
    assert placed["id"] == str(placement.pk)
    (ended,) = placed["related"]["placements.placementending"]
    assert (ended["reason"], ended["lesson"]) == (
        EndingReason.HEALTH,
        "Rugklachten door tillen",
    )
    (checked,) = placed["related"]["placements.checkin"]
    assert (checked["workload"], checked["advice"]) == (2, "Minder tillen")
    (agreed,) = records["placements.agreedaction"]
    assert (agreed["check_in_id"], agreed["description"]) == (
        checked["id"],
        "Tilhulp regelen",
    )


def test_the_export_reads_placements_in_a_fixed_number_of_queries(
    project_leader, person
):
    def export_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            people_actions.export_person(actor=project_leader, person=person)
        return len(captured)

    _history(person)
    once = export_queries()
    _history(person)
    _history(person)

    assert export_queries() == once


def test_erasure_blanks_the_free_text_keeps_the_codes_and_can_run_twice(
    project_leader, person
):
    candidacy, placement, ending = _history(person)

    people_actions.erase_person(actor=project_leader, person=person)
    people_actions.erase_person(actor=project_leader, person=person)

    placement.refresh_from_db()
    ending.refresh_from_db()
    assert placement.host_mentor == ""
    assert (ending.lesson, ending.reason) == ("", EndingReason.HEALTH)
    assert candidacy.steps.get().note == ""
    check_in = placement.check_ins.get()
    assert (check_in.advice, check_in.notes, check_in.workload) == ("", "", 2)
    assert check_in.actions.get().description == ""


def test_the_dossier_page_lists_the_candidacies_and_placements(client, consultant):
    person = PersonFactory(organisation=consultant.organisation)
    candidacy, placement, _ending = _history(person)
    client.force_login(consultant.user)

    content = client.get(reverse("person-detail", args=[person.pk])).content.decode()

    assert "Kandidaatstellingen en plaatsingen" in content
    assert candidacy.vacancy.title in content
    assert placement.employer.name in content
    assert "Gezondheid" in content  # the ending's reason


def test_placements_covers_each_model_naming_a_person():
    (contribution,) = [
        c for c in contributions.registered() if c.app_label == "placements"
    ]
    naming = {
        model._meta.label_lower
        for model in contributions.models_naming_a_person()
        if model._meta.app_label == "placements"
    }
    assert naming == {"placements.candidacy", "placements.placement"}
    assert naming <= {label.lower() for label in contribution.models}
