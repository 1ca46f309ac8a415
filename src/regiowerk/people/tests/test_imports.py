"""Persons import: every bad row and field reported, then all rows or none."""

import io

from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

import pytest
from openpyxl import Workbook

from regiowerk.organisations.constants import Role
from regiowerk.people.imports import import_persons
from regiowerk.people.models import Consent, Person
from regiowerk.people.tests.factories import make_bsns

pytestmark = pytest.mark.django_db
BSN_A, BSN_B, BSN_C = make_bsns(3, seed=5)
HEADER = "first_name;name_prefix;last_name;labour_status;birth_date;postcode;bsn;bsn_reporting_consent"


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_a_valid_csv_registers_every_row(consultant, organisation):
    data = csv_bytes(
        f"Anna;;Jansen;ww_benefit;1970-02-03;8011 AB;{BSN_A};ja",
        "Piet;van;Dijk;Werkzoekende;15-06-1985;;;",
        f"Sara;;Bakker;employed;;;{BSN_B[:3]}.{BSN_B[3:]};nee",
    )

    report = import_persons(data, actor=consultant, filename="personen.csv")

    assert report.ok, report.as_text()
    assert report.created == 3 and report.applied
    persons = Person.objects.filter(organisation=organisation).order_by("first_name")
    assert [p.first_name for p in persons] == ["Anna", "Piet", "Sara"]
    anna = persons[0]
    assert anna.bsn_encrypted and anna.has_bsn
    assert Consent.objects.filter(person=anna, purpose="bsn_reporting").exists()
    assert persons[1].labour_status == "job_seeker"  # Dutch label accepted
    assert persons[2].has_bsn and persons[2].bsn_encrypted is None


def test_any_bad_row_means_nothing_is_imported_and_every_error_is_reported(consultant):
    wrong_bsn = BSN_C[:8] + str((int(BSN_C[8]) + 1) % 10)
    data = csv_bytes(
        f"Anna;;Jansen;ww_benefit;1970-02-03;;{BSN_A};",
        "Piet;;;retired;31-02-1985;;;",
        f"Sara;;Bakker;employed;;;{wrong_bsn};",
        ";;Visser;employed;;;;ja",
    )

    report = import_persons(data, actor=consultant, filename="personen.csv")

    assert not report.ok
    assert report.created == 0
    assert not Person.objects.exists()
    problems = {(e.row, e.field) for e in report.errors}
    assert problems == {
        (3, "last_name"),
        (3, "labour_status"),
        (3, "birth_date"),
        (4, "bsn"),
        (5, "first_name"),
    }
    assert wrong_bsn not in report.as_text()


def test_a_bsn_twice_in_one_file_rolls_back_the_whole_file(consultant):
    data = csv_bytes(
        f"Anna;;Jansen;ww_benefit;;;{BSN_A};",
        f"Anna;;Jansen-de Vries;ww_benefit;;;{BSN_A};",
    )

    report = import_persons(data, actor=consultant, filename="personen.csv")

    assert not report.ok
    assert [(e.row, e.field) for e in report.errors] == [(3, "bsn")]
    assert not Person.objects.exists()
    assert BSN_A not in report.as_text()


def test_consent_without_a_bsn_is_a_row_error(consultant):
    report = import_persons(
        csv_bytes("Anna;;Jansen;ww_benefit;;;;ja"), actor=consultant, filename="p.csv"
    )
    assert [(e.row, e.field) for e in report.errors] == [(2, "bsn")]


