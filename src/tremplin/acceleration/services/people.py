"""People around a project: the referent, mentors from the pool, experts consulted."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.accounts import services as account_services
from tremplin.accounts.models import Role
from tremplin.core import history
from tremplin.core.four_eyes import require

from .. import audit
from ..models import ExpertConsultation, LaureateProject, MentorProfile, Skill
from ._common import name_of


def set_referent(project: LaureateProject, actor, person) -> LaureateProject:
    """The referent follows the project: a person with the referent or staff role (None: no
    referent for now)."""
    require(actor, "acceleration.manage_people", project)
    if person is not None and not ({Role.REFERENT, Role.STAFF} & set(person.roles)):
        raise ValidationError({"referent": _("The referent must hold the referent or staff role.")})
    with transaction.atomic():
        before = name_of(project.referent) if project.referent_id else ""
        LaureateProject.objects.filter(pk=project.pk).update(referent=person)
        project.referent = person
        history.record(project, audit.REFERENT_SET, actor, before=before, after=name_of(person))
    return project


def save_mentor_profile(
    person,
    actor,
    *,
    kind,
    partner=None,
    business_lines=(),
    skills=(),
    available=True,
    max_projects=2,
    availability="",
) -> MentorProfile:
    """Add a person to the mentor pool or change their profile; the mentor role is granted."""
    require(actor, "acceleration.manage")
    if kind == MentorProfile.Kind.SPONSORSHIP and partner is None:
        raise ValidationError({"partner": _("Say which partner lends this person.")})
    unknown = set(skills) - set(Skill.values)
    if unknown:
        raise ValidationError({"skills": _("Choose skills from the list.")})
    with transaction.atomic():
        profile, created = MentorProfile.objects.update_or_create(
            person=person,
            defaults={
                "kind": kind,
                "partner": partner if kind == MentorProfile.Kind.SPONSORSHIP else None,
                "skills": sorted(set(skills)),
                "available": available,
                "max_projects": max_projects,
                "availability": availability.strip(),
            },
        )
        profile.business_lines.set(business_lines)
        if Role.MENTOR not in person.roles:
            account_services.grant_role(person, Role.MENTOR)
        history.record(
            profile,
            audit.MENTOR_ADDED if created else "acceleration:mentor_changed",
            actor,
        )
    return profile


def assign_mentor(project: LaureateProject, actor, person) -> None:
    require(actor, "acceleration.manage_people", project)
    if not MentorProfile.objects.filter(person=person).exists():
        raise ValidationError(_("This person is not in the mentor pool."))
    with transaction.atomic():
        if project.mentors.filter(pk=person.pk).exists():
            return
        project.mentors.add(person)
        project.__dict__.pop("_acceleration_mentors_ids", None)
        history.record(project, audit.MENTOR_ASSIGNED, actor, mentor=name_of(person))


def remove_mentor(project: LaureateProject, actor, person) -> None:
    require(actor, "acceleration.manage_people", project)
    with transaction.atomic():
        if not project.mentors.filter(pk=person.pk).exists():
            return
        project.mentors.remove(person)
        project.__dict__.pop("_acceleration_mentors_ids", None)
        history.record(project, audit.MENTOR_REMOVED, actor, mentor=name_of(person))


def set_needs(project: LaureateProject, actor, needs) -> LaureateProject:
    require(actor, "acceleration.edit_milestones", project)
    needs = sorted(set(needs) & set(Skill.values))
    with transaction.atomic():
        LaureateProject.objects.filter(pk=project.pk).update(needs=needs)
        project.needs = needs
        history.record(project, audit.NEEDS_CHANGED, actor, needs=needs)
    return project


def log_consultation(
    project: LaureateProject,
    actor,
    *,
    expertise,
    expert_name,
    consulted_on,
    hours: Decimal,
    notes="",
) -> ExpertConsultation:
    require(actor, "acceleration.log_experts", project)
    if hours is None or hours <= 0:
        raise ValidationError({"hours": _("The time spent must be more than zero.")})
    with transaction.atomic():
        consultation = ExpertConsultation.objects.create(
            project=project,
            expertise=expertise,
            expert_name=expert_name.strip(),
            consulted_on=consulted_on,
            hours=hours,
            notes=notes.strip(),
            recorded_by=actor,
            recorded_by_name=name_of(actor),
        )
        history.record(
            project,
            audit.EXPERT_CONSULTED,
            actor,
            expert=consultation.expert_name,
            hours=str(hours),
        )
    return consultation
