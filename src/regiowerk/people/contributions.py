"""What other apps keep about a person: one explicit registry instead of reflection.

``people`` sits below the apps that refer to a person (services, matching, later
placements and vouchers) and must not import them. Each such app declares, in its
``AppConfig.ready()``, a :class:`Contribution`: the models that name a person, how to
export what they hold (GDPR art. 15/20), how to erase it (art. 17), and what it adds to
the dossier page (a table of rows and/or links). Export, erasure and the dossier page
iterate :func:`registered`; the system check :func:`check_contributions` (id
``regiowerk.E001``, registered by ``PeopleConfig.ready()``) fails when a model with a
foreign key to ``Person`` is covered by no contribution, so a new app cannot forget one.

    from regiowerk.people import contributions

    class ServicesConfig(AppConfig):
        def ready(self) -> None:
            from regiowerk.services import privacy  # models are loaded by now

            contributions.register(
                contributions.Contribution(
                    app_label="services",
                    title=_("Services and events"),
                    models=("services.Enrolment", "services.EventRegistration"),
                    export=privacy.export_person_records,
                    erase=privacy.erase_person_records,
                    dossier_section=privacy.dossier_section,
                    dossier_links=privacy.dossier_links,
                )
            )

An exporter returns rows per model label, the shape of the export's ``other_records``
(``people.export.readable`` turns the same rows into the export the person reads)::

    def export_person_records(person):
        return {
            "services.enrolment": contributions.rows(
                Enrolment.objects.filter(person=person).order_by("pk"),
                children={"services.attendance": (
                    Attendance.objects.filter(enrolment__person=person).order_by("pk"),
                    "enrolment_id",
                )},
            ),
        }
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core import checks
from django.db import models
from django.utils.functional import Promise

if TYPE_CHECKING:
    from regiowerk.organisations.queries import Actor
    from regiowerk.people.models import Person


@dataclass(frozen=True)
class DossierLink:
    """A link another app adds to the dossier page (e.g. "Aanmelden voor een dienst")."""

    label: str | Promise
    url: str


@dataclass(frozen=True)
class DossierSection:
    """A table another app adds to the dossier page, after the dossiers.

    ``anchor`` is the section's HTML id (also linked from the page's table of contents);
    ``rows`` hold display strings, already formatted (dates with
    ``django.utils.formats.date_format``), one per column; the first cell heads its row.
    ``empty`` is shown instead of the table when there are no rows. ``row_urls``, when
    given, holds one URL per row (or "") that the row's first cell links to.
    """

    anchor: str
    title: str | Promise
    columns: Sequence[str | Promise]
    rows: Sequence[Sequence[str]]
    empty: str | Promise
    row_urls: Sequence[str] = ()

    def linked_rows(self) -> list[tuple[str, Sequence[str]]]:
        """``(url, cells)`` per row; the url is "" when the row links nowhere."""
        urls = list(self.row_urls) + [""] * (len(self.rows) - len(self.row_urls))
        return list(zip(urls, self.rows, strict=False))


Rows = dict[str, list[dict[str, Any]]]
Exporter = Callable[["Person"], Rows]
Eraser = Callable[["Person"], None]
LinkMaker = Callable[["Actor", "Person"], Iterable[DossierLink]]
SectionMaker = Callable[["Actor", "Person"], DossierSection | None]


def _no_links(actor: "Actor", person: "Person") -> list[DossierLink]:
    return []


def _no_section(actor: "Actor", person: "Person") -> None:
    return None


@dataclass(frozen=True)
class Contribution:
    """What one app keeps about a person and how the person's rights reach it.

    ``models`` are ``"app_label.ModelName"`` strings of every model of the app with a
    foreign key to ``Person`` (directly). ``export(person)`` returns JSON-serialisable
    rows per model label (``"services.enrolment"``; :func:`rows` makes them); empty
    lists are left out of the export. ``erase(person)`` removes or blanks what
    identifies the person, in the caller's transaction, and must be idempotent.
    ``dossier_section(actor, person)`` gives the table shown on the dossier page to
    every reader of the person (or None); ``dossier_links(actor, person)`` the links
    shown under it to that reader: a link to a page that changes the person only when
    ``access.may_change_person`` allows it (the link maker checks; the page behind it
    checks again).
    """

    app_label: str
    title: str | Promise
    models: tuple[str, ...]
    export: Exporter
    erase: Eraser
    dossier_section: SectionMaker = field(default=_no_section)
    dossier_links: LinkMaker = field(default=_no_links)


_registry: dict[str, Contribution] = {}


def register(contribution: Contribution) -> None:
    """Record ``contribution`` (from an ``AppConfig.ready()``). Registering the same
    app again replaces its entry (``ready()`` may run more than once in tests)."""
    _registry[contribution.app_label] = contribution


def registered() -> list[Contribution]:
    """The registered contributions, in app-label order (a stable export order)."""
    return [_registry[label] for label in sorted(_registry)]


@dataclass(frozen=True)
class DossierPart:
    """One contribution's part of the dossier page: a section headed ``title`` (id
    ``anchor``) with the contribution's table, if any, and its links."""

    anchor: str
    title: str | Promise
    section: DossierSection | None
    links: list[DossierLink]


