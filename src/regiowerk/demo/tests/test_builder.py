"""The demo command's guards and reproducibility, on small regions."""

import random
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from regiowerk.demo import builder
from regiowerk.organisations.models import Region
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.models import Person
from regiowerk.people.rules import is_valid_bsn


def test_generated_bsns_pass_the_elfproef():
    rng = random.Random(7)

    numbers = [builder.generate_bsn(rng) for _ in range(500)]

    assert all(is_valid_bsn(n) for n in numbers)
    assert len(set(numbers)) > 490  # random, not a fixed list


@pytest.mark.django_db
def test_the_demo_region_is_not_loaded_next_to_real_organisations():
    # given a database that already holds a real region's organisation
    OrganisationFactory()

    # when / then
    with pytest.raises(CommandError, match="outside the demo region"):
        call_command("load_demo_region", stdout=StringIO())
    assert not Region.objects.filter(code=builder.REGION_CODE).exists()


# flush (TRUNCATE on PostgreSQL) cannot run inside the test's transaction
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_reset_rebuilds_the_same_region_from_the_same_seed():
    call_command("load_demo_region", "--persons=12", stdout=StringIO())
    first = sorted(Person.objects.values_list("first_name", "last_name"))

    call_command("load_demo_region", "--reset", "--persons=12", stdout=StringIO())

    assert sorted(Person.objects.values_list("first_name", "last_name")) == first
    assert Region.objects.filter(code=builder.REGION_CODE).count() == 1
