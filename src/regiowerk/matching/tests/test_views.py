"""The matching pages: who sees a person's occupations, vacancies and transitions, and
that the forms link occupations and skills; a vacancy's candidates are only persons the
user may see."""

import uuid
from datetime import date

from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.employers.constants import OccupationStatus
from regiowerk.employers.tests.factories import VacancyFactory
from regiowerk.matching import actions
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import (
    PersonOccupation,
    PersonSkill,
    ServiceSkill,
)
from regiowerk.matching.tests.factories import (
    intake_of,
    occupation,
    profile_of,
    skill,
    vacancies_for,
)
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import ServiceFactory, make_actor, share_with

pytestmark = pytest.mark.django_db

PERSON_PAGES = ["person-skills", "person-vacancies", "person-transitions"]


def _login(client, organisation, role=Role.CONSULTANT):
    client.force_login(make_user(organisation=organisation, role=role))
    return client


@pytest.fixture
def world(demo_taxonomy):
    """A consultant's organisation with a truck driver, a partner, a vacancy."""
    actor = make_actor()
    person = profile_of(
        actor,
        "vrachtwagenchauffeur",
        last_name="Vrachtrijder",
        current_occupation="chauffeur",
    )
    vacancy = VacancyFactory(
        title="Chauffeur CE internationaal",
        occupation_uri=uri("occupation", "vrachtwagenchauffeur"),
        occupation_label="vrachtwagenchauffeur",
        opens_on=date(2026, 1, 1),
        organisation=actor.organisation,
    )
    return {"actor": actor, "person": person, "vacancy": vacancy}


def _url(name, person):
    return reverse(name, args=[person.pk])


# --- Who sees the person pages ------------------------------------------------------------


@pytest.mark.parametrize("page", PERSON_PAGES)
def test_a_consultant_of_the_holding_organisation_sees_the_person_pages(
    client, world, page
):
    _login(client, world["actor"].organisation)

    response = client.get(_url(page, world["person"]))

    assert response.status_code == 200
    assert "Vrachtrijder" in response.content.decode()


@pytest.mark.parametrize("page", PERSON_PAGES)
def test_a_partner_with_sharing_consent_reads_the_pages_without_forms(
    client, world, page
):
    partner = OrganisationFactory()
    share_with(world["person"], partner)
    _login(client, partner)

    response = client.get(_url(page, world["person"]))

    assert response.status_code == 200
    assert reverse("person-occupation-add", args=[world["person"].pk]) not in (
        response.content.decode()
    )


@pytest.mark.parametrize("page", PERSON_PAGES)
@pytest.mark.parametrize(
    "role", [Role.CONSULTANT, Role.ANALYST, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_others_get_the_same_404_as_for_a_missing_person(client, world, page, role):
    _login(client, OrganisationFactory(), role)
    missing = reverse(page, args=[uuid.uuid4()])

    forbidden = client.get(_url(page, world["person"]))

    assert forbidden.status_code == 404
    assert client.get(missing).status_code == 404
    assert "Vrachtrijder" not in forbidden.content.decode()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ACCOUNT_MANAGER])
def test_non_casework_roles_of_the_holder_see_no_individual(client, world, role):
    _login(client, world["actor"].organisation, role)

    assert client.get(_url("person-skills", world["person"])).status_code == 404


def test_a_partner_cannot_change_the_profile(client, world):
    partner = OrganisationFactory()
    share_with(world["person"], partner)
    _login(client, partner)

    response = client.post(
        reverse("person-occupation-add", args=[world["person"].pk]),
        {"occupation": uri("occupation", "kok"), "is_current": "1"},
    )

    assert response.status_code == 404
    assert not PersonOccupation.objects.filter(occupation=occupation("kok")).exists()


def test_reading_the_pages_is_logged(client, world):
    _login(client, world["actor"].organisation)

    client.get(_url("person-vacancies", world["person"]))

    assert AccessLog.objects.filter(
        person=world["person"], what="matching: matched vacancies"
    ).exists()


# --- Occupations and skills ---------------------------------------------------------------


