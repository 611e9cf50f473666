"""The data of the committee benchmarks: a call in review with its applications, a committee,
assignments and submitted reviews with their criterion scores, all bulk-inserted.

    from committee_data import configure, build_call   # from a script in bench/
    configure()                                          # a SQLite file in bench/results/committee/
    data = build_call(applications=2000, reviewers=20, reviews_each=300, seed=2026)

The shape of issue 4's peer comparison is the default: 2,000 applications, 20 reviewers, 300
reviews each (6,000 reviews, so 3 per application, each with a score on every criterion).
Every application gets `reviews_each * reviewers / applications` distinct reviewers, taken in
turn (application i is reviewed by reviewers 3i, 3i + 1, 3i + 2 modulo 20), so that loads are
equal and every pair of neighbouring reviewers shares applications (the calibration of the
ranking needs reviewers whose sets of applications overlap).

Scores follow a simple model, so that calibration has something to correct: each application
has a quality q in [0.15, 0.9], each reviewer a severity b (normal, sd 0.08) and a scale s in
[0.75, 1.25]; a criterion's score is q * s + b + noise (sd 0.1), clipped to [0, 1] and put on
the criterion's scale. Each review's weighted score is computed by tremplin.selection.scoring,
as a submission does. A call built once is found again by its slug (`build_call` returns it
without building twice): the SQLite file is reused from one run to the next.
"""

from __future__ import annotations

import math
import os
import random
import secrets
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(database: str | None = None, folder: str = "committee") -> Path:
    """Set up Django for a benchmark: a SQLite file in bench/results/<folder>/ (or the
    DATABASE_URL given), migrated, with the static files collected. Returns the data folder."""
    data_dir = ROOT / "bench" / "results" / folder
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in list(os.environ):
        if name.startswith(("TREMPLIN_", "DJANGO_")) or name == "DATABASE_URL":
            del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tremplin.settings",
        TREMPLIN_DATA_DIR=str(data_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(data_dir / "static"),
        LOG_LEVEL="WARNING",
    )
    if database:
        os.environ["DATABASE_URL"] = database
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from tremplin.i18n import compile_catalogues

    compile_catalogues()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return data_dir


@dataclass
class CommitteeData:
    call: object  # programmes.Call
    reviewers: list  # the reviewers' Person objects, in the order of their seats
    members: list  # their CommitteeMember seats
    chair: object  # a chair (Person) with no assignment
    staff: object  # a member of the accelerator team (Person)
    applications: int
    reviews: int


