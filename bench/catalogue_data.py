"""The data of the catalogue search benchmark: published innovations, each written in three of
the catalogue's languages (French, English, Spanish), with synthetic but realistic text built
from the domain's vocabulary, their facets (themes, publics, SDGs, country, stage), all
bulk-inserted, then indexed by the real indexing code (indexing.reindex_all).

    from catalogue_data import build, queries   # from a script in bench/
    build(100_000, seed=2026)                   # reused when already built

The text of a record is one "story" told in three languages: every sentence is drawn from
parallel templates (the same slots in fr/en/es), so that the three versions are translations
of each other, as in the catalogue. A story combines a need, a public, an action, a tool, a
place and a result from lists of about thirty items each, plus a project name made of two
syllables and a number: common words (aide, help, ayuda) match most records, rare ones (a
project name) match one.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LANGUAGES = ("fr", "en", "es")

# Parallel vocabularies: each entry is (fr, en, es).
PUBLICS = [
    ("les personnes âgées isolées", "isolated older people", "las personas mayores solas"),
    ("les personnes migrantes", "migrants", "las personas migrantes"),
    ("les réfugiés", "refugees", "las personas refugiadas"),
    ("les personnes hospitalisées", "hospitalised people", "las personas hospitalizadas"),
    (
        "les personnes en situation de handicap",
        "people with disabilities",
        "las personas con discapacidad",
    ),
    ("les personnes sans domicile", "homeless people", "las personas sin hogar"),
    ("les familles monoparentales", "single-parent families", "las familias monoparentales"),
    ("les jeunes sans emploi", "unemployed young people", "los jóvenes desempleados"),
    ("les aidants familiaux", "family carers", "las personas cuidadoras"),
    ("les enfants malades", "sick children", "los niños enfermos"),
    ("les bénévoles", "volunteers", "las personas voluntarias"),
    ("les étudiants précaires", "students in poverty", "los estudiantes en situación precaria"),
    (
        "les habitants des zones rurales",
        "people living in rural areas",
        "los habitantes de zonas rurales",
    ),
    ("les personnes sinistrées", "people affected by disasters", "las personas damnificadas"),
    ("les détenus sortant de prison", "people leaving prison", "las personas que salen de prisión"),
    (
        "les femmes victimes de violences",
        "women victims of violence",
        "las mujeres víctimas de violencia",
    ),
    ("les mineurs non accompagnés", "unaccompanied minors", "los menores no acompañados"),
    (
        "les personnes atteintes de la maladie d'Alzheimer",
        "people living with Alzheimer's disease",
        "las personas con alzhéimer",
    ),
    ("les travailleurs saisonniers", "seasonal workers", "los trabajadores temporeros"),
    ("les seniors à domicile", "seniors living at home", "las personas mayores en su domicilio"),
]
NEEDS = [
    ("l'isolement social", "social isolation", "el aislamiento social"),
    ("l'accès aux droits", "access to rights", "el acceso a los derechos"),
    ("la précarité alimentaire", "food insecurity", "la inseguridad alimentaria"),
    ("la fracture numérique", "the digital divide", "la brecha digital"),
    ("l'accès aux soins", "access to health care", "el acceso a la atención sanitaria"),
    ("le logement d'urgence", "emergency housing", "el alojamiento de emergencia"),
    ("l'insertion professionnelle", "getting into work", "la inserción laboral"),
    ("la barrière de la langue", "the language barrier", "la barrera del idioma"),
    ("la perte d'autonomie", "the loss of autonomy", "la pérdida de autonomía"),
    ("l'épuisement des aidants", "carer burnout", "el agotamiento de los cuidadores"),
    ("la santé mentale", "mental health", "la salud mental"),
    ("la mobilité", "mobility", "la movilidad"),
    ("la précarité énergétique", "fuel poverty", "la pobreza energética"),
    ("le décrochage scolaire", "school dropout", "el abandono escolar"),
    ("la préparation aux catastrophes", "disaster preparedness", "la preparación ante desastres"),
    ("les premiers secours", "first aid", "los primeros auxilios"),
    ("la solitude des patients", "the loneliness of patients", "la soledad de los pacientes"),
    ("l'hygiène", "hygiene", "la higiene"),
    (
        "le rétablissement des liens familiaux",
        "restoring family links",
        "el restablecimiento del contacto familiar",
    ),
    (
        "la coordination des bénévoles",
        "coordinating volunteers",
        "la coordinación del voluntariado",
    ),
]
ACTIONS = [
    ("accompagne", "supports", "acompaña a"),
    ("forme", "trains", "forma a"),
    ("oriente", "guides", "orienta a"),
    ("met en relation", "connects", "pone en contacto a"),
    ("rend visite à", "visits", "visita a"),
    ("équipe", "equips", "equipa a"),
    ("héberge", "houses", "aloja a"),
    ("soigne", "cares for", "atiende a"),
    ("informe", "informs", "informa a"),
    ("mobilise", "mobilises", "moviliza a"),
    ("conseille", "advises", "asesora a"),
    ("écoute", "listens to", "escucha a"),
]
TOOLS = [
    ("une application mobile", "a mobile application", "una aplicación móvil"),
    ("une plateforme en ligne", "an online platform", "una plataforma en línea"),
    ("un camion itinérant", "a mobile truck", "un camión itinerante"),
    ("une ligne téléphonique gratuite", "a free telephone line", "una línea telefónica gratuita"),
    ("des ateliers collectifs", "group workshops", "talleres colectivos"),
    (
        "un réseau de bénévoles formés",
        "a network of trained volunteers",
        "una red de voluntarios formados",
    ),
    ("un robot conversationnel", "a chatbot", "un asistente conversacional"),
    ("des capteurs connectés", "connected sensors", "sensores conectados"),
    ("une épicerie solidaire", "a community grocery", "una tienda solidaria"),
    ("des casiers numériques", "digital lockers", "taquillas digitales"),
    ("un bus de santé", "a health bus", "un autobús de salud"),
    ("une carte interactive", "an interactive map", "un mapa interactivo"),
    ("des tablettes simplifiées", "simplified tablets", "tabletas simplificadas"),
    ("un jardin partagé", "a shared garden", "un huerto compartido"),
    ("des visites à domicile", "home visits", "visitas a domicilio"),
    ("un coffre-fort numérique", "a digital safe", "una caja fuerte digital"),
    ("une téléconsultation", "remote consultations", "teleconsultas"),
    ("un simulateur de droits", "a benefits simulator", "un simulador de prestaciones"),
]
PLACES = [
    ("en milieu rural", "in rural areas", "en el medio rural"),
    ("dans les quartiers prioritaires", "in deprived neighbourhoods", "en los barrios vulnerables"),
    ("à l'hôpital", "in hospital", "en el hospital"),
    ("dans les centres d'hébergement", "in shelters", "en los centros de acogida"),
    ("dans les camps", "in camps", "en los campamentos"),
    ("à domicile", "at home", "en el domicilio"),
    ("dans les écoles", "in schools", "en las escuelas"),
    ("dans les gares", "in railway stations", "en las estaciones"),
    ("en outre-mer", "in the overseas territories", "en los territorios de ultramar"),
    ("dans les zones frontalières", "in border areas", "en las zonas fronterizas"),
]
RESULTS = [
    ("a réduit l'isolement de", "reduced the isolation of", "redujo el aislamiento de"),
    ("a permis d'accompagner", "made it possible to support", "permitió acompañar a"),
    ("a touché", "reached", "llegó a"),
    ("a formé", "trained", "formó a"),
    ("a orienté vers leurs droits", "directed to their rights", "orientó hacia sus derechos a"),
    ("a distribué des repas à", "served meals to", "repartió comidas a"),
]
PARTNERS = [
    ("les collectivités locales", "local authorities", "los ayuntamientos"),
    ("les hôpitaux", "hospitals", "los hospitales"),
    ("les associations de quartier", "neighbourhood associations", "las asociaciones vecinales"),
    ("les entreprises du numérique", "digital companies", "las empresas tecnológicas"),
    ("les universités", "universities", "las universidades"),
    ("les services sociaux", "social services", "los servicios sociales"),
    ("les fondations", "foundations", "las fundaciones"),
    ("les opérateurs de téléphonie", "telecom operators", "los operadores de telefonía"),
]
SYLLABLES = [
    "soli",
    "kora",
    "minu",
    "tela",
    "vita",
    "lien",
    "pont",
    "nova",
    "aida",
    "casa",
    "terra",
    "voz",
    "mano",
    "luma",
    "rami",
    "sena",
    "tiko",
    "bale",
    "duo",
    "ora",
    "pax",
    "zen",
    "ami",
]

TITLE = (
    "{tool_cap} pour {public}",
    "{tool_cap} for {public}",
    "{tool_cap} para {public}",
)
SENTENCES = {
    "pitch": [
        (
            "{name} {action} {public} {place} grâce à {tool}.",
            "{name} {action} {public} {place} with {tool}.",
            "{name} {action} {public} {place} gracias a {tool}.",
        ),
    ],
    "need": [
        (
            "{need_cap} touche durement {public} {place}.",
            "{need_cap} hits {public} {place} hard.",
            "{need_cap} afecta duramente a {public} {place}.",
        ),
        (
            "Les dispositifs existants ne répondent pas à {need}.",
            "Existing services do not address {need}.",
            "Los dispositivos existentes no responden a {need}.",
        ),
        (
            "Sur le terrain, les équipes constatent que {public} renoncent souvent à demander de l'aide.",
            "On the ground, teams see that {public} often give up asking for help.",
            "Sobre el terreno, los equipos observan que {public} renuncian a menudo a pedir ayuda.",
        ),
    ],
    "solution": [
        (
            "Le projet {action} {public} avec {tool}, en lien avec {partner}.",
            "The project {action} {public} with {tool}, together with {partner}.",
            "El proyecto {action} {public} con {tool}, junto con {partner}.",
        ),
        (
            "Les bénévoles utilisent {tool} pour repérer les situations urgentes.",
            "Volunteers use {tool} to spot urgent situations.",
            "El voluntariado utiliza {tool} para detectar las situaciones urgentes.",
        ),
        (
            "Chaque semaine, une équipe se déplace {place} et propose un accompagnement personnalisé.",
            "Every week, a team travels {place} and offers personal support.",
            "Cada semana, un equipo se desplaza {place} y ofrece un acompañamiento personalizado.",
        ),
    ],
    "value_proposition": [
        (
            "Pour la première fois, {tool} est conçu avec {public} eux-mêmes.",
            "For the first time, {tool} is designed with {public} themselves.",
            "Por primera vez, {tool} se diseña con {public}.",
        ),
        (
            "L'approche combine présence humaine et outils numériques pour lutter contre {need}.",
            "The approach combines human presence and digital tools to tackle {need}.",
            "El enfoque combina presencia humana y herramientas digitales para combatir {need}.",
        ),
    ],
    "results": [
        (
            "En un an, le projet {result} {number} personnes.",
            "In one year, the project {result} {number} people.",
            "En un año, el proyecto {result} {number} personas.",
        ),
        (
            "Une évaluation indépendante montre une amélioration de la qualité de vie.",
            "An independent evaluation shows a better quality of life.",
            "Una evaluación independiente muestra una mejora de la calidad de vida.",
        ),
    ],
    "transfer_potential": [
        (
            "Le modèle peut être reproduit par toute société nationale disposant de bénévoles {place}.",
            "Any national society with volunteers {place} can replicate the model.",
            "Cualquier sociedad nacional con voluntariado {place} puede replicar el modelo.",
        ),
    ],
    "resources": [
        (
            "Il faut un coordinateur, {tool} et une formation de deux jours.",
            "It takes a coordinator, {tool} and two days of training.",
            "Se necesita un coordinador, {tool} y una formación de dos días.",
        ),
    ],
    "partners_needed": [
        (
            "Partenaires utiles : {partner}.",
            "Useful partners: {partner}.",
            "Socios útiles: {partner}.",
        ),
    ],
}
COUNTRIES = ["FR", "ES", "IT", "BE", "CH", "PT", "MA", "SN", "CI", "LB", "CO", "MX", "AR",
             "PE", "GB", "IE", "DE", "CA", "HT", "TN"]  # fmt: skip
STAGES = ["idea", "prototype", "pilot", "deployed", "scaled"]


def story(rng: random.Random) -> dict:
    name = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize() + str(rng.randint(1, 999))
    slots = {
        "public": rng.randrange(len(PUBLICS)),
        "need": rng.randrange(len(NEEDS)),
        "action": rng.randrange(len(ACTIONS)),
        "tool": rng.randrange(len(TOOLS)),
        "place": rng.randrange(len(PLACES)),
        "result": rng.randrange(len(RESULTS)),
        "partner": rng.randrange(len(PARTNERS)),
    }
    number = rng.randint(40, 25000)
    chosen = {
        field: [rng.choice(options) for _ in range(rng.randint(1, len(options)))]
        for field, options in SENTENCES.items()
    }
    texts: dict[str, dict[str, str]] = {"title": {}}
    for index, language in enumerate(LANGUAGES):
        values = {
            key: lexicon[slots[key]][index]
            for key, lexicon in (
                ("public", PUBLICS),
                ("need", NEEDS),
                ("action", ACTIONS),
                ("tool", TOOLS),
                ("place", PLACES),
                ("result", RESULTS),
                ("partner", PARTNERS),
            )
        }
        values["need_cap"] = values["need"][:1].upper() + values["need"][1:]
        values["tool_cap"] = values["tool"][:1].upper() + values["tool"][1:]
        values["name"] = name
        values["number"] = f"{number:,}".replace(",", " ")
        texts["title"][language] = f"{name}: " + TITLE[index].format(**values)
        for field, sentences in chosen.items():
            texts.setdefault(field, {})[language] = " ".join(
                sentence[index].format(**values) for sentence in dict.fromkeys(sentences)
            )
    return {"name": name, "texts": texts, "slots": slots}


def built(count: int) -> bool:
    from tremplin.catalogue.models import Innovation

    return Innovation.objects.filter(published__isnull=False).count() >= count


def build(count: int = 100_000, seed: int = 2026, log=print) -> None:
    """`count` published innovations with their versions, facets and search index."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tremplin.accounts.models import Person
    from tremplin.catalogue import indexing
    from tremplin.catalogue.models import Innovation, InnovationVersion, TargetPublic
    from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

    if built(count):
        log(f"{count} innovations already built")
        return
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        owners = [
            Person.objects.get_or_create(
                email=f"bench-catalogue-{n}@example.org",
                defaults={"full_name": f"Catalogue owner {n}"},
            )[0]
            for n in range(50)
        ]
    themes = list(BusinessLine.objects.values_list("pk", flat=True))
    publics = list(TargetPublic.objects.values_list("pk", flat=True))
    sdgs = list(SustainableDevelopmentGoal.objects.values_list("pk", flat=True))
    now = timezone.now()
    Through = {
        "business_lines": InnovationVersion.business_lines.through,
        "publics": InnovationVersion.publics.through,
        "sdgs": InnovationVersion.sdgs.through,
    }
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        with transaction.atomic():
            innovations = []
            versions = []
            links: dict[str, list] = {key: [] for key in Through}
            stories = [story(rng) for _ in range(size)]
            for offset, item in enumerate(stories):
                number = start + offset
                when = now - timezone.timedelta(minutes=number * 7)
                country = rng.choice(COUNTRIES)
                stage = rng.choice(STAGES)
                innovations.append(
                    Innovation(
                        slug=f"{item['name'].lower()}-{number}",
                        owner=owners[number % len(owners)],
                        first_published_at=when,
                        published_at=when,
                        country=country,
                        stage=stage,
                    )
                )
            innovations = Innovation.objects.bulk_create(innovations)
            for innovation, item in zip(innovations, stories, strict=True):
                original = rng.choice(LANGUAGES)
                versions.append(
                    InnovationVersion(
                        innovation=innovation,
                        number=1,
                        state=InnovationVersion.State.PUBLISHED,
                        author=innovation.owner,
                        original_language=original,
                        country=innovation.country,
                        stage=innovation.stage,
                        carrying_organisation=f"Association {item['name']}",
                        **item["texts"],
                    )
                )
            versions = InnovationVersion.objects.bulk_create(versions)
            for version in versions:
                for key, pool, most in (
                    ("business_lines", themes, 3),
                    ("publics", publics, 3),
                    ("sdgs", sdgs, 3),
                ):
                    model = Through[key]
                    target = model._meta.get_field(
                        {"business_lines": "businessline", "publics": "targetpublic"}.get(
                            key, "sustainabledevelopmentgoal"
                        )
                    ).attname
                    for pk in rng.sample(pool, rng.randint(1, most)):
                        links[key].append(model(**{"innovationversion_id": version.pk, target: pk}))
            for key, rows in links.items():
                Through[key].objects.bulk_create(rows, batch_size=5000)
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE catalogue_innovation SET published_id = ("
                    "SELECT v.id FROM catalogue_innovationversion v "
                    "WHERE v.innovation_id = catalogue_innovation.id) "
                    "WHERE published_id IS NULL AND id >= %s",
                    [innovations[0].pk],
                )
        log(f"  {start + size} innovations ({time.perf_counter() - started:.0f} s)")
    generated = time.perf_counter() - started
    log(f"generated {count} innovations in {generated:.0f} s; indexing...")

    def progress(done, total):
        if done % 10000 == 0 or done == total:
            log(f"  indexed {done}/{total} ({time.perf_counter() - started:.0f} s)")

    indexing.reindex_all(batch_size=500, progress=progress)
    log(f"indexed in {time.perf_counter() - started - generated:.0f} s")


