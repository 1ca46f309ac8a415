"""The data export as the person reads it: words, not ids and codes (AVG art. 15).

The machine-readable export (``actions.export_person``) gives every field as stored:
primary keys, choice codes, foreign keys, ISO dates. :func:`readable` turns the same
kind of rows (``contributions.rows``, keyed by model label, children under
``"related"``) into titled parts of records whose fields are named by the model's
Dutch verbose names, with choice labels, the names of related records (organisations,
services, events, employers, users) instead of their keys, dates written out and
yes/no for booleans. Internal keys (the record's own id, its version, the link to the
person or to the record it hangs under) are left out, and so are empty values.

Names of related records are fetched in one query per related model for the whole
export, so the number of queries does not grow with the number of records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from regiowerk.people.constants import INTAKE_QUESTIONS
from regiowerk.people.rules import AnswerKind

HIDDEN_FIELDS = frozenset({"version", "updated_at"})


@dataclass(frozen=True)
class ExportRecord:
    """One record: its fields (Dutch name → readable value) and what hangs under it."""

    fields: dict[str, str]
    parts: list[ExportPart] = field(default_factory=list)


@dataclass(frozen=True)
class ExportPart:
    """A titled list of records ("Toestemmingen", "Inschrijvingen")."""

    title: str
    records: list[ExportRecord]


@dataclass(frozen=True)
class ReadableExport:
    """Everything held about a person, as the person reads it."""

    title: str
    exported_at: str
    exported_by: str
    sections: list[ExportPart]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


RawRows = Sequence[Mapping[str, Any]]


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _hidden(model: type[models.Model], parent: type[models.Model] | None) -> set[str]:
    """The attnames not shown: keys, versions, the link to the person or the parent."""
    person = apps.get_model("people", "Person")
    hidden = {model._meta.pk.attname, *HIDDEN_FIELDS}
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model in (person, parent):
            hidden.add(f.attname)
    return hidden


def _walk(
    label: str, rows: RawRows, parent: type[models.Model] | None = None
) -> Iterable[tuple[type[models.Model], Mapping[str, Any], set[str]]]:
    """``(model, row, hidden attnames)`` of every row at any depth."""
    model = _model(label)
    hidden = _hidden(model, parent) if model is not None else set()
    for row in rows:
        if model is not None:
            yield model, row, hidden
        for child_label, children in row.get("related", {}).items():
            yield from _walk(child_label, children, model)


def _display(obj: models.Model) -> str:
    if isinstance(obj, get_user_model()):
        return str(obj.get_full_name() or obj.get_username())
    for name in ("title", "name"):
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            return value
    return str(obj)


def _names(parts: Mapping[str, RawRows]) -> dict[Any, dict[Any, str]]:
    """The display names of every record the rows refer to: one query per model."""
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for label, rows in parts.items():
        for model, row, hidden in _walk(label, rows):
            for f in model._meta.concrete_fields:
                value = row.get(f.attname)
                if f.is_relation and f.attname not in hidden and value is not None:
                    wanted[f.related_model].add(value)
    return {
        related: {
            obj.pk: _display(obj) for obj in related._default_manager.filter(pk__in=ids)
        }
        for related, ids in wanted.items()
    }


def value_text(value: Any) -> str:
    """A plain value as text: yes/no, dates written out in the active language."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _field_text(f: models.Field[Any, Any], value: Any, names: Mapping[Any, Any]) -> str:
    if f.is_relation:
        return str(names.get(f.related_model, {}).get(value, ""))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    return value_text(value)


def _record(
    model: type[models.Model] | None,
    row: Mapping[str, Any],
    names: Mapping[Any, Any],
    hidden: set[str],
) -> ExportRecord:
    fields: dict[str, str] = {}
    by_attname = (
        {f.attname: f for f in model._meta.concrete_fields} if model is not None else {}
    )
    for key, value in row.items():
        if key == "related" or key in hidden or _empty(value):
            continue
        f = by_attname.get(key)
        if f is None:  # not a field: a key the exporter already named
            fields[capfirst(str(key))] = value_text(value)
            continue
        text = _field_text(f, value, names)
        if text:
            fields[capfirst(str(f.verbose_name))] = text
    parts = [
        _part(label, children, names, parent=model)
        for label, children in row.get("related", {}).items()
        if children
    ]
    return ExportRecord(fields=fields, parts=parts)


def _part(
    label: str,
    rows: RawRows,
    names: Mapping[Any, Any],
    *,
    parent: type[models.Model] | None = None,
) -> ExportPart:
    model = _model(label)
    if model is None:  # rows an exporter named itself: the label is the title
        return ExportPart(
            title=capfirst(label),
            records=[_record(None, r, names, set()) for r in rows],
        )
    hidden = _hidden(model, parent)
    return ExportPart(
        title=capfirst(str(model._meta.verbose_name_plural)),
        records=[_record(model, row, names, hidden) for row in rows],
    )


def readable(
    parts: Mapping[str, RawRows], *, titles: Mapping[str, str] | None = None
) -> list[ExportPart]:
    """Readable parts of ``parts`` (rows per model label, in the order given), titled
    by the model's plural name or by ``titles[label]``; a label that is not a model is
    used as the part's title, its rows' keys as field names."""
    names = _names(parts)
    found = [
        (label, _part(label, rows, names)) for label, rows in parts.items() if rows
    ]
    return [
        ExportPart(title=titles[label], records=part.records)
        if titles and label in titles
        else part
        for label, part in found
    ]


def intake_rows(intake: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(question, answer) for the answered intake questions, in question order."""
    rows: list[tuple[str, Any]] = []
    for question in INTAKE_QUESTIONS:
        value = intake.get(question.key)
        if value is None or value == "":
            continue
        if question.kind is AnswerKind.BOOLEAN:
            value = _("Yes") if value else _("No")
        rows.append((str(question.label), value))
    return rows
