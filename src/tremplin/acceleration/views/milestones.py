"""Milestones: a project's own milestones (added, changed, removed, their status changed) and
their deliverable files; for staff, the milestone templates of each programme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.models import Programme

from .. import forms, queries
from ..models import (
    LaureateProject,
    Milestone,
    MilestoneFile,
    MilestoneTemplate,
    Phase,
)
from ..services import milestones
from ._common import MANAGE, PERMS, project_or_404, project_url


def _milestone(project, pk) -> Milestone:
    return get_object_or_404(Milestone.objects.select_related("project"), project=project, pk=pk)


@permission_required(PERMS["edit_milestones"], LaureateProject, lookup="slug")
def milestone_add(request, slug):
    project = project_or_404(slug)
    form = forms.MilestoneForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            milestones.add_milestone(project, request.user, **form.cleaned_data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The milestone is added."))
            return redirect(project_url(project, "phases"))
    return render(
        request,
        "acceleration/milestones/milestone_form.html",
        {"project": project, "form": form, "milestone": None},
    )


@permission_required(PERMS["edit_milestones"], LaureateProject, lookup="slug")
def milestone_edit(request, slug, pk):
    project = project_or_404(slug)
    milestone = _milestone(project, pk)
    form = forms.MilestoneForm(request.POST or None, instance=milestone, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        milestone = _milestone(project, pk)  # the form changed the instance while cleaning
        try:
            milestones.change_milestone(milestone, request.user, **data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect(project_url(project, f"milestone-{milestone.pk}"))
    return render(
        request,
        "acceleration/milestones/milestone_form.html",
        {"project": project, "form": form, "milestone": milestone},
    )


@require_POST
@permission_required(PERMS["edit_milestones"], LaureateProject, lookup="slug")
def milestone_remove(request, slug, pk):
    project = project_or_404(slug)
    milestones.refire_milestone(_milestone(project, pk), request.user)
    messages.success(request, _("The milestone is removed."))
    return redirect(project_url(project, "phases"))


@require_POST
@permission_required(PERMS["work"], LaureateProject, lookup="slug")
def milestone_status(request, slug, pk):
    project = project_or_404(slug)
    milestone = _milestone(project, pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        try:
            milestones.fire_milestone(
                milestone,
                request.user,
                form.cleaned_data["transition"],
                form.cleaned_data["reason"],
            )
        except ValidationError as error:
            refusal_into(request, error)
        except PermissionDenied as error:  # says why (four eyes: one's own project)
            messages.error(request, str(error) or _("You are not allowed to do this."))
        else:
            messages.success(request, _("The milestone's status is changed."))
    return redirect(project_url(project, f"milestone-{milestone.pk}"))


@require_POST
@permission_required(PERMS["work"], LaureateProject, lookup="slug")
def milestone_file(request, slug, pk):
    project = project_or_404(slug)
    milestone = _milestone(project, pk)
    form = forms.FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to send."))
    else:
        try:
            milestones.attach_file(milestone, request.user, form.cleaned_data["file"])
        except ValidationError as error:
            refusal_into(request, error)
        else:
            messages.success(request, _("The file is added."))
    return redirect(project_url(project, f"milestone-{milestone.pk}"))


@permission_required("acceleration.view_project", LaureateProject, lookup="slug")
def milestone_file_download(request, slug, pk, file):
    project = project_or_404(slug)
    attached = get_object_or_404(
        MilestoneFile, pk=file, milestone__pk=pk, milestone__project=project
    )
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attached.original_name,
        content_type=attached.content_type,
    )


# --- Milestone templates (staff) -------------------------------------------------------------


@permission_required(MANAGE)
def templates(request):
    programmes = Programme.objects.order_by("slug")
    counts = {}
    for programme_id in MilestoneTemplate.objects.values_list("programme", flat=True):
        counts[programme_id] = counts.get(programme_id, 0) + 1
    rows = [(programme, counts.get(programme.pk, 0)) for programme in programmes]
    return render(request, "acceleration/milestones/templates.html", {"rows": rows})


@permission_required(MANAGE)
def template(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    form = forms.TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        milestones.add_template(programme, request.user, **form.cleaned_data)
        messages.success(request, _("The milestone is added to the template."))
        return redirect("acceleration:template", slug=programme.slug)
    rows = list(programme.milestone_templates.all())
    grouped = queries.group_by(rows, lambda t: t.phase)
    phases = [(label, grouped.get(value, [])) for value, label in Phase.choices]
    return render(
        request,
        "acceleration/milestones/template.html",
        {"programme": programme, "phases": phases, "form": form},
    )


@permission_required(MANAGE)
def template_edit(request, slug, pk):
    programme = get_object_or_404(Programme, slug=slug)
    item = get_object_or_404(MilestoneTemplate, programme=programme, pk=pk)
    form = forms.TemplateForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        milestones.change_template(MilestoneTemplate.objects.get(pk=item.pk), request.user, **data)
        messages.success(request, _("The milestone of the template is saved."))
        return redirect("acceleration:template", slug=programme.slug)
    return render(
        request,
        "acceleration/milestones/template_edit.html",
        {"programme": programme, "form": form, "item": item},
    )


@require_POST
@permission_required(MANAGE)
def template_remove(request, slug, pk):
    programme = get_object_or_404(Programme, slug=slug)
    milestones.remove_template(
        get_object_or_404(MilestoneTemplate, programme=programme, pk=pk), request.user
    )
    messages.success(
        request, _("The milestone is removed from the template; projects keep their copy.")
    )
    return redirect("acceleration:template", slug=programme.slug)
