"""Pure rules for employers and vacancies (no Django)."""

import re
from datetime import date

_KVK = re.compile(r"^\d{8}$")
# What a form or API may send: the 8 digits with the spaces and dots people type
KVK_NUMBER_INPUT = r"^[\s.]*(?:\d[\s.]*){8}$"


def normalise_kvk_number(value: str) -> str:
    """Strip spaces and dots that people type into KvK numbers."""
    return re.sub(r"[\s.]", "", value or "")


def is_valid_kvk_number(value: str) -> bool:
    """A Chamber of Commerce (KvK) number: exactly eight digits, not all zero.

    KvK numbers carry no public check digit since 2016, so the format is all we can check.
    """
    return bool(_KVK.match(value)) and value != "00000000"


def size_class_for(employees: int) -> str:
    """The SME size class for a number of employees."""
    if employees < 0:
        raise ValueError("employees must not be negative")
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    if employees < 250:
        return "medium"
    return "large"


def hours_are_valid(hours_min: int, hours_max: int) -> bool:
    """Hours per week: 1 to 60 and min not above max."""
    return 1 <= hours_min <= hours_max <= 60


def is_open_on(*, opens_on: date, closes_on: date | None, day: date) -> bool:
    """A vacancy is open from its opening date up to and including its closing date."""
    return opens_on <= day and (closes_on is None or day <= closes_on)
