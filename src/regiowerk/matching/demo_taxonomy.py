"""A small, made-up demo taxonomy in the official ESCO CSV layout.

``make run`` works on a fresh machine without the ESCO download: the demo region writes
these files and imports them with the same code path as real ESCO (``import_esco``).
The URIs are ``urn:regiowerk:demo:…`` on purpose, so demo data can never be mistaken
for ESCO. Occupations are common in the region's sectors (logistics, care, cleaning,
technology and manufacturing, hospitality, retail, green, construction, office work);
ISCO-08 groups are real, labels are Dutch, skills are shared across occupations so that
career transitions between sectors show up.
"""

import csv
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

DEMO_PREFIX = "urn:regiowerk:demo:"
# The taxonomy itself is data: data/demo_taxonomy.json, one skill or occupation a line.
_DATA = json.loads(
    resources.files("regiowerk.matching")
    .joinpath("data", "demo_taxonomy.json")
    .read_text(encoding="utf-8")
)

# slug: (Dutch label, type, reuse level)
SKILLS: dict[str, tuple[str, str, str]] = {
    skill["slug"]: (skill["label"], skill["type"], skill["reuse_level"])
    for skill in _DATA["skills"]
}

# (slug, Dutch label, ISCO-08 group, alternative labels, essential skills, optional skills)
OCCUPATIONS: list[tuple[str, str, str, list[str], list[str], list[str]]] = [
    (
        occupation["slug"],
        occupation["label"],
        occupation["isco_group"],
        occupation["alt_labels"],
        occupation["essential"],
        occupation["optional"],
    )
    for occupation in _DATA["occupations"]
]


def uri(kind: str, slug: str) -> str:
    """The demo URI of an occupation or skill."""
    return f"{DEMO_PREFIX}{kind}:{slug}"


def write_demo_taxonomy(folder: Path) -> Path:
    """Write the demo taxonomy as ESCO-layout CSV files into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(
        folder / "occupations_nl.csv",
        "conceptType conceptUri iscoGroup preferredLabel altLabels hiddenLabels "
        "description",
        (
            [
                "Occupation",
                uri("occupation", slug),
                isco,
                label,
                "\n".join(alts),
                "",
                f"{label} (demo-beroep, geen ESCO)",
            ]
            for slug, label, isco, alts, _essential, _optional in OCCUPATIONS
        ),
    )
    _write_csv(
        folder / "skills_nl.csv",
        "conceptType conceptUri skillType reuseLevel preferredLabel altLabels",
        (
            ["KnowledgeSkillCompetence", uri("skill", slug), kind, reuse, label, ""]
            for slug, (label, kind, reuse) in SKILLS.items()
        ),
    )
    _write_csv(
        folder / "occupationSkillRelations.csv",
        "occupationUri relationType skillType skillUri",
        (
            [uri("occupation", slug), relation, SKILLS[skill][1], uri("skill", skill)]
            for slug, _label, _isco, _alts, essential, optional in OCCUPATIONS
            for relation, skills in (("essential", essential), ("optional", optional))
            for skill in skills
        ),
    )
    return folder


def _write_csv(path: Path, columns: str, rows: Iterable[list[str]]) -> None:
    """One ESCO-layout CSV file: the header (``columns``, space-separated), then rows."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(columns.split())
        out.writerows(rows)
