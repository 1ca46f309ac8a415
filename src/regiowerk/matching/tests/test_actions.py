"""Matching's actions check the actor themselves (a second line behind the views): each
one refuses an actor without the right and changes nothing."""

from django.core.exceptions import PermissionDenied

import pytest

from regiowerk.matching import actions
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import (
    PersonOccupation,
    PersonSkill,
    ServiceSkill,
)
from regiowerk.matching.tests.factories import occupation, profile_of, skill
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import AccessDenied
from regiowerk.services.tests.factories import ServiceFactory, make_actor, share_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(demo_taxonomy):
    """A person with an occupation and a skill, linked by their own consultant."""
    actor = make_actor()
    return {"actor": actor, "person": profile_of(actor, "kok", skills=["haccp"])}


def _snapshot(person):
    return (
        sorted(
            PersonOccupation.objects.filter(person=person).values_list(
                "occupation_id", "is_current", "source"
            )
        ),
        sorted(
            PersonSkill.objects.filter(person=person).values_list("skill_id", "source")
        ),
    )


def _outsiders(profile):
    """Actors that may not change the person: another organisation's consultant, a
    partner the person shares their data with (read only), an analyst and an account
    manager of the holding organisation."""
    organisation = profile["actor"].organisation
    partner = make_actor()
    share_with(profile["person"], partner.organisation)
    return [
        make_actor(),
        partner,
        make_actor(organisation, Role.ANALYST),
        make_actor(organisation, Role.ACCOUNT_MANAGER),
    ]


def _person_changes(actor, person):
    return {
        "link_occupation": lambda: actions.link_occupation(
            actor=actor,
            person=person,
            occupation=occupation("vrachtwagenchauffeur"),
            is_current=False,
            confirmed=True,
        ),
        "unlink_occupation": lambda: actions.unlink_occupation(
            actor=actor, person=person, occupation_id=occupation("kok").pk
        ),
        "set_person_skills": lambda: actions.set_person_skills(
            actor=actor, person=person, skills=[skill("vca")], source="assessed"
        ),
        "set_person_skills (assessed over declared)": lambda: actions.set_person_skills(
            actor=actor, person=person, skills=[skill("haccp")], source="assessed"
        ),
        "remove_person_skill": lambda: actions.remove_person_skill(
            actor=actor, person=person, skill_id=skill("haccp").pk
        ),
    }


def test_person_actions_refuse_actors_who_may_not_change_the_person(profile):
    person = profile["person"]
    before = _snapshot(person)

    for actor in _outsiders(profile):
        for name, change in _person_changes(actor, person).items():
            with pytest.raises(AccessDenied):
                change()
            assert _snapshot(person) == before, (name, actor.roles)


def test_person_actions_refuse_an_anonymised_person(profile):
    person = profile["person"]
    person.is_anonymised = True
    before = _snapshot(person)

    for name, change in _person_changes(profile["actor"], person).items():
        with pytest.raises(AccessDenied):
            change()
        assert _snapshot(person) == before, name


def test_person_actions_work_for_casework_at_the_holding_organisation(profile):
    person = profile["person"]
    actor = make_actor(profile["actor"].organisation, Role.LABOUR_EXPERT)

    for change in _person_changes(actor, person).values():
        change()

    assert _snapshot(person) == (
        [(occupation("vrachtwagenchauffeur").pk, False, "confirmed")],
        [(skill("vca").pk, "assessed")],
    )


def test_service_skills_are_set_by_the_providers_catalogue_managers_only(
    demo_taxonomy,
):
    service = ServiceFactory()
    provider = service.provider
    manager = make_actor(provider, Role.PROJECT_LEADER)
    actions.set_service_skills(actor=manager, service=service, skills=[skill("vca")])
    refused = [
        make_actor(provider, Role.CONSULTANT),
        make_actor(provider, Role.ANALYST),
        make_actor(role=Role.ADMINISTRATOR),  # another organisation's administrator
    ]

    for actor in refused:
        with pytest.raises(PermissionDenied):
            actions.set_service_skills(
                actor=actor, service=service, skills=[skill("heftruck")]
            )
        with pytest.raises(PermissionDenied):
            actions.set_service_skills(actor=actor, service=service, skills=[])

    taught = ServiceSkill.objects.filter(service=service)
    assert list(taught.values_list("skill__uri", flat=True)) == [uri("skill", "vca")]
    system = Actor.system(provider, reason="test", roles=(Role.ADMINISTRATOR,))
    actions.set_service_skills(actor=system, service=service, skills=[])
    assert not taught.exists()
