"""The web kit: a form submitted to an action (save_form)."""

from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.common.web import save_form


class NameForm(forms.Form):
    name = forms.CharField()


def _post(data):
    request = RequestFactory().post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_valid_form_makes_the_change_and_shows_the_message():
    request = _post({"name": "Kok"})
    form = NameForm(request.POST)

    result = save_form(request, form, lambda data: data["name"].upper(), "Saved.")

    assert result == "KOK"
    assert [str(m) for m in request._messages] == ["Saved."]


def test_the_action_s_refusal_lands_on_the_form_and_nothing_is_returned():
    def refuse(data):
        raise ValidationError({"name": "Not this name."})

    request = _post({"name": "Kok"})
    form = NameForm(request.POST)

    assert save_form(request, form, refuse, "Saved.") is None
    assert form.errors == {"name": ["Not this name."]}
    assert not list(request._messages)


def test_a_stale_version_is_the_conflict_on_the_form():
    def stale(data):
        raise ConcurrentEditError(expected_version=1, current_version=2)

    request = _post({"name": "Kok"})
    form = NameForm(request.POST)

    assert save_form(request, form, stale, "Saved.") is None
    assert form.non_field_errors() == [str(ConcurrentEditError.message)]


def test_a_get_or_an_invalid_form_changes_nothing():
    calls = []
    get = RequestFactory().get("/")

    assert save_form(get, NameForm(), calls.append, "Saved.") is None
    assert save_form(_post({}), NameForm({}), calls.append, "Saved.") is None
    assert calls == []
