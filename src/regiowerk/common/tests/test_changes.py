from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from regiowerk.common.changes import apply_changes, refuse_unknown_fields


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _type() -> ContentType:
    return ContentType(app_label="people", model="person")


def test_sets_the_allowed_fields_and_returns_those_that_changed():
    instance = _type()

    changed = apply_changes(
        instance,
        {"model": "dossier", "app_label": "people"},
        allowed={"model", "app_label"},
    )

    assert changed == ["model"]
    assert (instance.app_label, instance.model) == ("people", "dossier")


def test_nothing_changes_for_no_changes():
    instance = _type()

    assert apply_changes(instance, {}, allowed={"model"}) == []
    assert instance.model == "person"


def test_a_field_outside_allowed_is_refused_by_name_and_nothing_is_set():
    instance = _type()

    with pytest.raises(ValidationError) as caught:
        apply_changes(
            instance, {"model": "dossier", "app_label": "x"}, allowed={"model"}
        )

    assert caught.value.message_dict == {
        "app_label": ["This field cannot be changed here."]
    }
    assert (instance.app_label, instance.model) == ("people", "person")


def test_a_name_that_is_no_field_is_an_unknown_field():
    with pytest.raises(ValidationError) as caught:
        apply_changes(_type(), {"colour": "red", "id": 7}, allowed={"model"})

    assert caught.value.message_dict == {
        "colour": ["Unknown field."],
        "id": ["This field cannot be changed here."],
    }
    assert {e.code for e in caught.value.error_dict["colour"]} == {"not_editable"}


def test_the_messages_are_translated():
    with pytest.raises(ValidationError) as caught:
        refuse_unknown_fields(ContentType, ["colour", "app_label"], allowed={"model"})

    with translation.override("nl"):
        assert caught.value.message_dict == {
            "app_label": ["Dit veld kan hier niet worden gewijzigd."],
            "colour": ["Onbekend veld."],
        }


def test_refuse_unknown_fields_accepts_allowed_names():
    refuse_unknown_fields(ContentType, ["model"], allowed={"model", "app_label"})
