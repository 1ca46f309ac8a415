from collections import Counter
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, RegionFactory
from regiowerk.people import actions, queries, rules
from regiowerk.people.constants import (
    ConsentPurpose,
    EducationLevel,
    Gender,
    LabourStatus,
)
from regiowerk.people.tests.factories import (
    ConsentFactory,
    DossierFactory,
    PersonFactory,
    make_bsns,
    register_with_bsn,
    six_on_benefit_two_employed,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def test_aggregates_suppress_small_cells_and_the_cell_that_would_reveal_them(
    organisation, make_actor
):
    six_on_benefit_two_employed(organisation)
    analyst = make_actor(organisation, Role.ANALYST)

    result = queries.person_aggregates(actor=analyst, by="labour_status", today=TODAY)

    assert result.scope == "organisation"
    # 2 is too small; 6 is hidden too, or 2 would follow from the total (8 - 6)
    assert result.cells["ww_benefit"] == "x"
    assert result.cells["employed"] == "x"
    assert result.cells["job_seeker"] == 0
    assert result.total == 8


def test_a_total_below_five_is_suppressed_too(organisation, make_actor):
    PersonFactory.create_batch(3, organisation=organisation, gender=Gender.FEMALE)
    analyst = make_actor(organisation, Role.ANALYST)

    result = queries.person_aggregates(actor=analyst, by="gender")

    assert result.total == "x"
    assert result.cells["female"] == "x"


def test_50_plus_and_age_groups_come_from_the_birth_date_or_the_kept_year(
    organisation, make_actor
):
    PersonFactory.create_batch(
        5, organisation=organisation, birth_date=date(1960, 1, 1)
    )
    PersonFactory.create_batch(
        5, organisation=organisation, birth_date=date(1990, 1, 1)
    )
    PersonFactory.create_batch(
        5, organisation=organisation, birth_date=None, birth_year=1950
    )
    analyst = make_actor(organisation, Role.ANALYST)

    fifty = queries.person_aggregates(actor=analyst, by="is_50_plus", today=TODAY)
    groups = queries.person_aggregates(actor=analyst, by="age_group", today=TODAY)

    assert fifty.cells == {"true": 10, "false": 5}
    assert groups.cells == {"under_27": 0, "27_to_49": 5, "50_plus": 10, "unknown": 0}


def test_project_leaders_see_the_region_with_duplicates_counted_once(
    organisation, partner, consultant, partner_consultant, make_actor
):
    bsns = make_bsns(5, seed=8)
    for number in bsns:
        register_with_bsn(consultant, number)
        register_with_bsn(partner_consultant, number)
    elsewhere = OrganisationFactory(region=RegionFactory(code="elders", name="Elders"))
    PersonFactory.create_batch(5, organisation=elsewhere)
    leader = make_actor(organisation, Role.PROJECT_LEADER)

    result = queries.person_aggregates(actor=leader, by="labour_status")

    assert result.scope == "region"
    assert result.total == 5
    assert result.cells["job_seeker"] == 5


def _age_group_as_before(person, today):
    """The age group as counted in Python before the counts moved into SQL."""
    if person.birth_date is not None:
        age = rules.age_on(person.birth_date, today)
    elif person.birth_year is not None:
        age = today.year - person.birth_year - 1
    else:
        return "unknown"
    if age < 27:
        return "under_27"
    return "50_plus" if age >= 50 else "27_to_49"


def _counts_as_before(persons, by, today):
    counts = Counter()
    for person in persons:
        if by in ("age_group", "is_50_plus"):
            group = _age_group_as_before(person, today)
            key = group if by == "age_group" else str(group == "50_plus").lower()
        else:
            value = getattr(person, by)
            key = str(value).lower() if isinstance(value, bool) else value
        counts[key] += 1
    return counts


def _varied_persons(organisation, today):
    """Persons on every side of the age boundaries, and of every other dimension."""
    birth_dates = []
    for years in (26, 27, 49, 50):
        birthday = rules.latest_birth_date_for_age(today, years)
        birth_dates += [birthday, birthday + timedelta(days=1)]
    birth_dates += [date(1976, 2, 29), date(2000, 2, 29), date(1960, 3, 1)]
    persons = [
        PersonFactory(
            organisation=organisation,
            birth_date=birth_date,
            labour_status=list(LabourStatus)[i % len(LabourStatus)],
            gender=list(Gender)[i % len(Gender)],
            education_level=list(EducationLevel)[i % len(EducationLevel)],
            has_occupational_disability=i % 3 == 0,
            is_banenafspraak=i % 4 == 0,
        )
        for i, birth_date in enumerate(birth_dates)
    ]
    for year in (today.year - 28, today.year - 27, today.year - 51, today.year - 50):
        persons.append(
            PersonFactory(organisation=organisation, birth_date=None, birth_year=year)
        )
    persons.append(
        PersonFactory(organisation=organisation, birth_date=None, birth_year=None)
    )
    return persons


@pytest.mark.parametrize("today", [TODAY, date(2028, 2, 29), date(2027, 2, 28)])
@pytest.mark.parametrize("by", queries.AGGREGATE_DIMENSIONS)
def test_the_overviews_count_in_sql_what_python_counted_before(
    organisation, make_actor, monkeypatch, by, today
):
    persons = _varied_persons(organisation, today)
    analyst = make_actor(organisation, Role.ANALYST)
    # compare the counts themselves, not what suppression leaves of them
    monkeypatch.setattr(queries, "suppress_small_cells", dict)
    monkeypatch.setattr(queries, "suppress_total", lambda total: total)

    result = queries.person_aggregates(actor=analyst, by=by, today=today)

    expected = _counts_as_before(persons, by, today)
    assert result.cells == {key: expected.get(key, 0) for key in result.cells}
    assert sum(expected.values()) == result.total == len(persons)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.PROJECT_LEADER])
