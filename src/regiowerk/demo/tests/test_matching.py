"""The demo labour market: taxonomy, employers, vacancies, profiles; idempotent."""

from datetime import date

import pytest

from regiowerk.demo.matching import EMPLOYERS, load_demo_matching
from regiowerk.employers.constants import OccupationStatus
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.rules import is_valid_kvk_number
from regiowerk.matching.models import (
    PersonOccupation,
    PersonSkill,
    ServiceSkill,
    TaxonomyRelease,
)
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def region_world():
    organisation = OrganisationFactory()
    make_user(organisation=organisation, role=Role.CONSULTANT)
    make_user(organisation=organisation, role=Role.ACCOUNT_MANAGER)
    make_user(organisation=organisation, role=Role.ADMINISTRATOR)
    persons = [
        PersonFactory(organisation=organisation, current_occupation=text)
        for text in ("Vrachtwagenchauffeur", "Orderpicker", "Verzorgende IG", "")
    ]
    course = ServiceFactory(name="Basiscursus VCA", provider=organisation)
    return {"organisation": organisation, "persons": persons, "course": course}


def test_the_demo_fills_taxonomy_employers_vacancies_and_profiles(region_world):
    result = load_demo_matching(region=region_world["organisation"].region, today=TODAY)

    assert TaxonomyRelease.objects.get().is_demo
    assert Employer.objects.count() == len(EMPLOYERS) >= 25
    assert all(is_valid_kvk_number(e.kvk_number) for e in Employer.objects.all())
    vacancies = Vacancy.objects.all()
    assert vacancies.count() >= 80
    confirmed = vacancies.filter(occupation_status=OccupationStatus.CONFIRMED)
    assert confirmed.count() >= 0.9 * vacancies.count()
    assert all(v.opens_on <= TODAY <= v.closes_on for v in vacancies)
    linked = set(PersonOccupation.objects.values_list("person_id", flat=True))
    assert {p.pk for p in region_world["persons"][:3]} <= linked
    assert ServiceSkill.objects.filter(service=region_world["course"]).exists()
    assert result.counts["employers"] == len(EMPLOYERS)


def test_titles_link_to_the_right_demo_occupations(region_world):
    load_demo_matching(region=region_world["organisation"].region, today=TODAY)

    driver = PersonOccupation.objects.get(person=region_world["persons"][0])
    chef = Vacancy.objects.get(title="Zelfstandig werkend kok")

    assert driver.occupation.label == "vrachtwagenchauffeur"
    assert driver.is_current
    assert chef.occupation_label == "kok"


def _row_counts():
    models = (Employer, Vacancy, PersonOccupation, PersonSkill, ServiceSkill)
    return [m.objects.count() for m in (*models, TaxonomyRelease)]


def test_loading_twice_changes_nothing(region_world):
    region = region_world["organisation"].region
    load_demo_matching(region=region, today=TODAY)
    before = _row_counts()

    again = load_demo_matching(region=region, today=TODAY)

    after = _row_counts()
    assert after == before
    assert sum(again.counts.values()) == 0
