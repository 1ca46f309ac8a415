"""The shared import mechanism: reading CSV/xlsx, validating every row, all or nothing.

Rows are written as auth Groups so these tests need no domain app.
"""

import io
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest
from openpyxl import Workbook

from regiowerk.common import imports
from regiowerk.common.imports import Column, ImportSpec, run_import, validate_file

pytestmark = pytest.mark.usefixtures("english_messages")


def _group_spec() -> ImportSpec:
    return ImportSpec(
        columns=[
            Column("name", required=True, parse=imports.text(max_length=150)),
            Column("size", parse=imports.integer(min_value=1, max_value=100)),
            Column("starts_on", parse=imports.date_value),
        ]
    )


def _apply(values: dict[str, Any]) -> None:
    Group.objects.create(name=values["name"])


def _csv(text: str, *, bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading -----------------------------------------------------------------------------


def test_comma_separated_csv_is_read_with_spreadsheet_row_numbers():
    table = imports.read_table(_csv("name,size\nA,1\n\nB,2\n"), filename="x.csv")

    assert table.header == ["name", "size"]
    assert table.rows == [(2, ["A", "1"]), (4, ["B", "2"])]


def test_semicolon_csv_from_dutch_excel_is_read():
    table = imports.read_table(
        _csv("name;size\nBakker, J.;3\n"), filename="groepen.CSV"
    )

    assert table.rows == [(2, ["Bakker, J.", "3"])]


def test_csv_with_a_byte_order_mark_has_a_clean_first_column_name():
    table = imports.read_table(_csv("name;size\nA;1\n", bom=True), filename="x.csv")

    assert table.header == ["name", "size"]


def test_xlsx_first_sheet_is_read_and_cells_become_text():
    import datetime as dt

    data = _xlsx([["name", "size", "starts_on"], ["A", 3, dt.date(2025, 3, 1)]])

    table = imports.read_table(data, filename="x.xlsx")

    assert table.header == ["name", "size", "starts_on"]
    assert table.rows == [(2, ["A", "3", "2025-03-01"])]


def test_an_uploaded_file_is_read_by_its_name():
    upload = SimpleUploadedFile("groepen.csv", _csv("name\nA\n"))

    report = validate_file(upload, _group_spec())

    assert report.ok
    assert report.row_count == 1


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "x.csv", "empty"),
        (b"\n \n", "x.csv", "empty"),
        (b"name\nA\n", "x.xls", ".csv or .xlsx"),
        (b"name\nA\n", "x.txt", ".csv or .xlsx"),
        (b"not a zip", "x.xlsx", "Excel"),
        ("naam\nJosé\n".encode("latin-1"), "x.csv", "UTF-8"),
    ],
)
def test_unreadable_files_are_reported_as_a_file_error(data, filename, reason):
    report = validate_file(data, _group_spec(), filename=filename)

    assert not report.ok
    (error,) = report.errors
    assert error.row is None
    assert reason in error.message


def test_header_only_file_is_an_error():
    report = validate_file(_csv("name,size\n"), _group_spec(), filename="x.csv")

    assert not report.ok
    assert "no data rows" in report.errors[0].message


# --- validating ----------------------------------------------------------------------------


def test_unknown_and_missing_columns_are_reported_on_the_header_row():
    report = validate_file(
        _csv("size,colour\n1,red\n"), _group_spec(), filename="x.csv"
    )

    assert {(e.row, e.field) for e in report.errors} == {(1, "colour"), (1, "name")}


def test_column_names_match_case_insensitively():
    report = validate_file(_csv("Name, SIZE \nA,2\n"), _group_spec(), filename="x.csv")

    assert report.ok
    assert report.rows[0].values == {"name": "A", "size": 2, "starts_on": None}


def test_every_bad_row_and_field_is_reported():
    data = _csv("name,size,starts_on\nA,1,2025-01-01\n,0,1-1-2025\nC,x,31-02-2025\n")

    report = validate_file(data, _group_spec(), filename="x.csv")

    assert not report.ok
    assert [(e.row, e.field) for e in report.errors] == [
        (3, "name"),
        (3, "size"),
        (4, "size"),
        (4, "starts_on"),
    ]


def test_reasons_never_repeat_the_cell_value():
    secret = "987650000"  # stands for any personal value in a cell
    spec = ImportSpec(
        columns=[
            Column("name", required=True),
            Column("size", parse=imports.integer(max_value=10)),
            Column("starts_on", parse=imports.date_value),
        ]
    )
    data = _csv(f"name,size,starts_on\nA,{secret},{secret}\n")

    report = validate_file(data, spec, filename="x.csv")

    assert len(report.errors) == 2
    assert secret not in report.as_text()


