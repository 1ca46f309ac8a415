"""Choice lists of the services app: service types, themes, target groups, statuses."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceType(models.TextChoices):
    CAREER_RESEARCH = "career_research", _("Career research (loopbaanonderzoek)")
    ASSESSMENT = "assessment", _("Assessment")
    E_PORTFOLIO = "e_portfolio", _("E-portfolio")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training / retraining (om- en bijscholing)")
    COACHING = "coaching", _("Coaching")
    VITALITY = "vitality", _("Vitality")
    JOB_SEARCH = "job_search", _("Job search")
    WORK_TO_WORK = "work_to_work", _("Work-to-work support (van werk naar werk)")
    FINANCIAL_COACHING = "financial_coaching", _("Financial coaching")


class Theme(models.TextChoices):
    """Sustainable-employability themes (duurzame inzetbaarheid)."""

    HEALTHY_VITAL_WORK = "healthy_vital_work", _("Healthy and vital work")
    MOBILITY = "mobility", _("Mobility")
    GOOD_EMPLOYERSHIP = "good_employership", _("Good employership")


class TargetGroup(models.TextChoices):
    FIFTY_PLUS = "50_plus", _("50+")
    OCCUPATIONAL_DISABILITY = "occupational_disability", _("Occupational disability")
    WOMEN = "women", _("Women")
    LOW_EDUCATED = "low_educated", _("Low-educated")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    EMPLOYEES = "employees", _("Employees")


class EnrolmentStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


# An enrolment in one of these states blocks a second enrolment in the same service.
ACTIVE_ENROLMENT_STATUSES = (EnrolmentStatus.REGISTERED, EnrolmentStatus.STARTED)


class EventType(models.TextChoices):
    NATIONAL = "national", _("National event")
    REGIONAL = "regional", _("Regional event")
    MASTERCLASS = "masterclass", _("Masterclass")
    WORKSHOP = "workshop", _("Workshop")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    INFORMATION_SESSION = "information_session", _("Information session")
    CONGRESS = "congress", _("Congress")


# The access-log codes services logs (people.access_labels), and what they say.
ACCESS_LABELS: dict[str, Promise] = {
    "service participants": pgettext_lazy("access log", "participants of a service"),
    "enrolment": pgettext_lazy("access log", "enrolment"),
    "enrolments": pgettext_lazy("access log", "enrolments"),
    "enrol": pgettext_lazy("access log", "enrol"),
    "enrolment change": pgettext_lazy("access log", "change enrolment"),
    "enrolment start": pgettext_lazy("access log", "enrolment: start"),
    "enrolment attendance": pgettext_lazy("access log", "enrolment: attendance"),
    "enrolment complete": pgettext_lazy("access log", "enrolment: complete"),
    "enrolment drop_out": pgettext_lazy("access log", "enrolment: drop-out"),
    "enrolment satisfaction": pgettext_lazy("access log", "enrolment: satisfaction"),
    "attendance": pgettext_lazy("access log", "attendance"),
    "event attendance": pgettext_lazy("access log", "attendance at an event"),
    "event person search": pgettext_lazy("access log", "person search for an event"),
    "event registration": pgettext_lazy("access log", "registration for an event"),
    "event registrations": pgettext_lazy("access log", "registrations for an event"),
}
