"""A small, made-up demo taxonomy in the official ESCO CSV layout.

``make run`` works on a fresh machine without the ESCO download: the demo region writes
these files and imports them with the same code path as real ESCO (``import_esco``).
The URIs are ``urn:regiowerk:demo:…`` on purpose, so demo data can never be mistaken
for ESCO. Occupations are common in the region's sectors (logistics, care, cleaning,
technology and manufacturing, hospitality, retail, green, construction, office work);
ISCO-08 groups are real, labels are Dutch, skills are shared across occupations so that
career transitions between sectors show up.
"""

import csv
from pathlib import Path

DEMO_PREFIX = "urn:regiowerk:demo:"
K, S = "knowledge", "skill/competence"
TRANSVERSAL, CROSS, SECTOR, SPECIFIC = (
    "transversal",
    "cross-sector",
    "sector-specific",
    "occupation-specific",
)

# slug: (Dutch label, type, reuse level)
SKILLS: dict[str, tuple[str, str, str]] = {
    "samenwerken": ("samenwerken in een team", S, TRANSVERSAL),
    "klantgericht": ("klantgericht werken", S, TRANSVERSAL),
    "veilig-werken": ("veiligheidsvoorschriften naleven", S, CROSS),
    "plannen": ("werkzaamheden plannen", S, TRANSVERSAL),
    "communiceren": ("mondeling communiceren", S, TRANSVERSAL),
    "nederlands": ("Nederlands spreken en schrijven", S, TRANSVERSAL),
    "computer": ("basisvaardigheden computer", S, TRANSVERSAL),
    "hygiene": ("hygiënevoorschriften toepassen", S, CROSS),
    "fysiek": ("fysiek zwaar werk verrichten", S, CROSS),
    "rijbewijs-b": ("auto besturen (rijbewijs B)", S, CROSS),
    "rijbewijs-ce": ("vrachtwagen met aanhanger besturen (rijbewijs CE)", S, SECTOR),
    "code95": ("vakbekwaamheid chauffeur (code 95)", K, SECTOR),
    "laden-lossen": ("goederen laden en lossen", S, SECTOR),
    "ladingzekering": ("lading zekeren", S, SECTOR),
    "routeplanning": ("routes plannen", S, SECTOR),
    "heftruck": ("heftruck besturen", S, SECTOR),
    "orderpicken": ("orders verzamelen (orderpicken)", S, SECTOR),
    "voorraadbeheer": ("voorraad beheren", S, CROSS),
    "scanner": ("handscanner en magazijnsysteem gebruiken", S, SECTOR),
    "pakketten": ("pakketten sorteren en bezorgen", S, SPECIFIC),
    "tachograaf": ("rij- en rusttijden registreren (tachograaf)", K, SPECIFIC),
    "adl": ("ondersteunen bij algemene dagelijkse levensverrichtingen", S, SECTOR),
    "zorgplan": ("werken volgens een zorgplan", S, SECTOR),
    "medicatie": ("medicatie verstrekken", S, SPECIFIC),
    "observeren": ("gezondheid van cliënten observeren en rapporteren", S, SECTOR),
    "dementie": ("omgaan met mensen met dementie", K, SPECIFIC),
    "huishoudelijk": ("huishoudelijke taken uitvoeren", S, CROSS),
    "schoonmaken": ("ruimtes schoonmaken", S, SECTOR),
    "schoonmaakmiddelen": ("schoonmaakmiddelen veilig gebruiken", K, SECTOR),
    "schoonmaakmachines": ("schoonmaakmachines bedienen", S, SECTOR),
    "koken": ("maaltijden bereiden", S, SECTOR),
    "haccp": ("voedselveiligheid bewaken (HACCP)", K, SECTOR),
    "bedienen": ("gasten bedienen", S, SECTOR),
    "kassa": ("kassa bedienen", S, CROSS),
    "afrekenen": ("betalingen afhandelen", S, CROSS),
    "vakken-vullen": ("schappen vullen en presenteren", S, SECTOR),
    "verkopen": ("producten verkopen en adviseren", S, CROSS),
    "lassen": ("lassen (MIG/MAG)", S, SECTOR),
    "tekening-lezen": ("technische tekeningen lezen", S, CROSS),
    "meten": ("meetinstrumenten gebruiken", S, CROSS),
    "cnc": ("CNC-machines bedienen en instellen", S, SPECIFIC),
    "machines-bedienen": ("productiemachines bedienen", S, SECTOR),
    "storingen": ("storingen opsporen en verhelpen", S, CROSS),
    "onderhoud": ("preventief onderhoud uitvoeren", S, CROSS),
    "elektrotechniek": ("elektrotechnische installaties aanleggen", S, SECTOR),
    "nen3140": ("veilig werken aan elektrische installaties (NEN 3140)", K, SPECIFIC),
    "warmtepomp": ("warmtepompen installeren", S, SPECIFIC),
    "loodgieten": ("leidingen aanleggen en repareren", S, SECTOR),
    "kwaliteit": ("kwaliteit controleren", S, CROSS),
    "procesbewaking": ("productieprocessen bewaken", S, SECTOR),
    "metselen": ("metselen", S, SPECIFIC),
    "timmeren": ("timmeren en houtbewerking", S, SECTOR),
    "steigers": ("steigers opbouwen", S, SPECIFIC),
    "vca": ("basisveiligheid (VCA)", K, CROSS),
    "planten": ("planten verzorgen", S, SECTOR),
    "groen-machines": ("tuin- en groenmachines bedienen", S, SECTOR),
    "bestrating": ("bestrating aanleggen", S, SECTOR),
    "dieren": ("dieren verzorgen", S, SECTOR),
    "oogsten": ("gewassen oogsten", S, SECTOR),
    "administratie": ("administratie bijhouden", S, CROSS),
    "boekhouden": ("boekhouding voeren", K, SECTOR),
    "telefoon": ("telefoon aannemen en doorverbinden", S, CROSS),
    "office": ("kantoorsoftware gebruiken", S, CROSS),
    "klantenservice": ("klachten en vragen van klanten afhandelen", S, CROSS),
    "beveiligen": ("toezicht houden en beveiligen", S, SECTOR),
    "kinderen": ("kinderen begeleiden", S, SECTOR),
    "begeleiden": ("cliënten begeleiden bij dagbesteding", S, SECTOR),
    "programmeren": ("software programmeren", S, SECTOR),
    "netwerken": ("computernetwerken beheren", S, SECTOR),
    "ict-support": ("gebruikers ondersteunen bij ICT-problemen", S, SECTOR),
}