def test_a_row_check_can_reject_a_combination_of_fields():
    def check(values: dict[str, Any]) -> None:
        if values["size"] and values["size"] > 5 and not values["starts_on"]:
            raise ValidationError({"starts_on": "Required for large groups."})

    spec = ImportSpec(columns=_group_spec().columns, check_row=check)

    report = validate_file(_csv("name,size\nA,9\nB,2\n"), spec, filename="x.csv")

    assert [(e.row, e.field, e.message) for e in report.errors] == [
        (2, "starts_on", "Required for large groups.")
    ]


def test_a_row_with_more_cells_than_the_header_is_an_error():
    report = validate_file(_csv("name\nA,extra\n"), _group_spec(), filename="x.csv")

    assert [(e.row, e.field) for e in report.errors] == [(2, None)]


# --- applying ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_good_csv_is_applied_and_counted():
    report = run_import(
        _csv("name;size\nA;1\nB;2\n"), _group_spec(), _apply, filename="g.csv"
    )

    assert report.ok
    assert report.applied
    assert report.created == 2
    assert set(Group.objects.values_list("name", flat=True)) == {"A", "B"}


@pytest.mark.django_db
def test_a_good_xlsx_is_applied():
    data = _xlsx([["name", "size"], ["A", 1], [None, None], ["B", 2]])

    report = run_import(data, _group_spec(), _apply, filename="g.xlsx")

    assert report.created == 2
    assert Group.objects.count() == 2


@pytest.mark.django_db
def test_nothing_is_written_when_one_row_is_bad():
    report = run_import(
        _csv("name,size\nA,1\nB,0\nC,3\n"), _group_spec(), _apply, filename="g.csv"
    )

    assert not report.ok
    assert report.created == 0
    assert not report.applied
    assert Group.objects.count() == 0


@pytest.mark.django_db
def test_everything_is_rolled_back_when_applying_a_row_fails():
    # given: rows that are each valid, but the third duplicates the first
    data = _csv("name\nA\nB\nA\nC\n")

    # when
    report = run_import(data, _group_spec(), _apply, filename="g.csv")

    # then: the database error is reported on its row, and nothing is written
    assert [(e.row, e.field) for e in report.errors] == [(4, None)]
    assert report.created == 0
    assert Group.objects.count() == 0


@pytest.mark.django_db
def test_a_validation_error_raised_while_applying_names_row_and_field():
    def apply(values: dict[str, Any]) -> None:
        if values["name"] == "B":
            raise ValidationError({"name": "Already taken."})
        _apply(values)

    report = run_import(_csv("name\nA\nB\n"), _group_spec(), apply, filename="g.csv")

    assert [(e.row, e.field, e.message) for e in report.errors] == [
        (3, "name", "Already taken.")
    ]
    assert Group.objects.count() == 0


@pytest.mark.django_db
def test_an_unexpected_exception_rolls_back_and_propagates():
    def apply(values: dict[str, Any]) -> None:
        _apply(values)
        if values["name"] == "B":
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        run_import(_csv("name\nA\nB\n"), _group_spec(), apply, filename="g.csv")

    assert Group.objects.count() == 0


@pytest.mark.django_db
def test_a_dry_run_validates_but_writes_nothing():
    report = run_import(
        _csv("name\nA\n"), _group_spec(), _apply, dry_run=True, filename="g.csv"
    )

    assert report.ok
    assert report.dry_run
    assert report.created == 0
    assert Group.objects.count() == 0


def test_the_report_as_text_lists_each_error_with_row_and_column():
    report = validate_file(_csv("name,size\n,1\n"), _group_spec(), filename="x.csv")

    lines = report.as_text().splitlines()

    assert len(lines) == 2
    assert "2" in lines[1]
    assert "name" in lines[1]


# --- parsers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1250", 125000),
        ("1.250,50", 125050),
        ("1250.5", 125050),
        ("12,5", 1250),
        ("€ 300,-", 30000),
        ("1 250", 125000),
    ],
)
def test_amounts_in_euros_become_cents(text, cents):
    assert imports.amount_in_cents(text) == cents


@pytest.mark.parametrize("text", ["-5", "twelve", "1,2,3", "1.2345"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValidationError):
        imports.amount_in_cents(text)


def test_boolean_accepts_dutch_and_english():
    assert imports.boolean("Ja") is True
    assert imports.boolean("no") is False
    with pytest.raises(ValidationError):
        imports.boolean("misschien")


def test_choices_accept_the_dutch_label_too():
    from django.db.models import TextChoices
    from django.utils.translation import gettext_lazy

    class Answer(TextChoices):
        YES = "yes", gettext_lazy("Yes")

    with translation.override("nl"):
        parse = imports.choice(Answer)
        assert parse("yes") == parse("Yes") == parse("ja") == "yes"


def test_choices_accept_codes_and_labels_and_several_in_one_cell():
    from django.db.models import TextChoices

    class Colour(TextChoices):
        RED = "red", "Rood"
        BLUE = "blue", "Blauw"

    assert imports.choice(Colour)("ROOD") == "red"
    assert imports.multi_choice(Colour)("red | Blauw, red") == ["red", "blue"]
    with pytest.raises(ValidationError):
        imports.choice(Colour)("green")
