"""Excel workbooks from plain rows (monitoring's reports, placements' durability
export): one sheet per section, numbers as numbers, money (:class:`Euros`) in the
euro format, dates as dates, a table's header bold and frozen."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from openpyxl import Workbook
from openpyxl.styles import Font

EURO_FORMAT = '"€" #,##0.00'
DATE_FORMAT = "dd-mm-yyyy"


@dataclass(frozen=True)
class Euros:
    """An amount of money for a sheet: written in euros with the euro format."""

    cents: int


def euro_amount(cents: int | None) -> Euros | None:
    return None if cents is None else Euros(cents)


def _cell(value: Any) -> tuple[Any, str | None]:
    """A value as openpyxl takes it, and its number format."""
    if isinstance(value, Euros):
        return Decimal(value.cents) / 100, EURO_FORMAT
    if isinstance(value, Promise):
        return str(value), None
    if isinstance(value, datetime):
        # Excel has no time zones: the local time the pages show (stored times are UTC)
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None), "dd-mm-yyyy hh:mm"
    if isinstance(value, date):
        return value, DATE_FORMAT
    return value, None


Sheet = tuple[str, list[list[Any]], bool]  # title, rows, whether the first is a header


def workbook(sheets: list[Sheet]) -> bytes:
    """An Excel workbook, one sheet per section: numbers as numbers, money (``Euros``)
    in the euro format, dates as dates; a table's header bold and frozen."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, has_header in sheets:
        sheet = book.create_sheet(str(title)[:31])
        for row in rows:
            sheet.append([None] * len(row))
            for cell, value in zip(sheet[sheet.max_row], row, strict=True):
                cell.value, number_format = _cell(value)
                if number_format:
                    cell.number_format = number_format
        if has_header:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
