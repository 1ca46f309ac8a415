"""Log-in throttling per address and per user name; changing one's own password."""

from django.test import RequestFactory, override_settings
from django.urls import reverse

import pytest

from regiowerk.organisations.login import client_ip
from regiowerk.organisations.tests.factories import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "zeven-zonnige-dagen-in-Emmen"


def _log_in(client, username, password, address="192.0.2.1", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_one_address_trying_many_user_names_is_locked_out(client, settings):
    user = make_user()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, f"geraden{attempt}", "wrong-password")

    response = _log_in(client, user.username, TEST_PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "<h1>Te veel inlogpogingen</h1>" in page  # Dutch, in the app's layout
    assert f"Na {settings.AXES_FAILURE_LIMIT} mislukte pogingen" in page
    assert 'class="site-header"' in page


def test_one_user_name_tried_from_many_addresses_is_locked_out(client, settings):
    user = make_user()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in(
            client, user.username, "wrong-password", address=f"198.51.100.{attempt}"
        )

    response = _log_in(client, user.username, TEST_PASSWORD, address="203.0.113.9")

    assert response.status_code == 429


def test_another_user_from_another_address_still_logs_in(client, settings):
    victim = make_user()
    other = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, victim.username, "wrong-password", address="198.51.100.1")

    response = _log_in(client, other.username, TEST_PASSWORD, address="203.0.113.9")

    assert response.status_code == 302


def test_behind_a_proxy_the_configured_header_names_the_client(client, settings):
    settings.REGIOWERK_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    user = make_user()
    # every request reaches the app from the proxy (10.0.0.2); the clients differ
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in(
            client,
            f"geraden{attempt}",
            "wrong-password",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"6.6.6.6, 192.0.2.{attempt}",
        )

    # the last address is the one the proxy added: only the attacker's is counted
    response = _log_in(
        client,
        user.username,
        TEST_PASSWORD,
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )

    assert response.status_code == 302


def test_client_ip_takes_the_proxys_entry_or_the_connection():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7"
    )

    assert client_ip(request) == "10.0.0.2"  # no header configured: the connection

    with override_settings(REGIOWERK_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR"):
        assert client_ip(request) == "192.0.2.7"
        assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == (
            "10.0.0.2"
        )


def test_the_password_page_is_dutch_in_the_app_layout(client):
    user = make_user()
    client.force_login(user)
    home = client.get(reverse("home")).content.decode()

    page = client.get(reverse("password-change")).content.decode()

    assert reverse("password-change") in home  # linked from every page's header
    assert "<h1>Wachtwoord wijzigen</h1>" in page
    assert "Oud wachtwoord" in page
    assert "Nieuw wachtwoord bevestigen" in page
    assert 'class="site-header"' in page


def test_a_user_changes_their_password_and_stays_logged_in(client):
    user = make_user()
    client.force_login(user)

    response = client.post(
        reverse("password-change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Uw wachtwoord is gewijzigd." in response.content.decode()
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("wrong-old-password", NEW_PASSWORD, "Uw oude wachtwoord is niet juist"),
        (TEST_PASSWORD, "Kort-2026", "Dit wachtwoord is te kort"),
        (TEST_PASSWORD, "Regiowerk-2026-lente", "mag de naam regiowerk niet bevatten"),
        (TEST_PASSWORD, "Wachtwoord2026!!", "veelgebruikt Nederlands wachtwoord"),
    ],
)
def test_a_wrong_old_or_weak_new_password_is_refused_in_dutch(
    client, old, new, message
):
    user = make_user()
    client.force_login(user)

    response = client.post(
        reverse("password-change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert message in response.content.decode()
    assert user.check_password(TEST_PASSWORD)
    assert new not in response.content.decode()  # never echoed
