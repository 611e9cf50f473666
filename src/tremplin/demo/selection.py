"""Demo data for the selection of season 4's entrepreneur call: submitted applications from
every part of France (overseas included), screened eligible, and a committee (a chair, an
observer partner, reviewers) ready for the assignment."""

from __future__ import annotations

from decimal import Decimal

from tremplin.accounts.models import Organisation, Person, Role
from tremplin.accounts.services import grant_role
from tremplin.applications import services as applications
from tremplin.demo.accounts import create_demo_person
from tremplin.programmes.models import Call
from tremplin.reference.models import BusinessLine, Region
from tremplin.selection.models import CommitteeMember
from tremplin.selection.services import ensure_review_criteria, settings_for

# project, organisation, kind, region, business lines, stage, need, solution, team, budget
PROJECTS = [
    (
        "Lien Seniors Connect",
        "Lien Seniors",
        "association",
        "FR-NAQ",
        ["elderly"],
        "pilot",
        "Des personnes âgées isolées dans les zones rurales de Gironde.",
        "Un réseau de bénévoles formés qui appellent et visitent chaque semaine, coordonné par une application simple.",
    ),
    (
        "Répit Aidants 974",
        "Répit Réunion",
        "association",
        "FR-974",
        ["elderly", "health-social"],
        "prototype",
        "Les aidants familiaux de La Réunion n'ont presque aucune solution de répit.",
        "Des relais à domicile de quelques heures, réservables par téléphone, assurés par des professionnels.",
    ),
    (
        "Cuisine Solidaire Mobile",
        "Les Marmites",
        "association",
        "FR-HDF",
        ["food-aid", "exclusion"],
        "deployed",
        "Les distributions alimentaires n'offrent pas de repas chauds aux personnes sans cuisine.",
        "Un camion-cuisine qui prépare des repas chauds avec les invendus, sur les lieux de distribution.",
    ),
    (
        "Handi'Job Santé",
        "Handi'Job",
        "company",
        "FR-OCC",
        ["disability", "insertion"],
        "pilot",
        "Les établissements de santé peinent à maintenir dans l'emploi leurs salariés devenus handicapés.",
        "Un diagnostic des postes et un catalogue d'aménagements, avec un financement croisé.",
    ),
    (
        "Traduc'Soin",
        "Traduc'Soin",
        "company",
        "FR-IDF",
        ["health", "migrations"],
        "prototype",
        "Les patients allophones comprennent mal leur parcours de soin.",
        "Des fiches de soin traduites et lues à voix haute dans 20 langues, imprimables par les soignants.",
    ),
    (
        "Guyane Eau Potable",
        "Kaz'Eau",
        "association",
        "FR-973",
        ["health", "international"],
        "idea",
        "Des villages de l'intérieur guyanais sans accès régulier à l'eau potable.",
        "Des unités de filtration entretenues par des jeunes formés du village.",
    ),
    (
        "Mamans Solo Rebond",
        "Rebond",
        "association",
        "FR-PAC",
        ["children-families", "insertion"],
        "pilot",
        "Les mères isolées perdent leur emploi faute de garde aux horaires décalés.",
        "Une garde d'enfants partagée aux horaires atypiques, organisée entre familles et assistantes maternelles.",
    ),
    (
        "Bénévol'App",
        "Bénévol'App",
        "company",
        "FR-GES",
        ["volunteering"],
        "deployed",
        "Les unités locales perdent des bénévoles faute de missions adaptées à leurs disponibilités.",
        "Une application qui propose des missions courtes selon les disponibilités et les compétences.",
    ),
    (
        "Premiers Secours Ados",
        "Sauv'Ados",
        "association",
        "FR-BRE",
        ["emergency", "training"],
        "pilot",
        "Peu de collégiens sont formés aux gestes qui sauvent.",
        "Des ateliers de 2 heures animés par des lycéens formés, dans les collèges.",
    ),
    (
        "Domicile Connecté",
        "Domo Care",
        "company",
        "FR-ARA",
        ["elderly", "health"],
        "prototype",
        "Les chutes des personnes âgées seules sont découvertes trop tard.",
        "Des capteurs sans caméra qui alertent un proche ou le service de soins à domicile.",
    ),
    (
        "Logis Passerelle",
        "Passerelle",
        "association",
        "FR-NOR",
        ["exclusion", "social-action"],
        "pilot",
        "Les sortants de rue rechutent faute d'accompagnement dans leur premier logement.",
        "Un binôme travailleur social et pair-aidant pendant les six premiers mois.",
    ),
    (
        "Insertion Verte Martinique",
        "Jaden Kréyol",
        "association",
        "FR-972",
        ["insertion"],
        "prototype",
        "Le chômage des jeunes est très élevé en Martinique.",
        "Des chantiers d'insertion en maraîchage bio qui fournissent les épiceries solidaires.",
    ),
    (
        "Accueil Réfugiés Emploi",
        "Welcome Work",
        "company",
        "FR-IDF",
        ["migrations", "insertion"],
        "deployed",
        "Les réfugiés qualifiés occupent des emplois sans rapport avec leurs compétences.",
        "Une plateforme de mise en relation avec des employeurs et une reconnaissance des diplômes accompagnée.",
    ),
    (
        "Sport Santé Quartiers",
        "Bouge ton Quartier",
        "association",
        "FR-IDF",
        ["health", "children-families"],
        "pilot",
        "La sédentarité des enfants des quartiers prioritaires augmente.",
        "Des séances de sport gratuites au pied des immeubles, avec un suivi de santé.",
    ),
    (
        "Mobilité Rurale Partagée",
        "Roulons Ensemble",
        "association",
        "FR-CVL",
        ["social-action", "exclusion"],
        "pilot",
        "Sans voiture, l'accès aux soins et à l'emploi est impossible dans les villages.",
        "Un covoiturage solidaire organisé par téléphone avec des chauffeurs bénévoles défrayés.",
    ),
    (
        "Lire et Écrire Adultes",
        "Alpha Plus",
        "association",
        "FR-BFC",
        ["training", "exclusion"],
        "deployed",
        "L'illettrisme empêche des adultes d'accomplir leurs démarches.",
        "Des ateliers de lecture en petits groupes, autour des démarches réelles des participants.",
    ),
    (
        "Corse Aidants Numériques",
        "Aiutu",
        "association",
        "FR-20R",
        ["exclusion", "elderly"],
        "idea",
        "Les personnes âgées corses sont exclues des démarches en ligne.",
        "Des permanences itinérantes d'aidants numériques dans les villages de montagne.",
    ),
    (
        "Épicerie Sociale Connectée",
        "Panier Malin",
        "company",
        "FR-PDL",
        ["food-aid"],
        "prototype",
        "Les épiceries sociales gèrent leurs stocks sur papier et jettent des produits.",
        "Un logiciel de stock et de commande partagé entre épiceries d'un même territoire.",
    ),
    (
        "Santé Mentale Étudiants",
        "Écoute Campus",
        "association",
        "FR-OCC",
        ["health", "training"],
        "pilot",
        "La détresse psychologique des étudiants est peu repérée.",
        "Des pairs-écoutants formés et une orientation rapide vers des psychologues partenaires.",
    ),
    (
        "Mayotte Premiers Pas",
        "Hatua",
        "association",
        "FR-976",
        ["children-families", "health"],
        "idea",
        "Le suivi des nourrissons est insuffisant à Mayotte.",
        "Des visites à domicile par des médiatrices formées, en lien avec la PMI.",
    ),
    (
        "Vacances Répit Handicap",
        "Grand Air",
        "association",
        "FR-PAC",
        ["disability", "children-families"],
        "deployed",
        "Les familles d'enfants handicapés ne partent presque jamais en vacances.",
        "Des séjours adaptés avec des animateurs formés et des solutions de transport.",
    ),
    (
        "Guadeloupe Seniors Actifs",
        "Lavi Bel",
        "association",
        "FR-971",
        ["elderly", "volunteering"],
        "pilot",
        "Les seniors de Guadeloupe veulent transmettre mais manquent d'occasions.",
        "Un programme de tutorat de jeunes par des retraités, dans les associations de quartier.",
    ),
    (
        "Tri des Dons Intelligent",
        "DonTrie",
        "company",
        "FR-HDF",
        ["food-aid", "social-action"],
        "prototype",
        "Le tri des dons en vestiaires solidaires mobilise beaucoup de bénévoles.",
        "Un poste de tri assisté par étiquettes et un inventaire en ligne partagé.",
    ),
    (
        "Jeunes Sans Toit 67",
        "Abri Jeunes",
        "association",
        "FR-GES",
        ["exclusion", "children-families"],
        "pilot",
        "Des jeunes majeurs sortant de l'aide sociale à l'enfance se retrouvent à la rue.",
        "Un hébergement en colocation accompagnée et un parrainage par des familles bénévoles.",
    ),
]

