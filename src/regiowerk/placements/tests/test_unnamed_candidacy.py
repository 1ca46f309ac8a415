"""An account manager of a vacancy who may not read persons puts a matched candidate
forward without learning who it is: ranked candidates unnamed, an opaque token per row
(checked again server-side), the candidacy worked through to a recorded placement, and
no page of theirs names the person, shows their id or BSN, or logs a read."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.matching import actions as matching_actions
from regiowerk.matching import queries as matching_queries
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import PersonOccupation
from regiowerk.matching.tests.factories import occupation
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.access import AccessDenied
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import (
    ConsentFactory,
    make_bsn,
    register_with_bsn,
)
from regiowerk.placements import actions
from regiowerk.placements.constants import Stage
from regiowerk.placements.models import Candidacy, Placement
from regiowerk.placements.tests.factories import days_ago
from regiowerk.services.tests.factories import make_actor

pytestmark = pytest.mark.django_db


def _driver_vacancy(organisation):
    """A lorry driver's vacancy of an employer whose account ``organisation`` holds."""
    return VacancyFactory(
        title="Chauffeur CE",
        employer=EmployerFactory(account_organisation=organisation),
        organisation=organisation,
        occupation_uri=uri("occupation", "vrachtwagenchauffeur"),
        occupation_label="vrachtwagenchauffeur",
        opens_on=dt.date(2026, 1, 1),
    )


@pytest.fixture
def world(demo_taxonomy):
    consultant = make_actor()
    organisation = consultant.organisation
    bsn = make_bsn()
    person = register_with_bsn(consultant, bsn, last_name="Vrachtrijder")
    matching_actions.link_occupation(
        actor=consultant,
        person=person,
        occupation=occupation("vrachtwagenchauffeur"),
        is_current=True,
        confirmed=True,
    )
    person.test_bsn = bsn
    vacancy = _driver_vacancy(organisation)
    account_manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    return {
        "consultant": consultant,
        "person": person,
        "vacancy": vacancy,
        "account_manager": account_manager,
    }


def _token(world):
    (row,) = matching_queries.unnamed_candidates(
        actor=world["account_manager"], vacancy=world["vacancy"]
    )
    return row.token


def _assert_unnamed(html, person):
    assert person.last_name not in html
    assert str(person.pk) not in html
    assert person.pk.hex not in html
    assert person.test_bsn not in html
    assert person.bsn_pseudonym not in html


# --- The action -------------------------------------------------------------------------


def test_the_token_reveals_nothing_and_finds_the_matched_person(world):
    token = _token(world)

    assert str(world["person"].pk) not in token
    assert world["person"].pk.hex not in token
    candidacy = actions.start_unnamed_candidacy(
        actor=world["account_manager"], vacancy=world["vacancy"], candidate=token
    )
    assert (candidacy.person, candidacy.source, candidacy.stage) == (
        world["person"],
        "matching",
        Stage.RECRUITED,
    )
    assert candidacy.organisation == world["account_manager"].organisation
    assert not AccessLog.objects.filter(user=world["account_manager"].user).exists()


def test_a_token_of_another_vacancy_or_a_forged_one_finds_nobody(world):
    token = _token(world)
    other = VacancyFactory(
        employer=world["vacancy"].employer,
        organisation=world["vacancy"].organisation,
        occupation_uri=world["vacancy"].occupation_uri,
        opens_on=dt.date(2026, 1, 1),
    )

    for vacancy, candidate in ((other, token), (world["vacancy"], "0" * 40)):
        with pytest.raises(ValidationError):
            actions.start_unnamed_candidacy(
                actor=world["account_manager"], vacancy=vacancy, candidate=candidate
            )
    assert not Candidacy.objects.exists()


def test_a_person_no_longer_matched_cannot_be_put_forward(world):
    token = _token(world)
    PersonOccupation.objects.filter(person=world["person"]).delete()

    with pytest.raises(ValidationError, match=r"niet meer|no longer"):
        actions.start_unnamed_candidacy(
            actor=world["account_manager"], vacancy=world["vacancy"], candidate=token
        )


def test_only_the_vacancys_account_manager_puts_unnamed_candidates_forward(world):
    token = _token(world)
    stranger = make_actor(role=Role.ACCOUNT_MANAGER)
    analyst = make_actor(world["vacancy"].organisation, Role.ANALYST)

    for actor in (stranger, analyst, world["consultant"]):
        assert not matching_queries.unnamed_candidates(
            actor=actor, vacancy=world["vacancy"]
        )
        with pytest.raises(AccessDenied):
            actions.start_unnamed_candidacy(
                actor=actor, vacancy=world["vacancy"], candidate=token
            )


