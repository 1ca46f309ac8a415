"""A project leader defines a project in the browser: the project (its organisation
the applicant and executor), its activities; the rules in the actions, with the actor."""

from datetime import date

from django.test import Client
from django.urls import reverse

import pytest

from regiowerk.monitoring import actions, permissions
from regiowerk.monitoring.models import Activity, Project
from regiowerk.monitoring.tests.factories import ProgrammeFactory, ProjectFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db


def actor_of(role: str, organisation=None) -> Actor:
    organisation = organisation or OrganisationFactory()
    return Actor(
        user=make_user(organisation=organisation, role=role),
        organisation=organisation,
        roles=frozenset({role}),
    )


def client_of(actor: Actor) -> Client:
    client = Client()
    client.force_login(actor.user)
    return client


PROJECT = {
    "code": "DW2012",
    "title": "Van werk naar werk",
    "starts_on": "2016-07-15",
    "ends_on": "2018-12-31",
    "direct_costs": "1245313",
}


def create_url(programme) -> str:
    return reverse("project-create", args=[programme.code])


def errors(response) -> str:
    return response.content.decode()


# --- actions --------------------------------------------------------------------------------
def test_a_project_leader_defines_a_project_their_organisation_executes():
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    project = actions.define_project(
        actor=leader,
        programme=programme,
        code="DW2012",
        title="Van werk naar werk",
        starts_on=date(2016, 7, 15),
        ends_on=date(2018, 12, 31),
        direct_costs_cents=1_245_313_00,
    )
    assert project.max_subsidy_cents == 859_265_00  # 69 %, down to whole euros
    assert sorted(project.parties.values_list("role", "organisation_id")) == [
        ("applicant", leader.organisation.pk),
        ("executor", leader.organisation.pk),
    ]
    assert permissions.may_manage_project(actor=leader, project=project)


@pytest.mark.parametrize(
    ("role", "funder", "allowed"),
    [
        (Role.PROJECT_LEADER, False, True),
        (Role.ADMINISTRATOR, False, True),
        (Role.PROGRAMME_MANAGER, True, True),
        (Role.PROGRAMME_MANAGER, False, False),
        (Role.ANALYST, True, False),
        (Role.AUDITOR, True, False),
        (Role.CONSULTANT, False, False),
    ],
)
def test_who_may_define_a_project(role, funder, allowed):
    actor = actor_of(role)
    programme = ProgrammeFactory(
        funder_organisation=actor.organisation if funder else None
    )
    assert permissions.may_create_project(actor=actor, programme=programme) is allowed
    data = {**{k: v for k, v in PROJECT.items() if k != "direct_costs"}}
    data["starts_on"] = date(2026, 1, 1)
    data["ends_on"] = date(2026, 12, 31)
    if allowed:
        actions.define_project(
            actor=actor, programme=programme, direct_costs_cents=100, **data
        )
    else:
        with pytest.raises(actions.NotAllowed):
            actions.define_project(
                actor=actor, programme=programme, direct_costs_cents=100, **data
            )


def test_an_activity_goes_last_and_its_name_is_unique_in_the_project():
    leader = actor_of(Role.PROJECT_LEADER)
    project = ProjectFactory()
    actions.add_party(
        project=project,
        name="X",
        role="executor",
        organisation_id=leader.organisation.pk,
    )
    first = actions.define_activity(actor=leader, project=project, name="Intake")
    second = actions.define_activity(
        actor=leader, project=project, name="Pilot", category="policy"
    )
    assert (first.position, second.position) == (0, 1)
    with pytest.raises(Exception) as refused:
        actions.define_activity(actor=leader, project=project, name="intake ")
    assert "name" in refused.value.message_dict
    with pytest.raises(actions.NotAllowed):
        actions.define_activity(
            actor=actor_of(Role.PROJECT_LEADER), project=project, name="Ander"
        )


# --- pages ----------------------------------------------------------------------------------
def test_the_overview_offers_a_new_project_to_a_project_leader_only():
    programme = ProgrammeFactory()
    url = reverse("programme-overview") + f"?programme={programme.code}"
    leader = client_of(actor_of(Role.PROJECT_LEADER))
    analyst = client_of(actor_of(Role.ANALYST))
    assert "Nieuw project" in leader.get(url).content.decode()
    assert "Nieuw project" not in analyst.get(url).content.decode()
    assert analyst.get(create_url(programme)).status_code == 403


