"""Changes to candidacies and placements.

A candidacy starts for a person the actor may read (``people.access``) and moves
through the pipeline only as ``rules.check_step`` allows (forward, skipping allowed);
it ends withdrawn, rejected by the employer (with a reason) or declined by the
candidate. A placement is recorded from a candidacy that reached *placed*, or by hand,
and ends once, with a coded reason.

Errors: ``ValidationError`` naming the field and the reason (in Dutch on the pages),
``AccessDenied`` when the actor may not read the person, ``PermissionDenied`` when the
actor may not work the record, ``ConcurrentEditError`` when it changed since the
caller loaded it.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regiowerk.common.changes import apply_changes
from regiowerk.common.locking import save_versioned
from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.matching import queries as matching_queries
from regiowerk.organisations.models import Organisation, User
from regiowerk.organisations.queries import Actor, caseworkers_of
from regiowerk.people.access import AccessDenied, may_change_person, may_read_person
from regiowerk.people.models import Person
from regiowerk.placements import rules
from regiowerk.placements.constants import (
    CandidacyEnding,
    CandidacySource,
    CheckInKind,
    PlacementContract,
    Stage,
)
from regiowerk.placements.models import (
    CHECK_IN_FIELD_NAMES,
    FOLLOW_UP_PROGRAMME_FIELD_NAMES,
    NOTE_MAX_LENGTH,
    PLACEMENT_FIELD_NAMES,
    PROGRAMME_NAME_MAX_LENGTH,
    AgreedAction,
    Candidacy,
    CandidacyStep,
    CheckIn,
    FollowUpProgramme,
    FollowUpSchedule,
    Placement,
    PlacementEnding,
)
from regiowerk.placements.permissions import (
    may_start_candidacies,
    require_candidacy_worker,
    require_follow_up_programme_keeper,
    require_placement_follower,
)

# What the adapters (web forms, API bodies) call an input, by the action's argument.
INPUT_ARGUMENTS = {"version": "expected_version"}


def _today() -> date:
    return timezone.localdate()


def _check_day(errors: dict[str, str], field: str, day: date, *, after: date) -> None:
    """``day`` must lie on or after ``after`` and not in the future."""
    if day < after:
        errors[field] = _("The date lies before %(date)s.") % {
            "date": date_format(after)
        }
    elif day > _today():
        errors[field] = _("The date lies in the future.")


def _check_note(errors: dict[str, str], field: str, text: str) -> None:
    if len(text) > NOTE_MAX_LENGTH:
        errors[field] = _("At most %(n)d characters.") % {"n": NOTE_MAX_LENGTH}


def _raise(errors: Mapping[str, str]) -> None:
    if errors:
        raise ValidationError(dict(errors))


# --- Candidacies ------------------------------------------------------------------------------


@transaction.atomic
def start_candidacy(
    *,
    actor: Actor,
    person: Person,
    vacancy: Vacancy,
    source: str = CandidacySource.BY_HAND,
    on: date | None = None,
    note: str = "",
) -> Candidacy:
    """Put ``person`` forward for ``vacancy``: a candidacy at *recruited* on ``on``
    (default today), worked by the actor's organisation.

    ``person`` must come from people.access. Raises AccessDenied (the actor may not
    read the person), ValidationError (anonymised person, vacancy not open, already a
    candidate for it, bad date or source)."""
    if not (
        may_start_candidacies(actor) and may_read_person(actor=actor, person=person)
    ):
        raise AccessDenied
    return _create_candidacy(
        actor=actor, person=person, vacancy=vacancy, source=source, on=on, note=note
    )


@transaction.atomic
def start_unnamed_candidacy(
    *,
    actor: Actor,
    vacancy: Vacancy,
    candidate: str,
    on: date | None = None,
    note: str = "",
) -> Candidacy:
    """Put forward the ranked candidate behind ``candidate`` (a token of
    matching.unnamed_candidates) for ``vacancy``: an account manager of the vacancy
    who may not read persons starts a candidacy (source matching) without learning
    who it is. The token is checked against the vacancy's candidates now. Raises
    AccessDenied (not the vacancy's account manager, or no such candidate now) and
    the ValidationErrors of :func:`start_candidacy`."""
    person = matching_queries.unnamed_candidate(
        actor=actor, vacancy=vacancy, token=candidate
    )
    return _create_candidacy(
        actor=actor,
        person=person,
        vacancy=vacancy,
        source=CandidacySource.MATCHING,
        on=on,
        note=note,
    )


def _create_candidacy(
    *,
    actor: Actor,
    person: Person,
    vacancy: Vacancy,
    source: str,
    on: date | None,
    note: str,
) -> Candidacy:
    on = on or _today()
    errors: dict[str, str] = {}
    if person.is_anonymised:
        errors["person"] = _("This person's record was anonymised.")
    if vacancy.status != VacancyStatus.OPEN:
        errors["vacancy"] = _("This vacancy is not open.")
    if source not in CandidacySource.values:
        errors["source"] = _("Choose from: %(options)s.") % {
            "options": ", ".join(CandidacySource.values)
        }
    _check_day(errors, "on", on, after=date.min)
    _check_note(errors, "note", note)
    _raise(errors)
    if Candidacy.objects.filter(person=person, vacancy=vacancy, ended_as="").exists():
        raise ValidationError(
            {"vacancy": _("This person is already a candidate for this vacancy.")}
        )
    try:
        with transaction.atomic():
            candidacy = Candidacy.objects.create(
                person=person,
                vacancy=vacancy,
                organisation=actor.organisation,
                source=source,
                stage=Stage.RECRUITED,
                stage_on=on,
                started_by=actor.user,
            )
    except IntegrityError:  # a simultaneous start won the unique constraint
        raise ValidationError(
            {"vacancy": _("This person is already a candidate for this vacancy.")}
        ) from None
    CandidacyStep.objects.create(
        candidacy=candidacy,
        stage=Stage.RECRUITED,
        on=on,
        recorded_by=actor.user,
        note=note,
    )
    return candidacy


def _locked_candidacy(candidacy: Candidacy) -> Candidacy:
    return (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("vacancy__employer", "person")
        .get(pk=candidacy.pk)
    )


def _check_open(candidacy: Candidacy) -> None:
    if candidacy.ended_as:
        raise ValidationError(
            {"stage": _("This candidacy has ended; start a new one instead.")}
        )


@transaction.atomic
def move_candidacy(
    *,
    actor: Actor,
    candidacy: Candidacy,
    stage: str,
    expected_version: int,
    on: date | None = None,
    note: str = "",
) -> Candidacy:
    """Move ``candidacy`` on to ``stage`` on ``on`` (default today): forward only,
    skipping steps allowed (``rules.check_step``), not before its current stage's
    date, not in the future."""
    require_candidacy_worker(actor=actor, candidacy=candidacy)
    candidacy = _locked_candidacy(candidacy)
    _check_open(candidacy)
    on = on or _today()
    errors: dict[str, str] = {}
    if stage not in Stage.values:
        errors["stage"] = _("Choose from: %(options)s.") % {
            "options": ", ".join(Stage.values)
        }
    else:
        try:
            rules.check_step(rules.Stage(candidacy.stage), rules.Stage(stage))
        except rules.RuleError:
            errors["stage"] = _(
                "A candidacy only moves forward: from “%(current)s” it cannot go "
                "to “%(new)s”."
            ) % {"current": Stage(candidacy.stage).label, "new": Stage(stage).label}
    _check_day(errors, "on", on, after=candidacy.stage_on)
    _check_note(errors, "note", note)
    _raise(errors)
    candidacy.stage, candidacy.stage_on = stage, on
    save_versioned(
        candidacy, expected_version=expected_version, fields=["stage", "stage_on"]
    )
    CandidacyStep.objects.create(
        candidacy=candidacy, stage=stage, on=on, recorded_by=actor.user, note=note
    )
    return candidacy


@transaction.atomic
def end_candidacy(
    *,
    actor: Actor,
    candidacy: Candidacy,
    ending: str,
    expected_version: int,
    on: date | None = None,
    reason: str = "",
) -> Candidacy:
    """End ``candidacy`` as withdrawn, rejected by the employer (``reason`` required)
    or declined by the candidate, at any stage before *placed*."""
    require_candidacy_worker(actor=actor, candidacy=candidacy)
    candidacy = _locked_candidacy(candidacy)
    _check_open(candidacy)
    if not rules.may_end(rules.Stage(candidacy.stage)):
        raise ValidationError(
            {
                "ending": _(
                    "This candidacy led to a placement; end the placement instead."
                )
            }
        )
    on = on or _today()
    reason = reason.strip()
    errors: dict[str, str] = {}
    if ending not in CandidacyEnding.values:
        errors["ending"] = _("Choose from: %(options)s.") % {
            "options": ", ".join(CandidacyEnding.values)
        }
    elif ending == CandidacyEnding.REJECTED and not reason:
        errors["reason"] = _("Give the employer's reason for rejecting the candidate.")
    _check_day(errors, "on", on, after=candidacy.stage_on)
    _check_note(errors, "reason", reason)
    _raise(errors)
    candidacy.ended_as, candidacy.ended_on, candidacy.end_reason = ending, on, reason
    save_versioned(
        candidacy,
        expected_version=expected_version,
        fields=["ended_as", "ended_on", "end_reason"],
    )
    CandidacyStep.objects.create(
        candidacy=candidacy,
        stage=candidacy.stage,
        ended_as=ending,
        on=on,
        recorded_by=actor.user,
        note=reason,
    )
    return candidacy


# --- Placements -------------------------------------------------------------------------------


def _check_placement(placement: Placement) -> None:
    """The rules of a placement's fields, each error naming its field."""
    errors: dict[str, str] = {}
    contract = placement.contract_type
    ends = placement.contract_ends_on
    if contract == PlacementContract.FIXED_TERM and ends is None:
        errors["contract_ends_on"] = _("A fixed-term contract needs the date it ends.")
    elif contract == PlacementContract.PERMANENT and ends is not None:
        errors["contract_ends_on"] = _("A permanent contract has no end date.")
    if ends is not None and placement.starts_on and ends < placement.starts_on:
        errors["contract_ends_on"] = _("The contract ends before the placement starts.")
    if placement.wage_cost_subsidy_cents and not placement.has_wage_cost_subsidy:
        errors["wage_cost_subsidy_cents"] = _(
            "An amount of wage-cost subsidy needs the wage-cost subsidy ticked."
        )
    if placement.support_ends_on is not None and not placement.support:
        errors["support_ends_on"] = _(
            "Choose the support arrangements before the date they end."
        )
    elif (
        placement.support_ends_on is not None
        and placement.starts_on
        and placement.support_ends_on < placement.starts_on
    ):
        errors["support_ends_on"] = _("The support ends before the placement starts.")
    _raise(errors)
    placement.full_clean(
        exclude=[
            "person",
            "employer",
            "vacancy",
            "candidacy",
            "organisation",
            "responsible",
            "created_by",
        ]
    )


def _check_responsible(
    actor: Actor, responsible: User | None, follows: Organisation | None = None
) -> None:
    if responsible is not None and not (
        caseworkers_of(follows or actor.organisation).filter(pk=responsible.pk).exists()
    ):
        raise ValidationError(
            {
                "responsible": _(
                    "Choose a labour expert or job coach of your own organisation."
                )
            }
        )


@transaction.atomic
def create_placement(
    *,
    actor: Actor,
    fields: Mapping[str, Any],
    candidacy: Candidacy | None = None,
    person: Person | None = None,
    employer: Employer | None = None,
    vacancy: Vacancy | None = None,
    responsible: User | None = None,
) -> Placement:
    """Record a placement: from ``candidacy`` (at *placed*; person, vacancy and
    employer are taken from it, by whoever works it), or by hand for ``person`` (from
    people.access; a casework role who may change the person) at ``employer``
    (optionally for ``vacancy``). ``fields`` are :data:`PLACEMENT_FIELD_NAMES`.

    The actor's organisation follows the placement, unless the actor may not read the
    person (an account manager recorded it from a candidacy they worked unnamed): then
    the person's organisation follows it, its labour experts see it on Nazorg."""
    if candidacy is not None:
        require_candidacy_worker(actor=actor, candidacy=candidacy)
        candidacy = _locked_candidacy(candidacy)
        if candidacy.stage != Stage.PLACED or candidacy.ended_as:
            raise ValidationError(
                {"candidacy": _("Move the candidacy to “placed” first.")}
            )
        if Placement.objects.filter(candidacy=candidacy).exists():
            raise ValidationError(
                {"candidacy": _("This candidacy already has its placement.")}
            )
        person, vacancy = candidacy.person, candidacy.vacancy
        employer = vacancy.employer
    else:
        if person is None or employer is None:
            raise ValidationError({"person": _("Choose the person and the employer.")})
        if not may_change_person(actor=actor, person=person):
            raise AccessDenied
        if vacancy is not None and vacancy.employer_id != employer.pk:
            raise ValidationError(
                {"vacancy": _("This vacancy is of another employer.")}
            )
    if person.is_anonymised:
        raise ValidationError({"person": _("This person's record was anonymised.")})
    follows = actor.organisation
    if not may_read_person(actor=actor, person=person):
        follows = person.organisation
    elif responsible is None and actor.does_casework:
        responsible = actor.user
    _check_responsible(actor, responsible, follows)
    placement = Placement(
        person=person,
        employer=employer,
        vacancy=vacancy,
        candidacy=candidacy,
        organisation=follows,
        responsible=responsible,
        created_by=actor.user,
    )
    apply_changes(placement, fields, allowed=PLACEMENT_FIELD_NAMES)
    _check_placement(placement)
    placement.save()
    return placement


def _locked_placement(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("person", "employer")
        .get(pk=placement.pk)
    )


@transaction.atomic
def update_placement(
    *,
    actor: Actor,
    placement: Placement,
    changes: Mapping[str, Any],
    expected_version: int,
) -> Placement:
    """Change the fields of ``placement`` (:data:`PLACEMENT_FIELD_NAMES` and
    ``responsible``) from the version the caller saw."""
    require_placement_follower(actor=actor, placement=placement)
    placement = _locked_placement(placement)
    changed = apply_changes(
        placement, changes, allowed=(*PLACEMENT_FIELD_NAMES, "responsible")
    )
    if "responsible" in changes:
        _check_responsible(actor, changes["responsible"])
    _check_placement(placement)
    if hasattr(placement, "ending") and placement.starts_on > placement.ending.ends_on:
        raise ValidationError(
            {"starts_on": _("The placement cannot start after it ended.")}
        )
    fields = ["responsible_id" if name == "responsible" else name for name in changed]
    return save_versioned(placement, expected_version=expected_version, fields=fields)


@transaction.atomic
def end_placement(
    *,
    actor: Actor,
    placement: Placement,
    expected_version: int,
    ends_on: date,
    reason: str,
    moved_on_to_work: bool = False,
    lesson: str = "",
    factors: list[str] | None = None,
) -> PlacementEnding:
    """End ``placement`` on ``ends_on`` (not before it started, not in the future)
    with a coded ``reason``, whether the person moved on to other work, and the lesson
    learnt (free text and coded ``factors``). A placement ends once."""
    require_placement_follower(actor=actor, placement=placement)
    placement = _locked_placement(placement)
    if PlacementEnding.objects.filter(placement=placement).exists():
        raise ValidationError({"ends_on": _("This placement has already ended.")})
    errors: dict[str, str] = {}
    _check_day(errors, "ends_on", ends_on, after=placement.starts_on)
    _raise(errors)
    ending = PlacementEnding(
        placement=placement,
        ends_on=ends_on,
        reason=reason,
        moved_on_to_work=moved_on_to_work,
        lesson=lesson.strip(),
        factors=list(factors or []),
        recorded_by=actor.user,
    )
    ending.full_clean(exclude=["placement", "recorded_by"])
    save_versioned(placement, expected_version=expected_version, fields=[])
    ending.save()
    return ending


def require_may_start(actor: Actor) -> None:
    """PermissionDenied unless the actor's role starts candidacies (a view's check
    before it shows the form)."""
    if not may_start_candidacies(actor):
        raise PermissionDenied(_("Only casework roles put persons forward."))


# --- Follow-up (nazorg) -----------------------------------------------------------------------


def _check_check_in(check_in: CheckIn) -> None:
    """The rules of a check-in's fields, each error naming its field: held between
    the placement's start and today; a scheduled check-in gives an overall status."""
    errors: dict[str, str] = {}
    placement = check_in.placement
    if check_in.held_on is not None:
        _check_day(errors, "held_on", check_in.held_on, after=placement.starts_on)
    if check_in.kind == CheckInKind.SCHEDULED and not check_in.status:
        errors["status"] = _("Give the overall status of the check-in.")
    _raise(errors)
    check_in.full_clean(exclude=["placement", "recorded_by"])


@transaction.atomic
def record_check_in(
    *,
    actor: Actor,
    placement: Placement,
    fields: Mapping[str, Any],
    agreed: Sequence[Mapping[str, Any]] = (),
) -> CheckIn:
    """Record a check-in (or an ad-hoc contact) on ``placement``, with the actions
    agreed (each ``description``, ``owner``, ``due_on``). ``fields`` are
    :data:`CHECK_IN_FIELD_NAMES`. By whoever follows the placement."""
    require_placement_follower(actor=actor, placement=placement)
    check_in = CheckIn(placement=placement, recorded_by=actor.user)
    apply_changes(check_in, fields, allowed=CHECK_IN_FIELD_NAMES)
    _check_check_in(check_in)
    check_in.save()
    for values in agreed:
        add_agreed_action(actor=actor, check_in=check_in, **values)
    return check_in


@transaction.atomic
def update_check_in(
    *,
    actor: Actor,
    check_in: CheckIn,
    changes: Mapping[str, Any],
    expected_version: int,
    agreed: Sequence[Mapping[str, Any]] = (),
) -> CheckIn:
    """Change a check-in from the version the caller saw (optimistic locking) and
    add the actions ``agreed`` since, as :func:`record_check_in`; all or nothing (a
    stale version adds no action either)."""
    require_placement_follower(actor=actor, placement=check_in.placement)
    check_in = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("placement")
        .get(pk=check_in.pk)
    )
    changed = apply_changes(check_in, changes, allowed=CHECK_IN_FIELD_NAMES)
    _check_check_in(check_in)
    save_versioned(check_in, expected_version=expected_version, fields=changed)
    for values in agreed:
        add_agreed_action(actor=actor, check_in=check_in, **values)
    return check_in


