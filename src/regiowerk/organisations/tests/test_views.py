from django.urls import reverse

import pytest

from regiowerk.organisations.tests.factories import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_page_is_in_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Inloggen" in response.content.decode()


def test_user_logs_in_and_sees_their_organisation(client):
    user = make_user()
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert user.memberships.first().organisation.name in response.content.decode()


def test_login_is_locked_after_repeated_failures(client, settings):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})

    response = client.post(
        reverse("login"), {"username": user.username, "password": TEST_PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_user_without_organisation_is_refused(client):
    from regiowerk.organisations.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 403
