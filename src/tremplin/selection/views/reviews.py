"""Pages of the selection committee: reviews. A member's committees and assignments, the review
of an application (autosaved draft, submission), and the review form of a call (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.applications.models import Attachment
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.forms import MoveForm
from tremplin.programmes.queries import call_by_slug

from .. import membership, scoring
from ..forms.reviews import ReviewCriterionForm, ReviewForm
from ..models import ReviewCriterion
from ..queries import reviews as queries
from ..services import ensure_review_criteria
from ..services import reviews as services

# --- A member's committees and assignments -----------------------------------------------------


@login_required
def my_calls(request):
    return render(
        request, "selection/reviews/my_calls.html", {"seats": queries.seats_of(request.user)}
    )


@permission_required("selection.review", lookup="slug", load=call_by_slug)
def my_reviews(request, call):
    member = membership.seat(request.user, call)
    return render(
        request,
        "selection/reviews/dashboard.html",
        {
            "call": call,
            "member": member,
            "settings": getattr(call, "selection_settings", None),
            "dashboard": queries.dashboard(member),
        },
    )


# --- One review ---------------------------------------------------------------------------------


def _assignment_for(request, assignment_pk):
    """The assignment if it is the signed-in member's, they review for its call and are not
    in conflict with its application; 404 otherwise, so that nobody learns about an
    application they may not see."""
    assignment = queries.assignment_for_review(assignment_pk)
    if assignment is None:
        raise Http404
    member = assignment.member
    if member.person_id != request.user.pk:
        raise Http404
    assignment.application.call = member.call
    if not request.user.has_perm("selection.review", member.call) or not request.user.has_perm(
        "selection.review_application", assignment.application
    ):
        raise Http404
    return assignment


def _form_context(assignment, form, own, refusal, **extra) -> dict:
    call = assignment.member.call
    settings = getattr(call, "selection_settings", None)
    blind = bool(settings and settings.blind_review)
    return {
        "assignment": assignment,
        "application": assignment.application,
        "call": call,
        "settings": settings,
        "blind": blind,
        "answers": queries.application_as_submitted(assignment.application, blind),
        "form": form,
        "review": own,
        "refusal": refusal,
        "deadline_passed": services.deadline_passed(call),
        "scale": scoring.form_scale(form.criteria),
        **extra,
    }


@login_required
def review(request, assignment_pk):
    assignment = _assignment_for(request, assignment_pk)
    call = assignment.member.call
    criteria = queries.criteria_of(call.pk)
    if not criteria:  # a call whose review form was never opened by staff gets the default one
        ensure_review_criteria(call)
        criteria = queries.criteria_of(call.pk)
    own = getattr(assignment, "review", None)
    refusal = services.edit_refusal(assignment, own)
    htmx = bool(request.headers.get("HX-Request"))
    if request.method == "POST":
        return _save(request, assignment, criteria, own, refusal, htmx)
    form = ReviewForm(
        initial=ReviewForm.initial_for(own, queries.scores_of(own)),
        criteria=criteria,
        disabled=bool(refusal),
    )
    return _render_review(request, assignment, form, own, refusal)


def _render_review(request, assignment, form, own, refusal, status=200):
    context = _form_context(assignment, form, own, refusal)
    context["others"] = queries.other_reviews(assignment, request.user, form.criteria)
    if own is not None and own.state == own.State.SUBMITTED:
        context["own_scores"] = queries.scores_of(own)
    return render(request, "selection/reviews/review.html", context, status=status)


def _autosave_status(request, version=None, **context):
    return render(
        request, "selection/reviews/_autosave_status.html", {"version": version, **context}
    )


def _save(request, assignment, criteria, own, refusal, htmx):
    page = reverse("selection:review", kwargs={"assignment_pk": assignment.pk})
    if refusal:
        if htmx:
            return _autosave_status(request, refusal=refusal)
        messages.error(request, refusal)
        return redirect(page)
    if htmx and own is not None and own.state == own.State.SUBMITTED:
        # A submitted review changes only when its member submits it again.
        return _autosave_status(request, submitted=True)
    form = ReviewForm(request.POST, criteria=criteria)
    if not form.is_valid():
        if htmx:
            return _autosave_status(request, invalid=True)
        return _render_review(request, assignment, form, own, refusal)
    action = request.POST.get("action", "save")
    try:
        result = services.save_review(
            assignment,
            request.user,
            **form.values(),
            base_version=form.base_version(),
            submit=action == "submit" and not htmx,
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        if htmx:
            return _autosave_status(request, refusal=" ".join(error.messages))
        if hasattr(error, "error_dict"):
            refusal_into(form, error)
            return _render_review(request, assignment, form, own, refusal)
        refusal_into(request, error)
        return redirect(page)
    if htmx:
        # After a conflict the page keeps its version: its next autosave is refused too, until
        # the member sees what changed (Save button).
        version = None if result.conflicts else result.version
        return _autosave_status(request, result=result, version=version)
    if not result.conflicts and not result.missing:
        if result.submitted:
            messages.success(request, _("Your review is submitted. Thank you."))
        elif own is not None and own.state == own.State.SUBMITTED:
            messages.info(request, _("Your submitted review is unchanged."))
        else:
            messages.success(request, _("Your draft is saved."))
        return redirect(page)
    return _shown_again(request, assignment, criteria, result)


def _shown_again(request, assignment, criteria, result):
    """The form with what this person typed, the messages next to the fields, and the version
    stored now (so that saving again keeps what they typed); a conflict says what the other
    version reads."""
    data = request.POST.copy()
    data["version"] = str(result.version)
    form = ReviewForm(data, criteria=criteria)
    form.is_valid()
    for change in result.conflicts:
        form.add_error(
            change.field if change.field in form.fields else None,
            _(
                "Changed in another window or tab since you opened this page. It now reads: "
                "“%(theirs)s”. What you typed is kept below: save again to keep it."
            )
            % {"theirs": change.theirs[:300]},
        )
    for criterion in result.missing:
        form.add_error(f"criterion_{criterion.pk}", _("Score this criterion to submit."))
    if result.conflicts:
        messages.error(
            request,
            _("Your review was changed elsewhere since you opened this page: nothing was saved."),
        )
    elif result.missing:
        messages.warning(
            request,
            _("Not submitted: score every criterion first. What you typed is saved as a draft.")
            if result.review is not None and result.review.state == result.review.State.DRAFT
            else _("Not submitted: score every criterion first."),
        )
    own = result.review
    return _render_review(request, assignment, form, own, None)


@login_required
def review_attachment(request, assignment_pk, attachment_pk):
    """A file of the application as submitted; under blind review, with a neutral name."""
    assignment = _assignment_for(request, assignment_pk)
    application = assignment.application
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    number = queries.file_number(application, attachment)
    if not number:
        raise Http404  # not part of the application as submitted
    settings = getattr(assignment.member.call, "selection_settings", None)
    name = attachment.original_name
    if settings and settings.blind_review:
        name = queries.blind_file_name(number, name)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=attachment.content_type,
    )


# --- The review form of a call (staff) ----------------------------------------------------------


def _criteria_page(call, anchor: str = "") -> str:
    url = reverse("selection:review_form", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


def _criterion(call, criterion_pk) -> ReviewCriterion:
    criterion = get_object_or_404(ReviewCriterion, call=call, pk=criterion_pk)
    criterion.call = call
    return criterion


def _staff_context(call, **extra) -> dict:
    return {"call": call, "section": "calls", "call_section": "review_form", **extra}


@permission_required("selection.manage_review_form", lookup="slug", load=call_by_slug)
def review_form(request, call):
    form = ReviewCriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criterion = services.add_criterion(call, request.user, **form.values())
        messages.success(request, _("The criterion is added."))
        return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
    ensure_review_criteria(call)
    criteria = queries.criteria_of(call.pk)
    return render(
        request,
        "selection/reviews/review_form.html",
        _staff_context(
            call,
            criteria=criteria,
            scored=queries.scored_criterion_ids(call),
            scale=scoring.form_scale(criteria),
            settings=getattr(call, "selection_settings", None),
            form=form,
        ),
    )


@permission_required("selection.manage_review_form", lookup="slug", load=call_by_slug)
def review_criterion_edit(request, call, criterion_pk):
    criterion = _criterion(call, criterion_pk)
    scored = services.is_scored(criterion)
    # The form edits a copy: the service compares the stored criterion with the new values.
    form = ReviewCriterionForm(
        request.POST or None, instance=_criterion(call, criterion_pk), scored=scored
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_criterion(criterion, request.user, **form.values())
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The criterion is saved."))
            return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
    return render(
        request,
        "selection/reviews/criterion_form.html",
        _staff_context(call, criterion=criterion, form=form, scored=scored),
    )


@permission_required("selection.manage_review_form", lookup="slug", load=call_by_slug)
def review_criterion_delete(request, call, criterion_pk):
    criterion = _criterion(call, criterion_pk)
    refusal = services.criterion_deletion_refusal(criterion)
    if request.method == "POST" and refusal is None:
        services.delete_criterion(criterion, request.user)
        messages.success(request, _("The criterion is deleted."))
        return redirect(_criteria_page(call))
    return render(
        request,
        "selection/reviews/criterion_delete.html",
        _staff_context(
            call,
            criterion=criterion,
            refusal=refusal,
            back=_criteria_page(call, f"criterion-{criterion.pk}"),
        ),
    )


@require_POST
@permission_required("selection.manage_review_form", lookup="slug", load=call_by_slug)
def review_criterion_move(request, call, criterion_pk):
    criterion = _criterion(call, criterion_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_criterion(criterion, request.user, form.offset)
    return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
