"""The form of a call, filled in step by step by the applicant's team (each step autosaved,
with a version check against another window), and its files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms.answers import StepForm, encode_revisions
from ..models import Attachment
from ..queries import answers as queries
from ._access import application_for, joined


@login_required
def step(request, pk, number):
    application = application_for(request, pk, "applications.edit_application")
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
                "applications/answers/_autosave_status.html",
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
        "applications/answers/step.html",
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
            upload_errors[question.key] = joined(error)
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
def attachment(request, pk, attachment_pk):
    application = application_for(request, pk)
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
    application = application_for(request, pk, "applications.edit_application")
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    try:
        services.delete_attachment(item, request.user)
    except ValidationError as error:
        messages.error(request, joined(error))
    else:
        messages.success(
            request, _("The file “%(name)s” is removed.") % {"name": item.original_name}
        )
    number = request.POST.get("step", "")
    if number.isdigit():
        return redirect("applications:step", pk=pk, number=int(number))
    return redirect("applications:detail", pk=pk)
