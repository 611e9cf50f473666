"""Pages of calls for projects: the public list and page of a call; the staff list, a new call,
a copy of a previous call, a call's settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.accounts.models import Organisation
from tremplin.core.permissions import permission_required

from .. import queries
from ..forms.calls import CallForm, CopyCallForm
from ..models import Season
from ..services import calls as services
from ._common import form_copy, manage_call, written


def call_list(request):
    now = timezone.now()
    return render(
        request,
        "programmes/calls/call_list.html",
        {
            "open_calls": list(queries.open_calls(now)),
            "upcoming_calls": list(queries.upcoming_calls(now)),
            "past_calls": list(queries.past_calls(now)[:30]),
        },
    )


def call_detail(request, slug):
    call = queries.call_by_slug(slug)
    if call is None:
        raise Http404
    kinds = dict(Organisation.Kind.choices)
    return render(
        request,
        "programmes/calls/call_detail.html",
        {
            "call": call,
            "programme": call.programme,
            "kinds": [kinds[k] for k in call.eligible_organisation_kinds if k in kinds],
        },
    )


# --- Staff pages ---------------------------------------------------------------------------------


@permission_required("programmes.manage_calls")
def staff_call_list(request):
    seasons = list(Season.objects.order_by("-number"))
    chosen = next((s for s in seasons if str(s.number) == request.GET.get("season")), None)
    return render(
        request,
        "programmes/calls/staff_call_list.html",
        {
            "calls": list(queries.staff_calls(chosen)),
            "seasons": seasons,
            "chosen_season": chosen,
            "section": "calls",
        },
    )


@permission_required("programmes.manage_calls")
def call_create(request):
    form = CallForm(request.POST or None)
    call = written(request, form, lambda data: services.create_call(request.user, **data))
    if call is not None:
        messages.success(
            request,
            _(
                "The call is created, with the questions every form needs and an "
                "eligibility checklist drawn from the programme's rules. Add its questions."
            ),
        )
        return redirect("programmes:form_builder", slug=call.slug)
    return render(request, "programmes/calls/call_form.html", {"form": form, "section": "calls"})


@permission_required("programmes.manage_calls")
def call_copy(request):
    initial = {}
    chosen = request.GET.get("source", "")
    source = queries.call_by_slug(chosen) if chosen else None
    if source is not None:
        initial = {"source": source.pk, "time_zone": source.time_zone}
    form = CopyCallForm(request.POST or None, initial=initial)
    call = written(
        request,
        form,
        lambda data: services.copy_call(data["source"], request.user, **form.call_fields()),
    )
    if call is not None:
        messages.success(
            request,
            _("The call is copied with its form and checklist: check them before it opens."),
        )
        return redirect("programmes:call_edit", slug=call.slug)
    return render(
        request,
        "programmes/calls/call_copy.html",
        {"form": form, "source": source, "section": "calls"},
    )


@manage_call
def call_edit(request, call):
    form = CallForm(request.POST or None, instance=form_copy(call))
    saved = written(request, form, lambda data: services.update_call(call, request.user, **data))
    if saved is not None:
        messages.success(request, _("The call is saved."))
        return redirect("programmes:call_edit", slug=call.slug)
    return render(
        request,
        "programmes/calls/call_form.html",
        {
            "form": form,
            "call": call,
            "history": queries.latest_history(call),
            "section": "calls",
            "call_section": "settings",
        },
    )
