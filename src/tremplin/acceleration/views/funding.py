"""The financial package of a project (tranches), and for staff the funding totals per cohort,
partner and programme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from .. import forms, queries
from ..models import (
    FundingTranche,
    LaureateProject,
)
from ..services import funding
from ._common import MANAGE, PERMS, project_or_404


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
            refusal_into(form, error)
        else:
            messages.success(request, _("The tranche is added."))
            return redirect("acceleration:funding", slug=project.slug)
    tranches = queries.tranches_of(project)
    return render(
        request,
        "acceleration/funding/funding.html",
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
            refusal_into(form, error)
        else:
            messages.success(request, _("The tranche is saved."))
            return redirect("acceleration:funding", slug=project.slug)
    return render(
        request,
        "acceleration/funding/tranche_form.html",
        {"project": project, "form": form, "tranche": tranche},
    )


@require_POST
@permission_required(PERMS["manage_funding"], LaureateProject, lookup="slug")
def tranche_remove(request, slug, pk):
    project = project_or_404(slug)
    funding.remove_tranche(get_object_or_404(FundingTranche, project=project, pk=pk), request.user)
    messages.success(request, _("The tranche is removed."))
    return redirect("acceleration:funding", slug=project.slug)


@permission_required(MANAGE)
def funding_totals(request):
    return render(request, "acceleration/funding/funding_totals.html", queries.funding_totals())