@pytest.mark.parametrize("number", [6, 40])
def test_the_overviews_cost_the_same_queries_however_many_persons(
    organisation, make_actor, django_assert_max_num_queries, role, number
):
    PersonFactory.create_batch(number, organisation=organisation)
    actor = make_actor(organisation, role)

    # publishing the month's figures: look up, count every cell at once, store
    with django_assert_max_num_queries(5):
        queries.person_overviews(actor=actor, today=TODAY)
    for by in queries.AGGREGATE_DIMENSIONS:
        with django_assert_max_num_queries(1):
            result = queries.person_aggregates(actor=actor, by=by, today=TODAY)
        assert result.total == number


def test_one_registration_cannot_be_read_off_the_overview_before_the_next_month(
    organisation, consultant, make_actor
):
    PersonFactory.create_batch(
        12, organisation=organisation, has_occupational_disability=True
    )
    analyst = make_actor(organisation, Role.ANALYST)
    before = queries.person_aggregates(
        actor=analyst, by="has_occupational_disability", today=TODAY
    )

    actions.register_person(
        actor=consultant,
        first_name="Nieuw",
        last_name="Geregistreerd",
        labour_status="job_seeker",
        has_occupational_disability=True,
    )
    later_that_month = queries.person_aggregates(
        actor=analyst,
        by="has_occupational_disability",
        today=TODAY + timedelta(days=20),
    )
    next_month = queries.person_aggregates(
        actor=analyst,
        by="has_occupational_disability",
        today=TODAY + timedelta(days=31),
    )

    assert before.cells["true"] == later_that_month.cells["true"] == 12
    assert later_that_month.counted_on == before.counted_on
    assert next_month.cells["true"] == 13


def test_the_region_and_the_organisation_are_published_apart(organisation, make_actor):
    PersonFactory.create_batch(6, organisation=organisation)
    analyst = make_actor(organisation, Role.ANALYST)
    leader = make_actor(organisation, Role.PROJECT_LEADER)

    queries.person_overviews(actor=analyst, today=TODAY)
    PersonFactory.create_batch(6, organisation=organisation)

    assert queries.person_aggregates(actor=analyst, by="gender", today=TODAY).total == 6
    assert queries.person_aggregates(actor=leader, by="gender", today=TODAY).total == 12


@pytest.mark.parametrize(
    "role", [Role.CONSULTANT, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_aggregates_are_for_analysts_and_project_leaders(
    organisation, make_actor, role
):
    with pytest.raises(PermissionDenied):
        queries.person_aggregates(actor=make_actor(organisation, role), by="gender")


def test_an_unknown_dimension_is_refused(organisation, make_actor):
    with pytest.raises(ValueError, match="dimension"):
        queries.person_aggregates(
            actor=make_actor(organisation, Role.ANALYST), by="bsn_pseudonym"
        )


def test_dossiers_and_consents_of_a_person(organisation, partner):
    person = PersonFactory(organisation=organisation)
    newer = DossierFactory(person=person, opened_on=date(2026, 3, 1))
    older = DossierFactory(
        person=person,
        opened_on=date(2025, 3, 1),
        status="closed",
        closed_on=date(2025, 9, 1),
    )
    consent = ConsentFactory(
        person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )

    assert list(queries.dossiers_of(person=person)) == [newer, older]
    assert queries.open_dossier_of(person=person, organisation=organisation) == newer
    assert list(queries.consents_of(person=person)) == [consent]
    assert list(queries.sharing_partners_of(person=person)) == [partner]
    assert queries.has_active_consent(
        person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    assert not queries.has_active_consent(
        person=person, purpose=ConsentPurpose.RESEARCH
    )


def test_persons_found_filters_by_name_postcode_prefix_and_status_in_name_order(
    consultant, organisation
):
    # given
    ww = LabourStatus.WW_BENEFIT
    PersonFactory(organisation=organisation, last_name="Bakker", postcode="8011 AB")
    wanted = PersonFactory(
        organisation=organisation,
        last_name="Jansen",
        postcode="8011 AC",
        labour_status=ww,
    )
    first = PersonFactory(
        organisation=organisation,
        last_name="Dijk",
        postcode="8011 AD",
        labour_status=ww,
    )
    PersonFactory(organisation=organisation, last_name="Visser", postcode="9711 AA")
    PersonFactory(last_name="Jansen", postcode="8011 AC", labour_status=ww)  # elsewhere

    # when / then: "8011a" is written as stored ("8011 A"), then prefix-matched
    found = queries.persons_found(actor=consultant, postcode="8011a", labour_status=ww)
    assert list(found) == [first, wanted]
    assert list(queries.persons_found(actor=consultant, search="jans")) == [wanted]