def test_putting_the_same_candidate_forward_twice_says_so(world):
    token = _token(world)
    actions.start_unnamed_candidacy(
        actor=world["account_manager"], vacancy=world["vacancy"], candidate=token
    )

    with pytest.raises(ValidationError):
        actions.start_unnamed_candidacy(
            actor=world["account_manager"], vacancy=world["vacancy"], candidate=token
        )


# --- The pages --------------------------------------------------------------------------


def test_the_account_manager_puts_forward_and_records_the_placement_unnamed(
    client, world
):
    person, vacancy = world["person"], world["vacancy"]
    client.force_login(world["account_manager"].user)
    pages = []

    candidates = client.get(reverse("vacancy-candidates", args=[vacancy.pk]))
    html = candidates.content.decode()
    pages.append(html)
    assert "Voordragen" in html
    assert "match" in html
    (token,) = re.findall(r'name="candidate" value="([0-9a-f]+)"', html)

    response = client.post(
        reverse("candidacy-put-forward", args=[vacancy.pk]), {"candidate": token}
    )
    candidacy = Candidacy.objects.get()
    assert candidacy.person == person
    detail_url = reverse("candidacy-detail", args=[candidacy.pk])
    assert response.url == detail_url
    pages.append(client.get(detail_url).content.decode())
    for version, stage in enumerate(
        (Stage.NOMINATED, Stage.INTERVIEW, Stage.TRIAL, Stage.PLACED), start=1
    ):
        response = client.post(
            reverse("candidacy-move", args=[candidacy.pk]),
            {"version": version, "stage": stage, "on": days_ago(0)},
        )
        assert response.status_code == 302
    form = client.get(reverse("placement-create-from-candidacy", args=[candidacy.pk]))
    pages.append(form.content.decode())
    response = client.post(
        reverse("placement-create-from-candidacy", args=[candidacy.pk]),
        {
            "kind": "regular",
            "contract_type": "fixed_term",
            "starts_on": days_ago(0),
            "contract_ends_on": days_ago(-180),
            "hours_per_week": 24,
        },
    )
    assert response.url == detail_url
    placement = Placement.objects.get()
    assert (placement.person, placement.candidacy) == (person, candidacy)
    pages.append(client.get(detail_url).content.decode())
    pages.append(
        client.get(reverse("vacancy-pipeline", args=[vacancy.pk])).content.decode()
    )
    # the placement's own page is not theirs: the person's organisation follows it
    assert (
        client.get(reverse("placement-detail", args=[placement.pk])).status_code == 404
    )

    for html in pages:
        _assert_unnamed(html, person)
    assert not AccessLog.objects.filter(user=world["account_manager"].user).exists()
    # the person's consultant sees the candidacy on the dossier
    client.force_login(world["consultant"].user)
    dossier = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert detail_url in dossier


def test_a_forged_token_says_so_in_dutch_and_starts_nothing(client, world):
    client.force_login(world["account_manager"].user)

    response = client.post(
        reverse("candidacy-put-forward", args=[world["vacancy"].pk]),
        {"candidate": "forged"},
        follow=True,
    )

    assert "niet meer bij de geschikte kandidaten" in response.content.decode()
    assert not Candidacy.objects.exists()


def test_another_organisations_account_manager_gets_a_404(client, world):
    client.force_login(make_actor(role=Role.ACCOUNT_MANAGER).user)

    response = client.post(
        reverse("candidacy-put-forward", args=[world["vacancy"].pk]),
        {"candidate": _token(world)},
    )

    assert response.status_code == 404
    assert not Candidacy.objects.exists()


def test_a_consultant_still_sees_the_named_candidates(client, world):
    client.force_login(world["consultant"].user)

    html = client.get(
        reverse("vacancy-candidates", args=[world["vacancy"].pk])
    ).content.decode()

    assert "Vrachtrijder" in html
    assert 'name="candidate"' not in html


def test_the_vacancy_and_its_pipeline_lead_the_account_manager_to_the_candidates(
    client, world
):
    """The demo walk found the suitable candidates reachable only by typing the URL:
    the vacancy page said only casework roles see candidates."""
    vacancy = world["vacancy"]
    candidates_url = reverse("vacancy-candidates", args=[vacancy.pk])
    client.force_login(world["account_manager"].user)

    for page in ("vacancy-detail", "vacancy-pipeline"):
        html = client.get(reverse(page, args=[vacancy.pk])).content.decode()
        assert f'href="{candidates_url}"' in html, page
        assert "Alleen rollen met casuswerk" not in html, page

    client.force_login(make_actor(role=Role.ACCOUNT_MANAGER).user)
    html = client.get(reverse("vacancy-detail", args=[vacancy.pk])).content.decode()
    assert f'href="{candidates_url}"' not in html
    assert "Alleen rollen met casuswerk zien individuele kandidaten." in html


