"""Occupations, skills and the relations between them: the engine's reference data.

A :class:`Taxonomy` is an immutable, in-memory view of a classification such as
ESCO (European Skills, Competences, Qualifications and Occupations). It is built
in one of three ways:

* :meth:`Taxonomy.from_rows` from plain Python rows (tests, the Django adapter);
* :meth:`Taxonomy.from_esco` from folders laid out like the official ESCO CSV
  download, in any version and language;
* :meth:`Taxonomy.load` from the compact file written by :meth:`Taxonomy.save`.

URIs are the identity of every concept. Labels are for people, so they come from
the first folder (language) that has one, with later folders as fallback::

    Taxonomy.from_esco("esco/v1.2.1/nl", "esco/v1.1.1/en")
    # Dutch occupation labels, English skills + relations, Dutch skill labels
    # wherever the Dutch folder's skill collections have them.

Labels that a later folder has for a concept that already has a label are kept
in ``translations`` (used for search, never for display).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["Occupation", "Skill", "Taxonomy"]

_ISCO_URI_PREFIX = "http://data.europa.eu/esco/isco/C"
_ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
_FORMAT = "skillmatch-taxonomy"
_FORMAT_VERSION = 1
_RELATION_TYPES = ("essential", "optional")
_UNIT_GROUP_DIGITS = 4  # ISCO-08 unit groups ("8322") are the leaves of the hierarchy

# ESCO CSV fields can hold very long descriptions; the stdlib default is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class Occupation:
    """An occupation (job) in the taxonomy.

    Attributes:
        uri: Stable identifier, e.g. ``http://data.europa.eu/esco/occupation/…``.
        label: Preferred label, from the first language that has one.
        alt_labels: Alternative labels (synonyms, gendered forms) in that language.
        hidden_labels: Search-only labels (misspellings, outdated terms).
        isco_group: 4-digit ISCO-08 unit group code, e.g. ``"8322"``; ``""`` if unknown.
        description: Free-text description in the label's language; may be empty.
        translations: Labels from later sources (usually other languages), kept for
            search; never shown as the name of the occupation.
    """

    uri: str
    label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    isco_group: str = ""
    description: str = ""
    translations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill, competence or knowledge item (or, in ``skill_groups``, a group of them).

    Attributes:
        uri: Stable identifier, e.g. ``http://data.europa.eu/esco/skill/…``.
        label: Preferred label, from the first language that has one.
        skill_type: ``"skill/competence"``, ``"knowledge"`` or ``""``.
        reuse_level: ``"transversal"``, ``"cross-sector"``, ``"sector-specific"``,
            ``"occupation-specific"`` or ``""``.
        alt_labels: Alternative labels in the label's language.
        translations: Labels from later sources (usually other languages).
    """

    uri: str
    label: str
    skill_type: str = ""
    reuse_level: str = ""
    alt_labels: tuple[str, ...] = ()
    translations: tuple[str, ...] = ()