def test_the_page_creates_the_project_and_opens_it():
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    client = client_of(leader)
    page = client.get(create_url(programme))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nieuw project in" in text and "69 % van de begrote directe kosten" in text
    response = client.post(create_url(programme), PROJECT)
    project = Project.objects.get(programme=programme, code="DW2012")
    assert response.status_code == 302
    assert response["Location"] == reverse("project-monitor", args=[project.pk])
    assert project.direct_costs_cents == 1_245_313_00
    assert project.max_subsidy_cents == 859_265_00
    page = client.get(response["Location"]).content.decode()
    assert "Activiteit toevoegen" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"direct_costs": "-5"}, "direct_costs", "minstens 0"),
        ({"direct_costs": "1" * 20}, "direct_costs", "14 cijfers"),
        ({"direct_costs": "veel"}, "direct_costs", "Voer een getal in"),
        ({"ends_on": "2016-01-01"}, "ends_on", "eindigt voordat ze begint"),
        ({"code": ""}, "code", "Dit veld is verplicht"),
        (
            {"max_subsidy": "900000"},
            "max_subsidy_note",
            "wijkt af van de regel van het programma (€ 859.265)",
        ),
    ],
)
def test_bad_input_is_named_at_its_field(change, field, message):
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    response = client_of(leader).post(create_url(programme), {**PROJECT, **change})
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field]), form.errors[field]
    assert not Project.objects.exists()


def test_a_closed_programme_takes_no_new_project():
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory(closed_on=date(2020, 1, 1))
    url = reverse("programme-overview") + f"?programme={programme.code}"
    client = client_of(leader)

    assert not permissions.may_create_project(actor=leader, programme=programme)
    assert "Nieuw project" not in client.get(url).content.decode()
    response = client.post(create_url(programme), PROJECT)
    assert response.status_code == 403
    assert "Het programma is afgesloten" in response.content.decode()
    with pytest.raises(actions.NotAllowed, match="afgesloten"):
        actions.define_project(
            actor=leader,
            programme=programme,
            code="DW2013",
            title="Later",
            starts_on=date(2021, 1, 1),
            ends_on=date(2021, 12, 31),
            direct_costs_cents=100,
        )
    assert not Project.objects.exists()


def test_a_duplicate_code_is_refused_at_the_code():
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    ProjectFactory(programme=programme, code="DW2012")
    response = client_of(leader).post(create_url(programme), PROJECT)
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "Het programma heeft al een project met deze code."
    ]


def test_the_project_page_adds_an_activity():
    leader = actor_of(Role.PROJECT_LEADER)
    project = ProjectFactory()
    actions.add_party(
        project=project,
        name="X",
        role="executor",
        organisation_id=leader.organisation.pk,
    )
    client = client_of(leader)
    url = reverse("activity-add", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Pilot", "category": "policy"})
    assert response.status_code == 302
    activity = Activity.objects.get(project=project)
    assert (activity.name, activity.category) == ("Pilot", "policy")
    again = client.post(url, {"name": "Pilot", "category": "nonsense"})
    assert again.status_code == 400
    assert set(again.context["form"].errors) == {"category"}
    again = client.post(url, {"name": "Pilot"})
    assert again.context["form"].errors["name"] == [
        "Het project heeft al een activiteit met deze titel."
    ]
    page = client.get(reverse("project-monitor", args=[project.pk])).content.decode()
    assert "Pilot" in page and "Beleid" in page


def test_the_project_page_adds_manual_and_computed_indicators():
    leader = actor_of(Role.PROJECT_LEADER)
    project = ProjectFactory()
    actions.add_party(
        project=project,
        name="X",
        role="executor",
        organisation_id=leader.organisation.pk,
    )
    activity = actions.define_activity(actor=leader, project=project, name="Pilot")
    client = client_of(leader)
    url = reverse("indicator-add", args=[project.pk, activity.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"name": "Gesprekken", "unit": "gesprekken", "kind": "manual", "target": "12"},
    )
    assert response.status_code == 302
    computed = {
        "name": "Deelnemers",
        "unit": "deelnemers",
        "kind": "computed",
        "target": "40",
        "table": "services.enrolments",
        "measure": "count_subjects",
        "date_column": "registered_on",
    }
    assert client.post(url, computed).status_code == 302
    manual, counted = activity.indicators.order_by("position")
    assert (manual.kind, manual.position, manual.target.original_value) == (
        "manual",
        0,
        12,
    )
    assert counted.definition["table"] == "services.enrolments"
    assert counted.position == 1 and counted.target.current_value == 40
    # a column the table does not publish, a duplicate name, a negative target
    bad = client.post(url, {**computed, "name": "Ander", "date_column": "hired_on"})
    assert bad.status_code == 400 and "date_column" in bad.context["form"].errors
    bad = client.post(url, {**computed, "target": "-1", "name": "deelnemers"})
    assert set(bad.context["form"].errors) == {"target"}
    bad = client.post(url, {**computed, "name": "deelnemers"})
    assert bad.context["form"].errors["name"] == [
        "De activiteit heeft al een indicator met deze naam."
    ]
    assert activity.indicators.count() == 2
    other = client_of(actor_of(Role.PROJECT_LEADER))
    assert other.post(url, computed).status_code == 404
