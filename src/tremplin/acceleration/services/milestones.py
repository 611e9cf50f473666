"""The four phases' milestones: the programme's template (staff), each project's own copy
(added, changed, removed by the referent or staff), status moves and deliverable files."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.core import history, uploads
from tremplin.core.four_eyes import require

from .. import audit
from ..models import LaureateProject, Milestone, MilestoneFile, MilestoneTemplate
from ..workflow import MILESTONE_WORKFLOW
from ._common import name_of

MAX_UPLOAD_MB = uploads.DOCUMENT_MAX_MB


def add_template(
    programme, actor, *, phase, title, deliverables="", due_offset_days
) -> MilestoneTemplate:
    require(actor, "acceleration.manage")
    with transaction.atomic():
        template = MilestoneTemplate.objects.create(
            programme=programme,
            phase=phase,
            title=title.strip(),
            deliverables=deliverables.strip(),
            due_offset_days=due_offset_days,
        )
        history.record(template, audit.TEMPLATE_ADDED, actor, programme=programme.slug)
    return template


def change_template(template: MilestoneTemplate, actor, **fields) -> MilestoneTemplate:
    require(actor, "acceleration.manage")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(template, name, value.strip() if isinstance(value, str) else value)
        template.save()
        history.record(template, audit.TEMPLATE_CHANGED, actor)
    return template


def remove_template(template: MilestoneTemplate, actor) -> None:
    """Remove a milestone from the template; the projects' copies stay as they are."""
    require(actor, "acceleration.manage")
    with transaction.atomic():
        history.record(template, audit.TEMPLATE_REMOVED, actor, title=template.title)
        template.delete()


def _check_owner(project: LaureateProject, owner) -> None:
    if owner is None:
        return
    ids = set(project.team.values_list("pk", flat=True))
    ids |= {project.referent_id} if project.referent_id else set()
    if owner.pk not in ids:
        raise ValidationError({"owner": _("Choose a team member or the referent.")})


def add_milestone(
    project: LaureateProject, actor, *, phase, title, deliverables="", due_on: date, owner=None
) -> Milestone:
    require(actor, "acceleration.edit_milestones", project)
    _check_owner(project, owner)
    with transaction.atomic():
        milestone = Milestone.objects.create(
            project=project,
            phase=phase,
            title=title.strip(),
            deliverables=deliverables.strip(),
            due_on=due_on,
            owner=owner,
            owner_name=name_of(owner),
        )
        history.record(project, audit.MILESTONE_ADDED, actor, milestone=milestone.title)
    return milestone


def change_milestone(milestone: Milestone, actor, *, phase, title, deliverables, due_on, owner):
    project = milestone.project
    require(actor, "acceleration.edit_milestones", project)
    _check_owner(project, owner)
    with transaction.atomic():
        before = {
            "title": milestone.title,
            "due_on": str(milestone.due_on),
            "owner": milestone.owner_name,
        }
        milestone.phase, milestone.title = phase, title.strip()
        milestone.deliverables, milestone.due_on = deliverables.strip(), due_on
        milestone.owner, milestone.owner_name = owner, name_of(owner)
        milestone.save()
        after = {"title": milestone.title, "due_on": str(due_on), "owner": milestone.owner_name}
        history.record(project, audit.MILESTONE_CHANGED, actor, before=before, after=after)
    return milestone


def refire_milestone(milestone: Milestone, actor) -> None:
    project = milestone.project
    require(actor, "acceleration.edit_milestones", project)
    with transaction.atomic():
        history.record(project, audit.MILESTONE_REMOVED, actor, milestone=milestone.title)
        milestone.delete()


def fire_milestone(milestone: Milestone, actor, transition: str, reason: str = "") -> Milestone:
    """Fire a status transition (start, deliver, validate, reopen): checked and recorded by
    the milestone workflow (the project's history shows its milestones' entries too)."""
    return MILESTONE_WORKFLOW.fire(milestone, transition, actor, reason=reason)


def attach_file(milestone: Milestone, actor, uploaded) -> MilestoneFile:
    """A deliverable file, checked as every upload is (core.uploads: type read from the
    content, size limit, zip bombs refused)."""
    require(actor, "acceleration.work_on_milestones", milestone.project)
    try:
        checked = uploads.check(uploaded, max_mb=MAX_UPLOAD_MB)
    except uploads.UploadRefused as refused:
        raise ValidationError({"file": str(refused)}) from refused
    with transaction.atomic():
        uploaded.name = checked.name
        attached = MilestoneFile.objects.create(
            milestone=milestone,
            file=uploaded,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=actor,
            uploaded_by_name=name_of(actor),
        )
        history.record(
            milestone.project,
            audit.FILE_ADDED,
            actor,
            file=checked.name,
            milestone=milestone.title,
        )
    return attached
