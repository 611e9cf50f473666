"""People around a project: its needs, referent and mentors, the experts consulted; for staff,
the mentor pool."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from .. import forms, queries
from ..models import (
    LaureateProject,
    MentorProfile,
    Skill,
)
from ..services import people
from ._common import MANAGE, PERMS, project_or_404


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
        "acceleration/people/people.html",
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
            refusal_into(request, error)
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
            refusal_into(request, error)
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
            refusal_into(form, error)
        else:
            messages.success(request, _("The consultation is recorded."))
            return redirect("acceleration:experts", slug=project.slug)
    consultations = queries.consultations_of(project)
    return render(
        request,
        "acceleration/people/experts.html",
        {
            "project": project,
            "form": form if can_log else None,
            "consultations": consultations,
            "total_hours": sum((c.hours for c in consultations), 0),
        },
    )


# --- Mentor pool (staff) ---------------------------------------------------------------------


@permission_required(MANAGE)
def mentor_pool(request):
    return render(
        request, "acceleration/people/mentor_pool.html", {"profiles": list(queries.mentor_pool())}
    )


def _save_profile(request, profile: MentorProfile | None):
    form = forms.MentorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = profile.person if profile else data.pop("person")
        data.pop("person", None)
        try:
            people.save_mentor_profile(person, request.user, **data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The mentor profile is saved."))
            return redirect("acceleration:mentor_pool")
    return render(
        request, "acceleration/people/mentor_form.html", {"form": form, "profile": profile}
    )


@permission_required(MANAGE)
def mentor_add(request):
    return _save_profile(request, None)


@permission_required(MANAGE)
def mentor_edit(request, pk):
    return _save_profile(
        request, get_object_or_404(MentorProfile.objects.select_related("person"), pk=pk)
    )
