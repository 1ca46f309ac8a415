"""The README and publiccode.yml describe what exists: no placement follow-up or
programme reporting yet; the monitoring overview of programmes, yes."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[4]


def test_publiccode_claims_only_what_exists():
    meta = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    for language, claims in (
        ("en", ("placement", "reporting")),
        ("nl", ("nazorg", "verantwoording")),
    ):
        description = meta["description"][language]
        text = " ".join(
            [description["shortDescription"], *description["features"]]
        ).lower()
        assert not [claim for claim in claims if claim in text], language
        assert "monitoring" in text, language


def test_the_readmes_say_placement_follow_up_is_not_built_yet():
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    dutch = (ROOT / "README.nl.md").read_text(encoding="utf-8")

    assert "Follow-up of placements and reporting to the funder are planned" in english
    assert "zijn gepland, maar nog niet gebouwd" in dutch
    assert "monitoring" in english and "monitoring" in dutch
