"""Build the demo region through the apps' actions: organisations, users, people, services.

Everything is generated from a seed (Faker ``nl_NL`` and ``random.Random``), so two runs
with the same seed on the same day produce the same region. Dates are relative to
``today``: histories lie in the past two years, some events lie ahead.

Nothing here is real. BSNs are generated at run time (valid elfproef) and handed to the
people actions, which keep only the pseudonym (and an encrypted copy with consent).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from faker import Faker

from regiowerk.organisations import actions as organisation_actions
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Organisation, Region, User
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.people import actions as people_actions
from regiowerk.people.models import Consent, Dossier, Person
from regiowerk.services import actions as service_actions
from regiowerk.services.constants import EventType, ServiceType, TargetGroup, Theme
from regiowerk.services.models import Enrolment, Event, EventRegistration, Service

REGION_NAME = "Zuidoost-Drenthe (demo)"
REGION_CODE = "demo-zuidoost-drenthe"
DEMO_PASSWORD = "Demo-inloggen-2026"  # noqa: S105 - demo logins are printed on purpose
DEFAULT_SEED = 2026
DEFAULT_PERSON_COUNT = 300


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    type: OrganisationType
    registers_persons: int  # how many persons its consultants register


# Fictitious partners of a plausible region; the names are made up.
ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        "gemeente", "Gemeente Veenstad", OrganisationType.MUNICIPALITY, 100
    ),
    OrganisationSpec(
        "uwv", "UWV Werkbedrijf Zuidoost-Drenthe", OrganisationType.UWV, 75
    ),
    OrganisationSpec(
        "wsp",
        "Werkgeversservicepunt Zuidoost-Drenthe",
        OrganisationType.EMPLOYER_SERVICE_DESK,
        0,
    ),
    OrganisationSpec(
        "loopbaan",
        "Loopbaanhuis Hondsrug",
        OrganisationType.CAREER_GUIDANCE_PROVIDER,
        55,
    ),
    OrganisationSpec(
        "reintegratie",
        "Re-integratiebureau De Brug",
        OrganisationType.CAREER_GUIDANCE_PROVIDER,
        40,
    ),
    OrganisationSpec(
        "opleider",
        "Opleidingscentrum Drentse Monden",
        OrganisationType.TRAINING_INSTITUTE,
        0,
    ),
    OrganisationSpec(
        "arbeidsdeskundige",
        "Arbeidsdeskundigenpraktijk Van der Veen",
        OrganisationType.LABOUR_EXPERT_PRACTICE,
        30,
    ),
    OrganisationSpec(
        "oofonds",
        "O&O-fonds Techniek Noord",
        OrganisationType.TRAINING_FUND,
        0,
    ),
    OrganisationSpec("vakbond", "Vakbond Samen Werk Noord", OrganisationType.UNION, 0),
    OrganisationSpec(
        "werkgevers",
        "Werkgeversvereniging Drenthe",
        OrganisationType.EMPLOYER_ORGANISATION,
        0,
    ),
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    organisation_key: str
    roles: tuple[Role, ...]
    note: str = ""


# One user per role (the printed logins), plus a consultant at each partner that
# registers persons, so sharing between partners can be tried out.
USERS: tuple[UserSpec, ...] = (
    UserSpec("consulent", "Anouk", "Bakker", "gemeente", (Role.CONSULTANT,)),
    UserSpec(
        "arbeidsdeskundige",
        "Marco",
        "van der Veen",
        "arbeidsdeskundige",
        (Role.LABOUR_EXPERT,),
    ),
    UserSpec("accountmanager", "Sanne", "Hoekstra", "wsp", (Role.ACCOUNT_MANAGER,)),
    UserSpec("projectleider", "Jeroen", "Kuipers", "gemeente", (Role.PROJECT_LEADER,)),
    UserSpec("analist", "Fatima", "El Amrani", "gemeente", (Role.ANALYST,)),
    UserSpec("beheerder", "Peter", "Mulder", "gemeente", (Role.ADMINISTRATOR,)),
    UserSpec(
        "consulent.uwv",
        "Lotte",
        "Smit",
        "uwv",
        (Role.CONSULTANT,),
        "second partner",
    ),
    UserSpec(
        "loopbaanadviseur",
        "Daan",
        "Visser",
        "loopbaan",
        (Role.CONSULTANT, Role.PROJECT_LEADER),
        "service provider",
    ),
    UserSpec(
        "jobcoach",
        "Iris",
        "de Jong",
        "reintegratie",
        (Role.CONSULTANT, Role.ADMINISTRATOR),
        "service provider",
    ),
    UserSpec(
        "opleidingsadviseur",
        "Bram",
        "Meijer",
        "opleider",
        (Role.PROJECT_LEADER, Role.ADMINISTRATOR),
        "training institute",
    ),
    UserSpec(
        "fondsadviseur",
        "Eva",
        "Dijkstra",
        "oofonds",
        (Role.PROJECT_LEADER,),
        "training fund",
    ),
    UserSpec(
        "vakbondsconsulent",
        "Kees",
        "Boer",
        "vakbond",
        (Role.CONSULTANT,),
        "union",
    ),
    UserSpec(
        "werkgeversadviseur",
        "Nienke",
        "Wieringa",
        "werkgevers",
        (Role.ACCOUNT_MANAGER,),
        "employer organisation",
    ),
    UserSpec(
        "programmamanager",
        "Hanneke",
        "Brouwer",
        "oofonds",
        (Role.PROGRAMME_MANAGER,),
        "funder of the demo programme",
    ),
    UserSpec(
        "auditor",
        "Ruud",
        "Jansen",
        "oofonds",
        (Role.AUDITOR,),
        "reads the demo programme's projects",
    ),
)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    organisation: str
    note: str = ""


@dataclass
class DemoRegion:
    """What the builder made (or found): the logins and counts to print."""

    region: Region
    created: bool
    logins: list[DemoLogin]
    counts: dict[str, int] = field(default_factory=dict)


# --- Reading what exists ---------------------------------------------------------------


def demo_region_exists() -> bool:
    return Region.objects.filter(code=REGION_CODE).exists()


def foreign_organisations() -> int:
    """Organisations outside the demo region: real data the demo must never touch."""
    return Organisation.objects.exclude(region__code=REGION_CODE).count()


def demo_logins() -> list[DemoLogin]:
    """One line per demo user: their roles, user name, password and organisation."""
    present = set(
        Organisation.objects.filter(region__code=REGION_CODE).values_list(
            "name", flat=True
        )
    )
    names = {spec.key: spec.name for spec in ORGANISATIONS}
    return [
        DemoLogin(
            role=", ".join(str(role.label) for role in spec.roles),
            username=spec.username,
            password=DEMO_PASSWORD,
            organisation=names[spec.organisation_key],
            note=spec.note,
        )
        for spec in USERS
        if names[spec.organisation_key] in present
    ]


def demo_counts() -> dict[str, int]:
    """Row counts of the demo region, per kind."""
    in_region = {"organisation__region__code": REGION_CODE}
    return {
        "organisations": Organisation.objects.filter(region__code=REGION_CODE).count(),
        "users": User.objects.filter(
            memberships__organisation__region__code=REGION_CODE
        )
        .distinct()
        .count(),
        "persons": Person.objects.filter(**in_region).count(),
        "dossiers": Dossier.objects.filter(**in_region).count(),
        "consents": Consent.objects.filter(
            person__organisation__region__code=REGION_CODE
        ).count(),
        "services": Service.objects.filter(provider__region__code=REGION_CODE).count(),
        "enrolments": Enrolment.objects.filter(
            service__provider__region__code=REGION_CODE
        ).count(),
        "events": Event.objects.filter(organiser__region__code=REGION_CODE).count(),
        "event registrations": EventRegistration.objects.filter(
            event__organiser__region__code=REGION_CODE
        ).count(),
    }


# --- Building ----------------------------------------------------------------------------


class _Context:
    """Shared state while building: random sources, today, organisations, actors."""

    def __init__(self, *, seed: int, today: date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not crypto
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(seed)
        self.today = today
        self.region: Region
        self.organisations: dict[str, Organisation] = {}
        self.actors: dict[str, Actor] = {}  # organisation key -> a casework actor

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def at(self, day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour=hour)))


def generate_bsn(rng: random.Random) -> str:
    """A random 9-digit number that passes the elfproef (never a real person's on purpose).

    Numbers are generated at run time only; none is ever written to a file.
    """
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check < 10:  # the last digit d must satisfy (sum - d) % 11 == 0
            return "".join(map(str, digits)) + str(check)


def _create_organisations(ctx: _Context) -> None:
    ctx.region = organisation_actions.create_region(name=REGION_NAME, code=REGION_CODE)
    for spec in ORGANISATIONS:
        ctx.organisations[spec.key] = organisation_actions.create_organisation(
            name=spec.name, type=spec.type, region=ctx.region
        )


def _create_users(ctx: _Context) -> None:
    for spec in USERS:
        user = organisation_actions.create_user(
            username=spec.username,
            password=DEMO_PASSWORD,
            organisation=ctx.organisations[spec.organisation_key],
            roles=list(spec.roles),
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@demo.regiowerk.invalid",
        )
        organisation = ctx.organisations[spec.organisation_key]
        actor = get_actor(user=user, organisation_id=organisation.pk)
        if actor.does_casework:
            ctx.actors.setdefault(spec.organisation_key, actor)


def build_demo_region(
    *,
    seed: int = DEFAULT_SEED,
    person_count: int = DEFAULT_PERSON_COUNT,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoRegion:
    """Create the demo region in one transaction, or return the existing one untouched.

    Refuses (ValueError) when the database holds organisations of another region: the
    demo is for development databases only.
    """
    if demo_region_exists():
        region = Region.objects.get(code=REGION_CODE)
        return DemoRegion(
            region=region, created=False, logins=demo_logins(), counts=demo_counts()
        )
    if foreign_organisations():
        raise ValueError(
            "This database holds organisations outside the demo region; "
            "the demo region is only loaded into an empty development database."
        )
    say = progress or (lambda _message: None)
    ctx = _Context(seed=seed, today=today or timezone.localdate())
    with transaction.atomic():
        say("organisations and users")
        _create_organisations(ctx)
        _create_users(ctx)
        say("services")
        services = _create_services(ctx)
        say("persons and dossiers")
        persons = _create_persons(ctx, person_count)
        say("enrolments")
        _create_enrolments(ctx, persons, services)
        say("events")
        _create_events(ctx, persons)
    return DemoRegion(
        region=ctx.region, created=True, logins=demo_logins(), counts=demo_counts()
    )


# --- Services ----------------------------------------------------------------------------

_H, _M, _G = Theme.HEALTHY_VITAL_WORK, Theme.MOBILITY, Theme.GOOD_EMPLOYERSHIP
_T = TargetGroup

# (provider key, name, type, price in euros, capacity, hours, sessions, themes, groups)
SERVICES: tuple[tuple[Any, ...], ...] = (
    ("loopbaan", "Loopbaanscan 45+", ServiceType.CAREER_RESEARCH, 650, 20, 8, 3, (_M,), (_T.FIFTY_PLUS, _T.EMPLOYEES)),
    ("loopbaan", "Loopbaanonderzoek kort", ServiceType.CAREER_RESEARCH, 450, 30, 6, 2, (_M,), (_T.EMPLOYEES,)),
    ("loopbaan", "Loopbaanonderzoek uitgebreid", ServiceType.CAREER_RESEARCH, 1200, 15, 16, 6, (_M,), (_T.EMPLOYEES, _T.JOB_SEEKERS)),
    ("loopbaan", "Persoonlijkheids- en capaciteitentest", ServiceType.ASSESSMENT, 350, 25, 4, 1, (_M,), ()),
    ("loopbaan", "Competentieassessment techniek", ServiceType.ASSESSMENT, 500, 12, 6, 1, (_M,), (_T.LOW_EDUCATED,)),
    ("loopbaan", "E-portfolio opbouwen", ServiceType.E_PORTFOLIO, 150, 40, 4, 2, (_M,), ()),
    ("loopbaan", "Workshop Regie op je loopbaan", ServiceType.WORKSHOP, 95, 16, 3, 1, (_M, _G), (_T.EMPLOYEES,)),
    ("loopbaan", "Loopbaancoaching vrouwen in de techniek", ServiceType.COACHING, 800, 10, 10, 5, (_M,), (_T.WOMEN,)),
    ("loopbaan", "Van werk naar werk: begeleiding", ServiceType.WORK_TO_WORK, 1500, 25, 20, 8, (_M,), (_T.EMPLOYEES, _T.FIFTY_PLUS)),
    ("reintegratie", "Sollicitatietraining", ServiceType.JOB_SEARCH, 300, 12, 12, 4, (_M,), (_T.JOB_SEEKERS,)),
    ("reintegratie", "Jobhunting met persoonlijke jobcoach", ServiceType.JOB_SEARCH, 1100, 20, 24, 8, (_M,), (_T.JOB_SEEKERS, _T.OCCUPATIONAL_DISABILITY)),
    ("reintegratie", "Werkfit-traject", ServiceType.COACHING, 1800, 15, 40, 12, (_H, _M), (_T.JOB_SEEKERS, _T.OCCUPATIONAL_DISABILITY)),
    ("reintegratie", "Jobcoaching op de werkplek", ServiceType.COACHING, 2000, 10, 30, 10, (_H,), (_T.OCCUPATIONAL_DISABILITY,)),
    ("reintegratie", "Financiële rust: budgetcoaching", ServiceType.FINANCIAL_COACHING, 400, 20, 8, 4, (_H,), (_T.JOB_SEEKERS,)),
    ("reintegratie", "Netwerken en LinkedIn", ServiceType.WORKSHOP, 75, 20, 3, 1, (_M,), (_T.JOB_SEEKERS,)),
    ("reintegratie", "Vitaliteitsprogramma Fit aan het werk", ServiceType.VITALITY, 600, 16, 12, 6, (_H,), (_T.FIFTY_PLUS,)),
    ("opleider", "Basiscursus VCA", ServiceType.TRAINING, 295, 16, 16, 2, (_H,), (_T.LOW_EDUCATED, _T.JOB_SEEKERS)),
    ("opleider", "Heftruckcertificaat", ServiceType.TRAINING, 450, 8, 16, 2, (_M,), (_T.JOB_SEEKERS,)),
    ("opleider", "Omscholing zorg (mbo 3)", ServiceType.TRAINING, 3500, 20, 400, 40, (_M,), (_T.WOMEN, _T.JOB_SEEKERS)),
    ("opleider", "Omscholing installatietechniek", ServiceType.TRAINING, 4200, 15, 480, 48, (_M,), (_T.EMPLOYEES, _T.JOB_SEEKERS)),
    ("opleider", "Digitale vaardigheden basis", ServiceType.TRAINING, 180, 15, 12, 6, (_M,), (_T.FIFTY_PLUS, _T.LOW_EDUCATED)),
    ("opleider", "Nederlands op de werkvloer", ServiceType.TRAINING, 650, 12, 40, 20, (_M,), (_T.LOW_EDUCATED,)),
    ("opleider", "Praktijkverklaring logistiek", ServiceType.TRAINING, 900, 12, 80, 10, (_M,), (_T.LOW_EDUCATED, _T.JOB_SEEKERS)),
    ("opleider", "Leidinggeven aan duurzame inzetbaarheid", ServiceType.WORKSHOP, 350, 20, 6, 2, (_G,), (_T.EMPLOYEES,)),
    ("opleider", "Excel voor kantoor", ServiceType.TRAINING, 250, 14, 12, 4, (_M,), ()),
    ("arbeidsdeskundige", "Arbeidsdeskundig onderzoek", ServiceType.ASSESSMENT, 1250, 10, 8, 2, (_H,), (_T.OCCUPATIONAL_DISABILITY,)),
    ("arbeidsdeskundige", "Werkplekonderzoek", ServiceType.ASSESSMENT, 850, 10, 6, 1, (_H, _G), (_T.OCCUPATIONAL_DISABILITY, _T.EMPLOYEES)),
    ("arbeidsdeskundige", "Re-integratieadvies tweede spoor", ServiceType.WORK_TO_WORK, 1400, 12, 16, 4, (_M,), (_T.EMPLOYEES,)),
    ("arbeidsdeskundige", "Duurzame-inzetbaarheidsgesprek", ServiceType.COACHING, 300, 30, 2, 1, (_H, _G), (_T.EMPLOYEES, _T.FIFTY_PLUS)),
    ("gemeente", "Participatieplek met begeleiding", ServiceType.COACHING, 0, 40, 100, 20, (_H,), (_T.JOB_SEEKERS,)),
    ("gemeente", "Schuldhulp op weg naar werk", ServiceType.FINANCIAL_COACHING, 0, 50, 10, 5, (_H,), (_T.JOB_SEEKERS,)),
    ("gemeente", "Werkstage met behoud van uitkering", ServiceType.JOB_SEARCH, 0, 25, 160, 20, (_M,), (_T.JOB_SEEKERS,)),
    ("gemeente", "Taalhuis: werken aan taal", ServiceType.TRAINING, 0, 30, 30, 15, (_M,), (_T.LOW_EDUCATED,)),
    ("uwv", "Workshop Solliciteren 50+", ServiceType.WORKSHOP, 0, 25, 3, 1, (_M,), (_T.FIFTY_PLUS, _T.JOB_SEEKERS)),
    ("uwv", "Werkverkenning met een adviseur", ServiceType.CAREER_RESEARCH, 0, 60, 4, 2, (_M,), (_T.JOB_SEEKERS,)),
    ("uwv", "Scholingsadvies WW", ServiceType.CAREER_RESEARCH, 0, 40, 2, 1, (_M,), (_T.JOB_SEEKERS,)),
    ("oofonds", "Ontwikkeladvies techniek", ServiceType.CAREER_RESEARCH, 0, 50, 4, 2, (_M,), (_T.EMPLOYEES,)),
    ("oofonds", "Vitaliteitscheck technici", ServiceType.VITALITY, 0, 40, 2, 1, (_H,), (_T.EMPLOYEES, _T.FIFTY_PLUS)),
    ("oofonds", "Scholingsbudget vakmanschap", ServiceType.TRAINING, 0, 100, 40, 8, (_M, _G), (_T.EMPLOYEES,)),
    ("wsp", "Matchingsdag werkgevers en werkzoekenden", ServiceType.JOB_SEARCH, 0, 80, 4, 1, (_M,), (_T.JOB_SEEKERS,)),
    ("vakbond", "Loopbaancheck voor leden", ServiceType.CAREER_RESEARCH, 0, 30, 2, 1, (_M,), (_T.EMPLOYEES,)),
    ("werkgevers", "Masterclass goed werkgeverschap", ServiceType.WORKSHOP, 150, 30, 4, 1, (_G,), ()),
)  # fmt: skip


def _create_services(ctx: _Context) -> list[Service]:
    services = []
    for (
        provider,
        name,
        type_,
        euros,
        capacity,
        hours,
        sessions,
        themes,
        groups,
    ) in SERVICES:
        services.append(
            service_actions.create_service(
                actor=Actor.system(
                    ctx.organisations[provider],
                    reason="demo region",
                    roles=(Role.ADMINISTRATOR,),
                ),
                name=name,
                type=type_,
                price_cents=euros * 100,
                capacity=capacity,
                duration_hours=hours,
                session_count=sessions,
                themes=list(themes),
                target_groups=list(groups),
                active_from=ctx.today - timedelta(days=800),
            )
        )
    return services


# --- Persons -----------------------------------------------------------------------------


@dataclass
class DemoPerson:
    """A generated person with the actor of its holding organisation and its dossier."""

    person: Any
    actor: Actor
    dossier: Any | None
    profile: str  # "employee" or "job_seeker": which services fit


# Labour status per registering partner: (status, weight).
_STATUS_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "gemeente": (("social_assistance", 60), ("job_seeker", 30), ("flex_worker", 10)),
    "uwv": (("ww_benefit", 65), ("at_risk_of_dismissal", 25), ("job_seeker", 10)),
    "loopbaan": (
        ("employed", 50),
        ("at_risk_of_dismissal", 30),
        ("flex_worker", 10),
        ("self_employed", 10),
    ),
    "reintegratie": (
        ("job_seeker", 40),
        ("social_assistance", 30),
        ("ww_benefit", 30),
    ),
    "arbeidsdeskundige": (("employed", 60), ("at_risk_of_dismissal", 40)),
}
_EMPLOYEE_STATUSES = {
    "employed",
    "at_risk_of_dismissal",
    "flex_worker",
    "self_employed",
}
_EDUCATION_MIX = (
    ("basisonderwijs", 5),
    ("vmbo", 20),
    ("mbo_1", 8),
    ("mbo_2_4", 35),
    ("havo_vwo", 8),
    ("hbo", 15),
    ("wo", 5),
    ("unknown", 4),
)
_OCCUPATIONS = (
    "Productiemedewerker",
    "Vrachtwagenchauffeur",
    "Heftruckchauffeur",
    "Orderpicker",
    "Verzorgende IG",
    "Schoonmaker",
    "Administratief medewerker",
    "Kassamedewerker",
    "Monteur installatietechniek",
    "Lasser",
    "Timmerman",
    "Medewerker klantenservice",
    "Kok",
    "Bediening horeca",
    "Magazijnmedewerker",
    "Onderhoudsmonteur",
    "Procesoperator",
    "Tuinman hovenier",
    "Pedagogisch medewerker",
    "Verkoopmedewerker",
    "Boekhouder",
    "Buschauffeur",
    "Metaalbewerker",
    "Recreatiemedewerker",
)
_CITIES = (
    ("Veenstad", "7811"),
    ("Emmen", "7822"),
    ("Klazienaveen", "7891"),
    ("Coevorden", "7741"),
    ("Schoonebeek", "7761"),
    ("Nieuw-Amsterdam", "7833"),
    ("Borger", "9531"),
    ("Nieuw-Buinen", "9521"),
    ("Erica", "7887"),
    ("Dalen", "7751"),
)
_NAME_PREFIXES = {"van", "de", "der", "den", "het", "ter", "te", "in", "'t", "op"}
_GOALS = (
    "Binnen een half jaar duurzaam aan het werk, minimaal 24 uur per week.",
    "Overstap naar een beroep met toekomst in de regio, met behoud van inkomen.",
    "Gezond en vitaal blijven werken tot het pensioen; werk aanpassen aan beperkingen.",
    "Startkwalificatie halen en daarna doorstromen naar betaald werk.",
    "Financiële rust en een stabiele basis als opstap naar werk.",
    "Helder loopbaanperspectief en een passende opleiding kiezen.",
)
_PLAN_ACTIONS = (
    ("CV bijwerken en laten controleren", "de persoon"),
    ("Loopbaanonderzoek afronden", "de persoon"),
    ("Gesprek met werkgever over aangepast werk", "trajectadviseur"),
    ("Inschrijven bij uitzendbureaus in de regio", "de persoon"),
    ("Scholingsmogelijkheden uitzoeken", "trajectadviseur"),
    ("Aanmelden voor de regionale banenmarkt", "de persoon"),
    ("Afspraak bedrijfsarts plannen", "de persoon"),
    ("Netwerkgesprekken voeren (minimaal drie)", "de persoon"),
    ("Subsidiemogelijkheden voor omscholing nagaan", "trajectadviseur"),
    ("Proefplaatsing regelen", "trajectadviseur"),
)
_CONTACT_NOTES = {
    "intake": "Intakegesprek gevoerd; wensen en mogelijkheden besproken.",
    "coaching": "Coachingsgesprek: voortgang op de acties besproken.",
    "three_way_talk": "Driegesprek met werkgever over mogelijkheden binnen het bedrijf.",
    "phone": "Telefonisch contact over de volgende stap.",
    "email": "Vacatures en informatie over scholing per e-mail gestuurd.",
}


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _weight in options]
    weights = [weight for _value, weight in options]
    return rng.choices(values, weights=weights, k=1)[0]


def _split_last_name(full: str) -> tuple[str, str]:
    """("van der", "Berg") from "van der Berg": Dutch prefixes are stored apart."""
    words = full.split()
    prefix: list[str] = []
    while len(words) > 1 and words[0].lower() in _NAME_PREFIXES:
        prefix.append(words.pop(0))
    return " ".join(prefix), " ".join(words)


def _person_fields(ctx: _Context, key: str) -> dict[str, Any]:
    rng, faker = ctx.rng, ctx.faker
    gender = _weighted(
        rng, (("female", 48), ("male", 50), ("other", 1), ("unknown", 1))
    )
    first = faker.first_name_female() if gender == "female" else faker.first_name_male()
    prefix, last = _split_last_name(faker.last_name())
    age = rng.choice((rng.randint(19, 49), rng.randint(50, 66)))
    birth = ctx.today - timedelta(days=age * 365 + rng.randint(0, 364))
    city, postcode = rng.choice(_CITIES)
    status = _weighted(rng, _STATUS_MIX[key])
    disability = rng.random() < (0.5 if key == "arbeidsdeskundige" else 0.1)
    return {
        "first_name": first,
        "name_prefix": prefix,
        "last_name": last,
        "gender": gender,
        "birth_date": birth,
        "email": faker.safe_email() if rng.random() < 0.8 else "",
        "phone": f"06-{rng.randint(10_000_000, 99_999_999)}"
        if rng.random() < 0.7
        else "",
        "postcode": f"{postcode} {faker.random_uppercase_letter()}{faker.random_uppercase_letter()}",
        "city": city,
        "education_level": _weighted(rng, _EDUCATION_MIX),
        "labour_status": status,
        "labour_status_since": ctx.days_ago(200, 720),
        "has_occupational_disability": disability,
        "is_banenafspraak": disability and rng.random() < 0.4,
        "current_occupation": rng.choice(_OCCUPATIONS)
        if status in _EMPLOYEE_STATUSES
        else "",
        "previous_occupations": ", ".join(rng.sample(_OCCUPATIONS, rng.randint(0, 2))),
    }


def _create_persons(ctx: _Context, count: int) -> list[DemoPerson]:
    # UWV first: some of its clients are registered again at the municipality.
    registering = sorted(
        (spec for spec in ORGANISATIONS if spec.registers_persons),
        key=lambda spec: spec.key != "uwv",
    )
    total_weight = sum(spec.registers_persons for spec in registering)
    made: list[DemoPerson] = []
    bsns_at_uwv: list[tuple[str, dict[str, Any]]] = []
    for spec in registering:
        share = round(count * spec.registers_persons / total_weight)
        actor = ctx.actors[spec.key]
        for _index in range(share):
            fields = _person_fields(ctx, spec.key)
            bsn = generate_bsn(ctx.rng) if ctx.rng.random() < 0.4 else ""
            # About one in eight UWV clients is also known at the municipality.
            if spec.key == "gemeente" and bsns_at_uwv and ctx.rng.random() < 0.1:
                bsn, known = bsns_at_uwv.pop()
                fields.update({k: known[k] for k in ("first_name", "name_prefix", "last_name", "gender", "birth_date")})  # fmt: skip
            made.append(_register(ctx, actor, spec.key, fields, bsn))
            if spec.key == "uwv" and bsn:
                bsns_at_uwv.append((bsn, fields))
    return made[:count] if count else []


def _register(
    ctx: _Context, actor: Actor, key: str, fields: dict[str, Any], bsn: str
) -> DemoPerson:
    rng = ctx.rng
    result = people_actions.register_person(
        actor=actor,
        bsn=bsn,
        bsn_reporting_consent=bool(bsn) and rng.random() < 0.5,
        **fields,
    )
    person = result.person
    profile = (
        "employee" if fields["labour_status"] in _EMPLOYEE_STATUSES else "job_seeker"
    )
    # A later change of labour status for about a third: the outcome history.
    if rng.random() < 0.35:
        later = fields["labour_status_since"] + timedelta(days=rng.randint(60, 180))
        if later < ctx.today:
            people_actions.record_labour_status(
                actor=actor,
                person=person,
                observed_on=later,
                status=rng.choice(("employed", "flex_worker", "job_seeker")),
                contract_type=rng.choice(("temporary", "permanent", "on_call", "none")),
                source=rng.choice(("self_report", "consultant", "registry")),
            )
    dossier = (
        _create_dossier(ctx, actor, person, fields) if rng.random() < 0.85 else None
    )
    if rng.random() < 0.2:
        consent = people_actions.give_consent(
            actor=actor,
            person=person,
            purpose="research",
            given_on=fields["labour_status_since"],
        )
        if rng.random() < 0.15:
            people_actions.withdraw_consent(
                actor=actor, consent=consent, withdrawn_on=ctx.days_ago(1, 60)
            )
    return DemoPerson(person=person, actor=actor, dossier=dossier, profile=profile)


def _create_dossier(
    ctx: _Context, actor: Actor, person: Any, fields: dict[str, Any]
) -> Any:
    rng = ctx.rng
    opened_on = fields["labour_status_since"] + timedelta(days=rng.randint(0, 120))
    opened_on = min(opened_on, ctx.today - timedelta(days=7))
    dossier = people_actions.open_dossier(
        actor=actor, person=person, opened_on=opened_on
    )
    people_actions.give_consent(
        actor=actor, person=person, purpose="service_delivery", given_on=opened_on
    )
    people_actions.record_contact(
        actor=actor,
        dossier=dossier,
        type="intake",
        occurred_at=ctx.at(opened_on, rng.randint(9, 16)),
        notes=_CONTACT_NOTES["intake"],
    )
    if rng.random() < 0.8:
        dossier = people_actions.record_intake(
            actor=actor,
            dossier=dossier,
            version=dossier.version,
            recorded_on=opened_on,
            answers=_intake_answers(ctx, fields),
        )
        dossier = people_actions.update_goals(
            actor=actor,
            dossier=dossier,
            version=dossier.version,
            goals=rng.choice(_GOALS),
        )
    for description, responsible in rng.sample(_PLAN_ACTIONS, rng.randint(1, 4)):
        due_on = opened_on + timedelta(days=rng.randint(14, 150))
        plan_action = people_actions.add_plan_action(
            actor=actor,
            dossier=dossier,
            description=description,
            due_on=due_on,
            responsible=responsible,
        )
        if due_on < ctx.today and rng.random() < 0.6:
            people_actions.complete_plan_action(
                actor=actor, plan_action=plan_action, done_on=due_on
            )
    span = max((ctx.today - opened_on).days, 1)
    for _index in range(rng.randint(0, 4)):
        kind = rng.choice(("coaching", "phone", "email", "three_way_talk", "coaching"))
        day = opened_on + timedelta(days=rng.randint(1, span))
        if day >= ctx.today:
            continue
        people_actions.record_contact(
            actor=actor,
            dossier=dossier,
            type=kind,
            occurred_at=ctx.at(day, rng.randint(9, 16)),
            notes=_CONTACT_NOTES[kind],
        )
    if rng.random() < 0.15 and (ctx.today - opened_on).days > 90:
        dossier = people_actions.close_dossier(
            actor=actor,
            dossier=dossier,
            version=dossier.version,
            closed_on=opened_on + timedelta(days=rng.randint(60, span)),
            reason=rng.choice(("Werk gevonden", "Traject afgerond", "Verhuisd")),
        )
    return dossier


def _intake_answers(ctx: _Context, fields: dict[str, Any]) -> dict[str, Any]:
    rng = ctx.rng
    occupation = fields["current_occupation"] or rng.choice(_OCCUPATIONS)
    health = fields["has_occupational_disability"] or rng.random() < 0.15
    return {
        "work_history": f"{rng.randint(2, 25)} jaar ervaring, laatst als {occupation.lower()}.",
        "last_job_ended_on": "Nog aan het werk"
        if fields["labour_status"] in _EMPLOYEE_STATUSES
        else f"{rng.randint(1, 24)} maanden geleden",
        "has_health_limitations": health,
        "avoids_heavy_work": health,
        "health_limitations": "Geen zwaar tillen; wisselend zitten en staan."
        if health
        else "",
        "wishes": rng.choice(
            (
                "Werk in de buurt, overdag, 24-32 uur.",
                "Iets met mensen; staat open voor omscholing naar de zorg.",
                "Technisch werk, liefst vast contract.",
                "Eerst een opleiding, daarna werk in de logistiek.",
            )
        ),
        "has_care_duties": rng.random() < 0.3,
        "has_debts": rng.random() < 0.15,
        "has_language_barrier": rng.random() < 0.1,
        "has_driving_licence": rng.random() < 0.75,
        "has_own_transport": rng.random() < 0.65,
        "max_travel_minutes": rng.choice((15, 30, 45, 60)),
        "available_hours_per_week": rng.choice((16, 24, 32, 36, 40)),
    }


# --- Enrolments --------------------------------------------------------------------------

_EMPLOYEE_SERVICE_TYPES = {
    ServiceType.CAREER_RESEARCH,
    ServiceType.ASSESSMENT,
    ServiceType.E_PORTFOLIO,
    ServiceType.WORKSHOP,
    ServiceType.TRAINING,
    ServiceType.VITALITY,
    ServiceType.WORK_TO_WORK,
    ServiceType.COACHING,
}
_DROP_OUT_REASONS = (
    "Werk gevonden voor afronding",
    "Gezondheidsredenen",
    "Past niet bij de wensen van de deelnemer",
    "Verhuisd buiten de regio",
)


def _create_enrolments(
    ctx: _Context, persons: list[DemoPerson], services: list[Service]
) -> None:
    rng = ctx.rng
    for item in persons:
        if item.dossier is None or rng.random() > 0.6:
            continue
        fitting = [
            s
            for s in services
            if (s.type in _EMPLOYEE_SERVICE_TYPES) == (item.profile == "employee")
            or s.type in (ServiceType.WORKSHOP, ServiceType.COACHING)
        ]
        for service in rng.sample(fitting, rng.randint(1, 2)):
            registered_on = item.dossier.opened_on + timedelta(days=rng.randint(3, 60))
            if registered_on >= ctx.today:
                continue
            if service.provider_id != item.person.organisation_id:
                people_actions.give_consent(
                    actor=item.actor,
                    person=item.person,
                    purpose="sharing",
                    partner=service.provider,
                    given_on=registered_on,
                )
            try:
                enrolment = service_actions.enrol_person(
                    actor=item.actor,
                    person=item.person,
                    service=service,
                    on=registered_on,
                )
            except ValidationError:  # full, or already enrolled: try the next one
                continue
            _advance(ctx, item.actor, enrolment)


def _advance(ctx: _Context, actor: Actor, enrolment: Any) -> None:
    """Move an enrolment along: registered 20 %, started 30 %, completed 35 %, dropped 15 %."""
    rng = ctx.rng
    outcome = _weighted(
        rng,
        (("registered", 20), ("started", 30), ("completed", 35), ("dropped_out", 15)),
    )
    started_on = enrolment.registered_on + timedelta(days=rng.randint(3, 21))
    if outcome == "registered" or started_on >= ctx.today:
        return
    if outcome == "dropped_out" and rng.random() < 0.3:
        service_actions.drop_out(
            actor=actor,
            enrolment=enrolment,
            reason=rng.choice(_DROP_OUT_REASONS),
            dropped_out_on=started_on,
        )
        return
    enrolment = service_actions.start_enrolment(
        actor=actor, enrolment=enrolment, started_on=started_on
    )
    sessions = min(enrolment.service.session_count or 1, 6)
    for number in range(sessions):
        session_on = started_on + timedelta(days=7 * number)
        if session_on > ctx.today:
            break
        service_actions.record_attendance(
            actor=actor,
            enrolment=enrolment,
            session_on=session_on,
            is_present=rng.random() < 0.9,
        )
    finished_on = started_on + timedelta(days=7 * sessions + rng.randint(0, 14))
    if outcome == "started" or finished_on > ctx.today:
        return
    if outcome == "completed":
        enrolment = service_actions.complete_enrolment(
            actor=actor,
            enrolment=enrolment,
            evidence=f"Certificaat {rng.randint(10_000, 99_999)}-{finished_on:%Y}",
            completed_on=finished_on,
        )
    else:
        enrolment = service_actions.drop_out(
            actor=actor,
            enrolment=enrolment,
            reason=rng.choice(_DROP_OUT_REASONS),
            dropped_out_on=finished_on,
        )
    service_actions.rate_enrolment(
        actor=actor, enrolment=enrolment, score=rng.randint(5, 10)
    )


# --- Events ------------------------------------------------------------------------------

EVENTS: tuple[tuple[str, EventType, str, str], ...] = (
    ("Regionale banenmarkt", EventType.REGIONAL, "wsp", "Emmen, Atalanta"),
    ("Informatiebijeenkomst Van werk naar werk", EventType.INFORMATION_SESSION, "uwv", "Veenstad, UWV-kantoor"),
    ("Masterclass vitaal ouder worden in je vak", EventType.MASTERCLASS, "arbeidsdeskundige", "Coevorden, Het Gebouw"),
    ("Lerend netwerk duurzame inzetbaarheid (1)", EventType.NETWORK_MEETING, "werkgevers", "Veenstad, Bedrijvencentrum"),
    ("Lerend netwerk duurzame inzetbaarheid (2)", EventType.NETWORK_MEETING, "werkgevers", "Veenstad, Bedrijvencentrum"),
    ("Lerend netwerk duurzame inzetbaarheid (3)", EventType.NETWORK_MEETING, "werkgevers", "Veenstad, Bedrijvencentrum"),
    ("Workshop Solliciteren met je smartphone", EventType.WORKSHOP, "reintegratie", "Veenstad, Bibliotheek"),
    ("Informatieavond omscholing zorg", EventType.INFORMATION_SESSION, "opleider", "Opleidingscentrum Drentse Monden"),
    ("Informatieavond omscholing techniek", EventType.INFORMATION_SESSION, "opleider", "Opleidingscentrum Drentse Monden"),
    ("Congres Werk in Drenthe", EventType.CONGRESS, "gemeente", "Assen, Provinciehuis"),
    ("Landelijke dag van de duurzame inzetbaarheid", EventType.NATIONAL, "oofonds", "Utrecht, Jaarbeurs"),
    ("Masterclass Leidinggeven aan 50-plussers", EventType.MASTERCLASS, "werkgevers", "Emmen, Hotel Ten Cate"),
    ("Netwerkbijeenkomst vrouwen in de techniek", EventType.NETWORK_MEETING, "loopbaan", "Veenstad, Loopbaanhuis"),
    ("Workshop Financieel fit", EventType.WORKSHOP, "gemeente", "Veenstad, Wijkcentrum De Schakel"),
    ("Vakbondsspreekuur loopbaan", EventType.INFORMATION_SESSION, "vakbond", "Veenstad, Vakbondshuis"),
    ("Open dag Opleidingscentrum", EventType.REGIONAL, "opleider", "Opleidingscentrum Drentse Monden"),
    ("Werkgeversontbijt inclusief werkgeverschap", EventType.NETWORK_MEETING, "wsp", "Coevorden, De Magneet"),
    ("Workshop Je eigen e-portfolio", EventType.WORKSHOP, "loopbaan", "Veenstad, Loopbaanhuis"),
    ("Informatiesessie banenafspraak", EventType.INFORMATION_SESSION, "uwv", "Veenstad, UWV-kantoor"),
    ("Regionale conferentie Leven lang ontwikkelen", EventType.CONGRESS, "oofonds", "Assen, De Bonte Wever"),
)  # fmt: skip


def _organiser(ctx: _Context, key: str) -> Actor:
    """An actor of ``key`` allowed to organise events (any role but analyst)."""
    users = User.objects.filter(
        memberships__organisation=ctx.organisations[key]
    ).order_by("pk")
    return get_actor(user=users.first(), organisation_id=ctx.organisations[key].pk)  # type: ignore[arg-type]


def _create_events(ctx: _Context, persons: list[DemoPerson]) -> None:
    for index, (title, type_, key, place) in enumerate(EVENTS):
        # two thirds in the past, the rest ahead; network meetings every two months
        offset = (
            -300 + 60 * int(title[-2]) if title.endswith(")") else -330 + 25 * index
        )
        day = ctx.today + timedelta(days=offset)
        actor = _organiser(ctx, key)
        event = service_actions.create_event(
            actor=actor,
            title=title,
            type=type_,
            starts_at=ctx.at(day, 14 if type_ != EventType.CONGRESS else 9),
            ends_at=ctx.at(day, 17),
            place=place,
            capacity=ctx.rng.choice((None, 40, 60, 120, 250)),
            is_learning_network_meeting=title.startswith("Lerend netwerk"),
            network_name="Lerend netwerk DI Zuidoost-Drenthe"
            if title.startswith("Lerend netwerk")
            else "",
        )
        _register_persons(ctx, event, persons, is_past=day < ctx.today)
        if day < ctx.today:
            service_actions.set_anonymous_head_count(
                actor=actor, event=event, count=ctx.rng.randint(0, 35)
            )


def _register_persons(
    ctx: _Context, event: Event, persons: list[DemoPerson], *, is_past: bool
) -> None:
    rng = ctx.rng
    wanted = min(rng.randint(3, 25), event.capacity or 25, len(persons))
    for item in rng.sample(persons, wanted):
        try:
            registration = service_actions.register_for_event(
                actor=item.actor, event=event, person=item.person
            )
        except ValidationError:  # full
            break
        if is_past:
            service_actions.record_event_attendance(
                actor=item.actor,
                registration=registration,
                has_attended=rng.random() < 0.75,
            )
