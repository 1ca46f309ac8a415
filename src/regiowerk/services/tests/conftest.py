from django.utils import translation

import pytest


@pytest.fixture
def english_messages():
    """Assertions read the English source messages (the UI language is Dutch)."""
    with translation.override("en"):
        yield
