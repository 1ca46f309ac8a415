"""The taxonomy: built from rows, read from ESCO CSV folders, saved and loaded."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from skillmatch import Occupation, Skill, Taxonomy

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
ISCO = "http://data.europa.eu/esco/isco/C"


def small_taxonomy() -> Taxonomy:
    return Taxonomy.from_rows(
        occupations=[
            Occupation(
                OCC + "driver", "vrachtwagenchauffeur", ("chauffeur",), (), "8332"
            ),
            Occupation(OCC + "bus", "buschauffeur", isco_group="8331"),
            Occupation(OCC + "baker", "bakker", isco_group="7512"),
        ],
        skills=[
            Skill(SKILL + "drive", "rijden", "skill/competence", "cross-sector"),
            Skill(SKILL + "load", "laden", "skill/competence", "transversal"),
            Skill(SKILL + "bake", "bakken", "knowledge", "occupation-specific"),
        ],
        relations=[
            (OCC + "driver", SKILL + "drive", "essential"),
            (OCC + "driver", SKILL + "load", "optional"),
            (OCC + "bus", SKILL + "drive", "essential"),
            (OCC + "baker", SKILL + "bake", "essential"),
        ],
        skill_broader=[
            (SKILL + "load", SKILL + "drive"),
            (SKILL + "drive", SKILL + "grp"),
        ],
        occupation_broader=[
            (OCC + "driver", ISCO + "8332"),
            (OCC + "bus", OCC + "driver"),
        ],
        skill_groups=[Skill(SKILL + "grp", "vervoer")],
        isco_groups={"8": "operators", "83": "bestuurders", "8332": "vrachtwagen"},
    )


def test_relations_are_returned_in_source_order_by_type() -> None:
    tx = small_taxonomy()
    assert tx.essential_skills(OCC + "driver") == (SKILL + "drive",)
    assert tx.optional_skills(OCC + "driver") == (SKILL + "load",)
    assert tx.optional_skills(OCC + "baker") == ()
    assert tx.relation_count == 4


def test_unknown_uris_have_no_relations() -> None:
    tx = small_taxonomy()
    assert tx.essential_skills("nope") == ()
    assert tx.broader_skills("nope") == ()
    assert tx.broader_occupations("nope") == ()


def test_hierarchies_give_direct_parents() -> None:
    tx = small_taxonomy()
    assert tx.broader_skills(SKILL + "load") == (SKILL + "drive",)
    assert tx.broader_occupations(OCC + "bus") == (OCC + "driver",)
    assert tx.broader_occupations(OCC + "driver") == (ISCO + "8332",)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("8332", (OCC + "driver",)),
        ("83", (OCC + "bus", OCC + "driver")),
        (ISCO + "833", (OCC + "bus", OCC + "driver")),
        ("9", ()),
        ("", ()),
    ],
)
def test_occupations_are_found_by_isco_code_or_prefix(
    code: str, expected: tuple[str, ...]
) -> None:
    assert small_taxonomy().occupations_in_isco_group(code) == expected


def test_label_resolves_every_kind_of_concept() -> None:
    tx = small_taxonomy()
    assert tx.label(OCC + "baker") == "bakker"
    assert tx.label(SKILL + "bake") == "bakken"
    assert tx.label(SKILL + "grp") == "vervoer"
    assert tx.label(ISCO + "83") == "bestuurders"
    assert tx.label(ISCO + "99") == ISCO + "99"
    assert tx.label("urn:x") == "urn:x"


def test_an_unknown_relation_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="'required'"):
        Taxonomy.from_rows(occupations=[], relations=[("o", "s", "required")])


def test_mappings_are_read_only() -> None:
    tx = small_taxonomy()
    with pytest.raises(TypeError):
        tx.occupations["x"] = Occupation("x", "x")  # type: ignore[index]


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    tx = small_taxonomy()
    path = tmp_path / "tx.json.gz"
    tx.save(path)
    back = Taxonomy.load(path)
    assert dict(back.occupations) == dict(tx.occupations)
    assert dict(back.skills) == dict(tx.skills)
    assert dict(back.skill_groups) == dict(tx.skill_groups)
    assert dict(back.isco_groups) == dict(tx.isco_groups)
    for occ in tx.occupations:
        assert back.essential_skills(occ) == tx.essential_skills(occ)
        assert back.optional_skills(occ) == tx.optional_skills(occ)
        assert back.broader_occupations(occ) == tx.broader_occupations(occ)
    assert back.broader_skills(SKILL + "load") == (SKILL + "drive",)
    assert repr(back) == repr(tx)


def test_loading_a_file_that_is_not_a_taxonomy_fails_clearly(tmp_path: Path) -> None:
    garbage = tmp_path / "x.gz"
    garbage.write_bytes(b"not gzip")
    with pytest.raises(ValueError, match="not a skillmatch taxonomy"):
        Taxonomy.load(garbage)
    other = tmp_path / "y.gz"
    with gzip.open(other, "wt") as fh:
        fh.write('{"format": "something-else"}')
    with pytest.raises(ValueError, match="not a skillmatch taxonomy"):
        Taxonomy.load(other)


def write_csv(path: Path, text: str) -> None:
    path.write_text(text.lstrip("\n"), encoding="utf-8")


@pytest.fixture
def esco_dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A Dutch occupations folder, a crosswalk folder and an English skills folder."""
    nl, cw, en = tmp_path / "nl", tmp_path / "cw", tmp_path / "en"
    for folder in (nl, cw, en):
        folder.mkdir()
    write_csv(
        nl / "occupations_nl.csv",
        f"""
conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,description
Occupation,{OCC}driver,8332,vrachtwagenchauffeur,"chauffeur
trucker
",,Rijdt vrachtwagens.
Occupation,,8332,zonder uri,,,
""",
    )
    write_csv(
        nl / "ISCOGroups_nl.csv",
        f"""
conceptType,conceptUri,code,preferredLabel
ISCOGroup,{ISCO}8332,8332,Vrachtwagenchauffeurs
ISCOGroup,{ISCO}x,x,geen code
""",
    )
    write_csv(
        nl / "broaderRelationsOccPillar_nl.csv",
        f"""
conceptType,conceptUri,conceptLabel,broaderType,broaderUri,broaderLabel
Occupation,{OCC}driver,x,ISCOGroup,{ISCO}8332,y
Occupation,,x,ISCOGroup,{ISCO}8332,y
""",
    )
    write_csv(
        nl / "digitalSkillsCollection_nl.csv",
        f"""
conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels
KnowledgeSkillCompetence,{SKILL}drive,rijden,released,,,autorijden
KnowledgeSkillCompetence,,leeg,released,,,
""",
    )
    write_csv(
        nl / "skillGroups_nl.csv", f"conceptUri,preferredLabel\n{SKILL}grp,vervoer\n"
    )
    (nl / "README.txt").write_text("not ESCO")
    write_csv(
        cw / "vdab-competent-3.8_to_esco_skills.csv",
        f"""
Mapping project name,ESCO - VDAB Competences,,
,,,
Classification 1 URI,Classification 1 ID,Classification 1 PrefLabel,Classification 1 URL
load,,lading zekeren,
bake,,bakken,{SKILL}bake
nolabel,,,
""",
    )
    write_csv(
        en / "occupations_en.csv",
        f"""
conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,description
Occupation,{OCC}driver,8332,lorry driver,"truck driver
Trucker",,Drives lorries.
Occupation,{OCC}old,9999,retired occupation,,,
""",
    )
    write_csv(
        en / "skills_en.csv",
        f"""
conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels
KnowledgeSkillCompetence,{SKILL}drive,skill/competence,cross-sector,drive,driving
KnowledgeSkillCompetence,{SKILL}load,skill/competence,transversal,secure cargo,
KnowledgeSkillCompetence,{SKILL}bake,knowledge,,baking,
KnowledgeSkillCompetence,{SKILL}new,knowledge,,only english,
""",
    )
    write_csv(
        en / "transversalSkillsCollection_en.csv",
        f"""
conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels
KnowledgeSkillCompetence,{SKILL}load,skill/competence,transversal,secure cargo,x,fix cargo
""",
    )
    write_csv(
        en / "occupationSkillRelations.csv",
        f"""
occupationUri,relationType,skillType,skillUri
{OCC}driver,essential,skill/competence,{SKILL}drive
{OCC}driver,optional,skill/competence,{SKILL}load
{OCC}driver,optional,skill/competence,{SKILL}drive
{OCC}driver,unknown,skill/competence,{SKILL}bake
""",
    )
    write_csv(
        en / "broaderRelationsSkillPillar.csv",
        f"""
conceptType,conceptUri,broaderType,broaderUri
KnowledgeSkillCompetence,{SKILL}load,KnowledgeSkillCompetence,{SKILL}drive
KnowledgeSkillCompetence,{SKILL}drive,SkillGroup,{SKILL}grp
""",
    )
    write_csv(
        en / "skillGroups_en.csv",
        f"conceptUri,preferredLabel\n{SKILL}grp,transport\n,no uri\n",
    )
    return nl, cw, en


