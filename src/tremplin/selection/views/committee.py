"""Pages of a call's committee: members and settings (staff), conflicts (staff, and each
member's own page), bidding (members), and the reviewer assignment (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.applications.models import Application
from tremplin.core import pagination
from tremplin.core.permissions import permission_required
from tremplin.programmes.models import Call

from .. import membership
from .. import queries_committee as queries
from ..forms_committee import (
    AddMemberForm,
    ApplicationConflictForm,
    BidsForm,
    MemberForm,
    OrganisationConflictForm,
    PairForm,
    PersonConflictForm,
    SearchForm,
    SettingsForm,
)
from ..models import Assignment, AssignmentRule, CommitteeMember, Conflict
from ..services import committee as services

MANAGE = "selection.manage_committee"
RUN = "selection.run_assignment"


def _call(slug) -> Call:
    return get_object_or_404(Call.objects.select_related("programme", "season"), slug=slug)


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- Members (staff) ---------------------------------------------------------------------------


@permission_required(MANAGE, Call, lookup="slug")
def committee(request, slug):
    call = _call(slug)
    search = SearchForm(request.GET or None)
    found = queries.search_people(call, search.data.get("q", "")) if search.is_bound else []
    options = queries.selection_settings(call)
    return render(
        request,
        "selection/committee/committee.html",
        {
            "call": call,
            "section": "committee",
            "members": queries.committee(call),
            "search": search,
            "found": found,
            "roles": CommitteeMember.Role.choices,
            "default_capacity": options.default_capacity,
        },
    )


@require_POST
@permission_required(MANAGE, Call, lookup="slug")
def committee_add(request, slug):
    call = _call(slug)
    form = AddMemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = services.add_member(
                call, request.user, data["person"], role=data["role"], capacity=data["capacity"]
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("%(name)s sits on the committee. Complete their expertise below.")
                % {"name": member.person_name},
            )
            return redirect("selection:committee_member", slug=call.slug, member_pk=member.pk)
    else:
        messages.error(request, _("The member was not added: choose a person and a role."))
    return redirect("selection:committee", slug=call.slug)


@permission_required(MANAGE, Call, lookup="slug")
def committee_member(request, slug, member_pk):
    call = _call(slug)
    member = get_object_or_404(CommitteeMember, pk=member_pk, call=call)
    form = MemberForm(request.POST or None, instance=CommitteeMember.objects.get(pk=member.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_member(
                member,
                request.user,
                role=data["role"],
                capacity=data["capacity"],
                business_lines=data["business_lines"],
                regions=data["regions"],
                themes=data["themes"],
                languages=data["languages"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s: saved.") % {"name": member.person_name})
            return redirect("selection:committee", slug=call.slug)
    return render(
        request,
        "selection/committee/member.html",
        {"call": call, "section": "committee", "member": member, "form": form},
    )


@require_POST
@permission_required(MANAGE, Call, lookup="slug")
def committee_remove(request, slug, member_pk):
    call = _call(slug)
    member = get_object_or_404(CommitteeMember, pk=member_pk, call=call)
    try:
        services.remove_member(member, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("%(name)s no longer sits on the committee.") % {"name": member.person_name}
        )
    return redirect("selection:committee", slug=call.slug)


@permission_required(MANAGE, Call, lookup="slug")
def committee_settings(request, slug):
    call = _call(slug)
    current = queries.selection_settings(call)
    form = SettingsForm(request.POST or None, instance=current, call=call)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.update_settings(call, request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The selection settings are saved."))
            return redirect("selection:committee_settings", slug=call.slug)
    return render(
        request,
        "selection/committee/settings.html",
        {"call": call, "section": "settings", "form": form},
    )


# --- Conflicts (staff) -------------------------------------------------------------------------


@permission_required(MANAGE, Call, lookup="slug")
def committee_conflicts(request, slug):
    call = _call(slug)
    page = pagination.page_of(request, queries.conflicts_of_call(call), 100)
    return render(
        request,
        "selection/committee/conflicts.html",
        {
            "call": call,
            "section": "conflicts",
            "page": page,
            "conflicts": queries.with_descriptions(page.object_list),
        },
    )


@require_POST
@permission_required(MANAGE, Call, lookup="slug")
def committee_detect(request, slug):
    call = _call(slug)
    outcome = services.detect_conflicts(call, request.user)
    messages.success(request, _detection_message(outcome))
    return redirect("selection:committee_conflicts", slug=call.slug)


def _detection_message(outcome) -> str:
    parts = [
        ngettext(
            "%(count)s new conflict detected.", "%(count)s new conflicts detected.", outcome.added
        )
        % {"count": outcome.added}
    ]
    if outcome.removed:
        parts.append(
            ngettext(
                "%(count)s conflict no longer holds and was removed.",
                "%(count)s conflicts no longer hold and were removed.",
                outcome.removed,
            )
            % {"count": outcome.removed}
        )
    parts.extend(_released_messages(outcome.released))
    return " ".join(parts)


def _released_messages(released) -> list[str]:
    parts = []
    if released.removed:
        parts.append(
            ngettext(
                "%(count)s assignment was removed: the application needs another reviewer.",
                "%(count)s assignments were removed: the applications need other reviewers.",
                released.removed,
            )
            % {"count": released.removed}
        )
    if released.kept:
        parts.append(
            ngettext(
                "%(count)s submitted review is kept but no longer counts in the ranking.",
                "%(count)s submitted reviews are kept but no longer count in the ranking.",
                released.kept,
            )
            % {"count": released.kept}
        )
    return parts


@require_POST
@permission_required(MANAGE, Call, lookup="slug")
def committee_conflict_remove(request, slug, conflict_pk):
    call = _call(slug)
    conflict = get_object_or_404(
        Conflict.objects.select_related("member"), pk=conflict_pk, member__call=call
    )
    services.remove_conflict(conflict, request.user)
    messages.success(request, _("The conflict is removed."))
    return redirect("selection:committee_conflicts", slug=call.slug)


# --- A member's seat and conflicts -------------------------------------------------------------


@permission_required("selection.view_committee", Call, lookup="slug")
def my_conflicts(request, slug):
    call = _call(slug)
    seat = membership.seat(request.user, call)
    forms = {
        "application": ApplicationConflictForm(prefix="application"),
        "organisation": OrganisationConflictForm(prefix="organisation"),
        "person": PersonConflictForm(prefix="person"),
    }
    if seat is not None and request.method == "POST":
        kind = request.POST.get("kind")
        if kind in forms:
            form = type(forms[kind])(request.POST, prefix=kind)
            forms[kind] = form
            if form.is_valid() and _declare(request, call, seat, kind, form):
                return redirect("selection:my_conflicts", slug=call.slug)
    context = {"call": call, "seat": seat, "forms": forms}
    if seat is not None:
        hidden = membership.conflicted_application_ids(seat)
        context.update(
            conflicts=queries.declared_by(seat),
            assigned=queries.assigned_to(seat, hidden),
            application_search=request.GET.get("application_q", ""),
            organisation_search=request.GET.get("organisation_q", ""),
            applications_found=queries.applications_to_declare(
                call, hidden, request.GET.get("application_q", "")
            ),
            organisations_found=queries.search_organisations(request.GET.get("organisation_q", "")),
            languages=queries.language_names(seat.languages),
        )
    return render(request, "selection/committee/my_conflicts.html", context)


def _declare(request, call, seat, kind, form) -> bool:
    data = form.cleaned_data
    target = {}
    if kind == "application":
        hidden = membership.conflicted_application_ids(seat)
        application = Application.objects.filter(
            pk=data["application"], call=call, state__in=queries.COMMITTEE_STATES
        ).first()
        if application is None or application.pk in hidden:
            messages.error(request, _("This application cannot be chosen."))
            return False
        target["application"] = application
    elif kind == "organisation":
        target["organisation"] = data["organisation"]
    else:
        target["email"] = data["email"]
    try:
        released = services.declare_conflict(seat, request.user, reason=data["reason"], **target)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    if kind != "application":
        # What a conflict on a person or an organisation touched (whether the address has an
        # account, how many of the member's applications are theirs) is not said: the member
        # could otherwise probe addresses and names, and undo a blind review.
        messages.success(
            request,
            _(
                "Your conflict of interest is recorded. Every application it concerns, now or "
                "later, is taken off your list and no longer shown to you; a review you "
                "already submitted of one is kept but no longer counts."
            ),
        )
        return True
    parts = [_("Your conflict of interest is recorded.")]
    if released.removed:
        parts.append(
            ngettext(
                "%(count)s application was taken off your list; staff will give it another "
                "reviewer.",
                "%(count)s applications were taken off your list; staff will give them other "
                "reviewers.",
                released.removed,
            )
            % {"count": released.removed}
        )
    if released.kept:
        parts.append(
            ngettext(
                "Your submitted review of it is kept but no longer counts in the ranking.",
                "Your %(count)s submitted reviews concerned are kept but no longer count in the "
                "ranking.",
                released.kept,
            )
            % {"count": released.kept}
        )
    messages.success(request, " ".join(parts))
    return True


# --- Bidding -----------------------------------------------------------------------------------


@permission_required("selection.bid", Call, lookup="slug")
def bids(request, slug):
    call = _call(slug)
    seat = membership.seat(request.user, call)
    blind = queries.selection_settings(call).blind_review
    page_number = request.POST.get("page") or request.GET.get("page")
    page, rows = queries.bidding_page(call, seat, blind, page_number)
    form = BidsForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.save_bids(seat, request.user, form.preferences())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your preferences are saved (%(count)s change).",
                    "Your preferences are saved (%(count)s changes).",
                    changed,
                )
                % {"count": changed},
            )
            url = reverse("selection:bids", kwargs={"slug": call.slug})
            if page.number > 1:
                url += f"?page={page.number}"
            return redirect(url)
    return render(
        request,
        "selection/committee/bids.html",
        {"call": call, "seat": seat, "page": page, "rows": rows, "form": form, "blind": blind},
    )


# --- The assignment (staff) --------------------------------------------------------------------


@permission_required(RUN, Call, lookup="slug")
def assignment(request, slug):
    call = _call(slug)
    only_short = request.GET.get("short") == "1"
    overview = queries.assignment_overview(call, request.GET.get("page"), only_short=only_short)
    applications, members = queries.choices_for_hand(call)
    return render(
        request,
        "selection/committee/assignment.html",
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
@permission_required(RUN, Call, lookup="slug")
def assignment_run(request, slug):
    call = _call(slug)
    outcome = services.run_assignment(call, request.user)
    if outcome.detection and (outcome.detection.added or outcome.detection.removed):
        messages.info(request, _detection_message(outcome.detection))
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
@permission_required(RUN, Call, lookup="slug")
def assignment_pair(request, slug):
    call = _call(slug)
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
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("selection:assignment", slug=call.slug)


@require_POST
@permission_required(RUN, Call, lookup="slug")
def assignment_rule_remove(request, slug, rule_pk):
    call = _call(slug)
    rule = get_object_or_404(
        AssignmentRule.objects.select_related("member"), pk=rule_pk, member__call=call
    )
    services.remove_rule(rule, request.user)
    messages.success(request, _("The rule is removed."))
    return redirect("selection:assignment", slug=call.slug)


@require_POST
@permission_required(RUN, Call, lookup="slug")
def assignment_remove(request, slug, assignment_pk):
    call = _call(slug)
    item = get_object_or_404(
        Assignment.objects.select_related("member", "application"),
        pk=assignment_pk,
        member__call=call,
    )
    try:
        services.unassign(item, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(name)s no longer reviews “%(application)s”.")
            % {"name": item.member.person_name, "application": item.application},
        )
    return redirect("selection:assignment", slug=call.slug)
