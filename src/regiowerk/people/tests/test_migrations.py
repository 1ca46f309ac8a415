"""Data migrations fill new fields the way the code would have."""

from importlib import import_module

from django.apps import apps

import pytest

from regiowerk.people.models import Dossier
from regiowerk.people.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def test_the_responsible_consultant_of_an_existing_dossier_is_its_opener(consultant):
    opened = DossierFactory(
        person__organisation=consultant.organisation, opened_by=consultant.user
    )
    Dossier.objects.filter(pk=opened.pk).update(responsible=None)  # as before 0004
    unknown_opener = DossierFactory(person__organisation=consultant.organisation)
    migration = import_module("regiowerk.people.migrations.0004_dossier_responsible")

    migration.responsible_is_the_opener(apps, None)

    opened.refresh_from_db()
    unknown_opener.refresh_from_db()
    assert opened.responsible == consultant.user
    assert unknown_opener.responsible is None
