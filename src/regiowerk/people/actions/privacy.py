"""Data-subject rights and retention: export, erasure, retention and BSN key rotation."""

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.organisations.queries import Actor
from regiowerk.people import bsn as bsn_crypto
from regiowerk.people import contributions, rules
from regiowerk.people import export as readable_export
from regiowerk.people.access import log_access, may_erase, require_write
from regiowerk.people.access_labels import what_label
from regiowerk.people.actions._shared import _today
from regiowerk.people.constants import AccessPurpose, DossierStatus
from regiowerk.people.models import ContactMoment, Dossier, Person, PlanAction

logger = logging.getLogger(__name__)


def _user_name(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _log_export(actor: Actor, person: Person) -> None:
    """An export is for the holding organisation (it may change the person) and is
    recorded in the access log."""
    require_write(actor=actor, person=person)
    log_access(
        actor=actor,
        persons=[person],
        purpose=AccessPurpose.DATA_SUBJECT_REQUEST,
        what="export",
    )


def _contributed_records(person: Person) -> dict[str, list[dict[str, Any]]]:
    """What other apps keep about ``person``, as their registered contributions export
    it (people.contributions), keyed by model label; empty lists are left out."""
    found: dict[str, list[dict[str, Any]]] = {}
    for contribution in contributions.registered():
        for label, rows in contribution.export(person).items():
            if rows:
                found[label.lower()] = rows
    return found


def export_person(*, actor: Actor, person: Person) -> dict[str, Any]:
    """Everything held about the person, as JSON-serialisable data (GDPR art. 15/20).

    The BSN is never included, only whether one is registered. The export itself is
    recorded in the access log.
    """
    _log_export(actor, person)
    dossiers = []
    for dossier in person.dossiers.order_by("opened_on"):
        dossiers.append(
            {
                "id": dossier.pk,
                "organisation": dossier.organisation.name,
                "status": dossier.status,
                "opened_on": dossier.opened_on,
                "closed_on": dossier.closed_on,
                "closing_reason": dossier.closing_reason,
                "intake": dossier.intake,
                "intake_recorded_on": dossier.intake_recorded_on,
                "goals": dossier.goals,
                "plan_actions": contributions.rows(
                    dossier.plan_actions.order_by("created_at")
                ),
                "contact_moments": [
                    {
                        "type": c.type,
                        "status": c.status,
                        "occurred_at": c.occurred_at,
                        "notes": c.notes,
                        "recorded_by": _user_name(c.recorded_by),
                    }
                    for c in dossier.contact_moments.order_by("occurred_at")
                ],
            }
        )
    data = {
        "exported_at": timezone.now(),
        "exported_by": actor.user.get_username() if actor.user else actor.reason,
        "person": {
            **contributions.rows(Person.objects.filter(pk=person.pk))[0],
            "organisation": person.organisation.name,
            "is_50_plus": person.is_50_plus,
            "bsn_registered": person.has_bsn,
        },
        "dossiers": dossiers,
        "consents": [
            {
                "purpose": c.purpose,
                "partner": c.partner.name if c.partner else None,
                "given_on": c.given_on,
                "recorded_by": _user_name(c.recorded_by),
                "withdrawn_on": c.withdrawn_on,
                "withdrawn_by": _user_name(c.withdrawn_by),
            }
            for c in person.consents.order_by("given_on", "created_at")
        ],
        "labour_status_observations": contributions.rows(
            person.labour_status_observations.order_by("observed_on", "created_at")
        ),
        "access_log": [
            {
                "at": entry.at,
                "user": _user_name(entry.user),
                "organisation": entry.organisation.name,
                "purpose": entry.purpose,
                "what": entry.what_label,
            }
            for entry in person.access_log.order_by("at").select_related(
                "user", "organisation"
            )
        ],
        "other_records": _contributed_records(person),
    }
    # Round-trip through JSON so dates, UUIDs and decimals become plain strings.
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return result


def _person_parts(
    person: Person,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """What people keeps about ``person``, as rows per model label (the shape of
    ``contributions.rows``), for the readable export: the records, and the access log
    (which goes last); a fixed number of queries."""
    (person_row,) = contributions.rows(Person.objects.filter(pk=person.pk))
    person_row[str(_("BSN registered"))] = person.has_bsn
    dossiers = contributions.rows(
        person.dossiers.order_by("opened_on"),
        children={
            "people.planaction": (
                PlanAction.objects.filter(dossier__person=person).order_by(
                    "created_at"
                ),
                "dossier_id",
            ),
            "people.contactmoment": (
                ContactMoment.objects.filter(dossier__person=person).order_by(
                    "occurred_at"
                ),
                "dossier_id",
            ),
        },
    )
    for row in dossiers:
        answers = readable_export.intake_rows(row.pop("intake") or {})
        intake = {str(_("Intake")): [dict(answers)]} if answers else {}
        row["related"] = {**intake, **row.get("related", {})}
    access_log = contributions.rows(person.access_log.order_by("at"))
    for row in access_log:
        row["what"] = what_label(row["what"])
    return {
        "people.person": [person_row],
        "people.consent": contributions.rows(
            person.consents.order_by("given_on", "created_at")
        ),
        "people.labourstatusobservation": contributions.rows(
            person.labour_status_observations.order_by("observed_on", "created_at")
        ),
        "people.dossier": dossiers,
    }, {"people.accesslog": access_log}


def readable_person_export(
    *, actor: Actor, person: Person
) -> readable_export.ReadableExport:
    """Everything held about the person (what ``export_person`` gives), as the person
    reads it: Dutch field names, labels, names and written-out dates instead of keys
    and codes (``people.export``). The BSN is never included, only whether one is
    registered. A fixed number of queries whatever the number of records; the export
    is recorded in the access log."""
    _log_export(actor, person)
    own, access_log = _person_parts(person)
    sections = readable_export.readable(
        {**own, **_contributed_records(person), **access_log},
        titles={"people.person": str(_("Personal details"))},
    )
    return readable_export.ReadableExport(
        title=_("Data held about %(name)s") % {"name": person},
        exported_at=readable_export.value_text(timezone.now()),
        exported_by=(
            str(actor.user.get_full_name() or actor.user.get_username())
            if actor.user
            else str(actor.reason)
        ),
        sections=sections,
    )


def _anonymise_dossiers(dossiers: models.QuerySet[Dossier]) -> int:
    ids = list(dossiers.values_list("pk", flat=True))
    PlanAction.objects.filter(dossier_id__in=ids).update(description="", responsible="")
    ContactMoment.objects.filter(dossier_id__in=ids).update(notes="")
    return Dossier.objects.filter(pk__in=ids).update(
        intake={},
        goals="",
        closing_reason="",
        is_anonymised=True,
        version=F("version") + 1,
    )


def _erase_in_other_apps(person: Person) -> None:
    """Let every app that keeps data about ``person`` erase it, through its registered
    contribution (people.contributions), in the caller's transaction: one eraser that
    fails rolls the whole erasure back."""
    for contribution in contributions.registered():
        contribution.erase(person)


def _anonymise_person(person: Person, *, today: date) -> None:
    pseudonym = person.bsn_pseudonym
    postcode_area = person.postcode[:4] if person.postcode[:4].isdigit() else ""
    Person.objects.filter(pk=person.pk).update(
        first_name="",
        name_prefix="",
        last_name="",
        birth_year=person.birth_date.year if person.birth_date else person.birth_year,
        birth_date=None,
        email="",
        phone="",
        postcode=postcode_area,
        city="",
        current_occupation="",
        previous_occupations="",
        bsn_pseudonym="",
        bsn_encrypted=None,
        has_duplicate_elsewhere=False,
        is_anonymised=True,
        anonymised_on=today,
        version=F("version") + 1,
    )
    _anonymise_dossiers(person.dossiers.all())
    _erase_in_other_apps(person)
    if pseudonym:  # the remaining twins may no longer be duplicates of anyone
        twins = list(Person.objects.filter(bsn_pseudonym=pseudonym))
        for twin in twins:
            others = any(t.organisation_id != twin.organisation_id for t in twins)
            if twin.has_duplicate_elsewhere != others:
                Person.objects.filter(pk=twin.pk).update(has_duplicate_elsewhere=others)
    person.refresh_from_db()


@transaction.atomic
def erase_person(*, actor: Actor, person: Person) -> Person:
    """Anonymise the person (GDPR art. 17), keeping counts per status and service.

    Names, contact details, occupations, notes, intake and goals are removed; the birth
    date is coarsened to the year, the postcode to its four digits; the BSN pseudonym
    and encrypted copy are deleted. Consents, status observations and the access log
    stay as evidence. Idempotent. Raises AccessDenied unless the actor may change the
    person, and PermissionDenied unless they may erase (access.may_erase).
    """
    require_write(actor=actor, person=person)
    if not may_erase(actor=actor, person=person):
        raise PermissionDenied(
            _("Only a project leader or an administrator may erase a person.")
        )
    log_access(
        actor=actor,
        persons=[person],
        purpose=AccessPurpose.DATA_SUBJECT_REQUEST,
        what="erase",
    )
    if not person.is_anonymised:
        _anonymise_person(person, today=_today())
        logger.info("Anonymised person %s on request", person.pk)
    return person


@dataclass(frozen=True)
class RetentionResult:
    dossiers_anonymised: int
    persons_anonymised: int


@transaction.atomic
def apply_retention(
    *, today: date | None = None, retention_days: int | None = None
) -> RetentionResult:
    """Anonymise dossiers closed longer than the retention period, and their persons
    when no dossier of theirs is open or still within its period. A person who never
    had a dossier is anonymised when their record was last changed before the period.

    ``retention_days`` defaults to REGIOWERK_RETENTION_DAYS. Safe to run daily.
    """
    today = today or _today()
    days = (
        settings.REGIOWERK_RETENTION_DAYS if retention_days is None else retention_days
    )
    cutoff = rules.retention_cutoff(today, days)
    expired = Dossier.objects.filter(
        status=DossierStatus.CLOSED, closed_on__lt=cutoff, is_anonymised=False
    )
    dossiers_anonymised = _anonymise_dossiers(expired)
    still_kept = Dossier.objects.filter(
        models.Q(status=DossierStatus.OPEN) | models.Q(closed_on__gte=cutoff)
    )
    persons = (
        Person.objects.filter(is_anonymised=False)
        .filter(
            models.Q(dossiers__isnull=False)
            | models.Q(dossiers__isnull=True, updated_at__date__lt=cutoff)
        )
        .exclude(pk__in=still_kept.values("person_id"))
        .distinct()
    )
    persons_anonymised = 0
    for person in persons:
        _anonymise_person(person, today=today)
        persons_anonymised += 1
    if dossiers_anonymised or persons_anonymised:
        logger.info(
            "Retention: anonymised %s dossier(s) and %s person(s)",
            dossiers_anonymised,
            persons_anonymised,
        )
    return RetentionResult(
        dossiers_anonymised=dossiers_anonymised, persons_anonymised=persons_anonymised
    )


@transaction.atomic
def rotate_bsn_encryption() -> int:
    """Re-encrypt every stored BSN under the newest key of REGIOWERK_BSN_ENCRYPTION_KEYS.

    Run after putting a new key in front; afterwards the old key can be removed.
    Returns the number of re-encrypted copies. Raises InvalidToken (nothing is changed
    then) when a copy fits none of the configured keys.
    """
    persons = Person.objects.select_for_update().exclude(bsn_encrypted=None)
    rotated = 0
    for pk, token in persons.values_list("pk", "bsn_encrypted"):
        Person.objects.filter(pk=pk).update(
            bsn_encrypted=bsn_crypto.rotate_bsn_token(token or "")
        )
        rotated += 1
    logger.info("Re-encrypted %s BSN copies under the newest key", rotated)
    return rotated
