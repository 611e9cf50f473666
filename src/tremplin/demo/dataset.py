"""The demo dataset: the accelerator "21" as DOMAIN.md describes it (programmes, seasons 1 to 4
and their calls, the named laureates of seasons 1 and 2, partners, national societies), a few
hundred experimentation sites across every region, and one demo account per role.

Deterministic: the same content at every load. Season 4 is the current season: it and its five
calls are placed relative to the day of loading, so that the demo always has calls open."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from tremplin.acceleration.models import LaureateProject
from tremplin.accounts import services as account_services
from tremplin.accounts.models import Membership, Organisation, Person, Role
from tremplin.network.models import ExperimentationSite
from tremplin.programmes.models import Audience, Call, Programme, Season
from tremplin.reference.models import BusinessLine, Department, Region

DATA = Path(__file__).resolve().parent / "data"
PARIS = ZoneInfo("Europe/Paris")
DEMO_PASSWORD = "tremplin-demo"  # noqa: S105 - printed by `tremplin demo`, demo data only

# (role, e-mail): one account per role, printed by `tremplin demo`.
DEMO_ACCOUNTS = [
    ("applicant", "applicant@example.org"),
    ("staff", "staff@example.org"),
    ("referent", "referent@example.org"),
    ("mentor", "mentor@example.org"),
    ("committee", "committee@example.org"),
    ("partner", "partner@example.org"),
    ("site_contact", "site@example.org"),
    ("moderator", "moderator@example.org"),
    ("admin", "admin@example.org"),
]
# (what they do, e-mail): more accounts the walkthroughs of the issues use, printed after.
DEMO_MORE_ACCOUNTS = [
    ("chair of the entrepreneurs' selection committee", "committee2@example.org"),
    ("team of the laureate project Minutis", "minutis@example.org"),
    ("validator of the Moroccan Red Crescent (catalogue)", "validation.crm@example.org"),
]


def demo_data_loaded() -> bool:
    return Person.objects.filter(email=DEMO_ACCOUNTS[0][1]).exists()


def paris(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def t(fr: str, en: str = "", es: str = "", ar: str = "") -> dict:
    return {k: v for k, v in {"fr": fr, "en": en, "es": es, "ar": ar}.items() if v}


# --- Organisations -----------------------------------------------------------------------------

NATIONAL_SOCIETIES = [
    ("Croix-Rouge française", "FR", "croix-rouge.fr"),
    ("Cruz Roja Española", "ES", "cruzroja.es"),
    ("Croix-Rouge de Belgique", "BE", "croix-rouge.be"),
    ("Croix-Rouge suisse", "CH", "redcross.ch"),
    ("Croce Rossa Italiana", "IT", "cri.it"),
    ("Croissant-Rouge marocain", "MA", "crm.ma"),
    ("Croix-Rouge libanaise", "LB", "redcross.org.lb"),
    ("Croix-Rouge sénégalaise", "SN", "croixrougesenegal.org"),
    ("Croix-Rouge luxembourgeoise", "LU", "croix-rouge.lu"),
    ("Croix-Rouge canadienne", "CA", "croixrouge.ca"),
]

PARTNERS = [
    (
        "Nexem",
        "nexem.fr",
        "Organisation professionnelle des employeurs du secteur social, médico-social et sanitaire privé non lucratif; co-propriétaire de 21 (40 %).",
    ),
    ("Fondation Roche", "roche.com", "Partenaire du programme Impact Data."),
    ("Fondation Devoteam", "devoteam.com", "Mécénat de compétences pour les lauréats."),
    (
        "OETH",
        "oeth.org",
        "Partenaire du programme 21 x OETH (inclusion et maintien dans l'emploi des personnes en situation de handicap).",
    ),
    ("APF France Handicap", "apf-francehandicap.org", "Membre de l'alliance du programme 21H."),
    ("CCAH", "ccah.fr", "Membre de l'alliance du programme 21H."),
]

# name, kind, region code, e-mail domain
LAUREATE_ORGANISATIONS = [
    ("Solinum", Organisation.Kind.ASSOCIATION, "FR-IDF", "solinum.org"),
    ("Toutes Mes Aides", Organisation.Kind.COMPANY, "FR-IDF", "toutesmesaides.fr"),
    ("T.zic", Organisation.Kind.COMPANY, "FR-ARA", "tzic.fr"),
    ("WERO", Organisation.Kind.ASSOCIATION, "FR-IDF", "wero.fr"),
    ("Arbitryum", Organisation.Kind.COMPANY, "FR-NAQ", "arbitryum.fr"),
    ("HelpMeUp", Organisation.Kind.ASSOCIATION, "FR-HDF", "helpmeup.fr"),
    ("ENOUMA", Organisation.Kind.COMPANY, "FR-IDF", "enouma.fr"),
    ("AALIA.tech", Organisation.Kind.COMPANY, "FR-OCC", "aalia.tech"),
    ("Arkhn", Organisation.Kind.COMPANY, "FR-IDF", "arkhn.com"),
    ("Jalgos", Organisation.Kind.COMPANY, "FR-IDF", "jalgos.com"),
    ("Croix-Rouge Mobilités", Organisation.Kind.COMPANY, "FR-IDF", "crmobilites.fr"),
]


# --- Programmes, seasons and calls -------------------------------------------------------------

PROGRAMMES = [
    {
        "slug": "intrapreneurs",
        "name": t(
            "Programme intrapreneurs",
            "Intrapreneur programme",
            "Programa de intraemprendedores",
            "برنامج رواد الأعمال الداخليين",
        ),
        "summary": t(
            "Six mois d'accompagnement pour les bénévoles, salariés et élèves de la Croix-Rouge française qui portent une innovation sociale.",
            "Six months of support for volunteers, employees and students of the French Red Cross who carry a social innovation.",
            "Seis meses de acompañamiento para voluntarios, empleados y estudiantes de la Cruz Roja Francesa que impulsan una innovación social.",
        ),
        "description": t(
            "Un référent expert vous suit de la conception au prototype puis au déploiement; vous testez votre solution dans les unités locales et établissements du réseau, avec l'appui de mentors internes et externes.",
            "An expert referent follows you from design to prototype to deployment; you test your solution in the network's local units and establishments, with internal and external mentors.",
        ),
        "audience": Audience.MEMBERS,
        "package": "10000",
        "places": 6,
        "regional": True,
        "launched": date(2019, 5, 21),
        "partners": [],
    },
    {
        "slug": "entrepreneurs",
        "name": t(
            "Programme entrepreneurs",
            "Entrepreneur programme",
            "Programa de emprendedores",
            "برنامج رواد الأعمال",
        ),
        "summary": t(
            "Pour les startups, associations et entreprises de l'économie sociale et solidaire qui veulent tester et déployer leur solution dans le réseau de la Croix-Rouge française.",
            "For startups, associations and social economy companies who want to test and deploy their solution in the French Red Cross network.",
        ),
        "description": t(
            "Accès à un terrain d'expérimentation (1 037 unités locales et 577 établissements), conseils d'experts (finance, juridique), un poste en coworking à Montrouge et une enveloppe financière de plusieurs milliers d'euros.",
            "Access to an experimentation ground (1,037 local units and 577 establishments), expert advice (finance, legal), a coworking desk in Montrouge and a financial package of several thousand euros.",
        ),
        "audience": Audience.OUTSIDERS,
        "package": "15000",
        "places": 8,
        "regional": False,
        "launched": date(2019, 5, 21),
        "partners": ["Nexem", "Fondation Devoteam"],
    },
    {
        "slug": "21-x-oeth",
        "name": t("21 x OETH", "21 x OETH", "21 x OETH"),
        "summary": t(
            "Des solutions pour l'inclusion et le maintien dans l'emploi des personnes en situation de handicap dans le secteur sanitaire, social et médico-social.",
            "Solutions for the inclusion and job retention of people with disabilities in the health, social and medico-social sector.",
        ),
        "thematic_focus": t(
            "Handicap et emploi", "Disability and employment", "Discapacidad y empleo"
        ),
        "audience": Audience.OUTSIDERS,
        "package": "20000",
        "places": 4,
        "regional": False,
        "launched": date(2020, 9, 1),
        "partners": ["OETH"],
    },
    {
        "slug": "impact-data",
        "name": t("Impact Data", "Impact Data", "Impact Data"),
        "summary": t(
            "L'usage des données de santé au service du parcours patient, avec la Fondation Roche.",
            "Using health data for the patient journey, with the Roche Foundation.",
        ),
        "thematic_focus": t(
            "Données de santé et parcours patient", "Health data and the patient journey"
        ),
        "audience": Audience.OUTSIDERS,
        "package": "25000",
        "places": 2,
        "regional": False,
        "launched": date(2020, 2, 1),
        "partners": ["Fondation Roche"],
    },
    {
        "slug": "21h",
        "name": t("21H", "21H", "21H"),
        "summary": t(
            "Le programme handicap de l'alliance Croix-Rouge française, APF France Handicap et CCAH.",
            "The disability programme of the alliance of the French Red Cross, APF France Handicap and CCAH.",
        ),
        "thematic_focus": t("Handicap", "Disability", "Discapacidad"),
        "audience": Audience.ANYONE,
        "package": "15000",
        "places": 5,
        "regional": True,
        "launched": date(2021, 4, 1),
        "partners": ["APF France Handicap", "CCAH"],
    },
]

SEASONS = [
    (1, date(2019, 5, 21), t("Première saison", "First season")),
    (2, date(2020, 1, 15), t("Deuxième saison", "Second season")),
    (
        3,
        date(2020, 6, 1),
        t(
            "Répondre à la crise sanitaire",
            "Answering the health crisis",
            "Responder a la crisis sanitaria",
        ),
    ),
]

# season number -> [(programme slug, opens, closes)]
CALLS = {
    1: [
        ("intrapreneurs", paris(2019, 5, 21, 9), paris(2019, 7, 15, 23, 59)),
        ("entrepreneurs", paris(2019, 5, 21, 9), paris(2019, 7, 15, 23, 59)),
    ],
    2: [
        ("intrapreneurs", paris(2020, 1, 15, 9), paris(2020, 3, 1, 23, 59)),
        ("entrepreneurs", paris(2020, 1, 15, 9), paris(2020, 3, 1, 23, 59)),
        ("impact-data", paris(2020, 2, 1, 9), paris(2020, 3, 15, 23, 59)),
    ],
    3: [
        ("intrapreneurs", paris(2020, 6, 1, 9), paris(2020, 7, 10, 23, 59)),
        ("entrepreneurs", paris(2020, 6, 1, 9), paris(2020, 7, 10, 23, 59)),
        ("21-x-oeth", paris(2020, 9, 15, 9), paris(2020, 11, 15, 23, 59)),
    ],
}


# --- Laureates (DOMAIN.md) ---------------------------------------------------------------------

# season, programme, track, name, organisation, region, business lines, pitch (fr, en, es)
LAUREATES = [
    (
        1,
        "intrapreneurs",
        "intrapreneur",
        "BackPack",
        None,
        "FR-NAQ",
        ["health"],
        t(
            "Une application mobile contre la lombalgie chronique des soignants et des bénévoles.",
            "A mobile app against chronic low-back pain of carers and volunteers.",
            "Una aplicación móvil contra el dolor lumbar crónico.",
        ),
    ),
    (
        1,
        "intrapreneurs",
        "intrapreneur",
        "Croix-Rouge Mobilités",
        None,
        "FR-IDF",
        ["social-action", "exclusion"],
        t(
            "La mobilité partagée pour les personnes accompagnées et les équipes.",
            "Shared mobility for the people supported and the teams.",
        ),
    ),
    (
        1,
        "intrapreneurs",
        "intrapreneur",
        "MeHandYou",
        None,
        "FR-ARA",
        ["disability"],
        t(
            "Une plateforme d'entraide pour les personnes en situation de handicap.",
            "A mutual-aid platform for people with disabilities.",
            "Una plataforma de ayuda mutua para personas con discapacidad.",
            "منصة للمساعدة المتبادلة للأشخاص ذوي الإعاقة.",
        ),
    ),
    (
        1,
        "intrapreneurs",
        "intrapreneur",
        "Minutis",
        None,
        "FR-PAC",
        ["emergency"],
        t(
            "Coordonner en temps réel les opérations d'urgence : équipes, véhicules, radios, victimes.",
            "Coordinating emergency operations in real time: teams, vehicles, radios, victims.",
            "Coordinar en tiempo real las operaciones de emergencia: equipos, vehículos, radios, víctimas.",
            "تنسيق عمليات الطوارئ في الوقت الفعلي: الفرق والمركبات وأجهزة اللاسلكي والضحايا.",
        ),
    ),
    (
        1,
        "entrepreneurs",
        "entrepreneur",
        "Solinum",
        "Solinum",
        "FR-IDF",
        ["exclusion", "food-aid"],
        t(
            "Orienter les personnes en situation de précarité vers les services dont elles ont besoin.",
            "Guiding people in precarity to the services they need.",
            "Orientar a las personas en situación de precariedad hacia los servicios que necesitan.",
        ),
    ),
    (
        1,
        "entrepreneurs",
        "entrepreneur",
        "Toutes Mes Aides",
        "Toutes Mes Aides",
        "FR-IDF",
        ["social-action"],
        t(
            "Une intelligence artificielle pour faire valoir ses droits aux aides sociales.",
            "AI to claim the social benefits one is entitled to.",
        ),
    ),
    (
        1,
        "entrepreneurs",
        "entrepreneur",
        "T.zic",
        "T.zic",
        "FR-ARA",
        ["international", "health"],
        t(
            "Le traitement de l'eau par LED ultraviolettes.",
            "Water treatment by UV LED.",
            "Tratamiento del agua mediante LED ultravioleta.",
        ),
    ),
    (
        1,
        "entrepreneurs",
        "entrepreneur",
        "WERO",
        "WERO",
        "FR-IDF",
        ["migrations", "insertion"],
        t(
            "L'accès à l'emploi des personnes réfugiées.",
            "Refugees' access to work.",
            "El acceso al empleo de las personas refugiadas.",
            "تمكين اللاجئين من الوصول إلى العمل.",
        ),
    ),
    (
        2,
        "intrapreneurs",
        "intrapreneur",
        "Rencontres aux Pot'âgés",
        None,
        "FR-BRE",
        ["elderly"],
        t(
            "Créer du lien social autour de potagers partagés entre générations.",
            "Social ties around shared vegetable gardens.",
        ),
    ),
    (
        2,
        "intrapreneurs",
        "intrapreneur",
        "Change of View",
        None,
        "FR-HDF",
        ["exclusion", "social-action"],
        t(
            "Des portraits réalisés par et pour les personnes accompagnées.",
            "Portraits by and for the people supported.",
        ),
    ),
    (
        2,
        "intrapreneurs",
        "intrapreneur",
        "ESID",
        None,
        "FR-OCC",
        ["food-aid"],
        t(
            "Une épicerie sociale mobile et sans papier.",
            "A mobile, paperless social grocery.",
            "Una tienda social móvil y sin papel.",
        ),
    ),
    (
        2,
        "intrapreneurs",
        "intrapreneur",
        "Gulao",
        None,
        "FR-GES",
        ["emergency", "volunteering"],
        t("Suivre les outils et moyens des bénévoles.", "Tracking volunteers' tools and means."),
    ),
    (
        2,
        "entrepreneurs",
        "entrepreneur",
        "Croix-Rouge Mobilités (véhicules partagés)",
        "Croix-Rouge Mobilités",
        "FR-IDF",
        ["social-action"],
        t(
            "Des véhicules partagés pour les structures du réseau.",
            "Shared vehicles for the network's structures.",
        ),
    ),
    (
        2,
        "entrepreneurs",
        "entrepreneur",
        "Arbitryum",
        "Arbitryum",
        "FR-NAQ",
        ["elderly", "health-social"],
        t(
            "Les données au service de la qualité de vie en EHPAD.",
            "Data to improve life in nursing homes.",
        ),
    ),
    (
        2,
        "entrepreneurs",
        "entrepreneur",
        "HelpMeUp",
        "HelpMeUp",
        "FR-HDF",
        ["exclusion", "insertion"],
        t(
            "Un logement solidaire pour les travailleurs en difficulté.",
            "Solidarity housing for workers in difficulty.",
            "Vivienda solidaria para trabajadores en dificultad.",
        ),
    ),
    (
        2,
        "entrepreneurs",
        "entrepreneur",
        "ENOUMA",
        "ENOUMA",
        "FR-IDF",
        ["insertion", "health-social"],
        t(
            "Amener les personnes éloignées de l'emploi vers les métiers du soin.",
            "Bringing people far from employment into care jobs.",
        ),
    ),
    (
        2,
        "entrepreneurs",
        "entrepreneur",
        "AALIA.tech",
        "AALIA.tech",
        "FR-OCC",
        ["health", "migrations"],
        t(
            "Un assistant vocal entre un professionnel de santé et un patient allophone.",
            "A voice assistant between a health professional and an allophone patient.",
            "Un asistente de voz entre un profesional sanitario y un paciente alófono.",
            "مساعد صوتي بين مهني الصحة والمريض الذي لا يتحدث لغته.",
        ),
    ),
    (
        2,
        "impact-data",
        "entrepreneur",
        "Arkhn",
        "Arkhn",
        "FR-IDF",
        ["health"],
        t(
            "OQAPI : planifier les tâches quotidiennes des professionnels de santé grâce aux données.",
            "OQAPI: planning the daily tasks of health professionals with data.",
        ),
    ),
    (
        2,
        "impact-data",
        "entrepreneur",
        "Jalgos",
        "Jalgos",
        "FR-IDF",
        ["health"],
        t(
            "OQAPI : des algorithmes pour organiser le parcours patient.",
            "OQAPI: algorithms to organise the patient journey.",
        ),
    ),
]


# --- Experimentation sites ---------------------------------------------------------------------

ESTABLISHMENT_KINDS = [
    ("EHPAD", ["elderly", "health-social"]),
    ("Institut médico-éducatif", ["disability", "children-families"]),
    ("Centre d'hébergement et de réinsertion sociale", ["exclusion", "social-action"]),
    ("Service de soins infirmiers à domicile", ["elderly", "health"]),
    ("Institut de formation en soins infirmiers", ["training", "health"]),
    ("Centre d'accueil de demandeurs d'asile", ["migrations", "social-action"]),
    ("Maison d'enfants à caractère social", ["children-families"]),
    ("ESAT", ["disability", "insertion"]),
    ("Centre de santé", ["health"]),
    ("Halte-garderie", ["children-families"]),
]
ESTABLISHMENT_NAMES = [
    "Les Tilleuls",
    "Le Littoral",
    "Les Glycines",
    "Henry Dunant",
    "Le Phare",
    "Les Mimosas",
    "La Roseraie",
    "Clara Barton",
    "Les Cèdres",
    "Le Clos Fleuri",
    "Les Oliviers",
    "La Source",
]
LOCAL_UNIT_LINES = [
    ["emergency", "volunteering"],
    ["food-aid", "exclusion"],
    ["social-action", "volunteering"],
    ["emergency", "training"],
    ["exclusion", "migrations"],
    ["children-families", "social-action"],
]


# --- People ------------------------------------------------------------------------------------

# e-mail, full name, language, region, roles, organisation name
PEOPLE = [
    (
        "applicant@example.org",
        "Camille Martin",
        "fr",
        "FR-BRE",
        [Role.APPLICANT],
        "Croix-Rouge française",
    ),
    ("staff@example.org", "Sophie Bernard", "fr", "FR-IDF", [Role.STAFF], "Croix-Rouge française"),
    (
        "referent@example.org",
        "Julien Moreau",
        "fr",
        "FR-IDF",
        [Role.REFERENT, Role.STAFF],
        "Croix-Rouge française",
    ),
    ("mentor@example.org", "Nadia Haddad", "fr", "FR-ARA", [Role.MENTOR], "Fondation Devoteam"),
    ("committee@example.org", "Paul Lefèvre", "fr", "FR-IDF", [Role.COMMITTEE], "Nexem"),
    ("partner@example.org", "Claire Dubois", "fr", "FR-IDF", [Role.PARTNER], "Nexem"),
    (
        "site@example.org",
        "Marc Petit",
        "fr",
        "FR-PAC",
        [Role.SITE_CONTACT],
        "Croix-Rouge française",
    ),
    ("moderator@example.org", "Lucía García", "es", None, [Role.MODERATOR], "Cruz Roja Española"),
    ("admin@example.org", "Équipe Tremplin", "fr", "FR-IDF", [Role.ADMIN], "Croix-Rouge française"),
    # Further people, not printed: team members, a second referent and mentors, applicants.
    ("entrepreneur@example.org", "Yacine Benali", "fr", "FR-HDF", [Role.APPLICANT], "HelpMeUp"),
    (
        "referent2@example.org",
        "Élodie Garnier",
        "fr",
        "FR-IDF",
        [Role.REFERENT, Role.STAFF],
        "Croix-Rouge française",
    ),
    ("mentor2@example.org", "Thomas Roux", "en", "FR-OCC", [Role.MENTOR], "Croix-Rouge française"),
    ("committee2@example.org", "Amina Diallo", "fr", "FR-IDF", [Role.COMMITTEE], "Fondation Roche"),
    (
        "volunteer1@example.org",
        "Léa Fontaine",
        "fr",
        "FR-OCC",
        [Role.APPLICANT],
        "Croix-Rouge française",
    ),
    (
        "volunteer2@example.org",
        "Hugo Lambert",
        "fr",
        "FR-GES",
        [Role.APPLICANT],
        "Croix-Rouge française",
    ),
    (
        "volunteer3@example.org",
        "Sara El Amrani",
        "ar",
        "FR-PAC",
        [Role.APPLICANT],
        "Croix-Rouge française",
    ),
    (
        "minutis@example.org",
        "Antoine Chevalier",
        "fr",
        "FR-PAC",
        [Role.APPLICANT],
        "Croix-Rouge française",
    ),
]

# e-mail, society, status, identifier, state
MEMBERSHIPS = [
    (
        "applicant@example.org",
        "Croix-Rouge française",
        Membership.Status.VOLUNTEER,
        "CRF-35-004512",
        Membership.State.VERIFIED,
    ),
    (
        "referent@example.org",
        "Croix-Rouge française",
        Membership.Status.EMPLOYEE,
        "CRF-SAL-10021",
        Membership.State.VERIFIED,
    ),
    (
        "minutis@example.org",
        "Croix-Rouge française",
        Membership.Status.VOLUNTEER,
        "CRF-13-000871",
        Membership.State.VERIFIED,
    ),
    (
        "volunteer1@example.org",
        "Croix-Rouge française",
        Membership.Status.VOLUNTEER,
        "CRF-31-007740",
        Membership.State.PENDING,
    ),
    (
        "volunteer2@example.org",
        "Croix-Rouge française",
        Membership.Status.STUDENT,
        "IFSI-67-2031",
        Membership.State.PENDING,
    ),
    (
        "volunteer3@example.org",
        "Croix-Rouge française",
        Membership.Status.EMPLOYEE,
        "CRF-SAL-20877",
        Membership.State.PENDING,
    ),
]


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    """Create the whole demo dataset. Call on an empty database (after migrate)."""
    rng = random.Random(21)  # the accelerator opened on 21 May 2019
    regions = {r.code: r for r in Region.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    departments = list(Department.objects.select_related("region").order_by("code"))

    organisations = _organisations(regions)
    people = _people(regions, organisations)
    programmes = _programmes(organisations)
    seasons = _seasons()
    calls = _calls(programmes, seasons)
    projects = _laureates(programmes, seasons, organisations, regions, lines, people)
    sites = _sites(rng, departments, lines, people)
    from tremplin.demo import selection

    selection_counts = selection.load(DEMO_PASSWORD)
    from tremplin.demo import catalogue

    catalogue_counts = catalogue.load(DEMO_PASSWORD)
    from tremplin.demo import acceleration, network

    acceleration_counts = acceleration.load(DEMO_PASSWORD)
    network_counts = network.load(DEMO_PASSWORD)
    return {
        "organisations": len(organisations),
        "people": Person.objects.count(),
        "programmes": len(programmes),
        "seasons": len(seasons),
        "calls": calls,
        "laureates": projects,
        "sites": sites,
        **selection_counts,
        **catalogue_counts,
        **acceleration_counts,
        **network_counts,
    }


def _organisations(regions) -> dict[str, Organisation]:
    orgs = {}
    for name, country, domain in NATIONAL_SOCIETIES:
        orgs[name] = Organisation.objects.create(
            name=name,
            kind=Organisation.Kind.NATIONAL_SOCIETY,
            country=country,
            email_domain=domain,
            region=regions["FR-IDF"] if country == "FR" else None,
        )
    for name, domain, description in PARTNERS:
        orgs[name] = Organisation.objects.create(
            name=name,
            kind=Organisation.Kind.PARTNER,
            country="FR",
            email_domain=domain,
            description=description,
            region=regions["FR-IDF"],
        )
    for name, kind, region, domain in LAUREATE_ORGANISATIONS:
        orgs[name] = Organisation.objects.create(
            name=name, kind=kind, country="FR", region=regions[region], email_domain=domain
        )
    return orgs


def _people(regions, organisations) -> dict[str, Person]:
    from tremplin.demo.accounts import create_demo_person

    people = {}
    for email, name, language, region, roles, organisation in PEOPLE:
        person = create_demo_person(
            email,
            name,
            DEMO_PASSWORD,
            language=language,
            region=regions.get(region) if region else None,
            organisation=organisations[organisation],
            superuser=Role.ADMIN in roles,
        )
        for role in roles:
            account_services.grant_role(person, role)
        people[email] = person
    staff = people["staff@example.org"]
    for email, society, status, identifier, state in MEMBERSHIPS:
        membership = account_services.declare_membership(
            people[email],
            national_society=organisations[society],
            status=status,
            identifier=identifier,
        )
        if state == Membership.State.VERIFIED:
            account_services.decide_membership(membership, staff, "verify")
    # One affiliation awaiting verification, so that the staff's queue shows how it works.
    account_services.declare_affiliation(
        people["mentor2@example.org"],
        organisation=organisations["Fondation Devoteam"],
        title="Mécénat de compétences",
    )
    return people


def _programmes(organisations) -> dict[str, Programme]:
    programmes = {}
    for row in PROGRAMMES:
        programme = Programme.objects.create(
            slug=row["slug"],
            name=row["name"],
            summary=row["summary"],
            description=row.get("description", {}),
            thematic_focus=row.get("thematic_focus", {}),
            audience=row["audience"],
            financial_package=Decimal(row["package"]),
            places=row["places"],
            regional_representativeness=row["regional"],
            launched_on=row["launched"],
        )
        programme.partners.set([organisations[name] for name in row["partners"]])
        programmes[row["slug"]] = programme
    return programmes


def _seasons() -> dict[int, Season]:
    seasons = {
        n: Season.objects.create(number=n, opened_on=d, theme=theme) for n, d, theme in SEASONS
    }
    # Season 4, the current one, placed relative to today so that the demo always has open
    # calls: two general and three thematic programmes, as in April 2021.
    seasons[4] = Season.objects.create(
        number=4,
        opened_on=timezone.localdate() - timedelta(days=20),
        theme=t(
            "Deux programmes généraux et trois thématiques",
            "Two general and three thematic programmes",
            "Dos programas generales y tres temáticos",
            "برنامجان عامان وثلاثة برامج موضوعية",
        ),
    )
    return seasons


def _call_title(programme: Programme, season: Season) -> dict:
    names = programme.name
    return {
        lang: template.format(programme=names.get(lang) or names.get("fr"), n=season.number)
        for lang, template in {
            "fr": "Appel à projets {programme} — saison {n}",
            "en": "Call for projects: {programme}, season {n}",
            "es": "Convocatoria {programme}, temporada {n}",
            "ar": "دعوة لتقديم المشاريع: {programme}، الموسم {n}",
        }.items()
    }


def _calls(programmes, seasons) -> int:
    count = 0
    for number, rows in CALLS.items():
        for slug, opens, closes in rows:
            _create_call(programmes[slug], seasons[number], opens, closes)
            count += 1
    today = timezone.localdate()
    opens = datetime.combine(today - timedelta(days=20), time(9), tzinfo=PARIS)
    closes = datetime.combine(today + timedelta(days=25), time(23, 59), tzinfo=PARIS)
    for slug in ("intrapreneurs", "entrepreneurs", "21-x-oeth", "impact-data", "21h"):
        _create_call(programmes[slug], seasons[4], opens, closes)
        count += 1
    return count


def _create_call(programme, season, opens, closes) -> Call:
    from tremplin.demo.forms import build_form

    summary = programme.summary
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug=f"{programme.slug}-s{season.number}",
        title=_call_title(programme, season),
        summary=summary,
        opens_at=opens,
        closes_at=closes,
    )
    build_form(call)
    return call


def _laureates(programmes, seasons, organisations, regions, lines, people) -> int:
    referents = [people["referent@example.org"], people["referent2@example.org"]]
    mentors = [people["mentor@example.org"], people["mentor2@example.org"]]
    for index, (season, programme, track, name, org, region, line_codes, pitch) in enumerate(
        LAUREATES
    ):
        season_obj = seasons[season]
        starts = season_obj.opened_on + timedelta(days=120)
        project = LaureateProject.objects.create(
            name=name,
            slug=slugify(f"{name}-s{season}")[:80],
            pitch=pitch,
            season=season_obj,
            programme=programmes[programme],
            track=track,
            organisation=organisations[org] if org else organisations["Croix-Rouge française"],
            region=regions[region],
            starts_on=starts,
            ends_on=starts + timedelta(days=183),
            referent=people["referent@example.org"] if name == "Minutis" else referents[index % 2],
        )
        project.business_lines.set([lines[code] for code in line_codes])
        project.mentors.set([mentors[index % 2]])
        if name == "Minutis":
            project.team.set([people["minutis@example.org"]])
        if name == "HelpMeUp":
            project.team.set([people["entrepreneur@example.org"]])
    return len(LAUREATES)


def _sites(rng, departments, lines, people) -> int:
    prefectures = json.loads((DATA / "prefectures.json").read_text(encoding="utf-8"))["prefectures"]
    contact = people["site@example.org"]
    created = 0
    for index, department in enumerate(departments):
        town = prefectures[department.code]
        unit = ExperimentationSite.objects.create(
            kind=ExperimentationSite.Kind.LOCAL_UNIT,
            name=f"Unité locale de {town}",
            region=department.region,
            department=department,
            town=town,
            capacity=rng.randint(1, 3),
            willing_to_host=rng.random() > 0.15,
            contact=contact if department.region.code == "FR-PAC" and index % 2 == 0 else None,
        )
        unit.business_lines.set([lines[c] for c in LOCAL_UNIT_LINES[index % len(LOCAL_UNIT_LINES)]])
        created += 1
        for offset in range(2):
            kind_name, kind_lines = ESTABLISHMENT_KINDS[
                (index * 2 + offset) % len(ESTABLISHMENT_KINDS)
            ]
            label = ESTABLISHMENT_NAMES[rng.randrange(len(ESTABLISHMENT_NAMES))]
            site = ExperimentationSite.objects.create(
                kind=ExperimentationSite.Kind.ESTABLISHMENT,
                name=f"{kind_name} {label}",
                region=department.region,
                department=department,
                town=town,
                capacity=rng.randint(1, 4),
                willing_to_host=rng.random() > 0.25,
                contact=contact if department.code == "13" else None,
            )
            site.business_lines.set([lines[c] for c in kind_lines])
            created += 1
    return created
