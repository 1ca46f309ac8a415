"""Bulk import from CSV and Excel: validate every row first, then apply all or nothing.

The flow every import type (persons, services, ...) shares::

    file ──read_table()──▶ Table(header, raw rows with their spreadsheet row numbers)
          ──validate_rows(table, spec)──▶ ImportReport(errors, parsed rows)
          ──run_import(..., apply_row)──▶ no errors: apply every row in ONE transaction
                                          any error: write nothing, return the report

An import type declares an :class:`ImportSpec`: its columns, whether each is required,
and a parser that turns the cell text into a value or raises ``ValidationError`` with
a reason. Parsers must not put the cell value in the reason: a report may be shown,
printed or mailed, and a column may hold a BSN or other personal data.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row
is row 2. File-level problems (empty file, wrong type, unknown columns) have row 1 or
no row at all.

Files are untrusted: whatever a file holds, reading it either gives a table or the
import's own error (:class:`ImportFileError`), never another exception. XML inside an
.xlsx is parsed without entity expansion (openpyxl uses defusedxml, a dependency), an
upload is capped in size before it is read (``REGIOWERK_IMPORT_MAX_MB``, checked by the
upload form) and an .xlsx also unpacked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.db.models import Model, TextChoices
from django.utils import translation
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_DATA_ROWS = 50_000  # beyond this, split the file: one transaction must stay small
XLSX_UNPACKED_FACTOR = 20  # an .xlsx may unpack to this many times the upload limit
SUPPORTED_EXTENSIONS = (".csv", ".xlsx")

Parser = Callable[[str], Any]
ImportSource = str | Path | bytes | IO[bytes] | Any  # Any: Django UploadedFile


# --- Declaring an import ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an import file.

    ``parse`` receives the stripped cell text (never empty) and returns the value or
    raises ``ValidationError`` with a value-free reason. An empty optional cell becomes
    ``default`` without calling the parser.
    """

    name: str
    required: bool = False
    parse: Parser = str
    default: Any = None
    help_text: Any = ""  # str or a lazy translation
    label: Any = None  # the heading users see (lazy, Dutch); the code ``name`` if None

    @property
    def heading(self) -> str:
        """The column's heading in the active language (as in a template file)."""
        return capfirst(str(self.label)) if self.label else self.name

    def headings(self) -> set[str]:
        """Every heading the header row may use: the code, the label in Dutch, in
        English and in the active language; compared as :func:`_heading_key`."""
        names = {self.name, self.heading}
        if self.label:
            for language in ("nl", None):
                with translation.override(language):
                    names.add(str(self.label))
        return {_heading_key(name) for name in names}


def _heading_key(heading: str) -> str:
    """``Geboortedatum``, ``geboortedatum `` and ``birth_date`` / ``Birth date`` alike."""
    return " ".join(heading.replace("_", " ").lower().split())


RowCheck = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class ImportSpec:
    """The columns of an import type, plus an optional check across a row's values.

    ``check_row`` receives the parsed values of a row whose cells all parsed; it raises
    ``ValidationError`` (a dict names the fields) for rules that span columns.
    """

    columns: Sequence[Column]
    check_row: RowCheck | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def describe(self) -> list[tuple[str, bool, str]]:
        """(heading, required, help text) per column: for help pages and command help."""
        return [(c.heading, c.required, str(c.help_text)) for c in self.columns]

    def heading(self, name: str | None) -> str | None:
        """The heading of column ``name`` (a code); other names as they are."""
        found = next((c for c in self.columns if c.name == name), None)
        return found.heading if found else name


