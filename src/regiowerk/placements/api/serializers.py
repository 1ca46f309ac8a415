"""Serializers of the placements API: what each operation accepts and returns.

Input serializers only parse (the actions decide); output serializers never save. A
candidacy shows its person (id, name) and the free text about them only when the
caller may read the person (``queries.CandidacyRow.shows_person``).
"""

from typing import Any

from rest_framework import serializers

from regiowerk.common.api import inline_choice_field
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.organisations.models import User
from regiowerk.placements.constants import (
    SIGNAL_SCALE,
    ActionOwner,
    CandidacyEnding,
    CandidacySource,
    CheckInKind,
    CheckInStatus,
    CheckInWith,
    EndingFactor,
    EndingReason,
    PlacementContract,
    PlacementKind,
    ScheduleSource,
    Signal,
    Stage,
    Support,
)
from regiowerk.placements.employer_view import QUESTION_MAX_LENGTH
from regiowerk.placements.models import (
    MAX_HOURS,
    NOTE_MAX_LENGTH,
    PROGRAMME_NAME_MAX_LENGTH,
)
from regiowerk.placements.queries import CandidacyRow
from regiowerk.placements.rules import DEFAULT_SCHEDULE, MAX_YEARS

CANDIDATE_TOKEN_MAX_LENGTH = 100  # a token is 40 characters; anything longer is none


def _note(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH, **kwargs
    )


# --- Candidacies ------------------------------------------------------------------------------


class CandidacyFilterSerializer(serializers.Serializer):
    vacancy = serializers.IntegerField(required=False, min_value=1)
    is_open = serializers.BooleanField(required=False, allow_null=True, default=None)


class CandidacyStepOutputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    ended_as = serializers.CharField()
    on = serializers.DateField()


class CandidacyOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="candidacy.id")
    person_id = serializers.SerializerMethodField()
    person_name = serializers.SerializerMethodField()
    vacancy_id = serializers.IntegerField(source="candidacy.vacancy_id")
    vacancy_title = serializers.CharField(source="candidacy.vacancy.title")
    employer_id = serializers.IntegerField(source="candidacy.vacancy.employer_id")
    organisation_id = serializers.IntegerField(source="candidacy.organisation_id")
    source = serializers.ChoiceField(  # type: ignore[assignment]
        source="candidacy.source", choices=CandidacySource.choices
    )
    stage = serializers.ChoiceField(source="candidacy.stage", choices=Stage.choices)
    stage_on = serializers.DateField(source="candidacy.stage_on")
    ended_as = serializers.CharField(source="candidacy.ended_as")
    ended_on = serializers.DateField(source="candidacy.ended_on", allow_null=True)
    end_reason = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="candidacy.version")

    def get_person_id(self, row: CandidacyRow) -> str | None:
        return str(row.candidacy.person_id) if row.shows_person else None

    def get_person_name(self, row: CandidacyRow) -> str | None:
        return row.candidacy.person.full_name if row.shows_person else None

    def get_end_reason(self, row: CandidacyRow) -> str | None:
        return row.candidacy.end_reason if row.shows_person else None


class CandidacyDetailOutputSerializer(CandidacyOutputSerializer):
    steps = CandidacyStepOutputSerializer(source="candidacy.steps.all", many=True)


class CandidacyCreateInputSerializer(serializers.Serializer):
    """Exactly one of ``person`` (a person the caller may read) and
    ``candidate_token`` (the ``token`` of one of the vacancy's unnamed candidates, for
    its account managers: the answer then names nobody)."""

    person = serializers.UUIDField(required=False)
    candidate_token = serializers.CharField(
        required=False,
        max_length=CANDIDATE_TOKEN_MAX_LENGTH,
        help_text="The token of one of vacancies/{id}/unnamed-candidates/ instead of "
        "a person; source is then matching.",
    )
    vacancy = serializers.PrimaryKeyRelatedField(queryset=Vacancy.objects.all())
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=CandidacySource.choices,
        required=False,
        help_text="Default: by_hand for a person, matching for a candidate_token.",
    )
    on = serializers.DateField(required=False)
    note = _note()


class CandidacyMoveInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    stage = serializers.ChoiceField(choices=Stage.choices)
    on = serializers.DateField(required=False)
    note = _note()


class CandidacyEndInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    ending = serializers.ChoiceField(choices=CandidacyEnding.choices)
    on = serializers.DateField(required=False)
    reason = _note()


# --- Placements -------------------------------------------------------------------------------


