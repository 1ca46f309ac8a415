"""Every services page and endpoint that shows a record naming a person reads it through
the gate (people.access): the read is logged, once per person shown, and an unknown
and a forbidden record give the same 404."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import queries
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import Attendance
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
    make_actor,
    share_with,
)

pytestmark = pytest.mark.django_db


def _web(client, actor: Actor):
    client.force_login(actor.user)
    return client


def _mark() -> int:
    """The newest access-log row so far (the log is append-only)."""
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _logged(actor: Actor, what: str, after: int = 0) -> list:
    rows = AccessLog.objects.filter(user=actor.user, what=what, pk__gt=after)
    assert {row.purpose for row in rows} <= {AccessPurpose.SERVICE_DELIVERY}
    return sorted(str(row.person_id) for row in rows)


def _ids(*persons) -> list:
    return sorted(str(person.pk) for person in persons)


# --- One record: the same 404 for unknown and forbidden ------------------------------------


@pytest.mark.parametrize(
    "name", ["enrolment-detail", "api-enrolment-detail", "api-enrolment-attendance"]
)
def test_an_unknown_and_a_forbidden_enrolment_give_the_same_404(
    client, consultant, name, api_client_for
):
    forbidden = EnrolmentFactory()  # another organisation's person
    anonymised = EnrolmentFactory(
        person__organisation=consultant.organisation, person__is_anonymised=True
    )
    http = (
        api_client_for(consultant)
        if name.startswith("api-")
        else _web(client, consultant)
    )

    answers = set()
    for enrolment_id in (forbidden.pk, anonymised.pk, 999_999, 2**63):
        response = http.get(reverse(name, kwargs={"enrolment_id": enrolment_id}))
        assert response.status_code == 404
        answers.add(response.content)

    assert len(answers) == 1
    assert not AccessLog.objects.filter(user=consultant.user).exists()


def test_reading_an_enrolment_and_its_attendance_is_logged(
    client, consultant, api_client_for
):
    enrolment = EnrolmentFactory(
        person__organisation=consultant.organisation, status=EnrolmentStatus.STARTED
    )
    Attendance.objects.create(
        enrolment=enrolment, session_on=timezone.localdate(), is_present=True
    )
    url = reverse("enrolment-detail", kwargs={"enrolment_id": enrolment.pk})

    assert _web(client, consultant).get(url).status_code == 200
    response = api_client_for(consultant).get(
        reverse("api-enrolment-attendance", kwargs={"enrolment_id": enrolment.pk})
    )

    assert response.status_code == 200 and len(response.json()) == 1
    assert _logged(consultant, "enrolment") == _ids(enrolment.person)
    assert _logged(consultant, "attendance") == _ids(enrolment.person)


def test_a_sharing_partner_reads_but_does_not_change_an_enrolment_elsewhere(client):
    partner = make_actor(role=Role.CONSULTANT)
    enrolment = EnrolmentFactory()  # held and provided by another organisation
    share_with(enrolment.person, partner.organisation)

    response = _web(client, partner).get(
        reverse("enrolment-detail", kwargs={"enrolment_id": enrolment.pk})
    )

    assert response.status_code == 200
    assert response.context["may_change"] is False
    assert _logged(partner, "enrolment") == _ids(enrolment.person)


# --- Lists: every person shown is logged once -------------------------------------------


def test_the_participants_page_and_api_log_each_person_shown_once(
    client, consultant, django_assert_max_num_queries, api_client_for
):
    service = ServiceFactory(provider=consultant.organisation)
    mine = [
        EnrolmentFactory(service=service, person__organisation=consultant.organisation)
        for _ in range(3)
    ]
    EnrolmentFactory(service=service)  # a person who does not share with the provider
    shown = [enrolment.person for enrolment in mine]
    url = reverse("service-participants", kwargs={"service_id": service.pk})
    web = _web(client, consultant)

    with django_assert_max_num_queries(12):
        response = web.get(url)
    assert response.status_code == 200
    assert response.context["hidden_count"] == 1
    assert _logged(consultant, "service participants") == _ids(*shown)

    mark = _mark()
    response = api_client_for(consultant).get(
        reverse("api-service-participants", kwargs={"service_id": service.pk})
    )
    assert len(response.json()) == 3
    assert _logged(consultant, "service participants", after=mark) == _ids(*shown)


def test_the_event_page_logs_the_registered_persons_and_the_persons_found(
    client, consultant
):
    event = EventFactory()
    registered = EventRegistrationFactory(
        event=event, person__organisation=consultant.organisation
    )
    EventRegistrationFactory(event=event)  # somebody else's person: hidden
    candidate = PersonFactory(organisation=consultant.organisation)
    url = reverse("event-detail", kwargs={"event_id": event.pk})

    response = _web(client, consultant).get(url, {"q": candidate.last_name})

    assert response.context["hidden_count"] == 1
    assert [r.person for r in response.context["registrations"]] == [registered.person]
    assert _logged(consultant, "event registrations") == _ids(registered.person)
    # the search never offers someone already registered
    assert registered.person not in response.context["found"]
    assert _logged(consultant, "event person search") == _ids(
        *response.context["found"]
    )


def test_the_registrations_api_logs_each_person_shown_once(consultant, api_client_for):
    event = EventFactory()
    mine = EventRegistrationFactory(
        event=event, person__organisation=consultant.organisation
    )
    EventRegistrationFactory(event=event)

    response = api_client_for(consultant).get(
        reverse("api-event-registration-list", kwargs={"event_id": event.pk})
    )

    assert [row["person_id"] for row in response.json()] == [str(mine.person_id)]
    assert _logged(consultant, "event registrations") == _ids(mine.person)


def test_saving_event_attendance_logs_the_registrations_it_read(client, consultant):
    event = EventFactory(
        organiser=consultant.organisation,
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    came = EventRegistrationFactory(
        event=event, person__organisation=consultant.organisation
    )
    stayed_away = EventRegistrationFactory(
        event=event, person__organisation=consultant.organisation
    )
    hidden = EventRegistrationFactory(event=event)

    response = _web(client, consultant).post(
        reverse("event-attendance", kwargs={"event_id": event.pk}),
        {"attended": [str(came.pk), str(hidden.pk)]},
    )

    assert response.status_code == 302
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    hidden.refresh_from_db()
    assert (came.has_attended, stayed_away.has_attended) == (True, False)
    assert hidden.has_attended is False  # not shown to this actor, so not changed
    assert _logged(consultant, "event attendance") == _ids(
        came.person, stayed_away.person
    )


# --- The queries themselves -------------------------------------------------------------


def test_read_participants_leaves_out_anonymised_persons_and_other_holders(
    consultant,
):
    service = ServiceFactory(provider=consultant.organisation)
    own = EnrolmentFactory(
        service=service, person__organisation=consultant.organisation
    )
    EnrolmentFactory(
        service=service,
        person__organisation=consultant.organisation,
        person__is_anonymised=True,
    )
    EnrolmentFactory(service=service)

    assert queries.read_participants(actor=consultant, service=service) == [own]
    assert _logged(consultant, "service participants") == _ids(own.person)


def test_an_analyst_reads_no_participants_and_nothing_is_logged():
    analyst = make_actor(role=Role.ANALYST)
    service = ServiceFactory(provider=analyst.organisation)
    EnrolmentFactory(service=service, person__organisation=analyst.organisation)

    assert queries.read_participants(actor=analyst, service=service) == []
    assert not AccessLog.objects.exists()