# (slug, Dutch label, ISCO-08 group, alternative labels, essential skills, optional skills)
OCCUPATIONS: list[tuple[str, str, str, list[str], list[str], list[str]]] = [
    (
        "vrachtwagenchauffeur",
        "vrachtwagenchauffeur",
        "8332",
        [
            "chauffeur CE",
            "chauffeur internationaal transport",
            "trucker",
            "vrachtwagenchauffeuse",
        ],
        ["rijbewijs-ce", "code95", "ladingzekering", "tachograaf", "veilig-werken"],
        ["routeplanning", "laden-lossen", "communiceren"],
    ),
    (
        "pakketbezorger",
        "pakketbezorger",
        "8322",
        ["koerier", "bezorger", "chauffeur pakketdienst", "besteller"],
        ["rijbewijs-b", "pakketten", "klantgericht", "scanner"],
        ["routeplanning", "fysiek", "plannen"],
    ),
    (
        "heftruckchauffeur",
        "heftruckchauffeur",
        "8344",
        ["heftruckbestuurder", "reachtruckchauffeur"],
        ["heftruck", "laden-lossen", "veilig-werken", "vca"],
        ["voorraadbeheer", "scanner"],
    ),
    (
        "magazijnmedewerker",
        "magazijnmedewerker",
        "9333",
        ["orderpicker", "logistiek medewerker", "medewerker expeditie"],
        ["orderpicken", "scanner", "laden-lossen", "fysiek"],
        ["heftruck", "voorraadbeheer", "samenwerken"],
    ),
    (
        "logistiek-planner",
        "logistiek planner",
        "4323",
        ["transportplanner", "planner logistiek"],
        ["routeplanning", "plannen", "computer", "communiceren"],
        ["administratie", "klantenservice", "office"],
    ),
    (
        "verzorgende-ig",
        "verzorgende IG",
        "5321",
        ["verzorgende", "helpende plus", "verzorger"],
        ["adl", "zorgplan", "medicatie", "observeren", "hygiene"],
        ["dementie", "communiceren", "samenwerken"],
    ),
    (
        "helpende-zorg",
        "helpende zorg en welzijn",
        "5322",
        ["helpende", "zorghulp"],
        ["adl", "huishoudelijk", "hygiene", "communiceren"],
        ["observeren", "zorgplan"],
    ),
    (
        "huishoudelijke-hulp",
        "huishoudelijke hulp",
        "9111",
        ["thuishulp", "medewerker huishoudelijke zorg"],
        ["huishoudelijk", "schoonmaken", "klantgericht"],
        ["hygiene", "observeren", "plannen"],
    ),
    (
        "begeleider-dagbesteding",
        "begeleider dagbesteding",
        "3412",
        ["activiteitenbegeleider", "groepsbegeleider"],
        ["begeleiden", "communiceren", "observeren", "samenwerken"],
        ["zorgplan", "plannen", "dementie"],
    ),
    (
        "pedagogisch-medewerker",
        "pedagogisch medewerker kinderopvang",
        "5311",
        ["leidster kinderdagverblijf", "medewerker kinderopvang", "gastouder"],
        ["kinderen", "communiceren", "hygiene", "observeren"],
        ["plannen", "samenwerken"],
    ),
    (
        "schoonmaker",
        "schoonmaker",
        "9112",
        ["schoonmaakmedewerker", "interieurverzorger", "schoonmaakster"],
        ["schoonmaken", "schoonmaakmiddelen", "hygiene", "plannen"],
        ["schoonmaakmachines", "veilig-werken", "klantgericht"],
    ),
    (
        "glazenwasser",
        "glazenwasser",
        "9123",
        ["gevelreiniger"],
        ["schoonmaken", "veilig-werken", "fysiek"],
        ["schoonmaakmachines", "klantgericht"],
    ),
    (
        "kok",
        "kok",
        "5120",
        ["zelfstandig werkend kok", "keukenmedewerker", "kokkin"],
        ["koken", "haccp", "hygiene", "plannen"],
        ["voorraadbeheer", "samenwerken"],
    ),
    (
        "bediening",
        "medewerker bediening",
        "5131",
        ["serveerster", "kelner", "ober", "medewerker horeca"],
        ["bedienen", "klantgericht", "afrekenen", "haccp"],
        ["kassa", "communiceren", "samenwerken"],
    ),
    (
        "kassamedewerker",
        "kassamedewerker",
        "5230",
        ["caissière", "medewerker kassa"],
        ["kassa", "afrekenen", "klantgericht"],
        ["vakken-vullen", "communiceren"],
    ),
    (
        "winkelmedewerker",
        "verkoopmedewerker",
        "5223",
        ["winkelmedewerker", "verkoper", "winkelbediende"],
        ["verkopen", "klantgericht", "kassa", "vakken-vullen"],
        ["voorraadbeheer", "afrekenen"],
    ),
    (
        "vakkenvuller",
        "vakkenvuller",
        "9334",
        ["medewerker vulploeg", "aanvuller"],
        ["vakken-vullen", "fysiek", "samenwerken"],
        ["voorraadbeheer", "scanner", "klantgericht"],
    ),
    (
        "lasser",
        "lasser",
        "7212",
        ["constructielasser", "MIG/MAG-lasser", "TIG-lasser"],
        ["lassen", "tekening-lezen", "veilig-werken", "meten"],
        ["kwaliteit", "vca"],
    ),
    (
        "cnc-operator",
        "CNC-operator",
        "7223",
        ["CNC-draaier", "CNC-frezer", "verspaner"],
        ["cnc", "tekening-lezen", "meten", "kwaliteit"],
        ["machines-bedienen", "storingen"],
    ),
    (
        "productiemedewerker",
        "productiemedewerker",
        "8189",
        ["operator", "medewerker productie", "inpakker"],
        ["machines-bedienen", "kwaliteit", "veilig-werken", "samenwerken"],
        ["procesbewaking", "storingen", "fysiek"],
    ),
    (
        "procesoperator",
        "procesoperator",
        "3133",
        ["operator procesindustrie", "controlekamer-operator"],
        ["procesbewaking", "storingen", "veilig-werken", "computer"],
        ["onderhoud", "kwaliteit", "meten"],
    ),
    (
        "onderhoudsmonteur",
        "onderhoudsmonteur",
        "7233",
        ["technicus onderhoud", "storingsmonteur", "servicemonteur"],
        ["onderhoud", "storingen", "tekening-lezen", "veilig-werken"],
        ["elektrotechniek", "meten", "vca"],
    ),
    (
        "elektromonteur",
        "elektromonteur",
        "7411",
        ["elektricien", "installatiemonteur elektra"],
        ["elektrotechniek", "nen3140", "tekening-lezen", "veilig-werken"],
        ["storingen", "vca", "meten"],
    ),
    (
        "installatiemonteur",
        "installatiemonteur werktuigbouw",
        "7126",
        ["loodgieter", "cv-monteur", "installateur"],
        ["loodgieten", "tekening-lezen", "veilig-werken"],
        ["warmtepomp", "storingen", "klantgericht"],
    ),
    (
        "warmtepompmonteur",
        "monteur warmtepompen",
        "7127",
        ["installateur duurzame energie", "monteur klimaattechniek"],
        ["warmtepomp", "loodgieten", "elektrotechniek", "veilig-werken"],
        ["storingen", "klantgericht", "nen3140"],
    ),
    (
        "timmerman",
        "timmerman",
        "7115",
        ["bouwtimmerman", "allround timmerman"],
        ["timmeren", "tekening-lezen", "meten", "vca"],
        ["fysiek", "samenwerken"],
    ),
    (
        "metselaar",
        "metselaar",
        "7112",
        ["bouwvakker metselwerk"],
        ["metselen", "meten", "fysiek", "vca"],
        ["tekening-lezen", "samenwerken"],
    ),
    (
        "steigerbouwer",
        "steigerbouwer",
        "7119",
        ["steigermonteur"],
        ["steigers", "vca", "veilig-werken", "fysiek"],
        ["samenwerken", "tekening-lezen"],
    ),
    (
        "hovenier",
        "hovenier",
        "6113",
        ["tuinman", "groenvoorziener", "medewerker groen"],
        ["planten", "groen-machines", "bestrating", "fysiek"],
        ["veilig-werken", "klantgericht"],
    ),
    (
        "medewerker-veehouderij",
        "medewerker veehouderij",
        "6121",
        ["melkveehouder", "agrarisch medewerker"],
        ["dieren", "fysiek", "hygiene"],
        ["groen-machines", "oogsten"],
    ),
    (
        "medewerker-tuinbouw",
        "medewerker glastuinbouw",
        "6111",
        ["tuinbouwmedewerker", "oogstmedewerker"],
        ["oogsten", "planten", "fysiek"],
        ["samenwerken", "kwaliteit"],
    ),
    (
        "administratief-medewerker",
        "administratief medewerker",
        "4110",
        ["kantoormedewerker", "medewerker administratie"],
        ["administratie", "office", "computer", "nederlands"],
        ["telefoon", "boekhouden", "plannen"],
    ),
    (
        "receptionist",
        "receptionist",
        "4226",
        ["telefonist", "baliemedewerker", "receptioniste"],
        ["telefoon", "klantgericht", "communiceren", "computer"],
        ["administratie", "office"],
    ),
    (
        "klantenservicemedewerker",
        "klantenservicemedewerker",
        "4222",
        ["callcentermedewerker", "medewerker klantcontact"],
        ["klantenservice", "communiceren", "computer", "nederlands"],
        ["telefoon", "administratie"],
    ),
    (
        "beveiliger",
        "beveiliger",
        "5414",
        ["beveiligingsmedewerker", "toezichthouder"],
        ["beveiligen", "communiceren", "veilig-werken"],
        ["klantgericht", "observeren"],
    ),
    (
        "ict-medewerker",
        "medewerker ICT-support",
        "3512",
        ["helpdeskmedewerker", "servicedeskmedewerker", "systeembeheerder"],
        ["ict-support", "computer", "communiceren", "netwerken"],
        ["programmeren", "klantenservice"],
    ),
    (
        "softwareontwikkelaar",
        "softwareontwikkelaar",
        "2512",
        ["programmeur", "developer"],
        ["programmeren", "computer", "samenwerken"],
        ["netwerken", "plannen"],
    ),
]


