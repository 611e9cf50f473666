"""Pages of the committee's decisions once taken: the decision messages (previewed, then sent once) and the waiting list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.queries import call_by_slug

from ..forms.decisions import PromoteForm, SendDecisionsForm, WithdrawingForm
from ..models import Decision
from ..queries import decisions as queries
from ..services import decisions as services
from .meeting import SEND

# --- Decision messages -------------------------------------------------------------------------


@permission_required(SEND, lookup="slug", load=call_by_slug)
def decision_messages(request, call):
    previews = queries.decision_previews(call)
    return render(
        request,
        "selection/decisions/messages.html",
        {
            "call": call,
            "previews": previews,
            "languages": queries.languages_count(previews),
            "message_count": sum(len(p.messages) for p in previews),
            "form": SendDecisionsForm(decision_ids=[p.decision.pk for p in previews]),
            "told_count": Decision.objects.filter(
                application__call=call, notified_at__isnull=False
            ).count(),
        },
    )


@require_POST
@permission_required(SEND, lookup="slug", load=call_by_slug)
def send_decision_messages(request, call):
    # Exactly the decisions the page previewed; those told in the meantime are skipped.
    previewed = [int(pk) for pk in request.POST.getlist("decisions") if pk.isdigit()]
    sent = services.send_decision_messages(call, request.user, previewed)
    if sent:
        messages.success(
            request,
            ngettext(
                "%(count)s decision told: the messages are being sent.",
                "%(count)s decisions told: the messages are being sent.",
                sent,
            )
            % {"count": sent},
        )
    else:
        messages.info(request, _("Nothing to send: these decisions were already told."))
    return redirect("selection:decision_messages", slug=call.slug)


# --- Waiting list ------------------------------------------------------------------------------


def _withdrawing_form(decision, data=None):
    return WithdrawingForm(data, prefix=f"decision-{decision.pk}")


@permission_required(SEND, lookup="slug", load=call_by_slug)
def waiting_list(request, call):
    return _render_waiting_list(request, call)


def _render_waiting_list(request, call, bound=None, status=200):
    state = queries.waiting_list(call)
    for decision in state.laureates:
        decision.withdrawing_form = (
            bound
            if bound is not None and bound.prefix == f"decision-{decision.pk}"
            else _withdrawing_form(decision)
        )
    first = state.waiting[0] if state.waiting else None
    for vacancy in state.vacancies:
        vacancy.form = (
            PromoteForm(initial={"vacancy": vacancy.decision.pk, "expected": first.application_id})
            if first
            else None
        )
    return render(
        request,
        "selection/decisions/waiting_list.html",
        {"call": call, "state": state, "first": first},
        status=status,
    )


def _decision_of(call, pk) -> Decision:
    return get_object_or_404(
        Decision.objects.select_related("application__call"), pk=pk, application__call=call
    )


@require_POST
@permission_required(SEND, lookup="slug", load=call_by_slug)
def mark_withdrawing(request, call, decision):
    laureate = _decision_of(call, decision)
    form = _withdrawing_form(laureate, request.POST)
    if not form.is_valid():
        return _render_waiting_list(request, call, bound=form, status=400)
    try:
        services.mark_withdrawing(laureate, request.user, form.cleaned_data["reason"])
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(
            request,
            _("%(project)s is marked as withdrawing: its place can go to the waiting list.")
            % {"project": laureate.application},
        )
    return redirect("selection:waiting_list", slug=call.slug)


@require_POST
@permission_required(SEND, lookup="slug", load=call_by_slug)
def promote(request, call):
    form = PromoteForm(request.POST)
    if not form.is_valid():
        raise Http404
    vacancy = _decision_of(call, form.cleaned_data["vacancy"])
    try:
        promoted = services.promote(
            call, request.user, vacancy, expected_pk=form.cleaned_data["expected"]
        )
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(
            request,
            _(
                "%(project)s is selected in place of %(laureate)s. Send the decision message "
                "from the decision messages page."
            )
            % {"project": promoted.application, "laureate": vacancy.application},
        )
    return redirect("selection:waiting_list", slug=call.slug)
