from django.core.exceptions import ValidationError

import pytest

from regiowerk.organisations import actions
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import NoOrganisationError, get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db


def test_create_user_gives_the_roles_in_the_organisation():
    organisation = OrganisationFactory()

    user = actions.create_user(
        username="consulent1",
        password="a-long-enough-passphrase-42",
        organisation=organisation,
        roles=[Role.CONSULTANT, Role.LABOUR_EXPERT],
    )

    actor = get_actor(user=user)
    assert actor.organisation == organisation
    assert actor.roles == {Role.CONSULTANT, Role.LABOUR_EXPERT}
    assert actor.does_casework


def test_create_user_refuses_a_weak_password_and_saves_nothing():
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as excinfo:
        actions.create_user(
            username="zwak",
            password="1234",
            organisation=organisation,
            roles=[Role.ANALYST],
        )

    assert "password" in excinfo.value.message_dict
    assert not User.objects.filter(username="zwak").exists()


def test_create_user_needs_a_role():
    with pytest.raises(ValidationError) as excinfo:
        actions.create_user(
            username="x",
            password="a-long-enough-passphrase-42",
            organisation=OrganisationFactory(),
            roles=[],
        )
    assert "roles" in excinfo.value.message_dict


def test_grant_role_rejects_an_unknown_role():
    user = make_user()
    with pytest.raises(ValidationError) as excinfo:
        actions.grant_role(user=user, organisation=OrganisationFactory(), role="king")
    assert "role" in excinfo.value.message_dict


def test_actor_only_exists_for_organisations_the_user_belongs_to():
    user = make_user()
    other = OrganisationFactory()

    with pytest.raises(NoOrganisationError):
        get_actor(user=user, organisation_id=other.pk)


def test_deactivated_user_has_no_actor():
    user = actions.deactivate_user(user=make_user())
    with pytest.raises(NoOrganisationError):
        get_actor(user=user)


def test_analyst_does_no_casework():
    user = make_user(role=Role.ANALYST)
    assert not get_actor(user=user).does_casework


def test_revoke_role_keeps_other_roles():
    user = make_user(role=Role.CONSULTANT)
    organisation = get_actor(user=user).organisation
    actions.grant_role(user=user, organisation=organisation, role=Role.ANALYST)

    actions.revoke_role(user=user, organisation=organisation, role=Role.CONSULTANT)

    assert get_actor(user=user).roles == {Role.ANALYST}


def test_an_administrator_cannot_revoke_their_own_administrator_role():
    admin = make_user(role=Role.ADMINISTRATOR)
    organisation = get_actor(user=admin).organisation

    with pytest.raises(ValidationError) as excinfo:
        actions.revoke_role(
            user=admin,
            organisation=organisation,
            role=Role.ADMINISTRATOR,
            acting_user=admin,
        )

    assert "role" in excinfo.value.message_dict
    assert get_actor(user=admin).is_administrator


def test_deactivation_is_refused_for_oneself_and_for_users_of_other_organisations():
    admin = make_user(role=Role.ADMINISTRATOR)
    organisation = get_actor(user=admin).organisation
    shared_user = make_user(organisation=organisation)
    actions.grant_role(
        user=shared_user, organisation=OrganisationFactory(), role=Role.CONSULTANT
    )

    with pytest.raises(ValidationError):
        actions.deactivate_user(
            user=admin, acting_user=admin, organisation=organisation
        )
    with pytest.raises(ValidationError):
        actions.deactivate_user(
            user=shared_user, acting_user=admin, organisation=organisation
        )

    shared_user.refresh_from_db()
    assert shared_user.is_active