def test_the_candidacy_pages_forms_have_their_own_element_ids(client, world):
    """The move and the ending form share the page: a label names its own field."""
    client.force_login(world["account_manager"].user)
    candidacy = actions.start_unnamed_candidacy(
        actor=world["account_manager"],
        vacancy=world["vacancy"],
        candidate=_token(world),
    )

    html = client.get(reverse("candidacy-detail", args=[candidacy.pk])).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted(ids) == sorted(set(ids))
    assert 'for="move_on"' in html and 'for="end_on"' in html


def test_a_placement_recorded_unnamed_is_followed_by_the_persons_organisation(
    client, world
):
    """The demo walk: the Werkgeversservicepunt's account manager placed a person of a
    re-integration bureau; the placement was followed by the WSP (who may not read the
    person, so nobody could open it) and by no labour expert."""
    person = world["person"]
    wsp = OrganisationFactory(name="Werkgeversservicepunt")
    ConsentFactory(person=person, purpose=ConsentPurpose.SHARING, partner=wsp)
    vacancy = _driver_vacancy(wsp)
    account_manager = make_actor(wsp, Role.ACCOUNT_MANAGER)
    (row,) = matching_queries.unnamed_candidates(actor=account_manager, vacancy=vacancy)
    candidacy = actions.start_unnamed_candidacy(
        actor=account_manager, vacancy=vacancy, candidate=row.token
    )
    actions.move_candidacy(
        actor=account_manager,
        candidacy=candidacy,
        stage=Stage.PLACED,
        on=days_ago(0),
        note="",
        expected_version=candidacy.version,
    )
    client.force_login(account_manager.user)
    url = reverse("placement-create-from-candidacy", args=[candidacy.pk])

    form = client.get(url).content.decode()
    assert 'name="responsible"' not in form
    assert "De eigen organisatie van de kandidaat volgt de plaatsing" in form
    response = client.post(
        url,
        {
            "kind": "regular",
            "contract_type": "permanent",
            "starts_on": days_ago(0),
            "hours_per_week": 32,
        },
    )

    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.organisation == person.organisation
    assert placement.responsible is None
    expert = make_actor(person.organisation, Role.LABOUR_EXPERT)
    client.force_login(expert.user)
    assert (
        client.get(reverse("placement-detail", args=[placement.pk])).status_code == 200
    )
    team = client.get(reverse("follow-up") + "?team=1").content.decode()
    assert reverse("placement-detail", args=[placement.pk]) in team


# --- The API ------------------------------------------------------------------------------

API = "/api/v1/"


def _unnamed_url(vacancy):
    return f"{API}vacancies/{vacancy.pk}/unnamed-candidates/"


def _put_forward(client, vacancy, **body):
    return client.post(
        f"{API}candidacies/create/", {"vacancy": vacancy.pk, **body}, format="json"
    )


def _fields(response):
    return [e["field"] for e in response.json()["errors"]]


def test_the_api_lists_the_unnamed_candidates_with_their_match_only(
    api_client_for, world
):
    client = api_client_for(world["account_manager"])

    response = client.get(_unnamed_url(world["vacancy"]))

    assert response.status_code == 200, response.content
    (row,) = response.json()
    assert set(row) == {"token", "score", "explanation"}
    assert row["token"] == _token(world)
    assert row["score"] > 0
    assert row["explanation"]["reason_nl"]
    _assert_unnamed(response.content.decode(), world["person"])
    assert world["person"].first_name not in response.content.decode()
    assert not AccessLog.objects.filter(user=world["account_manager"].user).exists()


def test_the_unnamed_list_answers_the_same_in_queries_for_more_candidates(
    api_client_for, world
):
    client = api_client_for(world["account_manager"])
    client.get(_unnamed_url(world["vacancy"]))  # warm up (the taxonomy is cached)
    counts = []
    for more in (0, 3):
        for n in range(more):
            person = register_with_bsn(
                world["consultant"], make_bsn(), last_name=f"Rijder{n}"
            )
            matching_actions.link_occupation(
                actor=world["consultant"],
                person=person,
                occupation=occupation("vrachtwagenchauffeur"),
                is_current=True,
                confirmed=True,
            )
        with CaptureQueriesContext(connection) as queries:
            rows = client.get(_unnamed_url(world["vacancy"])).json()
        counts.append((len(rows), len(queries)))

    assert [shown for shown, _queries in counts] == [1, 4]
    assert counts[0][1] == counts[1][1]


