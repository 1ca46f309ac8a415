from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.constants import EnrolmentStatus, EventType, ServiceType
from regiowerk.services.models import Enrolment, EventRegistration, Service
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
    share_with,
)

pytestmark = pytest.mark.django_db

NON_CASEWORK = [Role.ACCOUNT_MANAGER, Role.ANALYST, Role.ADMINISTRATOR]


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Gemeente Emmen")


@pytest.fixture
def provider():
    return OrganisationFactory(name="Loopbaanhuis Drenthe")


def login(client, organisation, role=Role.CONSULTANT):
    user = make_user(organisation=organisation, role=role)
    client.force_login(user)
    return user


def page(response):
    return response.content.decode()


def enrolment_url(name, enrolment):
    return reverse(name, kwargs={"enrolment_id": enrolment.pk})


def event_url(name, event):
    return reverse(name, kwargs={"event_id": event.pk})


# --- Catalogue -----------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_catalogue_and_events_render_for_every_role(client, organisation, role):
    service = ServiceFactory(provider=organisation)
    event = EventFactory(organiser=organisation)
    login(client, organisation, role)

    for url in [
        reverse("service-list"),
        reverse("service-detail", kwargs={"service_id": service.pk}),
        reverse("event-list"),
        event_url("event-detail", event),
    ]:
        assert client.get(url).status_code == 200, url


def test_catalogue_pages_require_login(client):
    response = client.get(reverse("service-list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_catalogue_filters_by_type_theme_target_group_provider_and_search(
    client, organisation, provider
):
    ServiceFactory(
        name="Loopbaanscan 50+",
        provider=provider,
        type=ServiceType.CAREER_RESEARCH,
        themes=["mobility"],
        target_groups=["50_plus"],
    )
    ServiceFactory(
        name="Vitaal aan het werk",
        provider=organisation,
        type=ServiceType.VITALITY,
        themes=["healthy_vital_work"],
        target_groups=["employees"],
        description="Beweegprogramma",
    )
    login(client, organisation)
    url = reverse("service-list")

    def names(**params):
        html = page(client.get(url, params))
        return {
            name for name in ("Loopbaanscan 50+", "Vitaal aan het werk") if name in html
        }

    assert names() == {"Loopbaanscan 50+", "Vitaal aan het werk"}
    assert names(type="vitality") == {"Vitaal aan het werk"}
    assert names(theme="mobility") == {"Loopbaanscan 50+"}
    assert names(target_group="employees") == {"Vitaal aan het werk"}
    assert names(provider=provider.pk) == {"Loopbaanscan 50+"}
    assert names(q="beweeg") == {"Vitaal aan het werk"}


def test_catalogue_hides_services_that_cannot_be_chosen_unless_asked(
    client, organisation
):
    ServiceFactory(name="Oude training", provider=organisation, is_active=False)
    login(client, organisation)

    assert "Oude training" not in page(client.get(reverse("service-list")))
    assert "Oude training" in page(
        client.get(reverse("service-list"), {"include_inactive": "on"})
    )


def test_catalogue_shows_places_left_and_full(client, organisation):
    full = ServiceFactory(name="Volle workshop", provider=organisation, capacity=1)
    EnrolmentFactory(service=full, person=PersonFactory(organisation=organisation))
    login(client, organisation)

    html = page(client.get(reverse("service-list")))

    assert "Volle workshop" in html
    assert '<span class="badge">vol</span>' in html  # the "full" badge, in Dutch


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PROJECT_LEADER])
def test_catalogue_keepers_add_a_service_with_a_price_in_euros(
    client, organisation, role
):
    login(client, organisation, role)

    response = client.post(
        reverse("service-create"),
        {
            "name": "Loopbaanonderzoek 45+",
            "type": ServiceType.CAREER_RESEARCH,
            "price": "1250,50",
            "capacity": "12",
            "themes": ["mobility", "good_employership"],
            "target_groups": ["50_plus"],
        },
    )

    service = Service.objects.get(name="Loopbaanonderzoek 45+")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "service-detail", kwargs={"service_id": service.pk}
    )
    assert service.provider == organisation
    assert service.price_cents == 1250_50
    assert service.capacity == 12
    assert service.themes == ["mobility", "good_employership"]


