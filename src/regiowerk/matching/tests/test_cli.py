"""The ``regiowerk`` command: the JSON-lines shapes over the database or ESCO folders."""

import io
import json

import pytest

from regiowerk import cli
from regiowerk.matching.demo_taxonomy import uri, write_demo_taxonomy


def _run(argv, text):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err


@pytest.mark.django_db
def test_titles_from_the_imported_taxonomy(demo_taxonomy):
    code, rows, _err = _run(["titles", "-k", "3"], "chauffeur vrachtwagen\nkokkin\n")

    assert code == 0
    assert [row["title"] for row in rows] == ["chauffeur vrachtwagen", "kokkin"]
    best = rows[0]["occupations"][0]
    assert set(best) == {"uri", "label", "score"}
    assert best["uri"] == uri("occupation", "vrachtwagenchauffeur")
    assert len(rows[1]["occupations"]) <= 3
    assert rows[1]["occupations"][0]["uri"] == uri("occupation", "kok")


@pytest.mark.django_db
def test_transitions_from_the_imported_taxonomy(demo_taxonomy):
    source = uri("occupation", "magazijnmedewerker")

    code, rows, _err = _run(["transitions"], f"{source}\n")

    assert code == 0
    assert rows[0]["source"] == source
    first = rows[0]["occupations"][0]
    assert {"uri", "score", "shared", "gap"} <= set(first)
    assert all(o["uri"] != source for o in rows[0]["occupations"])


@pytest.mark.django_db
def test_an_empty_database_says_how_to_import_a_taxonomy():
    code, rows, err = _run(["titles"], "kok\n")

    assert code == 2
    assert rows == []
    assert "import_esco" in err.getvalue()


def test_with_folders_the_engine_command_runs_without_the_database(tmp_path):
    folder = write_demo_taxonomy(tmp_path / "esco")

    code, rows, _err = _run(
        ["titles", "--taxonomy", str(folder), "--no-cache", "-k", "2"], "kok\n"
    )
    t_code, t_rows, _ = _run(
        ["transitions", "--taxonomy", str(folder), "--no-cache"],
        uri("occupation", "kok") + "\n",
    )

    assert code == 0
    assert rows[0]["occupations"][0]["uri"] == uri("occupation", "kok")
    assert t_code == 0
    assert t_rows[0]["source"] == uri("occupation", "kok")


def test_a_bad_k_is_a_usage_error():
    code, _rows, _err = _run(["titles", "-k", "0"], "")

    assert code == 2
