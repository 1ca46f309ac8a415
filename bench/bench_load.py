"""Load at a region's scale: pages and API lists under concurrent users, on PostgreSQL.

    .venv/bin/python -m bench.bench_load                      # 10,000 then 100,000 persons
    .venv/bin/python -m bench.bench_load --scales 1000,5000 --seconds 20   # a quick try

For each scale (persons) it

1. creates a fresh PostgreSQL database ``bench_load_<persons>`` (``--postgres``: any
   database URL of the server, its database name is replaced), runs the migrations and
   generates a registry with ``bulk_create`` in batches: one region with the demo
   region's ten organisations, users with every role (``--users`` consultants, spread
   over the five organisations that register persons), the persons with an open or
   closed dossier, contact moments, plan actions and consents, about three enrolments
   per person over 300 services (sharing consents where the provider is another
   partner), the demo taxonomy (imported with ``matching.actions.import_taxonomy``),
   half as many vacancies as persons (50,000 at 100,000) of one employer per ten
   vacancies, with a confirmed occupation and sometimes an extra skill, and occupations
   and declared skills for about 70 % of the persons, so a vacancy has candidates. The
   generation time is printed;
2. starts gunicorn on 127.0.0.1 (``--workers``, default 2 x cores + 1) with DEBUG off,
   production settings (``regiowerk.config.settings.base``) and fresh random keys in the
   server's environment, persistent database connections (``conn_max_age``) and the
   API rate limit raised for the run;
3. logs each simulated user in as its own consultant through the login form (CSRF
   token and session cookie), fetches each page once untimed (per-process caches such
   as the taxonomy), then runs ``--users`` threads for ``--seconds``, each picking at
   random one of: the dossier page of a person of its organisation, a person search on
   a last name of its organisation, the participants of a service, the candidates of an
   open vacancy, and the API lists of persons, services, vacancies and a person's
   enrolments (with its DRF token). Every request is counted; an error is any status other than 200 or
   an exception.

Printed per page: requests, errors and p50/p95/p99 latency (ms) for each scale side by
side, with the targets (0 errors; p95 < 150 ms for the dossier page and the API lists,
< 1 s for a vacancy's candidates) and PASS/FAIL per scale. The databases are dropped
at the end unless ``--keep``. Latency includes the client (Python threads on the same
machine), so on a small shared machine it is an upper bound.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://regiowerk:regiowerk@127.0.0.1:54330/postgres"
PASSWORD = "bench-load-Wachtwoord-2026"  # noqa: S105 - a throwaway benchmark database
SERVICES = 300
ENROLMENTS_PER_PERSON = (2, 3, 3, 4)  # mean 3
BATCH = 5000
SAMPLE_PER_ORGANISATION = 2000  # person ids per organisation the users pick from

# page key -> (label, p95 target in ms or None)
PAGES: dict[str, tuple[str, float | None]] = {
    "dossier": ("dossier page /personen/<uuid>/", 150),
    "search": ("person search /personen/?q=", None),
    "participants": ("enrolments /catalogus/<id>/deelnemers/", None),
    "candidates": ("candidates /vacatures/<id>/kandidaten/", 1000),
    "api_persons": ("API /api/v1/persons/", 150),
    "api_services": ("API /api/v1/services/", 150),
    "api_vacancies": ("API /api/v1/vacancies/", 150),
    "api_enrolments": ("API /api/v1/enrolments/?person=", 150),
}


# --- Generation (runs in a child process with the bench database's settings) ----------


def generate(persons: int, users: int, out: Path, seed: int = 2026) -> None:
    """Migrate the database of DATABASE_URL and fill it; write what the users need."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from faker import Faker

    from regiowerk.demo import builder
    from regiowerk.demo.matching import PLACES
    from regiowerk.employers.constants import (
        ContractType,
        OccupationStatus,
        Sector,
        SizeClass,
        VacancySource,
        VacancyStatus,
    )
    from regiowerk.employers.models import Employer, Vacancy, VacancySkill
    from regiowerk.matching import actions as matching_actions
    from regiowerk.matching.constants import LinkSource, SkillSource
    from regiowerk.matching.demo_taxonomy import write_demo_taxonomy
    from regiowerk.matching.models import (
        Occupation,
        OccupationSkill,
        PersonOccupation,
        PersonSkill,
        ServiceSkill,
        Skill,
    )
    from regiowerk.organisations.actions import create_api_token
    from regiowerk.organisations.constants import Role
    from regiowerk.organisations.models import Membership, Organisation, Region, User
    from regiowerk.people.constants import ConsentPurpose, ContactType, DossierStatus
    from regiowerk.people.models import (
        Consent,
        ContactMoment,
        Dossier,
        Person,
        PlanAction,
    )
    from regiowerk.services.constants import EnrolmentStatus
    from regiowerk.services.models import Enrolment, Service
    from skillmatch import Taxonomy

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started
    mark = time.perf_counter()
    rng = random.Random(seed)
    faker = Faker("nl_NL")
    faker.seed_instance(seed)
    today = timezone.localdate()
    first_names = sorted({faker.first_name() for _ in range(600)})
    last_names = sorted({faker.last_name() for _ in range(1500)})

    def bulk(model: Any, rows: list[Any]) -> list[Any]:
        for start in range(0, len(rows), BATCH):
            model.objects.bulk_create(rows[start : start + BATCH])
        return rows

    def at(day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, clock(hour=hour)))

    with transaction.atomic():
        region = Region.objects.create(name="Benchmarkregio", code="bench")
        orgs = {
            spec.key: Organisation.objects.create(
                name=spec.name, type=spec.type, region=region
            )
            for spec in builder.ORGANISATIONS
        }
        registering = [s for s in builder.ORGANISATIONS if s.registers_persons]
        hashed = make_password(PASSWORD)
        made_users: list[tuple[Any, str, str]] = []  # (user, org key, role)
        for index in range(max(users, len(registering))):
            spec = registering[index % len(registering)]
            made_users.append(
                (User(username=f"consulent{index:03d}"), spec.key, Role.CONSULTANT)
            )
        for role in Role.values:  # one of every role at the municipality
            made_users.append((User(username=f"gemeente.{role}"), "gemeente", role))
        made_users.append(
            (User(username="wsp.accountmanager"), "wsp", "account_manager")
        )
        for user, _key, _role in made_users:
            user.password = hashed
        User.objects.bulk_create([u for u, _k, _r in made_users])
        Membership.objects.bulk_create(
            Membership(user=u, organisation=orgs[k], role=r) for u, k, r in made_users
        )
        consultants = [(u, k) for u, k, r in made_users if r == Role.CONSULTANT][:users]
        caseworker = {}
        for user, key in consultants:
            caseworker.setdefault(key, user)

        # services: the demo catalogue, each offered in variants
        templates = builder.SERVICES
        services: list[Service] = []
        for index in range(SERVICES):
            key, name, type_, euros, _cap, hours, sessions, themes, groups = templates[
                index % len(templates)
            ]
            services.append(
                Service(
                    name=f"{name} ({index // len(templates) + 1})",
                    type=type_,
                    provider=orgs[key],
                    price_cents=euros * 100,
                    capacity=None,
                    duration_hours=hours,
                    session_count=sessions,
                    themes=list(themes),
                    target_groups=list(groups),
                    active_from=today - timedelta(days=800),
                )
            )
        bulk(Service, services)

        # persons, dossiers, contacts, plan actions, consents
        total_weight = sum(s.registers_persons for s in registering)
        keys = [s.key for s in registering]
        weights = [s.registers_persons / total_weight for s in registering]
        statuses = {
            key: builder._STATUS_MIX[key]  # the demo's labour-status mix per partner
            for key in keys
        }
        person_rows: list[Person] = []
        for _index in range(persons):
            key = rng.choices(keys, weights)[0]
            city, area, _lat, _lon = rng.choice(PLACES)
            options, status_weights = zip(*statuses[key], strict=True)
            person_rows.append(
                Person(
                    organisation=orgs[key],
                    first_name=rng.choice(first_names),
                    last_name=rng.choice(last_names),
                    birth_date=today - timedelta(days=rng.randint(19 * 365, 66 * 365)),
                    gender=rng.choice(("female", "male")),
                    email=f"p{rng.randrange(10**9)}@example.invalid",
                    postcode=f"{area} AB",
                    city=city,
                    region=region,
                    labour_status=rng.choices(options, status_weights)[0],
                    labour_status_since=today - timedelta(days=rng.randint(200, 720)),
                    created_by=caseworker[key],
                )
            )
        bulk(Person, person_rows)
        dossiers, contacts, plans, consents = [], [], [], []
        for person in person_rows:
            opened = person.labour_status_since + timedelta(days=rng.randint(0, 120))
            opened = min(opened, today - timedelta(days=7))
            closed = rng.random() < 0.1
            dossier = Dossier(
                person=person,
                organisation=person.organisation,
                status=DossierStatus.CLOSED if closed else DossierStatus.OPEN,
                opened_on=opened,
                closed_on=today - timedelta(days=1) if closed else None,
                closing_reason="Werk gevonden" if closed else "",
                goals="Binnen een half jaar duurzaam aan het werk.",
                opened_by=person.created_by,
                responsible=person.created_by,  # the caseload of its consultant
            )
            dossiers.append(dossier)
            consents.append(
                Consent(
                    person=person,
                    purpose=ConsentPurpose.SERVICE_DELIVERY,
                    given_on=opened,
                    recorded_by=person.created_by,
                )
            )
            for number in range(rng.randint(1, 3)):
                contacts.append(
                    ContactMoment(
                        dossier=dossier,
                        type=ContactType.INTAKE if number == 0 else ContactType.PHONE,
                        occurred_at=at(opened + timedelta(days=7 * number), 10),
                        notes="Gesprek over de volgende stap.",
                        recorded_by=person.created_by,
                    )
                )
            for number in range(rng.randint(0, 3)):
                plans.append(
                    PlanAction(
                        dossier=dossier,
                        description=builder._PLAN_ACTIONS[number][0],
                        due_on=opened + timedelta(days=30 * (number + 1)),
                        responsible=builder._PLAN_ACTIONS[number][1],
                    )
                )
        bulk(Dossier, dossiers)
        bulk(ContactMoment, contacts)
        bulk(PlanAction, plans)

        # enrolments (~3 per person, distinct services) and sharing consents
        enrolments = []
        outcome = (
            (EnrolmentStatus.REGISTERED, 20),
            (EnrolmentStatus.STARTED, 30),
            (EnrolmentStatus.COMPLETED, 35),
            (EnrolmentStatus.DROPPED_OUT, 15),
        )
        outcomes, outcome_weights = zip(*outcome, strict=True)
        for person, dossier in zip(person_rows, dossiers, strict=True):
            shared: set[int] = set()
            for service in rng.sample(services, rng.choice(ENROLMENTS_PER_PERSON)):
                status = rng.choices(outcomes, outcome_weights)[0]
                registered = dossier.opened_on + timedelta(days=rng.randint(0, 5))
                started = registered + timedelta(days=3)
                if service.provider_id not in shared | {person.organisation_id}:
                    shared.add(service.provider_id)
                    consents.append(
                        Consent(
                            person=person,
                            purpose=ConsentPurpose.SHARING,
                            partner_id=service.provider_id,
                            given_on=registered,
                            recorded_by=person.created_by,
                        )
                    )
                enrolments.append(
                    Enrolment(
                        person=person,
                        service=service,
                        enrolled_by=person.created_by,
                        enrolling_organisation_id=person.organisation_id,
                        status=status,
                        registered_on=registered,
                        started_on=None
                        if status == EnrolmentStatus.REGISTERED
                        else started,
                        completed_on=started + timedelta(days=30)
                        if status == EnrolmentStatus.COMPLETED
                        else None,
                        dropped_out_on=started + timedelta(days=10)
                        if status == EnrolmentStatus.DROPPED_OUT
                        else None,
                        drop_out_reason="Gezondheidsredenen"
                        if status == EnrolmentStatus.DROPPED_OUT
                        else "",
                    )
                )
        bulk(Consent, consents)
        bulk(Enrolment, enrolments)

        # the demo taxonomy, through the import action
        with tempfile.TemporaryDirectory() as tmp:
            taxonomy = Taxonomy.from_esco(write_demo_taxonomy(Path(tmp)))
        matching_actions.import_taxonomy(
            taxonomy=taxonomy, name="Demo-taxonomie", source="demo", is_demo=True
        )
        with_skills = set(
            OccupationSkill.objects.values_list("occupation_id", flat=True)
        )
        occupations = list(Occupation.objects.filter(pk__in=with_skills).order_by("pk"))
        skills = list(Skill.objects.order_by("pk"))
        general = [
            s for s in skills if s.reuse_level in ("transversal", "cross-sector")
        ]
        optional_of: dict[int, list[Skill]] = defaultdict(list)
        by_pk = {s.pk: s for s in skills}
        for occupation_id, skill_id in OccupationSkill.objects.filter(
            is_essential=False
        ).values_list("occupation_id", "skill_id"):
            optional_of[occupation_id].append(by_pk[skill_id])

        # employers and vacancies (50,000 at 100,000 persons)
        vacancy_count = persons // 2
        sectors = Sector.values
        employers = bulk(
            Employer,
            [
                Employer(
                    name=f"Werkgever {index:05d} B.V.",
                    kvk_number=f"{10_000_000 + index}",
                    sector=rng.choice(sectors),
                    size_class=rng.choice(SizeClass.values),
                    region=region,
                    city=rng.choice(PLACES)[0],
                    account_organisation=orgs["wsp"],
                )
                for index in range(max(1, vacancy_count // 10))
            ],
        )
        vacancies, vacancy_skills = [], []
        for index in range(vacancy_count):
            occupation = rng.choice(occupations)
            city, area, lat, lon = rng.choice(PLACES)
            hours_max = rng.choice((24, 32, 36, 38, 40))
            vacancy = Vacancy(
                employer=employers[index % len(employers)],
                organisation=orgs["wsp"],
                title=occupation.label,
                occupation_uri=occupation.uri,
                occupation_label=occupation.label,
                occupation_status=OccupationStatus.CONFIRMED,
                hours_min=max(8, hours_max - rng.choice((0, 8, 16))),
                hours_max=hours_max,
                contract_type=rng.choice(ContractType.values),
                postcode=f"{area} CD",
                city=city,
                latitude=lat + rng.uniform(-0.01, 0.01),
                longitude=lon + rng.uniform(-0.01, 0.01),
                opens_on=today - timedelta(days=rng.randint(1, 60)),
                closes_on=today + timedelta(days=rng.randint(14, 90)),
                source=rng.choice(VacancySource.values),
                status=rng.choices(
                    (VacancyStatus.OPEN, VacancyStatus.FILLED, VacancyStatus.CLOSED),
                    (90, 5, 5),
                )[0],
            )
            vacancies.append(vacancy)
            if optional_of[occupation.pk] and rng.random() < 0.5:
                extra = rng.choice(optional_of[occupation.pk])
                vacancy_skills.append(
                    VacancySkill(
                        vacancy=vacancy,
                        skill_uri=extra.uri,
                        skill_label=extra.label,
                        is_essential=True,
                    )
                )
        bulk(Vacancy, vacancies)
        bulk(VacancySkill, vacancy_skills)

        # occupations and declared skills of persons; skills the services teach
        person_occupations, person_skills = [], []
        for person in person_rows:
            if rng.random() < 0.7:
                for number, occupation in enumerate(
                    rng.sample(occupations, rng.randint(1, 2))
                ):
                    person_occupations.append(
                        PersonOccupation(
                            person=person,
                            occupation=occupation,
                            is_current=number == 0,
                            source=LinkSource.CONFIRMED,
                            linked_by=person.created_by,
                        )
                    )
                for skill in rng.sample(general, rng.randint(1, 3)):
                    person_skills.append(
                        PersonSkill(
                            person=person, skill=skill, source=SkillSource.DECLARED
                        )
                    )
        bulk(PersonOccupation, person_occupations)
        bulk(PersonSkill, person_skills)
        bulk(
            ServiceSkill,
            [
                ServiceSkill(service=service, skill=skill)
                for service in services
                if service.type == "training"
                for skill in rng.sample(skills, 2)
            ],
        )
        tokens = {user.pk: create_api_token(user=user)[1] for user, _key in consultants}
    timings["generate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["analyze"] = time.perf_counter() - mark

    sample: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for person in person_rows:
        rows = sample[str(person.organisation_id)]
        if len(rows) < SAMPLE_PER_ORGANISATION:
            rows.append((str(person.pk), person.last_name))
    open_vacancies = [v.pk for v in vacancies if v.status == VacancyStatus.OPEN]
    out.write_text(
        json.dumps(
            {
                "timings": timings,
                "counts": {
                    "persons": len(person_rows),
                    "dossiers": len(dossiers),
                    "contact moments": len(contacts),
                    "plan actions": len(plans),
                    "consents": len(consents),
                    "services": len(services),
                    "enrolments": len(enrolments),
                    "employers": len(employers),
                    "vacancies": len(vacancies),
                    "vacancy skills": len(vacancy_skills),
                    "person occupations": len(person_occupations),
                    "person skills": len(person_skills),
                    "users": len(made_users),
                },
                "users": [
                    {
                        "username": user.username,
                        "token": tokens[user.pk],
                        "organisation": str(orgs[key].pk),
                    }
                    for user, key in consultants
                ],
                "persons": sample,
                "services": [s.pk for s in services],
                "vacancies": open_vacancies[:5000],
            }
        )
    )


# --- The run: database, server, simulated users ------------------------------------------


def database_url(base: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}", query=""))


def recreate_database(base: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(database_url(base, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def run_child(
    module: str,
    options: list[str],
    *,
    postgres: str,
    database: str,
    keep: bool,
    env: dict[str, str] | None = None,
) -> Any:
    """Run ``python -m module --child *options --out=…`` on a fresh database
    ``database`` of the server ``postgres`` (production settings, fresh keys, plus
    ``env``) and return the JSON it wrote; the database is dropped unless ``keep``."""
    url = database_url(postgres, database)
    recreate_database(postgres, database)
    environment = server_environment(url, conn_max_age=0) | (env or {})
    try:
        with tempfile.TemporaryDirectory(prefix=f"{database}_") as tmp:
            out = Path(tmp) / "result.json"
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", module, "--child", *options, f"--out={out}"],
                env=environment,
                cwd=ROOT,
                check=True,
            )
            return json.loads(out.read_text())
    finally:
        if not keep:
            recreate_database(postgres, database, drop_only=True)


def run_bench(
    parser: argparse.ArgumentParser,
    argv: list[str] | None,
    *,
    module: str,
    child: Callable[[argparse.Namespace], None],
    database: str,
    passed_on: tuple[str, ...],
    env: dict[str, str] | None = None,
) -> tuple[argparse.Namespace, Any]:
    """The main of a benchmark that measures in a child process on a fresh database.

    Adds ``--seed``, ``--postgres``, ``--keep`` (and the hidden ``--child``, ``--out``)
    to ``parser``, which holds the benchmark's sizes. As the child: runs ``child(args)``
    and returns no data. As the parent: runs ``python -m module`` as the child
    (:func:`run_child`) with the options named in ``passed_on`` and the seed, prints
    how long the data took to generate and what it holds, and returns the child's
    JSON."""
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return args, None
    data = run_child(
        module,
        [
            f"--{name.replace('_', '-')}={getattr(args, name)}"
            for name in (*passed_on, "seed")
        ],
        postgres=args.postgres,
        database=database,
        keep=args.keep,
        env=env,
    )
    print(
        f"generated in {data['generation']:.0f} s: "
        + ", ".join(f"{v:,} {k}" for k, v in data["counts"].items())
    )
    return args, data


def server_environment(url: str, conn_max_age: int) -> dict[str, str]:
    """Production settings with fresh random keys (DEBUG off: the checks would refuse
    the published development keys), plain http on 127.0.0.1."""
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "regiowerk.config.settings.base",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "REGIOWERK_BSN_PSEUDONYM_KEY": secrets.token_urlsafe(50),
            "REGIOWERK_BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DATABASE_URL": f"{url}?conn_max_age={conn_max_age}&conn_health_checks=true",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_COOKIES": "false",  # plain http on the loopback address
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "REGIOWERK_API_RATE": "1000000/hour",  # the run is not throttled
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    return env


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path


def start_server(env: dict[str, str], workers: int, log: Path) -> Server:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "regiowerk.config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--timeout=60",
        "--graceful-timeout=10",
    ]
    with log.open("ab") as output:  # Django's warnings and gunicorn's own log
        process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=ROOT, stdout=output, stderr=output
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            status, _headers, _body = request(port, "GET", "/inloggen/")
            if status == 200:
                return Server(process, port, log)
        except OSError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"gunicorn did not answer:\n{log.read_text()[-3000:]}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()


def request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    conn: http.client.HTTPConnection | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    own = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        own.request(method, path, body=body, headers=headers or {})
        response = own.getresponse()
        return response.status, response.headers, response.read()
    finally:
        if conn is None:
            own.close()


def _cookies(headers: http.client.HTTPMessage) -> dict[str, str]:
    found = {}
    for value in headers.get_all("Set-Cookie") or []:
        name, _sep, rest = value.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def log_in(port: int, username: str) -> str:
    """The Cookie header of a session logged in through the login form."""
    status, headers, body = request(port, "GET", "/inloggen/")
    csrf = _cookies(headers)["csrftoken"]
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert status == 200 and match, f"login page: {status}"
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "username": username,
            "password": PASSWORD,
        }
    )
    status, headers, _body = request(
        port,
        "POST",
        "/inloggen/",
        {
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        form,
    )
    session = _cookies(headers).get("sessionid")
    assert status == 302 and session, f"log-in of {username} failed: {status}"
    return f"csrftoken={csrf}; sessionid={session}"


@dataclass
class SimulatedUser:
    cookie: str
    token: str
    persons: list[tuple[str, str]]
    services: list[int]
    vacancies: list[int]
    rng: random.Random = field(default_factory=random.Random)

    def next_request(self, page: str) -> tuple[str, dict[str, str]]:
        rng = self.rng
        web = {"Cookie": self.cookie}
        api = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        if page == "dossier":
            return f"/personen/{rng.choice(self.persons)[0]}/", web
        if page == "search":
            q = urllib.parse.quote(rng.choice(self.persons)[1])
            return f"/personen/?q={q}", web
        if page == "participants":
            return f"/catalogus/{rng.choice(self.services)}/deelnemers/", web
        if page == "candidates":
            return f"/vacatures/{rng.choice(self.vacancies)}/kandidaten/", web
        if page == "api_enrolments":
            return f"/api/v1/enrolments/?person={rng.choice(self.persons)[0]}", api
        return f"/api/v1/{page.removeprefix('api_')}/", api


def run_users(
    port: int, users: list[SimulatedUser], seconds: float
) -> dict[str, list[tuple[float, bool]]]:
    """Each user in its own thread until the deadline; (latency ms, ok) per page."""
    results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    errors: dict[str, str] = {}
    lock = threading.Lock()
    pages = list(PAGES)

    def work(user: SimulatedUser, deadline: float | None) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        sequence = pages if deadline is None else None  # warm-up: each page once
        index = 0
        while True:
            if sequence is not None:
                if index == len(sequence):
                    break
                page = sequence[index]
                index += 1
            else:
                if time.monotonic() >= deadline:  # type: ignore[operator]
                    break
                page = user.rng.choice(pages)
            path, headers = user.next_request(page)
            began = time.perf_counter()
            try:
                status, _h, _body = request(port, "GET", path, headers, conn=conn)
                ok = status == 200
                problem = f"{status} {path}"
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                ok, problem = False, f"{type(exc).__name__} {path}"
            elapsed = (time.perf_counter() - began) * 1000
            if deadline is not None:
                with lock:
                    results[page].append((elapsed, ok))
                    if not ok:
                        errors.setdefault(page, problem)
        conn.close()

    for timed in (False, True):  # first each page once, untimed; then the run
        deadline = time.monotonic() + seconds if timed else None
        threads = [threading.Thread(target=work, args=(u, deadline)) for u in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for page, problem in errors.items():
        print(f"  first error on {page}: {problem}")
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class ScaleResult:
    persons: int
    generation_s: float
    seconds: float
    results: dict[str, list[tuple[float, bool]]]
    counts: dict[str, int]


def run_scale(args: argparse.Namespace, persons: int, tmp: Path) -> ScaleResult:
    name = f"bench_load_{persons}"
    url = database_url(args.postgres, name)
    print(f"\n== {persons:,} persons: database {name}", flush=True)
    recreate_database(args.postgres, name)
    env = server_environment(url, args.conn_max_age)
    out = tmp / f"{name}.json"
    began = time.perf_counter()
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bench.bench_load",
            "--generate",
            str(persons),
            "--users",
            str(args.users),
            "--out",
            str(out),
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    generation = time.perf_counter() - began
    data = json.loads(out.read_text())
    timings = data["timings"]
    print(
        f"  generated in {generation:.1f} s (migrations {timings['migrate']:.1f} s, "
        f"data {timings['generate']:.1f} s, ANALYZE {timings['analyze']:.1f} s): "
        + ", ".join(f"{v:,} {k}" for k, v in data["counts"].items()),
        flush=True,
    )
    server = start_server(env, args.workers, tmp / f"{name}.log")
    try:
        users = []
        for index, user in enumerate(data["users"]):
            users.append(
                SimulatedUser(
                    cookie=log_in(server.port, user["username"]),
                    token=user["token"],
                    persons=data["persons"][user["organisation"]],
                    services=data["services"],
                    vacancies=data["vacancies"],
                    rng=random.Random(index),
                )
            )
        print(
            f"  {len(users)} users logged in; gunicorn {args.workers} workers on "
            f"127.0.0.1:{server.port}; running {args.seconds:.0f} s",
            flush=True,
        )
        results = run_users(server.port, users, args.seconds)
    finally:
        stop_server(server)
        if not args.keep:
            recreate_database(args.postgres, name, drop_only=True)
    return ScaleResult(persons, generation, args.seconds, results, data["counts"])


def report(scales: list[ScaleResult]) -> bool:
    """Print the side-by-side table; True when every target holds at every scale."""
    print("\n== Results (latency in ms; an error is any status other than 200)")
    head = f"{'page':42} {'target':>9}"
    for scale in scales:
        head += f" | {scale.persons:>7,} persons: {'n':>6} {'err':>4} {'p50':>6} {'p95':>6} {'p99':>6} {'':4}"
    print(head)
    all_pass = True
    for page, (label, target) in PAGES.items():
        line = f"{label:42} {('p95<' + str(int(target))) if target else '-':>9}"
        for scale in scales:
            rows = scale.results.get(page, [])
            times = [ms for ms, _ok in rows]
            errors = sum(not ok for _ms, ok in rows)
            if not times:
                line += f" | {'':16} {'0':>6} {'-':>4} {'-':>6} {'-':>6} {'-':>6} {'FAIL':4}"
                all_pass = False
                continue
            p95 = percentile(times, 95)
            passed = errors == 0 and (target is None or p95 < target)
            all_pass &= passed
            line += (
                f" | {'':16} {len(times):>6} {errors:>4} {percentile(times, 50):>6.0f}"
                f" {p95:>6.0f} {percentile(times, 99):>6.0f} {'PASS' if passed else 'FAIL':4}"
            )
        print(line)
    for scale in scales:
        total = sum(len(r) for r in scale.results.values())
        errors = sum(not ok for r in scale.results.values() for _ms, ok in r)
        print(
            f"{scale.persons:,} persons: {total:,} requests in {scale.seconds:.0f} s "
            f"({total / scale.seconds:.1f}/s), {errors} errors; generation "
            f"{scale.generation_s:.0f} s; {scale.counts['enrolments']:,} enrolments, "
            f"{scale.counts['vacancies']:,} vacancies"
        )
    print("all targets met" if all_pass else "some targets NOT met")
    return all_pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,100000", help="persons per scale")
    parser.add_argument("--users", type=int, default=20, help="concurrent users")
    parser.add_argument("--seconds", type=float, default=180, help="run per scale")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server URL")
    parser.add_argument("--conn-max-age", type=int, default=600)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate is not None:  # the child process that fills one database
        generate(args.generate, args.users, args.out)
        return 0
    scales = [int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="bench_load_") as tmp:
        done = [run_scale(args, n, Path(tmp)) for n in scales]
    report(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
