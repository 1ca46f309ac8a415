from django.urls import reverse

import pytest

from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Membership, User
from regiowerk.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "lange-wandeling-Assen-42"


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Gemeente Emmen", type=OrganisationType.MUNICIPALITY
    )


@pytest.fixture
def admin(organisation):
    return make_user(organisation=organisation, role=Role.ADMINISTRATOR)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def colleague(organisation):
    return make_user(organisation=organisation, role=Role.CONSULTANT)


@pytest.mark.parametrize(
    "role",
    [
        Role.CONSULTANT,
        Role.LABOUR_EXPERT,
        Role.ACCOUNT_MANAGER,
        Role.PROJECT_LEADER,
        Role.ANALYST,
    ],
)
@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [
        ("organisation-admin", {}),
        ("region-organisations", {}),
        ("user-create", {}),
    ],
)
def test_administration_pages_are_forbidden_for_other_roles(
    client, organisation, role, url_name, kwargs
):
    client.force_login(make_user(organisation=organisation, role=role))
    assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 403


def test_administration_pages_require_login(client):
    response = client.get(reverse("organisation-admin"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "url_name", ["user-grant-role", "user-revoke-role", "user-deactivate"]
)
def test_role_and_deactivation_posts_are_forbidden_for_non_administrators(
    client, organisation, colleague, url_name
):
    client.force_login(make_user(organisation=organisation, role=Role.PROJECT_LEADER))
    response = client.post(
        reverse(url_name, kwargs={"user_id": colleague.pk}), {"role": "analyst"}
    )
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.is_active
    assert not colleague.memberships.filter(role=Role.ANALYST).exists()


def test_administrator_sees_the_organisation_and_its_users_with_roles(
    admin_client, organisation, colleague
):
    other_org_user = make_user(role=Role.CONSULTANT)

    response = admin_client.get(reverse("organisation-admin"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Gemeente Emmen" in page
    assert "Gemeente" in page  # the organisation type, in Dutch
    assert colleague.username in page
    assert "Trajectadviseur" in page  # the role, in Dutch
    assert other_org_user.username not in page


def test_navigation_shows_administration_only_to_administrators(
    client, organisation, admin, colleague
):
    client.force_login(colleague)
    assert (
        reverse("organisation-admin")
        not in client.get(reverse("home")).content.decode()
    )
    client.force_login(admin)
    assert reverse("organisation-admin") in client.get(reverse("home")).content.decode()


def test_regional_overview_lists_the_partner_organisations_with_their_type(
    admin_client, organisation
):
    OrganisationFactory(name="UWV Drenthe", type=OrganisationType.UWV)
    OrganisationFactory(
        name="Vakbond Noord",
        type=OrganisationType.UNION,
        region__code="elders",
        region__name="Elders",
    )

    page = admin_client.get(reverse("region-organisations")).content.decode()

    assert "UWV Drenthe" in page
    assert "Gemeente Emmen" in page
    assert "Vakbond Noord" not in page  # another region


def test_administrator_creates_a_user_with_roles(admin_client, organisation):
    response = admin_client.post(
        reverse("user-create"),
        {
            "username": "a.bakker",
            "first_name": "Anouk",
            "last_name": "Bakker",
            "email": "a.bakker@example.org",
            "password": STRONG_PASSWORD,
            "roles": [Role.CONSULTANT, Role.LABOUR_EXPERT],
        },
    )

    user = User.objects.get(username="a.bakker")
    assert response.status_code == 302
    assert response["Location"] == reverse("user-admin", kwargs={"user_id": user.pk})
    assert user.check_password(STRONG_PASSWORD)
    assert set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    ) == {Role.CONSULTANT, Role.LABOUR_EXPERT}


def test_user_creation_names_the_field_of_a_weak_password_and_does_not_echo_it(
    admin_client,
):
    response = admin_client.post(
        reverse("user-create"),
        {
            "username": "a.bakker",
            "first_name": "Anouk",
            "last_name": "Bakker",
            "password": "12345678",
            "roles": [Role.CONSULTANT],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(username="a.bakker").exists()
    assert 'href="#id_password"' in page
    assert 'value="12345678"' not in page


def test_user_creation_requires_a_role_and_names_the_field(admin_client):
    response = admin_client.post(
        reverse("user-create"),
        {
            "username": "a.bakker",
            "first_name": "Anouk",
            "last_name": "Bakker",
            "password": STRONG_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert 'href="#id_roles_0"' in response.content.decode()
    assert not User.objects.filter(username="a.bakker").exists()


def test_user_creation_refuses_a_username_that_is_taken(admin_client, colleague):
    response = admin_client.post(
        reverse("user-create"),
        {
            "username": colleague.username,
            "first_name": "Anouk",
            "last_name": "Bakker",
            "password": STRONG_PASSWORD,
            "roles": [Role.CONSULTANT],
        },
    )

    assert response.status_code == 200
    assert 'href="#id_username"' in response.content.decode()
    assert User.objects.filter(username=colleague.username).count() == 1


def test_administrator_grants_and_revokes_a_role(admin_client, organisation, colleague):
    url_kwargs = {"user_id": colleague.pk}

    admin_client.post(
        reverse("user-grant-role", kwargs=url_kwargs), {"grant-role": Role.ANALYST}
    )
    assert colleague.memberships.filter(
        organisation=organisation, role=Role.ANALYST
    ).exists()

    admin_client.post(
        reverse("user-revoke-role", kwargs=url_kwargs), {"role": Role.CONSULTANT}
    )
    assert set(colleague.memberships.values_list("role", flat=True)) == {Role.ANALYST}


def test_granting_an_unknown_role_changes_nothing(admin_client, colleague):
    response = admin_client.post(
        reverse("user-grant-role", kwargs={"user_id": colleague.pk}),
        {"grant-role": "superuser"},
        follow=True,
    )
    assert response.status_code == 200
    assert set(colleague.memberships.values_list("role", flat=True)) == {
        Role.CONSULTANT
    }


def test_administrator_cannot_revoke_their_own_administrator_role(admin_client, admin):
    admin_client.post(
        reverse("user-revoke-role", kwargs={"user_id": admin.pk}),
        {"role": Role.ADMINISTRATOR},
    )
    assert admin.memberships.filter(role=Role.ADMINISTRATOR).exists()


def test_administrator_deactivates_a_user(admin_client, colleague):
    response = admin_client.post(
        reverse("user-deactivate", kwargs={"user_id": colleague.pk})
    )

    colleague.refresh_from_db()
    assert response.status_code == 302
    assert not colleague.is_active


def test_a_user_who_also_works_elsewhere_is_not_deactivated(admin_client, colleague):
    MembershipFactory(user=colleague, role=Role.CONSULTANT)

    response = admin_client.post(
        reverse("user-deactivate", kwargs={"user_id": colleague.pk}), follow=True
    )

    colleague.refresh_from_db()
    assert colleague.is_active
    assert "andere organisatie" in response.content.decode() or (
        "another organisation" in response.content.decode()
    )


def test_administrator_cannot_deactivate_themselves(admin_client, admin):
    admin_client.post(reverse("user-deactivate", kwargs={"user_id": admin.pk}))
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.parametrize(
    "url_name", ["user-admin", "user-grant-role", "user-revoke-role", "user-deactivate"]
)
def test_users_of_another_organisation_are_not_found(admin_client, url_name):
    stranger = make_user(role=Role.CONSULTANT)
    method = admin_client.get if url_name == "user-admin" else admin_client.post

    response = method(
        reverse(url_name, kwargs={"user_id": stranger.pk}), {"role": "analyst"}
    )

    stranger.refresh_from_db()
    assert response.status_code == 404
    assert stranger.is_active
    assert set(stranger.memberships.values_list("role", flat=True)) == {Role.CONSULTANT}


def test_administrator_of_one_organisation_manages_only_the_organisation_they_act_for(
    client, organisation, colleague
):
    # given an administrator at another organisation who is a consultant here
    other = OrganisationFactory()
    user = make_user(organisation=other, role=Role.ADMINISTRATOR)
    MembershipFactory(user=user, organisation=organisation, role=Role.CONSULTANT)
    client.force_login(user)
    session = client.session
    session["organisation_id"] = organisation.pk
    session.save()

    # when acting for this organisation, the administration is closed
    assert client.get(reverse("organisation-admin")).status_code == 403


def test_start_page_and_menu_lead_everyone_to_the_catalogue_and_events(
    client, organisation
):
    client.force_login(make_user(organisation=organisation, role=Role.ANALYST))

    html = client.get(reverse("home")).content.decode()

    assert html.count(f'href="{reverse("service-list")}"') == 2  # menu and card
    assert html.count(f'href="{reverse("event-list")}"') == 2