def test_only_the_vacancys_account_manager_gets_the_unnamed_list(api_client_for, world):
    vacancy = world["vacancy"]
    refused = [
        world["consultant"],  # casework sees the named candidates instead
        make_actor(vacancy.organisation, Role.ANALYST),
        make_actor(role=Role.ACCOUNT_MANAGER),  # another organisation's
    ]
    unknown = api_client_for(world["account_manager"]).get(
        f"{API}vacancies/999999/unnamed-candidates/"
    )
    assert unknown.status_code == 404

    for actor in refused:
        response = api_client_for(actor).get(_unnamed_url(vacancy))
        assert response.status_code == 404, actor
        assert response.json() == unknown.json()  # the same as no such vacancy


def test_the_account_manager_puts_a_token_forward_through_the_api_unnamed(
    api_client_for, world
):
    client = api_client_for(world["account_manager"])
    (row,) = client.get(_unnamed_url(world["vacancy"])).json()

    created = _put_forward(client, world["vacancy"], candidate_token=row["token"])

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["person_id"], body["person_name"], body["end_reason"]) == (
        None,
        None,
        None,
    )
    assert (body["source"], body["stage"]) == ("matching", Stage.RECRUITED)
    candidacy = Candidacy.objects.get()
    assert candidacy.person == world["person"]
    assert str(candidacy.pk) == body["id"]
    shown = client.get(f"{API}candidacies/{candidacy.pk}/")
    assert (shown.json()["person_id"], shown.json()["person_name"]) == (None, None)
    for response in (created, shown):
        _assert_unnamed(response.content.decode(), world["person"])
        assert world["person"].first_name not in response.content.decode()
    assert not AccessLog.objects.filter(user=world["account_manager"].user).exists()
    # the same token again: already a candidate, at the vacancy
    again = _put_forward(client, world["vacancy"], candidate_token=row["token"])
    assert again.status_code == 400
    assert _fields(again) == ["vacancy"]


def test_a_stale_or_forged_token_is_a_dutch_error_at_candidate_token(
    api_client_for, world
):
    client = api_client_for(world["account_manager"])
    token = _token(world)
    PersonOccupation.objects.filter(person=world["person"]).delete()

    for candidate in (token, "0" * 40, "vervalst"):
        response = _put_forward(client, world["vacancy"], candidate_token=candidate)
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["field"] == "candidate_token"
        assert "niet meer bij de geschikte kandidaten" in error["message"]
    assert not Candidacy.objects.exists()


def test_exactly_one_of_person_and_candidate_token(api_client_for, world):
    person, vacancy = world["person"], world["vacancy"]
    token = _token(world)
    consultant = api_client_for(world["consultant"])
    manager = api_client_for(world["account_manager"])

    both = _put_forward(
        consultant, vacancy, person=str(person.pk), candidate_token=token
    )
    neither = _put_forward(manager, vacancy)
    by_hand = _put_forward(manager, vacancy, candidate_token=token, source="by_hand")

    assert [r.status_code for r in (both, neither, by_hand)] == [400, 400, 400]
    assert _fields(both) == ["candidate_token"]
    assert "niet allebei" in both.content.decode()
    assert _fields(neither) == ["person"]
    assert "Geef de persoon op" in neither.content.decode()
    assert _fields(by_hand) == ["source"]
    assert not Candidacy.objects.exists()
    # a person by id still works for casework, named to them
    named = _put_forward(consultant, vacancy, person=str(person.pk))
    assert named.status_code == 201
    assert named.json()["person_name"] == person.full_name
    assert named.json()["source"] == "by_hand"


def test_only_the_vacancys_account_manager_puts_a_token_forward(api_client_for, world):
    token = _token(world)
    refused = [
        world["consultant"],
        make_actor(world["vacancy"].organisation, Role.ANALYST),
        make_actor(role=Role.ACCOUNT_MANAGER),
    ]
    unknown_person = _put_forward(
        api_client_for(world["consultant"]),
        world["vacancy"],
        person="00000000-0000-0000-0000-000000000000",
    )
    assert unknown_person.status_code == 404

    for actor in refused:
        response = _put_forward(
            api_client_for(actor), world["vacancy"], candidate_token=token
        )
        assert response.status_code == 404, actor
        assert response.json() == unknown_person.json()
    assert not Candidacy.objects.exists()
