"""Hostile import files get the import's own error report, never a 500: an .xlsx cut
off mid-XML, XML entity bombs, NUL bytes in cells, files too large to take."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import openpyxl
import pytest
from openpyxl import Workbook

from regiowerk.common import imports
from regiowerk.common.forms import ImportForm
from regiowerk.common.imports import Column, ImportSpec, validate_file
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user

SPEC = ImportSpec(columns=[Column("name", required=True), Column("city")])
SHEET = "xl/worksheets/sheet1.xml"
IMPORT_PAGES = ["person-import", "service-import", "employer-import", "vacancy-import"]


def _xlsx(rows, *, replace: dict[str, bytes] | None = None) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not replace:
        return buffer.getvalue()
    replace = dict(replace)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(
                info.filename, replace.pop(info.filename, source.read(info))
            )
        for name, content in replace.items():  # parts the workbook did not have
            target.writestr(name, content)
    return out.getvalue()


def _sheet(rows_xml: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + doctype
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f"<sheetData>{rows_xml}</sheetData></worksheet>"
    ).encode()


def _cut_off() -> bytes:
    """A well-zipped .xlsx whose sheet XML stops halfway through a row."""
    whole = _xlsx([["name", "city"], ["Noor", "Assen"], ["Sem", "Emmen"]])
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        sheet = archive.read(SHEET)
    return _xlsx(
        [["name", "city"], ["Noor", "Assen"], ["Sem", "Emmen"]],
        replace={SHEET: sheet[: sheet.index(b'<row r="3"') + 12]},
    )


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">'.replace(
            "&lol0;", "&lol;"
        )
        for n in range(1, 10)
    )
    + "]>"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _only_error(report) -> str:
    assert not report.ok
    (error,) = report.errors
    return str(error)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_cut_off(), id="sheet XML cut off mid-row"),
        pytest.param(_xlsx([["name"], ["A"]])[:-200], id="zip cut off"),
        pytest.param(
            _xlsx([["name"]], replace={SHEET: b"<worksheet><sheetData><row>"}),
            id="sheet XML unclosed",
        ),
        pytest.param(
            _xlsx([["name"]], replace={"xl/workbook.xml": b"<<<"}),
            id="workbook XML garbage",
        ),
    ],
)
def test_a_damaged_xlsx_is_the_import_error(data):
    report = validate_file(data, SPEC, filename="x.xlsx")

    assert _only_error(report) == "file: The file is not a valid Excel (.xlsx) file."


def test_xml_in_uploads_is_parsed_without_entity_expansion():
    bomb = _xlsx(
        [["name"]],
        replace={
            SHEET: _sheet(
                '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                doctype=BILLION_LAUGHS,
            )
        },
    )

    report = validate_file(bomb, SPEC, filename="x.xlsx")

    assert openpyxl.DEFUSEDXML is True  # openpyxl found defusedxml
    assert _only_error(report) == "file: The file is not a valid Excel (.xlsx) file."


def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_parsed(settings):
    settings.REGIOWERK_IMPORT_MAX_MB = 1
    huge = _xlsx([["name"]], replace={"xl/media/padding.bin": b"\0" * (21 * 2**20)})
    assert len(huge) < 2**20  # zeros compress well: a small upload

    report = validate_file(huge, SPEC, filename="x.xlsx")

    assert "too large when unpacked" in _only_error(report)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"name;city\nNoor;As\x00sen\n", "x.csv"),
        (b"name,city\nNoor,\x00\n", "x.csv"),
    ],
)
def test_a_nul_byte_in_a_cell_is_refused_naming_row_and_column(data, filename):
    report = validate_file(data, SPEC, filename=filename)

    assert _only_error(report) == (
        "row 2, column “city”: The cell contains a NUL character."
    )


def test_a_nul_byte_in_an_xlsx_cell_is_refused_naming_row_and_column():
    data = _xlsx(
        [["name"]],
        replace={
            SHEET: _sheet(
                '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>No&#0;or</t></is></c></row>'
            )
        },
    )

    report = validate_file(data, SPEC, filename="x.xlsx")

    # XML 1.0 cannot hold a NUL: the parser refuses the file, or the cell is refused
    assert _only_error(report) in (
        "file: The file is not a valid Excel (.xlsx) file.",
        "row 2, column “name”: The cell contains a NUL character.",
    )


def test_an_upload_larger_than_the_limit_is_refused_naming_the_limit(settings):
    settings.REGIOWERK_IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("x.csv", b"name\n" + b"A\n" * (2**20))

    form = ImportForm(data={}, files={"file": upload})

    assert not form.is_valid()
    assert form.errors["file"] == [
        "The file is larger than 1 MB; split it into smaller files."
    ]


def test_the_upload_limit_is_a_setting_with_a_default():
    assert imports.max_upload_bytes() == 20 * 2**20


# --- The four import pages -----------------------------------------------------------------


@pytest.fixture
def project_leader_client(client, db):
    client.force_login(make_user(role=Role.PROJECT_LEADER))
    return client


@pytest.mark.parametrize("page", IMPORT_PAGES)
def test_every_import_page_reports_a_cut_off_xlsx_in_dutch(project_leader_client, page):
    upload = SimpleUploadedFile("bestand.xlsx", _cut_off())

    with translation.override("nl"):
        response = project_leader_client.post(reverse(page), {"file": upload})

    assert response.status_code == 200
    assert "Het bestand is geen geldig Excel-bestand (.xlsx)." in (
        response.content.decode()
    )


@pytest.mark.parametrize("page", IMPORT_PAGES)
def test_every_import_page_refuses_a_file_over_the_limit_in_dutch(
    project_leader_client, page, settings
):
    settings.REGIOWERK_IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("bestand.csv", b"a\n" * (2**20))

    response = project_leader_client.post(reverse(page), {"file": upload})

    assert response.status_code == 200
    assert "Het bestand is groter dan 1 MB; splits het in kleinere bestanden." in (
        response.content.decode()
    )