def test_from_esco_takes_labels_from_the_first_folder_and_falls_back_to_later_ones(
    esco_dirs: tuple[Path, Path, Path],
) -> None:
    tx = Taxonomy.from_esco(*esco_dirs)
    driver = tx.occupations[OCC + "driver"]
    assert driver.label == "vrachtwagenchauffeur"
    assert driver.alt_labels == ("chauffeur", "trucker")
    assert driver.isco_group == "8332"
    assert driver.description == "Rijdt vrachtwagens."
    assert driver.translations == ("lorry driver", "truck driver")
    assert tx.occupations[OCC + "old"].label == "retired occupation"
    drive = tx.skills[SKILL + "drive"]
    assert (drive.label, drive.skill_type, drive.reuse_level) == (
        "rijden",
        "skill/competence",
        "cross-sector",
    )
    assert drive.alt_labels == ("autorijden",)
    assert drive.translations == ("drive", "driving")
    assert tx.skills[SKILL + "load"].label == "lading zekeren"
    assert tx.skills[SKILL + "bake"].label == "bakken"
    assert tx.skills[SKILL + "new"].label == "only english"
    assert tx.skill_groups[SKILL + "grp"].label == "vervoer"
    assert tx.isco_groups == {"8332": "Vrachtwagenchauffeurs"}