def uri(kind: str, slug: str) -> str:
    """The demo URI of an occupation or skill."""
    return f"{DEMO_PREFIX}{kind}:{slug}"


def write_demo_taxonomy(folder: Path) -> Path:
    """Write the demo taxonomy as ESCO-layout CSV files into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "occupations_nl.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "conceptType",
                "conceptUri",
                "iscoGroup",
                "preferredLabel",
                "altLabels",
                "hiddenLabels",
                "description",
            ]
        )
        for slug, label, isco, alts, _essential, _optional in OCCUPATIONS:
            out.writerow(
                [
                    "Occupation",
                    uri("occupation", slug),
                    isco,
                    label,
                    "\n".join(alts),
                    "",
                    f"{label} (demo-beroep, geen ESCO)",
                ]
            )
    with (folder / "skills_nl.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "conceptType",
                "conceptUri",
                "skillType",
                "reuseLevel",
                "preferredLabel",
                "altLabels",
            ]
        )
        for slug, (label, skill_type, reuse) in SKILLS.items():
            out.writerow(
                [
                    "KnowledgeSkillCompetence",
                    uri("skill", slug),
                    skill_type,
                    reuse,
                    label,
                    "",
                ]
            )
    with (folder / "occupationSkillRelations.csv").open(
        "w", newline="", encoding="utf-8"
    ) as fh:
        out = csv.writer(fh)
        out.writerow(["occupationUri", "relationType", "skillType", "skillUri"])
        for slug, _label, _isco, _alts, essential, optional in OCCUPATIONS:
            for kind, skills in (("essential", essential), ("optional", optional)):
                for skill in skills:
                    out.writerow(
                        [
                            uri("occupation", slug),
                            kind,
                            SKILLS[skill][1],
                            uri("skill", skill),
                        ]
                    )
    return folder
