"""A laureate project's pages: the project page (each role sees what it may), its milestones,
deliverable files, journal, people, experts, funding, outcome and the alumni's one click to
the catalogue; and "my projects", the dashboard of the referent, mentor, team and staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from tremplin.core import history, pagination
from tremplin.core.permissions import permission_required

from .. import forms, queries
from ..models import (
    CheckIn,
    FundingTranche,
    LaureateProject,
    Milestone,
    MilestoneFile,
    Phase,
    Skill,
)
from ..services import funding, journal, milestones, people, projects
from ..workflow import MILESTONE_WORKFLOW, OUTCOME_WORKFLOW
from ._common import errors_into, project_or_404, project_url, refused

P = LaureateProject

PERMS = {
    "funding": "acceleration.view_funding",
    "notes": "acceleration.view_internal_notes",
    "edit_notes": "acceleration.edit_internal_notes",
    "edit_milestones": "acceleration.edit_milestones",
    "work": "acceleration.work_on_milestones",
    "journal": "acceleration.view_journal",
    "write_journal": "acceleration.write_journal",
    "experts": "acceleration.view_experts",
    "log_experts": "acceleration.log_experts",
    "people": "acceleration.manage_people",
    "manage_funding": "acceleration.manage_funding",
    "outcome": "acceleration.record_outcome",
    "reopen": "acceleration.reopen_outcome",
    "publish": "acceleration.publish_to_catalogue",
    "history": "acceleration.view_history",
    # The network's page of the project's experiments and suggested sites.
    "experiments": "network.view_project_experiments",
}


def _can(user, project) -> dict[str, bool]:
    return {key: user.has_perm(perm, project) for key, perm in PERMS.items()}


ACTIONS = {
    "acceleration:project_created": _lazy("Project created from the application"),
    "acceleration:notes_changed": _lazy("Internal notes changed"),
    "acceleration:milestone_added": _lazy("Milestone added"),
    "acceleration:milestone_changed": _lazy("Milestone changed"),
    "acceleration:milestone_removed": _lazy("Milestone removed"),
    "acceleration:file_added": _lazy("Deliverable file added"),
    "acceleration:check_in_written": _lazy("Check-in written"),
    "acceleration:check_in_changed": _lazy("Check-in changed"),
    "acceleration:referent_set": _lazy("Referent changed"),
    "acceleration:mentor_assigned": _lazy("Mentor assigned"),
    "acceleration:mentor_removed": _lazy("Mentor removed"),
    "acceleration:needs_changed": _lazy("Needs changed"),
    "acceleration:expert_consulted": _lazy("Expert consulted"),
    "acceleration:tranche_added": _lazy("Funding tranche added"),
    "acceleration:tranche_changed": _lazy("Funding tranche changed"),
    "acceleration:tranche_removed": _lazy("Funding tranche removed"),
    "acceleration:catalogue_draft": _lazy("Catalogue record prepared"),
    **history.ADMIN_ACTIONS,
}


def _labelled(entries):
    states = {**dict(Milestone.State.choices), **dict(LaureateProject.State.choices)}
    for entry in entries:
        if entry.action.startswith("transition:"):
            entry.label = _("Status: %(from)s → %(to)s") % {
                "from": states.get(entry.from_state, entry.from_state),
                "to": states.get(entry.to_state, entry.to_state),
            }
        else:
            entry.label = ACTIONS.get(entry.action, entry.action)
        detail = entry.data.get("milestone") or entry.data.get("mentor") or entry.data.get("file")
        entry.detail = detail or ""
    return entries


# --- My projects ------------------------------------------------------------------------------


@permission_required("acceleration.view_my_projects")
def my_projects(request):
    staff = queries.can_see_all(request.user)
    page = pagination.page_of(request, queries.dashboard_projects(request.user, staff=staff), 50)
    page.object_list = queries.with_phases(page.object_list)
    overdue = queries.overdue_milestones(request.user, staff=staff)
    return render(
        request,
        "acceleration/my_projects.html",
        {
            "page": page,
            "page_range": page.elided_range,
            "projects": page.object_list,
            "overdue": overdue,
            "staff": staff,
            "follows_projects": staff or "referent" in request.user.roles,
        },
    )


# --- The project page -------------------------------------------------------------------------


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
    return render(request, "acceleration/project.html", context)


@require_POST
@permission_required(PERMS["edit_notes"], LaureateProject, lookup="slug")
def save_notes(request, slug):
    project = project_or_404(slug)
    form = forms.NotesForm(request.POST)
    if form.is_valid():
        projects.save_internal_notes(project, request.user, form.cleaned_data["internal_notes"])
        messages.success(request, _("The internal notes are saved."))
    return redirect(project_url(project, "notes"))


# --- Milestones -------------------------------------------------------------------------------


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
            errors_into(form, error)
        else:
            messages.success(request, _("The milestone is added."))
            return redirect(project_url(project, "phases"))
    return render(
        request,
        "acceleration/milestone_form.html",
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
            errors_into(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect(project_url(project, f"milestone-{milestone.pk}"))
    return render(
        request,
        "acceleration/milestone_form.html",
        {"project": project, "form": form, "milestone": milestone},
    )


@require_POST
@permission_required(PERMS["edit_milestones"], LaureateProject, lookup="slug")
def milestone_remove(request, slug, pk):
    project = project_or_404(slug)
    milestones.remove_milestone(_milestone(project, pk), request.user)
    messages.success(request, _("The milestone is removed."))
    return redirect(project_url(project, "phases"))


@require_POST
@permission_required(PERMS["work"], LaureateProject, lookup="slug")
def milestone_move(request, slug, pk):
    project = project_or_404(slug)
    milestone = _milestone(project, pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        try:
            milestones.move_milestone(
                milestone,
                request.user,
                form.cleaned_data["transition"],
                form.cleaned_data["reason"],
            )
        except ValidationError as error:
            refused(request, error)
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
            refused(request, error)
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


# --- Journal ----------------------------------------------------------------------------------


def _check_in_initial(check_in: CheckIn | None) -> dict:
    if check_in is None:
        return {"happens_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)}
    return {
        "kind": check_in.kind,
        "happens_at": timezone.localtime(check_in.happens_at).replace(tzinfo=None),
        "participants": list(check_in.participants.all()),
        "participants_text": check_in.participants_text,
        "notes": check_in.notes,
        "decisions": check_in.decisions,
        "next_steps": check_in.next_steps,
    }


def _write_check_in(request, project, check_in):
    form = forms.CheckInForm(
        request.POST or None, project=project, initial=_check_in_initial(check_in)
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = journal.write_check_in(
                project, request.user, check_in=check_in, **form.cleaned_data
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The follow-up journal is saved."))
            return redirect(project_url(project, f"check-in-{saved.pk}")), form
    return None, form


@permission_required(PERMS["journal"], LaureateProject, lookup="slug")
def journal_page(request, slug):
    project = project_or_404(slug)
    can_write = request.user.has_perm(PERMS["write_journal"], project)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    done, form = _write_check_in(request, project, None) if can_write else (None, None)
    if done is not None:
        return done
    return render(
        request,
        "acceleration/journal.html",
        {"project": project, "form": form, "check_ins": queries.journal_of(project)},
    )


@permission_required(PERMS["write_journal"], LaureateProject, lookup="slug")
def check_in(request, slug, pk):
    project = project_or_404(slug)
    entry = get_object_or_404(CheckIn, project=project, pk=pk)
    if entry.state == CheckIn.State.CANCELLED:
        messages.error(request, _("This check-in is cancelled."))
        return redirect(project_url(project, f"check-in-{entry.pk}"))
    done, form = _write_check_in(request, project, entry)
    if done is not None:
        return done
    return render(
        request,
        "acceleration/check_in_form.html",
        {"project": project, "form": form, "check_in": entry},
    )


@require_POST
@permission_required(PERMS["write_journal"], LaureateProject, lookup="slug")
def check_in_cancel(request, slug, pk):
    project = project_or_404(slug)
    entry = get_object_or_404(CheckIn, project=project, pk=pk)
    try:
        journal.cancel_check_in(entry, request.user, request.POST.get("reason", ""))
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, _("The check-in is cancelled."))
    return redirect(project_url(project, "journal"))


# --- People -----------------------------------------------------------------------------------


@permission_required(PERMS["edit_milestones"], LaureateProject, lookup="slug")
def people_page(request, slug):
    project = project_or_404(slug)
    needs_form = forms.NeedsForm(request.POST or None, initial={"needs": project.needs})
    if request.method == "POST" and needs_form.is_valid():
        people.set_needs(project, request.user, needs_form.cleaned_data["needs"])
        messages.success(request, _("The project's needs are saved."))
        return redirect("acceleration:people", slug=project.slug)
    manage = request.user.has_perm(PERMS["people"], project)
    return render(
        request,
        "acceleration/people.html",
        {
            "project": project,
            "needs_form": needs_form,
            "manage": manage,
            "referent_form": forms.ReferentForm(
                candidates=queries.referent_candidates(), initial={"referent": project.referent_id}
            ),
            "suggestions": queries.suggested_mentors(project),
            "mentor_form": forms.MentorChoiceForm(),
            "skill_choices": Skill.choices,
        },
    )


@require_POST
@permission_required(PERMS["people"], LaureateProject, lookup="slug")
def referent_set(request, slug):
    project = project_or_404(slug)
    form = forms.ReferentForm(request.POST, candidates=queries.referent_candidates())
    if form.is_valid():
        try:
            people.set_referent(project, request.user, form.cleaned_data["referent"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("The referent is saved."))
    else:
        messages.error(request, _("Choose a person with the referent or staff role."))
    return redirect("acceleration:people", slug=project.slug)


@require_POST
@permission_required(PERMS["people"], LaureateProject, lookup="slug")
def mentor_assign(request, slug):
    project = project_or_404(slug)
    form = forms.MentorChoiceForm(request.POST)
    if form.is_valid():
        try:
            people.assign_mentor(project, request.user, form.cleaned_data["mentor"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("The mentor is assigned."))
    else:
        messages.error(request, _("Choose a mentor of the pool."))
    return redirect("acceleration:people", slug=project.slug)


@require_POST
@permission_required(PERMS["people"], LaureateProject, lookup="slug")
def mentor_remove(request, slug):
    project = project_or_404(slug)
    form = forms.MentorChoiceForm(request.POST)
    if form.is_valid():
        people.remove_mentor(project, request.user, form.cleaned_data["mentor"])
        messages.success(request, _("The mentor no longer follows this project."))
    return redirect("acceleration:people", slug=project.slug)


# --- Experts ----------------------------------------------------------------------------------


@permission_required(PERMS["experts"], LaureateProject, lookup="slug")
def experts(request, slug):
    project = project_or_404(slug)
    can_log = request.user.has_perm(PERMS["log_experts"], project)
    if request.method == "POST" and not can_log:
        raise PermissionDenied
    form = forms.ConsultationForm(
        request.POST or None, initial={"consulted_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            people.log_consultation(project, request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The consultation is recorded."))
            return redirect("acceleration:experts", slug=project.slug)
    consultations = queries.consultations_of(project)
    return render(
        request,
        "acceleration/experts.html",
        {
            "project": project,
            "form": form if can_log else None,
            "consultations": consultations,
            "total_hours": sum((c.hours for c in consultations), 0),
        },
    )


# --- Funding ----------------------------------------------------------------------------------


@permission_required(PERMS["funding"], LaureateProject, lookup="slug")
def funding_page(request, slug):
    project = project_or_404(slug)
    manage = request.user.has_perm(PERMS["manage_funding"], project)
    if request.method == "POST" and not manage:
        raise PermissionDenied
    form = forms.TrancheForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            funding.add_tranche(project, request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The tranche is added."))
            return redirect("acceleration:funding", slug=project.slug)
    tranches = queries.tranches_of(project)
    return render(
        request,
        "acceleration/funding.html",
        {
            "project": project,
            "form": form if manage else None,
            "manage": manage,
            "tranches": tranches,
            "funding": queries.funding_summary(tranches),
        },
    )


@permission_required(PERMS["manage_funding"], LaureateProject, lookup="slug")
def tranche_edit(request, slug, pk):
    project = project_or_404(slug)
    tranche = get_object_or_404(FundingTranche, project=project, pk=pk)
    initial = {
        "amount": tranche.amount,
        "partner": tranche.partner_id,
        "conditions": tranche.conditions,
        "planned_on": tranche.planned_on,
        "disbursed_on": tranche.disbursed_on,
    }
    form = forms.TrancheForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            funding.change_tranche(tranche, request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The tranche is saved."))
            return redirect("acceleration:funding", slug=project.slug)
    return render(
        request,
        "acceleration/tranche_form.html",
        {"project": project, "form": form, "tranche": tranche},
    )


@require_POST
@permission_required(PERMS["manage_funding"], LaureateProject, lookup="slug")
def tranche_remove(request, slug, pk):
    project = project_or_404(slug)
    funding.remove_tranche(get_object_or_404(FundingTranche, project=project, pk=pk), request.user)
    messages.success(request, _("The tranche is removed."))
    return redirect("acceleration:funding", slug=project.slug)


# --- Outcome and alumni -----------------------------------------------------------------------


@permission_required(PERMS["outcome"], LaureateProject, lookup="slug")
def outcome(request, slug):
    project = project_or_404(slug)
    if project.state != P.State.ACCELERATING:
        messages.info(request, _("The outcome is already recorded."))
        return redirect(project_url(project, "outcome"))
    prefill = projects.suggested_site_count(project)
    form = forms.OutcomeForm(request.POST or None, initial={"sites": prefill or None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            projects.record_outcome(
                project, request.user, data["outcome"], sites=data["sites"], lessons=data["lessons"]
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect(project_url(project, "outcome"))
    return render(
        request,
        "acceleration/outcome.html",
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
            projects.record_outcome(
                project, request.user, "reopen", lessons=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("The project is back in acceleration."))
    return redirect(project_url(project, "outcome"))


@permission_required(PERMS["publish"], LaureateProject, lookup="slug")
def publish(request, slug):
    project = project_or_404(slug)
    if request.method == "POST":
        version = projects.publish_to_catalogue(project, request.user)
        messages.success(
            request,
            _(
                "Your catalogue record is pre-filled from your project: check and complete each section."
            ),
        )
        from tremplin.catalogue.queries.submission import EDITABLE_STATES

        if version.state in EDITABLE_STATES:
            return redirect("catalogue:draft_section", pk=version.pk, section="about")
        return redirect("catalogue:draft_check", pk=version.pk)
    return render(request, "acceleration/publish.html", {"project": project})