# e-mail, name, role, capacity, business lines, regions, themes, languages
COMMITTEE = [
    (
        "committee2@example.org",
        "Amina Diallo",
        CommitteeMember.Role.CHAIR,
        12,
        ["health", "health-social"],
        ["FR-IDF"],
        "santé, données",
        ["fr", "en"],
    ),
    (
        "committee@example.org",
        "Paul Lefèvre",
        CommitteeMember.Role.REVIEWER,
        12,
        ["disability", "insertion", "elderly"],
        ["FR-IDF", "FR-NAQ"],
        "emploi, handicap",
        ["fr"],
    ),
    (
        "reviewer3@example.org",
        "Isabelle Martin",
        CommitteeMember.Role.REVIEWER,
        14,
        ["elderly", "exclusion", "social-action"],
        ["FR-BRE", "FR-NOR", "FR-PDL"],
        "vieillissement, isolement",
        ["fr", "es"],
    ),
    (
        "reviewer4@example.org",
        "Karim Benslimane",
        CommitteeMember.Role.REVIEWER,
        14,
        ["migrations", "food-aid", "exclusion"],
        ["FR-PAC", "FR-OCC"],
        "migrations, alimentation",
        ["fr", "ar", "en"],
    ),
    (
        "reviewer5@example.org",
        "Sandrine Aubert",
        CommitteeMember.Role.REVIEWER,
        14,
        ["children-families", "training", "emergency"],
        ["FR-971", "FR-972", "FR-973", "FR-974", "FR-976"],
        "outre-mer, enfance",
        ["fr"],
    ),
    (
        "reviewer6@example.org",
        "Thomas Girard",
        CommitteeMember.Role.REVIEWER,
        14,
        ["volunteering", "health", "emergency"],
        ["FR-GES", "FR-ARA", "FR-BFC"],
        "bénévolat, numérique",
        ["fr", "en"],
    ),
    ("partner@example.org", "Claire Dubois", CommitteeMember.Role.OBSERVER, 0, [], [], "", ["fr"]),
]


