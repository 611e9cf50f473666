"""The end of the six months: the outcome recorded (or reopened by staff), and the alumni's one
click to the innovation catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.catalogue.queries.submission import EDITABLE_STATES
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from .. import forms, queries
from ..models import (
    LaureateProject,
)
from ..services.outcome import publish_to_catalogue, record_outcome
from ._common import PERMS, project_or_404, project_url


@permission_required(PERMS["outcome"], LaureateProject, lookup="slug")
def outcome(request, slug):
    project = project_or_404(slug)
    if project.state != LaureateProject.State.ACCELERATING:
        messages.info(request, _("The outcome is already recorded."))
        return redirect(project_url(project, "outcome"))
    prefill = queries.suggested_site_count(project)
    form = forms.OutcomeForm(request.POST or None, initial={"sites": prefill or None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_outcome(
                project, request.user, data["outcome"], sites=data["sites"], lessons=data["lessons"]
            )
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect(project_url(project, "outcome"))
    return render(
        request,
        "acceleration/outcome/outcome.html",
        {"project": project, "form": form, "prefill": prefill},
    )


@require_POST
@permission_required(PERMS["reopen"], LaureateProject, lookup="slug")
def outcome_reopen(request, slug):
    project = project_or_404(slug)
    form = forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
    else:
        try:
            record_outcome(project, request.user, "reopen", lessons=form.cleaned_data["reason"])
        except ValidationError as error:
            refusal_into(request, error)
        else:
            messages.success(request, _("The project is back in acceleration."))
    return redirect(project_url(project, "outcome"))


@permission_required(PERMS["publish"], LaureateProject, lookup="slug")
def publish(request, slug):
    project = project_or_404(slug)
    if request.method == "POST":
        version = publish_to_catalogue(project, request.user)
        messages.success(
            request,
            _(
                "Your catalogue record is pre-filled from your project: check and complete each section."
            ),
        )
        if version.state in EDITABLE_STATES:
            return redirect("catalogue:draft_section", pk=version.pk, section="about")
        return redirect("catalogue:draft_check", pk=version.pk)
    return render(request, "acceleration/outcome/publish.html", {"project": project})