def add_agreed_action(
    *, actor: Actor, check_in: CheckIn, description: str, owner: str, due_on: date
) -> AgreedAction:
    """An action agreed at ``check_in``: who (``owner``) does what by ``due_on``."""
    require_placement_follower(actor=actor, placement=check_in.placement)
    action = AgreedAction(
        check_in=check_in,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )
    action.full_clean(exclude=["check_in"])
    action.save()
    return action


def _schedule_errors(
    *, first_days: int, months: Sequence[int], every_months: int, years: int
) -> dict[str, str]:
    """``rules.schedule_problems`` in Dutch, each at its field."""
    problems = rules.schedule_problems(
        first_days=first_days, months=months, every_months=every_months, years=years
    )
    out_of_range = {
        "first_days": _("Give a number of days from 1 to %(n)d."),
        "every_months": _("Give a number of months from 1 to %(n)d."),
        "years": _("Give a number of years from 1 to %(n)d."),
    }
    highest = {
        "first_days": rules.MAX_FIRST_DAYS,
        "every_months": rules.MAX_EVERY_MONTHS,
        "years": rules.MAX_YEARS,
    }
    errors = {
        name: out_of_range[name] % {"n": highest[name]}
        for name, problem in problems.items()
        if name in out_of_range
    }
    months_problem = problems.get("months")
    if months_problem is rules.ScheduleProblem.NOT_INCREASING:
        errors["months"] = _(
            "Give each month once, in increasing order (e.g. 1, 2, 3, 6)."
        )
    elif months_problem is rules.ScheduleProblem.OUT_OF_RANGE:
        errors["months"] = _("Give months from 1 (a month after the start).")
    elif months_problem is rules.ScheduleProblem.BEYOND_LENGTH:
        errors["months"] = _(
            "Give months within the %(n)d months the follow-up lasts."
        ) % {"n": 12 * years}
    return errors


