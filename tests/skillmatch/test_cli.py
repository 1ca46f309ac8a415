"""The command line: ``python -m skillmatch titles`` and its error handling."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skillmatch import cli

OCC = "http://data.europa.eu/esco/occupation/"
REPO = Path(__file__).resolve().parents[2]

OCCUPATIONS_CSV = f"""conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels
Occupation,{OCC}truck,8332,vrachtwagenchauffeur,"chauffeur vrachtwagen
vrachtwagenchauffeuse",,
Occupation,{OCC}hair,5141,kapper,"kapster
haarkapper",,
Occupation,{OCC}bus,8331,buschauffeur,"chauffeur bus
buschauffeuse",,
"""


@pytest.fixture
def esco_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "esco"
    folder.mkdir()
    (folder / "occupations_nl.csv").write_text(OCCUPATIONS_CSV, encoding="utf-8")
    (folder / "README.txt").write_text("not part of the fingerprint")
    return folder


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_titles_writes_one_json_line_per_input_line(
    esco_dir: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        ["titles", "--taxonomy", str(esco_dir), "-k", "2", "--cache", str(tmp_path)],
        "Kapster (m/v)\n\nchauffeur vrachtwagen\r\n",
    )
    assert (code, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in records] == [
        "Kapster (m/v)",
        "",
        "chauffeur vrachtwagen",
    ]
    assert records[0]["occupations"][0] == {
        "uri": OCC + "hair",
        "label": "kapper",
        "score": records[0]["occupations"][0]["score"],
    }
    assert records[1]["occupations"] == []
    assert records[2]["occupations"][0]["uri"] == OCC + "truck"
    assert len(records[2]["occupations"]) == 2


def test_the_cache_is_written_reused_and_refreshed_when_a_file_changes(
    esco_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    args = ["titles", "--taxonomy", str(esco_dir), "--cache", str(cache)]
    assert run(args, "kapper\n")[0] == 0
    first = sorted(cache.glob("taxonomy-*"))
    assert len(first) == 1
    assert run(args, "kapper\n")[0] == 0
    assert sorted(cache.glob("taxonomy-*")) == first  # same files: same entry
    csv_file = esco_dir / "occupations_nl.csv"
    csv_file.write_text(
        OCCUPATIONS_CSV + f"Occupation,{OCC}baker,7512,bakker,,\n", encoding="utf-8"
    )
    code, out, _ = run(args, "bakker\n")
    assert code == 0
    assert json.loads(out)["occupations"][0]["uri"] == OCC + "baker"
    assert len(list(cache.glob("taxonomy-*"))) == 2
    assert len(list(cache.glob("titles-*.npz"))) == 2


def test_a_corrupt_cache_entry_is_ignored(esco_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    args = ["titles", "--taxonomy", str(esco_dir), "--cache", str(cache)]
    assert run(args)[0] == 0
    entries = sorted(cache.iterdir())
    assert len(entries) == 2  # the taxonomy and the title index
    for entry in entries:
        entry.write_bytes(b"garbage")
    code, out, _ = run(args, "kapper\n")
    assert code == 0
    assert json.loads(out)["occupations"][0]["uri"] == OCC + "hair"


def test_the_cached_title_index_gives_the_same_answers_as_a_fresh_one(
    esco_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    args = ["titles", "--taxonomy", str(esco_dir), "--cache", str(cache)]
    titles = "kapper\nchauffeur\nvrachtwagenchauffeuse\n"
    fresh = run(args, titles)
    (index,) = cache.glob("titles-*.npz")
    written = index.stat().st_mtime_ns
    assert run(args, titles) == fresh
    assert index.stat().st_mtime_ns == written  # read, not rebuilt
    assert run([*args[:3], "--no-cache"], titles) == fresh


def test_without_readable_source_code_the_title_index_is_not_cached(
    esco_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.titles_module, "__file__", None)
    cache = tmp_path / "cache"
    args = ["titles", "--taxonomy", str(esco_dir), "--cache", str(cache)]
    code, out, _ = run(args, "kapper\n")
    assert code == 0
    assert json.loads(out)["occupations"][0]["uri"] == OCC + "hair"
    assert not list(cache.glob("titles-*"))


def test_an_unwritable_cache_location_does_not_break_the_command(
    esco_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, _ = run(
        ["titles", "--taxonomy", str(esco_dir), "--cache", str(blocker / "sub")],
        "kapper\n",
    )
    assert code == 0
    assert json.loads(out)["occupations"][0]["uri"] == OCC + "hair"


def test_the_default_cache_lives_under_xdg_cache_home(
    esco_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cli.default_cache_dir() == tmp_path / "xdg" / "skillmatch"
    assert run(["titles", "--taxonomy", str(esco_dir)], "kapper\n")[0] == 0
    assert list((tmp_path / "xdg" / "skillmatch").iterdir())
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cli.default_cache_dir() == Path.home() / ".cache" / "skillmatch"


def test_no_cache_reads_the_csv_files(esco_dir: Path) -> None:
    code, out, _ = run(
        ["titles", "--taxonomy", str(esco_dir), "--no-cache"], "kapper\n"
    )
    assert code == 0
    assert json.loads(out)["occupations"][0]["label"] == "kapper"


def test_a_missing_folder_is_reported_with_exit_code_2(tmp_path: Path) -> None:
    code, out, err = run(["titles", "--taxonomy", str(tmp_path / "nope"), "--no-cache"])
    assert (code, out) == (2, "")
    assert "does not exist" in err
    assert "nope" in err
    assert "Traceback" not in err


def test_a_folder_without_esco_files_is_reported(tmp_path: Path) -> None:
    code, _, err = run(
        ["titles", "--taxonomy", str(tmp_path), "--cache", str(tmp_path)]
    )
    assert code == 2
    assert "holds no ESCO CSV files" in err


def test_a_folder_without_occupations_is_reported(tmp_path: Path) -> None:
    (tmp_path / "skills_en.csv").write_text("conceptUri,preferredLabel\nx,y\n")
    code, _, err = run(["titles", "--taxonomy", str(tmp_path), "--no-cache"])
    assert code == 2
    assert "no occupations found" in err


@pytest.mark.parametrize("k", ["0", "-3", "ten"])
def test_k_must_be_a_positive_whole_number(esco_dir: Path, k: str) -> None:
    code, _, _ = run(["titles", "--taxonomy", str(esco_dir), "-k", k])
    assert code == 2


def test_a_command_is_required() -> None:
    assert run([])[0] == 2


def test_a_closed_stdout_ends_quietly(
    esco_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    dup2_calls: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "dup2", lambda a, b: dup2_calls.append((a, b)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO()))
    monkeypatch.setattr(sys.stdout, "fileno", lambda: 1)
    code = cli.main(
        ["titles", "--taxonomy", str(esco_dir), "--no-cache"],
        stdin=io.StringIO("kapper\n"),
        stdout=ClosedPipe(),
        stderr=io.StringIO(),
    )
    assert code == 0
    assert dup2_calls


@pytest.mark.slow
def test_python_dash_m_skillmatch_runs_from_the_repository_root(
    shared_data: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    result = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [
            sys.executable,
            "-m",
            "skillmatch",
            "titles",
            "--taxonomy",
            os.path.relpath(shared_data / "esco" / "v1.2.1" / "nl", REPO),
        ],
        input="Vrachtwagenchauffeur (m/v/x)\nKapster\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["occupations"][0]["label"] for line in lines] == [
        "vrachtwagenchauffeur",
        "kapper",
    ]
    assert all(len(line["occupations"]) == 10 for line in lines)


def test_undecodable_bytes_on_stdin_are_replaced_not_fatal(
    esco_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = io.BytesIO(b"kapper\ncaf\xe9 kapper\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="ascii"))
    code = cli.main(["titles", "--taxonomy", str(esco_dir), "--no-cache"])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["title"] for line in lines] == [
        "kapper",
        "caf\ufffd kapper",
    ]


def test_python_dash_m_skillmatch_calls_main(monkeypatch: pytest.MonkeyPatch) -> None:
    import runpy

    monkeypatch.setattr(sys, "argv", ["skillmatch"])
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with pytest.raises(SystemExit) as exc:
        runpy.run_module("skillmatch", run_name="__main__")
    assert exc.value.code == 2
