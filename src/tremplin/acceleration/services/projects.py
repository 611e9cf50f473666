"""Cohorts and laureate projects: a call's selected applications become projects of their
season's cohort, each with its copy of the programme's milestones; internal notes. The end of
the six months is in `outcome`."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tremplin.accounts.models import Organisation
from tremplin.accounts.queries import organisation_for_forms
from tremplin.applications.models import Application, State
from tremplin.core import history
from tremplin.core.four_eyes import require
from tremplin.programmes.models import Question
from tremplin.reference.models import BusinessLine

from .. import audit
from ..dates import add_months
from ..models import Cohort, LaureateProject, Milestone, MilestoneTemplate

INSIDE_KINDS = {"establishment", "local_unit", "national_society"}


def cohort_for(programme, season, actor=None, *, starts_on: date | None = None) -> Cohort:
    """The cohort of `programme` in `season`, created on first use: it starts on `starts_on`
    (default today) and lasts the programme's duration."""
    cohort = Cohort.objects.filter(programme=programme, season=season).first()
    if cohort is not None:
        return cohort
    starts = starts_on or timezone.localdate()
    try:
        with transaction.atomic():
            cohort = Cohort.objects.create(
                programme=programme,
                season=season,
                starts_on=starts,
                ends_on=add_months(starts, programme.duration_months or 6) - timedelta(days=1),
            )
    except IntegrityError:  # created meanwhile by another request
        return Cohort.objects.get(programme=programme, season=season)
    history.record(cohort, audit.COHORT_CREATED, actor)
    return cohort


def change_cohort(cohort: Cohort, actor, *, starts_on: date, ends_on: date) -> Cohort:
    require(actor, "acceleration.manage")
    if ends_on <= starts_on:
        raise ValidationError(_("The end must come after the start."))
    with transaction.atomic():
        before = (str(cohort.starts_on), str(cohort.ends_on))
        cohort.starts_on, cohort.ends_on = starts_on, ends_on
        cohort.save(update_fields=["starts_on", "ends_on"])
        history.record(
            cohort,
            audit.COHORT_CHANGED,
            actor,
            before=list(before),
            after=[str(starts_on), str(ends_on)],
        )
    return cohort


def selected_applications(call):
    return (
        Application.objects.filter(call=call, state=State.SELECTED)
        .select_related("call__programme", "call__season", "region", "applicant")
        .order_by("title", "pk")
    )


def _track(application) -> str:
    audience = application.call.programme.audience
    if audience == "members":
        return LaureateProject.Track.INTRAPRENEUR
    if audience == "outsiders":
        return LaureateProject.Track.ENTREPRENEUR
    if application.organisation_kind in INSIDE_KINDS:
        return LaureateProject.Track.INTRAPRENEUR
    return LaureateProject.Track.ENTREPRENEUR


def _organisation(application):
    name = application.organisation_name.strip()
    if not name:
        return organisation_for_forms(application.applicant) if application.applicant else None
    found = Organisation.objects.filter(name__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    organisation, _created = Organisation.objects.get_or_create(
        name=name[:200],
        kind=application.organisation_kind or Organisation.Kind.ASSOCIATION,
        country="FR",
        defaults={"region": application.region},
    )
    return organisation


def _carried_over(application) -> tuple[str, list[str]]:
    """The summary (pitch, else solution, else need) and business lines of the answers."""
    texts, lines = {}, []
    for answer in application.answers.select_related("question"):
        value = answer.value
        if value in (None, "", []):
            continue
        if answer.question.kind == Question.Kind.BUSINESS_LINE:
            lines += [str(v) for v in (value if isinstance(value, list) else [value])]
        elif answer.question.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            texts.setdefault(answer.question.key, answer.text or str(value))
    summary = texts.get("pitch") or texts.get("summary") or texts.get("solution") or ""
    summary = summary or texts.get("need", "")
    return summary.strip()[:2000], lines


def _unique_slug(name: str, season_number: int) -> str:
    base = slugify(f"{name}-s{season_number}")[:70] or f"project-s{season_number}"
    slug, n = base, 2
    while LaureateProject.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_project_from_application(application, actor, cohort: Cohort) -> LaureateProject:
    """The laureate project of one selected application (idempotent: the existing project
    when there is one)."""
    require(actor, "acceleration.manage")
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__programme", "call__season", "applicant")
            .get(pk=application.pk)
        )
        existing = LaureateProject.objects.filter(application=application).first()
        if existing is not None:
            return existing
        if application.state != State.SELECTED:
            raise ValidationError(_("Only a selected application becomes a laureate project."))
        summary, line_codes = _carried_over(application)
        language = application.applicant.preferred_language if application.applicant else "fr"
        name = (application.title or application.reference)[:120]
        project = LaureateProject.objects.create(
            name=name,
            slug=_unique_slug(name, cohort.season.number),
            pitch={language: summary} if summary else {},
            season=cohort.season,
            programme=cohort.programme,
            cohort=cohort,
            application=application,
            track=_track(application),
            organisation=_organisation(application),
            region=application.region,
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
        )
        project.business_lines.set(BusinessLine.objects.filter(code__in=line_codes))
        team = [application.applicant_id] if application.applicant_id else []
        team += list(
            application.co_applicants.filter(
                accepted_at__isnull=False, person__isnull=False
            ).values_list("person_id", flat=True)
        )
        project.team.set(team)
        copy_template(project, actor)
        history.record(project, audit.PROJECT_CREATED, actor, application=application.pk)
    return project


def create_projects_from_call(call, actor) -> tuple[list[LaureateProject], int]:
    """The laureate projects of a call's selected applications, in the cohort of its programme
    and season. Idempotent: run twice, it creates nothing the second time. Returns the created
    projects and how many already existed."""
    require(actor, "acceleration.manage")
    cohort = cohort_for(call.programme, call.season, actor)
    created, existing = [], 0
    for application in selected_applications(call):
        if LaureateProject.objects.filter(application=application).exists():
            existing += 1
            continue
        created.append(create_project_from_application(application, actor, cohort))
    return created, existing


def copy_template(project: LaureateProject, actor) -> int:
    """Give the project its own copy of its programme's milestones (only when it has none)."""
    if project.milestones.exists():
        return 0
    templates = MilestoneTemplate.objects.filter(programme=project.programme_id)
    Milestone.objects.bulk_create(
        Milestone(
            project=project,
            template=template,
            phase=template.phase,
            title=template.title,
            deliverables=template.deliverables,
            due_on=project.starts_on + timedelta(days=template.due_offset_days),
        )
        for template in templates
    )
    return len(templates)


def save_internal_notes(project: LaureateProject, actor, text: str) -> LaureateProject:
    require(actor, "acceleration.edit_internal_notes", project)
    with transaction.atomic():
        LaureateProject.objects.filter(pk=project.pk).update(internal_notes=text)
        project.internal_notes = text
        history.record(project, audit.NOTES_CHANGED, actor)
    return project