def dossier_parts(actor: "Actor", person: "Person") -> list[DossierPart]:
    """What the registered contributions add to ``person``'s dossier page for
    ``actor``, who has read the person."""
    parts = []
    for contribution in registered():
        section = contribution.dossier_section(actor, person)
        links = list(contribution.dossier_links(actor, person))
        if section is None and not links:
            continue
        parts.append(
            DossierPart(
                anchor=section.anchor if section else contribution.app_label,
                title=section.title if section else contribution.title,
                section=section,
                links=links,
            )
        )
    return parts


def rows(
    queryset: models.QuerySet[Any],
    *,
    children: Mapping[str, tuple[models.QuerySet[Any], str]] | None = None,
) -> list[dict[str, Any]]:
    """Plain values of every concrete field of ``queryset``'s model, minus anything
    BSN- or password-related, for an export. Records that hang off these (an
    enrolment's attendance) go under ``"related"`` when any exist: ``children`` maps
    a label to ``(queryset, foreign key attname)`` — all of them in one query per
    label, whatever the number of rows. Order the querysets: an export is compared
    across requests."""
    found = _values(queryset)
    if not found or not children:  # no parents: no children to look for
        return found
    grouped: dict[str, dict[Any, list[dict[str, Any]]]] = {}
    for label, (child_queryset, key) in children.items():
        by_parent: dict[Any, list[dict[str, Any]]] = {}
        for child in _values(child_queryset):
            by_parent.setdefault(child[key], []).append(child)
        grouped[label] = by_parent
    pk = queryset.model._meta.pk.attname
    result = []
    for row in found:
        nested = {
            label: by_parent[row[pk]]
            for label, by_parent in grouped.items()
            if by_parent.get(row[pk])
        }
        result.append({**row, "related": nested} if nested else row)
    return result


def _values(queryset: models.QuerySet[Any]) -> list[dict[str, Any]]:
    names = [
        f.attname
        for f in queryset.model._meta.concrete_fields
        if "bsn" not in f.name and "password" not in f.name
    ]
    return list(queryset.values(*names))


def covered_models() -> set[str]:
    return {label.lower() for c in _registry.values() for label in c.models}


def models_naming_a_person() -> list[type[models.Model]]:
    """Every installed model (outside ``people``) with a foreign key to ``Person``."""
    person = apps.get_model("people", "Person")
    found = []
    for model in apps.get_models():
        if model._meta.app_label == "people":
            continue
        if any(
            isinstance(f, models.ForeignKey | models.OneToOneField)
            and f.related_model is person
            for f in model._meta.get_fields()
        ):
            found.append(model)
    return found


def check_contributions(**kwargs: Any) -> list[checks.CheckMessage]:
    """regiowerk.E001: a model names a person but no app registered a contribution for
    it, so export and erasure would silently miss it. ``PeopleConfig.ready()``
    registers this check (tag ``models``)."""
    covered = covered_models()
    return [
        checks.Error(
            f"{model._meta.label} has a foreign key to Person but no registered "
            "contribution covers it: export and erasure would miss it.",
            hint=(
                "Register a people.contributions.Contribution listing it in "
                f"the {model._meta.app_label} app's AppConfig.ready()."
            ),
            obj=model,
            id="regiowerk.E001",
        )
        for model in models_naming_a_person()
        if model._meta.label_lower not in covered
    ]
