"""Choice lists of placements: pipeline stages and endings, placement kinds, contracts,
support arrangements and the coded reasons and factors of an ending."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regiowerk.placements import rules


class Stage(models.TextChoices):
    """Where a candidacy is (``rules.Stage``, in the same order)."""

    RECRUITED = rules.Stage.RECRUITED.value, _("Recruited")
    SELECTED = rules.Stage.SELECTED.value, _("Selected")
    NOMINATED = rules.Stage.NOMINATED.value, _("Nominated to the employer")
    INTERVIEW = rules.Stage.INTERVIEW.value, _("Interview")
    TRIAL = rules.Stage.TRIAL.value, _("Trial placement")
    PLACED = rules.Stage.PLACED.value, _("Placed")


class CandidacyEnding(models.TextChoices):
    """How a candidacy ended without a placement (``rules.Ending``)."""

    WITHDRAWN = rules.Ending.WITHDRAWN.value, _("Withdrawn")
    REJECTED = rules.Ending.REJECTED.value, _("Rejected by the employer")
    DECLINED = rules.Ending.DECLINED.value, _("Declined by the candidate")


class CandidacySource(models.TextChoices):
    MATCHING = "matching", _("From matching")
    BY_HAND = "by_hand", _("By hand")


class PlacementKind(models.TextChoices):
    REGULAR = "regular", _("Regular job")
    TRIAL = "trial", _("Trial placement")
    WORK_LEARNING = "work_learning", _("Work-learning place (BBL)")
    INTERNSHIP = "internship", _("Internship")
    SECONDMENT = "secondment", _("Secondment")
    AGENCY = "agency", _("Agency work")


class PlacementContract(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    FLEX = "flex", _("Flex (on call, zero hours)")


class Support(models.TextChoices):
    """Support arrangements of a placement."""

    JOB_COACH = "job_coach", _("Job coach")
    WORKPLACE_ADJUSTMENT = "workplace_adjustment", _("Workplace adjustment")
    COMPANY_COACHING = "company_coaching", _("Company coaching")


class EndingReason(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", _("Contract ended")
    DISMISSED = "dismissed", _("Dismissed")
    RESIGNED = "resigned", _("Resigned")
    HEALTH = "health", _("Health")
    BETTER_JOB = "better_job", _("Better job")
    MOVED_ON_INTERNALLY = "moved_on_internally", _("Moved on internally")
    BUSINESS_CLOSED = "business_closed", _("Business closed")
    OTHER = "other", _("Other")


class EndingFactor(models.TextChoices):
    """What played a part in an ending: the lesson learnt, coded."""

    WORKLOAD = "workload", _("Workload")
    HEALTH_ENERGY = "health_energy", _("Health and energy")
    RELATION = "relation", _("Relation with manager or colleagues")
    COMMUTING = "commuting", _("Commuting")
    PRIVATE = "private", _("Private situation")
    TRAINING_OR_ADJUSTMENT = (
        "training_or_adjustment",
        _("Training or adjustment lacking"),
    )
    MISMATCH = "mismatch", _("Work did not fit")
    SUPPORT_ENDED = "support_ended", _("Support ended")
    OTHER = "other", _("Other")


# The access-log codes placements logs (people.access_labels), and what they say.
ACCESS_LABELS: dict[str, Promise] = {
    "candidacy": pgettext_lazy("access log", "candidacy"),
    "candidacies": pgettext_lazy("access log", "candidacies"),
    "placement": pgettext_lazy("access log", "placement"),
    "placements": pgettext_lazy("access log", "placements"),
    "placement: next step": pgettext_lazy("access log", "placement: next step"),
    "placements: follow-up": pgettext_lazy("access log", "placements: follow-up"),
    "start page: follow-up": pgettext_lazy("access log", "start page: follow-up"),
    "check-in": pgettext_lazy("access log", "check-in"),
}


# --- Follow-up (nazorg) ----------------------------------------------------------------------
class ScheduleSource(models.TextChoices):
    """Which follow-up schedule a placement follows: its own, its programme's, or the
    default (in that order of precedence, ``queries.schedule_of``)."""

    OWN = "own", _("Own schedule")
    PROGRAMME = "programme", _("Follow-up programme")
    DEFAULT = "default", _("The default schedule")


class CheckInKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled check-in")
    AD_HOC = "ad_hoc", _("Ad-hoc contact")


class CheckInWith(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYER = "employer", _("Employer")
    BOTH = "both", _("Worker and employer")


class CheckInStatus(models.TextChoices):
    """The overall status a check-in gives (``rules.Level``)."""

    ON_TRACK = rules.Level.ON_TRACK.value, _("On track")
    ATTENTION = rules.Level.ATTENTION.value, _("Needs attention")
    AT_RISK = rules.Level.AT_RISK.value, _("At risk")


class Signal(models.TextChoices):
    """The structured signals of a check-in, each on a scale of 1 (bad) to 5 (good);
    the value is the CheckIn field's name."""

    WORKLOAD = "workload", _("Workload")
    HEALTH_ENERGY = "health_energy", _("Health and energy")
    RELATION = "relation", _("Relation with manager and colleagues")
    COMMUTING = "commuting", _("Commuting")
    PRIVATE = "private_situation", _("Private situation")
    TRAINING = "training_or_adjustment", _("Need for training or adjustment")
    SATISFACTION_WORKER = "satisfaction_worker", _("Satisfaction of the worker")
    SATISFACTION_EMPLOYER = "satisfaction_employer", _("Satisfaction of the employer")


SIGNAL_SCALE = (1, 5)


class ActionOwner(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYER = "employer", _("Employer")
    LABOUR_EXPERT = "labour_expert", _("Labour expert or job coach")


# What drives an early-warning score (rules.Factor), as the overview says it.
RISK_FACTOR_LABELS: dict[str, Promise] = {
    rules.Factor.MISSED_CHECK_INS: _("Missed check-ins"),
    rules.Factor.FALLING_SCORES: _("Signals falling since the previous check-in"),
    rules.Factor.LOW_SIGNAL: _("Low signals at the last check-in"),
    rules.Factor.LAST_STATUS_AT_RISK: _("Last check-in: at risk"),
    rules.Factor.CONTRACT_ENDING: _("Contract ends within 60 days"),
    rules.Factor.SUPPORT_ENDING: _("Support ends within 60 days"),
}
