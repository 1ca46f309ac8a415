"""The access log's "what" shows in Dutch: every code the apps log has a label."""

import re
from pathlib import Path

from django.urls import reverse

import pytest

from regiowerk.people.access_labels import access_labels, what_label
from regiowerk.people.tests.factories import PersonFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "regiowerk"
# what="dossier page", what: str = "person", what=f"enrolment {name}"
LOGGED = re.compile(r"""\bwhat(?::\s*str\s*)?=\s*(f?)"([^"]+)"(?!\s*\[)""")


def _codes_logged_in_the_source() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for is_f, text in LOGGED.findall(path.read_text(encoding="utf-8")):
            if is_f:  # f"enrolment {name}": the enrolment views' form names
                from regiowerk.services.views import ENROLMENT_FORMS

                prefix = text.split("{")[0]
                codes |= {prefix + name for name in ENROLMENT_FORMS}
            else:
                codes.add(text)
    return codes


def test_every_code_the_apps_log_has_a_dutch_label():
    codes = _codes_logged_in_the_source()
    assert "dossier page" in codes and "matching: skills" in codes  # the scan works

    missing = sorted(codes - set(access_labels()))
    assert not missing, f"access-log codes without a label: {missing}"
    untranslated = sorted(
        code
        for code in codes
        if what_label(code) == code and code not in {"intake", "dossier"}
    )
    assert not untranslated, f"labels without a Dutch translation: {untranslated}"


def test_an_unknown_code_is_shown_as_stored():
    assert what_label("iets onbekends") == "iets onbekends"


@pytest.mark.django_db
def test_the_dossier_page_shows_what_was_read_in_dutch(consultant_client, organisation):
    person = PersonFactory(organisation=organisation)
    url = reverse("person-detail", args=[person.pk])
    consultant_client.get(url)

    page = consultant_client.get(url).content.decode()

    assert "<td>dossierpagina</td>" in page
    assert "dossier page" not in page
