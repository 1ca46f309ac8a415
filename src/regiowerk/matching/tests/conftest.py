"""Fixtures: the demo taxonomy imported into the test database."""

import pytest

from regiowerk.matching import actions
from regiowerk.matching.demo_taxonomy import write_demo_taxonomy
from skillmatch import Taxonomy


@pytest.fixture
def demo_taxonomy(db, tmp_path):
    taxonomy = Taxonomy.from_esco(write_demo_taxonomy(tmp_path / "demo"))
    actions.import_taxonomy(taxonomy=taxonomy, name="Demo", source="demo", is_demo=True)
    return taxonomy
