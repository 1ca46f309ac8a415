"""Rows in the apps above people (services, matching), built through the app registry:
people's code and tests may not import those apps (import-linter layers)."""

from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils import timezone

from regiowerk.people.models import Person


def model(label: str) -> type[Model]:
    return apps.get_model(label)


def enrolment(
    person: Person, *, service_name: str = "Loopbaanscan", **fields: Any
) -> Any:
    service = model("services.Service").objects.create(
        name=service_name, type="career_research", provider=person.organisation
    )
    values = {"registered_on": date(2026, 2, 1), **fields}
    return model("services.Enrolment").objects.create(
        person=person,
        service=service,
        enrolling_organisation=person.organisation,
        **values,
    )


def attendance(enrolment: Any) -> Any:
    return model("services.Attendance").objects.create(
        enrolment=enrolment, session_on=date(2026, 2, 3), is_present=True
    )


def event_registration(person: Person) -> Any:
    starts_at = timezone.now() + timedelta(days=7)
    event = model("services.Event").objects.create(
        title="Netwerkbijeenkomst",
        type="regional",
        organiser=person.organisation,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place="Stadskantoor",
    )
    return model("services.EventRegistration").objects.create(
        event=event, person=person, registering_organisation=person.organisation
    )


def occupation_link(person: Person, label: str = "Heftruckchauffeur") -> Any:
    occupation = model("matching.Occupation").objects.create(
        uri=f"urn:occupation:{label}", label=label
    )
    return model("matching.PersonOccupation").objects.create(
        person=person, occupation=occupation
    )


def skill_link(person: Person, label: str = "Heftruck rijden") -> Any:
    skill = model("matching.Skill").objects.create(
        uri=f"urn:skill:{label}", label=label
    )
    return model("matching.PersonSkill").objects.create(person=person, skill=skill)