class PlacementFilterSerializer(serializers.Serializer):
    person = serializers.UUIDField(required=False)
    employer = serializers.IntegerField(required=False, min_value=1)
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)


class PlacementEndingOutputSerializer(serializers.Serializer):
    ends_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndingReason.choices)
    moved_on_to_work = serializers.BooleanField()
    lesson = serializers.CharField()
    factors = serializers.ListField(
        child=serializers.ChoiceField(choices=EndingFactor.choices)
    )


def _shows_person(placement: Any) -> bool:
    return getattr(placement, "shows_person", True)


class PlacementOutputSerializer(serializers.Serializer):
    """``person_id`` and ``person_name`` are null only in the answer to an account
    manager who recorded the placement from a candidacy worked unnamed."""

    id = serializers.UUIDField()
    person_id = serializers.SerializerMethodField()
    person_name = serializers.SerializerMethodField()
    employer_id = serializers.IntegerField()
    vacancy_id = serializers.IntegerField(allow_null=True)
    candidacy_id = serializers.UUIDField(allow_null=True)
    organisation_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PlacementKind.choices)
    contract_type = serializers.ChoiceField(choices=PlacementContract.choices)
    starts_on = serializers.DateField()
    contract_ends_on = serializers.DateField(allow_null=True)
    hours_per_week = serializers.IntegerField()
    has_wage_cost_subsidy = serializers.BooleanField()
    wage_cost_subsidy_cents = serializers.IntegerField(allow_null=True)
    support = serializers.ListField(
        child=serializers.ChoiceField(choices=Support.choices)
    )
    support_ends_on = serializers.DateField(allow_null=True)
    host_mentor = serializers.CharField()
    responsible_id = serializers.IntegerField(allow_null=True)
    ending = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_person_id(self, placement: Any) -> str | None:
        return str(placement.person_id) if _shows_person(placement) else None

    def get_person_name(self, placement: Any) -> str | None:
        return placement.person.full_name if _shows_person(placement) else None

    def get_ending(self, placement: Any) -> dict[str, Any] | None:
        ending = getattr(placement, "ending", None)
        return PlacementEndingOutputSerializer(ending).data if ending else None


class PlacementFieldsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlacementKind.choices)
    contract_type = serializers.ChoiceField(choices=PlacementContract.choices)
    starts_on = serializers.DateField()
    contract_ends_on = serializers.DateField(required=False, allow_null=True)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=MAX_HOURS)
    has_wage_cost_subsidy = serializers.BooleanField(required=False)
    wage_cost_subsidy_cents = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=10_000_000
    )
    support = serializers.ListField(
        child=serializers.ChoiceField(choices=Support.choices), required=False
    )
    support_ends_on = serializers.DateField(required=False, allow_null=True)
    host_mentor = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )


class PlacementCreateInputSerializer(PlacementFieldsSerializer):
    candidacy = serializers.UUIDField(required=False)
    person = serializers.UUIDField(required=False)
    employer = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.filter(is_active=True), required=False
    )


class PartialChange(serializers.Serializer):
    """A change from the ``version`` read (409 when stale): every other field is
    optional, and only the fields sent change."""

    version = serializers.IntegerField(min_value=1)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name, field in fields.items():
            field.required = name == "version"
        return fields


class PlacementUpdateInputSerializer(PartialChange, PlacementFieldsSerializer):
    pass


class PlacementEndInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    ends_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndingReason.choices)
    moved_on_to_work = serializers.BooleanField(required=False)
    lesson = _note()
    factors = serializers.ListField(
        child=serializers.ChoiceField(choices=EndingFactor.choices), required=False
    )


# --- Follow-up and durability -----------------------------------------------------------------
class FollowUpFilterSerializer(serializers.Serializer):
    team = serializers.BooleanField(
        required=False, default=False, help_text="The team's placements, not only own"
    )


class RiskReasonOutputSerializer(serializers.Serializer):
    factor = serializers.CharField()
    count = serializers.IntegerField()
    points = serializers.IntegerField()


class FollowUpOutputSerializer(serializers.Serializer):
    placement = serializers.UUIDField(source="placement.pk")
    person = serializers.CharField(source="placement.person")
    employer = serializers.CharField(source="placement.employer.name")
    due_on = serializers.DateField(allow_null=True)
    next_due = serializers.DateField(allow_null=True)
    overdue = serializers.ListField(
        child=serializers.DateField(),
        help_text="Missed due dates still to act on: those since the last check-in",
    )
    missed = serializers.ListField(
        child=serializers.DateField(),
        help_text="Every due date missed (they weigh in the early warning)",
    )
    risk_score = serializers.IntegerField(source="risk.score")
    risk_level = serializers.CharField(source="risk.level")
    reasons = RiskReasonOutputSerializer(source="risk.contributions", many=True)


class AgreedActionSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=NOTE_MAX_LENGTH)
    owner = serializers.ChoiceField(choices=ActionOwner.choices)
    due_on = serializers.DateField()


class AgreedActionOutputSerializer(AgreedActionSerializer):
    done_on = serializers.DateField(allow_null=True)


def _signal(**kwargs: Any) -> serializers.IntegerField:
    low, high = SIGNAL_SCALE
    return serializers.IntegerField(min_value=low, max_value=high, **kwargs)


class CheckInOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    placement_id = serializers.UUIDField()
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=CheckInKind.choices)
    held_with = serializers.ChoiceField(choices=CheckInWith.choices)
    status = serializers.CharField(help_text="on_track, attention, at_risk or empty")
    advice = serializers.CharField()
    notes = serializers.CharField()
    actions = AgreedActionOutputSerializer(source="actions.all", many=True)
    version = serializers.IntegerField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in Signal.values:  # 1 (bad) to 5 (good); null: not discussed
            fields[name] = _signal(allow_null=True)
        return fields


class CheckInInputSerializer(serializers.Serializer):
    """A check-in (or ad-hoc contact): signals 1 (bad) to 5 (good), null or left
    out when not discussed; ``actions`` agreed are added to it."""

    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=CheckInKind.choices, required=False)
    held_with = serializers.ChoiceField(choices=CheckInWith.choices)
    status = serializers.ChoiceField(
        choices=CheckInStatus.choices, required=False, allow_blank=True
    )
    advice = _note()
    notes = _note()
    actions = AgreedActionSerializer(many=True, required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in Signal.values:
            fields[name] = _signal(required=False, allow_null=True)
        return fields


class CheckInUpdateInputSerializer(PartialChange, CheckInInputSerializer):
    pass


class FollowUpProgrammeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FollowUpScheduleOutputSerializer(serializers.Serializer):
    placement = serializers.UUIDField(source="placement.pk")
    source = inline_choice_field(ScheduleSource)(  # type: ignore[assignment]
        help_text="Where the schedule comes from: the placement's own, its follow-up "
        "programme's or the default (in that order of precedence)"
    )
    is_own = serializers.SerializerMethodField(
        help_text="The placement's own schedule; false: its programme's or the default"
    )
    programme = FollowUpProgrammeRefSerializer(
        allow_null=True,
        help_text="The follow-up programme the placement is in (kept while an own "
        "schedule overrides it), or null",
    )
    first_days = serializers.IntegerField(source="schedule.first_days")
    months = serializers.ListField(
        child=serializers.IntegerField(), source="schedule.months"
    )
    every_months = serializers.IntegerField(source="schedule.every_months")
    years = serializers.IntegerField(source="schedule.years")
    reason = serializers.SerializerMethodField()
    due_dates = serializers.ListField(child=serializers.DateField())

    def get_is_own(self, plan: Any) -> bool:
        return plan.own is not None

    def get_reason(self, plan: Any) -> str:
        return plan.own.reason if plan.own else ""


class _ScheduleInput(serializers.Serializer):
    """The intervals of a schedule; an interval left out is the default's."""

    first_days = serializers.IntegerField(default=DEFAULT_SCHEDULE.first_days)
    months = serializers.ListField(
        child=serializers.IntegerField(),
        max_length=12 * MAX_YEARS,
        default=lambda: list(DEFAULT_SCHEDULE.months),
    )
    every_months = serializers.IntegerField(default=DEFAULT_SCHEDULE.every_months)
    years = serializers.IntegerField(default=DEFAULT_SCHEDULE.years)


class FollowUpScheduleInputSerializer(_ScheduleInput):
    """The placement's own schedule; what is left out is the default's."""

    reason = _note()


class FollowUpScheduleResetInputSerializer(serializers.Serializer):
    """No body: back to the default schedule."""


class PlacementProgrammeInputSerializer(serializers.Serializer):
    """The follow-up programme the placement follows from now on."""

    programme = serializers.IntegerField(
        min_value=1, help_text="A follow-up programme of the organisation"
    )


class PlacementProgrammeResetInputSerializer(serializers.Serializer):
    """No body: out of its follow-up programme (the default schedule again)."""


# --- Follow-up programmes ---------------------------------------------------------------------
class FollowUpProgrammeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    first_days = serializers.IntegerField()
    months = serializers.ListField(child=serializers.IntegerField())
    every_months = serializers.IntegerField()
    years = serializers.IntegerField()
    description = serializers.CharField()
    active_placements = serializers.IntegerField(
        help_text="Active placements that are in the programme"
    )
    set_by = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_set_by(self, programme: Any) -> str | None:
        user = programme.set_by
        return (user.get_full_name() or user.username) if user else None


class FollowUpProgrammeInputSerializer(_ScheduleInput):
    """A follow-up programme; an interval left out is the default's."""

    name = serializers.CharField(max_length=PROGRAMME_NAME_MAX_LENGTH)
    description = _note()


class FollowUpProgrammeUpdateInputSerializer(
    PartialChange, FollowUpProgrammeInputSerializer
):
    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name, field in fields.items():
            if name != "version":  # left out: unchanged, not the default's
                field.default = serializers.empty
        return fields


class DurabilityFilterSerializer(serializers.Serializer):
    group = serializers.ChoiceField(
        choices=["target_group", "kind", "contract_type", "sector", "support"],
        required=False,
        allow_blank=True,  # empty, as a form leaves it: split by kind
        default="kind",
    )
    scope = serializers.ChoiceField(
        choices=["organisation", "region"],
        required=False,
        allow_blank=True,  # empty, as a form leaves it: the organisation's
        default="organisation",
        help_text="region: every placement followed in the region (project leaders, "
        "analysts and programme managers; a programme manager always gets the region)",
    )


class CountField(serializers.CharField):
    """A count as text: the number, or "x" when hidden (small-cell suppression)."""


class RetentionOutputSerializer(serializers.Serializer):
    months = serializers.IntegerField()
    survival = serializers.FloatField(allow_null=True)
    lower = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True)
    at_risk = CountField()


