"""Employers' panel on the start page (organisations.start; registered in
``EmployersConfig.ready()``): the account manager's employers."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from regiowerk.employers import queries
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.start import StartPanel, StartRow

EMPLOYERS_SHOWN = 10


def _open_vacancies(n: int) -> str:
    return ngettext("%(n)s open vacancy", "%(n)s open vacancies", n) % {"n": n}


def employers_panel(actor: Actor, today: date) -> StartPanel | None:
    """ "Uw werkgevers": employers whose account the organisation holds, by name, with
    their number of open vacancies (two queries)."""
    if not actor.has_role(Role.ACCOUNT_MANAGER):
        return None
    employers = queries.account_employers(organisation=actor.organisation, on=today)
    total = employers.count()
    return StartPanel(
        anchor="worklist-employers",
        title=_("Your employers"),
        count=total,
        rows=[
            StartRow(
                label=employer.name,
                url=reverse("employer-detail", args=[employer.pk]),
                detail=_open_vacancies(employer.open_vacancy_count),  # type: ignore[attr-defined]
            )
            for employer in employers[:EMPLOYERS_SHOWN]
        ],
        empty=_("Your organisation holds no employer accounts yet."),
        links=[(_("All employers"), reverse("employer-list"))],
    )
