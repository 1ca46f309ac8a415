"""A bounded schemathesis run over the whole OpenAPI schema the app serves, against the
live test server: as an anonymous client and as an authenticated consultant, with
generated and with real path parameters (a person, dossier, enrolment... of the
consultant's organisation, seeded afresh for each operation). Every response must be a
non-5xx answer the schema declares: status, content type, headers and body.

Bounded and reproducible: a fixed number of examples per operation and generation mode,
no deadline, ``derandomize`` (the same cases on every run), no example database.
"""

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks as st_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from regiowerk.employers.models import EmployerContact
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.matching.models import Occupation, Skill
from regiowerk.monitoring.tests.factories import monitored_project
from regiowerk.organisations.actions import create_api_token
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import Actor
from regiowerk.people.models import ContactMoment
from regiowerk.people.tests.factories import (
    ConsentFactory,
    DossierFactory,
    PersonFactory,
    PlanActionFactory,
)
from regiowerk.placements.models import CheckIn, FollowUpProgramme
from regiowerk.placements.tests.factories import CandidacyFactory, PlacementFactory
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_headers_conformance,
    st_checks.response_schema_conformance,
]


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: report the case found
        suppress_health_check=list(HealthCheck),
    )


def seed(actor: Actor) -> dict[str, str]:
    """One record of each kind a path names, all of the actor's organisation."""
    organisation = actor.organisation
    person = PersonFactory(organisation=organisation)
    dossier = DossierFactory(person=person)
    enrolment = EnrolmentFactory(person=person)
    event = EventFactory(organiser=organisation)
    registration = EventRegistrationFactory(event=event, person=person)
    occupation = Occupation.objects.first()
    skill = Skill.objects.first()
    placement = PlacementFactory(person=person)
    check_in = CheckIn.objects.create(  # one to change: the seeded placement's
        placement=placement,
        held_on=timezone.localdate(),
        held_with="both",
        status="on_track",
    )
    ids: dict[str, Any] = {
        "person_id": person.pk,
        "dossier_id": dossier.pk,
        "plan_action_id": PlanActionFactory(dossier=dossier).pk,
        "consent_id": ConsentFactory(person=person).pk,
        "contact_id": ContactMoment.objects.create(  # a planned one: held or cancel
            dossier=dossier,
            type="coaching",
            status="planned",
            occurred_at=timezone.now() + timedelta(days=1),
        ).pk,
        "enrolment_id": enrolment.pk,
        "service_id": enrolment.service.pk,
        "event_id": event.pk,
        "registration_id": registration.pk,
        "employer_id": EmployerFactory().pk,
        "candidacy_id": CandidacyFactory(person=person).pk,
        "placement_id": placement.pk,
        "check_in_id": check_in.pk,
        "follow_up_programme_id": FollowUpProgramme.objects.create(
            organisation=organisation,
            name=f"Nazorg {placement.pk}",  # unique in the organisation
            first_days=14,
            months=[1, 3],
            every_months=6,
            years=5,
        ).pk,
        "vacancy_id": VacancyFactory(organisation=organisation).pk,
        "occupation_id": occupation.pk if occupation else 1,
        "skill_id": skill.pk if skill else 1,
        **monitored_project(actor.organisation),
    }
    return {name: str(value) for name, value in ids.items()}


def run(
    cases: Any,
    *,
    base_url: str,
    headers: dict[str, str],
    examples: int,
    checks: list[Any],
) -> int:
    """Send up to ``examples`` generated cases and validate each answer."""
    sent = 0

    @_settings(examples)
    @given(case=cases)
    def send(case: Any) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate(base_url=base_url, headers=headers, checks=checks)

    send()
    return sent


def fuzz(
    schema: Any,
    base_url: str,
    *,
    headers: dict[str, str],
    examples: int,
    actor: Actor | None = None,
    ids: Callable[[], dict[str, str]] | None = None,
) -> tuple[dict[str, str], dict[str, int]]:
    """Failures per operation, and what was run (operations, requests, seconds). With
    an ``actor`` (or ``ids``, for a caller without one) also negative cases and the
    real ids of records seeded afresh for each operation (``seed(actor)``, or
    ``ids()``)."""
    seeded = ids or (lambda: seed(actor) if actor is not None else {})
    failures: dict[str, str] = {}
    requests = 0
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        runs: list[tuple[str, GenerationMode, dict[str, str] | None]] = [
            ("generated", GenerationMode.POSITIVE, None)
        ]
        if actor is not None or ids is not None:
            runs.append(("negative", GenerationMode.NEGATIVE, None))
            if operation.path_parameters:
                names = {p.name for p in operation.path_parameters}
                known = {n: v for n, v in seeded().items() if n in names}
                runs.append(("known ids", GenerationMode.POSITIVE, known))
        for label, mode, path_parameters in runs:
            try:
                requests += run(
                    operation.as_strategy(mode, path_parameters=path_parameters),
                    base_url=base_url,
                    headers=headers,
                    examples=examples,
                    checks=CHECKS
                    + ([st_checks.negative_data_rejection] if mode.is_negative else []),
                )
            except Unsatisfiable:
                pass  # nothing to make invalid (an operation without parameters)
            except (Exception, FailureGroup) as error:
                failures[f"{operation.label} ({label})"] = str(error)[:3000]
    return failures, {
        "operations": len(operations),
        "requests": requests,
        "seconds": round(time.monotonic() - started),
    }


@pytest.fixture
def served_schema(live_server):
    return schemathesis.openapi.from_url(
        f"{live_server.url}/api/v1/schema/?format=json"
    )