@dataclass(slots=True)
class _Builder:
    """Mutable accumulator used while reading rows; frozen into a Taxonomy at the end."""

    occupations: dict[str, Occupation] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    skill_groups: dict[str, Skill] = field(default_factory=dict)
    isco_groups: dict[str, str] = field(default_factory=dict)
    relations: dict[tuple[str, str], str] = field(default_factory=dict)
    skill_broader: dict[tuple[str, str], None] = field(default_factory=dict)
    occupation_broader: dict[tuple[str, str], None] = field(default_factory=dict)

    def add_occupation(self, occ: Occupation) -> None:
        old = self.occupations.get(occ.uri)
        if old is None:
            self.occupations[occ.uri] = occ
            return
        self.occupations[occ.uri] = Occupation(
            uri=old.uri,
            label=old.label or occ.label,
            alt_labels=old.alt_labels or occ.alt_labels,
            hidden_labels=old.hidden_labels or occ.hidden_labels,
            isco_group=old.isco_group or occ.isco_group,
            description=old.description or occ.description,
            translations=_new_labels(
                old.translations + _labels_of(occ) + occ.translations, _labels_of(old)
            ),
        )

    def add_skill(self, skill: Skill, *, group: bool = False) -> None:
        target = self.skill_groups if group else self.skills
        old = target.get(skill.uri)
        if old is None:
            target[skill.uri] = skill
            return
        if not old.label:
            # A placeholder (type/reuse level without a label) takes the new labels.
            target[skill.uri] = Skill(
                uri=old.uri,
                label=skill.label,
                skill_type=old.skill_type or skill.skill_type,
                reuse_level=old.reuse_level or skill.reuse_level,
                alt_labels=skill.alt_labels,
                translations=skill.translations,
            )
            return
        target[skill.uri] = Skill(
            uri=old.uri,
            label=old.label,
            skill_type=old.skill_type or skill.skill_type,
            reuse_level=old.reuse_level or skill.reuse_level,
            alt_labels=_dedupe(old.alt_labels + skill.alt_labels)
            if skill.label == old.label
            else old.alt_labels,
            translations=_new_labels(
                old.translations
                + ((skill.label, *skill.alt_labels) if skill.label != old.label else ())
                + skill.translations,
                (old.label, *old.alt_labels),
            ),
        )

    def freeze(self) -> Taxonomy:
        return Taxonomy(
            occupations=self.occupations,
            skills=self.skills,
            skill_groups=self.skill_groups,
            isco_groups=self.isco_groups,
            relations=[(o, s, t) for (o, s), t in self.relations.items()],
            skill_broader=list(self.skill_broader),
            occupation_broader=list(self.occupation_broader),
        )


def _labels_of(occ: Occupation) -> tuple[str, ...]:
    return (occ.label, *occ.alt_labels, *occ.hidden_labels)


def _dedupe(labels: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label for label in labels if label))