class CurveOutputSerializer(serializers.Serializer):
    group = serializers.CharField(source="label", allow_blank=True)
    placements = CountField()
    ended = CountField()
    retention = RetentionOutputSerializer(many=True)


class QuarterFlowOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="quarter.year")
    quarter = serializers.IntegerField(source="quarter.number")
    placed = CountField()
    lost = CountField()


class RegionFlowOutputSerializer(serializers.Serializer):
    region = serializers.CharField(allow_blank=True)
    quarters = QuarterFlowOutputSerializer(many=True)


class CountRowOutputSerializer(serializers.Serializer):
    what = serializers.CharField()
    count = CountField()


class DurabilityOutputSerializer(serializers.Serializer):
    on = serializers.DateField(source="today")
    group = serializers.CharField(source="dimension")
    scope = serializers.ChoiceField(choices=["organisation", "region"])
    curves = CurveOutputSerializer(many=True)
    flows = RegionFlowOutputSerializer(many=True)
    reasons = CountRowOutputSerializer(many=True)
    after_ending = CountRowOutputSerializer(source="followed", many=True)
    counted_on = serializers.DateField(
        allow_null=True,
        help_text="An analyst: the day the figures were counted (published monthly, "
        "the same all month); null for the live figures of the other roles.",
    )


# --- The employer's view (employer contacts only) -------------------------------------------


class EmployerContactPersonOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()


class EmployerWorkerOutputSerializer(serializers.Serializer):
    placement_id = serializers.UUIDField()
    name = serializers.CharField()
    kind = inline_choice_field(PlacementKind)(source="kind_code")
    kind_label = serializers.CharField(source="kind")
    starts_on = serializers.DateField()
    shares_follow_up = serializers.BooleanField(
        help_text="Whether the worker consented to share their follow-up with the "
        "employer; without it status and last_check_in are empty"
    )
    status = inline_choice_field(CheckInStatus)(
        source="status_code",
        help_text="The latest check-in's overall status; empty when not shared (or "
        "none held)",
    )
    status_label = serializers.CharField(source="status")
    last_check_in = serializers.DateField(allow_null=True)
    contact_person = serializers.CharField(
        allow_blank=True,
        help_text="The name of the labour expert or job coach who follows this "
        "placement, the employer's contact for it; empty while none is assigned",
    )


class EmployerOverviewOutputSerializer(serializers.Serializer):
    employer_name = serializers.CharField()
    contacts = EmployerContactPersonOutputSerializer(
        many=True, help_text="The labour experts or job coaches of the placements"
    )
    workers = EmployerWorkerOutputSerializer(many=True)


class EmployerHelpInputSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=QUESTION_MAX_LENGTH)


class EmployerHelpOutputSerializer(serializers.Serializer):
    placement_id = serializers.UUIDField()
    asked_on = serializers.DateField(source="held_on")
