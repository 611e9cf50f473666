"""Laureate projects: "my projects" (the dashboard of the referent, mentor, team and staff),
the project page (each role sees what it may) and its internal notes; and for staff, the
cohorts and creating the laureate projects of a call's selected applications."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.core import history, pagination
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.models import Call

from .. import forms, queries
from ..models import (
    Cohort,
    LaureateProject,
    Milestone,
    Phase,
)
from ..services import projects
from ..workflow import MILESTONE_WORKFLOW, OUTCOME_WORKFLOW
from ._common import MANAGE, PERMS, project_or_404, project_url


def _can(user, project) -> dict[str, bool]:
    return {key: user.has_perm(perm, project) for key, perm in PERMS.items()}


def _labelled(entries):
    """The project's and its milestones' entries (several objects: not core.history.described),
    labelled as acceleration/audit.py declares, a status change with its two states."""
    states = {**dict(Milestone.State.choices), **dict(LaureateProject.State.choices)}
    for entry in entries:
        if entry.action.startswith(history.TRANSITION):
            entry.label = _("Status: %(from)s → %(to)s") % {
                "from": states.get(entry.from_state, entry.from_state),
                "to": states.get(entry.to_state, entry.to_state),
            }
        else:
            entry.label = history.label_of(entry.action)
        detail = entry.data.get("milestone") or entry.data.get("mentor") or entry.data.get("file")
        entry.detail = detail or ""
    return entries


# --- My projects and the project page ---------------------------------------------------------


@permission_required("acceleration.view_my_projects")
def my_projects(request):
    staff = queries.can_see_all(request.user)
    page = pagination.page_of(request, queries.dashboard_projects(request.user, staff=staff), 50)
    page.object_list = queries.with_phases(page.object_list)
    overdue = queries.overdue_milestones(request.user, staff=staff)
    return render(
        request,
        "acceleration/projects/my_projects.html",
        {
            "page": page,
            "page_range": page.elided_range,
            "projects": page.object_list,
            "overdue": overdue,
            "staff": staff,
            "follows_projects": staff or "referent" in request.user.roles,
        },
    )


@permission_required("acceleration.view_project", LaureateProject, lookup="slug")
def project(request, slug):
    project = project_or_404(slug)
    can = _can(request.user, project)
    milestone_list = queries.milestones_of(project)
    today = timezone.localdate()
    for milestone in milestone_list:
        milestone.project = project  # one project object: rules read its people once
        milestone.overdue = milestone.is_overdue(today)
        milestone.moves = MILESTONE_WORKFLOW.available(milestone, request.user)
    phase = queries.current_phase(milestone_list)
    check_ins = queries.journal_of(project) if can["journal"] else []
    tranches = queries.tranches_of(project) if can["funding"] else []
    context = {
        "project": project,
        "can": can,
        "phases": queries.phases_of(project, milestone_list),
        "current_phase": Phase(phase).label if phase else "",
        "overdue": [m for m in milestone_list if m.overdue],
        "check_ins": check_ins,
        "last_check_in": queries.last_check_in(check_ins),
        "next_check_in": queries.next_check_in(check_ins),
        "consultations": queries.consultations_of(project) if can["experts"] else [],
        "tranches": tranches,
        "funding": queries.funding_summary(tranches),
        "history": _labelled(queries.history_of_project(project, [m.pk for m in milestone_list]))
        if can["history"]
        else [],
        "notes_form": forms.NotesForm(initial={"internal_notes": project.internal_notes}),
        "file_form": forms.FileForm(),
        "outcome_moves": OUTCOME_WORKFLOW.available(project, request.user),
    }
    return render(request, "acceleration/projects/project.html", context)


@require_POST
@permission_required(PERMS["edit_notes"], LaureateProject, lookup="slug")
def save_notes(request, slug):
    project = project_or_404(slug)
    form = forms.NotesForm(request.POST)
    if form.is_valid():
        projects.save_internal_notes(project, request.user, form.cleaned_data["internal_notes"])
        messages.success(request, _("The internal notes are saved."))
    return redirect(project_url(project, "notes"))


# --- Cohorts (staff) -------------------------------------------------------------------------


@permission_required(MANAGE)
def cohorts(request):
    rows = list(queries.cohorts())
    funding = queries.cohort_funding([c.pk for c in rows])
    for cohort in rows:
        cohort.funding = funding.get(cohort.pk, {"total": 0, "disbursed": 0})
    calls = Call.objects.select_related("programme", "season").order_by(
        "-season__number", "programme__slug"
    )
    return render(request, "acceleration/projects/cohorts.html", {"cohorts": rows, "calls": calls})


@permission_required(MANAGE)
def cohort(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("programme", "season"), pk=pk)
    form = forms.CohortDatesForm(
        request.POST or None, initial={"starts_on": cohort.starts_on, "ends_on": cohort.ends_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            projects.change_cohort(cohort, request.user, **form.cleaned_data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The cohort's dates are saved."))
            return redirect("acceleration:cohort", pk=cohort.pk)
    rows = queries.cohort_projects(cohort)
    totals = queries.cohort_funding([cohort.pk]).get(cohort.pk, {"total": 0, "disbursed": 0})
    return render(
        request,
        "acceleration/projects/cohort.html",
        {"cohort": cohort, "projects": rows, "form": form, "totals": totals},
    )


@permission_required(MANAGE)
def create_from_call(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme", "season"), slug=slug)
    if request.method == "POST":
        created, existing = projects.create_projects_from_call(call, request.user)
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)d laureate project created.",
                    "%(count)d laureate projects created.",
                    len(created),
                )
                % {"count": len(created)},
            )
        else:
            messages.info(
                request, _("Nothing to create: every selected application already has its project.")
            )
        cohort = Cohort.objects.filter(programme=call.programme, season=call.season).first()
        return redirect("acceleration:cohort", pk=cohort.pk)
    applications = list(projects.selected_applications(call))
    existing = dict(
        LaureateProject.objects.filter(application__in=applications).values_list(
            "application_id", "slug"
        )
    )
    for application in applications:
        application.project_slug = existing.get(application.pk)
    return render(
        request,
        "acceleration/projects/create_from_call.html",
        {
            "call": call,
            "applications": applications,
            "to_create": sum(1 for a in applications if not a.project_slug),
        },
    )
