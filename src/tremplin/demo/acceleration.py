"""Demo data: cohorts, phases and milestones, journal, mentors, funding of the laureate projects.

Minutis is the project in acceleration now: its six months are placed relative to today, so
that its referent (referent@example.org) always finds its current phase, an overdue milestone
and its last check-in. The other laureates of seasons 1 and 2 finished long ago: they are
alumni, deployed (100 % of the projects followed were, DOMAIN.md) or scaled."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from tremplin.acceleration.models import (
    LaureateProject,
    MentorProfile,
)
from tremplin.acceleration.services import funding, journal, milestones, outcome, people, projects
from tremplin.accounts.models import Organisation, Person
from tremplin.demo import files, past
from tremplin.demo.accounts import create_demo_person
from tremplin.programmes.models import Programme
from tremplin.reference.models import BusinessLine


def load_laureates(programmes, seasons, organisations, regions, people) -> int:
    """The named laureates of seasons 1 and 2 (data/laureates.json), with their referents and
    mentors in turn. Written directly: the platform makes a laureate project from a selected
    application (services.projects), and these laureates were selected before the platform."""
    lines = {b.code: b for b in BusinessLine.objects.all()}
    rows = files.read("laureates")
    referents = [people["referent@example.org"], people["referent2@example.org"]]
    mentors = [people["mentor@example.org"], people["mentor2@example.org"]]
    for index, row in enumerate(rows):
        name, season = row["name"], row["season"]
        season_obj = seasons[season]
        starts = season_obj.opened_on + timedelta(days=120)
        project = LaureateProject.objects.create(
            name=name,
            slug=slugify(f"{name}-s{season}")[:80],
            pitch=row["pitch"],
            season=season_obj,
            programme=programmes[row["programme"]],
            track=row["track"],
            organisation=organisations[row["organisation"] or "Croix-Rouge française"],
            region=regions[row["region"]],
            starts_on=starts,
            ends_on=starts + timedelta(days=183),
            referent=people["referent@example.org"] if name == "Minutis" else referents[index % 2],
        )
        project.business_lines.set([lines[code] for code in row["business_lines"]])
        project.mentors.set([mentors[index % 2]])
        if name == "Minutis":
            project.team.set([people["minutis@example.org"]])
        if name == "HelpMeUp":
            project.team.set([people["entrepreneur@example.org"]])
    return len(rows)


def load(password: str) -> dict[str, int]:
    """Cohorts, the milestone templates and each laureate's milestones, funding and outcome,
    the mentor pool, Minutis's journal (data/milestones.json, mentors.json, minutis.json),
    through the acceleration services: the demo's admin sets the programme up, the staff and
    the referents follow the projects."""
    today = timezone.localdate()
    admin = Person.objects.get(email="admin@example.org")
    staff = Person.objects.get(email="staff@example.org")
    organisations = {o.name: o for o in Organisation.objects.filter(kind=Organisation.Kind.PARTNER)}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    _templates(admin)
    mentors = _mentor_pool(password, admin, organisations, lines)
    minutis_data = files.read("minutis")

    cohorts = set()
    laureates = list(
        LaureateProject.objects.select_related("programme", "season", "referent").prefetch_related(
            "team", "programme__partners"
        )
    )
    milestone_count = tranche_count = 0
    for index, project in enumerate(laureates):
        cohort = projects.cohort_for(
            project.programme, project.season, admin, starts_on=project.starts_on
        )
        cohorts.add(cohort.pk)
        # A project is born in its cohort (services.projects, from its application); these
        # laureates were born before the platform: put them in theirs as they were.
        past.set_dates(project, cohort=cohort)
        if project.name == "Minutis":
            starts = today - timedelta(days=minutis_data["started_days_ago"])
            past.set_dates(project, starts_on=starts, ends_on=starts + timedelta(days=183))
            people.set_needs(project, project.referent, minutis_data["needs"])
            projects.save_internal_notes(project, project.referent, minutis_data["internal_notes"])
        milestone_count += _milestones(project, staff, today)
        tranche_count += _funding(project, staff, today)
        if project.name != "Minutis":
            _outcome(project, staff, index)
    minutis = next(p for p in laureates if p.name == "Minutis")
    check_ins = _journal(minutis, today, minutis_data)
    consultations = _experts(minutis, today, minutis_data["consultations"])
    return {
        "cohorts": len(cohorts),
        "milestones": milestone_count,
        "check-ins": check_ins,
        "funding tranches": tranche_count,
        "mentors in the pool": len(mentors),
        "expert consultations": consultations,
    }


def _templates(admin) -> None:
    rows = files.read("milestones")
    for programme in Programme.objects.all():
        for row in rows:
            milestones.add_template(
                programme,
                admin,
                phase=row["phase"],
                title=row["title"],
                deliverables=row["deliverables"],
                due_offset_days=row["due_days_after_start"],
            )


def _mentor_pool(password, admin, organisations, lines) -> list[MentorProfile]:
    society = Organisation.objects.get(name="Croix-Rouge française")
    profiles = []
    for row in files.read("mentors"):
        partner = organisations.get(row["partner"]) if row["partner"] else None
        person = Person.objects.filter(email=row["email"]).first() or create_demo_person(
            row["email"],
            row["full_name"],
            password,
            language=row["language"],
            organisation=partner or society,
        )
        profile = people.save_mentor_profile(
            person,
            admin,
            kind=row["kind"],
            partner=partner,
            business_lines=[lines[c] for c in row["business_lines"] if c in lines],
            skills=row["skills"],
            availability=row["availability"],
            max_projects=3,
        )
        profiles.append(profile)
    return profiles


def _milestones(project, staff, today) -> int:
    """The programme's milestones copied into the project, each given to a team member (or
    the referent), then moved as far as the project went: all validated for the alumni; for
    Minutis, the first two validated, the third in progress (overdue), the rest planned."""
    projects.copy_template(project, staff)
    team = list(project.team.all())
    referent = project.referent
    owner = team[0] if team else referent
    rows = list(project.milestones.select_related("template").order_by("due_on", "pk"))
    for milestone in rows:
        offset = milestone.template.due_offset_days
        milestones.change_milestone(
            milestone,
            referent,
            phase=milestone.phase,
            title=milestone.title,
            deliverables=milestone.deliverables,
            due_on=milestone.due_on,
            owner=owner,
        )
        if project.name != "Minutis" or offset <= 30:
            milestones.fire_milestone(milestone, owner, "deliver")
            milestones.fire_milestone(milestone, referent, "validate")
        elif offset == 50:
            milestones.fire_milestone(milestone, owner, "start")  # the overdue one
    return len(rows)


def _funding(project, staff, today) -> int:
    """The programme's financial package in two tranches: 60 % at the start, 40 % once the
    prototype is tested; paid by the programme's partner, or the accelerator itself."""
    package = project.programme.financial_package or Decimal("10000")
    partners = list(project.programme.partners.all())
    partner = partners[project.pk % len(partners)] if partners else None
    first = (package * Decimal("0.6")).quantize(Decimal("0.01"))
    second_on = project.starts_on + timedelta(days=110)
    funding.add_tranche(
        project,
        staff,
        amount=first,
        partner=partner,
        conditions="Signature de la convention d'accompagnement",
        planned_on=project.starts_on,
        disbursed_on=project.starts_on + timedelta(days=7),
    )
    funding.add_tranche(
        project,
        staff,
        amount=package - first,
        partner=partner,
        conditions="Prototype testé dans un premier site",
        planned_on=second_on,
        disbursed_on=second_on + timedelta(days=10) if second_on < today else None,
    )
    return 2


