"""Choice lists and the structured intake questions of the people app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regiowerk.people.rules import AnswerKind, IntakeQuestion


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / non-binary")
    UNKNOWN = "unknown", _("Unknown / not stated")


class EducationLevel(models.TextChoices):
    """Highest completed level in the Dutch system."""

    BASISONDERWIJS = "basisonderwijs", _("Primary school (basisonderwijs)")
    VMBO = "vmbo", _("VMBO")
    MBO_1 = "mbo_1", _("MBO level 1 (entree)")
    MBO_2_4 = "mbo_2_4", _("MBO level 2, 3 or 4")
    HAVO_VWO = "havo_vwo", _("HAVO / VWO")
    HBO = "hbo", _("HBO (higher professional education)")
    WO = "wo", _("WO (university)")
    UNKNOWN = "unknown", _("Unknown")


class LabourStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    AT_RISK_OF_DISMISSAL = "at_risk_of_dismissal", _("At risk of dismissal")
    WW_BENEFIT = "ww_benefit", _("WW benefit")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance (bijstand)")
    JOB_SEEKER = "job_seeker", _("Job seeker")
    FLEX_WORKER = "flex_worker", _("Flex worker")
    SELF_EMPLOYED = "self_employed", _("Self-employed")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent contract")
    TEMPORARY = "temporary", _("Temporary contract")
    ON_CALL = "on_call", _("On-call contract")
    AGENCY = "agency", _("Agency work")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    NONE = "none", _("No contract")


class ObservationSource(models.TextChoices):
    SELF_REPORT = "self_report", _("Self-report")
    CONSULTANT = "consultant", _("Consultant")
    REGISTRY = "registry", _("Registry")


class DossierStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ContactType(models.TextChoices):
    INTAKE = "intake", _("Intake")
    COACHING = "coaching", _("Coaching")
    THREE_WAY_TALK = "three_way_talk", _("Three-way talk")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")


class ContactStatus(models.TextChoices):
    """A contact moment is planned ahead, then recorded as held (with notes) or
    cancelled (with the reason)."""

    PLANNED = "planned", _("Planned")
    HELD = "held", pgettext_lazy("contact moment", "Held")
    CANCELLED = "cancelled", pgettext_lazy("contact moment", "Cancelled")


class ConsentPurpose(models.TextChoices):
    SERVICE_DELIVERY = "service_delivery", _("Service delivery")
    SHARING = "sharing", _("Sharing with a partner organisation")
    BSN_REPORTING = "bsn_reporting", _("BSN-based reporting to the funder")
    RESEARCH = "research", _("Longitudinal research")
    # the follow-up status of the person's placements, shown to the employer's contacts
    EMPLOYER_FOLLOW_UP = "employer_follow_up", _("Sharing follow-up with the employer")


class AccessPurpose(models.TextChoices):
    """Why personal data was read; recorded in every access-log row."""

    CASEWORK = "casework", _("Casework")
    SERVICE_DELIVERY = "service_delivery", _("Service delivery")
    DATA_SUBJECT_REQUEST = "data_subject_request", _("Data-subject request")
    REPORTING = "reporting", _("Reporting")
    EMPLOYER_VIEW = "employer_view", _("The employer's view of a placement")


class IntakeSection(models.TextChoices):
    WORK = "work", _("Work history")
    HEALTH = "health", _("Health and limitations")
    WISHES = "wishes", _("Wishes")
    OBSTACLES = "obstacles", _("Obstacles")
    MOBILITY = "mobility", _("Mobility")
    AVAILABILITY = "availability", _("Availability")


# The structured intake: answers are stored as a JSON object keyed by ``key`` and
# validated against this list (rules.intake_problems). Add questions at the end; never
# reuse a key for a different meaning, stored answers refer to it.
INTAKE_QUESTIONS: tuple[IntakeQuestion, ...] = (
    IntakeQuestion(
        "work_history",
        AnswerKind.TEXT,
        _("Work history: jobs, sectors and years"),
        IntakeSection.WORK,
    ),
    IntakeQuestion(
        "last_job_ended_on",
        AnswerKind.TEXT,
        _("When did the last job end (or: still working)?"),
        IntakeSection.WORK,
        max_length=100,
    ),
    IntakeQuestion(
        "has_health_limitations",
        AnswerKind.BOOLEAN,
        _("Are there health problems or limitations that affect work?"),
        IntakeSection.HEALTH,
    ),
    IntakeQuestion(
        "health_limitations",
        AnswerKind.TEXT,
        _("Limitations (only what matters for work)"),
        IntakeSection.HEALTH,
    ),
    IntakeQuestion(
        "wishes",
        AnswerKind.TEXT,
        _("Wishes: what kind of work, sector, hours, training"),
        IntakeSection.WISHES,
    ),
    IntakeQuestion(
        "has_care_duties",
        AnswerKind.BOOLEAN,
        _("Care duties (children, informal care)"),
        IntakeSection.OBSTACLES,
    ),
    IntakeQuestion(
        "has_debts",
        AnswerKind.BOOLEAN,
        _("Debts or financial worries"),
        IntakeSection.OBSTACLES,
    ),
    IntakeQuestion(
        "has_language_barrier",
        AnswerKind.BOOLEAN,
        _("Dutch language is a barrier"),
        IntakeSection.OBSTACLES,
    ),
    IntakeQuestion(
        "obstacles_notes",
        AnswerKind.TEXT,
        _("Other obstacles or notes"),
        IntakeSection.OBSTACLES,
    ),
    IntakeQuestion(
        "has_driving_licence",
        AnswerKind.BOOLEAN,
        _("Has a driving licence"),
        IntakeSection.MOBILITY,
    ),
    IntakeQuestion(
        "has_own_transport",
        AnswerKind.BOOLEAN,
        _("Has own transport"),
        IntakeSection.MOBILITY,
    ),
    IntakeQuestion(
        "max_travel_minutes",
        AnswerKind.INTEGER,
        _("Maximum travel time one way (minutes)"),
        IntakeSection.MOBILITY,
        minimum=0,
        maximum=240,
    ),
    IntakeQuestion(
        "available_hours_per_week",
        AnswerKind.INTEGER,
        _("Available hours per week"),
        IntakeSection.AVAILABILITY,
        minimum=0,
        maximum=60,
    ),
    IntakeQuestion(
        "avoids_heavy_work",
        AnswerKind.BOOLEAN,
        _("Cannot do physically heavy work (lifting, bending, standing for long)"),
        IntakeSection.HEALTH,
    ),
)
