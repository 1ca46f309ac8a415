"""Two-factor log-in: available to everyone, required for administrators."""

import re

from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required_for_administrators(settings):
    settings.REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS = True  # as in production


def code_of(device: TOTPDevice, *, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, drift=drift):06d}"


def log_in(client, user):
    return client.post(
        reverse("login"), {"username": user.username, "password": TEST_PASSWORD}
    )


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="regiowerk", confirmed=True)


def test_an_administrator_cannot_reach_the_app_before_setting_up_an_app(client):
    admin = make_user(role=Role.ADMINISTRATOR)

    login = log_in(client, admin)
    home = client.get(reverse("home"))
    admin_page = client.get(reverse("organisation-admin"))
    api = client.get("/api/v1/persons/")

    assert login.status_code == 302
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("otp-setup"))
    assert admin_page["Location"].startswith(reverse("otp-setup"))
    assert api.status_code == 403
    assert "tweestapsverificatie" in api.json()["detail"]


def test_an_administrator_sets_up_an_authenticator_app_and_gets_in(client):
    admin = make_user(role=Role.ADMINISTRATOR)
    log_in(client, admin)

    page = client.get(reverse("otp-setup"), {"next": reverse("organisation-admin")})
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    html = page.content.decode()

    # the QR code is an inline SVG made on the server; the key is shown as text too
    assert page.status_code == 200
    assert "<h1>Tweestapsverificatie</h1>" in html
    assert re.search(
        r"<svg[^>]*>.*<title>QR-code voor de authenticator-app</title>", html
    )
    assert "http" not in html.split('<div class="qr-code">')[1].split("</div>")[
        0
    ].replace("http://www.w3.org", "")
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert len(secret.replace(" ", "")) == 32

    wrong = client.post(reverse("otp-setup"), {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()  # no waiting in the test

    response = client.post(
        reverse("otp-setup"),
        {"token": code_of(device), "next": reverse("organisation-admin")},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("organisation-admin")
    assert client.get(reverse("home")).status_code == 200
    assert TOTPDevice.objects.get(user=admin).confirmed


def test_with_a_device_the_code_is_asked_after_the_password(client):
    admin = make_user(role=Role.ADMINISTRATOR)
    device = confirmed_device(admin)

    log_in(client, admin)
    held = client.get(reverse("person-list"))
    wrong = client.post(reverse("otp-verify"), {"token": "123456"})
    device.throttle_reset()  # no waiting in the test
    right = client.post(
        reverse("otp-verify"), {"token": code_of(device), "next": reverse("home")}
    )

    assert held["Location"].startswith(reverse("otp-verify"))
    assert "Deze code klopt niet" in wrong.content.decode()
    assert right["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_used_code_cannot_be_used_again(client):
    admin = make_user(role=Role.ADMINISTRATOR)
    device = confirmed_device(admin)
    code = code_of(device)
    log_in(client, admin)
    client.post(reverse("otp-verify"), {"token": code})
    client.post(reverse("logout"))

    log_in(client, admin)
    again = client.post(reverse("otp-verify"), {"token": code})

    assert "Deze code klopt niet" in again.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_consultant_without_a_device_logs_in_with_the_password_alone(client):
    consultant = make_user(role=Role.CONSULTANT)

    log_in(client, consultant)

    assert client.get(reverse("home")).status_code == 200


def test_a_consultant_who_set_up_an_app_is_asked_for_the_code(client):
    consultant = make_user(role=Role.CONSULTANT)
    confirmed_device(consultant)

    log_in(client, consultant)

    assert client.get(reverse("home"))["Location"].startswith(reverse("otp-verify"))


def test_with_the_requirement_off_an_administrator_logs_in_without_a_device(
    client, settings
):
    settings.REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS = False  # the demo (make run)
    admin = make_user(role=Role.ADMINISTRATOR)

    log_in(client, admin)

    assert client.get(reverse("organisation-admin")).status_code == 200


def test_the_next_page_must_be_on_this_site(client):
    admin = make_user(role=Role.ADMINISTRATOR)
    device = confirmed_device(admin)
    log_in(client, admin)

    response = client.post(
        reverse("otp-verify"),
        {"token": code_of(device), "next": "https://elders.example/"},
    )

    assert response["Location"] == reverse("home")


def test_after_a_wrong_code_the_next_try_must_wait(client):
    admin = make_user(role=Role.ADMINISTRATOR)
    device = confirmed_device(admin)
    log_in(client, admin)

    client.post(reverse("otp-verify"), {"token": "123456"})
    at_once = client.post(reverse("otp-verify"), {"token": code_of(device)})

    assert "Deze code klopt niet" in at_once.content.decode()
    assert client.get(reverse("home")).status_code == 302
