import io

from django.core.management import CommandError, call_command

import openpyxl
import pytest

from regiowerk.employers.imports import (
    VACANCY_SPEC,
    import_employers,
    import_vacancies,
)
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return get_actor(user=make_user(role=Role.ACCOUNT_MANAGER))


def test_employers_csv_is_imported_completely(actor):
    data = (
        b"name;kvk_number;sector;employees;city\n"
        b"Zorggroep Emmen;12345678;Q;420;Emmen\n"
        b"Bakkerij Jansen;8765 4321;G;6;Coevorden\n"
    )

    report = import_employers(data, actor=actor, filename="werkgevers.csv")

    assert report.ok, report.as_text()
    assert report.created == 2
    assert Employer.objects.get(kvk_number="87654321").size_class == "micro"


def test_one_bad_row_imports_nothing_and_names_row_and_field(actor):
    data = (
        b"name,kvk_number,sector\n"
        b"Goed B.V.,12345678,C\n"
        b"Fout B.V.,123,C\n"
        b"Ook fout,23456789,Z\n"
    )

    report = import_employers(data, actor=actor, filename="werkgevers.csv")

    assert not report.ok
    assert {(e.row, e.field) for e in report.errors} == {
        (3, "kvk_number"),
        (4, "sector"),
    }
    assert not Employer.objects.exists()


def test_vacancies_xlsx_needs_a_known_employer(actor):
    EmployerFactory(kvk_number="12345678")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["kvk_number", "title", "hours_min", "hours_max", "contract_type", "opens_on"]
    )
    sheet.append(["12345678", "Heftruckchauffeur", 24, 40, "temporary", "2026-11-01"])
    sheet.append(["99999999", "Orderpicker", 24, 40, "temporary", "2026-11-01"])
    buffer = io.BytesIO()
    book.save(buffer)

    report = import_vacancies(buffer.getvalue(), actor=actor, filename="vacatures.xlsx")

    assert [(e.row, e.field) for e in report.errors] == [(3, "kvk_number")]
    assert not Vacancy.objects.exists()


def test_import_command_prints_the_report_and_fails_on_errors(actor, tmp_path):
    path = tmp_path / "vacatures.csv"
    path.write_text("kvk_number,title\n12345678,Kok\n")

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_vacancies",
            str(path),
            user=actor.user.username,
            stdout=io.StringIO(),
        )


def test_dutch_headings_and_the_check_finds_an_unknown_kvk_number(actor):
    EmployerFactory(kvk_number="12345678")
    data = (
        "KvK-nummer;Titel;Minimaal aantal uren per week;Maximaal aantal uren per week;"
        "Soort contract;Opent op\n"
        "12345678;Heftruckchauffeur;24;40;temporary;01-11-2026\n"
        "99999999;Orderpicker;24;40;temporary;01-11-2026\n"
    )
    headings = [c.heading for c in VACANCY_SPEC.columns]

    check = import_vacancies(
        data.encode(), actor=actor, filename="vacatures.csv", dry_run=True
    )

    assert "KvK-nummer" in headings
    assert [(e.row, e.field) for e in check.errors] == [(3, "kvk_number")], (
        check.as_text(),
        headings,
    )
    assert not Vacancy.objects.exists()
