"""The end of the six months: the outcome recorded (deployed in N sites, scaled, stopped) or
reopened by staff, and publishing an alumni project to the innovation catalogue."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.catalogue.models import MAX_THEMES, Innovation
from tremplin.catalogue.queries import submission as catalogue_queries
from tremplin.catalogue.services import submission
from tremplin.core import history
from tremplin.core.four_eyes import require

from .. import audit
from ..models import LaureateProject
from ..workflow import OUTCOME_WORKFLOW


def record_outcome(
    project: LaureateProject,
    actor,
    outcome: str,
    *,
    sites: int | None = None,
    lessons: str = "",
) -> LaureateProject:
    """Record the end of the six months: deployed in N sites, scaled, or stopped (lessons
    learnt required); `reopen` (staff) goes back to acceleration."""
    lessons = (lessons or "").strip()
    if outcome == "deploy" and not sites:
        raise ValidationError(_("Say in how many sites the solution is deployed."))
    with transaction.atomic():
        locked = OUTCOME_WORKFLOW.fire(
            project,
            outcome,
            actor,
            reason=lessons if outcome in ("stop", "reopen") else "",
            sites=sites,
            lessons=lessons,
        )
        if outcome == "reopen":
            locked.outcome_recorded_at = None
        else:
            locked.outcome_recorded_at = timezone.now()
            if sites is not None:
                locked.deployed_sites = sites
            if lessons:
                locked.lessons = lessons
        locked.save(update_fields=["outcome_recorded_at", "deployed_sites", "lessons"])
    project.refresh_from_db()
    return project


def publish_to_catalogue(project: LaureateProject, actor):
    """One click for alumni: the project's catalogue draft, pre-filled from its application
    when there is one, from the project itself otherwise. Idempotent: the existing record's
    latest version comes back."""
    require(actor, "acceleration.publish_to_catalogue", project)
    with transaction.atomic():
        project = LaureateProject.objects.select_for_update().get(pk=project.pk)
        if project.innovation_id:
            return catalogue_queries.latest_version(project.innovation)
        application = project.application
        if application is not None and actor.has_perm(
            "catalogue.start_from_application", application
        ):
            version = submission.start_from_application(application, actor)
        else:
            version = submission.start_draft(actor, actor.preferred_language or "fr")
            texts = {"title": project.name[:200]}
            pitch = project.pitch.shown(version.original_language).text if project.pitch else ""
            if pitch:
                texts["pitch"] = pitch[:300]
            values = {"country": "FR"} if project.region_id else {}
            if project.organisation_id:
                values["carrying_organisation"] = project.organisation.name[:200]
            lines = list(project.business_lines.all())[:MAX_THEMES]
            version = submission.save_fields(
                version, actor, texts=texts, values=values, themes=lines
            )
        project.innovation = Innovation.objects.get(pk=version.innovation_id)
        project.save(update_fields=["innovation"])
        history.record(project, audit.CATALOGUE_DRAFT, actor, version=version.pk)
    return version
