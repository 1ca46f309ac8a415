"""The fact tables the people app publishes (see ``common.facts``).

``people.participants``: one row per person record, counted by the holding organisation.
``people.status_observations``: one row per labour-status observation, with its source
(self-report, consultant, registry), so an outcome can be shown by method.
"""

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.facts import Column, ColumnKind, FactTable
from regiowerk.people.constants import (
    ConsentPurpose,
    ContractType,
    EducationLevel,
    Gender,
    LabourStatus,
    ObservationSource,
)
from regiowerk.people.models import Consent, Dossier, LabourStatusObservation, Person

BOOLEAN = (True, False)


def participant_rows() -> QuerySet:
    reporting_consent = Consent.objects.active().filter(
        person=OuterRef("pk"), purpose=ConsentPurpose.BSN_REPORTING
    )
    return Person.objects.annotate(
        subject=facts.subject_key(""),
        has_bsn_pseudonym=ExpressionWrapper(
            ~Q(bsn_pseudonym=""), output_field=BooleanField()
        ),
        has_bsn_reporting_consent=Exists(reporting_consent),
        has_recorded_intake=Exists(
            Dossier.objects.filter(
                person=OuterRef("pk"), intake_recorded_on__isnull=False
            )
        ),
        registered_on=TruncDate("created_at"),
    )


PARTICIPANTS = FactTable(
    name="people.participants",
    title=_("persons"),
    description=(
        "One row per person record, by the holding organisation: target-group "
        "markers, the current labour status, whether a BSN can be reported and "
        "whether an intake was recorded."
    ),
    columns=(
        Column(facts.SUBJECT, ColumnKind.SUBJECT, _("person")),
        facts.dimension("labour_status", _("labour status"), LabourStatus),
        facts.dimension("education_level", _("education level"), EducationLevel),
        facts.dimension("gender", _("gender"), Gender),
        facts.dimension(
            "has_occupational_disability", _("occupational disability"), BOOLEAN
        ),
        facts.dimension("is_banenafspraak", _("banenafspraak target group"), BOOLEAN),
        facts.dimension("has_bsn_pseudonym", _("BSN pseudonym"), BOOLEAN),
        facts.dimension(
            "has_bsn_reporting_consent", _("BSN-based reporting to the funder"), BOOLEAN
        ),
        Column(
            "has_recorded_intake",
            ColumnKind.DIMENSION,
            _("an intake recorded in a dossier"),
            BOOLEAN,
        ),
        Column("registered_on", ColumnKind.DATE, _("created at")),
        Column("labour_status_since", ColumnKind.DATE, _("labour status since")),
        Column("birth_year", ColumnKind.NUMBER, _("birth year")),
    ),
    query=participant_rows,
    organisation="organisation",
)


def status_observation_rows() -> QuerySet:
    return LabourStatusObservation.objects.annotate(subject=facts.subject_key("person"))


STATUS_OBSERVATIONS = FactTable(
    name="people.status_observations",
    title=_("labour-status observations"),
    description=(
        "One row per observation of a person's labour status on a date, by the "
        "person's holding organisation, with the source it came from."
    ),
    columns=(
        Column(facts.SUBJECT, ColumnKind.SUBJECT, _("person")),
        facts.dimension("status", _("labour status"), LabourStatus),
        facts.dimension("contract_type", _("contract type"), ContractType),
        facts.dimension("source", _("source"), ObservationSource),
        Column("observed_on", ColumnKind.DATE, _("observed on")),
    ),
    query=status_observation_rows,
    organisation="person__organisation",
)


def register_tables() -> None:
    facts.register(PARTICIPANTS, STATUS_OBSERVATIONS)
