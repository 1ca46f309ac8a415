"""The services import (function and management command): all rows or none."""

import io
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from openpyxl import Workbook

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.services.imports import import_services
from regiowerk.services.models import Service
from regiowerk.services.tests.factories import (
    ServiceFactory,
    catalogue_keeper,
    make_actor,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

GOOD_CSV = (
    "name;type;price;capacity;themes;target_groups;active_from;active_until\n"
    "Loopbaanscan;career_research;1.250,50;12;mobility|healthy_vital_work;50_plus;"
    "2026-01-01;2026-12-31\n"
    "Budgetcoaching;Financial coaching;300;;;job_seekers|women;;\n"
)


def test_a_good_csv_adds_every_service_to_the_providers_catalogue():
    provider = OrganisationFactory()

    report = import_services(GOOD_CSV.encode(), provider=provider, filename="s.csv")

    assert report.ok, report.as_text()
    assert report.created == 2
    scan = Service.objects.get(name="Loopbaanscan")
    assert scan.provider == provider
    assert scan.price_cents == 125050
    assert scan.capacity == 12
    assert scan.themes == ["mobility", "healthy_vital_work"]
    budget = Service.objects.get(name="Budgetcoaching")
    assert (budget.type, budget.capacity, budget.is_active) == (
        "financial_coaching",
        None,
        True,
    )
    assert budget.target_groups == ["job_seekers", "women"]


def test_a_good_xlsx_is_imported():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "type", "price", "session_count", "is_active"])
    sheet.append(["Sollicitatietraining", "job_search", 450, 6, "ja"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = import_services(
        buffer.getvalue(), provider=OrganisationFactory(), filename="s.xlsx"
    )

    assert report.created == 1
    assert Service.objects.get().session_count == 6


def test_bad_rows_are_all_reported_and_nothing_is_written():
    data = (
        "name,type,price,themes,active_from,active_until\n"
        "Goed,coaching,100,,,\n"
        ",yoga,-5,world_peace,2026-02-01,2026-01-01\n"
        "Ook goed,vitality,,,,\n"
    )

    report = import_services(
        data.encode(), provider=OrganisationFactory(), filename="s.csv"
    )

    assert not report.ok
    assert {(e.row, e.field) for e in report.errors} == {
        (3, "name"),
        (3, "type"),
        (3, "price"),
        (3, "themes"),
    }
    assert not Service.objects.exists()


def test_a_period_that_ends_before_it_starts_is_reported_on_its_row():
    data = "name,type,active_from,active_until\nX,coaching,2026-02-01,2026-01-01\n"

    report = import_services(
        data.encode(), provider=OrganisationFactory(), filename="s.csv"
    )

    assert [(e.row, e.field) for e in report.errors] == [(2, "active_until")]


def test_a_name_the_provider_already_uses_rolls_back_the_whole_file():
    provider = OrganisationFactory()
    ServiceFactory(provider=provider, name="Budgetcoaching")

    report = import_services(GOOD_CSV.encode(), provider=provider, filename="s.csv")

    assert [(e.row, e.field) for e in report.errors] == [(3, "name")]
    assert report.created == 0
    assert Service.objects.count() == 1


def test_the_web_upload_needs_a_catalogue_role():
    consultant = make_actor(role=Role.CONSULTANT)
    project_leader = make_actor(consultant.organisation, role=Role.PROJECT_LEADER)

    with pytest.raises(PermissionDenied):
        import_services(
            GOOD_CSV.encode(),
            provider=consultant.organisation,
            actor=consultant,
            filename="s.csv",
        )
    report = import_services(
        GOOD_CSV.encode(),
        provider=project_leader.organisation,
        actor=project_leader,
        filename="s.csv",
    )

    assert report.created == 2
    assert Service.objects.filter(created_by=project_leader.user).count() == 2


def test_without_a_user_the_import_acts_as_the_system_for_the_provider():
    provider = OrganisationFactory()

    report = import_services(GOOD_CSV.encode(), provider=provider, filename="s.csv")

    assert report.created == 2
    services = Service.objects.filter(provider=provider)
    assert services.count() == 2
    assert not services.exclude(created_by=None).exists()


def test_a_system_identity_for_another_organisation_may_not_import():
    provider = OrganisationFactory()
    elsewhere = catalogue_keeper(OrganisationFactory())

    with pytest.raises(PermissionDenied):
        import_services(
            GOOD_CSV.encode(), provider=provider, actor=elsewhere, filename="s.csv"
        )
    assert not Service.objects.exists()


def test_the_command_imports_a_file_and_prints_the_report(tmp_path: Path):
    provider = OrganisationFactory()
    path = tmp_path / "diensten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8-sig")
    out = io.StringIO()

    call_command("import_services", str(path), provider=provider.pk, stdout=out)

    assert "2" in out.getvalue()
    assert Service.objects.filter(provider=provider).count() == 2


def test_the_command_fails_and_writes_nothing_on_a_bad_file(tmp_path: Path):
    path = tmp_path / "diensten.csv"
    path.write_text("name,type\nX,unknown\n", encoding="utf-8")
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_services", str(path), provider=OrganisationFactory().pk, stdout=out
        )

    assert "row 2" in out.getvalue() or "rij 2" in out.getvalue()
    assert not Service.objects.exists()


def test_the_command_dry_run_writes_nothing(tmp_path: Path):
    path = tmp_path / "diensten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")

    call_command(
        "import_services",
        str(path),
        provider=OrganisationFactory().pk,
        dry_run=True,
        stdout=io.StringIO(),
    )

    assert not Service.objects.exists()


def test_the_command_refuses_an_unknown_provider(tmp_path: Path):
    path = tmp_path / "diensten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_services", str(path), provider=999_999)