def test_the_free_text_box_starts_with_the_registered_occupation(client, world):
    person = PersonFactory(
        organisation=world["actor"].organisation, current_occupation="Orderpicker"
    )
    _login(client, world["actor"].organisation)

    page = client.get(_url("person-skills", person)).content.decode()

    assert 'value="Orderpicker"' in page
    assert "magazijnmedewerker" in page  # suggested at once: nothing linked yet


def test_an_ambiguous_title_shows_several_occupations_with_scores(client, world):
    _login(client, world["actor"].organisation)

    page = client.get(
        _url("person-skills", world["person"]), {"text": "chauffeur"}
    ).content.decode()

    assert "vrachtwagenchauffeur" in page
    assert "heftruckchauffeur" in page or "pakketbezorger" in page
    assert page.count('name="occupation"') >= 2
    assert "%" in page


def test_the_consultant_confirms_a_suggested_occupation(client, world):
    _login(client, world["actor"].organisation)

    response = client.post(
        reverse("person-occupation-add", args=[world["person"].pk]),
        {"occupation": uri("occupation", "pakketbezorger"), "is_current": "0"},
    )

    assert response.status_code == 302
    link = PersonOccupation.objects.get(
        person=world["person"], occupation=occupation("pakketbezorger")
    )
    assert link.source == "confirmed"
    assert not link.is_current


def test_confirming_without_a_choice_names_the_field(client, world):
    _login(client, world["actor"].organisation)

    response = client.post(
        reverse("person-occupation-add", args=[world["person"].pk]),
        {"text": "chauffeur", "is_current": "1"},
    )

    assert response.status_code == 400
    assert 'href="#suggestion-1"' in response.content.decode()


def test_skills_are_found_by_label_added_and_removed(client, world):
    _login(client, world["actor"].organisation)
    person = world["person"]

    found = client.get(_url("person-skills", person), {"q": "heftruck"})
    added = client.post(
        reverse("person-skill-add", args=[person.pk]),
        {"q": "heftruck", "skills": [uri("skill", "heftruck")], "source": "assessed"},
    )

    assert "heftruck besturen" in found.content.decode()
    assert added.status_code == 302
    link = PersonSkill.objects.get(person=person)
    assert link.skill == skill("heftruck")
    assert link.source == "assessed"

    client.post(reverse("person-skill-remove", args=[person.pk, link.skill_id]))

    assert not PersonSkill.objects.filter(person=person).exists()


def test_an_occupation_is_removed(client, world):
    _login(client, world["actor"].organisation)
    held = occupation("vrachtwagenchauffeur")

    client.post(reverse("person-occupation-remove", args=[world["person"].pk, held.pk]))

    assert not PersonOccupation.objects.filter(person=world["person"]).exists()


# --- Matched vacancies and transitions -----------------------------------------------------


def test_matched_vacancies_show_score_skills_gap_and_the_dutch_reason(client, world):
    VacancyFactory(
        title="Kok", occupation_uri=uri("occupation", "kok"), opens_on=date(2026, 1, 1)
    )
    _login(client, world["actor"].organisation)

    page = client.get(_url("person-vacancies", world["person"])).content.decode()

    first = page.index("Chauffeur CE internationaal")
    assert ">Kok<" not in page or first < page.index(">Kok<")
    assert "vereiste vaardigheden" in page
    assert "lading zekeren" in page  # a matched skill
    assert "Ontbrekende vereiste vaardigheden" in page or "Missing" in page


def test_vacancy_filters_keep_out_other_contract_types(client, world):
    _login(client, world["actor"].organisation)

    page = client.get(
        _url("person-vacancies", world["person"]), {"contract_type": ["temporary"]}
    ).content.decode()

    assert "Chauffeur CE internationaal" not in page


def test_an_inverted_hours_filter_names_the_field(client, world):
    _login(client, world["actor"].organisation)

    response = client.get(
        _url("person-vacancies", world["person"]), {"hours_min": 32, "hours_max": 8}
    )

    assert response.status_code == 200
    assert "maximum" in response.content.decode().lower()