# The human demo reviewer: their assignments are left for them to review.
DEMO_REVIEWER = "committee@example.org"

# Intrapreneur projects of season 4 (members of the movement): the call is fully reviewed, so
# that its ranking shows calibrated scores and the inclusive tie-break at work.
INTRAPRENEUR_PROJECTS = [
    # name, region, business lines, merit (the score good reviewers would give, 0 to 5)
    ("Secours Connect", "FR-IDF", ["emergency"], 4.2),
    ("Bénévoles Seniors Actifs", "FR-NAQ", ["volunteering", "elderly"], 4.0),
    ("Halte Répit Famille", "FR-ARA", ["children-families"], 3.8),
    ("Premiers Secours Lycées", "FR-GES", ["training"], 3.6),
    ("Passerelle Emploi Bénévoles", "FR-OCC", ["insertion"], 3.3),
    # Around the selection line (6 places): of equal promise, within 0.2 points.
    ("Vestiaire Numérique", "FR-PAC", ["social-action"], 3.05),
    ("Formation Gestes Urgence Outre-mer", "FR-973", ["emergency", "training"], 2.95),
    ("Maraudes Partagées", "FR-IDF", ["exclusion"], 2.9),
    ("Épicerie Itinérante Creuse", "FR-NAQ", ["food-aid"], 2.5),
    ("Accueil Jour Mayotte", "FR-976", ["exclusion", "health-social"], 2.3),
    ("Radio Crise Corse", "FR-20R", ["emergency"], 2.1),
    ("Lien Social Centre", "FR-CVL", ["elderly"], 1.9),
    ("Santé Mobile Bourgogne", "FR-BFC", ["health"], 1.7),
    ("Jardins d'Insertion Normandie", "FR-NOR", ["insertion"], 1.5),
    ("Écoute Migrants Calais", "FR-HDF", ["migrations"], 1.3),
    ("Aide Alimentaire Réunion", "FR-974", ["food-aid"], 1.1),
]


