"""The admin lists the catalogue and events; enrolments are read-only and nameless."""

from django.urls import reverse

import pytest

from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventRegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["service", "enrolment", "attendance", "event"])
def test_every_services_admin_page_opens(admin_client, name):
    response = admin_client.get(reverse(f"admin:services_{name}_changelist"))

    assert response.status_code == 200


def test_the_enrolment_admin_shows_no_names_and_allows_no_changes(admin_client):
    enrolment = EnrolmentFactory(person__first_name="Zeldzaam")

    listing = admin_client.get(reverse("admin:services_enrolment_changelist"))
    detail = admin_client.get(
        reverse("admin:services_enrolment_change", args=[enrolment.pk])
    )
    changed = admin_client.post(
        reverse("admin:services_enrolment_change", args=[enrolment.pk]),
        {"status": "completed"},
    )

    assert "Zeldzaam" not in listing.content.decode()
    assert "Zeldzaam" not in detail.content.decode()
    assert changed.status_code == 403


def test_the_event_admin_shows_registrations_without_names(admin_client):
    registration = EventRegistrationFactory(person__first_name="Zeldzaam")

    response = admin_client.get(
        reverse("admin:services_event_change", args=[registration.event.pk])
    )

    assert response.status_code == 200
    assert "Zeldzaam" not in response.content.decode()
