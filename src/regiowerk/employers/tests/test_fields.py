"""The vacancy's editable fields are declared once (VACANCY_FIELDS): the web form, the
API and the import file take exactly those fields, with the same required ones."""

from django.core.exceptions import ValidationError

import pytest

from regiowerk.employers import actions
from regiowerk.employers.api.serializers import (
    VacancyCreateInputSerializer,
    VacancyUpdateInputSerializer,
)
from regiowerk.employers.forms import VacancyCreateForm, VacancyEditForm
from regiowerk.employers.imports import VACANCY_SPEC
from regiowerk.employers.models import VACANCY_FIELD_NAMES, VACANCY_FIELDS, Vacancy
from regiowerk.employers.tests.factories import vacancy_fields
from regiowerk.organisations.constants import Role

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_declared_fields_in_their_order():
    declared = [f.name for f in VACANCY_FIELDS if f.on_form]

    assert list(VacancyCreateForm().fields) == ["employer", *declared]
    assert list(VacancyEditForm().fields) == [*declared, "version"]


def test_the_api_takes_every_declared_field_with_the_same_required_ones():
    fields = VacancyCreateInputSerializer().fields

    assert list(fields) == [*VACANCY_FIELD_NAMES, "employer"]
    assert {n for n, f in fields.items() if f.required} == {
        f.name for f in VACANCY_FIELDS if f.required
    } | {"employer"}
    assert [
        n for n, f in VacancyUpdateInputSerializer().fields.items() if f.required
    ] == ["version"]


def test_the_import_columns_are_the_importable_declared_fields():
    columns = {c.name: c.required for c in VACANCY_SPEC.columns}

    assert columns == {"kvk_number": True} | {
        f.name: f.required for f in VACANCY_FIELDS if f.in_import
    }


def test_a_field_outside_the_declaration_is_refused_on_create(make_actor, organisation):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_vacancy(
            actor=make_actor(organisation, Role.ACCOUNT_MANAGER),
            **vacancy_fields(status="filled"),
        )

    assert "status" in excinfo.value.message_dict
    assert not Vacancy.objects.exists()
