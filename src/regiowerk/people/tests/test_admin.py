import pytest

from regiowerk.people import actions
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import make_bsns

pytestmark = pytest.mark.django_db


def test_the_person_admin_shows_no_bsn_fields(admin_client, consultant):
    number = make_bsns(1, seed=21)[0]
    person = actions.register_person(
        actor=consultant,
        first_name="A",
        last_name="B",
        labour_status="job_seeker",
        bsn=number,
        bsn_reporting_consent=True,
    ).person
    person.refresh_from_db()

    page = admin_client.get(f"/admin/people/person/{person.pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "bsn_pseudonym" not in html and "bsn_encrypted" not in html
    assert person.bsn_pseudonym not in html
    assert person.bsn_encrypted not in html
    assert number not in html


def test_the_access_log_admin_is_read_only(admin_client, consultant):
    person = actions.register_person(
        actor=consultant, first_name="A", last_name="B", labour_status="job_seeker"
    ).person
    actions.export_person(actor=consultant, person=person)
    entry = AccessLog.objects.get()

    assert admin_client.get("/admin/people/accesslog/").status_code == 200
    assert admin_client.get("/admin/people/accesslog/add/").status_code == 403
    delete = admin_client.post(
        f"/admin/people/accesslog/{entry.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert AccessLog.objects.filter(pk=entry.pk).exists()
