from django.utils import translation

import pytest


@pytest.fixture(autouse=True)
def _english_messages():
    """Assertions read the English source messages; the UI's Dutch is tested there."""
    with translation.override("en"):
        yield
