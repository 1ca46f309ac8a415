"""What matching contributes to a person's rights and dossier page (matching.privacy,
registered in MatchingConfig.ready())."""

import pytest

from regiowerk.matching import actions, privacy
from regiowerk.matching.models import PersonOccupation, PersonSkill
from regiowerk.matching.tests.factories import occupation, profile_of
from regiowerk.people import contributions

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(demo_taxonomy, consultant):
    person = profile_of(consultant, "vrachtwagenchauffeur", skills=["vca"])
    actions.link_occupation(
        actor=consultant,
        person=person,
        occupation=occupation("kok"),
        is_current=False,
        confirmed=True,
    )
    return person


def test_matching_registers_its_own_contribution():
    assert privacy.CONTRIBUTION in contributions.registered()


def test_the_dossier_section_lists_occupations_current_first_then_skills(
    profile, consultant, english_messages
):
    section = privacy.dossier_section(consultant, profile)

    assert [tuple(row) for row in section.rows] == [
        ("vrachtwagenchauffeur", "Current occupation"),
        ("kok", "Previous occupation"),
        ("basisveiligheid (VCA)", "Declared by the person"),
    ]


def test_the_dossier_links_lead_to_the_three_matching_pages(profile, consultant):
    urls = [link.url for link in privacy.dossier_links(consultant, profile)]

    assert urls == [
        f"/personen/{profile.pk}/beroepen/",
        f"/personen/{profile.pk}/passende-vacatures/",
        f"/personen/{profile.pk}/overstapmogelijkheden/",
    ]


def test_export_and_erasure_cover_the_profile(profile):
    exported = privacy.export_person_records(profile)

    privacy.erase_person_records(profile)

    assert len(exported["matching.personoccupation"]) == 2
    assert len(exported["matching.personskill"]) == 1
    assert not PersonOccupation.objects.filter(person=profile).exists()
    assert not PersonSkill.objects.filter(person=profile).exists()
