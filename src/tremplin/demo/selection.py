"""Demo data for the selection of season 4's entrepreneur call: submitted applications from
every part of France (overseas included), screened eligible, and a committee (a chair, an
observer partner, reviewers) ready for the assignment."""

from __future__ import annotations

from decimal import Decimal

from tremplin.accounts.models import Membership, Organisation, Person
from tremplin.accounts.services import decide_membership, declare_membership
from tremplin.applications import services as applications
from tremplin.demo import files
from tremplin.demo.accounts import create_demo_person
from tremplin.programmes.models import Call
from tremplin.reference.models import BusinessLine, Region
from tremplin.selection import services
from tremplin.selection.models import Assignment
from tremplin.selection.services import assignment as assignments_service
from tremplin.selection.services import committee, reviews

# The human demo reviewer: their assignments are left for them to review.
DEMO_REVIEWER = "committee@example.org"

# Intrapreneur projects of season 4 (members of the movement, data/applications.json): the
# call is fully reviewed, so that its ranking shows calibrated scores and the inclusive
# tie-break at work; each has a merit, the score good reviewers would give (0 to 5).
# Criterion by criterion around the merit, so that the mean of a review is close to it.
OFFSETS = [-0.4, -0.2, 0.0, 0.2, 0.4]


def load(password: str) -> dict[str, int]:
    data = files.read("applications")
    committee_rows = files.read("committee")
    merits = {row["project"]: row["merit"] for row in data["intrapreneurs"]}
    staff = Person.objects.get(email="staff@example.org")
    call = Call.objects.select_related("programme").get(slug="entrepreneurs-s4")
    submitted = _applications(call, staff, password, data["entrepreneurs"])
    members = _committee(call, staff, password, committee_rows)
    reviewed = _assign_and_review(call, staff, merits, leave=DEMO_REVIEWER)
    intra = Call.objects.select_related("programme").get(slug="intrapreneurs-s4")
    intra_submitted = _intrapreneur_applications(intra, staff, password, data["intrapreneurs"])
    _committee(intra, staff, password, committee_rows)
    intra_reviewed = _assign_and_review(intra, staff, merits, leave=None)
    return {
        "season-4 applications": submitted + intra_submitted,
        "committee members": members,
        "reviews": reviewed + intra_reviewed,
    }


def _assign_and_review(call, staff, merits, leave: str | None) -> int:
    """Run the real assignment, then submit deterministic reviews for every assignment but
    those of `leave` (whose reviews are left to do). Each reviewer has a severity, so that the
    calibration has something to correct."""
    outcome = assignments_service.run_assignment(call, staff)
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
        merit = merits.get(assignment.application.title, 1 + (assignment.application.pk * 7) % 4)
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


def _intrapreneur_applications(call, staff, password, rows) -> int:
    society = Organisation.objects.get(name="Croix-Rouge française")
    questions = {q.key: q for q in call.questions.all()}
    regions = {r.code: r for r in Region.objects.all()}
    for index, row in enumerate(rows, start=1):
        name, region, line_codes = row["project"], row["region"], row["business_lines"]
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
    return len(rows)


def _applications(call, staff, password, rows) -> int:
    questions = {q.key: q for q in call.questions.all()}
    regions = {r.code: r for r in Region.objects.all()}
    lines = {b.code for b in BusinessLine.objects.all()}
    for index, row in enumerate(rows, start=1):
        name, org, kind, region = row["project"], row["organisation"], row["kind"], row["region"]
        line_codes, stage, need, solution = (
            row["business_lines"],
            row["stage"],
            row["need"],
            row["solution"],
        )
        # No service creates organisations (staff add them in the admin).
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
    return len(rows)


def _committee(call, staff, password, rows) -> int:
    """The committee, seated by the staff through services.committee (which gives reviewers
    and chairs the committee role and detects their conflicts of interest)."""
    services.settings_for(call)
    services.ensure_review_criteria(call)
    regions = {r.code: r for r in Region.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    for row in rows:
        email, role = row["email"], row["role"]
        person = Person.objects.filter(email=email).first() or create_demo_person(
            email, row["full_name"], password, language="fr"
        )
        member = committee.add_member(call, staff, person, role=role, capacity=row["capacity"])
        committee.update_member(
            member,
            staff,
            role=role,
            capacity=row["capacity"],
            business_lines=[lines[c] for c in row["business_lines"]],
            regions=[regions[c] for c in row["regions"]],
            themes=row["themes"],
            languages=row["languages"],
        )
    return len(rows)
