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
    CheckIn,
    Cohort,
    ExpertConsultation,
    FundingTranche,
    LaureateProject,
    MentorProfile,
    Milestone,
    MilestoneTemplate,
)
from tremplin.accounts import services as account_services
from tremplin.accounts.models import Organisation, Person, Role
from tremplin.demo import files
from tremplin.demo.accounts import create_demo_person
from tremplin.programmes.models import Programme
from tremplin.reference.models import BusinessLine


def load_laureates(programmes, seasons, organisations, regions, people) -> int:
    """The named laureates of seasons 1 and 2 (data/laureates.json), with their referents and
    mentors in turn."""
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
    today = timezone.localdate()
    organisations = {o.name: o for o in Organisation.objects.filter(kind=Organisation.Kind.PARTNER)}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    templates = _templates()
    mentors = _mentor_pool(password, organisations, lines)

    cohorts: dict[tuple[int, int], Cohort] = {}
    projects = list(
        LaureateProject.objects.select_related("programme", "season", "referent").prefetch_related(
            "team", "programme__partners"
        )
    )
    milestones = tranches = 0
    for index, project in enumerate(projects):
        key = (project.programme_id, project.season_id)
        if key not in cohorts:
            cohorts[key] = Cohort.objects.create(
                programme=project.programme,
                season=project.season,
                starts_on=project.starts_on,
                ends_on=project.ends_on,
            )
        project.cohort = cohorts[key]
        if project.name == "Minutis":
            project.starts_on = today - timedelta(days=75)
            project.ends_on = project.starts_on + timedelta(days=183)
            project.needs = ["digital", "operations", "legal"]
            project.internal_notes = (
                "Équipe très investie; vigilance sur la disponibilité des bénévoles "
                "pendant l'été. Piste de financement complémentaire auprès de la direction "
                "de l'urgence."
            )
        else:
            project.state = (
                LaureateProject.State.SCALED if index % 5 == 4 else LaureateProject.State.DEPLOYED
            )
            project.deployed_sites = 1 + index % 4
            project.outcome_recorded_at = timezone.make_aware(
                datetime.combine(project.ends_on, time(17))
            )
        project.save()
        milestones += _milestones(project, templates, today)
        tranches += _funding(project, today)
    minutis = next(p for p in projects if p.name == "Minutis")
    check_ins = _journal(minutis, today)
    consultations = _experts(minutis, today)
    return {
        "cohorts": len(cohorts),
        "milestones": milestones,
        "check-ins": check_ins,
        "funding tranches": tranches,
        "mentors in the pool": len(mentors),
        "expert consultations": consultations,
    }


def _templates() -> dict[int, list[MilestoneTemplate]]:
    rows = files.read("milestones")
    result = {}
    for programme in Programme.objects.all():
        result[programme.pk] = MilestoneTemplate.objects.bulk_create(
            MilestoneTemplate(
                programme=programme,
                phase=row["phase"],
                title=row["title"],
                deliverables=row["deliverables"],
                due_offset_days=row["due_days_after_start"],
            )
            for row in rows
        )
    return result


def _mentor_pool(password, organisations, lines) -> list[MentorProfile]:
    society = Organisation.objects.get(name="Croix-Rouge française")
    profiles = []
    for row in files.read("mentors"):
        partner = row["partner"]
        person = Person.objects.filter(email=row["email"]).first()
        if person is None:
            person = create_demo_person(
                row["email"],
                row["full_name"],
                password,
                language=row["language"],
                organisation=organisations.get(partner) or society,
            )
            account_services.grant_role(person, Role.MENTOR)
        profile = MentorProfile.objects.create(
            person=person,
            kind=row["kind"],
            partner=organisations.get(partner) if partner else None,
            skills=row["skills"],
            availability=row["availability"],
            max_projects=3,
        )
        profile.business_lines.set([lines[c] for c in row["business_lines"] if c in lines])
        profiles.append(profile)
    return profiles


