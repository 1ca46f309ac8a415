"""Figures published once per calendar month, for readers who see aggregates only.

An analyst who compares a figure before and after one registration learns about that
person (a count of participants with an occupational disability goes 12 → 13), however
small cells are hidden. People's overviews therefore show counts *published per
calendar month* (``people.PublishedOverview``); this is the same mechanism for any app:
the first look in a month counts the figures and stores them (``PublishedFigures``);
every later look that month gets the same figures and the day they were counted. A
registration shows up only in next month's figures, among all of that month's changes.

The figures an app publishes for one scope must be counted together, at that first
look, including those the reader has not asked for yet (every period of a report,
every split of a chart): a figure counted at its own first look later in the month
would differ from one counted earlier, and the difference would give a registration
away. Only a figure that did not exist at the first look (an indicator defined since)
is counted when it is first asked for.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from regiowerk.common.models import PublishedFigures


@dataclass(frozen=True)
class Published:
    figures: dict[str, Any]  # by key, as counted
    counted_on: date  # the day they were counted (the month's first look)


def published(
    scope: str,
    *,
    keys: Collection[str],
    count: Callable[[Collection[str]], dict[str, Any]],
    today: date | None = None,
) -> Published:
    """The figures ``keys`` of ``scope`` as published for ``today``'s month: at the
    month's first look ``count(keys)`` (JSON-serialisable values by key) is stored;
    later looks read the stored figures. A key not stored yet is counted (with the
    others missing) and added."""
    month = (today or timezone.localdate()).replace(day=1)
    with transaction.atomic():
        row, _created = PublishedFigures.objects.select_for_update().get_or_create(
            scope=scope, month=month
        )
        missing = [key for key in keys if key not in row.figures]
        if missing:
            row.figures = {**row.figures, **count(missing)}
            row.save(update_fields=["figures"])
    return Published(row.figures, timezone.localdate(row.counted_at))
