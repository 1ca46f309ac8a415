"""No BSN or other personal data on error pages or in error reports, whatever DEBUG
says: the technical 500 page (DEBUG on, ``make run``) and the text report that is
logged or mailed hide personal POST parameters, query parameters and frame locals."""

import sys
from datetime import date

from django.test import RequestFactory
from django.views.debug import get_exception_reporter_class, technical_500_response

import pytest

from regiowerk.common.errorreports import PersonalDataFilter
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