@pytest.mark.parametrize(
    "role", [Role.CONSULTANT, Role.LABOUR_EXPERT, Role.ACCOUNT_MANAGER, Role.ANALYST]
)
def test_other_roles_may_not_add_services_or_import_them(client, organisation, role):
    login(client, organisation, role)

    assert client.get(reverse("service-create")).status_code == 403
    assert client.get(reverse("service-import")).status_code == 403
    response = client.post(
        reverse("service-create"), {"name": "X", "type": "coaching", "price": "0"}
    )
    assert response.status_code == 403
    assert not Service.objects.exists()


def test_adding_a_service_twice_names_the_name_field(client, organisation):
    ServiceFactory(name="Jobcoaching", provider=organisation)
    login(client, organisation, Role.ADMINISTRATOR)

    response = client.post(
        reverse("service-create"),
        {"name": "jobcoaching", "type": ServiceType.COACHING, "price": "0"},
    )

    assert response.status_code == 200
    assert 'href="#id_name"' in page(response)
    assert Service.objects.count() == 1


def test_a_period_that_ends_before_it_starts_names_the_end_date(client, organisation):
    login(client, organisation, Role.ADMINISTRATOR)

    response = client.post(
        reverse("service-create"),
        {
            "name": "Workshop solliciteren",
            "type": ServiceType.WORKSHOP,
            "price": "0",
            "active_from": "2026-06-01",
            "active_until": "2026-05-01",
        },
    )

    assert 'href="#id_active_until"' in page(response)
    assert not Service.objects.exists()


def test_provider_changes_its_service(client, organisation):
    service = ServiceFactory(provider=organisation, name="Coaching", capacity=5)
    login(client, organisation, Role.PROJECT_LEADER)
    url = reverse("service-update", kwargs={"service_id": service.pk})

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Coaching op maat",
            "type": ServiceType.COACHING,
            "price": "300",
            "capacity": "8",
            "themes": ["mobility"],
            "is_active": "on",
        },
    )

    service.refresh_from_db()
    assert response.status_code == 302
    assert service.name == "Coaching op maat"
    assert service.price_cents == 300_00
    assert service.capacity == 8


def test_capacity_below_the_enrolled_participants_names_the_capacity_field(
    client, organisation
):
    service = ServiceFactory(provider=organisation, capacity=5)
    for _ in range(2):
        EnrolmentFactory(
            service=service, person=PersonFactory(organisation=organisation)
        )
    login(client, organisation, Role.ADMINISTRATOR)

    response = client.post(
        reverse("service-update", kwargs={"service_id": service.pk}),
        {"name": service.name, "type": service.type, "price": "0", "capacity": "1"},
    )

    assert 'href="#id_capacity"' in page(response)
    service.refresh_from_db()
    assert service.capacity == 5


