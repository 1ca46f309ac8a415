"""The demo region: it loads, it is about the promised size, loading twice changes
nothing, and every printed login works."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

import pytest

from regiowerk.demo import builder
from regiowerk.employers.models import EmployerContact
from regiowerk.organisations.models import Organisation
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import Consent, Person
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import Enrolment, Event, EventRegistration, Service


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load the full demo region once for this module; roll it back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo_region", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


pytestmark = [pytest.mark.slow]


@pytest.mark.django_db
def test_the_demo_region_has_about_the_promised_size(loaded):
    in_region = {"organisation__region__code": builder.REGION_CODE}

    assert (
        8 <= Organisation.objects.filter(region__code=builder.REGION_CODE).count() <= 10
    )
    assert Person.objects.filter(**in_region).count() == builder.DEFAULT_PERSON_COUNT
    assert 35 <= Service.objects.count() <= 45
    assert Event.objects.count() == 20
    assert EventRegistration.objects.count() > 100


@pytest.mark.django_db
def test_the_demo_region_has_histories_in_every_state(loaded):
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    purposes = set(Consent.objects.values_list("purpose", flat=True))

    assert statuses == set(EnrolmentStatus.values)
    assert purposes >= {"service_delivery", "sharing", "bsn_reporting", "research"}
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert Person.objects.exclude(bsn_pseudonym="").count() > 50
    assert Person.objects.filter(has_duplicate_elsewhere=True).exists()
    assert Event.objects.filter(anonymous_head_count__gt=0).exists()


@pytest.mark.django_db
def test_the_command_prints_every_role_its_login_and_the_demo_warning(loaded):
    for login in builder.demo_logins():
        assert login.username in loaded
    assert builder.DEMO_PASSWORD in loaded
    assert "DEMO — niet voor echte gegevens" in loaded
    for role in ("Trajectadviseur", "Arbeidsdeskundige", "Analist", "Beheerder"):
        assert role in loaded


@pytest.mark.django_db
def test_one_user_per_role_is_printed(loaded):
    roles_printed = {
        role.strip()
        for login in builder.demo_logins()
        for role in login.role.split(",")
    }

    assert len(roles_printed) == 8  # with the programme manager and the auditor


@pytest.mark.django_db
def test_loading_twice_changes_nothing(loaded):
    before = builder.demo_counts()
    out = StringIO()

    call_command("load_demo_region", stdout=out)

    assert builder.demo_counts() == before
    assert "already exists" in out.getvalue()
    assert builder.DEMO_PASSWORD in out.getvalue()  # the logins are printed again


@pytest.mark.django_db
def test_every_demo_user_can_log_in(loaded, client):
    for login in builder.demo_logins():
        client.logout()

        response = client.post(
            reverse("login"),
            {"username": login.username, "password": login.password},
        )

        assert response.status_code == 302, login.username
        assert client.get(reverse("home")).status_code == 200, login.username


def test_the_login_url_names_the_address_the_server_runs_at(loaded):
    out = StringIO()

    call_command("load_demo_region", "--site", "http://127.0.0.1:8123", stdout=out)

    assert "log in at http://127.0.0.1:8123/inloggen/" in out.getvalue()


README_COUNTS = {
    "README.md": {
        "organisations": r"(\d+) partner organisations",
        "users": r"(\d+) users",
        "persons": r"(\d+) fictitious persons",
        "dossiers": r"(\d+) dossiers",
        "services": r"(\d+) services",
        "enrolments": r"(\d+) enrolments",
        "events": r"(\d+) events",
        "event registrations": r"(\d+) registrations",
        "employers": r"(\d+) employers",
        "vacancies": r"(\d+) vacancies",
    },
    "README.nl.md": {
        "organisations": r"(\d+) partnerorganisaties",
        "users": r"(\d+) gebruikers",
        "persons": r"(\d+) verzonnen\s+personen",
        "dossiers": r"(\d+) dossiers",
        "services": r"(\d+) diensten",
        "enrolments": r"(\d+) inschrijvingen",
        "events": r"(\d+) bijeenkomsten",
        "event registrations": r"(\d+)\s+aanmeldingen",
        "employers": r"(\d+) werkgevers",
        "vacancies": r"(\d+) vacatures",
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("readme", sorted(README_COUNTS))
def test_the_readme_gives_the_counts_the_demo_loads(loaded, readme):
    from regiowerk.employers.models import Employer, Vacancy

    text = (Path(__file__).resolve().parents[4] / readme).read_text(encoding="utf-8")
    loaded_counts = {
        **builder.demo_counts(),
        "employers": Employer.objects.count(),
        "vacancies": Vacancy.objects.count(),
    }

    stated = {}
    for name, pattern in README_COUNTS[readme].items():
        found = re.search(pattern, text)
        assert found, f"{readme} does not say how many {name} the demo loads"
        stated[name] = int(found.group(1))
    assert stated == {name: loaded_counts[name] for name in stated}


@pytest.mark.django_db
def test_the_printed_counts_are_what_was_loaded(loaded):
    counts = builder.demo_counts()

    assert f"{counts['services']} services" in loaded
    assert f"{counts['persons']} persons" in loaded


@pytest.mark.django_db
def test_the_demo_employer_contact_logs_in_to_their_own_page(loaded, client):
    response = client.post(
        reverse("login"), {"username": "werkgever", "password": builder.DEMO_PASSWORD}
    )
    page = client.get(reverse("home"), follow=True)

    assert "werkgever" in loaded and "Werkgeverscontact" in loaded
    assert response.status_code == 302
    assert page.redirect_chain == [(reverse("employer-workers"), 302)]
    assert "Mijn medewerkers" in page.content.decode()
    assert client.get(reverse("person-list")).status_code == 403
    # tied to the employer with the most placements at work: the page lists them
    employer = EmployerContact.objects.get(user__username="werkgever").employer
    at_work = employer.placements.filter(ending__isnull=True)
    assert at_work.count() >= 2
    assert all(p.person.full_name in page.content.decode() for p in at_work)
    # every other worker shares their follow-up with the employer, so both show
    assert "Niet gedeeld door de medewerker" in page.content.decode()
    sharing = Consent.objects.filter(
        purpose=ConsentPurpose.EMPLOYER_FOLLOW_UP,
        withdrawn_on__isnull=True,
        person__placements__in=at_work,
    )
    assert sharing.count() == (at_work.count() + 1) // 2
