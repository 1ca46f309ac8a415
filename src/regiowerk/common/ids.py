"""Ids from untrusted text (headers, form fields, query strings).

Every id and count column is at most a signed 64-bit integer; a larger number from a
request must be refused as "no such record", not reach the database (SQLite raises
OverflowError, PostgreSQL an out-of-range error).
"""

MAX_ID = 2**63 - 1
MIN_ID = -(2**63)


def parse_id(raw: object) -> int | None:
    """``raw`` as a positive id that fits a 64-bit column, else None."""
    text = str(raw or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def fits_an_id_column(number: int) -> bool:
    """Whether ``number`` fits a signed 64-bit column (a larger one names no row)."""
    return MIN_ID <= number <= MAX_ID