def test_transitions_show_gap_skills_and_the_services_that_teach_them(client, world):
    course = ServiceFactory(name="Heftruckcertificaat")
    actions.set_service_skills(
        actor=make_actor(course.provider, Role.PROJECT_LEADER),
        service=course,
        skills=[skill("heftruck")],
    )
    _login(client, world["actor"].organisation)

    page = client.get(_url("person-transitions", world["person"])).content.decode()

    assert "heftruckchauffeur" in page
    assert "Heftruckcertificaat" in page
    assert reverse("service-detail", args=[course.pk]) in page


# --- Vacancy occupation, skills, candidates ------------------------------------------------


def test_a_vacancy_title_suggests_occupations_and_the_user_confirms_one(client, world):
    vacancy = VacancyFactory(
        title="Chauffeur pakketdienst",
        opens_on=date(2026, 1, 1),
        organisation=world["actor"].organisation,
    )
    _login(client, world["actor"].organisation, Role.ACCOUNT_MANAGER)

    page = client.get(reverse("vacancy-occupation", args=[vacancy.pk]))
    response = client.post(
        reverse("vacancy-occupation", args=[vacancy.pk]),
        {"occupation": uri("occupation", "pakketbezorger"), "is_current": "1"},
    )

    assert "pakketbezorger" in page.content.decode()
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.occupation_uri == uri("occupation", "pakketbezorger")
    assert vacancy.occupation_status == OccupationStatus.CONFIRMED


def test_an_analyst_may_not_change_a_vacancy(client, world):
    _login(client, world["actor"].organisation, Role.ANALYST)

    response = client.get(reverse("vacancy-occupation", args=[world["vacancy"].pk]))

    assert response.status_code == 403


def test_vacancy_skills_are_added_and_removed(client, world):
    vacancy = world["vacancy"]
    _login(client, world["actor"].organisation)

    client.post(
        reverse("vacancy-skills", args=[vacancy.pk]),
        {"q": "heftruck", "skills": [uri("skill", "heftruck")], "is_essential": "0"},
    )

    listed = vacancy.skills.get()
    assert (listed.skill_uri, listed.is_essential) == (uri("skill", "heftruck"), False)

    client.post(reverse("vacancy-skill-remove", args=[vacancy.pk, listed.pk]))

    assert not vacancy.skills.exists()


def test_candidates_are_only_persons_the_user_may_see(client, world):
    profile_of(make_actor(), "vrachtwagenchauffeur", last_name="Verborgen")
    _login(client, world["actor"].organisation)

    page = client.get(
        reverse("vacancy-candidates", args=[world["vacancy"].pk])
    ).content.decode()

    assert "Vrachtrijder" in page
    assert "Verborgen" not in page
    assert "match" in page


def test_a_shared_candidate_shows_for_the_partner_it_is_shared_with(client, world):
    partner = OrganisationFactory()
    share_with(world["person"], partner)
    _login(client, partner)

    page = client.get(
        reverse("vacancy-candidates", args=[world["vacancy"].pk])
    ).content.decode()

    assert "Vrachtrijder" in page


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_roles_without_casework_see_no_candidates(client, world, role):
    _login(client, world["actor"].organisation, role)

    response = client.get(reverse("vacancy-candidates", args=[world["vacancy"].pk]))

    assert response.status_code == 200
    assert "Vrachtrijder" not in response.content.decode()


# --- Service skills and the dossier page -------------------------------------------------


def test_a_catalogue_manager_sets_the_skills_a_service_teaches(client, world):
    service = ServiceFactory(provider=world["actor"].organisation)
    _login(client, world["actor"].organisation, Role.PROJECT_LEADER)

    response = client.post(
        reverse("service-skills", args=[service.pk]),
        {"q": "VCA", "skills": [uri("skill", "vca")]},
    )

    assert response.status_code == 302
    assert ServiceSkill.objects.get(service=service).skill == skill("vca")


def test_others_may_not_set_the_skills_of_a_service(client, world):
    service = ServiceFactory()
    _login(client, world["actor"].organisation, Role.PROJECT_LEADER)

    response = client.get(reverse("service-skills", args=[service.pk]))

    assert response.status_code == 403


def test_the_dossier_page_links_to_the_matching_pages(client, world):
    _login(client, world["actor"].organisation)

    page = client.get(
        reverse("person-detail", args=[world["person"].pk])
    ).content.decode()

    assert "vrachtwagenchauffeur" in page
    for name in PERSON_PAGES:
        assert _url(name, world["person"]) in page


