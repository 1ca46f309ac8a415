"""Matching's panel on the start page (organisations.start; registered in
``MatchingConfig.ready()``): the account manager's open vacancies with the number of
candidates the matching finds, a count only (no person is shown or logged)."""

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from regiowerk.employers.queries import account_vacancies
from regiowerk.matching import queries
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.start import StartPanel, StartRow

VACANCIES_SHOWN = 8  # candidates are counted for these only: the panel stays cheap
CANDIDATES_COUNTED = 20  # "20 or more" beyond this


def _candidates(n: int) -> str:
    if n >= CANDIDATES_COUNTED:
        return _("%(n)s or more candidates") % {"n": CANDIDATES_COUNTED}
    return ngettext("%(n)s candidate", "%(n)s candidates", n) % {"n": n}


def vacancies_panel(actor: Actor, today: date) -> StartPanel | None:
    """Open vacancies of the organisation's employers (newest first), each with the
    number of candidates among the persons the organisation works with."""
    if not actor.has_role(Role.ACCOUNT_MANAGER):
        return None
    vacancies = account_vacancies(organisation=actor.organisation, on=today)
    total = vacancies.count()
    shown = list(vacancies[:VACANCIES_SHOWN])
    counts = queries.candidate_counts(
        actor=actor, vacancies=shown, cap=CANDIDATES_COUNTED
    )
    return StartPanel(
        anchor="worklist-vacancies",
        title=gettext_lazy("Open vacancies and candidates"),
        count=total,
        rows=[
            StartRow(
                label=f"{vacancy.title} — {vacancy.employer.name}",
                url=reverse("vacancy-detail", args=[vacancy.pk]),
                detail=_("open since %(date)s · %(candidates)s")
                % {
                    "date": date_format(vacancy.opens_on, "j F Y"),
                    "candidates": _candidates(counts[vacancy.pk]),
                },
            )
            for vacancy in shown
        ],
        empty=gettext_lazy("No open vacancies of your employers."),
        note=gettext_lazy(
            "Candidates: people your organisation works with whose skills match; "
            "a count only."
        ),
        links=[(gettext_lazy("All vacancies"), reverse("vacancy-list"))],
    )