@transaction.atomic
def set_follow_up_schedule(
    *,
    actor: Actor,
    placement: Placement,
    months: Sequence[int],
    first_days: int = rules.DEFAULT_SCHEDULE.first_days,
    every_months: int = rules.DEFAULT_SCHEDULE.every_months,
    years: int = rules.DEFAULT_SCHEDULE.years,
    reason: str = "",
) -> FollowUpSchedule:
    """Give ``placement`` its own follow-up schedule instead of the default (more
    often when at risk), as ``rules.schedule_problems`` allows; each error at its
    field. Not once the placement has ended."""
    require_placement_follower(actor=actor, placement=placement)
    if PlacementEnding.objects.filter(placement=placement).exists():
        raise ValidationError(_("This placement has ended; its follow-up has stopped."))
    errors = _schedule_errors(
        first_days=first_days, months=months, every_months=every_months, years=years
    )
    _check_note(errors, "reason", reason)
    _raise(errors)
    schedule, _created = FollowUpSchedule.objects.update_or_create(
        placement=placement,
        defaults={
            "first_days": first_days,
            "months": list(months),
            "every_months": every_months,
            "years": years,
            "reason": reason.strip(),
            "set_by": actor.user,
        },
    )
    return schedule


def reset_follow_up_schedule(*, actor: Actor, placement: Placement) -> None:
    """Back to the default schedule."""
    require_placement_follower(actor=actor, placement=placement)
    FollowUpSchedule.objects.filter(placement=placement).delete()


