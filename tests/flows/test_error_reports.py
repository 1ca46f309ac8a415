"""No BSN or other personal data on error pages or in error reports, whatever DEBUG
says: the technical 500 page (DEBUG on, ``make run``) and the text report that is
logged or mailed hide personal POST parameters, query parameters and frame locals."""

import logging
import sys
import uuid
from datetime import date

from django.test import RequestFactory
from django.views.debug import get_exception_reporter_class, technical_500_response

import pytest

from regiowerk.common.api import server_failed
from regiowerk.common.errorreports import (
    HIDDEN_PATH,
    PersonalDataFilter,
    ScrubbedRequestPath,
)
from regiowerk.common.imports import Column, ImportSpec, run_import
from regiowerk.people.tests.factories import PersonFactory, make_bsn

NAME = "Zeynep"
SURNAME = "Oudewater"
BIRTH_DATE = "1980-05-17"
EMAIL = f"{NAME.lower()}@example.nl"


def _crash_while_importing(bsn: str) -> None:
    """An import that crashes on a row (an unexpected error propagates from
    ``run_import``), with the rows and the BSN in the frames' locals."""
    spec = ImportSpec(
        columns=[Column("bsn"), Column("first_name"), Column("last_name")],
    )
    person = PersonFactory.build(first_name=NAME, last_name=SURNAME)

    def apply_row(values):
        raise RuntimeError(f"the database went away while saving {type(person)}")

    run_import(
        f"bsn;first_name;last_name\n{bsn};{NAME};{SURNAME}\n".encode(),
        spec,
        apply_row,
        filename="personen.csv",
    )


def _request_and_error(bsn: str):
    request = RequestFactory().post(
        f"/api/v1/persons/create/?q={bsn}",
        {
            "bsn": bsn,
            "first_name": NAME,
            "last_name": SURNAME,
            "birth_date": BIRTH_DATE,
            "email": EMAIL,
            "note": f"BSN {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}",
            "organisation": "7",
        },
    )
    try:
        _crash_while_importing(bsn)
    except RuntimeError:
        return request, sys.exc_info()
    raise AssertionError("the import did not crash")


@pytest.mark.parametrize("debug", [True, False])
def test_the_technical_500_page_shows_no_bsn_and_no_names(settings, debug):
    settings.DEBUG = debug
    bsn = make_bsn()
    request, exc_info = _request_and_error(bsn)

    page = technical_500_response(request, *exc_info).content.decode()

    assert "RuntimeError" in page  # it is the report
    assert "_crash_while_importing" in page  # with its frames
    assert bsn not in page
    assert f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}" not in page
    for personal in (NAME, SURNAME, EMAIL, BIRTH_DATE):
        assert personal not in page
    assert "organisation" in page  # other parameters stay readable


def test_the_logged_error_report_shows_no_bsn_and_no_names(settings):
    bsn = make_bsn()
    request, exc_info = _request_and_error(bsn)
    reporter = get_exception_reporter_class(request)(request, *exc_info, is_email=True)

    report = reporter.get_traceback_text()

    assert "_crash_while_importing" in report
    assert bsn not in report
    for personal in (NAME, SURNAME, EMAIL):
        assert personal not in report


def test_a_frame_local_of_nine_digits_is_hidden_but_dates_and_counts_stay():
    bsn = make_bsn()
    scrub = PersonalDataFilter()

    assert scrub.scrub({"n": 12, "on": date(2026, 1, 5)}) == {
        "n": 12,
        "on": date(2026, 1, 5),
    }
    assert bsn not in str(scrub.scrub([f"regel 3: {bsn}", int(bsn)]))
    assert scrub.scrub({"rows": [{"BSN": "x"}]}) == {
        "rows": [{"BSN": scrub.cleansed_substitute}]
    }


def _crash_on(request):
    try:
        raise RuntimeError("the view failed")
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info()).content.decode()


@pytest.mark.parametrize("debug", [True, False])
def test_the_500_report_shows_the_paths_pattern_not_what_was_typed_into_the_url(
    settings, debug
):
    settings.DEBUG = debug
    person_id = uuid.uuid4()
    request = RequestFactory().get(
        f"/personen/{person_id}/?q={SURNAME}",
        HTTP_REFERER=f"http://testserver/personen/?q={NAME}",
    )

    page = _crash_on(request)

    assert "RuntimeError" in page
    assert "/personen/&lt;uuid:person_id&gt;/" in page  # where it went wrong
    for typed in (SURNAME, NAME, str(person_id)):
        assert typed not in page


def test_a_path_no_pattern_matches_is_not_in_the_500_report():
    page = _crash_on(RequestFactory().get(f"/personen/{SURNAME}-{BIRTH_DATE}/"))

    assert "RuntimeError" in page
    assert HIDDEN_PATH in page
    assert SURNAME not in page
    assert BIRTH_DATE not in page


def test_the_logged_request_line_names_the_pattern_not_the_path(caplog):
    request = RequestFactory().get(f"/personen/{SURNAME}/")
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Not Found: %s",
        (request.path,),
        None,
    )
    record.request = request

    assert ScrubbedRequestPath().filter(record)

    assert record.getMessage() == f"Not Found: {HIDDEN_PATH}"


def test_the_production_500_page_does_not_echo_the_path():
    response = server_failed(RequestFactory().get(f"/personen/{SURNAME}/?q={NAME}"))

    page = response.content.decode()
    assert response.status_code == 500
    assert SURNAME not in page
    assert NAME not in page
