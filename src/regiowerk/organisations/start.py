"""The start page's worklist: panels the apps above register, one explicit registry.

``organisations`` serves the start page but sits below the apps whose work it lists
(people, services, employers, matching) and must not import them. Each such app
registers, in its ``AppConfig.ready()``, the panels it adds: a function that takes the
actor and today's date and returns a :class:`StartPanel` for that actor, or None when
the panel is not for them (decided by role)::

    from regiowerk.organisations import start

    class PeopleConfig(AppConfig):
        def ready(self) -> None:
            from regiowerk.people import worklist

            start.register("people-caseload", 10, worklist.caseload_panel)

A panel maker runs a fixed number of queries whatever the number of rows (the start
page's query count is asserted in tests), limits its rows itself, and reads personal
data only through ``people.access`` (``read_records`` logs the rows it shows).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from regiowerk.organisations.queries import Actor

Text = str | Promise


@dataclass(frozen=True)
class StartRow:
    """One line of a panel: ``label`` (linked to ``url`` when given) and a short
    ``detail`` after it (a date, a status, a count), already formatted."""

    label: Text
    url: str = ""
    detail: Text = ""


@dataclass(frozen=True)
class StartPanel:
    """A panel of the start page, headed ``title`` (HTML id ``anchor``).

    ``count`` is the total the panel stands for (may exceed the rows shown; None: no
    count); ``empty`` is shown instead of rows when there are none; ``links`` go to
    the full list or overview (label, url).
    """

    anchor: str
    title: Text
    rows: Sequence[StartRow]
    empty: Text = ""
    count: int | None = None
    links: Sequence[tuple[Text, str]] = field(default_factory=tuple)
    note: Text = ""


PanelMaker = Callable[["Actor", date], StartPanel | None]


@dataclass(frozen=True)
class _Registration:
    key: str
    order: int
    make: PanelMaker


_registry: dict[str, _Registration] = {}


def register(key: str, order: int, make: PanelMaker) -> None:
    """Record the panel ``key`` (from an ``AppConfig.ready()``); panels show in
    ``order``. Registering a key again replaces it (``ready()`` may run twice)."""
    _registry[key] = _Registration(key=key, order=order, make=make)


def registered() -> list[str]:
    """The registered panel keys, in page order."""
    return [r.key for r in sorted(_registry.values(), key=lambda r: (r.order, r.key))]


def panels_for(actor: "Actor", today: date) -> list[StartPanel]:
    """The panels for ``actor`` on ``today``, in page order (makers returning None
    are left out)."""
    panels = []
    for key in registered():
        panel = _registry[key].make(actor, today)
        if panel is not None:
            panels.append(panel)
    return panels