# --- Follow-up programmes ---------------------------------------------------------------------
def _programme_errors(actor: Actor, programme: FollowUpProgramme) -> dict[str, str]:
    """What is wrong with ``programme`` as set (unsaved), each at its field: a name,
    unique in the organisation, the schedule as ``rules.schedule_problems`` allows."""
    errors = _schedule_errors(
        first_days=programme.first_days,
        months=programme.months,
        every_months=programme.every_months,
        years=programme.years,
    )
    name = programme.name
    if not name:
        errors["name"] = _("Give the programme a name.")
    elif len(name) > PROGRAMME_NAME_MAX_LENGTH:
        errors["name"] = _("At most %(n)d characters.") % {
            "n": PROGRAMME_NAME_MAX_LENGTH
        }
    elif (
        FollowUpProgramme.objects.filter(organisation=actor.organisation, name=name)
        .exclude(pk=programme.pk)
        .exists()
    ):
        errors["name"] = _("Your organisation has a follow-up programme of that name.")
    _check_note(errors, "description", programme.description)
    return errors


@transaction.atomic
def create_follow_up_programme(
    *,
    actor: Actor,
    name: str,
    months: Sequence[int] = rules.DEFAULT_SCHEDULE.months,
    first_days: int = rules.DEFAULT_SCHEDULE.first_days,
    every_months: int = rules.DEFAULT_SCHEDULE.every_months,
    years: int = rules.DEFAULT_SCHEDULE.years,
    description: str = "",
) -> FollowUpProgramme:
    """A follow-up programme of the actor's organisation: a named schedule its
    placements follow (unless one has its own), checked as
    ``rules.schedule_problems`` allows; each error at its field. Raises
    PermissionDenied unless the actor is a project leader or labour expert."""
    require_follow_up_programme_keeper(actor=actor)
    programme = FollowUpProgramme(
        organisation=actor.organisation,
        name=name.strip(),
        first_days=first_days,
        months=list(months),
        every_months=every_months,
        years=years,
        description=description.strip(),
        set_by=actor.user,
    )
    _raise(_programme_errors(actor, programme))
    programme.save()
    return programme