def _person(email: str, full_name: str, roles: list[str]):
    """A person who can be signed in with force_login and passes the two-factor check."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tremplin.accounts import services as accounts
    from tremplin.accounts.models import Person

    person = Person.objects.filter(email=email).first()
    if person is None:
        person = Person.objects.create_user(email, None, full_name=full_name)
        for role in roles:
            accounts.grant_role(person, role)
        TOTP.activate(person, generate_totp_secret())
    return person


def build_call(
    applications: int = 2000,
    reviewers: int = 20,
    reviews_each: int = 300,
    seed: int = 2026,
    slug: str | None = None,
) -> CommitteeData:
    """The call `slug` (default: bench-committee-<applications>-<reviewers>-<reviews_each>)
    with its data, built the first time."""
    from django.db import transaction
    from django.utils import timezone

    from tremplin.applications.models import Answer, Application
    from tremplin.demo.synthetic import generate_applications
    from tremplin.programmes.models import Audience, Call, Programme, Season
    from tremplin.selection import scoring
    from tremplin.selection.models import (
        Assignment,
        CommitteeMember,
        Review,
        ReviewCriterion,
        ReviewScore,
    )
    from tremplin.selection.services import ensure_review_criteria, settings_for

    total = reviews_each * reviewers
    per_application = math.ceil(total / applications)
    if per_application > reviewers:
        raise ValueError("more reviews per application than reviewers")
    slug = slug or f"bench-committee-{applications}-{reviewers}-{reviews_each}"
    staff = _person("bench-committee-staff@example.org", "Bench Staff", ["staff"])
    chair = _person(f"{slug}-chair@example.org", "Bench Chair", ["committee"])
    people = [
        _person(f"{slug}-reviewer-{n}@example.org", f"Bench Reviewer {n}", ["committee"])
        for n in range(reviewers)
    ]
    call = Call.objects.filter(slug=slug).first()
    if call is not None:
        members = list(
            CommitteeMember.objects.filter(call=call, person__in=people).order_by("person_name")
        )
        by_person = {member.person_id: member for member in members}
        return CommitteeData(
            call=call,
            reviewers=people,
            members=[by_person[p.pk] for p in people],
            chair=chair,
            staff=staff,
            applications=call.applications.count(),
            reviews=Review.objects.filter(assignment__member__call=call).count(),
        )

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        season = Season.objects.get_or_create(
            number=91, defaults={"opened_on": timezone.localdate() - timedelta(days=120)}
        )[0]
        programme = Programme.objects.get_or_create(
            slug=slug[:60],
            defaults={"name": {"fr": slug, "en": slug}, "audience": Audience.ANYONE},
        )[0]
        call = Call.objects.create(
            programme=programme,
            season=season,
            slug=slug,
            title={"fr": f"Appel {slug}", "en": f"Call {slug}"},
            opens_at=now - timedelta(days=90),
            closes_at=now - timedelta(days=30),
        )
        generate_applications(call, applications, seed=seed, prefix=f"bc{call.pk}")
        _all_in_review(call, Application, Answer)
        settings = settings_for(call)
        settings.review_deadline = now + timedelta(days=10)
        settings.save()
        ensure_review_criteria(call)
        criteria = list(ReviewCriterion.objects.filter(call=call).order_by("position", "id"))
        for criterion, weight in zip(criteria, [2, 1, 2, 1, 1], strict=False):
            criterion.weight = weight
        ReviewCriterion.objects.bulk_update(criteria, ["weight"])

        members = [
            CommitteeMember.objects.create(
                call=call,
                person=person,
                person_name=person.full_name,
                role=CommitteeMember.Role.REVIEWER,
                capacity=reviews_each,
            )
            for person in people
        ]
        CommitteeMember.objects.create(
            call=call, person=chair, person_name=chair.full_name, role=CommitteeMember.Role.CHAIR
        )
        ids = list(
            Application.objects.filter(call=call).order_by("pk").values_list("pk", flat=True)
        )
        pairs = []
        for index, application_id in enumerate(ids):
            for j in range(per_application):
                if len(pairs) == total:
                    break
                pairs.append((application_id, (index * per_application + j) % reviewers))
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(member=members[r], application_id=a, source=Assignment.Source.SOLVER)
                for a, r in pairs
            ],
            batch_size=2000,
        )
        quality = {a: rng.uniform(0.15, 0.9) for a in ids}
        severity = [rng.gauss(0, 0.08) for _ in range(reviewers)]
        spread = [rng.uniform(0.75, 1.25) for _ in range(reviewers)]
        values_of = []
        reviews = []
        for assignment, (application_id, r) in zip(assignments, pairs, strict=True):
            values = {}
            for criterion in criteria:
                u = quality[application_id] * spread[r] + severity[r] + rng.gauss(0, 0.1)
                u = min(1.0, max(0.0, u))
                width = criterion.scale_max - criterion.scale_min
                values[criterion.pk] = criterion.scale_min + round(u * width)
            submitted = now - timedelta(minutes=rng.randint(10, 60 * 24 * 20))
            values_of.append(values)
            reviews.append(
                Review(
                    assignment=assignment,
                    state=Review.State.SUBMITTED,
                    comment_for_committee=f"Avis {application_id}-{r}.",
                    comment_for_applicant="Merci pour votre candidature.",
                    score=scoring.weighted_score(values, criteria),
                    version=2,
                    submitted_at=submitted,
                )
            )
        reviews = Review.objects.bulk_create(reviews, batch_size=2000)
        ReviewScore.objects.bulk_create(
            [
                ReviewScore(review=review, criterion_id=criterion_id, value=value)
                for review, values in zip(reviews, values_of, strict=True)
                for criterion_id, value in values.items()
            ],
            batch_size=5000,
        )
    return CommitteeData(
        call=call,
        reviewers=people,
        members=members,
        chair=chair,
        staff=staff,
        applications=len(ids),
        reviews=len(reviews),
    )


def _all_in_review(call, Application, Answer) -> None:
    """Every generated application becomes one in review, submitted before the call closed, with
    its answers frozen (the generator leaves its drafts unfrozen)."""
    drafts = list(
        Application.objects.filter(call=call, submitted_at__isnull=True).only("pk", "version")
    )
    answers: dict[int, dict] = {}
    for application_id, key, value, text in Answer.objects.filter(
        application__in=drafts
    ).values_list("application_id", "question__key", "value", "text"):
        answers.setdefault(application_id, {})[key] = {"value": value, "text": text, "files": []}
    for application in drafts:
        application.frozen_answers = {
            "version": application.version,
            "answers": answers.get(application.pk, {}),
        }
        application.submitted_at = call.closes_at - timedelta(days=1)
    Application.objects.bulk_update(drafts, ["frozen_answers", "submitted_at"], batch_size=2000)
    Application.objects.filter(call=call).update(state="in_review")
