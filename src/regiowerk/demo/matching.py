"""The demo region's labour market: the demo taxonomy, employers and their vacancies,
persons' occupations and skills, and the skills training services teach.

``load_demo_matching`` runs after the demo region (people, services) is built and goes
through the apps' actions (employers, matching, services). It is idempotent: the taxonomy is imported only when none
is; employers are recognised by their KvK numbers and get vacancies only when new;
persons and services that already have links are left alone. Everything is generated
from a seed; the employers are made up (their KvK numbers too).
"""

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from regiowerk.employers import actions as employer_actions
from regiowerk.employers.constants import ContractType
from regiowerk.employers.models import Employer
from regiowerk.employers.permissions import EMPLOYER_ROLES
from regiowerk.matching import actions, convert, queries
from regiowerk.matching.demo_taxonomy import write_demo_taxonomy
from regiowerk.matching.models import (
    Occupation,
    PersonOccupation,
    PersonSkill,
    ServiceSkill,
    Skill,
)
from regiowerk.organisations.constants import CASEWORK_ROLES, OrganisationType, Role
from regiowerk.organisations.models import Membership, Organisation, Region
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.people.models import Person
from regiowerk.services import actions as service_actions
from regiowerk.services.constants import ServiceType
from regiowerk.services.models import Service
from skillmatch import Taxonomy

DEFAULT_SEED = 2026
MIN_TITLE_SCORE = 0.35  # below this a free-text title is not linked automatically

# (city, postcode area, latitude, longitude): places of the demo region.
PLACES = (
    ("Veenstad", "7811", 52.80, 6.90),
    ("Emmen", "7822", 52.785, 6.897),
    ("Klazienaveen", "7891", 52.727, 6.985),
    ("Coevorden", "7741", 52.661, 6.741),
    ("Schoonebeek", "7761", 52.662, 6.883),
    ("Nieuw-Amsterdam", "7833", 52.716, 6.851),
    ("Borger", "9531", 52.924, 6.792),
    ("Nieuw-Buinen", "9521", 52.963, 6.951),
    ("Erica", "7887", 52.708, 6.925),
    ("Dalen", "7751", 52.699, 6.756),
)

# How heavy a demo vacancy's work is, by words in its title (no draw of the generator,
# so the demo's other figures stay as they are); any other title is "moderate".
HEAVY_WORK = (
    "magazijn",
    "orderpicker",
    "steiger",
    "metsel",
    "timmer",
    "vakkenvul",
    "bezorg",
    "koerier",
    "glazenwas",
    "hovenier",
    "tuin",
    "groen",
    "productie",
)
LIGHT_WORK = ("planner", "kassa", "caissi", "begeleider", "pedagogisch", "leidster")


def _physical_load(title: str) -> str:
    lowered = title.lower()
    if any(word in lowered for word in HEAVY_WORK):
        return "heavy"
    return "light" if any(word in lowered for word in LIGHT_WORK) else "moderate"


