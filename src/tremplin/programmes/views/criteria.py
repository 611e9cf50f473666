"""Staff pages of a call's eligibility checklist: the list, and each criterion added, changed,
deleted or moved."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries
from ..forms import MoveForm
from ..forms.criteria import CriterionForm
from ..models import Call, EligibilityCriterion
from ..services import criteria as services
from ._common import manage_call


def _criteria_page(call: Call, anchor: str = "") -> str:
    url = reverse("programmes:criterion_list", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


def _criterion(call: Call, criterion_pk) -> EligibilityCriterion:
    criterion = get_object_or_404(EligibilityCriterion, call=call, pk=criterion_pk)
    criterion.call = call
    return criterion


@manage_call
def criterion_list(request, call):
    return render(
        request,
        "programmes/criteria/criterion_list.html",
        {
            "call": call,
            "criteria": list(queries.call_criteria(call)),
            "form": CriterionForm(),
            "section": "calls",
            "call_section": "criteria",
        },
    )


@manage_call
def criterion_create(request, call):
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criterion = services.add_criterion(call, request.user, **form.cleaned_data)
        messages.success(request, _("The criterion is added."))
        return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
    return render(
        request,
        "programmes/criteria/criterion_form.html",
        {"form": form, "call": call, "section": "calls", "call_section": "criteria"},
    )


@manage_call
def criterion_edit(request, call, criterion_pk):
    criterion = _criterion(call, criterion_pk)
    form = CriterionForm(request.POST or None, instance=_criterion(call, criterion_pk))  # a copy
    if request.method == "POST" and form.is_valid():
        services.update_criterion(criterion, request.user, **form.cleaned_data)
        messages.success(request, _("The criterion is saved."))
        return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
    return render(
        request,
        "programmes/criteria/criterion_form.html",
        {
            "form": form,
            "call": call,
            "criterion": criterion,
            "section": "calls",
            "call_section": "criteria",
        },
    )


@manage_call
def criterion_delete(request, call, criterion_pk):
    criterion = _criterion(call, criterion_pk)
    refusal = services.criterion_deletion_refusal(criterion)
    if request.method == "POST" and refusal is None:
        services.delete_criterion(criterion, request.user)
        messages.success(request, _("The criterion is deleted."))
        return redirect(_criteria_page(call))
    return render(
        request,
        "programmes/confirm_delete.html",
        {
            "call": call,
            "title": _("Delete the criterion “%(criterion)s”?") % {"criterion": criterion},
            "refusal": refusal,
            "consequence": _("The criterion will be removed from the eligibility checklist."),
            "back": _criteria_page(call, f"criterion-{criterion.pk}"),
            "section": "calls",
            "call_section": "criteria",
        },
    )


@require_POST
@manage_call
def criterion_move(request, call, criterion_pk):
    criterion = _criterion(call, criterion_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_criterion(criterion, request.user, form.offset)
    return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