@transaction.atomic
def update_follow_up_programme(
    *,
    actor: Actor,
    programme: FollowUpProgramme,
    changes: Mapping[str, Any],
    expected_version: int,
) -> FollowUpProgramme:
    """Change ``programme`` (:data:`FOLLOW_UP_PROGRAMME_FIELD_NAMES`) from the version
    the caller saw; its placements follow the new schedule at once (those with an own
    schedule keep theirs). Raises PermissionDenied unless the actor keeps the
    programmes of its organisation, ConcurrentEditError when it changed since."""
    require_follow_up_programme_keeper(actor=actor, programme=programme)
    programme = FollowUpProgramme.objects.select_for_update().get(pk=programme.pk)
    changes = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in changes.items()
    }
    if "months" in changes:
        changes["months"] = list(changes["months"])
    changed = apply_changes(programme, changes, allowed=FOLLOW_UP_PROGRAMME_FIELD_NAMES)
    _raise(_programme_errors(actor, programme))
    programme.set_by = actor.user
    return save_versioned(
        programme, expected_version=expected_version, fields=[*changed, "set_by"]
    )


@transaction.atomic
def put_in_follow_up_programme(
    *, actor: Actor, placement: Placement, programme: FollowUpProgramme | None
) -> Placement:
    """Let ``placement`` follow ``programme`` (one of the organisation's that follows
    it), or none (``None``: the default again); an own schedule still comes first.
    Not once the placement has ended. The placement's version is kept: this is its
    follow-up, not its record."""
    require_placement_follower(actor=actor, placement=placement)
    if programme is not None and programme.organisation_id != placement.organisation_id:
        raise ValidationError(
            {
                "programme": _(
                    "Choose a follow-up programme of the organisation that follows "
                    "this placement."
                )
            }
        )
    if programme is not None and _has_ended(placement):
        raise ValidationError(_("This placement has ended; its follow-up has stopped."))
    Placement.objects.filter(pk=placement.pk).update(follow_up_programme=programme)
    placement.follow_up_programme = programme
    return placement


def _has_ended(placement: Placement) -> bool:
    return PlacementEnding.objects.filter(placement=placement).exists()
