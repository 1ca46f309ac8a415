import csv
import io
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from regiowerk.matching import actions
from regiowerk.matching.demo_taxonomy import (
    OCCUPATIONS,
    SKILLS,
    uri,
    write_demo_taxonomy,
)
from regiowerk.matching.models import (
    Occupation,
    OccupationSkill,
    Skill,
    TaxonomyRelease,
)
from skillmatch import Occupation as TaxonomyOccupation
from skillmatch import Taxonomy

pytestmark = pytest.mark.django_db
SHARED_DATA = Path(__file__).resolve().parents[5] / "shared" / "data"


def _demo(tmp_path):
    return Taxonomy.from_esco(write_demo_taxonomy(tmp_path))


def test_demo_taxonomy_is_imported_with_its_relations(tmp_path):
    summary = actions.import_taxonomy(
        taxonomy=_demo(tmp_path), name="Demo", source="demo", is_demo=True
    )

    assert Occupation.objects.count() == len(OCCUPATIONS)
    assert Skill.objects.count() == len(SKILLS)
    relations = sum(len(e) + len(o) for *_rest, e, o in OCCUPATIONS)
    assert OccupationSkill.objects.count() == relations
    assert summary.counts["occupations"]["created"] == len(OCCUPATIONS)
    assert summary.release.is_demo


def test_importing_the_same_taxonomy_twice_changes_nothing(tmp_path):
    taxonomy = _demo(tmp_path)
    actions.import_taxonomy(taxonomy=taxonomy, name="Demo", source="demo")

    again = actions.import_taxonomy(taxonomy=taxonomy, name="Demo", source="demo")

    assert not again.changed
    assert again.release is None
    assert TaxonomyRelease.objects.count() == 1
    assert "No changes" in again.as_text()


def test_reimport_updates_labels_and_removes_what_disappeared(tmp_path):
    taxonomy = _demo(tmp_path)
    actions.import_taxonomy(taxonomy=taxonomy, name="Demo", source="demo")
    kok = taxonomy.occupations[uri("occupation", "kok")]
    changed = Taxonomy.from_rows(
        occupations=[
            TaxonomyOccupation(
                uri=kok.uri, label="kok (nieuw)", isco_group=kok.isco_group
            )
        ],
        skills=list(taxonomy.skills.values()),
    )

    summary = actions.import_taxonomy(taxonomy=changed, name="v2", source="x")

    assert Occupation.objects.get().label == "kok (nieuw)"
    assert summary.counts["occupations"] == {"created": 0, "updated": 1, "removed": 36}
    assert not OccupationSkill.objects.exists()


def test_import_esco_command_imports_the_demo_and_reports(tmp_path):
    out = io.StringIO()
    call_command("import_esco", "--demo", stdout=out, verbosity=0)
    assert Occupation.objects.filter(uri__startswith="urn:regiowerk:demo:").exists()
    assert "occupations: 37 created" in out.getvalue()


def test_import_esco_command_names_a_folder_that_is_not_esco(tmp_path):
    with pytest.raises(CommandError, match=str(tmp_path)):
        call_command("import_esco", str(tmp_path), stdout=io.StringIO(), verbosity=0)


def test_import_esco_command_needs_folders_or_demo():
    with pytest.raises(CommandError, match="--demo"):
        call_command("import_esco", stdout=io.StringIO(), verbosity=0)


def test_real_dutch_esco_occupations_are_imported():
    folder = SHARED_DATA / "esco" / "v1.2.1" / "nl"
    if not folder.is_dir():
        pytest.skip(f"ESCO reference data not found at {folder}")
    with (folder / "occupations_nl.csv").open(encoding="utf-8") as fh:
        distinct = {row["conceptUri"] for row in csv.DictReader(fh)}

    call_command("import_esco", str(folder), stdout=io.StringIO(), verbosity=0)

    assert set(Occupation.objects.values_list("uri", flat=True)) == distinct
    assert Occupation.objects.filter(label__icontains="chauffeur").exists()
