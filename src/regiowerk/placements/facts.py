"""The fact tables the placements app publishes (see ``common.facts``), so monitoring
counts nominations, placements and durable placements without importing this app.

``placements.candidacies``: one row per candidacy, by the organisation that works it,
with the date each stage was reached (empty when skipped or not reached).
``placements.placements``: one row per placement, by the organisation that follows it:
kind, contract, support, its end, and whether it lasted 6 and 12 months (an active
placement counts once it has run that long).
``placements.endings``: one row per ended placement: reason, factors, moved on to work.
``placements.check_ins``: one row per check-in or ad-hoc contact: kind, with whom,
the overall status given.
"""

from datetime import timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.facts import Column, ColumnKind, FactTable
from regiowerk.employers.constants import Sector
from regiowerk.placements.constants import (
    CandidacyEnding,
    CandidacySource,
    CheckInKind,
    CheckInStatus,
    CheckInWith,
    EndingFactor,
    EndingReason,
    PlacementContract,
    PlacementKind,
    Stage,
    Support,
)
from regiowerk.placements.models import (
    Candidacy,
    CandidacyStep,
    CheckIn,
    Placement,
    PlacementEnding,
)

BOOLEAN = (True, False)
DURABLE_DAYS = {"lasted_6_months": 182, "lasted_12_months": 365}

# Columns more than one table has, declared once.
PLACED_PERSON = Column(facts.SUBJECT, ColumnKind.SUBJECT, _("placed person"))
SECTOR = facts.dimension("employer_sector", _("sector"), Sector)
LASTED_6_MONTHS = facts.dimension("lasted_6_months", _("lasted 6 months"), BOOLEAN)
STARTS_ON = Column("starts_on", ColumnKind.DATE, _("starts on"))
ENDED_ON = Column("ends_on", ColumnKind.DATE, _("ended on"))


def _reached(stage: str) -> Subquery:
    steps = CandidacyStep.objects.filter(
        candidacy=OuterRef("pk"), stage=stage, ended_as=""
    ).order_by("on")
    return Subquery(steps.values("on")[:1], output_field=DateField())


def candidacy_rows() -> QuerySet:
    return Candidacy.objects.annotate(
        subject=facts.subject_key("person"),
        employer_sector=F("vacancy__employer__sector"),
        **{f"{stage}_on": _reached(stage) for stage in Stage.values},
    )


CANDIDACIES = FactTable(
    name="placements.candidacies",
    title=_("candidacies"),
    description=(
        "One row per candidacy of a person for a vacancy, by the organisation that "
        "works it: the stage it is in, how it ended (empty while open or placed) and "
        "the date each stage was reached (empty when skipped)."
    ),
    columns=(
        Column(facts.SUBJECT, ColumnKind.SUBJECT, _("candidate")),
        facts.dimension("source", _("source"), CandidacySource),
        facts.dimension("stage", _("stage"), Stage),
        facts.dimension("ended_as", _("ended as"), ("", *CandidacyEnding.values)),
        SECTOR,
        *(
            Column(f"{stage}_on", ColumnKind.DATE, label)
            for stage, label in Stage.choices
        ),
        Column("ended_on", ColumnKind.DATE, _("ended on")),
    ),
    query=candidacy_rows,
    organisation="organisation",
)


