"""Large synthetic data for benchmarks: `tremplin manage generate --scale N`.

At scale 1: the movement's network as DOMAIN.md quotes it (1,037 local units and 577
establishments), 2,000 people, 200 organisations and 500 laureate projects spread over the
seasons. Everything is bulk-inserted; people get an unusable password (no hashing cost)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction

from tremplin.acceleration.models import LaureateProject
from tremplin.accounts.models import Affiliation, Organisation, Person, RoleGrant
from tremplin.applications.models import Answer, AnswerChoice, Application
from tremplin.core import search
from tremplin.network.models import ExperimentationSite
from tremplin.programmes import questions as q
from tremplin.programmes.models import FormStep, Programme, Question, Season
from tremplin.programmes.services.form_builder import ensure_system_questions
from tremplin.reference.models import BusinessLine, Department, Region, SustainableDevelopmentGoal

LOCAL_UNITS = 1037
ESTABLISHMENTS = 577
BATCH = 2000


@transaction.atomic
def generate(scale: int = 1, seed: int = 2019, prefix: str = "synthetic") -> dict[str, int]:
    rng = random.Random(seed)
    departments = list(Department.objects.select_related("region"))
    lines = list(BusinessLine.objects.all())
    programmes = list(Programme.objects.all())
    seasons = list(Season.objects.all())
    if not departments or not lines:
        raise RuntimeError("Reference data is missing: run `tremplin manage migrate` first.")
    start = Person.objects.filter(email__startswith=f"{prefix}-").count()

    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{prefix.capitalize()} organisation {start + i}",
                kind=rng.choice([k for k, _ in Organisation.Kind.choices]),
                region=rng.choice(departments).region,
                email_domain=f"org{start + i}.{prefix}.example",
            )
            for i in range(200 * scale)
        ],
        batch_size=BATCH,
    )
    unsaved, their_organisations = [], []
    for i in range(2000 * scale):
        # Drawn in this order (region, organisation, language) so that a seed gives the same
        # data as before organisations became affiliations.
        region = rng.choice(departments).region
        their_organisations.append(rng.choice(organisations))
        unsaved.append(
            Person(
                email=f"{prefix}-{start + i}@example.org",
                full_name=f"Personne {start + i}",
                password="!",  # noqa: S106 - an unusable password
                region=region,
                preferred_language=rng.choice(["fr", "fr", "fr", "en", "es", "ar"]),
            )
        )
    people = Person.objects.bulk_create(unsaved, batch_size=BATCH)
    Affiliation.objects.bulk_create(
        [
            Affiliation(person=p, organisation=o, state=Affiliation.State.VERIFIED)
            for p, o in zip(people, their_organisations, strict=True)
        ],
        batch_size=BATCH,
    )
    roles = ["applicant"] * 14 + ["mentor", "referent", "committee", "site_contact", "partner"]
    RoleGrant.objects.bulk_create(
        [RoleGrant(person=p, role=rng.choice(roles)) for p in people], batch_size=BATCH
    )

    sites = []
    for kind, count in (
        (ExperimentationSite.Kind.LOCAL_UNIT, LOCAL_UNITS * scale),
        (ExperimentationSite.Kind.ESTABLISHMENT, ESTABLISHMENTS * scale),
    ):
        for i in range(count):
            department = rng.choice(departments)
            sites.append(
                ExperimentationSite(
                    kind=kind,
                    name=f"{kind.label} {prefix} {i}",
                    # a stable code, so that an import of the network's file can update it
                    code=f"{prefix.upper()}-{start}-{kind.value[:2].upper()}-{i}",
                    region=department.region,
                    department=department,
                    town=department.name,
                    capacity=rng.randint(0, 5),
                    willing_to_host=rng.random() > 0.2,
                    contact=rng.choice(people) if rng.random() < 0.3 else None,
                )
            )
    sites = ExperimentationSite.objects.bulk_create(sites, batch_size=BATCH)
    Through = ExperimentationSite.business_lines.through
    Through.objects.bulk_create(
        [
            Through(experimentationsite_id=site.pk, businessline_id=line.pk)
            for site in sites
            for line in rng.sample(lines, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )

    projects = []
    if programmes and seasons:
        for i in range(500 * scale):
            season = rng.choice(seasons)
            programme = rng.choice(programmes)
            starts = season.opened_on + timedelta(days=120)
            projects.append(
                LaureateProject(
                    name=f"Projet {prefix} {start + i}",
                    slug=f"{prefix}-{start}-{i}",
                    pitch={"fr": f"Projet synthétique {i}", "en": f"Synthetic project {i}"},
                    season=season,
                    programme=programme,
                    track="intrapreneur" if programme.is_intrapreneur else "entrepreneur",
                    organisation=rng.choice(organisations),
                    region=rng.choice(departments).region,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=183),
                    referent=rng.choice(people),
                )
            )
        projects = LaureateProject.objects.bulk_create(projects, batch_size=BATCH)
    return {
        "organisations": len(organisations),
        "people": len(people),
        "sites": len(sites),
        "laureate_projects": len(projects),
    }


# --- Applications to one call (staff list benchmark) -------------------------------------------

WORDS_TEXT = (
    "personnes âgées isolement précarité santé bénévoles mobilité numérique insertion handicap "
    "aidants jardins alimentaire réfugiés emploi logement quartier école familles enfants "
    "secours urgence formation accompagnement solidarité épicerie itinérance hôpital soins "
    "prévention télémédecine inclusion autonomie domicile transport réseau territoire rural "
    "plateforme application capteurs données coordination équipes maraudes vestiaire accueil"
)
WORDS = WORDS_TEXT.split()
STAGES = [
    {"value": "idea", "label": {"fr": "Idée", "en": "Idea", "es": "Idea", "ar": "فكرة"}},
    {"value": "prototype", "label": {"fr": "Prototype", "en": "Prototype", "es": "Prototipo"}},
    {"value": "pilot", "label": {"fr": "Expérimentation", "en": "Pilot", "es": "Piloto"}},
    {"value": "deployed", "label": {"fr": "Déployé", "en": "Deployed", "es": "Desplegado"}},
]
# Share of each state among generated applications (the rest are submitted).
STATE_SHARES = [
    ("draft", 0.06),
    ("info_requested", 0.04),
    ("eligible", 0.12),
    ("ineligible", 0.08),
    ("in_review", 0.08),
    ("shortlisted", 0.03),
    ("selected", 0.01),
    ("waitlisted", 0.01),
    ("rejected", 0.05),
    ("withdrawn", 0.02),
]


def _ensure_synthetic_form(call) -> list:
    """The call's form: the system questions and a second step like the demo calls'."""
    ensure_system_questions(call)
    kind = Question.Kind
    wanted = [
        ("need", kind.LONG_TEXT, {"fr": "Quel besoin votre projet adresse-t-il ?"}, {}),
        ("solution", kind.LONG_TEXT, {"fr": "Décrivez votre solution."}, {}),
        ("stage", kind.SINGLE_CHOICE, {"fr": "Où en est votre projet ?"}, {"options": STAGES}),
        ("business_lines", kind.BUSINESS_LINE, {"fr": "Filières métier concernées"}, {}),
        ("sdgs", kind.SDG, {"fr": "Objectifs de développement durable"}, {"max_choices": 3}),
        ("budget", kind.BUDGET, {"fr": "Budget du projet"}, {}),
        ("pitch_deck", kind.FILE, {"fr": "Présentation du projet"}, {"required": False}),
    ]
    existing = set(call.questions.values_list("key", flat=True))
    missing = [entry for entry in wanted if entry[0] not in existing]
    if missing:
        step = call.steps.filter(position=1).first() or FormStep.objects.create(
            call=call, position=1, title={"fr": "Le projet", "en": "The project"}
        )
        for position, (key, question_kind, label, extra) in enumerate(missing, start=10):
            Question.objects.create(
                call=call,
                step=step,
                position=position,
                kind=question_kind,
                key=key,
                label=label,
                **extra,
            )
    return list(call.questions.select_related("step"))


def generate_applications(
    call,
    count: int,
    seed: int = 2021,
    prefix: str = "candidat",
    with_people: bool = True,
    with_answers: bool = True,
) -> int:
    """`count` applications to `call` with their answers, chosen values and search entries,
    in every state (mostly submitted), bulk-inserted in batches. Returns the number created.
    Without people the applications have no account behind them; without answers they keep
    only what the staff list reads (columns, chosen values, search entries), which is faster
    to create."""
    rng = random.Random(seed + call.pk)
    questions = _ensure_synthetic_form(call)
    regions = list(Region.objects.all())
    lines = list(BusinessLine.objects.values_list("code", flat=True))
    goals = [str(n) for n in SustainableDevelopmentGoal.objects.values_list("number", flat=True)]
    kinds = [
        Organisation.Kind.ASSOCIATION,
        Organisation.Kind.COMPANY,
        Organisation.Kind.PUBLIC_BODY,
        Organisation.Kind.PARTNER,
    ]
    states = [state for state, _share in STATE_SHARES] + ["submitted"]
    weights = [share for _state, share in STATE_SHARES]
    weights.append(1 - sum(weights))
    window = max((call.closes_at - call.opens_at).total_seconds(), 3600)
    start = Application.objects.filter(call=call).count()
    created = 0

    def words(n):
        return " ".join(rng.choices(WORDS, k=n))

    def value_of(question, region, kind, title, organisation):
        key = question.key
        if key == "project_name":
            return title
        if key == "organisation_name":
            return organisation
        if key == "organisation_kind":
            return kind
        if key == "region":
            return region.code if region else None
        if question.kind == Question.Kind.LONG_TEXT:
            return words(rng.randint(30, 120)).capitalize() + "."
        if question.kind == Question.Kind.SHORT_TEXT:
            return words(4)
        if question.kind == Question.Kind.SINGLE_CHOICE:
            options = [str(o.get("value")) for o in question.options or []]
            return rng.choice(options) if options else None
        if question.kind == Question.Kind.MULTIPLE_CHOICE:
            options = [str(o.get("value")) for o in question.options or []]
            return rng.sample(options, min(len(options), rng.randint(1, 2))) if options else None
        if question.kind == Question.Kind.BUSINESS_LINE:
            return rng.sample(lines, rng.randint(1, 3)) if lines else None
        if question.kind == Question.Kind.SDG:
            return rng.sample(goals, rng.randint(1, 3)) if goals else None
        if question.kind == Question.Kind.REGION:
            return rng.choice(regions).code if regions else None
        if question.kind in (Question.Kind.NUMBER, Question.Kind.BUDGET):
            return f"{rng.randint(5, 400) * 500}.00"
        if question.kind == Question.Kind.DATE:
            return call.opens_at.date().isoformat()
        if question.kind == Question.Kind.EMAIL:
            return f"contact{rng.randint(1, 10**6)}@example.org"
        if question.kind == Question.Kind.URL:
            return f"https://example.org/{rng.randint(1, 10**6)}"
        return None  # files are not generated

    with transaction.atomic():
        for offset in range(0, count, BATCH):
            size = min(BATCH, count - offset)
            numbers = range(start + offset, start + offset + size)
            applicants = [None] * size
            if with_people:
                applicants = Person.objects.bulk_create(
                    [
                        Person(
                            email=f"{prefix}-{call.pk}-{n}@example.org",
                            full_name=f"{rng.choice(['Awa', 'Jean', 'Lucía', 'Karim', 'Élise'])} "
                            f"{prefix.capitalize()} {n}",
                            password="!",  # noqa: S106 - an unusable password
                            preferred_language=rng.choice(["fr", "fr", "fr", "en", "es", "ar"]),
                        )
                        for n in numbers
                    ],
                    batch_size=BATCH,
                )
            drafts = []
            for n, person in zip(numbers, applicants, strict=True):
                state = rng.choices(states, weights)[0]
                region = rng.choice(regions) if regions else None
                kind = rng.choice(kinds)
                title = f"{words(2).capitalize()} {n}"
                organisation = f"Structure {words(1)} {n}"
                values = {
                    question.pk: value_of(question, region, kind, title, organisation)
                    for question in questions
                    if question.kind != Question.Kind.FILE
                }
                submitted = None
                if state != "draft":
                    submitted = call.opens_at + timedelta(seconds=rng.uniform(0, window))
                drafts.append(
                    (
                        Application(
                            call=call,
                            applicant=person,
                            applicant_name=str(person) if person else f"Porteur {n}",
                            title=title,
                            organisation_name=organisation,
                            organisation_kind=kind,
                            region=region,
                            state=state,
                            submitted_at=submitted,
                        ),
                        values,
                    )
                )
            texts = {
                (id(application), question.pk): q.display(question, value)
                for application, values in drafts
                for question in questions
                if (value := values.get(question.pk)) is not None
            }
            for application, values in drafts:
                if application.state != "draft" and with_answers:
                    application.frozen_answers = {
                        "version": 1,
                        "answers": {
                            question.key: {
                                "value": values.get(question.pk),
                                "text": texts.get((id(application), question.pk), ""),
                                "files": [],
                            }
                            for question in questions
                        },
                    }
                application.search_text = "\n".join(
                    [application.title, application.organisation_name, application.applicant_name]
                    + [
                        texts[(id(application), question.pk)]
                        for question in questions
                        if (id(application), question.pk) in texts
                    ]
                )
            saved = Application.objects.bulk_create(
                [application for application, _values in drafts], batch_size=BATCH
            )
            answers, choices = [], []
            # bulk_create() gives the same objects back, with their primary keys.
            for application, values in drafts:
                for question in questions:
                    value = values.get(question.pk)
                    if value is None:
                        continue
                    if with_answers:
                        answers.append(
                            Answer(
                                application=application,
                                question=question,
                                value=value,
                                text=texts[(id(application), question.pk)],
                            )
                        )
                    choices += [
                        AnswerChoice(application=application, question=question, value=v)
                        for v in q.chosen_values(question, value)
                    ]
            Answer.objects.bulk_create(answers, batch_size=BATCH)
            AnswerChoice.objects.bulk_create(choices, batch_size=BATCH)
            search.index_many(
                "application", [(a.pk, a.search_text) for a in saved], batch_size=BATCH
            )
            created += len(saved)
    return created