# Made-up employers: (name, SBI sector, employees, vacancy titles as employers write them)
EMPLOYERS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("Transportbedrijf Hondsrug", "H", 120, ("Chauffeur CE internationaal", "Vrachtwagenchauffeur binnenland", "Transportplanner", "Heftruckchauffeur")),
    ("Koeriersdienst Veenkoloniën", "H", 45, ("Pakketbezorger 32 uur", "Koerier bestelbus", "Bezorger (m/v)", "Chauffeur pakketdienst")),
    ("Distributiecentrum Emmen-Noord", "H", 380, ("Orderpicker", "Magazijnmedewerker expeditie", "Reachtruckchauffeur", "Logistiek planner")),
    ("Zorggroep De Drentse Venen", "Q", 650, ("Verzorgende IG", "Verzorgende IG nachtdienst", "Helpende zorg en welzijn", "Medewerker huishoudelijke zorg")),
    ("Thuiszorg Zuidoost", "Q", 210, ("Verzorgende thuiszorg", "Thuishulp", "Helpende plus", "Verzorger wijkteam")),
    ("Dagbesteding Het Erf", "Q", 35, ("Activiteitenbegeleider", "Groepsbegeleider dagbesteding")),
    ("Kinderopvang Kleine Veenmol", "Q", 60, ("Pedagogisch medewerker kinderopvang", "Leidster kinderdagverblijf")),
    ("Schoonmaakbedrijf Glans", "N", 140, ("Schoonmaakmedewerker", "Interieurverzorger avonden", "Glazenwasser", "Schoonmaker ziekenhuis")),
    ("Hotel-Restaurant De Hunebedden", "I", 40, ("Kok", "Zelfstandig werkend kok", "Medewerker bediening", "Keukenmedewerker")),
    ("Lunchroom De Markt", "I", 12, ("Medewerker horeca", "Serveerster / ober")),
    ("Supermarkt Buitenhuis", "G", 95, ("Kassamedewerker", "Vakkenvuller", "Medewerker vulploeg avond", "Caissière zaterdag")),
    ("Bouwmarkt Zuidoost", "G", 55, ("Verkoopmedewerker", "Winkelmedewerker tuin", "Verkoper bouwmaterialen")),
    ("Metaalbewerking Dalen", "C", 75, ("Lasser MIG/MAG", "CNC-operator", "Constructielasser", "CNC-frezer")),
    ("Kunststoffabriek Coevorden", "C", 260, ("Productiemedewerker", "Operator 3-ploegen", "Procesoperator", "Onderhoudsmonteur")),
    ("Zuivelfabriek Drentse Weide", "C", 310, ("Procesoperator zuivel", "Productiemedewerker inpak", "Storingsmonteur")),
    ("Installatiebedrijf Warmte & Co", "F", 48, ("Monteur warmtepompen", "Installatiemonteur", "CV-monteur", "Elektricien")),
    ("Elektrotechniek Borger", "F", 30, ("Elektromonteur", "Servicemonteur elektra")),
    ("Bouwbedrijf Hunze", "F", 90, ("Timmerman", "Metselaar", "Steigerbouwer", "Allround timmerman")),
    ("Hoveniersbedrijf Groen Drenthe", "A", 25, ("Hovenier", "Medewerker groenvoorziening", "Tuinman")),
    ("Kwekerij Erica", "A", 70, ("Medewerker glastuinbouw", "Oogstmedewerker")),
    ("Melkveebedrijf Schoonebeek", "A", 6, ("Agrarisch medewerker veehouderij",)),
    ("Gemeentelijk Servicecentrum", "O", 420, ("Administratief medewerker", "Baliemedewerker", "Medewerker klantcontact")),
    ("Klantcontactcentrum Noord", "N", 150, ("Callcentermedewerker", "Klantenservicemedewerker", "Medewerker klantenservice (32 uur)")),
    ("Beveiligingsdienst Oost", "N", 80, ("Beveiliger", "Toezichthouder evenementen", "Beveiligingsmedewerker")),
    ("ICT-Dienstverlening Drenthe", "J", 40, ("Servicedeskmedewerker", "Systeembeheerder", "Softwareontwikkelaar", "Helpdeskmedewerker")),
)  # fmt: skip

# Training services and the words that find the skills they teach.
TEACHING: dict[str, tuple[str, ...]] = {
    "Basiscursus VCA": ("VCA", "veiligheidsvoorschriften"),
    "Heftruckcertificaat": ("heftruck",),
    "Omscholing zorg (mbo 3)": ("levensverrichtingen", "zorgplan", "medicatie", "observeren"),
    "Omscholing installatietechniek": ("warmtepomp", "leidingen", "elektrotechnische"),
    "Digitale vaardigheden basis": ("basisvaardigheden computer", "kantoorsoftware"),
    "Nederlands op de werkvloer": ("Nederlands",),
    "Taalhuis: werken aan taal": ("Nederlands",),
    "Praktijkverklaring logistiek": ("orderpicken", "handscanner", "voorraad"),
    "Excel voor kantoor": ("kantoorsoftware", "administratie"),
    "Scholingsbudget vakmanschap": ("lassen", "CNC", "technische tekeningen"),
    "Vakbekwaamheid chauffeur (code 95)": ("code 95", "tachograaf", "lading"),
    "Hygiëne en HACCP in de keuken": ("HACCP", "hygiëne"),
    "Kassa en klantcontact in de winkel": ("kassa", "betalingen", "klantgericht"),
}  # fmt: skip
NEW_TRAINING = (
    "Vakbekwaamheid chauffeur (code 95)",
    "Hygiëne en HACCP in de keuken",
    "Kassa en klantcontact in de winkel",
)