def _new_labels(labels: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    seen = {k.casefold() for k in known}
    out: dict[str, None] = {}
    for label in labels:
        key = label.casefold()
        if label and key not in seen:
            seen.add(key)
            out[label] = None
    return tuple(out)


class Taxonomy:
    """Occupations, skills, and how they relate; immutable once built.

    Lookups by URI are plain mappings (``taxonomy.occupations[uri]``). Relation
    queries return tuples of URIs in a stable order (the order of the source rows)
    and return ``()`` for URIs the taxonomy does not know.

    Attributes:
        occupations: Occupation URI → :class:`Occupation`.
        skills: Skill URI → :class:`Skill` (skills, competences, knowledge).
        skill_groups: Skill-group URI → :class:`Skill` (hierarchy nodes, not
            skills themselves; ``skill_type`` is ``""``).
        isco_groups: ISCO-08 code (``"8"``, ``"83"``, …, ``"8322"``) → label.
    """

    __slots__ = (
        "_essential",
        "_occ_broader",
        "_occ_by_isco",
        "_optional",
        "_skill_broader",
        "isco_groups",
        "occupations",
        "skill_groups",
        "skills",
    )

    occupations: Mapping[str, Occupation]
    skills: Mapping[str, Skill]
    skill_groups: Mapping[str, Skill]
    isco_groups: Mapping[str, str]

    def __init__(
        self,
        *,
        occupations: Mapping[str, Occupation],
        skills: Mapping[str, Skill],
        skill_groups: Mapping[str, Skill],
        isco_groups: Mapping[str, str],
        relations: Iterable[tuple[str, str, str]],
        skill_broader: Iterable[tuple[str, str]],
        occupation_broader: Iterable[tuple[str, str]],
    ) -> None:
        """Prefer :meth:`from_rows`, :meth:`from_esco` or :meth:`load`."""
        self.occupations = MappingProxyType(dict(occupations))
        self.skills = MappingProxyType(dict(skills))
        self.skill_groups = MappingProxyType(dict(skill_groups))
        self.isco_groups = MappingProxyType(dict(isco_groups))
        essential: dict[str, list[str]] = {}
        optional: dict[str, list[str]] = {}
        for occ, skill, kind in relations:
            if kind not in _RELATION_TYPES:
                msg = f"relation type must be 'essential' or 'optional', not {kind!r}"
                raise ValueError(msg)
            (essential if kind == "essential" else optional).setdefault(occ, []).append(
                skill
            )
        self._essential = _freeze_lists(essential)
        self._optional = _freeze_lists(optional)
        self._skill_broader = _group_pairs(skill_broader)
        self._occ_broader = _group_pairs(occupation_broader)
        by_isco: dict[str, list[str]] = {}
        for occ_obj in self.occupations.values():
            if occ_obj.isco_group:
                by_isco.setdefault(occ_obj.isco_group, []).append(occ_obj.uri)
        self._occ_by_isco = _freeze_lists(by_isco)

    def __repr__(self) -> str:
        return (
            f"<Taxonomy occupations={len(self.occupations)} skills={len(self.skills)} "
            f"relations={self.relation_count}>"
        )

    @property
    def relation_count(self) -> int:
        """Number of occupation-skill relations (essential plus optional)."""
        return sum(map(len, self._essential.values())) + sum(
            map(len, self._optional.values())
        )

    # -- queries ------------------------------------------------------------

    def essential_skills(self, occupation_uri: str) -> tuple[str, ...]:
        """URIs of the skills the occupation requires; ``()`` for an unknown URI."""
        return self._essential.get(occupation_uri, ())

    def optional_skills(self, occupation_uri: str) -> tuple[str, ...]:
        """URIs of the skills the occupation may use; ``()`` for an unknown URI."""
        return self._optional.get(occupation_uri, ())

    def broader_skills(self, skill_uri: str) -> tuple[str, ...]:
        """Direct parents of a skill or skill group: broader skills and skill groups."""
        return self._skill_broader.get(skill_uri, ())

    def broader_occupations(self, occupation_uri: str) -> tuple[str, ...]:
        """Direct parents of an occupation: broader occupations and/or ISCO-group URIs.

        ISCO groups appear as ``http://data.europa.eu/esco/isco/C<code>`` URIs, as
        in the ESCO occupation pillar.
        """
        return self._occ_broader.get(occupation_uri, ())

    def occupations_in_isco_group(self, code: str) -> tuple[str, ...]:
        """URIs of occupations whose ISCO-08 group starts with ``code``.

        ``code`` may be a full unit group (``"8322"``) or any prefix (``"83"``);
        an ISCO-group URI (``…/isco/C83``) is accepted too. ``""`` matches nothing.
        """
        code = code.removeprefix(_ISCO_URI_PREFIX)
        if not code:
            return ()
        if len(code) == _UNIT_GROUP_DIGITS:
            return self._occ_by_isco.get(code, ())
        return tuple(
            uri
            for group in sorted(self._occ_by_isco)
            if group.startswith(code)
            for uri in self._occ_by_isco[group]
        )

    def label(self, uri: str) -> str:
        """Display label of any concept (occupation, skill, skill group, ISCO group).

        Falls back to the URI itself when the concept is unknown or unlabelled.
        """
        for table in (self.occupations, self.skills, self.skill_groups):
            concept = table.get(uri)
            if concept is not None and concept.label:
                return concept.label
        if uri.startswith(_ISCO_URI_PREFIX):
            return self.isco_groups.get(uri[len(_ISCO_URI_PREFIX) :], uri) or uri
        return uri

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_rows(
        cls,
        *,
        occupations: Iterable[Occupation],
        skills: Iterable[Skill] = (),
        relations: Iterable[tuple[str, str, str]] = (),
        skill_broader: Iterable[tuple[str, str]] = (),
        occupation_broader: Iterable[tuple[str, str]] = (),
        skill_groups: Iterable[Skill] = (),
        isco_groups: Mapping[str, str] | None = None,
    ) -> Taxonomy:
        """Build a taxonomy from plain rows.

        Args:
            occupations: The occupations; a later duplicate URI replaces an earlier one.
            skills: The skills.
            relations: ``(occupation_uri, skill_uri, "essential" | "optional")``.
            skill_broader: ``(narrower_uri, broader_uri)`` pairs of the skill hierarchy.
            occupation_broader: ``(narrower_uri, broader_uri)`` pairs of the
                occupation hierarchy (broader may be an ISCO-group URI).
            skill_groups: Labelled nodes of the skill hierarchy.
            isco_groups: ISCO-08 code → label.

        Raises:
            ValueError: A relation type is neither ``"essential"`` nor ``"optional"``.
        """
        return cls(
            occupations={o.uri: o for o in occupations},
            skills={s.uri: s for s in skills},
            skill_groups={s.uri: s for s in skill_groups},
            isco_groups=dict(isco_groups or {}),
            relations=relations,
            skill_broader=skill_broader,
            occupation_broader=occupation_broader,
        )

    @classmethod
    def from_esco(cls, *folders: str | os.PathLike[str]) -> Taxonomy:
        """Read folders laid out like the official ESCO CSV download.

        Files are recognised by name, in any ESCO version and language:
        ``occupations_<lang>.csv``, ``skills_<lang>.csv``, ``skillGroups_<lang>.csv``,
        ``*SkillsCollection_<lang>.csv``, ``ISCOGroups_<lang>.csv``,
        ``occupationSkillRelations*.csv``, ``broaderRelationsSkillPillar*.csv``,
        ``broaderRelationsOccPillar*.csv``, plus ESCO mapping files
        ``*_to_esco_skills.csv`` (e.g. VDAB Competent → ESCO) whose ESCO-side labels
        become skill labels. Other files are ignored.

        The first folder wins for labels; later folders fill in missing labels
        (language fallback), add their labels to ``translations``, and add the
        concepts and relations they have.

        Raises:
            ValueError: No folder given, a folder does not exist, or a folder holds
                none of the files above (the message names the folder).
        """
        if not folders:
            msg = "from_esco() needs at least one ESCO folder"
            raise ValueError(msg)
        builder = _Builder()
        for folder in folders:
            _read_esco_folder(builder, Path(folder))
        return builder.freeze()

    # -- compact serialised form --------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the taxonomy to ``path`` as gzip-compressed JSON (no pickle).

        The file holds everything :meth:`load` needs; URIs are stored once and
        relations as integer indexes, so full ESCO takes a few megabytes.
        """
        uris: dict[str, int] = {}

        def ix(uri: str) -> int:
            return uris.setdefault(uri, len(uris))

        occupations = [
            [
                ix(o.uri),
                o.label,
                list(o.alt_labels),
                list(o.hidden_labels),
                o.isco_group,
                o.description,
                list(o.translations),
            ]
            for o in self.occupations.values()
        ]
        skills = [_skill_row(s, ix) for s in self.skills.values()]
        groups = [_skill_row(s, ix) for s in self.skill_groups.values()]
        relations = [
            [ix(occ), ix(skill), kind == "essential"]
            for kind, table in (
                ("essential", self._essential),
                ("optional", self._optional),
            )
            for occ, skill_uris in table.items()
            for skill in skill_uris
        ]
        skill_broader = [
            [ix(n), ix(b)] for n, bs in self._skill_broader.items() for b in bs
        ]
        occ_broader = [
            [ix(n), ix(b)] for n, bs in self._occ_broader.items() for b in bs
        ]
        doc = {
            "format": _FORMAT,
            "version": _FORMAT_VERSION,
            "occupations": occupations,
            "skills": skills,
            "skill_groups": groups,
            "isco_groups": dict(self.isco_groups),
            "relations": relations,
            "skill_broader": skill_broader,
            "occupation_broader": occ_broader,
            "uris": list(uris),
        }
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        tmp = Path(f"{os.fspath(path)}.tmp{os.getpid()}")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=6) as fh:
            fh.write(data)
        tmp.replace(path)  # atomic: readers never see a half-written file

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Taxonomy:
        """Read a file written by :meth:`save`.

        Raises:
            ValueError: The file is not a skillmatch taxonomy (or another version).
            OSError: The file cannot be read.
        """
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except (
            gzip.BadGzipFile,
            EOFError,
            json.JSONDecodeError,
            UnicodeDecodeError,
        ) as exc:
            msg = f"{os.fspath(path)} is not a skillmatch taxonomy file: {exc}"
            raise ValueError(msg) from exc
        if (
            not isinstance(doc, dict)
            or doc.get("format") != _FORMAT
            or doc.get("version") != _FORMAT_VERSION
        ):
            msg = f"{os.fspath(path)} is not a skillmatch taxonomy file (version 1)"
            raise ValueError(msg)
        uris: list[str] = doc["uris"]
        occupations = {}
        for u, label, alt, hidden, isco, desc, trans in doc["occupations"]:
            occupations[uris[u]] = Occupation(
                uris[u], label, tuple(alt), tuple(hidden), isco, desc, tuple(trans)
            )
        return cls(
            occupations=occupations,
            skills=_skill_table(doc["skills"], uris),
            skill_groups=_skill_table(doc["skill_groups"], uris),
            isco_groups=doc["isco_groups"],
            relations=[
                (uris[o], uris[s], "essential" if e else "optional")
                for o, s, e in doc["relations"]
            ],
            skill_broader=[(uris[n], uris[b]) for n, b in doc["skill_broader"]],
            occupation_broader=[
                (uris[n], uris[b]) for n, b in doc["occupation_broader"]
            ],
        )


def _skill_row(skill: Skill, ix: Callable[[str], int]) -> list[Any]:
    return [
        ix(skill.uri),
        skill.label,
        skill.skill_type,
        skill.reuse_level,
        list(skill.alt_labels),
        list(skill.translations),
    ]


def _skill_table(rows: list[list[Any]], uris: list[str]) -> dict[str, Skill]:
    return {
        uris[u]: Skill(uris[u], label, stype, reuse, tuple(alt), tuple(trans))
        for u, label, stype, reuse, alt, trans in rows
    }


def _freeze_lists(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(dict.fromkeys(values)) for key, values in table.items()}


def _group_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for narrower, broader in pairs:
        grouped.setdefault(narrower, []).append(broader)
    return _freeze_lists(grouped)


# -- ESCO CSV reading -------------------------------------------------------------

# (kind, compiled pattern) in reading order: concepts before relations so that
# labels from skill collections can fill in skills read from skills_<lang>.csv.
_ESCO_FILES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("isco", re.compile(r"^iscogroups(_\w+)?\.csv$", re.IGNORECASE)),
    ("occupations", re.compile(r"^occupations(_\w+)?\.csv$", re.IGNORECASE)),
    ("skills", re.compile(r"^skills(_\w+)?\.csv$", re.IGNORECASE)),
    ("collection", re.compile(r"^\w*skillscollection(_\w+)?\.csv$", re.IGNORECASE)),
    ("crosswalk", re.compile(r"^[\w.-]*_to_esco_skills\.csv$", re.IGNORECASE)),
    ("skill_groups", re.compile(r"^skillgroups(_\w+)?\.csv$", re.IGNORECASE)),
    ("relations", re.compile(r"^occupationskillrelations\w*\.csv$", re.IGNORECASE)),
    (
        "skill_broader",
        re.compile(r"^broaderrelationsskillpillar\w*\.csv$", re.IGNORECASE),
    ),
    ("occ_broader", re.compile(r"^broaderrelationsoccpillar\w*\.csv$", re.IGNORECASE)),
)
_KNOWN_FILES_HINT = (
    "occupations_<lang>.csv, skills_<lang>.csv, occupationSkillRelations*.csv, "
    "broaderRelations*Pillar*.csv, ISCOGroups_<lang>.csv, *SkillsCollection_<lang>.csv"
    " or *_to_esco_skills.csv"
)


def _read_esco_folder(builder: _Builder, folder: Path) -> None:
    if not folder.is_dir():
        msg = f"ESCO folder {os.fspath(folder)!r} does not exist or is not a folder"
        raise ValueError(msg)
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    found = [
        (kind, folder / name)
        for kind, pattern in _ESCO_FILES
        for name in names
        if pattern.match(name)
    ]
    if not found:
        msg = (
            f"ESCO folder {os.fspath(folder)!r} holds no ESCO CSV files "
            f"(expected e.g. {_KNOWN_FILES_HINT})"
        )
        raise ValueError(msg)
    for kind, path in found:
        _READERS[kind](builder, path)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _split(value: str | None) -> tuple[str, ...]:
    """ESCO packs label lists into one field, one label per line."""
    if not value:
        return ()
    return _dedupe(part.strip() for part in value.split("\n"))


def _isco_code(value: str | None) -> str:
    value = (value or "").strip().removeprefix(_ISCO_URI_PREFIX)
    return value if value.isdigit() else ""


def _read_isco(builder: _Builder, path: Path) -> None:
    for row in _rows(path):
        code = _isco_code(row.get("code"))
        label = (row.get("preferredLabel") or "").strip()
        if code and not builder.isco_groups.get(code):
            builder.isco_groups[code] = label


def _read_occupations(builder: _Builder, path: Path) -> None:
    for row in _rows(path):
        uri = (row.get("conceptUri") or "").strip()
        if not uri:
            continue
        builder.add_occupation(
            Occupation(
                uri=uri,
                label=(row.get("preferredLabel") or "").strip(),
                alt_labels=_split(row.get("altLabels")),
                hidden_labels=_split(row.get("hiddenLabels")),
                isco_group=_isco_code(row.get("iscoGroup")),
                description=(
                    row.get("description") or row.get("definition") or ""
                ).strip(),
            )
        )


def _skill_from_row(row: dict[str, str]) -> Skill | None:
    uri = (row.get("conceptUri") or "").strip()
    if not uri:
        return None
    return Skill(
        uri=uri,
        label=(row.get("preferredLabel") or "").strip(),
        skill_type=(row.get("skillType") or "").strip(),
        reuse_level=(row.get("reuseLevel") or "").strip(),
        alt_labels=_split(row.get("altLabels")),
    )


def _read_skills(builder: _Builder, path: Path) -> None:
    for row in _rows(path):
        skill = _skill_from_row(row)
        if skill is not None:
            builder.add_skill(skill)


def _read_skill_groups(builder: _Builder, path: Path) -> None:
    for row in _rows(path):
        skill = _skill_from_row(row)
        if skill is not None:
            builder.add_skill(skill, group=True)


def _read_crosswalk(builder: _Builder, path: Path) -> None:
    """ESCO mapping file: a metadata block, a blank line, then the mapping table."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header: list[str] | None = None
        for row in reader:
            if header is None:
                if "Classification 1 PrefLabel" in row:
                    header = row
                continue
            rec = dict(zip(header, row, strict=False))
            uri = (rec.get("Classification 1 URL") or "").strip()
            if not uri.startswith(_ESCO_SKILL_PREFIX):
                raw = (rec.get("Classification 1 URI") or "").strip()
                uri = _ESCO_SKILL_PREFIX + raw if raw else ""
            label = (rec.get("Classification 1 PrefLabel") or "").strip()
            if uri and label:
                builder.add_skill(Skill(uri=uri, label=label))


def _read_relations(builder: _Builder, path: Path) -> None:
    for row in _rows(path):
        occ = (row.get("occupationUri") or "").strip()
        skill = (row.get("skillUri") or "").strip()
        kind = (row.get("relationType") or "").strip()
        if occ and skill and kind in _RELATION_TYPES:
            builder.relations.setdefault((occ, skill), kind)


_Reader = Callable[[_Builder, Path], None]


def _read_broader(target: str) -> _Reader:
    def read(builder: _Builder, path: Path) -> None:
        pairs: dict[tuple[str, str], None] = getattr(builder, target)
        for row in _rows(path):
            narrower = (row.get("conceptUri") or "").strip()
            broader = (row.get("broaderUri") or "").strip()
            if narrower and broader:
                pairs[(narrower, broader)] = None

    return read


_READERS: dict[str, _Reader] = {
    "isco": _read_isco,
    "occupations": _read_occupations,
    "skills": _read_skills,
    "collection": _read_skills,
    "crosswalk": _read_crosswalk,
    "skill_groups": _read_skill_groups,
    "relations": _read_relations,
    "skill_broader": _read_broader("skill_broader"),
    "occ_broader": _read_broader("occupation_broader"),
}
