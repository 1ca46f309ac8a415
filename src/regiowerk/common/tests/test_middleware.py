from django.conf import settings
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_the_ui_is_dutch_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Inloggen" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_english_is_a_choice_made_with_the_language_switch(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert "Log in" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert "Inloggen" in client.get(reverse("login")).content.decode()
