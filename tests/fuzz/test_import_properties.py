"""Properties of the import parser (``common/imports.py``) over hostile files: random
bytes, text in other encodings, other delimiters, damaged Excel files. Whatever the file,
reading it either gives a table or raises the import's own ``ImportFileError``;
validating it always gives a report; and an import saves every row or none.

Bounded and reproducible: a fixed number of examples, ``derandomize``, no deadline.
"""

import io
import zipfile

from django.contrib.auth.models import Group

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from regiowerk.common.imports import (
    Column,
    ImportFileError,
    ImportSpec,
    Table,
    integer,
    read_table,
    run_import,
    text,
    validate_file,
)

pytestmark = pytest.mark.slow

SPEC = ImportSpec(
    columns=[
        Column("name", required=True, parse=text(max_length=150)),
        Column("count", parse=integer(min_value=0, max_value=1000)),
    ]
)
BOUNDED = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = st.sampled_from(["personen.csv", "personen.xlsx", "PERSONEN.CSV", "x.XLSX"])
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"]
)
DELIMITERS = st.sampled_from([";", ",", "\t", "|", " "])
CELL = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
) | st.sampled_from(["", "12", "-3", "1e9", '"', '""', "\x00", "\r\n", "a;b", "a,b"])


def _read(data: bytes, name: str) -> Table | None:
    try:
        return read_table(data, filename=name)
    except ImportFileError:
        return None


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:  # openpyxl refuses to write control characters
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv(rows: list[list[str]], delimiter: str) -> str:
    return "\n".join(delimiter.join(cells) for cells in rows) + "\n"


ROWS = st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=0, max_size=6)


@BOUNDED
@given(data=st.binary(max_size=2000), name=NAMES)
def test_random_bytes_give_a_table_or_the_imports_own_error(data, name):
    table = _read(data, name)

    if table is not None:
        assert all(isinstance(cell, str) for _n, cells in table.rows for cell in cells)
    assert validate_file(data, SPEC, filename=name).ok in (True, False)


@BOUNDED
@given(rows=ROWS, encoding=ENCODINGS, delimiter=DELIMITERS)
def test_text_in_any_encoding_and_delimiter_gives_a_table_or_the_error(
    rows, encoding, delimiter
):
    content = _csv([["name", "count"], *rows], delimiter)
    try:
        data = content.encode(encoding)
    except UnicodeEncodeError:
        data = content.encode(encoding, "replace")

    _read(data, "personen.csv")
    report = validate_file(data, SPEC, filename="personen.csv")

    assert report.created == 0
    assert all(error.row is None or error.row >= 1 for error in report.errors)


@settings(BOUNDED, max_examples=25)
@given(
    rows=ROWS,
    cut=st.floats(min_value=0, max_value=1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
def test_a_damaged_excel_file_gives_a_table_or_the_imports_own_error(rows, cut, flips):
    data = bytearray(_xlsx([["name", "count"], *rows]))
    for where, byte in flips:
        data[int(where * (len(data) - 1))] = byte
    data = data[: max(1, int(cut * len(data)))]

    _read(bytes(data), "personen.xlsx")
    validate_file(bytes(data), SPEC, filename="personen.xlsx")


def test_an_excel_file_whose_parts_are_cut_off_mid_xml_is_the_imports_error():
    whole = _xlsx([["name", "count"], ["Team A", "3"]])
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, content in parts.items():
            cut = content[: len(content) // 2] if name.endswith(".xml") else content
            archive.writestr(name, cut)

    with pytest.raises(ImportFileError):
        read_table(damaged.getvalue(), filename="personen.xlsx")


def _save(values):
    Group.objects.create(name=values["name"])


@pytest.mark.django_db
@settings(BOUNDED, max_examples=30)
@given(
    names=st.lists(st.sampled_from(["Team A", "Team B", "Team C", "", "x" * 151])),
    excel=st.booleans(),
)
def test_an_import_saves_every_row_or_none(names, excel):
    rows = [["name", "count"], *([name, "1"] for name in names)]
    data = _xlsx(rows) if excel else _csv(rows, ";").encode()
    before = Group.objects.count()

    report = run_import(
        data, SPEC, _save, filename="groepen.xlsx" if excel else "groepen.csv"
    )

    saved = Group.objects.count() - before
    if report.ok:
        assert saved == report.created == len(names)
    else:
        assert saved == report.created == 0
    Group.objects.all().delete()
