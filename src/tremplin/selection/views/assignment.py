"""The reviewer assignment page (staff): runs of the solver, pinned and forbidden pairs, assignments by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.applications.models import Application
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.queries import call_by_slug

from ..forms.assignment import PairForm
from ..models import Assignment, AssignmentRule, CommitteeMember
from ..queries import assignment as queries
from ..services import assignment as services
from .committee import RUN
from .conflicts import detection_message

# --- The assignment (staff) --------------------------------------------------------------------


@permission_required(RUN, lookup="slug", load=call_by_slug)
def assignment(request, call):
    only_short = request.GET.get("short") == "1"
    overview = queries.assignment_overview(call, request.GET.get("page"), only_short=only_short)
    applications, members = queries.choices_for_hand(call)
    return render(
        request,
        "selection/assignment/assignment.html",
        {
            "call": call,
            "section": "assignment",
            "overview": overview,
            "explanation": queries.explain_run(overview.last_run, call),
            "only_short": only_short,
            "pair_form": PairForm(applications=applications, members=members),
        },
    )


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def assignment_run(request, call):
    outcome = services.run_assignment(call, request.user)
    if outcome.detection and (outcome.detection.added or outcome.detection.removed):
        messages.info(request, detection_message(outcome.detection))
    if outcome.status == "optimal":
        messages.success(
            request,
            _(
                "Assignment done: %(created)s new assignment(s), %(removed)s removed, "
                "%(kept)s kept; %(moved)s application(s) sent to review."
            )
            % {
                "created": outcome.created,
                "removed": outcome.removed,
                "kept": outcome.kept,
                "moved": outcome.moved,
            },
        )
    elif outcome.status == "empty":
        messages.warning(request, _("No application is eligible or in review: nothing to assign."))
    else:
        messages.error(
            request,
            _("The assignment cannot meet every constraint: nothing was changed. See why below."),
        )
    return redirect("selection:assignment", slug=call.slug)


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def assignment_pair(request, call):
    applications, members = queries.choices_for_hand(call)
    form = PairForm(request.POST, applications=applications, members=members)
    if not form.is_valid():
        messages.error(request, _("Choose an application, a member and what to do."))
        return redirect("selection:assignment", slug=call.slug)
    data = form.cleaned_data
    member = get_object_or_404(CommitteeMember, pk=data["member"], call=call)
    application = get_object_or_404(Application, pk=data["application"], call=call)
    names = {"name": member.person_name, "application": application}
    try:
        if data["action"] == "assign":
            services.assign_by_hand(call, request.user, member, application)
            done = _("%(name)s now reviews “%(application)s”.") % names
        else:
            services.set_rule(call, request.user, member, application, data["action"])
            done = (
                _("%(name)s – “%(application)s” is pinned: every run keeps it.")
                if data["action"] == AssignmentRule.Kind.PIN
                else _("%(name)s – “%(application)s” is forbidden: no run will use it.")
            ) % names
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(request, done)
    return redirect("selection:assignment", slug=call.slug)


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def assignment_rule_remove(request, call, rule_pk):
    rule = get_object_or_404(
        AssignmentRule.objects.select_related("member"), pk=rule_pk, member__call=call
    )
    services.remove_rule(rule, request.user)
    messages.success(request, _("The rule is removed."))
    return redirect("selection:assignment", slug=call.slug)


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def assignment_remove(request, call, assignment_pk):
    item = get_object_or_404(
        Assignment.objects.select_related("member", "application"),
        pk=assignment_pk,
        member__call=call,
    )
    try:
        services.unassign(item, request.user)
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(
            request,
            _("%(name)s no longer reviews “%(application)s”.")
            % {"name": item.member.person_name, "application": item.application},
        )
    return redirect("selection:assignment", slug=call.slug)
