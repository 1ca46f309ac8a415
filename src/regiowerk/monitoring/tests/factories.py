"""Factories that build valid programmes, projects and activities by default."""

from datetime import date
from decimal import Decimal
from typing import Any

import factory

from regiowerk.monitoring import actions
from regiowerk.monitoring.constants import PartyRole
from regiowerk.monitoring.models import Activity, Programme, Project

#: The definition of a computed indicator that counts the persons enrolled in a service,
#: by the date they were registered (the services fact table).
ENROLLED = {
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "registered_on",
}


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"programma-{n}")
    name = factory.Sequence(lambda n: f"Programma {n}")
    funder = "Ministerie van SZW"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"DW{n:04d}")
    title = "Van werk naar werk in de regio"
    starts_on = date(2026, 1, 1)
    ends_on = date(2027, 6, 30)
    direct_costs_cents = 1_000_000_00
    max_subsidy_cents = 690_000_00


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"{n}. Loopbaanbegeleiding")


def monitored_project(organisation: Any) -> dict[str, int]:
    """A programme ``organisation`` funds with a project it executes: a manual, a
    computed and a deliverable indicator and a recorded target change. Returns the ids
    an API path names (``programme_id``, ``project_id``, ``activity_id``,
    ``indicator_id`` of the manual one, ``change_id``)."""
    project = ProjectFactory(
        programme=ProgrammeFactory(funder_organisation=organisation)
    )
    actions.add_party(
        project=project,
        name=organisation.name,
        role=PartyRole.EXECUTOR,
        organisation_id=organisation.pk,
    )
    activity = ActivityFactory(project=project)
    indicators = [
        actions.add_indicator(
            activity=activity,
            name=kind,
            unit="deelnemers",
            kind=kind,
            position=position,
            definition={
                "table": "services.enrolments",
                "measure": "count_subjects",
                "date_column": "registered_on",
            }
            if kind == "computed"
            else None,
            target=Decimal(10),
        )
        for position, kind in enumerate(("manual", "computed", "deliverable"))
    ]
    change = actions.change_target(
        indicator=indicators[0],
        new_value=Decimal(8),
        reason="Minder aanmeldingen",
        kind="informal_consultation",
    )
    return {
        "programme_id": project.programme_id,
        "project_id": project.pk,
        "activity_id": activity.pk,
        "indicator_id": indicators[0].pk,
        "change_id": change.pk,
    }
