"""The applicant's pages: start, fill in step by step (autosaved), check, submit, follow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core import ratelimit
from tremplin.core.permissions import get_visible_or_404, require
from tremplin.programmes.models import Call

from . import services
from . import team_queries as queries
from .forms import InformationResponseForm, InviteForm, StepForm, WithdrawForm, encode_revisions
from .models import Attachment, CoApplicant, InformationRequest, State


def _application_for(request, pk, perm="applications.view_application"):
    """The application if the person holds `perm` on it; 404 for who may not see it, so that
    nobody learns that someone else's application exists; 403 for who sees it (staff reading
    it) but may not do this."""
    return get_visible_or_404(request.user, queries.with_call(), perm, pk=pk)


def _team_ids(application) -> set[int]:
    ids = set(
        application.co_applicants.filter(accepted_at__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    if application.applicant_id:
        ids.add(application.applicant_id)
    return ids


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def my_applications(request):
    return render(
        request,
        "applications/my_applications.html",
        {"applications": queries.applications_of(request.user)},
    )


@login_required
def start(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme", "season"), slug=slug)
    existing = (
        queries.applications_of(request.user)
        .filter(call=call)
        .exclude(state=State.WITHDRAWN)
        .first()
    )
    if existing:
        return redirect("applications:detail", pk=existing.pk)
    refusal = services.gate(call, request.user)
    if request.method == "POST" and not refusal:
        try:
            application = services.start(call, request.user)
        except ValidationError as error:
            refusal = _errors(error)
        else:
            return redirect("applications:step", pk=application.pk, number=1)
    return render(
        request, "applications/start.html", {"call": call, "refusal": refusal}, status=200
    )


@login_required
def detail(request, pk):
    application = _application_for(request, pk)
    steps = queries.steps_with_progress(application)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "steps": steps,
            "edit_refusal": services.can_edit(application, request.user)
            if request.user.has_perm("applications.edit_application", application)
            else "",
            "unsubmitted_changes": services.has_unsubmitted_changes(application),
            "frozen": queries.frozen_answers(application),
            "team": application.co_applicants.select_related("person"),
            "information_requests": application.information_requests.all(),
            "response_form": InformationResponseForm(),
            "history": queries.history_for_team(application, _team_ids(application)),
            "state": queries.applicant_state(application),
            "is_lead": request.user.has_perm("applications.invite_co_applicant", application),
        },
    )


@login_required
def step(request, pk, number):
    application = _application_for(request, pk, "applications.edit_application")
    steps = list(application.call.steps.prefetch_related("questions"))
    if not 1 <= number <= len(steps):
        raise Http404
    current = steps[number - 1]
    refusal = services.can_edit(application, request.user)
    if refusal:
        messages.info(request, refusal)
        return redirect("applications:detail", pk=application.pk)
    questions = list(current.questions.all())
    answers = queries.answers_by_question(application)
    form_kwargs = {
        "questions": questions,
        "answers": answers,
        "max_upload_mb": application.call.max_upload_mb,
    }
    result = None
    if request.method == "POST":
        form = StepForm(request.POST, request.FILES, **form_kwargs)
        result, upload_errors = _save_step(request, application, form)
        if request.headers.get("HX-Request"):
            return render(
                request,
                "applications/includes/autosave_status.html",
                {
                    "result": result,
                    "upload_errors": upload_errors,
                    "revisions": encode_revisions(_revisions(application)),
                    "application": application,
                },
            )
        if not result.conflicts and not upload_errors:
            if result.invalid:
                messages.warning(
                    request,
                    _("Saved. Some answers are not valid yet: see the messages next to them."),
                )
            else:
                messages.success(request, _("Saved."))
            target = request.POST.get("go")
            if target == "next" and number < len(steps):
                return redirect("applications:step", pk=pk, number=number + 1)
            if target == "previous" and number > 1:
                return redirect("applications:step", pk=pk, number=number - 1)
            if target in {"next", "summary"}:
                return redirect("applications:summary", pk=pk)
            if not result.invalid:
                return redirect("applications:step", pk=pk, number=number)
        form = _form_shown_again(request, application, form_kwargs, result, upload_errors)
    else:
        form = StepForm(**form_kwargs)
    return render(
        request,
        "applications/step.html",
        {
            "application": application,
            "steps": steps,
            "step": current,
            "number": number,
            "form": form,
            "result": result,
            "attachments": queries.attachments_by_question(application),
            "is_last": number == len(steps),
        },
    )


def _save_step(request, application, form) -> tuple[services.SaveResult, dict[str, str]]:
    """Save what validates, keep what does not, upload the files."""
    cleaned, raw = form.split()
    result = services.save_answers(
        application, request.user, form.text_questions(), cleaned, raw, form.base_revisions()
    )
    upload_errors = {}
    for question in form.file_questions():
        uploaded = request.FILES.get(form.add_prefix(question.key))
        if uploaded is None:
            continue
        try:
            services.upload(application, request.user, question, uploaded)
        except ValidationError as error:
            upload_errors[question.key] = _errors(error)
    return result, upload_errors


def _form_shown_again(request, application, form_kwargs, result, upload_errors) -> StepForm:
    """The form with what this person typed, the errors next to the fields, and fresh
    revisions (those of the answers just saved, and of the conflicting ones, so that saving
    again keeps this person's version); a conflict says what the other version reads."""
    data = request.POST.copy()
    data["revisions"] = encode_revisions(_revisions(application))
    form = StepForm(data, **form_kwargs)
    form.is_valid()
    for key, message in upload_errors.items():
        form.add_error(key, message)
    for conflict in result.conflicts:
        form.add_error(
            conflict.question.key,
            _(
                "Someone changed this answer in another window or tab since you opened this "
                "page. It now reads: “%(theirs)s”. Your text is kept below: save again to keep "
                "yours."
            )
            % {"theirs": conflict.theirs[:300]},
        )
    return form


def _revisions(application) -> dict[int, int]:
    return dict(application.answers.values_list("question_id", "revision"))


@login_required
def summary(request, pk):
    application = _application_for(request, pk)
    problems = services.missing(application)
    return render(
        request,
        "applications/summary.html",
        {
            "application": application,
            "steps": queries.steps_with_progress(application),
            "problems": problems,
            "problem_steps": queries.step_numbers(application),
            "eligibility": services.eligibility_problems(application),
            "deadline_passed": application.deadline_passed(),
            "unsubmitted_changes": services.has_unsubmitted_changes(application),
        },
    )


@login_required
@require_POST
def submit(request, pk):
    application = _application_for(request, pk, "applications.submit_application")
    try:
        services.submit(application, request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("applications:summary", pk=pk)
    return redirect("applications:submitted", pk=pk)


@login_required
def submitted(request, pk):
    application = _application_for(request, pk)
    if application.state == State.DRAFT:
        return redirect("applications:summary", pk=pk)
    return render(request, "applications/submitted.html", {"application": application})


@login_required
def withdraw(request, pk):
    application = _application_for(request, pk, "applications.withdraw_application")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(application, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("applications:detail", pk=pk)
    return render(request, "applications/withdraw.html", {"application": application, "form": form})


@login_required
def team(request, pk):
    application = _application_for(request, pk)
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require(request.user, "applications.invite_co_applicant", application)
        if form.is_valid():
            email = form.cleaned_data["email"]
            # An invitation e-mails an address the person types: counted per account, per
            # connection and per invited address, so that nobody mails the world through us.
            if not ratelimit.allow(request, "co_applicant_invitation", recipient=email):
                form.add_error(None, ratelimit.TOO_MANY)
                status = 429
            else:
                try:
                    services.invite(application, request.user, email)
                except ValidationError as error:
                    form.add_error("email", _errors(error))
                else:
                    messages.success(request, _("The invitation is sent."))
                    return redirect("applications:team", pk=pk)
    return render(
        request,
        "applications/team.html",
        {
            "application": application,
            "form": form,
            "team": application.co_applicants.select_related("person"),
            "is_lead": request.user.has_perm("applications.invite_co_applicant", application),
        },
        status=status,
    )


@login_required
@require_POST
def remove_member(request, pk, member_pk):
    application = _application_for(request, pk, "applications.invite_co_applicant")
    invitation = get_object_or_404(CoApplicant, pk=member_pk, application=application)
    services.remove_co_applicant(invitation, request.user)
    messages.success(
        request, _("%(email)s is no longer on this application.") % {"email": invitation.email}
    )
    return redirect("applications:team", pk=pk)


@login_required
def join(request, token):
    invitation = get_object_or_404(
        CoApplicant.objects.select_related("application__call"), token=token
    )
    if request.method == "POST":
        try:
            application = services.accept_invitation(token, request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("You have joined the application."))
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/join.html", {"invitation": invitation})


@login_required
@require_POST
def answer_information(request, pk, request_pk):
    application = _application_for(request, pk, "applications.answer_information_request")
    info = get_object_or_404(InformationRequest, pk=request_pk, application=application)
    form = InformationResponseForm(request.POST)
    if form.is_valid():
        try:
            services.answer_information_request(info, request.user, form.cleaned_data["response"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Your answer is sent to the accelerator team."))
    else:
        messages.error(request, _("Please write your answer."))
    return redirect("applications:detail", pk=pk)


@login_required
def attachment(request, pk, attachment_pk):
    application = _application_for(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@login_required
@require_POST
def delete_attachment(request, pk, attachment_pk):
    application = _application_for(request, pk, "applications.edit_application")
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    try:
        services.delete_attachment(item, request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request, _("The file “%(name)s” is removed.") % {"name": item.original_name}
        )
    number = request.POST.get("step", "")
    if number.isdigit():
        return redirect("applications:step", pk=pk, number=int(number))
    return redirect("applications:detail", pk=pk)