MERITS = {name: merit for name, _region, _lines, merit in INTRAPRENEUR_PROJECTS}
# Criterion by criterion around the merit, so that the mean of a review is close to it.
OFFSETS = [-0.4, -0.2, 0.0, 0.2, 0.4]


def load(password: str) -> dict[str, int]:
    staff = Person.objects.get(email="staff@example.org")
    call = Call.objects.select_related("programme").get(slug="entrepreneurs-s4")
    submitted = _applications(call, staff, password)
    members = _committee(call, password)
    reviewed = _assign_and_review(call, staff, leave=DEMO_REVIEWER)
    intra = Call.objects.select_related("programme").get(slug="intrapreneurs-s4")
    intra_submitted = _intrapreneur_applications(intra, staff, password)
    _committee(intra, password)
    intra_reviewed = _assign_and_review(intra, staff, leave=None)
    return {
        "season-4 applications": submitted + intra_submitted,
        "committee members": members,
        "reviews": reviewed + intra_reviewed,
    }


def _assign_and_review(call, staff, leave: str | None) -> int:
    """Run the real assignment, then submit deterministic reviews for every assignment but
    those of `leave` (whose reviews are left to do). Each reviewer has a severity, so that the
    calibration has something to correct."""
    from tremplin.selection.models import Assignment
    from tremplin.selection.services import reviews
    from tremplin.selection.services.assignment import run_assignment

    outcome = run_assignment(call, staff)
    if outcome.status != "optimal":
        raise RuntimeError(f"the demo committee of {call} cannot be assigned: {outcome}")
    criteria = list(call.review_criteria.all())
    count = 0
    assignments = (
        Assignment.objects.filter(member__call=call)
        .select_related("member__person", "application")
        .order_by("pk")
    )
    for assignment in assignments:
        person = assignment.member.person
        if person.email == leave:
            continue
        merit = MERITS.get(assignment.application.title, 1 + (assignment.application.pk * 7) % 4)
        # Each reviewer is a little severe, neutral or lenient: calibration corrects it.
        severity = (assignment.member.pk % 3) - 1
        scores = {
            c.pk: max(c.scale_min, min(c.scale_max, round(merit + offset) + severity))
            for c, offset in zip(criteria, OFFSETS, strict=False)
        }
        result = reviews.save_review(
            assignment,
            person,
            scores=scores,
            comment_for_committee="Projet solide, à vérifier sur le terrain."
            if merit > 2.5
            else "Besoin réel, solution encore fragile.",
            comment_for_applicant="Merci pour ce dossier clair.",
            base_version=0,
            submit=True,
        )
        count += int(result.submitted)
    return count