def test_an_xlsx_file_is_imported_too_and_an_eight_digit_bsn_keeps_its_zero(consultant):
    leading_zero = next(
        b for b in make_bsns(400, seed=9) if b[0] == "0" and b[1] != "0"
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First_Name", "Last_Name", "Labour_Status", "BSN", "Birth_date"])
    # Excel stores a typed BSN as a number and drops the leading zero.
    sheet.append(["Mila", "de Boer", "social_assistance", int(leading_zero), None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = import_persons(buffer.getvalue(), actor=consultant, filename="p.xlsx")

    assert report.ok, report.as_text()
    person = Person.objects.get()
    from regiowerk.people.bsn import pseudonymise_bsn

    assert person.bsn_pseudonym == pseudonymise_bsn(leading_zero)


def test_a_dry_run_checks_but_writes_nothing(consultant):
    report = import_persons(
        csv_bytes("Anna;;Jansen;ww_benefit;;;;"),
        actor=consultant,
        dry_run=True,
        filename="p.csv",
    )
    assert report.ok and report.dry_run and report.created == 0
    assert not Person.objects.exists()


def test_only_casework_roles_import(organisation, make_actor):
    with pytest.raises(PermissionDenied):
        import_persons(
            csv_bytes("Anna;;Jansen;ww_benefit;;;;"),
            actor=make_actor(organisation, Role.ANALYST),
            filename="p.csv",
        )


def test_the_command_imports_a_file_for_an_organisation(tmp_path, organisation):
    path = tmp_path / "personen.csv"
    path.write_bytes(csv_bytes(f"Anna;;Jansen;ww_benefit;;;{BSN_A};"))
    out = io.StringIO()

    call_command("import_persons", str(path), organisation=organisation.pk, stdout=out)

    assert "1" in out.getvalue()
    person = Person.objects.get()
    assert person.organisation == organisation and person.created_by is None


def test_the_command_fails_and_prints_the_report_for_a_bad_file(tmp_path, organisation):
    path = tmp_path / "personen.csv"
    path.write_bytes(csv_bytes("Anna;;;ww_benefit;;;;"))
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_persons", str(path), organisation=organisation.pk, stdout=out
        )
    assert "Achternaam" in out.getvalue()  # the column as users name it
    assert not Person.objects.exists()


DUTCH_HEADER = "Voornaam;Achternaam;Arbeidsmarktpositie;Geboortedatum;BSN"


def test_dutch_column_names_and_value_labels_are_taken(consultant, organisation):
    data = (
        f"{DUTCH_HEADER}\nAnna;Jansen;WW-uitkering;03-02-1970;{BSN_A}\n"
        "Piet;Dijk;job_seeker;;\n"  # the codes still work
    ).encode()

    report = import_persons(data, actor=consultant, filename="personen.csv")

    assert report.ok, report.as_text()
    statuses = dict(
        Person.objects.filter(organisation=organisation).values_list(
            "first_name", "labour_status"
        )
    )
    assert statuses == {"Anna": "ww_benefit", "Piet": "job_seeker"}


def test_a_wrong_value_is_explained_in_dutch_with_the_dutch_options(consultant):
    data = f"{DUTCH_HEADER}\nAnna;Jansen;met pensioen;;\n".encode()

    report = import_persons(data, actor=consultant, filename="personen.csv")

    (error,) = report.errors
    assert error.heading == "Arbeidsmarktpositie"
    assert "Werkzoekende" in error.message and "job_seeker" not in error.message


def test_the_check_finds_what_the_real_import_would_refuse(consultant):
    register = f"{DUTCH_HEADER}\nAnna;Jansen;Werkzoekende;03-02-1970;{BSN_A}\n"
    assert import_persons(register.encode(), actor=consultant, filename="a.csv").ok
    again = f"{DUTCH_HEADER}\nAnnA;jansen;Werkzoekende;1970-02-03;\nBob;Smit;Werkzoekende;;{BSN_A}\n"

    check = import_persons(
        again.encode(), actor=consultant, filename="a.csv", dry_run=True
    )

    assert {(e.row, e.field) for e in check.errors} == {
        (2, "register_anyway"),  # the same person again, by name and date of birth
        (3, "bsn"),  # a BSN the organisation already has
    }
    assert Person.objects.count() == 1  # the check wrote nothing


def test_a_likely_duplicate_is_imported_when_the_file_says_so(consultant):
    row = "Anna;Jansen;Werkzoekende;03-02-1970;{}"
    header = f"{DUTCH_HEADER};Toch registreren"
    data = f"{header}\n{row.format('')};nee\n{row.format('')};ja\n".encode()

    report = import_persons(data, actor=consultant, filename="a.csv")

    assert report.ok, report.as_text()
    assert Person.objects.filter(first_name="Anna").count() == 2


def test_an_email_address_is_checked_as_the_form_checks_it(consultant):
    data = b"Voornaam;Achternaam;Arbeidsmarktpositie;E-mail\nAnna;Jansen;Werkzoekende;anna@\n"

    report = import_persons(data, actor=consultant, filename="a.csv")

    assert [(e.row, e.field) for e in report.errors] == [(2, "email")]
