"""Who a project served, who of them the funder may be told about, and why the rest
not: the programme's eligibility rules over the published fact tables, and the funder's
list through the gate (``people.access``).

A fixed number of queries whatever the number of participants: the first registration
per participant, their person facts, their labour-status observations, the rules, and
for the list the gate's read (which logs every person on it).
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regiowerk.common import facts
from regiowerk.monitoring import rules
from regiowerk.monitoring.constants import DeclarabilityState, EligibilityRuleKind
from regiowerk.monitoring.models import EligibilityRule, Programme, Project
from regiowerk.organisations.queries import Actor
from regiowerk.people import access
from regiowerk.people.constants import AccessPurpose, LabourStatus

Declarability = rules.Declarability


@dataclass(frozen=True)
class ParticipantLine:
    subject: str
    state: Declarability
    failures: tuple[rules.Failure, ...]


@dataclass(frozen=True)
class Declarable:
    """Served versus declarable for one project, with the reasons for the rest."""

    # counts are "x" where suppressed for an analyst (``suppression.served_versus_declarable``)
    served: int | str
    by_state: tuple[tuple[str, str, int | str], ...]  # (state, label, participants)
    by_rule: tuple[tuple[str, int | str], ...]  # (rule in words, participants failing)
    rules: tuple[str, ...]  # the programme's rules in words
    lines: tuple[ParticipantLine, ...]

    @property
    def declarable_subjects(self) -> list[str]:
        return [
            line.subject
            for line in self.lines
            if line.state is Declarability.DECLARABLE
        ]

    @property
    def declarable(self) -> int:
        return len(self.declarable_subjects)


def programme_rules(programme: Programme) -> list[EligibilityRule]:
    return list(programme.eligibility_rules.order_by("position", "pk"))


def describe_rule(rule: rules.EligibilityRule) -> str:
    """A rule in words, as the programme manager set it."""
    if rule.kind is rules.EligibilityKind.MAX_MONTHS_ON_WW:
        return ngettext(
            "At most %(n)s month on WW at the start",
            "At most %(n)s months on WW at the start",
            rule.months or 0,
        ) % {"n": rule.months}
    if rule.kind is rules.EligibilityKind.MIN_AGE_AT_START:
        return _("At least %(n)s years old at the start") % {"n": rule.years}
    if rule.kind is rules.EligibilityKind.LABOUR_STATUS_AT_START:
        labels = dict(LabourStatus.choices)
        return _("Labour status at the start: %(statuses)s") % {
            "statuses": ", ".join(str(labels.get(s, s)) for s in sorted(rule.statuses))
        }
    return str(EligibilityRuleKind.COMPLETED_INTAKE.label)


def _observations(scope: facts.Scope, subjects: list[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    rows = (
        facts.get_table("people.status_observations")
        .scoped(scope)
        .filter(subject__in=subjects)
        .values_list("subject", "observed_on", "status")
    )
    for subject, observed_on, status in rows:
        found[subject].append((observed_on, status))
    return found


def _person_facts(scope: facts.Scope, subjects: list[str]) -> dict[str, dict[str, Any]]:
    """Per participant, what their person records say (a human registered at two
    partners has two records: any BSN, any consent, any intake counts)."""
    found: dict[str, dict[str, Any]] = {}
    rows = (
        facts.get_table("people.participants")
        .scoped(scope)
        .filter(subject__in=subjects)
        .values(
            "subject",
            "has_bsn_pseudonym",
            "has_bsn_reporting_consent",
            "has_recorded_intake",
            "birth_year",
        )
    )
    for row in rows:
        seen = found.setdefault(row["subject"], dict(row))
        for key in (
            "has_bsn_pseudonym",
            "has_bsn_reporting_consent",
            "has_recorded_intake",
        ):
            seen[key] = seen[key] or row[key]
        seen["birth_year"] = seen["birth_year"] or row["birth_year"]
    return found


def project_declarable(project: Project) -> Declarable:
    """Everyone the project served (registered for a service of one of its parties
    within its period), each judged by the programme's rules."""
    scope = project.scope()
    first = dict(
        facts.get_table("services.enrolments")
        .scoped(scope)
        .filter(
            registered_on__gte=project.starts_on, registered_on__lte=project.ends_on
        )
        .order_by()
        .values("subject")
        .annotate(starts_on=Min("registered_on"))
        .values_list("subject", "starts_on")
    )
    subjects = sorted(first)
    persons = _person_facts(scope, subjects)
    observations = _observations(scope, subjects)
    the_rules = [r.as_rule() for r in programme_rules(project.programme)]
    lines = []
    for subject in subjects:
        person = persons.get(subject, {})
        status, since = rules.status_at(observations[subject], first[subject])
        state, failures = rules.declarability(
            the_rules,
            rules.Participant(
                starts_on=first[subject],
                status_at_start=status,
                status_since=since,
                birth_year=person.get("birth_year"),
                has_bsn=bool(person.get("has_bsn_pseudonym")),
                has_reporting_consent=bool(person.get("has_bsn_reporting_consent")),
                has_intake=bool(person.get("has_recorded_intake")),
            ),
        )
        lines.append(ParticipantLine(subject, state, tuple(failures)))
    states: dict[str, int] = defaultdict(int)
    failing: dict[rules.EligibilityRule, int] = defaultdict(int)
    for line in lines:
        states[line.state] += 1
        for failure in line.failures:
            failing[failure.rule] += 1
    return Declarable(
        served=len(lines),
        by_state=tuple(
            (value, str(label), states[value])
            for value, label in DeclarabilityState.choices
        ),
        by_rule=tuple((describe_rule(r), failing[r]) for r in the_rules),
        rules=tuple(describe_rule(r) for r in the_rules),
        lines=tuple(lines),
    )


def funder_list(
    *, actor: Actor, project: Project, declarable: Declarable, decrypt: bool
) -> list[access.ReportedPerson]:
    """The funder's participant list: the declarable participants, read through the
    gate (logged per person; ``decrypt`` for the download). The caller checks that
    ``actor`` may see (or download) it."""
    return access.read_reportable_persons(
        actor=actor,
        subjects=declarable.declarable_subjects,
        organisation_ids=project.scope().organisation_ids or frozenset(),
        purpose=AccessPurpose.REPORTING,
        what="declarable-list-download" if decrypt else "declarable-list",
        decrypt=decrypt,
    )
