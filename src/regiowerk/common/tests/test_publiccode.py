"""The README and publiccode.yml describe what exists: programme monitoring and
reporting, placements and their follow-up, each backed by its installed app."""

from pathlib import Path

from django.apps import apps

import yaml

ROOT = Path(__file__).resolve().parents[4]
# what the texts claim (English, Dutch) and the app that must exist for it
CLAIMS = {
    "monitoring": (("monitoring", "reporting"), ("monitoring", "verantwoording")),
    "placements": (("placements", "follow-up"), ("plaatsingen", "nazorg")),
}


def test_publiccode_claims_only_what_exists():
    meta = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    for app, (english, dutch) in CLAIMS.items():
        assert apps.is_installed(f"regiowerk.{app}"), app
        for language, words in (("en", english), ("nl", dutch)):
            description = meta["description"][language]
            text = " ".join(
                [description["shortDescription"], *description["features"]]
            ).lower()
            assert [word for word in words if word in text] == list(words), language


def test_the_readmes_claim_nothing_as_planned_that_is_built():
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    dutch = (ROOT / "README.nl.md").read_text(encoding="utf-8")

    assert "planned, not built" not in english
    assert "nog niet gebouwd" not in dutch
    for app, (english_words, dutch_words) in CLAIMS.items():
        assert all(word in english.lower() for word in english_words), app
        assert all(word in dutch.lower() for word in dutch_words), app