def test_administrator_of_another_organisation_may_not_change_a_service(
    client, organisation, provider
):
    service = ServiceFactory(provider=provider)
    login(client, organisation, Role.ADMINISTRATOR)

    url = reverse("service-update", kwargs={"service_id": service.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Overgenomen"}).status_code == 403


def test_unknown_service_is_not_found(client, organisation):
    login(client, organisation)
    assert (
        client.get(reverse("service-detail", kwargs={"service_id": 999})).status_code
        == 404
    )


# --- Participants --------------------------------------------------------------------


def test_provider_sees_its_own_and_sharing_participants_only(
    client, organisation, provider
):
    # given a service of the provider with three participants
    service = ServiceFactory(provider=provider)
    own = EnrolmentFactory(
        service=service, person=PersonFactory(organisation=provider, first_name="Eigen")
    )
    sharing_person = PersonFactory(organisation=organisation, first_name="Gedeeld")
    share_with(sharing_person, provider)
    shared = EnrolmentFactory(service=service, person=sharing_person)
    hidden_person = PersonFactory(organisation=organisation, first_name="Verborgen")
    hidden = EnrolmentFactory(service=service, person=hidden_person)
    share_with(hidden_person, provider, withdrawn_on=timezone.localdate())
    user = login(client, provider)

    # when the provider's consultant opens the participant list
    response = client.get(
        reverse("service-participants", kwargs={"service_id": service.pk})
    )

    # then the two visible participants are named and logged, the third only counted
    html = page(response)
    assert response.status_code == 200
    assert own.person.last_name in html
    assert shared.person.last_name in html
    assert hidden.person.last_name not in html
    assert "1 andere inschrijving" in html
    logged = set(AccessLog.objects.filter(user=user).values_list("person", flat=True))
    assert logged == {own.person.pk, shared.person.pk}


def _participants_page(client, service, number=None):
    """The participants page and the number of queries it took."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("service-participants", kwargs={"service_id": service.pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page": number} if number else {})
    return response, len(queries)


def test_participants_are_paged_in_a_fixed_number_of_queries(client, provider):
    from regiowerk.services.views import PARTICIPANTS_PER_PAGE

    small, large = ServiceFactory(provider=provider), ServiceFactory(provider=provider)
    for service, n in ((small, 3), (large, PARTICIPANTS_PER_PAGE + 5)):
        for i in range(n):
            EnrolmentFactory(
                service=service,
                person=PersonFactory(
                    organisation=provider, last_name=f"Deelnemer{i:02d}"
                ),
            )
    user = login(client, provider)
    _participants_page(client, small)  # warm the session and the organisation

    few, few_queries = _participants_page(client, small)
    assert len(few.context["rows"]) == 3
    first, first_queries = _participants_page(client, large)
    second, second_queries = _participants_page(client, large, 2)

    assert first_queries == few_queries == second_queries
    assert len(first.context["rows"]) == PARTICIPANTS_PER_PAGE
    assert len(second.context["rows"]) == 5
    assert "Pagina 1 van 2" in page(first)
    assert "?page=2" in page(first)
    assert "andere inschrijving" not in page(second)
    # only the persons on the pages shown are logged
    logged = AccessLog.objects.filter(user=user, person__enrolments__service=large)
    assert logged.values("person").distinct().count() == PARTICIPANTS_PER_PAGE + 5


@pytest.mark.parametrize("role", NON_CASEWORK)
def test_non_casework_roles_do_not_see_participants(client, provider, role):
    service = ServiceFactory(provider=provider)
    EnrolmentFactory(service=service, person=PersonFactory(organisation=provider))
    login(client, provider, role)

    response = client.get(
        reverse("service-participants", kwargs={"service_id": service.pk})
    )

    assert response.status_code == 403


# --- Import --------------------------------------------------------------------------


def test_administrator_imports_services_from_a_csv(client, organisation):
    login(client, organisation, Role.ADMINISTRATOR)
    csv = (
        b"name;type;price;themes\n"
        b"Loopbaanscan;career_research;450;mobility\n"
        b"Budgetcoaching;financial_coaching;0;\n"
    )

    response = client.post(
        reverse("service-import"),
        {"file": SimpleUploadedFile("diensten.csv", csv, content_type="text/csv")},
        follow=True,
    )

    assert response.status_code == 200
    assert set(
        Service.objects.filter(provider=organisation).values_list("name", flat=True)
    ) == {"Loopbaanscan", "Budgetcoaching"}


def test_import_with_a_bad_row_reports_row_and_column_and_imports_nothing(
    client, organisation
):
    login(client, organisation, Role.ADMINISTRATOR)
    csv = b"name;type;price\nLoopbaanscan;career_research;450\nOnbekend;toverij;12\n"

    response = client.post(
        reverse("service-import"),
        {"file": SimpleUploadedFile("diensten.csv", csv, content_type="text/csv")},
    )

    html = page(response)
    assert response.status_code == 200
    assert '<th scope="row">3</th><td>type</td>' in html
    assert not Service.objects.exists()


# --- Enrolment -----------------------------------------------------------------------


def test_consultant_enrols_their_person_in_a_service(client, organisation):
    person = PersonFactory(organisation=organisation)
    service = ServiceFactory(provider=organisation, name="Sollicitatietraining")
    login(client, organisation)
    url = reverse("enrolment-create") + f"?person={person.pk}"

    assert "Sollicitatietraining" in page(client.get(url))
    response = client.post(
        url,
        {"service": service.pk, "registered_on": timezone.localdate().isoformat()},
    )

    enrolment = Enrolment.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == enrolment_url("enrolment-detail", enrolment)
    assert enrolment.service == service
    assert enrolment.status == EnrolmentStatus.REGISTERED


def test_enrolling_with_another_provider_without_consent_names_consent_and_provider(
    client, organisation, provider
):
    person = PersonFactory(organisation=organisation)
    service = ServiceFactory(provider=provider)
    login(client, organisation)

    response = client.post(
        reverse("enrolment-create") + f"?person={person.pk}",
        {"service": service.pk, "registered_on": timezone.localdate().isoformat()},
    )

    html = page(response)
    assert response.status_code == 200
    assert 'href="#id_service"' in html
    assert "Loopbaanhuis Drenthe" in html
    assert not Enrolment.objects.exists()


def test_enrolling_with_another_provider_works_with_a_sharing_consent(
    client, organisation, provider
):
    person = PersonFactory(organisation=organisation)
    share_with(person, provider)
    service = ServiceFactory(provider=provider)
    login(client, organisation)

    response = client.post(
        reverse("enrolment-create") + f"?person={person.pk}",
        {"service": service.pk, "registered_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 302
    assert Enrolment.objects.filter(person=person, service=service).exists()


def test_a_full_service_is_refused_on_the_form(client, organisation):
    service = ServiceFactory(provider=organisation, capacity=1)
    EnrolmentFactory(service=service, person=PersonFactory(organisation=organisation))
    person = PersonFactory(organisation=organisation)
    login(client, organisation)

    response = client.post(
        reverse("enrolment-create") + f"?person={person.pk}",
        {"service": service.pk, "registered_on": timezone.localdate().isoformat()},
    )

    assert 'href="#id_service"' in page(response)
    assert "Deze dienst is vol (geen plaatsen meer)." in page(response)
    assert not Enrolment.objects.filter(person=person).exists()


def test_a_future_registration_date_names_the_field(client, organisation):
    person = PersonFactory(organisation=organisation)
    service = ServiceFactory(provider=organisation)
    login(client, organisation)

    response = client.post(
        reverse("enrolment-create") + f"?person={person.pk}",
        {
            "service": service.pk,
            "registered_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )

    assert 'href="#id_registered_on"' in page(response)


@pytest.mark.parametrize("role", NON_CASEWORK)
def test_non_casework_roles_cannot_open_the_enrolment_page(client, organisation, role):
    person = PersonFactory(organisation=organisation)
    login(client, organisation, role)

    response = client.get(reverse("enrolment-create") + f"?person={person.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize("person_param", ["other-org", "unknown", "not-a-uuid", ""])
def test_enrolment_page_is_not_found_for_persons_out_of_reach(
    client, organisation, person_param
):
    login(client, organisation)
    value = {
        "other-org": lambda: str(PersonFactory().pk),
        "unknown": lambda: "2b7e1516-28ae-4d2a-a6ab-f7158809cf4f",
        "not-a-uuid": lambda: "1234",
        "": lambda: "",
    }[person_param]()

    response = client.get(reverse("enrolment-create") + f"?person={value}")

    assert response.status_code == 404


def test_enrolment_detail_is_not_found_for_another_organisation(
    client, organisation, provider
):
    enrolment = EnrolmentFactory(person=PersonFactory(organisation=provider))
    login(client, organisation)

    assert client.get(enrolment_url("enrolment-detail", enrolment)).status_code == 404


def test_the_sharing_provider_sees_and_follows_the_enrolment(
    client, organisation, provider
):
    person = PersonFactory(organisation=organisation)
    share_with(person, provider)
    enrolment = EnrolmentFactory(
        person=person, service=ServiceFactory(provider=provider)
    )
    login(client, provider)

    response = client.get(enrolment_url("enrolment-detail", enrolment))
    assert response.status_code == 200
    assert person.last_name in page(response)

    response = client.post(
        enrolment_url("enrolment-start", enrolment),
        {
            "start-version": enrolment.version,
            "start-started_on": timezone.localdate().isoformat(),
        },
    )
    enrolment.refresh_from_db()
    assert response.status_code == 302
    assert enrolment.status == EnrolmentStatus.STARTED


def test_a_partner_who_only_reads_cannot_change_the_enrolment(client, organisation):
    # the person shares with a partner that is neither the holder nor the provider
    person = PersonFactory(organisation=organisation)
    reader = OrganisationFactory()
    share_with(person, reader)
    enrolment = EnrolmentFactory(person=person)
    login(client, reader)

    assert client.get(enrolment_url("enrolment-detail", enrolment)).status_code == 200
    response = client.post(
        enrolment_url("enrolment-start", enrolment),
        {
            "start-version": enrolment.version,
            "start-started_on": timezone.localdate().isoformat(),
        },
    )
    enrolment.refresh_from_db()
    assert response.status_code == 404
    assert enrolment.status == EnrolmentStatus.REGISTERED


@pytest.fixture
def enrolment(organisation):
    return EnrolmentFactory(person=PersonFactory(organisation=organisation))


@pytest.fixture
def started(enrolment):
    enrolment.status = EnrolmentStatus.STARTED
    enrolment.started_on = enrolment.registered_on
    enrolment.save()
    return enrolment


def test_enrolment_goes_from_start_to_completion_with_evidence(
    client, organisation, enrolment
):
    login(client, organisation)
    today = timezone.localdate().isoformat()

    client.post(
        enrolment_url("enrolment-start", enrolment),
        {"start-version": enrolment.version, "start-started_on": today},
    )
    enrolment.refresh_from_db()
    client.post(
        enrolment_url("enrolment-attendance", enrolment),
        {"attendance-session_on": today, "attendance-is_present": "yes"},
    )
    client.post(
        enrolment_url("enrolment-satisfaction", enrolment),
        {"satisfaction-version": enrolment.version, "satisfaction-score": "8"},
    )
    enrolment.refresh_from_db()
    response = client.post(
        enrolment_url("enrolment-complete", enrolment),
        {
            "complete-version": enrolment.version,
            "complete-evidence": "Certificaat VCA-2026-0042",
            "complete-completed_on": today,
        },
    )

    enrolment.refresh_from_db()
    assert response.status_code == 302
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.completion_evidence == "Certificaat VCA-2026-0042"
    assert enrolment.satisfaction_score == 8
    assert enrolment.attendances.filter(is_present=True).count() == 1
    assert "Certificaat VCA-2026-0042" in page(
        client.get(enrolment_url("enrolment-detail", enrolment))
    )


def test_completion_without_evidence_names_the_field(client, organisation, started):
    login(client, organisation)

    response = client.post(
        enrolment_url("enrolment-complete", started),
        {
            "complete-version": started.version,
            "complete-evidence": "",
            "complete-completed_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 200
    assert 'href="#id_complete-evidence"' in page(response)
    started.refresh_from_db()
    assert started.status == EnrolmentStatus.STARTED


def test_dropping_out_requires_a_reason_and_names_the_field(
    client, organisation, enrolment
):
    login(client, organisation)
    url = enrolment_url("enrolment-drop-out", enrolment)
    today = timezone.localdate().isoformat()

    response = client.post(
        url,
        {
            "drop_out-version": enrolment.version,
            "drop_out-drop_out_reason": "  ",
            "drop_out-dropped_out_on": today,
        },
    )
    assert 'href="#id_drop_out-drop_out_reason"' in page(response)

    client.post(
        url,
        {
            "drop_out-version": enrolment.version,
            "drop_out-drop_out_reason": "Heeft werk gevonden",
            "drop_out-dropped_out_on": today,
        },
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DROPPED_OUT
    assert enrolment.drop_out_reason == "Heeft werk gevonden"


def test_attendance_for_a_future_session_names_the_date_field(
    client, organisation, started
):
    login(client, organisation)

    response = client.post(
        enrolment_url("enrolment-attendance", started),
        {
            "attendance-session_on": (
                timezone.localdate() + timedelta(days=2)
            ).isoformat(),
            "attendance-is_present": "yes",
        },
    )

    assert 'href="#id_attendance-session_on"' in page(response)
    assert not started.attendances.exists()


def test_a_satisfaction_score_outside_1_to_10_is_refused(client, organisation, started):
    login(client, organisation)

    response = client.post(
        enrolment_url("enrolment-satisfaction", started),
        {"satisfaction-version": started.version, "satisfaction-score": "11"},
    )

    assert 'href="#id_satisfaction-score"' in page(response)
    started.refresh_from_db()
    assert started.satisfaction_score is None


def test_a_stale_version_is_refused_with_the_concurrent_edit_message(
    client, organisation, enrolment
):
    login(client, organisation)
    stale = enrolment.version
    Enrolment.objects.filter(pk=enrolment.pk).update(version=stale + 1)

    response = client.post(
        enrolment_url("enrolment-start", enrolment),
        {
            "start-version": stale,
            "start-started_on": timezone.localdate().isoformat(),
        },
    )

    assert "Iemand anders heeft dit gegeven gewijzigd" in page(response)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REGISTERED


def test_status_change_forms_are_posts_only(client, organisation, enrolment):
    login(client, organisation)
    assert client.get(enrolment_url("enrolment-start", enrolment)).status_code == 405


# --- Events --------------------------------------------------------------------------


def test_event_list_shows_upcoming_and_past_events_with_reach(client, organisation):
    EventFactory(title="Banenmarkt Emmen", organiser=organisation)
    past = EventFactory(
        title="Masterclass duurzame inzetbaarheid",
        organiser=organisation,
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10) + timedelta(hours=2),
        anonymous_head_count=7,
    )
    EventRegistrationFactory(event=past, has_attended=True)
    EventRegistrationFactory(event=past, has_attended=False)
    login(client, organisation, Role.ANALYST)

    html = page(client.get(reverse("event-list")))

    upcoming_part, past_part = html.split('id="past"')
    assert "Banenmarkt Emmen" in upcoming_part
    assert "Masterclass duurzame inzetbaarheid" in past_part
    assert "<strong>8</strong>" in past_part  # 1 attended + 7 walk-ins


def test_consultant_creates_an_event(client, organisation):
    login(client, organisation)

    response = client.post(
        reverse("event-create"),
        {
            "title": "Informatiebijeenkomst omscholing zorg",
            "type": EventType.INFORMATION_SESSION,
            "starts_at": "2026-12-10T19:00",
            "ends_at": "2026-12-10T21:00",
            "place": "Bibliotheek Emmen",
            "capacity": "40",
        },
    )

    assert response.status_code == 302
    event = organisation.events.get()
    assert event.title == "Informatiebijeenkomst omscholing zorg"
    assert timezone.localtime(event.starts_at).hour == 19


def test_an_event_that_ends_before_it_starts_names_the_end_field(client, organisation):
    login(client, organisation)

    response = client.post(
        reverse("event-create"),
        {
            "title": "Netwerkbijeenkomst",
            "type": EventType.NETWORK_MEETING,
            "starts_at": "2026-12-10T19:00",
            "ends_at": "2026-12-10T18:00",
            "place": "Emmen",
        },
    )

    assert 'href="#id_ends_at"' in page(response)
    assert not organisation.events.exists()


def test_a_learning_network_meeting_needs_the_network_name(client, organisation):
    login(client, organisation)

    response = client.post(
        reverse("event-create"),
        {
            "title": "Lerend netwerk",
            "type": EventType.NETWORK_MEETING,
            "starts_at": "2026-12-10T19:00",
            "ends_at": "2026-12-10T21:00",
            "place": "Emmen",
            "is_learning_network_meeting": "on",
        },
    )

    assert 'href="#id_network_name"' in page(response)


def test_analysts_do_not_create_events(client, organisation):
    login(client, organisation, Role.ANALYST)
    assert client.get(reverse("event-create")).status_code == 403


def test_only_the_organiser_changes_an_event(client, organisation, provider):
    event = EventFactory(organiser=provider)
    login(client, organisation)
    assert client.get(event_url("event-update", event)).status_code == 403
    assert (
        client.post(
            event_url("event-head-count", event), {"anonymous_head_count": "3"}
        ).status_code
        == 403
    )


def test_event_page_names_own_registrations_and_only_counts_the_others(
    client, organisation, provider
):
    event = EventFactory(organiser=provider)
    own = EventRegistrationFactory(
        event=event, person=PersonFactory(organisation=organisation)
    )
    other = EventRegistrationFactory(
        event=event, person=PersonFactory(organisation=provider)
    )
    login(client, organisation)

    html = page(client.get(event_url("event-detail", event)))

    assert own.person.last_name in html
    assert other.person.last_name not in html
    assert "Nog 1 persoon is aangemeld door een andere organisatie" in html


def test_consultant_finds_and_registers_a_person_for_an_event(client, organisation):
    event = EventFactory(organiser=organisation)
    person = PersonFactory(organisation=organisation, last_name="Bosma")
    PersonFactory(last_name="Bosma-Elders")  # another organisation: never shown
    login(client, organisation)

    html = page(client.get(event_url("event-detail", event), {"q": "Bosma"}))
    assert f'value="{person.pk}"' in html
    assert "Bosma-Elders" not in html

    response = client.post(event_url("event-register", event), {"person": person.pk})

    assert response.status_code == 302
    assert EventRegistration.objects.filter(event=event, person=person).exists()


def test_registering_twice_shows_an_error_naming_the_person_field(client, organisation):
    event = EventFactory(organiser=organisation)
    person = PersonFactory(organisation=organisation)
    EventRegistrationFactory(event=event, person=person)
    login(client, organisation)

    response = client.post(
        event_url("event-register", event), {"person": person.pk}, follow=True
    )

    assert "Persoon: Deze persoon is al aangemeld" in page(response)
    assert EventRegistration.objects.filter(event=event).count() == 1


def test_a_full_event_refuses_another_registration(client, organisation):
    event = EventFactory(organiser=organisation, capacity=1)
    EventRegistrationFactory(event=event)
    person = PersonFactory(organisation=organisation)
    login(client, organisation)

    client.post(event_url("event-register", event), {"person": person.pk})

    assert not EventRegistration.objects.filter(person=person).exists()


def test_registering_a_person_of_another_organisation_is_not_found(
    client, organisation
):
    event = EventFactory(organiser=organisation)
    stranger = PersonFactory()
    login(client, organisation)

    response = client.post(event_url("event-register", event), {"person": stranger.pk})

    assert response.status_code == 404
    assert not EventRegistration.objects.exists()


def test_attendance_is_recorded_from_the_ticked_boxes(client, organisation):
    event = EventFactory(organiser=organisation, past=True)
    came = EventRegistrationFactory(
        event=event, person=PersonFactory(organisation=organisation)
    )
    stayed_away = EventRegistrationFactory(
        event=event, person=PersonFactory(organisation=organisation), has_attended=True
    )
    login(client, organisation)

    client.post(event_url("event-attendance", event), {"attended": [came.pk]})

    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert came.has_attended
    assert not stayed_away.has_attended


def test_attendance_for_an_event_that_has_not_begun_is_refused_naming_the_field(
    client, organisation
):
    event = EventFactory(organiser=organisation)  # next week
    registration = EventRegistrationFactory(
        event=event, person=PersonFactory(organisation=organisation)
    )
    login(client, organisation)

    response = client.post(
        event_url("event-attendance", event),
        {"attended": [registration.pk]},
        follow=True,
    )

    assert "Aanwezig: Aanwezigheid kan pas worden vastgelegd" in page(response)
    assert "Aanwezigheid opgeslagen" not in page(response)
    registration.refresh_from_db()
    assert registration.has_attended is False


def test_organiser_records_the_anonymous_head_count(client, organisation):
    event = EventFactory(organiser=organisation)
    login(client, organisation, Role.ACCOUNT_MANAGER)

    response = client.post(
        event_url("event-head-count", event), {"anonymous_head_count": "12"}
    )
    event.refresh_from_db()
    assert response.status_code == 302
    assert event.anonymous_head_count == 12

    response = client.post(
        event_url("event-head-count", event), {"anonymous_head_count": "-1"}
    )
    assert 'href="#id_anonymous_head_count"' in page(response)
    event.refresh_from_db()
    assert event.anonymous_head_count == 12


def test_enrolment_page_marks_services_whose_provider_lacks_a_sharing_consent(
    client, organisation, provider
):
    person = PersonFactory(organisation=organisation)
    ServiceFactory(provider=provider, name="Loopbaanscan")
    ServiceFactory(provider=organisation, name="Taalhuis")
    login(client, organisation)

    html = page(client.get(reverse("enrolment-create") + f"?person={person.pk}"))

    loopbaanscan = next(line for line in html.splitlines() if "Loopbaanscan" in line)
    taalhuis = next(line for line in html.splitlines() if "Taalhuis" in line)
    assert "nog geen toestemming" in loopbaanscan
    assert "toestemming" not in taalhuis


def test_past_events_offer_no_registration_search(client, organisation):
    event = EventFactory(
        organiser=organisation,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
    )
    login(client, organisation)

    html = page(client.get(event_url("event-detail", event)))

    assert 'id="register-heading"' not in html
    assert 'name="anonymous_head_count"' in html  # walk-ins are counted afterwards


# --- Authorisation matrix: role x own/other organisation x sharing consent ------------

CASEWORK = {Role.CONSULTANT, Role.LABOUR_EXPERT, Role.PROJECT_LEADER}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", ["holder", "stranger", "sharing-partner"])
def test_personal_pages_open_only_for_casework_with_a_right_to_the_person(
    client, organisation, provider, role, relation
):
    # given a person held by `organisation`, enrolled and registered for an event
    person = PersonFactory(organisation=organisation)
    enrolment = EnrolmentFactory(person=person)
    actor_organisation = organisation if relation == "holder" else provider
    if relation == "sharing-partner":
        share_with(person, provider)
    login(client, actor_organisation, role)
    allowed = role in CASEWORK and relation in ("holder", "sharing-partner")

    # when the actor opens the pages that show the person
    detail = client.get(enrolment_url("enrolment-detail", enrolment))
    create = client.get(reverse("enrolment-create") + f"?person={person.pk}")

    # then casework with a right sees them; everyone else gets the same 404
    assert detail.status_code == (200 if allowed else 404)
    assert create.status_code == (200 if allowed else 404)
    if not allowed:
        assert person.last_name not in page(detail)
        assert not AccessLog.objects.filter(person=person).exists()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", ["holder", "stranger", "sharing-partner"])
def test_event_registrations_are_named_only_to_those_with_a_right_to_the_person(
    client, organisation, provider, role, relation
):
    person = PersonFactory(organisation=organisation, last_name="Zwiers")
    event = EventFactory(organiser=provider)
    EventRegistrationFactory(event=event, person=person)
    actor_organisation = organisation if relation == "holder" else provider
    if relation == "sharing-partner":
        share_with(person, provider)
    login(client, actor_organisation, role)
    allowed = role in CASEWORK and relation in ("holder", "sharing-partner")

    html = page(client.get(event_url("event-detail", event)))

    assert ("Zwiers" in html) is allowed


def test_an_import_check_reports_valid_rows_and_writes_nothing(client, organisation):
    login(client, organisation, Role.PROJECT_LEADER)
    csv = b"name,type\nLoopbaanscan,career_research\n"

    response = client.post(
        reverse("service-import"),
        {
            "file": SimpleUploadedFile("diensten.csv", csv, content_type="text/csv"),
            "dry_run": "on",
        },
    )

    assert response.status_code == 200
    assert "De ene rij is geldig" in page(response)
    assert not Service.objects.exists()


def test_organiser_changes_an_event(client, organisation):
    event = EventFactory(organiser=organisation, title="Banenmarkt")
    login(client, organisation, Role.PROJECT_LEADER)
    url = event_url("event-update", event)

    assert 'value="Banenmarkt"' in page(client.get(url))
    response = client.post(
        url,
        {
            "title": "Banenmarkt Emmen",
            "type": EventType.REGIONAL,
            "starts_at": "2026-12-10T10:00",
            "ends_at": "2026-12-10T15:00",
            "place": "Atalanta, Emmen",
        },
    )

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.title == "Banenmarkt Emmen"
    assert event.place == "Atalanta, Emmen"
