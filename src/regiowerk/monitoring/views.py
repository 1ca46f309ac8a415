"""Web pages of programme monitoring: thin, over queries.py."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from regiowerk.monitoring import queries
from regiowerk.monitoring.constants import MONITORING_ROLES
from regiowerk.organisations.web import ActorRequest, actor_required


def euros(cents: int | None) -> str:
    """Whole euros for an overview: "€ 1.245.313"."""
    if cents is None:
        return "—"
    return f"€\N{NO-BREAK SPACE}{number_format(cents // 100, force_grouping=True)}"


class ProgrammeChoiceForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("programme"),
        queryset=queries.programmes(),
        to_field_name="code",
        empty_label=None,
        required=False,
    )


@actor_required
def programme_overview(request: ActorRequest) -> HttpResponse:
    if not request.actor.has_role(*MONITORING_ROLES):
        raise PermissionDenied(_("Your role does not see programme monitoring."))
    form = ProgrammeChoiceForm(request.GET or None)
    programme = None
    if form.is_bound and form.is_valid():
        programme = form.cleaned_data["programme"]
    programme = programme or queries.programmes().first()
    rows = (
        queries.programme_overview(programme, today=timezone.localdate())
        if programme
        else []
    )
    return render(
        request,
        "monitoring/programme_overview.html",
        {
            "form": form,
            "programme": programme,
            "rows": [
                (
                    row,
                    euros(row.project.direct_costs_cents),
                    euros(row.project.max_subsidy_cents),
                )
                for row in rows
            ],
            "totals": (
                euros(sum(r.project.direct_costs_cents for r in rows)),
                euros(sum(r.project.max_subsidy_cents for r in rows)),
                sum(r.met for r in rows),
                sum(r.revised for r in rows),
                sum(r.missed for r in rows),
            ),
        },
    )