def queries(count: int = 200, seed: int = 7) -> list[tuple[str, dict[str, frozenset[str]]]]:
    """`count` varied searches, each with words and two facet filters: one to three words
    from the vocabulary, in French, English or Spanish, with or without accents, sometimes a
    project name; the two facets drawn among theme, public, country, SDG and stage."""
    from tremplin.catalogue.models import TargetPublic
    from tremplin.core.text import fold
    from tremplin.reference.models import BusinessLine

    rng = random.Random(seed)
    values = {
        "theme": list(BusinessLine.objects.values_list("code", flat=True)),
        "public": list(TargetPublic.objects.values_list("code", flat=True)),
        "country": COUNTRIES,
        "sdg": [str(n) for n in range(1, 18)],
        "stage": STAGES,
    }
    lexicons = [PUBLICS, NEEDS, TOOLS, PLACES, PARTNERS]
    result = []
    for n in range(count):
        language = n % 3
        kind = rng.random()
        if kind < 0.1:
            text = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()
        else:
            words = []
            for _ in range(rng.randint(1, 3) if kind < 0.8 else 1):
                phrase = rng.choice(rng.choice(lexicons))[language]
                candidates = [w for w in phrase.replace("'", " ").split() if len(w) > 3]
                words.append(rng.choice(candidates or phrase.split()))
            text = " ".join(dict.fromkeys(words))
            if rng.random() < 0.3:
                text = fold(text)  # typed without accents
        facets = rng.sample(list(values), 2)
        filters = {facet: frozenset([rng.choice(values[facet])]) for facet in facets}
        result.append((text, filters))
    return result


if __name__ == "__main__":  # a quick look at the generated text
    sys.path.insert(0, str(ROOT / "src"))
    example = story(random.Random(1))
    for field, text in example["texts"].items():
        print(field, text)
