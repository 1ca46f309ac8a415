"""Changing an activity or an indicator (web and API, under optimistic locking) and
removing one only while nothing has been recorded against it."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.monitoring import actions
from regiowerk.monitoring.models import Activity, Indicator, PeriodReport
from regiowerk.monitoring.tests.factories import ProjectFactory
from regiowerk.monitoring.tests.test_define import actor_of, client_of
from regiowerk.organisations.constants import Role

pytestmark = pytest.mark.django_db


class Setup:
    def __init__(self) -> None:
        self.leader = actor_of(Role.PROJECT_LEADER)
        self.project = ProjectFactory(
            starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
        )
        actions.add_party(
            project=self.project,
            name="X",
            role="executor",
            organisation_id=self.leader.organisation.pk,
        )
        self.activity = actions.define_activity(
            actor=self.leader, project=self.project, name="Pilot"
        )
        self.indicator = actions.define_indicator(
            actor=self.leader,
            activity=self.activity,
            name="Gesprekken",
            unit="gesprekken",
            kind="manual",
            target=Decimal(10),
        )

    def url(self, name: str, pk: int) -> str:
        return reverse(name, args=[self.project.pk, pk])


@pytest.fixture
def setup() -> Setup:
    return Setup()


def test_the_page_changes_an_activity_and_refuses_a_stale_version(setup):
    client = client_of(setup.leader)
    url = setup.url("activity-edit", setup.activity.pk)
    page = client.get(url)
    assert page.status_code == 200 and 'value="Pilot"' in page.content.decode()
    saved = client.post(
        url, {"name": "Pilot Noord", "category": "policy", "version": 1}
    )
    assert saved.status_code == 302
    setup.activity.refresh_from_db()
    assert (setup.activity.name, setup.activity.version) == ("Pilot Noord", 2)
    stale = client.post(url, {"name": "Pilot Zuid", "version": 1})
    assert stale.status_code == 400
    assert "Iemand anders heeft" in stale.content.decode()
    actions.define_activity(actor=setup.leader, project=setup.project, name="Intake")
    duplicate = client.post(url, {"name": "intake", "version": 2})
    assert duplicate.context["form"].errors["name"] == [
        "Het project heeft al een activiteit met deze titel."
    ]
    setup.activity.refresh_from_db()
    assert setup.activity.name == "Pilot Noord"


def test_only_the_leaders_change_and_remove(setup):
    auditor = client_of(actor_of(Role.AUDITOR, setup.leader.organisation))
    other = client_of(actor_of(Role.PROJECT_LEADER))
    for name, pk in (
        ("activity-edit", setup.activity.pk),
        ("indicator-edit", setup.indicator.pk),
    ):
        assert auditor.get(setup.url(name, pk)).status_code == 403
        assert other.get(setup.url(name, pk)).status_code == 404
    remove = setup.url("indicator-remove", setup.indicator.pk)
    assert auditor.post(remove).status_code == 403
    assert other.post(remove).status_code == 404
    assert Indicator.objects.filter(pk=setup.indicator.pk).exists()


def test_the_api_changes_an_indicator_with_its_version(setup, api_client_for):
    client = api_client_for(setup.leader)
    url = reverse("api-indicator-update", args=[setup.project.pk, setup.indicator.pk])
    read = client.get(
        reverse("api-indicator-detail", args=[setup.project.pk, setup.indicator.pk])
    )
    assert read.json()["version"] == 1
    changed = client.post(url, {"version": 1, "name": "Werkgeversgesprekken"})
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["name"], changed.json()["version"]) == (
        "Werkgeversgesprekken",
        2,
    )
    stale = client.post(url, {"version": 1, "unit": "uur"})
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"
    blank = client.post(url, {"version": 2, "unit": ""})
    assert blank.status_code == 400 and blank.json()["errors"][0]["field"] == "unit"
    auditor = api_client_for(actor_of(Role.AUDITOR, setup.leader.organisation))
    assert auditor.post(url, {"version": 2, "name": "X"}).status_code == 403
    setup.indicator.refresh_from_db()
    assert (setup.indicator.name, setup.indicator.unit) == (
        "Werkgeversgesprekken",
        "gesprekken",
    )


def test_nothing_recorded_an_indicator_and_an_activity_are_removed(
    setup, api_client_for
):
    client = client_of(setup.leader)
    response = client.post(setup.url("indicator-remove", setup.indicator.pk))
    assert response.status_code == 302
    assert not Indicator.objects.exists()
    api = api_client_for(setup.leader)
    url = reverse("api-activity-remove", args=[setup.project.pk, setup.activity.pk])
    assert api.post(url).status_code == 204
    assert not Activity.objects.exists()
    assert api.post(url).status_code == 404


def _record_value(setup: Setup) -> None:
    actions.enter_manual_value(
        actor=setup.leader,
        indicator=setup.indicator,
        value=Decimal(3),
        evidence_note="Lijst",
    )


def _record_change(setup: Setup) -> None:
    actions.propose_target_change(
        actor=setup.leader,
        indicator=setup.indicator,
        new_value=Decimal(8),
        reason="Minder",
        kind="informal_consultation",
        changed_on=timezone.localdate(),
    )


def _submit_report(setup: Setup) -> None:
    PeriodReport.objects.create(
        project=setup.project,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        submitted_at=timezone.now() - timedelta(days=1),
    )


def _upload(setup: Setup) -> None:
    deliverable = actions.define_indicator(
        actor=setup.leader,
        activity=setup.activity,
        name="Rapport",
        unit="rapport",
        kind="deliverable",
    )
    actions.upload_deliverable_document(
        actor=setup.leader,
        indicator=deliverable,
        file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 x"),
    )
    setup.indicator = deliverable


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (_record_value, "er is een gerealiseerde waarde voor vastgelegd."),
        (_record_change, "er is een wijziging van de streefwaarde vastgelegd."),
        (_submit_report, "het project heeft een rapportage ingediend"),
        (_upload, "er is een document van het product geüpload."),
    ],
)
def test_once_something_is_recorded_removal_is_refused_saying_why(
    setup, api_client_for, settings, tmp_path, record, reason
):
    settings.MEDIA_ROOT = tmp_path
    record(setup)
    with pytest.raises(ValidationError) as refused:
        actions.remove_indicator(actor=setup.leader, indicator=setup.indicator)
    assert refused.value.messages[0].startswith(
        "De indicator kan niet worden verwijderd"
    )
    assert reason in refused.value.messages[0]
    api = api_client_for(setup.leader)
    response = api.post(
        reverse("api-activity-remove", args=[setup.project.pk, setup.activity.pk])
    )
    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert message.startswith("De activiteit kan niet worden verwijderd: ")
    assert reason in message
    page = client_of(setup.leader).post(
        setup.url("indicator-remove", setup.indicator.pk), follow=True
    )
    assert reason in page.content.decode()
    assert Indicator.objects.filter(pk=setup.indicator.pk).exists()
    assert Activity.objects.filter(pk=setup.activity.pk).exists()