# --- The report ------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem: the row (None for the file itself), the column (None for the whole
    row) and the reason. Never contains the offending value."""

    row: int | None
    field: str | None  # the column's code (or an unknown heading as found)
    message: str
    heading: str | None = None  # the column as users see it (Dutch)

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.field:
            where.append(
                _("column “%(field)s”") % {"field": self.heading or self.field}
            )
        prefix = ", ".join(where) if where else _("file")
        return f"{prefix}: {self.message}"


@dataclass(frozen=True)
class ParsedRow:
    number: int
    values: dict[str, Any]


@dataclass
class ImportReport:
    """The outcome of validating (and possibly applying) an import file.

    ``ok`` is true when no errors were found. ``created`` counts the rows applied
    (0 for a dry run or when anything was wrong: then nothing was written).
    """

    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0
    created: int = 0
    dry_run: bool = False
    applied: bool = False
    rows: list[ParsedRow] = field(default_factory=list, repr=False)
    spec: ImportSpec | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, row: int | None, field: str | None, message: Any) -> None:
        heading = self.spec.heading(field) if self.spec else field
        self.errors.append(
            RowError(row=row, field=field, message=str(message), heading=heading)
        )

    def summary(self) -> str:
        if self.errors:
            errors = len(self.errors)
            return _("%(errors)s in %(rows)s; nothing was imported.") % {
                "errors": ngettext("%(n)s error", "%(n)s errors", errors)
                % {"n": errors},
                "rows": ngettext("%(n)s row", "%(n)s rows", self.row_count)
                % {"n": self.row_count},
            }
        if self.dry_run:
            return ngettext(
                "The one row is valid (check only: nothing was imported).",
                "All %(rows)s rows are valid (check only: nothing was imported).",
                self.row_count,
            ) % {"rows": self.row_count}
        return ngettext(
            "Imported %(created)s row.", "Imported %(created)s rows.", self.created
        ) % {"created": self.created}

    def as_text(self) -> str:
        """The summary line, then one line per error (for management commands)."""
        return "\n".join([self.summary(), *(f"  {error}" for error in self.errors)])

    def __str__(self) -> str:
        return self.as_text()


# --- Reading files ---------------------------------------------------------------------


def max_upload_bytes() -> int:
    """The largest file an import takes (``REGIOWERK_IMPORT_MAX_MB``)."""
    return int(settings.REGIOWERK_IMPORT_MAX_MB) * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read as a table (empty, wrong type, not UTF-8, corrupt)."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cell texts)


def _read_source(source: ImportSource, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, str | Path):
        path = Path(source)
        return path.read_bytes(), filename or path.name
    if isinstance(source, bytes):
        return source, filename or ""
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read()
    if isinstance(data, str):  # a text-mode file: re-encode, decoding happens below
        data = data.encode("utf-8")
    return data, filename or str(getattr(source, "name", "") or "")


def read_table(source: ImportSource, *, filename: str | None = None) -> Table:
    """Read a .csv (UTF-8, with or without BOM; ``;`` or ``,``) or .xlsx (first sheet).

    The first non-empty row is the header. Empty rows are skipped. Every cell comes
    back as stripped text. Raises ImportFileError with a reason.
    """
    data, name = _read_source(source, filename)
    extension = Path(name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise ImportFileError(_("Unsupported file type: upload a .csv or .xlsx file."))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    lines = _read_xlsx(data) if extension == ".xlsx" else _read_csv(data)
    numbered = [(n, cells) for n, cells in lines if any(cells)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    (_header_number, header), *rows = numbered
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # spreadsheets often carry empty trailing header cells
    header = header[:width]
    if len(rows) > MAX_DATA_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows; split it into smaller files.")
            % {"max": MAX_DATA_ROWS}
        )
    return Table(header=header, rows=rows)


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")
        ) from exc
    first_line = text.split("\n", 1)[0]
    # Dutch Excel writes ';' (the comma is the decimal separator); others write ','.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, [cell.strip() for cell in cells]) for cells in reader]
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file is malformed near line %(line)s.")
            % {"line": reader.line_num}
        ) from exc


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported here: only Excel imports need it

    not_excel = _("The file is not a valid Excel (.xlsx) file.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(not_excel) from exc
    if unpacked > XLSX_UNPACKED_FACTOR * max_upload_bytes():
        raise ImportFileError(
            _("The Excel file is too large when unpacked; split it into smaller files.")
        )
    # openpyxl raises many kinds of exception on a damaged file (a cut-off or malformed
    # XML part, a bad zip stream, forbidden XML entities, odd cell types), while the
    # workbook is opened and while its rows are read: each means "not a valid .xlsx".
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; irrelevant here
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                return [
                    (number, [_cell_text(value) for value in values])
                    for number, values in enumerate(
                        sheet.iter_rows(values_only=True), start=1
                    )
                ]
            finally:
                workbook.close()
    except Exception as exc:  # any of those (see above)
        raise ImportFileError(not_excel) from exc


# --- Validating ------------------------------------------------------------------------


def _messages(exc: ValidationError) -> list[tuple[str | None, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (None if name == "__all__" else name, message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [(None, message) for message in exc.messages]


def _check_header(
    table: Table, spec: ImportSpec, report: ImportReport
) -> dict[str, int]:
    known = {
        heading: column.name for column in spec.columns for heading in column.headings()
    }
    positions: dict[str, int] = {}
    for index, raw in enumerate(table.header):
        name = known.get(_heading_key(raw))
        if not raw.strip():
            report.add(1, None, _("Column %(n)s has no name.") % {"n": index + 1})
        elif name is None:
            report.add(1, raw, _("Unknown column."))
        elif name in positions:
            report.add(1, name, _("This column appears more than once."))
        else:
            positions[name] = index
    for column in spec.columns:
        if column.required and column.name not in positions:
            report.add(1, column.name, _("Required column is missing."))
    return positions


def validate_rows(table: Table, spec: ImportSpec) -> ImportReport:
    """Check the header and every row against ``spec``; collect all errors.

    The returned report carries the parsed rows (``report.rows``) for applying.
    """
    report = ImportReport(row_count=len(table.rows), spec=spec)
    positions = _check_header(table, spec, report)
    if not report.ok:
        return report  # with wrong columns, every row would repeat the same error
    if not table.rows:
        report.add(None, None, _("The file has a header but no data rows."))
        return report
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        row_ok = True
        for column in spec.columns:
            index = positions.get(column.name)
            text = (
                cells[index].strip() if index is not None and index < len(cells) else ""
            )
            if "\x00" in text:  # PostgreSQL cannot store it; SQLite would
                report.add(number, column.name, _("The cell contains a NUL character."))
                row_ok = False
                continue
            if not text:
                if column.required:
                    report.add(number, column.name, _("This field is required."))
                    row_ok = False
                values[column.name] = column.default
                continue
            try:
                values[column.name] = column.parse(text)
            except ValidationError as exc:
                for _field, message in _messages(exc):
                    report.add(number, column.name, message)
                row_ok = False
        if len(cells) > len(table.header) and any(cells[len(table.header) :]):
            report.add(number, None, _("The row has more cells than the header."))
            row_ok = False
        if row_ok and spec.check_row is not None:
            try:
                spec.check_row(values)
            except ValidationError as exc:
                for name, message in _messages(exc):
                    report.add(number, name, message)
                row_ok = False
        if row_ok:
            report.rows.append(ParsedRow(number=number, values=values))
    return report


def validate_file(
    source: ImportSource, spec: ImportSpec, *, filename: str | None = None
) -> ImportReport:
    """Read and validate a file; file-level problems come back as report errors."""
    try:
        table = read_table(source, filename=filename)
    except ImportFileError as exc:
        report = ImportReport(spec=spec)
        report.add(None, None, str(exc))
        return report
    return validate_rows(table, spec)


# --- Applying --------------------------------------------------------------------------

ApplyRow = Callable[[dict[str, Any]], object]


def run_import(
    source: ImportSource,
    spec: ImportSpec,
    apply_row: ApplyRow,
    *,
    dry_run: bool = False,
    filename: str | None = None,
) -> ImportReport:
    """Validate ``source`` against ``spec``; when every row is valid, apply them all.

    ``apply_row(values)`` writes one row (normally by calling an action). All rows are
    applied in one transaction: if any row raises ``ValidationError`` (or a database
    error), that row's error is reported, the remaining rows are still tried so the
    report is complete, and then everything is rolled back. With ``dry_run`` ("check
    only") the rows are applied the same way and then always rolled back, so the check
    finds everything the real import would refuse (a duplicate, an unknown reference).
    Other exceptions roll back and propagate.
    """
    report = validate_file(source, spec, filename=filename)
    report.dry_run = dry_run
    if not report.ok:
        return report
    with transaction.atomic():
        for row in report.rows:
            try:
                with transaction.atomic():  # savepoint: a failed row leaves no trace
                    apply_row(row.values)
            except ValidationError as exc:
                for name, message in _messages(exc):
                    report.add(row.number, name, message)
            except DatabaseError:
                report.add(
                    row.number,
                    None,
                    _("The row conflicts with data that already exists."),
                )
            else:
                report.created += 1
        if not report.ok or dry_run:
            transaction.set_rollback(True)  # all or nothing; a check writes nothing
            report.created = 0
            return report
    report.applied = True
    return report


# --- Parsers for column specs ----------------------------------------------------------
# Each returns a function str -> value that raises ValidationError with a reason that
# does not repeat the value.


def text(*, max_length: int | None = None) -> Parser:
    def parse(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise ValidationError(
                _("Use at most %(max)s characters.") % {"max": max_length}
            )
        return value

    return parse


def integer(*, min_value: int | None = None, max_value: int | None = None) -> Parser:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError as exc:
            raise ValidationError(_("Enter a whole number.")) from exc
        if min_value is not None and number < min_value:
            raise ValidationError(
                _("Enter a number of at least %(min)s.") % {"min": min_value}
            )
        if max_value is not None and number > max_value:
            raise ValidationError(
                _("Enter a number of at most %(max)s.") % {"max": max_value}
            )
        return number

    return parse


_AMOUNT = re.compile(r"^(?:€\s*)?(\d{1,3}(?:[.\s]?\d{3})*|\d+)(?:[.,](\d{1,2}))?$")


def amount_in_cents(value: str) -> int:
    """A euro amount (``1.250,50``, ``1250.5``, ``€ 300``) as integer cents, >= 0."""
    compact = value.strip().removesuffix(",-")  # "€ 300,-" is how prices are written
    # One separator followed by exactly 3 digits at the end is a thousands separator
    # ("1.250"), one followed by 1-2 digits is the decimal separator ("12,50").
    match = _AMOUNT.match(compact)
    if match is None:
        raise ValidationError(
            _("Enter an amount in euros, such as 1250 or 1.250,50, not negative.")
        )
    whole = re.sub(r"[.\s]", "", match.group(1))
    cents = (match.group(2) or "0").ljust(2, "0")
    return int(whole) * 100 + int(cents)


def date_value(value: str) -> dt.date:
    """A date as YYYY-MM-DD (what Excel exports) or DD-MM-YYYY / DD/MM/YYYY (Dutch)."""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise ValidationError(_("Enter a valid date as YYYY-MM-DD or DD-MM-YYYY."))


_TRUE = {"1", "true", "yes", "y", "ja", "j", "waar", "x"}
_FALSE = {"0", "false", "no", "n", "nee", "onwaar"}


def boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValidationError(_("Enter yes or no (ja/nee)."))


def _choice_lookup(choices: type[TextChoices]) -> Mapping[str, str]:
    """Codes, labels in the active language and English source labels -> code."""
    lookup: dict[str, str] = {}
    for language in (None, "nl"):  # the English source labels, the Dutch ones
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).lower()] = str(value)
    for value, label in choices.choices:
        lookup[str(label).lower()] = str(value)
        lookup[str(value).lower()] = str(value)
    return lookup


def choice(choices: type[TextChoices]) -> Parser:
    """One of ``choices``, by code or by (translated) label, case-insensitive."""

    def parse(value: str) -> str:
        found = _choice_lookup(choices).get(value.lower())
        if found is None:
            raise ValidationError(
                _("Not a known option; use one of: %(options)s.")
                % {"options": option_labels(choices)}
            )
        return found

    return parse


def option_labels(choices: type[TextChoices]) -> str:
    """The options of ``choices`` as a user writes them: labels, in the active language."""
    return ", ".join(str(label) for label in choices.labels)


def one_of(choices: type[TextChoices]) -> Any:
    """A column's help text: its options, by label, translated when shown."""
    return format_lazy(gettext_lazy("one of: {}"), lazy(option_labels, str)(choices))


def several_of(choices: type[TextChoices]) -> Any:
    """The help text of a column that takes several options (:func:`multi_choice`)."""
    return format_lazy(
        gettext_lazy("several separated by |: {}"), lazy(option_labels, str)(choices)
    )


def labelled(model: type[Model], columns: Iterable[Column]) -> list[Column]:
    """``columns`` headed by the model's field names as users see them (the field's
    verbose name), where a column has no label of its own and the model the field."""
    fields = {f.name: f for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
    return [
        replace(c, label=fields[c.name].verbose_name)
        if c.label is None and c.name in fields
        else c
        for c in columns
    ]


def email(value: str) -> str:
    """An e-mail address, checked as the forms check it."""
    validate_email(value)
    return value


def multi_choice(choices: type[TextChoices], *, separator: str = "|") -> Parser:
    """Several of ``choices`` in one cell, separated by ``separator`` (or ``,``/``;``)."""
    single = choice(choices)

    def parse(value: str) -> list[str]:
        parts = [p.strip() for p in re.split(rf"[{re.escape(separator)},;]", value)]
        result: list[str] = []
        for part in parts:
            if part:
                code = single(part)
                if code not in result:
                    result.append(code)
        return result

    return parse


def describe_columns(columns: Iterable[Column]) -> str:
    """Plain-text column documentation (for ``--help`` of import commands)."""
    required = gettext_lazy("required")
    optional = gettext_lazy("optional")
    return "\n".join(
        f"  {c.name} ({required if c.required else optional})"
        + (f": {c.help_text}" if c.help_text else "")
        for c in columns
    )


# --- Templates -------------------------------------------------------------------------


def template_csv(spec: ImportSpec) -> bytes:
    """An empty import file: the header row, as Dutch Excel opens it (``;``, UTF-8 BOM)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerow(c.heading for c in spec.columns)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(spec: ImportSpec) -> bytes:
    """An empty import workbook: the header row on the first sheet (which the import
    reads), and a second sheet explaining every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    data = workbook.active
    data.title = str(gettext_lazy("Data"))
    data.append([c.heading for c in spec.columns])
    explanation = workbook.create_sheet(str(gettext_lazy("Explanation")))
    explanation.append(
        [
            str(gettext_lazy("Column")),
            str(gettext_lazy("Required")),
            str(gettext_lazy("Explanation")),
        ]
    )
    for heading, required, help_text in spec.describe():
        explanation.append(
            [
                heading,
                str(gettext_lazy("yes") if required else gettext_lazy("no")),
                help_text,
            ]
        )
    for sheet in (data, explanation):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 80)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
