"""Choice lists of the monitoring app."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regiowerk.monitoring.rules import (
    Cadence,
    CostCategory,
    Declarability,
    EligibilityKind,
    Progress,
    Rounding,
    TargetStatus,
)
from regiowerk.organisations.constants import Role


class ReportingCadence(models.TextChoices):
    QUARTERLY = Cadence.QUARTERLY.value, _("Quarterly")
    HALF_YEARLY = Cadence.HALF_YEARLY.value, _("Half-yearly")
    YEARLY = Cadence.YEARLY.value, _("Yearly")


class SubsidyRounding(models.TextChoices):
    DOWN_TO_EURO = Rounding.DOWN_TO_EURO.value, _("Rounded down to whole euros")
    DOWN_TO_CENT = Rounding.DOWN_TO_CENT.value, _("Rounded down to whole cents")


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    EXECUTOR = "executor", _("Executor")
    PARTNER = "partner", _("Partner")


class ActivityCategory(models.TextChoices):
    """The DWSRA categories of activities."""

    PARTIES = "parties", _("Parties (Partijen)")
    INFORMATION = "information", _("Information (Informatie)")
    POLICY = "policy", _("Policy (Beleid)")
    SUSTAINABLE_EMPLOYMENT = (
        "sustainable_employment",
        _("Sustainable employment (Duurzame werkgelegenheid)"),
    )


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from the registry")
    MANUAL = "manual", _("Entered with evidence")
    DELIVERABLE = "deliverable", _("Deliverable")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFT = "draft", _("Draft")
    DELIVERED = "delivered", _("Delivered")


class TargetChangeKind(models.TextChoices):
    INFORMAL_CONSULTATION = (
        "informal_consultation",
        _("Informal consultation with the funder"),
    )
    CHANGE_REQUEST = "change_request", _("Approved change request (wijzigingsverzoek)")
    RE_DECISION = "re_decision", _("Formal re-decision (herbeschikking)")


class Approver(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    UVB = "uvb", _("UvB (Uitvoering van Beleid)")
    ACCOUNTANT = "accountant", _("Accountant")
    UWV = "uwv", _("UWV")


class TargetState(models.TextChoices):
    NO_TARGET = TargetStatus.NO_TARGET.value, _("No target")
    OPEN = TargetStatus.OPEN.value, _("Open")
    MET = TargetStatus.MET.value, _("Met")
    MISSED = TargetStatus.MISSED.value, _("Missed")


class ProgressState(models.TextChoices):
    NO_TARGET = Progress.NO_TARGET.value, _("No target")
    MET = Progress.MET.value, _("Met")
    ON_TRACK = Progress.ON_TRACK.value, _("On track")
    BEHIND = Progress.BEHIND.value, _("Behind")
    MISSED = Progress.MISSED.value, _("Missed")


class TargetChangeStatus(models.TextChoices):
    """A change recorded as agreed (the import, older data) applies at once; a change a
    project leader proposes waits for the programme manager's approval."""

    RECORDED = "recorded", _("Recorded")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CostKind(models.TextChoices):
    """The project-level costs a project leader enters (participants' costs come from
    the registry, overhead from the programme's rule)."""

    STAFF = CostCategory.STAFF.value, _("Staff hours")
    MATERIAL = CostCategory.MATERIAL.value, _("Material")


class CostCategoryLabel(models.TextChoices):
    PARTICIPANTS = CostCategory.PARTICIPANTS.value, _("Participants (enrolments)")
    STAFF = CostCategory.STAFF.value, _("Staff hours")
    MATERIAL = CostCategory.MATERIAL.value, _("Material")
    OVERHEAD = CostCategory.OVERHEAD.value, _("Overhead")


class CoFinancingStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    RECEIVED = "received", _("Received")


# Who sees the programme overview (aggregates, no persons).
MONITORING_ROLES = frozenset(
    {
        Role.PROJECT_LEADER,
        Role.ANALYST,
        Role.ADMINISTRATOR,
        Role.PROGRAMME_MANAGER,
        Role.AUDITOR,
    }
)


# The documents a deliverable may be: reports, plans, covenants, sheets (not programs,
# not web pages). The download is always an attachment.
DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".docx",
    ".doc",
    ".odt",
    ".xlsx",
    ".xls",
    ".ods",
    ".pptx",
    ".odp",
    ".txt",
    ".csv",
)


class EligibilityRuleKind(models.TextChoices):
    MAX_MONTHS_ON_WW = (
        EligibilityKind.MAX_MONTHS_ON_WW.value,
        _("At most N months on WW at the start"),
    )
    LABOUR_STATUS_AT_START = (
        EligibilityKind.LABOUR_STATUS_AT_START.value,
        _("Target group: labour status at the start"),
    )
    MIN_AGE_AT_START = (
        EligibilityKind.MIN_AGE_AT_START.value,
        _("Target group: at least N years old at the start"),
    )
    COMPLETED_INTAKE = (
        EligibilityKind.COMPLETED_INTAKE.value,
        _("A completed intake in the dossier"),
    )


class DeclarabilityState(models.TextChoices):
    DECLARABLE = Declarability.DECLARABLE.value, _("Declarable")
    NO_BSN = Declarability.NO_BSN.value, _("No BSN")
    NO_CONSENT = Declarability.NO_CONSENT.value, _("No consent to report the BSN")
    INCOMPLETE = Declarability.INCOMPLETE.value, _("Incomplete dossier")
    INELIGIBLE = (
        Declarability.INELIGIBLE.value,
        _("Does not meet the programme's rules"),
    )


# Who edits a programme's eligibility rules (of the funder), who sees the funder's list
# on screen (masked), and who downloads it with the BSNs decrypted.
ELIGIBILITY_EDITOR_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})
DECLARABLE_LIST_ROLES = frozenset(
    {Role.PROGRAMME_MANAGER, Role.AUDITOR, Role.PROJECT_LEADER, Role.ADMINISTRATOR}
)
DECLARABLE_DOWNLOAD_ROLES = frozenset({Role.PROGRAMME_MANAGER})


# What monitoring reads of persons (through people.access), as the access log shows it.
ACCESS_LABELS: dict[str, Promise] = {
    "declarable-list": pgettext_lazy("access log", "declarable participant list"),
    "declarable-list-download": pgettext_lazy(
        "access log", "declarable participant list, downloaded"
    ),
    "indicator-trace": pgettext_lazy("access log", "persons behind a figure"),
}
