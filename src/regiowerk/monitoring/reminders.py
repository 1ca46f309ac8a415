"""Reminders of overdue period reports, by e-mail to the project's leaders.

``remind_overdue_reports`` is what ``manage.py remind_overdue_reports`` runs (daily, from
cron or a timer). It is safe to run repeatedly: each overdue report is reminded once;
the row of the report keeps when (``PeriodReport.reminded_at``).
"""

from datetime import date

from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from regiowerk.common.commands import ReminderSummary
from regiowerk.monitoring import queries, reports, rules
from regiowerk.monitoring.models import PeriodReport, Programme
from regiowerk.monitoring.permissions import party_organisation_ids
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import users_with_role


def _message(due: queries.ReportDue, site_url: str) -> tuple[str, str]:
    project = due.project
    label = reports.period_label(
        due.period, rules.Cadence(project.programme.reporting_cadence)
    )
    url = site_url.rstrip("/") + reverse("project-monitor", args=[project.pk])
    subject = _("Report %(period)s of %(code)s is overdue") % {
        "period": label,
        "code": project.code,
    }
    body = _(
        "The report over %(period)s of project %(code)s (%(title)s) was due on "
        "%(due)s and has not been submitted.\n\nSubmit it on the project page: "
        "%(url)s\n\nThis reminder is sent once per report."
    ) % {
        "period": label,
        "code": project.code,
        "title": project.title,
        "due": formats.date_format(due.due_on, "j F Y"),
        "url": url,
    }
    return subject, body


def remind_overdue_reports(*, today: date, site_url: str = "") -> ReminderSummary:
    """E-mail the leaders of every overdue report not reminded yet, once each."""
    reminded = without = 0
    for programme in Programme.objects.order_by("pk"):
        projects = queries.programme_projects(programme)
        for due in queries.overdue_reports(projects, today=today):
            if due.report is not None and due.report.reminded_at is not None:
                continue
            recipients = [
                user.email
                for user in users_with_role(
                    party_organisation_ids(due.project), Role.PROJECT_LEADER
                )
                if user.email
            ]
            if not recipients:  # stays due: reminded once a leader has an address
                without += 1
                continue
            with transaction.atomic():  # two runs at once: the second waits and skips
                report, _created = (
                    PeriodReport.objects.select_for_update().get_or_create(
                        project=due.project,
                        period_start=due.period.start,
                        defaults={"period_end": due.period.end},
                    )
                )
                if report.reminded_at is not None or report.submitted_at is not None:
                    continue
                subject, body = _message(due, site_url)
                # one message each: leaders of partner organisations see no addresses
                send_mass_mail([(subject, body, None, [to]) for to in recipients])
                report.reminded_at = timezone.now()
                report.save(update_fields=["reminded_at", "updated_at"])
            reminded += 1
    return ReminderSummary(reminded=reminded, without_recipients=without)