def test_from_esco_reads_relations_and_hierarchies(
    esco_dirs: tuple[Path, Path, Path],
) -> None:
    tx = Taxonomy.from_esco(*esco_dirs)
    assert tx.essential_skills(OCC + "driver") == (SKILL + "drive",)
    assert tx.optional_skills(OCC + "driver") == (SKILL + "load",)
    assert tx.broader_skills(SKILL + "drive") == (SKILL + "grp",)
    assert tx.broader_occupations(OCC + "driver") == (ISCO + "8332",)


def test_a_skill_first_seen_without_label_takes_a_later_label(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "skills_en.csv",
        f"conceptUri,preferredLabel,skillType,reuseLevel\n{SKILL}a,,knowledge,\n",
    )
    write_csv(
        tmp_path / "greenSkillsCollection_en.csv",
        f"conceptUri,preferredLabel,skillType,reuseLevel\n{SKILL}a,label,,transversal\n",
    )
    skill = Taxonomy.from_esco(tmp_path).skills[SKILL + "a"]
    assert skill == Skill(SKILL + "a", "label", "knowledge", "transversal")


def test_from_esco_names_a_folder_without_esco_files(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n")
    with pytest.raises(
        ValueError, match=r"holds no ESCO CSV files.*occupations_<lang>"
    ):
        Taxonomy.from_esco(tmp_path)


def test_from_esco_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        Taxonomy.from_esco(tmp_path / "missing")


def test_from_esco_needs_a_folder() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Taxonomy.from_esco()


@pytest.mark.slow
def test_full_esco_loads_with_dutch_labels_and_english_relations(
    shared_data: Path, tmp_path: Path
) -> None:
    esco = shared_data / "esco"
    tx = Taxonomy.from_esco(
        esco / "v1.2.1" / "nl", shared_data / "esco-crosswalks", esco / "v1.1.1" / "en"
    )
    assert len(tx.occupations) >= 3000
    assert len(tx.skills) >= 13896
    assert tx.relation_count == 123_855
    with_relations = [o for o in tx.occupations if tx.essential_skills(o)]
    assert len(with_relations) >= 3000
    assert tx.occupations_in_isco_group("8332")
    dutch = sum(1 for s in tx.skills.values() if s.translations)
    assert dutch > 5000  # collections + VDAB crosswalk give Dutch labels to many skills
    path = tmp_path / "esco.json.gz"
    tx.save(path)
    back = Taxonomy.load(path)
    assert dict(back.occupations) == dict(tx.occupations)
    assert back.relation_count == tx.relation_count
