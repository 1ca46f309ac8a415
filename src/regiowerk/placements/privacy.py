"""What placements keeps about a person, for the person's rights (people's
contributions registry; registered in ``PlacementsConfig.ready()``).

- Candidacy: the person put forward for a vacancy, with its steps;
- Placement: the person at work with an employer, with its ending, its check-ins
  (with their agreed actions) and its own follow-up schedule.

The export gives every field of those records (steps under the candidacy's and the
ending under the placement's ``"related"``); erasure blanks the free text about the
person (notes, the employer's reason, the lesson learnt, the host mentor's name, a
check-in's advice and notes, agreed actions, a schedule's reason) and
keeps stages, dates, kinds and coded reasons, so the counts stay intact; the dossier
page lists the person's candidacies and placements, each linked to its page.
"""

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regiowerk.organisations.queries import Actor
from regiowerk.people.access import may_change_person
from regiowerk.people.contributions import (
    Contribution,
    DossierLink,
    DossierSection,
    Rows,
    rows,
)
from regiowerk.people.models import Person
from regiowerk.placements.models import (
    AgreedAction,
    Candidacy,
    CandidacyStep,
    CheckIn,
    FollowUpSchedule,
    Placement,
    PlacementEnding,
)


def export_person_records(person: Person) -> Rows:
    """The person's candidacies (with their steps), placements (with the ending,
    the check-ins and an own schedule) and the actions agreed at the check-ins."""
    return {
        "placements.candidacy": rows(
            Candidacy.objects.filter(person=person).order_by("created_at", "pk"),
            children={
                "placements.candidacystep": (
                    CandidacyStep.objects.filter(candidacy__person=person).order_by(
                        "pk"
                    ),
                    "candidacy_id",
                )
            },
        ),
        "placements.placement": rows(
            Placement.objects.filter(person=person).order_by("created_at", "pk"),
            children={
                "placements.placementending": (
                    PlacementEnding.objects.filter(placement__person=person),
                    "placement_id",
                ),
                "placements.checkin": (
                    CheckIn.objects.filter(placement__person=person).order_by(
                        "held_on", "pk"
                    ),
                    "placement_id",
                ),
                "placements.followupschedule": (
                    FollowUpSchedule.objects.filter(placement__person=person),
                    "placement_id",
                ),
            },
        ),
        # the actions agreed at the person's check-ins, each naming its check-in
        "placements.agreedaction": rows(
            AgreedAction.objects.filter(check_in__placement__person=person).order_by(
                "due_on", "pk"
            )
        ),
    }


def erase_person_records(person: Person) -> None:
    """Blank the free text kept about ``person``; stages, dates and codes stay.
    Idempotent."""
    Candidacy.objects.filter(person=person).update(end_reason="")
    CandidacyStep.objects.filter(candidacy__person=person).update(note="")
    Placement.objects.filter(person=person).update(host_mentor="")
    PlacementEnding.objects.filter(placement__person=person).update(lesson="")
    CheckIn.objects.filter(placement__person=person).update(advice="", notes="")
    AgreedAction.objects.filter(check_in__placement__person=person).update(
        description=""
    )
    FollowUpSchedule.objects.filter(placement__person=person).update(reason="")


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def dossier_section(actor: Actor, person: Person) -> DossierSection:
    """The person's placements (newest first), then their candidacies (newest first),
    each linked to its page, for every reader of the dossier page (who read, and
    logged, the person through people.access). Two queries."""
    placements = (
        Placement.objects.filter(person=person)
        .select_related("employer", "ending")
        .order_by("-starts_on", "-created_at")
    )
    candidacies = (
        Candidacy.objects.filter(person=person)
        .select_related("vacancy__employer")
        .order_by("-created_at")
    )
    table: list[tuple[str, ...]] = []
    urls: list[str] = []
    for placement in placements:
        ending = getattr(placement, "ending", None)
        table.append(
            (
                str(placement.employer),
                str(_("Placement")),
                placement.get_kind_display(),
                ending.get_reason_display() if ending else str(_("Active")),
                _date(placement.starts_on),
                _date(ending.ends_on if ending else None),
            )
        )
        urls.append(reverse("placement-detail", args=[placement.pk]))
    for candidacy in candidacies:
        table.append(
            (
                f"{candidacy.vacancy.title} — {candidacy.vacancy.employer}",
                str(_("Candidacy")),
                candidacy.get_source_display(),
                candidacy.get_ended_as_display() or candidacy.get_stage_display(),
                _date(candidacy.stage_on),
                _date(candidacy.ended_on),
            )
        )
        urls.append(reverse("candidacy-detail", args=[candidacy.pk]))
    return DossierSection(
        anchor="placements",
        title=_("Candidacies and placements"),
        columns=(
            _("Employer or vacancy"),
            _("Kind"),
            _("Kind of placement or source"),
            _("Status"),
            _("Since"),
            _("Ended on"),
        ),
        rows=table,
        row_urls=urls,
        empty=_("No candidacies or placements."),
    )


def dossier_links(actor: Actor, person: Person) -> list[DossierLink]:
    """Recording a placement by hand, for an actor who may change the person."""
    if not may_change_person(actor=actor, person=person):
        return []
    return [
        DossierLink(
            label=_("Record a placement"),
            url=reverse("placement-create-for-person", args=[person.pk]),
        )
    ]


CONTRIBUTION = Contribution(
    app_label="placements",
    title=_("Candidacies and placements"),
    models=("placements.Candidacy", "placements.Placement"),
    export=export_person_records,
    erase=erase_person_records,
    dossier_section=dossier_section,
    dossier_links=dossier_links,
)