def _outcome(project, staff, index) -> None:
    """The alumni finished long ago: deployed (100 % of the projects followed were, DOMAIN.md)
    or, one in five, scaled; recorded by the staff on the last day of their six months."""
    result = "scale" if index % 5 == 4 else "deploy"
    outcome.record_outcome(project, staff, result, sites=1 + index % 4)
    when = _at(project.ends_on, 17)
    past.set_dates(project, outcome_recorded_at=when)
    past.backdate(project, f"transition:{result}", when)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _journal(project, today, data) -> int:
    referent = project.referent
    team = list(project.team.all())
    mentors = list(project.mentors.all())
    for row in data["check_ins"]:
        journal.write_check_in(
            project,
            referent,
            kind=row["kind"],
            happens_at=_at(today - timedelta(days=row["days_ago"]), row["hour"]),
            participants=[referent, *team, *mentors[:1]],
            notes=row["notes"],
            decisions=row["decisions"],
            next_steps=row["next_steps"],
        )
    planned = data["planned_check_in"]
    journal.write_check_in(
        project,
        referent,
        kind=planned["kind"],
        happens_at=_at(today + timedelta(days=planned["in_days"]), planned["hour"]),
        participants=[referent, *team],
    )
    return len(data["check_ins"]) + 1


def _experts(project, today, rows) -> int:
    for row in rows:
        people.log_consultation(
            project,
            project.referent,
            expertise=row["expertise"],
            expert_name=row["expert_name"],
            consulted_on=today - timedelta(days=row["days_ago"]),
            hours=Decimal(row["hours"]),
            notes=row["notes"],
        )
    return len(rows)
