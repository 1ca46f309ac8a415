"""The persons import page: a row report, and all rows or none."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.models import Person
from regiowerk.people.tests.factories import make_bsn

pytestmark = pytest.mark.django_db

HEADER = "first_name;last_name;labour_status;birth_date;bsn"


def upload(text: str, name: str = "personen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_import_page_lists_the_columns(consultant_client):
    response = consultant_client.get(reverse("person-import"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<code>Arbeidsmarktpositie</code>" in html
    assert 'type="file"' in html


def test_a_valid_file_registers_every_row(consultant_client, organisation):
    bsn = make_bsn()
    text = "\n".join(
        [
            HEADER,
            f"Noor;Dijk;job_seeker;1971-03-02;{bsn}",
            "Sem;Bakker;ww_benefit;;",
        ]
    )

    response = consultant_client.post(reverse("person-import"), {"file": upload(text)})

    assert response.status_code == 200
    assert response.context["report"].created == 2
    assert set(
        Person.objects.filter(organisation=organisation).values_list(
            "last_name", flat=True
        )
    ) == {"Dijk", "Bakker"}
    assert bsn not in response.content.decode()


def test_a_file_with_a_bad_row_imports_nothing_and_reports_row_and_column(
    consultant_client,
):
    valid = make_bsn()
    bad_bsn = valid[:8] + str((int(valid[8]) + 1) % 10)
    text = "\n".join(
        [
            HEADER,
            "Noor;Dijk;job_seeker;1971-03-02;",
            f"Sem;Bakker;ww_benefit;;{bad_bsn}",
            "Ali;;no_such_status;;",
        ]
    )

    response = consultant_client.post(reverse("person-import"), {"file": upload(text)})

    html = response.content.decode()
    report = response.context["report"]
    assert not Person.objects.exists()
    assert {(e.row, e.field) for e in report.errors} >= {
        (3, "bsn"),
        (4, "last_name"),
        (4, "labour_status"),
    }
    assert bad_bsn not in html
    assert '<th scope="row">3</th>' in html


def test_checking_only_writes_nothing(consultant_client):
    text = "\n".join([HEADER, "Noor;Dijk;job_seeker;;"])

    response = consultant_client.post(
        reverse("person-import"), {"file": upload(text), "dry_run": "on"}
    )

    assert response.context["report"].ok
    assert not Person.objects.exists()


def test_a_file_of_another_type_is_refused_on_the_file_field(consultant_client):
    response = consultant_client.post(
        reverse("person-import"), {"file": upload("x", name="personen.txt")}
    )

    assert response.context["form"].errors["file"]
    assert response.context["report"] is None


def test_an_analyst_may_not_import_persons(client, organisation):
    client.force_login(make_user(organisation=organisation, role=Role.ANALYST))

    assert client.get(reverse("person-import")).status_code == 403


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_downloads_and_imports_back_once_filled_in(
    consultant_client, kind
):
    response = consultant_client.get(reverse("person-import"), {"sjabloon": kind})

    assert response.status_code == 200
    assert f'-sjabloon.{kind}"' in response["Content-Disposition"]
    if kind == "csv":
        header = response.content.decode("utf-8-sig").splitlines()[0]
        filled = f"{header}\n" + ";".join(
            {"Voornaam": "Anna", "Achternaam": "Jansen"}.get(h, "")
            if h != "Arbeidsmarktpositie"
            else "Werkzoekende"
            for h in header.split(";")
        )
        data = filled.encode()
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook.worksheets[0]
        header = [cell.value for cell in sheet[1]]
        values = {
            "Voornaam": "Anna",
            "Achternaam": "Jansen",
            "Arbeidsmarktpositie": "Werkzoekende",
        }
        sheet.append([values.get(h) for h in header])
        assert workbook.sheetnames == ["Gegevens", "Toelichting"]
        out = io.BytesIO()
        workbook.save(out)
        data = out.getvalue()
    assert "Voornaam" in header and "Toch registreren" in header
    page = consultant_client.post(
        reverse("person-import"),
        {"file": SimpleUploadedFile(f"personen.{kind}", data)},
    )

    assert Person.objects.filter(first_name="Anna", last_name="Jansen").exists(), (
        page.content.decode()
    )