def _intrapreneur_applications(call, staff, password) -> int:
    from tremplin.accounts.models import Membership
    from tremplin.accounts.services import decide_membership, declare_membership

    society = Organisation.objects.get(name="Croix-Rouge française")
    questions = {q.key: q for q in call.questions.all()}
    regions = {r.code: r for r in Region.objects.all()}
    for index, (name, region, line_codes, _merit) in enumerate(INTRAPRENEUR_PROJECTS, start=1):
        person = create_demo_person(
            f"intra{index:02d}@example.org",
            f"Bénévole {index:02d}",
            password,
            language="fr",
            region=regions[region],
            organisation=society,
        )
        membership = declare_membership(
            person,
            national_society=society,
            status=Membership.Status.VOLUNTEER,
            identifier=f"CRF-DEMO-{index:03d}",
        )
        decide_membership(membership, staff, "verify")
        application = applications.start(call, person)
        values = {
            "project_name": name,
            "organisation_name": f"Unité locale ({regions[region].name})",
            "organisation_kind": "local_unit",
            "region": region,
            "need": f"Un besoin repéré par les équipes de terrain : {name.lower()}.",
            "solution": "Une solution conçue avec les bénévoles et testée dans l'unité locale.",
            "stage": "prototype",
            "business_lines": line_codes,
            "team_size": Decimal(3 + index % 4),
            "budget": Decimal(5000 + 500 * index),
        }
        applications.save_answers(
            application, person, [questions[k] for k in values], values, {}, {}
        )
        applications.submit(application, person)
        application.refresh_from_db()
        applications.transition(application, staff, "mark_eligible")
    return len(INTRAPRENEUR_PROJECTS)


def _applications(call, staff, password) -> int:
    questions = {q.key: q for q in call.questions.all()}
    regions = {r.code: r for r in Region.objects.all()}
    lines = {b.code for b in BusinessLine.objects.all()}
    for index, row in enumerate(PROJECTS, start=1):
        name, org, kind, region, line_codes, stage, need, solution = row
        organisation, _created = Organisation.objects.get_or_create(
            name=org, kind=kind, country="FR", defaults={"region": regions[region]}
        )
        person = create_demo_person(
            f"candidat{index:02d}@example.org",
            f"Porteur {org}",
            password,
            language="fr",
            region=regions[region],
            organisation=organisation,
        )
        application = applications.start(call, person)
        values = {
            "project_name": name,
            "organisation_name": org,
            "organisation_kind": kind,
            "region": region,
            "need": need,
            "solution": solution,
            "stage": stage,
            "business_lines": [c for c in line_codes if c in lines],
            "team_size": Decimal(2 + index % 5),
            "budget": Decimal(8000 + 1500 * (index % 9)),
        }
        applications.save_answers(
            application, person, [questions[k] for k in values], values, {}, {}
        )
        applications.submit(application, person)
        application.refresh_from_db()
        # The accelerator team screened them: all eligible.
        applications.transition(application, staff, "mark_eligible")
    return len(PROJECTS)


def _committee(call, password) -> int:
    settings_for(call)
    ensure_review_criteria(call)
    regions = {r.code: r for r in Region.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    for email, name, role, capacity, line_codes, region_codes, themes, languages in COMMITTEE:
        person = Person.objects.filter(email=email).first() or create_demo_person(
            email, name, password, language="fr"
        )
        if role != CommitteeMember.Role.OBSERVER:
            grant_role(person, Role.COMMITTEE)
        member = CommitteeMember.objects.create(
            call=call,
            person=person,
            person_name=str(person),
            role=role,
            capacity=capacity,
            themes=themes,
            languages=languages,
        )
        member.business_lines.set([lines[c] for c in line_codes])
        member.regions.set([regions[c] for c in region_codes])
    return len(COMMITTEE)