def _milestones(project, templates, today) -> int:
    team = list(project.team.all())
    owner = team[0] if team else project.referent
    rows = []
    for template in templates[project.programme_id]:
        due = project.starts_on + timedelta(days=template.due_offset_days)
        if project.name != "Minutis" or template.due_offset_days <= 30:
            state = Milestone.State.VALIDATED
        elif template.due_offset_days == 50:
            state = Milestone.State.IN_PROGRESS  # due 25 days ago: the overdue milestone
        else:
            state = Milestone.State.PLANNED
        rows.append(
            Milestone(
                project=project,
                template=template,
                phase=template.phase,
                title=template.title,
                deliverables=template.deliverables,
                due_on=due,
                owner=owner,
                owner_name=str(owner) if owner else "",
                state=state,
            )
        )
    Milestone.objects.bulk_create(rows)
    return len(rows)


def _funding(project, today) -> int:
    """The programme's financial package in two tranches: 60 % at the start, 40 % once the
    prototype is tested; paid by the programme's partner, or the accelerator itself."""
    package = project.programme.financial_package or Decimal("10000")
    partners = list(project.programme.partners.all())
    partner = partners[project.pk % len(partners)] if partners else None
    first = (package * Decimal("0.6")).quantize(Decimal("0.01"))
    second_on = project.starts_on + timedelta(days=110)
    FundingTranche.objects.bulk_create(
        [
            FundingTranche(
                project=project,
                amount=first,
                partner=partner,
                conditions="Signature de la convention d'accompagnement",
                planned_on=project.starts_on,
                disbursed_on=project.starts_on + timedelta(days=7),
            ),
            FundingTranche(
                project=project,
                amount=package - first,
                partner=partner,
                conditions="Prototype testé dans un premier site",
                planned_on=second_on,
                disbursed_on=second_on + timedelta(days=10) if second_on < today else None,
            ),
        ]
    )
    return 2


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _journal(project, today) -> int:
    referent = project.referent
    team = list(project.team.all())
    mentors = list(project.mentors.all())
    entries = [
        (
            today - timedelta(days=40),
            CheckIn.Kind.MEETING,
            "Lancement de la phase de conception avec l'équipe et la direction de l'urgence.",
            "Cibler d'abord les postes de commandement départementaux.",
            "Maquettes des écrans de suivi des équipes pour le prochain point.",
        ),
        (
            today - timedelta(days=6),
            CheckIn.Kind.CHECK_IN,
            "Les maquettes sont prêtes à moitié; la connexion radio reste à étudier.",
            "Reporter la conception détaillée de deux semaines; consulter un juriste sur les "
            "données des victimes.",
            "Rendez-vous avec le délégué à la protection des données; choisir deux sites "
            "d'expérimentation.",
        ),
    ]
    for day, kind, notes, decisions, next_steps in entries:
        entry = CheckIn.objects.create(
            project=project,
            kind=kind,
            happens_at=_at(day, 10),
            state=CheckIn.State.HELD,
            notes=notes,
            decisions=decisions,
            next_steps=next_steps,
            author=referent,
            author_name=str(referent),
        )
        entry.participants.set([referent, *team, *mentors[:1]])
    planned = CheckIn.objects.create(
        project=project,
        kind=CheckIn.Kind.CHECK_IN,
        happens_at=_at(today + timedelta(days=1), 14),
        author=referent,
        author_name=str(referent),
    )
    planned.participants.set([referent, *team])
    return len(entries) + 1


def _experts(project, today) -> int:
    ExpertConsultation.objects.bulk_create(
        [
            ExpertConsultation(
                project=project,
                expertise="legal",
                expert_name="Maître Claire Vasseur",
                consulted_on=today - timedelta(days=4),
                hours=Decimal("1.50"),
                notes="Données de santé des victimes: base légale et durée de conservation.",
                recorded_by=project.referent,
                recorded_by_name=str(project.referent),
            ),
            ExpertConsultation(
                project=project,
                expertise="finance",
                expert_name="Fondation Devoteam (mécénat de compétences)",
                consulted_on=today - timedelta(days=20),
                hours=Decimal("2.00"),
                notes="Coût de l'hébergement et des licences radio.",
                recorded_by=project.referent,
                recorded_by_name=str(project.referent),
            ),
        ]
    )
    return 2
