from datetime import date

import pytest

from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.api.serializers import (
    PersonFieldsSerializer,
    PersonOutputSerializer,
)
from regiowerk.people.forms import PersonCreateForm, PersonEditForm
from regiowerk.people.imports import PERSON_IMPORT_SPEC
from regiowerk.people.models import (
    PERSON_EDITABLE_FIELDS,
    AccessLog,
    AppendOnlyError,
    Person,
)
from regiowerk.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_person_is_50_plus_from_their_fiftieth_birthday():
    young = PersonFactory(birth_date=date(2000, 1, 1))
    old = PersonFactory(birth_date=date(1960, 1, 1))

    assert not young.is_50_plus
    assert old.is_50_plus


def test_the_access_log_refuses_changes_and_deletion():
    person = PersonFactory()
    user = make_user(organisation=person.organisation)
    entry = AccessLog.objects.create(
        user=user,
        organisation=person.organisation,
        person=person,
        purpose="casework",
        what="person",
    )

    entry.what = "something else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).update(what="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get(pk=entry.pk).what == "person"


def test_the_50_plus_filter_and_annotation_agree_with_the_property():
    today = date(2026, 6, 1)
    fifty_today = PersonFactory(birth_date=date(1976, 6, 1))
    almost = PersonFactory(birth_date=date(1976, 6, 2))
    unknown = PersonFactory(birth_date=None)

    assert list(Person.objects.fifty_plus(on=today)) == [fifty_today]
    flags = dict(
        Person.objects.with_is_50_plus(on=today).values_list("pk", "is_50_plus_on")
    )
    assert flags == {fifty_today.pk: True, almost.pk: False, unknown.pk: False}


def test_forms_serializers_import_and_update_derive_from_the_editable_fields():
    shown_on_web = [name for name in PERSON_EDITABLE_FIELDS if name != "region"]

    assert list(PersonCreateForm().fields)[: len(shown_on_web)] == shown_on_web
    assert list(PersonEditForm().fields)[: len(shown_on_web)] == shown_on_web
    assert list(PersonFieldsSerializer().fields) == [*PERSON_EDITABLE_FIELDS, "bsn"]
    assert set(PERSON_EDITABLE_FIELDS) <= set(PersonOutputSerializer().fields)
    columns = {column.name for column in PERSON_IMPORT_SPEC.columns}
    assert columns == {*shown_on_web, "bsn", "bsn_reporting_consent", "register_anyway"}