@dataclass
class DemoMatching:
    """What the loader did, per kind (0 when everything existed already)."""

    counts: dict[str, int] = field(default_factory=dict)


def _import_demo_taxonomy() -> bool:
    if Occupation.objects.exists():
        return False  # a taxonomy (real ESCO or the demo one) is there: keep it
    with tempfile.TemporaryDirectory() as tmp:
        taxonomy = Taxonomy.from_esco(write_demo_taxonomy(Path(tmp)))
    actions.import_taxonomy(
        taxonomy=taxonomy, name="Demo-taxonomie", source="demo", is_demo=True
    )
    return True


def _actor_with(
    region: Region, roles: frozenset[str] | tuple[str, ...]
) -> Actor | None:
    membership = (
        Membership.objects.filter(
            organisation__region=region,
            role__in=list(roles),
            user__is_active=True,
            organisation__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__username")
        .first()
    )
    if membership is None:
        return None
    return get_actor(user=membership.user, organisation_id=membership.organisation_id)


def _best_occupation(
    text: str, cache: dict[str, Occupation | None]
) -> Occupation | None:
    if text not in cache:
        found = queries.suggest_occupations(text=text, k=1)
        cache[text] = (
            Occupation.objects.filter(uri=found[0].uri).first()
            if found and found[0].score >= MIN_TITLE_SCORE
            else None
        )
    return cache[text]


def _create_employers(
    rng: random.Random, seed: int, actor: Actor, today: date, counts: dict[str, int]
) -> None:
    taxonomy = convert.current_taxonomy()
    cache: dict[str, Occupation | None] = {}
    for name, sector, employees, titles in EMPLOYERS:
        # Derived from the name alone, so a second run recognises the employer.
        own = random.Random(f"{name}:{seed}")  # noqa: S311 - demo data
        kvk = f"{own.randint(10_000_000, 99_999_999)}"
        if Employer.objects.filter(kvk_number=kvk).exists():
            continue
        city, area, lat, lon = rng.choice(PLACES)
        employer = employer_actions.register_employer(
            actor=actor,
            name=f"{name} B.V.",
            kvk_number=kvk,
            sector=sector,
            region=actor.organisation.region,
            employees=employees,
            postcode=f"{area} {rng.choice('ABCDEGHJKL')}{rng.choice('MNPRSTVWXZ')}",
            city=city,
        )
        counts["employers"] += 1
        for title in titles:
            hours_max = rng.choice((24, 32, 36, 38, 40))
            vacancy = employer_actions.create_vacancy(
                actor=actor,
                employer=employer,
                title=title,
                hours_min=max(8, hours_max - rng.choice((0, 8, 16))),
                hours_max=hours_max,
                contract_type=rng.choice(
                    [ContractType.PERMANENT] * 3
                    + [ContractType.TEMPORARY] * 3
                    + [ContractType.AGENCY, ContractType.TRAINEESHIP]
                ),
                physical_load=_physical_load(title),
                opens_on=today - timedelta(days=rng.randint(1, 60)),
                closes_on=today + timedelta(days=rng.randint(14, 90)),
                postcode=employer.postcode,
                city=city,
                latitude=lat + rng.uniform(-0.01, 0.01),
                longitude=lon + rng.uniform(-0.01, 0.01),
                source=rng.choice(("employer", "service_desk", "uwv")),
            )
            counts["vacancies"] += 1
            occupation = _best_occupation(title, cache)
            if occupation is None:
                continue
            actions.confirm_vacancy_occupation(
                actor=actor, vacancy=vacancy, occupation=occupation
            )
            optional = list(taxonomy.optional_skills(occupation.uri))
            if optional and rng.random() < 0.5:  # the employer insists on one extra
                extra = rng.choice(optional)
                employer_actions.set_vacancy_skills(
                    actor=actor,
                    vacancy=vacancy,
                    skills=[(extra, taxonomy.label(extra), True)],
                )


def _link_persons(rng: random.Random, region: Region, counts: dict[str, int]) -> None:
    cache: dict[str, Occupation | None] = {}
    actors: dict[int, Actor | None] = {}
    general = list(
        Skill.objects.filter(reuse_level__in=["transversal", "cross-sector"]).order_by(
            "label"
        )[:60]
    )
    persons = (
        Person.objects.filter(organisation__region=region, is_anonymised=False)
        .exclude(pk__in=PersonOccupation.objects.values("person_id"))
        .exclude(pk__in=PersonSkill.objects.values("person_id"))
        .order_by("created_at", "pk")
    )
    for person in persons:
        if person.organisation_id not in actors:
            membership = (
                Membership.objects.filter(
                    organisation_id=person.organisation_id,
                    role__in=list(CASEWORK_ROLES),
                    user__is_active=True,
                )
                .select_related("user")
                .order_by("user__username")
                .first()
            )
            actors[person.organisation_id] = (
                get_actor(user=membership.user, organisation_id=person.organisation_id)
                if membership
                else None
            )
        actor = actors[person.organisation_id]
        if actor is None:
            continue
        texts = [(person.current_occupation, True)]
        previous = [t.strip() for t in person.previous_occupations.split(",")]
        texts += [(t, False) for t in previous[:2] if t]
        did_link = False
        for text, is_current in texts:
            occupation = _best_occupation(text, cache) if text.strip() else None
            if occupation is None:
                continue
            if PersonOccupation.objects.filter(
                person=person, occupation=occupation
            ).exists():
                continue
            actions.link_occupation(
                actor=actor,
                person=person,
                occupation=occupation,
                is_current=is_current,
                confirmed=True,
            )
            counts["occupation links"] += 1
            did_link = True
        if general and (did_link or rng.random() < 0.5) and rng.random() < 0.6:
            skills = rng.sample(general, k=min(len(general), rng.randint(1, 3)))
            actions.set_person_skills(
                actor=actor, person=person, skills=skills, source="declared"
            )
            counts["declared skills"] += len(skills)


def _teaching_services(region: Region, today: date, counts: dict[str, int]) -> None:
    providers = Organisation.objects.filter(region=region)
    institute = (
        providers.filter(type=OrganisationType.TRAINING_INSTITUTE).first()
        or providers.order_by("pk").first()
    )
    if institute is None:
        return
    in_region = Service.objects.filter(provider__region=region)
    for name in NEW_TRAINING:
        if not in_region.filter(name=name).exists():
            service_actions.create_service(
                actor=Actor.system(
                    institute, reason="demo region", roles=(Role.ADMINISTRATOR,)
                ),
                name=name,
                type=ServiceType.TRAINING,
                capacity=12,
                duration_hours=16,
                session_count=2,
                themes=["mobility"],
                target_groups=["job_seekers"],
                active_from=today - timedelta(days=365),
            )
            counts["training services"] += 1
    taught = ServiceSkill.objects.values("service_id")
    for service in in_region.exclude(pk__in=taught).select_related("provider"):
        words = TEACHING.get(service.name)
        if not words:
            continue
        skills = {
            s.pk: s for w in words for s in queries.search_skills(text=w, limit=2)
        }
        if skills:
            # the provider's catalogue manager, as the demo loader
            actor = Actor.system(
                service.provider, reason="demo data", roles=(Role.ADMINISTRATOR,)
            )
            actions.set_service_skills(
                actor=actor, service=service, skills=skills.values()
            )
            counts["services with skills"] += 1


def load_demo_matching(
    *,
    region: Region | None = None,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoMatching:
    """Add the matching demo data to ``region`` (default: the first region); idempotent.

    Imports the demo taxonomy when no taxonomy is imported, registers ~25 employers
    with ~80 open vacancies (occupations confirmed from their titles), links persons'
    free-text occupations to the taxonomy with a few declared skills, and records which
    skills the region's training services teach.
    """
    say = progress or (lambda _message: None)
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not crypto
    counts = dict.fromkeys(
        (
            "taxonomy imported",
            "employers",
            "vacancies",
            "occupation links",
            "declared skills",
            "training services",
            "services with skills",
        ),
        0,
    )
    say("demo taxonomy")
    counts["taxonomy imported"] = int(_import_demo_taxonomy())
    region = region or Region.objects.order_by("pk").first()
    if region is None:
        return DemoMatching(counts)
    with transaction.atomic():
        employer_actor = _actor_with(region, ("account_manager",)) or _actor_with(
            region, EMPLOYER_ROLES
        )
        if employer_actor is not None:
            say("employers and vacancies")
            _create_employers(rng, seed, employer_actor, today, counts)
        say("occupations and skills of persons")
        _link_persons(rng, region, counts)
        say("skills taught by training services")
        _teaching_services(region, today, counts)
    return DemoMatching(counts)