def _lasted(days: int, *, ends_on: str, starts_on: str) -> Case:
    """True when the placement ran at least ``days``: ended that long after its start,
    or still active and started that long ago."""
    today = timezone.localdate()
    reached = ExpressionWrapper(
        F(starts_on) + timedelta(days=days), output_field=DateField()
    )
    return Case(
        When(
            Q(
                **{
                    f"{ends_on}__isnull": True,
                    f"{starts_on}__lte": today - timedelta(days=days),
                }
            )
            | Q(**{f"{ends_on}__gte": reached}),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def placement_rows() -> QuerySet:
    return Placement.objects.annotate(
        subject=facts.subject_key("person"),
        employer_sector=F("employer__sector"),
        has_support=ExpressionWrapper(~Q(support=[]), output_field=BooleanField()),
        from_candidacy=ExpressionWrapper(
            Q(candidacy__isnull=False), output_field=BooleanField()
        ),
        ends_on=F("ending__ends_on"),
        ending_reason=Coalesce(F("ending__reason"), Value("")),
        **{
            name: _lasted(days, ends_on="ending__ends_on", starts_on="starts_on")
            for name, days in DURABLE_DAYS.items()
        },
    )


_PLACEMENT_DIMENSIONS = (
    facts.dimension("kind", _("kind"), PlacementKind),
    facts.dimension("contract_type", _("contract type"), PlacementContract),
    SECTOR,
)

PLACEMENTS = FactTable(
    name="placements.placements",
    title=_("placements"),
    description=(
        "One row per placement of a person with an employer, by the organisation "
        "that follows it: kind, contract, support, wage-cost subsidy, its end and "
        "whether it lasted 6 and 12 months (durable)."
    ),
    columns=(
        PLACED_PERSON,
        *_PLACEMENT_DIMENSIONS,
        facts.dimension("support", _("support arrangements"), Support, is_multi=True),
        facts.dimension("has_support", _("with support"), BOOLEAN),
        facts.dimension("has_wage_cost_subsidy", _("wage-cost subsidy"), BOOLEAN),
        facts.dimension("from_candidacy", _("from a candidacy"), BOOLEAN),
        facts.dimension(
            "ending_reason", _("reason for ending"), ("", *EndingReason.values)
        ),
        LASTED_6_MONTHS,
        facts.dimension("lasted_12_months", _("lasted 12 months"), BOOLEAN),
        STARTS_ON,
        ENDED_ON,
        Column("hours_per_week", ColumnKind.NUMBER, _("hours per week")),
    ),
    query=placement_rows,
    organisation="organisation",
)


def _of_placement(queryset: QuerySet, **annotations: Any) -> QuerySet:
    """Rows of a placement's records (its ending, its check-ins), with its person and
    its employer's sector; a scope narrows them on the placement's organisation."""
    annotated: QuerySet = queryset.annotate(
        subject=facts.subject_key("placement__person"),
        employer_sector=F("placement__employer__sector"),
        **annotations,
    )
    return annotated


def ending_rows() -> QuerySet:
    return _of_placement(
        PlacementEnding.objects.all(),
        kind=F("placement__kind"),
        contract_type=F("placement__contract_type"),
        starts_on=F("placement__starts_on"),
        lasted_6_months=_lasted(
            DURABLE_DAYS["lasted_6_months"],
            ends_on="ends_on",
            starts_on="placement__starts_on",
        ),
    )


ENDINGS = FactTable(
    name="placements.endings",
    title=_("ended placements"),
    description=(
        "One row per ended placement, by the organisation that followed it: the "
        "coded reason and factors, whether the person moved on to other work, and "
        "whether the placement had lasted 6 months."
    ),
    columns=(
        PLACED_PERSON,
        facts.dimension("reason", _("reason for ending"), EndingReason),
        facts.dimension("factors", _("factors"), EndingFactor, is_multi=True),
        facts.dimension("moved_on_to_work", _("moved on to other work"), BOOLEAN),
        *_PLACEMENT_DIMENSIONS,
        LASTED_6_MONTHS,
        STARTS_ON,
        ENDED_ON,
    ),
    query=ending_rows,
    organisation="placement__organisation",
)


def check_in_rows() -> QuerySet:
    return _of_placement(CheckIn.objects.all(), placement_kind=F("placement__kind"))


CHECK_INS = FactTable(
    name="placements.check_ins",
    title=_("check-ins"),
    description=(
        "One row per check-in or ad-hoc contact of a placement, by the organisation "
        "that follows it: when, what kind, with whom, and the overall status given "
        "(empty for an ad-hoc contact without one)."
    ),
    columns=(
        PLACED_PERSON,
        facts.dimension("kind", _("kind"), CheckInKind),
        facts.dimension("held_with", _("with"), CheckInWith),
        facts.dimension("status", _("overall status"), ("", *CheckInStatus.values)),
        facts.dimension("placement_kind", _("kind of placement"), PlacementKind),
        SECTOR,
        Column("held_on", ColumnKind.DATE, _("held on")),
    ),
    query=check_in_rows,
    organisation="placement__organisation",
)


def register_tables() -> None:
    facts.register(CANDIDACIES, PLACEMENTS, ENDINGS, CHECK_INS)