def test_today_is_used_for_open_vacancies(client, world):
    VacancyFactory(
        title="Gesloten vacature",
        occupation_uri=uri("occupation", "vrachtwagenchauffeur"),
        opens_on=date(2026, 1, 1),
        closes_on=timezone.localdate().replace(year=2025),
    )
    _login(client, world["actor"].organisation)

    page = client.get(_url("person-vacancies", world["person"])).content.decode()

    assert "Gesloten vacature" not in page


def test_the_service_page_lists_the_skills_it_teaches(client, world):
    service = ServiceFactory(provider=world["actor"].organisation)
    actions.set_service_skills(
        actor=make_actor(service.provider, Role.PROJECT_LEADER),
        service=service,
        skills=[skill("vca")],
    )
    _login(client, world["actor"].organisation, Role.PROJECT_LEADER)

    page = client.get(reverse("service-detail", args=[service.pk])).content.decode()

    assert "basisveiligheid (VCA)" in page
    assert reverse("service-skills", args=[service.pk]) in page


# --- The intake's limits as the matched vacancies' starting filters ------------------------


@pytest.fixture
def limited(demo_taxonomy):
    """An order picker who has 32 hours a week and cannot do heavy work, and four
    vacancies for the occupation: only the light 32-hour one in the region fits."""
    from regiowerk.employers.tests.factories import EmployerFactory
    from regiowerk.organisations.tests.factories import RegionFactory

    actor = make_actor()
    person = profile_of(actor, "magazijnmedewerker", last_name="Rugpijn")
    intake_of(actor, person, available_hours_per_week=32, avoids_heavy_work=True)
    here = EmployerFactory(region=person.region)
    elsewhere = EmployerFactory(region=RegionFactory(name="Ver weg", code="ver-weg"))
    vacancies_for(
        "magazijnmedewerker",
        [
            ("Orderpicker zwaar 38 uur", here, 38, "heavy"),
            ("Orderpicker zwaar 32 uur", here, 32, "heavy"),
            ("Orderpicker licht 32 uur", here, 32, "light"),
            ("Orderpicker licht 38 uur", here, 38, "light"),
            ("Orderpicker ver weg", elsewhere, 32, "light"),
        ],
    )
    return {"actor": actor, "person": person}


def _titles(response):
    return [row["vacancy"].title for row in response.context["matches"]]


def test_matched_vacancies_start_from_the_intakes_hours_load_and_region(
    client, limited
):
    _login(client, limited["actor"].organisation)

    response = client.get(_url("person-vacancies", limited["person"]))

    page = response.content.decode()
    assert _titles(response) == ["Orderpicker licht 32 uur"]
    form = response.context["form"]
    assert form.cleaned_data["hours_max"] == 32
    assert form.cleaned_data["avoid_heavy_work"] is True
    assert form.cleaned_data["own_region"] is True
    assert 'name="hours_max" value="32"' in page
    assert "32 uur per week beschikbaar" in page
    assert "geen fysiek zwaar werk" in page


def test_the_consultant_widens_the_intakes_filters(client, limited):
    _login(client, limited["actor"].organisation)
    url = _url("person-vacancies", limited["person"])

    all_open = client.get(url, {"filtered": "1"})
    heavy_too = client.get(
        url, {"filtered": "1", "hours_max": "32", "own_region": "on"}
    )

    assert sorted(_titles(all_open)) == [
        "Orderpicker licht 32 uur",
        "Orderpicker licht 38 uur",
        "Orderpicker ver weg",
        "Orderpicker zwaar 32 uur",
        "Orderpicker zwaar 38 uur",
    ]
    assert sorted(_titles(heavy_too)) == [
        "Orderpicker licht 32 uur",
        "Orderpicker zwaar 32 uur",
    ]


def test_without_an_intake_only_the_region_filters(client, world):
    _login(client, world["actor"].organisation)

    response = client.get(_url("person-vacancies", world["person"]))

    form = response.context["form"]
    assert form.cleaned_data["hours_max"] is None
    assert form.cleaned_data["avoid_heavy_work"] is False
    assert "Er is nog geen intake vastgelegd" in response.content.decode()
