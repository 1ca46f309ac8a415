"""Reminders of due check-ins, by e-mail to the placement's responsible labour expert
or job coach.

``remind_due_checkins`` is what ``manage.py remind_due_checkins`` runs (daily). It is
safe to run repeatedly: a placement's due check-in is reminded once (a
``CheckInReminder`` row per placement and due date, under a unique constraint). The
message names the employer and links the placement page, never the worker: no
personal data travels by e-mail.
"""

from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from regiowerk.common.commands import ReminderSummary
from regiowerk.placements import queries
from regiowerk.placements.models import CheckInReminder, Placement

REMIND_AHEAD_DAYS = 7  # a check-in is reminded from a week before its date


def remind_due_checkins(*, today: date, site_url: str = "") -> ReminderSummary:
    """E-mail the responsible person of every active placement whose check-in is due
    (the oldest unanswered due date, or the next within :data:`REMIND_AHEAD_DAYS`)
    and not reminded yet, once per due date."""
    reminded = without = 0
    placements = queries.active_placements().order_by("pk")
    sent = set(
        CheckInReminder.objects.filter(
            placement__in=placements.values("pk")
        ).values_list("placement_id", "due_on")
    )
    check_ins = queries.check_in_rows(placements)
    for placement in placements:
        follow_up = queries.follow_up_of(
            placement, today=today, check_ins=check_ins.get(placement.pk, [])
        )
        due_on = follow_up.due_on
        if due_on is None or due_on > today + timedelta(days=REMIND_AHEAD_DAYS):
            continue
        if (placement.pk, due_on) in sent:
            continue
        user = placement.responsible
        if user is None or not user.email:
            without += 1  # stays due: reminded once someone responsible has an address
            continue
        try:
            with transaction.atomic():  # a second run at once loses the constraint
                CheckInReminder.objects.create(
                    placement=placement, due_on=due_on, sent_to=user
                )
                send_mail(*_message(placement, due_on, site_url), None, [user.email])
        except IntegrityError:
            continue
        reminded += 1
    return ReminderSummary(reminded=reminded, without_recipients=without)


def _message(placement: Placement, due_on: date, site_url: str) -> tuple[str, str]:
    url = site_url.rstrip("/") + reverse("placement-detail", args=[placement.pk])
    subject = _("Check-in due on %(date)s (placement at %(employer)s)") % {
        "date": formats.date_format(due_on, "j F Y"),
        "employer": placement.employer,
    }
    body = _(
        "A check-in of a placement you follow at %(employer)s is due on %(date)s.\n\n"
        "Record it on the placement page: %(url)s\n\n"
        "This reminder is sent once per due check-in."
    ) % {
        "employer": placement.employer,
        "date": formats.date_format(due_on, "j F Y"),
        "url": url,
    }
    return subject, body