def test_an_anonymous_client_gets_declared_answers_on_every_operation(
    live_server, served_schema
):
    failures, covered = fuzz(served_schema, live_server.url, headers={}, examples=2)

    print("anonymous fuzz:", covered)  # noqa: T201  (the figures for the report)
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


def test_a_consultant_gets_declared_answers_and_no_5xx_on_every_operation(
    live_server, served_schema, consultant, demo_taxonomy
):
    _token, key = create_api_token(user=consultant.user)
    headers = {
        "Authorization": f"Token {key}",
        "X-Organisation": str(consultant.organisation.pk),
    }

    failures, covered = fuzz(
        served_schema, live_server.url, headers=headers, examples=3, actor=consultant
    )

    print("consultant fuzz:", covered)  # noqa: T201
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


MONITORING_PATHS = "^/api/v1/(programmes|projects)/"


def test_a_project_leader_gets_declared_answers_on_every_monitoring_operation(
    live_server, served_schema, project_leader
):
    """The consultant may not open a project: the monitoring operations are fuzzed
    again as the leader of the seeded project (which its organisation also funds), so
    the reports, the values and the target changes answer for real."""
    _token, key = create_api_token(user=project_leader.user)
    headers = {
        "Authorization": f"Token {key}",
        "X-Organisation": str(project_leader.organisation.pk),
    }

    failures, covered = fuzz(
        served_schema.include(path_regex=MONITORING_PATHS),
        live_server.url,
        headers=headers,
        examples=3,
        actor=project_leader,
    )

    print("project leader fuzz:", covered)  # noqa: T201
    assert covered["operations"] >= 15
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


FOLLOW_UP_PATHS = "^/api/v1/(follow-up|durability)/"


def test_a_labour_expert_gets_declared_answers_on_follow_up_and_durability(
    live_server, served_schema, organisation, make_actor
):
    """The consultant may not read the durability report and follows no placement:
    both operations are fuzzed again as a labour expert who follows one."""
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    PlacementFactory(
        organisation=organisation,
        person__organisation=organisation,
        responsible=expert.user,
    )
    _token, key = create_api_token(user=expert.user)
    headers = {
        "Authorization": f"Token {key}",
        "X-Organisation": str(organisation.pk),
    }

    failures, covered = fuzz(
        served_schema.include(path_regex=FOLLOW_UP_PATHS),
        live_server.url,
        headers=headers,
        examples=5,
        actor=expert,
    )

    print("labour expert fuzz:", covered)  # noqa: T201
    assert covered["operations"] == 2
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


PROGRAMME_PATHS = (
    "^/api/v1/(follow-up-programmes/|placements/{placement_id}/follow-up-programme/)"
)


def test_a_labour_expert_gets_declared_answers_on_the_follow_up_programmes(
    live_server, served_schema, organisation, make_actor
):
    """The consultant may not create or change a follow-up programme: its operations
    and putting a placement in one are fuzzed again as a labour expert, who keeps the
    programmes of the seeded organisation and follows its placement."""
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    _token, key = create_api_token(user=expert.user)
    headers = {
        "Authorization": f"Token {key}",
        "X-Organisation": str(organisation.pk),
    }

    failures, covered = fuzz(
        served_schema.include(path_regex=PROGRAMME_PATHS),
        live_server.url,
        headers=headers,
        examples=5,
        actor=expert,
    )

    print("labour expert programme fuzz:", covered)  # noqa: T201
    assert covered["operations"] == 6
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


UNNAMED_PATHS = (
    "^/api/v1/(vacancies/{vacancy_id}/unnamed-candidates/|candidacies/create/)"
)


def test_an_account_manager_gets_declared_answers_putting_candidates_forward_unnamed(
    live_server, served_schema, organisation, make_actor, demo_taxonomy
):
    """The consultant is refused a vacancy's unnamed candidates and starts candidacies
    by person only: the unnamed list and the candidacy's start (by candidate_token or
    a person the caller may not read) are fuzzed again as an account manager of the
    organisation that registered each seeded vacancy."""
    manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    _token, key = create_api_token(user=manager.user)
    headers = {
        "Authorization": f"Token {key}",
        "X-Organisation": str(organisation.pk),
    }

    failures, covered = fuzz(
        served_schema.include(path_regex=UNNAMED_PATHS),
        live_server.url,
        headers=headers,
        examples=5,
        actor=manager,
    )

    print("account manager unnamed fuzz:", covered)  # noqa: T201
    assert covered["operations"] == 2
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


EMPLOYER_VIEW_PATHS = "^/api/v1/employer-view/"


def test_an_employer_contact_gets_declared_answers_on_the_employer_view(
    live_server, served_schema, organisation, make_actor
):
    """An employer contact has no actor: the employer's view is fuzzed as one, with
    the id of a placement with their employer seeded afresh for each operation (help
    is asked on it for real); the consultant's run above is refused on both."""
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    employer = EmployerFactory()
    user = User.objects.create_user(username="werkgever-fuzz", password=None)
    EmployerContact.objects.create(user=user, employer=employer)
    _token, key = create_api_token(user=user)

    def placement_ids() -> dict[str, str]:
        placement = PlacementFactory(
            organisation=organisation,
            person__organisation=organisation,
            employer=employer,
            responsible=expert.user,
        )
        return {"placement_id": str(placement.pk)}

    placement_ids()  # a worker to list from the first request on
    failures, covered = fuzz(
        served_schema.include(path_regex=EMPLOYER_VIEW_PATHS),
        live_server.url,
        headers={"Authorization": f"Token {key}"},
        examples=5,
        ids=placement_ids,
    )

    print("employer contact fuzz:", covered)  # noqa: T201
    assert covered["operations"] == 2
    assert CheckIn.objects.filter(recorded_by=user).exists()  # help asked for real
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
