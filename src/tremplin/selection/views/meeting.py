"""Pages of the committee meetings: the meetings of a call, planning one, its agenda, the page
of one item (summary, scores, reviews, notes, vote, and the decision taken on it), the
minutes. The decision messages and the waiting list are in decisions.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.applications.models import Application
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.queries import call_by_slug

from ..forms.decisions import DecisionForm
from ..forms.meeting import (
    AddItemForm,
    AttendanceForm,
    MeetingForm,
    MoveForm,
    NotesForm,
    VoteForm,
    VotingForm,
)
from ..models import Meeting
from ..queries import meeting as queries
from ..services import decisions as decisions_services
from ..services import meeting as services
from ..services.decisions import AlreadyDecided, can_decide
from ..workflow import MEETING_WORKFLOW

ATTEND = "selection.attend_meeting"
RUN = "selection.run_meeting"
SEND = "selection.send_decisions"


def _meeting_url(meeting, anchor=""):
    url = reverse("selection:meeting", kwargs={"slug": meeting.call.slug, "pk": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


def _item_url(item, anchor=""):
    url = reverse(
        "selection:agenda_item",
        kwargs={"slug": item.meeting.call.slug, "pk": item.meeting_id, "item": item.pk},
    )
    return f"{url}#{anchor}" if anchor else url


# --- Meetings ----------------------------------------------------------------------------------


@permission_required(ATTEND, lookup="slug", load=call_by_slug)
def meetings(request, call):
    who = queries.viewer(request.user, call)
    return render(
        request,
        "selection/meeting/list.html",
        {
            "call": call,
            "meetings": queries.meetings_of(call),
            "who": who,
            "can_send": request.user.has_perm(SEND, call),
        },
    )


@permission_required(RUN, lookup="slug", load=call_by_slug)
def plan(request, call):
    form = MeetingForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        meeting = services.plan_meeting(
            call,
            request.user,
            scheduled_for=form.cleaned_data["scheduled_for"],
            place=form.cleaned_data["place"],
        )
        messages.success(request, _("The meeting is planned. Now build its agenda."))
        return redirect(_meeting_url(meeting))
    return render(
        request, "selection/meeting/plan.html", {"call": call, "form": form, "meeting": None}
    )


@permission_required(RUN, lookup="slug", load=call_by_slug)
def edit(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    form = MeetingForm(request.POST or None, call=call, meeting=None if request.POST else meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_meeting(
                meeting,
                request.user,
                scheduled_for=form.cleaned_data["scheduled_for"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as error:
            refusal_into(request, error)
        else:
            messages.success(request, _("The meeting is changed."))
        return redirect(_meeting_url(meeting))
    return render(
        request, "selection/meeting/plan.html", {"call": call, "form": form, "meeting": meeting}
    )


@permission_required(ATTEND, lookup="slug", load=call_by_slug)
def meeting(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    who = queries.viewer(request.user, call)
    items = queries.agenda(meeting, who)
    context = {"call": call, "meeting": meeting, "who": who, "items": items}
    if who.runs:
        editable = meeting.state != Meeting.State.CLOSED
        members = list(queries.members(call))
        present = queries.attendance(meeting)
        context.update(
            editable=editable,
            transitions=MEETING_WORKFLOW.available(meeting, request.user),
            add_form=AddItemForm(applications=queries.addable(meeting)) if editable else None,
            attendance_form=AttendanceForm(
                members=members,
                initial={"present": sorted(present) if present is not None else []},
            ),
        )
    return render(request, "selection/meeting/agenda.html", context)


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def change_state(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    name = request.POST.get("transition", "")
    try:
        services.fire_meeting(meeting, request.user, name)
    except ValidationError as error:
        refusal_into(request, error)
    else:
        label = MEETING_WORKFLOW.transitions[name].label
        messages.success(request, _("“%(action)s”: done.") % {"action": label})
    return redirect(_meeting_url(meeting))


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def attendance(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    form = AttendanceForm(request.POST, members=queries.members(call))
    if not form.is_valid():
        messages.error(request, _("Tick the members who are present."))
        return redirect(_meeting_url(meeting, "attendance"))
    try:
        present = services.mark_attendance(meeting, request.user, form.cleaned_data["present"])
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "Attendance recorded: %(count)s member present.",
                "Attendance recorded: %(count)s members present.",
                len(present),
            )
            % {"count": len(present)},
        )
    return redirect(_meeting_url(meeting, "attendance"))


# --- The agenda --------------------------------------------------------------------------------


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def build_agenda(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    try:
        added = services.build_agenda(meeting, request.user)
    except ValidationError as error:
        refusal_into(request, error)
    else:
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)s application added to the agenda, in ranking order.",
                    "%(count)s applications added to the agenda, in ranking order.",
                    added,
                )
                % {"count": added},
            )
        else:
            messages.info(request, _("Every application still to decide is on the agenda."))
    return redirect(_meeting_url(meeting, "agenda"))


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def add_item(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    form = AddItemForm(request.POST, applications=queries.addable(meeting))
    if not form.is_valid():
        messages.error(request, _("Choose an application from the list."))
        return redirect(_meeting_url(meeting, "add-item"))
    application = get_object_or_404(Application, pk=form.cleaned_data["application"], call=call)
    try:
        services.add_item(meeting, request.user, application)
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(request, _("The application is added at the end of the agenda."))
    return redirect(_meeting_url(meeting, "agenda"))


def _item(request, call, pk, item_pk, who=None):
    meeting = queries.meeting_of(call, pk)
    who = who or queries.viewer(request.user, call)
    return meeting, queries.item_of(meeting, item_pk, who)


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def move_item(request, call, pk, item):
    meeting, agenda_item = _item(request, call, pk, item)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_item(agenda_item, request.user, form.cleaned_data["direction"])
        except ValidationError as error:
            refusal_into(request, error)
    return redirect(_meeting_url(meeting, f"item-{agenda_item.pk}"))


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def remove_item(request, call, pk, item):
    meeting, agenda_item = _item(request, call, pk, item)
    try:
        services.remove_item(agenda_item, request.user)
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(request, _("The item is removed from the agenda."))
    return redirect(_meeting_url(meeting, "agenda"))


# --- One item ----------------------------------------------------------------------------------


def _render_item(
    request,
    call,
    meeting,
    item,
    who,
    *,
    notes_form=None,
    decision_form=None,
    theirs=None,
    status=200,
):
    page = queries.item_page(meeting, item, who)
    deciding = (
        page.decision is None
        and meeting.state == Meeting.State.OPEN
        and can_decide(item, request.user)
    )
    writable = meeting.state != Meeting.State.CLOSED
    if notes_form is None and writable:
        notes_form = NotesForm(initial={"notes": item.notes, "version": item.notes_version})
    if decision_form is None and deciding:
        decision_form = DecisionForm(
            initial={"comment_for_applicant": queries.applicant_comments(page)}
        )
    return render(
        request,
        "selection/meeting/item.html",
        {
            "call": call,
            "meeting": meeting,
            "who": who,
            "page": page,
            "item": item,
            "application": item.application,
            "notes_form": notes_form if writable else None,
            "theirs": theirs,
            "vote_form": VoteForm(
                initial={"choice": page.own_vote.choice if page.own_vote else None}
            )
            if who.votes and item.voting_open and meeting.state == Meeting.State.OPEN
            else None,
            "can_open_vote": who.runs
            and meeting.state == Meeting.State.OPEN
            and page.decision is None,
            "decision_form": decision_form if deciding else None,
            "decision_by_staff": page.decision is None
            and who.decides
            and not can_decide(item, request.user),
        },
        status=status,
    )


@permission_required(ATTEND, lookup="slug", load=call_by_slug)
def agenda_item(request, call, pk, item):
    who = queries.viewer(request.user, call)
    meeting, agenda_item = _item(request, call, pk, item, who)
    return _render_item(request, call, meeting, agenda_item, who)


@require_POST
@permission_required(ATTEND, lookup="slug", load=call_by_slug)
def save_notes(request, call, pk, item):
    who = queries.viewer(request.user, call)
    meeting, agenda_item = _item(request, call, pk, item, who)
    form = NotesForm(request.POST)
    if not form.is_valid():
        return _render_item(request, call, meeting, agenda_item, who, notes_form=form, status=400)
    try:
        result = services.save_notes(
            agenda_item, request.user, form.cleaned_data["notes"], form.cleaned_data["version"]
        )
    except ValidationError as error:
        refusal_into(request, error)
        return redirect(_item_url(agenda_item, "notes"))
    if result.saved:
        messages.success(request, _("The notes are saved."))
        return redirect(_item_url(agenda_item, "notes"))
    # Someone saved in between: keep what this person typed, show what is stored now, and
    # base the next save on the stored version (saving again replaces it, knowingly).
    agenda_item.notes, agenda_item.notes_version = result.notes, result.version
    retry = NotesForm(initial={"notes": form.cleaned_data["notes"], "version": result.version})
    retry.conflict = True
    return _render_item(
        request, call, meeting, agenda_item, who, notes_form=retry, theirs=result.notes, status=409
    )


@require_POST
@permission_required(RUN, lookup="slug", load=call_by_slug)
def voting(request, call, pk, item):
    _meeting, agenda_item = _item(request, call, pk, item)
    form = VotingForm(request.POST)
    if form.is_valid():
        opening = form.cleaned_data["action"] == "open"
        try:
            services.set_voting(agenda_item, request.user, opening)
        except ValidationError as error:
            refusal_into(request, error)
        else:
            messages.success(
                request, _("The vote is open.") if opening else _("The vote is closed.")
            )
    return redirect(_item_url(agenda_item, "vote"))


@require_POST
@permission_required(ATTEND, lookup="slug", load=call_by_slug)
def vote(request, call, pk, item):
    _meeting, agenda_item = _item(request, call, pk, item)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the proposed answers."))
        return redirect(_item_url(agenda_item, "vote"))
    try:
        services.cast_vote(agenda_item, request.user, form.cleaned_data["choice"])
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(request, _("Your vote is recorded."))
    return redirect(_item_url(agenda_item, "vote"))


@require_POST
@permission_required("selection.decide", lookup="slug", load=call_by_slug)
def decide(request, call, pk, item):
    who = queries.viewer(request.user, call)
    meeting, agenda_item = _item(request, call, pk, item, who)
    if not can_decide(agenda_item, request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_item(
            request, call, meeting, agenda_item, who, decision_form=form, status=400
        )
    try:
        decision = decisions_services.decide(
            agenda_item,
            request.user,
            form.cleaned_data["outcome"],
            form.cleaned_data["reason"],
            form.cleaned_data["comment_for_applicant"],
        )
    except AlreadyDecided as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(_item_url(agenda_item, "decision"))
    except ValidationError as error:
        refusal_into(request, error)
        return _render_item(
            request, call, meeting, agenda_item, who, decision_form=form, status=400
        )
    messages.success(
        request,
        _("Decision recorded: %(outcome)s.") % {"outcome": decision.get_outcome_display()},
    )
    return redirect(_item_url(agenda_item, "decision"))


# --- Minutes -----------------------------------------------------------------------------------


@permission_required(ATTEND, lookup="slug", load=call_by_slug)
def minutes(request, call, pk):
    meeting = queries.meeting_of(call, pk)
    who = queries.viewer(request.user, call)
    return render(
        request,
        "selection/meeting/minutes.html",
        {"call": call, "meeting": meeting, "who": who, "minutes": queries.minutes(meeting, who)},
    )
