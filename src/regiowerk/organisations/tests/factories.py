"""Factories that build valid organisations, users and memberships by default."""

import factory

from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Membership, Organisation, Region, User

TEST_PASSWORD = "correct-horse-battery-9"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    name = "Testregio"
    code = "testregio"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.CAREER_GUIDANCE_PROVIDER
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CONSULTANT


def make_user(
    *, organisation: Organisation | None = None, role: str = Role.CONSULTANT
) -> User:
    """A user with one role in ``organisation`` (a new one when not given)."""
    membership = MembershipFactory(
        role=role, **({"organisation": organisation} if organisation else {})
    )
    return membership.user
