"""The Dutch catalogue is complete and its compiled form is what the app serves."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"


@pytest.fixture
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        pytest.skip("msgfmt (Debian package gettext) is not installed")
    return path


def test_the_compiled_catalogue_matches_the_po_file(msgfmt, tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [msgfmt, "--check-format", "-o", str(compiled), str(LOCALE / "django.po")],
        check=True,
    )
    assert compiled.read_bytes() == (LOCALE / "django.mo").read_bytes(), (
        "django.mo is stale: run `make messages` and commit the .mo"
    )


def test_every_message_has_a_dutch_translation(msgfmt):
    stats = subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [msgfmt, "--statistics", "-o", "/dev/null", str(LOCALE / "django.po")],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, stats
