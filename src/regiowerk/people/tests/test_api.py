"""The people API: every operation, its errors in the common format, and the 404 rule."""

import uuid

from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from regiowerk.organisations.constants import Role
from regiowerk.people.models import AccessLog, Person
from regiowerk.people.tests.factories import PersonFactory, make_bsns

pytestmark = pytest.mark.django_db
BSN_A, BSN_B = make_bsns(2, seed=77)
API = "/api/v1"


@pytest.fixture
def api(consultant, api_client_for):
    return api_client_for(consultant)


@pytest.fixture
def partner_api(partner_consultant, api_client_for):
    return api_client_for(partner_consultant)


def create_person(api, **overrides):
    body = {
        "first_name": "Jan",
        "name_prefix": "van der",
        "last_name": "Berg",
        "labour_status": "at_risk_of_dismissal",
        "birth_date": "1968-09-30",
        **overrides,
    }
    return api.post(f"{API}/persons/create/", body, format="json")


def fields(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


def test_creating_a_person_accepts_a_bsn_but_never_returns_it(api):
    response = create_person(api, bsn=BSN_A, postcode="8011AB")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["full_name"] == "Jan van der Berg"
    assert body["has_bsn"] is True and body["is_50_plus"] is True
    assert body["postcode"] == "8011 AB"
    assert body["notices"] == []
    assert "bsn" not in body and BSN_A not in response.content.decode()
    assert "pseudonym" not in response.content.decode()


def test_a_bad_bsn_is_reported_on_its_field_without_echoing_it(api):
    wrong = BSN_A[:8] + str((int(BSN_A[8]) + 3) % 10)

    response = create_person(api, bsn=wrong)

    assert response.status_code == 400
    assert fields(response) == {"bsn"}
    assert wrong not in response.content.decode()
    assert not Person.objects.exists()


def test_missing_fields_are_named_in_the_common_error_format(api):
    response = api.post(f"{API}/persons/create/", {"first_name": ""}, format="json")

    assert response.status_code == 400
    assert {"first_name", "last_name", "labour_status"} <= fields(response)
    assert all(
        {"field", "code", "message"} == set(e) for e in response.json()["errors"]
    )


def test_a_bsn_known_at_another_partner_gives_a_notice_and_the_own_duplicate_an_error(
    api, partner_api
):
    create_person(api, bsn=BSN_A)

    elsewhere = create_person(partner_api, bsn=BSN_A)
    again = create_person(api, bsn=f"{BSN_A[:4]} {BSN_A[4:]}")

    assert elsewhere.status_code == 201
    assert len(elsewhere.json()["notices"]) == 1
    assert again.status_code == 400 and fields(again) == {"bsn"}


def test_another_organisations_person_is_indistinguishable_from_an_unknown_one(
    api, partner_api
):
    person_id = create_person(api).json()["id"]

    forbidden = partner_api.get(f"{API}/persons/{person_id}/")
    unknown = partner_api.get(f"{API}/persons/{uuid.uuid4()}/")

    assert forbidden.status_code == unknown.status_code == 404
    assert forbidden.json() == unknown.json()


def test_the_list_shows_own_persons_and_logs_each_row_shown(
    api, consultant, organisation
):
    PersonFactory.create_batch(3, organisation=organisation)
    PersonFactory()  # another organisation

    response = api.get(f"{API}/persons/", {"limit": 2})

    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert len(response.json()["results"]) == 2
    assert (
        AccessLog.objects.filter(user=consultant.user, what="person-list").count() == 2
    )


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_non_casework_roles_get_no_individuals(
    organisation, make_actor, role, api_client_for
):
    person = PersonFactory(organisation=organisation)
    client = api_client_for(make_actor(organisation, role))

    assert client.get(f"{API}/persons/").json()["count"] == 0
    assert client.get(f"{API}/persons/{person.pk}/").status_code == 404
    assert create_person(client).status_code == 403


def test_updating_with_a_stale_version_is_a_409_conflict(api):
    person = create_person(api).json()
    url = f"{API}/persons/{person['id']}/update/"

    first = api.post(url, {"version": 1, "city": "Zwolle"}, format="json")
    stale = api.post(url, {"version": 1, "city": "Kampen"}, format="json")

    assert first.status_code == 200 and first.json()["version"] == 2
    assert stale.status_code == 409
    assert fields(stale) == {"version"}
    assert Person.objects.get().city == "Zwolle"


def test_a_partner_with_sharing_consent_reads_but_cannot_update(
    api, partner_api, partner
):
    person_id = create_person(api).json()["id"]
    consent = api.post(
        f"{API}/persons/{person_id}/consents/create/",
        {"purpose": "sharing", "partner": partner.pk},
        format="json",
    )
    assert consent.status_code == 201

    assert partner_api.get(f"{API}/persons/{person_id}/").status_code == 200
    update = partner_api.post(
        f"{API}/persons/{person_id}/update/", {"version": 1, "city": "X"}, format="json"
    )
    assert update.status_code == 404

    withdrawn = api.post(f"{API}/consents/{consent.json()['id']}/withdraw/", {})
    assert withdrawn.status_code == 200 and withdrawn.json()["is_active"] is False
    assert partner_api.get(f"{API}/persons/{person_id}/").status_code == 404


def test_the_dossier_journey_through_the_api(api):
    person_id = create_person(api).json()["id"]

    dossier = api.post(f"{API}/persons/{person_id}/dossiers/create/", {}, format="json")
    assert dossier.status_code == 201
    dossier_id = dossier.json()["id"]
    intake = api.post(
        f"{API}/dossiers/{dossier_id}/intake/",
        {"version": 1, "answers": {"has_debts": True, "available_hours_per_week": 32}},
        format="json",
    )
    assert intake.status_code == 200, intake.content
    bad_intake = api.post(
        f"{API}/dossiers/{dossier_id}/intake/",
        {"version": 2, "answers": {"available_hours_per_week": 99}},
        format="json",
    )
    assert bad_intake.status_code == 400
    assert fields(bad_intake) == {"available_hours_per_week"}
    goals = api.post(
        f"{API}/dossiers/{dossier_id}/goals/",
        {"version": 2, "goals": "Werk als monteur"},
        format="json",
    )
    assert goals.status_code == 200
    stale_goals = api.post(
        f"{API}/dossiers/{dossier_id}/goals/",
        {"version": 2, "goals": "x"},
        format="json",
    )
    assert stale_goals.status_code == 409
    action = api.post(
        f"{API}/dossiers/{dossier_id}/plan-actions/create/",
        {"description": "VCA-cursus volgen", "due_on": "2026-12-01"},
        format="json",
    )
    assert action.status_code == 201
    done = api.post(f"{API}/plan-actions/{action.json()['id']}/complete/", {})
    assert done.status_code == 200 and done.json()["done_on"]
    contact = api.post(
        f"{API}/dossiers/{dossier_id}/contact-moments/create/",
        {
            "type": "three_way_talk",
            "occurred_at": timezone.now().isoformat(),
            "notes": "Met werkgever",
        },
        format="json",
    )
    assert contact.status_code == 201

    detail = api.get(f"{API}/dossiers/{dossier_id}/").json()
    assert detail["intake"] == {"has_debts": True, "available_hours_per_week": 32}
    assert detail["goals"] == "Werk als monteur"
    assert len(detail["plan_actions"]) == 1 and len(detail["contact_moments"]) == 1
    assert len(api.get(f"{API}/persons/{person_id}/dossiers/").json()) == 1
    assert len(api.get(f"{API}/dossiers/{dossier_id}/plan-actions/").json()) == 1
    assert len(api.get(f"{API}/dossiers/{dossier_id}/contact-moments/").json()) == 1

    closed = api.post(
        f"{API}/dossiers/{dossier_id}/close/",
        {"version": 3, "reason": "Werk gevonden"},
        format="json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_other_organisations_plan_actions_and_consents_are_404(api, partner_api):
    person_id = create_person(api).json()["id"]
    dossier_id = api.post(f"{API}/persons/{person_id}/dossiers/create/", {}).json()[
        "id"
    ]
    action = api.post(
        f"{API}/dossiers/{dossier_id}/plan-actions/create/", {"description": "x"}
    ).json()
    consent = api.post(
        f"{API}/persons/{person_id}/consents/create/", {"purpose": "research"}
    ).json()

    assert (
        partner_api.post(f"{API}/plan-actions/{action['id']}/complete/").status_code
        == 404
    )
    assert (
        partner_api.post(f"{API}/consents/{consent['id']}/withdraw/").status_code == 404
    )
    assert partner_api.get(f"{API}/dossiers/{dossier_id}/").status_code == 404
    assert partner_api.post(f"{API}/plan-actions/999999/complete/").status_code == 404


def test_labour_status_observations_are_recorded_and_listed(api):
    person_id = create_person(api).json()["id"]

    response = api.post(
        f"{API}/persons/{person_id}/labour-status/create/",
        {
            "observed_on": str(timezone.localdate()),
            "status": "employed",
            "contract_type": "permanent",
        },
        format="json",
    )

    assert response.status_code == 201
    history = api.get(f"{API}/persons/{person_id}/labour-status/").json()
    assert [h["status"] for h in history] == ["employed", "at_risk_of_dismissal"]
    assert api.get(f"{API}/persons/{person_id}/").json()["labour_status"] == "employed"


def test_bsn_reporting_consent_through_the_api(api):
    person_id = create_person(api, bsn=BSN_A).json()["id"]

    missing = api.post(
        f"{API}/persons/{person_id}/consents/create/", {"purpose": "bsn_reporting"}
    )
    given = api.post(
        f"{API}/persons/{person_id}/consents/create/",
        {"purpose": "bsn_reporting", "bsn": BSN_A},
    )

    assert missing.status_code == 400 and fields(missing) == {"bsn"}
    assert given.status_code == 201
    assert BSN_A not in given.content.decode()
    consents = api.get(f"{API}/persons/{person_id}/consents/").json()
    assert [c["purpose"] for c in consents] == ["bsn_reporting"]


def test_export_and_erasure_through_the_api(
    api, organisation, make_actor, api_client_for
):
    person_id = create_person(api, bsn=BSN_B, email="jan@example.nl").json()["id"]

    export = api.get(f"{API}/persons/{person_id}/export/")
    assert export.status_code == 200
    assert export.json()["person"]["email"] == "jan@example.nl"
    assert BSN_B not in export.content.decode()

    refused = api.post(f"{API}/persons/{person_id}/erase/")
    assert refused.status_code == 403  # a consultant may not erase
    project_leader = api_client_for(make_actor(organisation, Role.PROJECT_LEADER))
    erased = project_leader.post(f"{API}/persons/{person_id}/erase/")
    assert erased.status_code == 200
    assert erased.json()["is_anonymised"] is True
    assert erased.json()["email"] == "" and erased.json()["has_bsn"] is False


def test_aggregates_are_for_analysts_only(
    organisation, api, make_actor, api_client_for
):
    PersonFactory.create_batch(5, organisation=organisation, labour_status="ww_benefit")
    analyst = api_client_for(make_actor(organisation, Role.ANALYST))

    response = analyst.get(f"{API}/persons/aggregates/", {"by": "labour_status"})

    assert response.status_code == 200
    assert response.json()["cells"]["ww_benefit"] == 5
    assert response.json()["cells"]["employed"] == 0
    assert api.get(f"{API}/persons/aggregates/", {"by": "gender"}).status_code == 403
    bad = analyst.get(f"{API}/persons/aggregates/", {"by": "bsn"})
    assert bad.status_code == 400 and fields(bad) == {"by"}


def test_the_intake_questions_are_listed(api):
    questions = api.get(f"{API}/intake-questions/").json()
    assert {"has_debts", "has_driving_licence", "available_hours_per_week"} <= {
        q["key"] for q in questions
    }


def test_anonymous_requests_are_refused():
    assert APIClient().get(f"{API}/persons/").status_code in (401, 403)


def test_the_schema_documents_the_people_api_and_has_no_bsn_in_any_response(api):
    response = api.get(f"{API}/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/persons/create/" in schema["paths"]
    assert "/api/v1/dossiers/{dossier_id}/intake/" in schema["paths"]
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("Request"):
            continue  # request bodies may carry the write-only BSN
        assert "bsn" not in component.get("properties", {}), name


def test_finding_a_person_by_bsn_uses_the_body_and_never_echoes_it(api, partner_api):
    person_id = create_person(api, bsn=BSN_A).json()["id"]

    found = api.post(f"{API}/persons/find-by-bsn/", {"bsn": BSN_A}, format="json")
    elsewhere = partner_api.post(f"{API}/persons/find-by-bsn/", {"bsn": BSN_A})
    wrong = BSN_A[:8] + str((int(BSN_A[8]) + 1) % 10)
    invalid = api.post(f"{API}/persons/find-by-bsn/", {"bsn": wrong})

    assert found.status_code == 200 and found.json()["id"] == person_id
    assert elsewhere.status_code == 404
    assert BSN_A not in found.content.decode() + elsewhere.content.decode()
    assert invalid.status_code == 400 and fields(invalid) == {"bsn"}
    assert wrong not in invalid.content.decode()


def test_a_client_is_handed_over_through_the_api(
    api, consultant, make_actor, partner_consultant
):
    colleague = make_actor(consultant.organisation)
    person_id = create_person(api).json()["id"]
    dossier = api.post(f"{API}/persons/{person_id}/dossiers/create/", {}, format="json")
    assert dossier.json()["responsible"] == consultant.user.get_username()
    url = f"{API}/dossiers/{dossier.json()['id']}/responsible/"

    elsewhere = api.post(
        url,
        {"version": 1, "responsible": partner_consultant.user.get_username()},
        format="json",
    )
    handed = api.post(
        url, {"version": 1, "responsible": colleague.user.get_username()}, format="json"
    )
    stale = api.post(
        url,
        {"version": 1, "responsible": consultant.user.get_username()},
        format="json",
    )

    assert elsewhere.status_code == 400 and fields(elsewhere) == {"responsible"}
    assert handed.status_code == 200, handed.content
    assert handed.json()["responsible"] == colleague.user.get_username()
    assert stale.status_code == 409


def test_planned_contact_moments_through_the_api(api, partner_api):
    person_id = create_person(api).json()["id"]
    dossier = api.post(f"{API}/persons/{person_id}/dossiers/create/", {}, format="json")
    dossier_id = dossier.json()["id"]
    ahead = (timezone.now() + timezone.timedelta(days=2)).isoformat()

    past = api.post(
        f"{API}/dossiers/{dossier_id}/contact-moments/plan/",
        {"type": "coaching", "planned_at": "2020-01-01T10:00:00Z"},
        format="json",
    )
    planned = [
        api.post(
            f"{API}/dossiers/{dossier_id}/contact-moments/plan/",
            {"type": "coaching", "planned_at": ahead, "notes": f"Gesprek {n}"},
            format="json",
        )
        for n in range(2)
    ]
    first, second = (p.json() for p in planned)
    caseload = api.get(f"{API}/contact-moments/planned/")
    of_dossier = api.get(f"{API}/dossiers/{dossier_id}/contact-moments/planned/")
    elsewhere = partner_api.post(
        f"{API}/contact-moments/{first['id']}/cancel/",
        {"version": 1, "reason": "Ziek"},
        format="json",
    )
    no_reason = api.post(
        f"{API}/contact-moments/{first['id']}/cancel/", {"version": 1}, format="json"
    )
    cancelled = api.post(
        f"{API}/contact-moments/{first['id']}/cancel/",
        {"version": 1, "reason": "Ziek gemeld"},
        format="json",
    )
    stale = api.post(
        f"{API}/contact-moments/{second['id']}/held/",
        {"version": 2, "occurred_at": timezone.now().isoformat()},
        format="json",
    )
    not_yet = api.post(
        f"{API}/contact-moments/{second['id']}/held/", {"version": 1}, format="json"
    )
    held_again = api.post(
        f"{API}/contact-moments/{first['id']}/held/",
        {"version": 2, "occurred_at": timezone.now().isoformat()},
        format="json",
    )

    assert past.status_code == 400 and fields(past) == {"planned_at"}
    assert [p.status_code for p in planned] == [201, 201]
    assert first["status"] == "planned" and first["version"] == 1
    assert caseload.status_code == 200
    assert [c["id"] for c in caseload.json()["results"]] == [first["id"], second["id"]]
    assert [c["id"] for c in of_dossier.json()] == [first["id"], second["id"]]
    assert elsewhere.status_code == 404
    assert no_reason.status_code == 400 and fields(no_reason) == {"reason"}
    assert cancelled.status_code == 200, cancelled.content
    body = cancelled.json()
    assert (body["status"], body["cancel_reason"], body["version"]) == (
        "cancelled",
        "Ziek gemeld",
        2,
    )
    assert body["cancelled_by"] and body["cancelled_at"]
    assert stale.status_code == 409
    assert not_yet.status_code == 400 and fields(not_yet) == {"occurred_at"}
    assert held_again.status_code == 400 and fields(held_again) == {"status"}
    left = api.get(f"{API}/contact-moments/planned/").json()["results"]
    assert [c["id"] for c in left] == [second["id"]]  # the cancelled one left the list
    history = api.get(f"{API}/dossiers/{dossier_id}/contact-moments/").json()
    assert {c["status"] for c in history} == {"planned", "cancelled"}
    assert AccessLog.objects.filter(
        person_id=person_id, what="contact-moments"
    ).exists()
