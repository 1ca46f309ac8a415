import io
from datetime import date

from django.core.management import call_command

import pytest

from regiowerk.people.tests.factories import DossierFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_apply_retention_command_anonymises_and_prints_the_counts():
    person = PersonFactory()
    DossierFactory(
        person=person,
        opened_on=date(2019, 1, 1),
        status="closed",
        closed_on=date(2020, 1, 1),
        goals="Oud doel",
    )
    out = io.StringIO()

    call_command("apply_retention", today=date(2026, 1, 1), days=730, stdout=out)

    assert out.getvalue().strip() == "Anonymised 1 dossier(s) and 1 person(s)."
    person.refresh_from_db()
    assert person.is_anonymised
