"""The programme's staff pages: cohorts and their projects, creating the laureate projects of a
call's selected applications, milestone templates per programme, the mentor pool, and the
funding totals per cohort, partner and programme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.programmes.models import Call, Programme

from .. import forms, queries
from ..models import Cohort, LaureateProject, MentorProfile, MilestoneTemplate, Phase
from ..services import milestones, people, projects
from ._common import errors_into

MANAGE = "acceleration.manage"


@permission_required(MANAGE)
def cohorts(request):
    rows = list(queries.cohorts())
    funding = queries.cohort_funding([c.pk for c in rows])
    for cohort in rows:
        cohort.funding = funding.get(cohort.pk, {"total": 0, "disbursed": 0})
    calls = Call.objects.select_related("programme", "season").order_by(
        "-season__number", "programme__slug"
    )
    return render(request, "acceleration/cohorts.html", {"cohorts": rows, "calls": calls})


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
            errors_into(form, error)
        else:
            messages.success(request, _("The cohort's dates are saved."))
            return redirect("acceleration:cohort", pk=cohort.pk)
    rows = queries.cohort_projects(cohort)
    totals = queries.cohort_funding([cohort.pk]).get(cohort.pk, {"total": 0, "disbursed": 0})
    return render(
        request,
        "acceleration/cohort.html",
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
        "acceleration/create_from_call.html",
        {
            "call": call,
            "applications": applications,
            "to_create": sum(1 for a in applications if not a.project_slug),
        },
    )


# --- Milestone templates -------------------------------------------------------------------


@permission_required(MANAGE)
def templates(request):
    programmes = Programme.objects.order_by("slug")
    counts = {}
    for programme_id in MilestoneTemplate.objects.values_list("programme", flat=True):
        counts[programme_id] = counts.get(programme_id, 0) + 1
    rows = [(programme, counts.get(programme.pk, 0)) for programme in programmes]
    return render(request, "acceleration/templates.html", {"rows": rows})


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
        "acceleration/template.html",
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
        "acceleration/template_edit.html",
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


# --- Mentor pool ---------------------------------------------------------------------------


@permission_required(MANAGE)
def mentor_pool(request):
    return render(
        request, "acceleration/mentor_pool.html", {"profiles": list(queries.mentor_pool())}
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
            errors_into(form, error)
        else:
            messages.success(request, _("The mentor profile is saved."))
            return redirect("acceleration:mentor_pool")
    return render(request, "acceleration/mentor_form.html", {"form": form, "profile": profile})


@permission_required(MANAGE)
def mentor_add(request):
    return _save_profile(request, None)


@permission_required(MANAGE)
def mentor_edit(request, pk):
    return _save_profile(
        request, get_object_or_404(MentorProfile.objects.select_related("person"), pk=pk)
    )


# --- Funding totals ------------------------------------------------------------------------


@permission_required(MANAGE)
def funding_totals(request):
    return render(request, "acceleration/funding_totals.html", queries.funding_totals())
