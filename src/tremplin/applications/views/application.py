"""The applicant's pages about their application: their list, start, the page of one
application, check and submit, withdraw, answer a request for information."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.programmes.models import Call

from .. import services
from ..forms.application import InformationResponseForm, WithdrawForm
from ..models import InformationRequest, State
from ..queries import answers as answer_queries
from ..queries import application as queries
from ._access import application_for, joined, team_ids


@login_required
def my_applications(request):
    return render(
        request,
        "applications/application/mine.html",
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
            refusal = joined(error)
        else:
            return redirect("applications:step", pk=application.pk, number=1)
    return render(
        request,
        "applications/application/start.html",
        {"call": call, "refusal": refusal},
        status=200,
    )


@login_required
def detail(request, pk):
    application = application_for(request, pk)
    steps = answer_queries.steps_with_progress(application)
    return render(
        request,
        "applications/application/detail.html",
        {
            "application": application,
            "steps": steps,
            "edit_refusal": services.can_edit(application, request.user)
            if request.user.has_perm("applications.edit_application", application)
            else "",
            "unsubmitted_changes": services.has_unsubmitted_changes(application),
            "frozen": answer_queries.frozen_answers(application),
            "team": application.co_applicants.select_related("person"),
            "information_requests": application.information_requests.all(),
            "response_form": InformationResponseForm(),
            "history": queries.history_for_team(application, team_ids(application)),
            "state": queries.applicant_state(application),
            "is_lead": request.user.has_perm("applications.invite_co_applicant", application),
        },
    )


@login_required
def summary(request, pk):
    application = application_for(request, pk)
    problems = services.missing(application)
    return render(
        request,
        "applications/application/summary.html",
        {
            "application": application,
            "steps": answer_queries.steps_with_progress(application),
            "problems": problems,
            "problem_steps": answer_queries.step_numbers(application),
            "eligibility": services.eligibility_problems(application),
            "deadline_passed": application.deadline_passed(),
            "unsubmitted_changes": services.has_unsubmitted_changes(application),
        },
    )


@login_required
@require_POST
def submit(request, pk):
    application = application_for(request, pk, "applications.submit_application")
    try:
        services.submit(application, request.user)
    except ValidationError as error:
        messages.error(request, joined(error))
        return redirect("applications:summary", pk=pk)
    return redirect("applications:submitted", pk=pk)


@login_required
def submitted(request, pk):
    application = application_for(request, pk)
    if application.state == State.DRAFT:
        return redirect("applications:summary", pk=pk)
    return render(request, "applications/application/submitted.html", {"application": application})


@login_required
def withdraw(request, pk):
    application = application_for(request, pk, "applications.withdraw_application")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(application, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, joined(error))
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("applications:detail", pk=pk)
    return render(
        request,
        "applications/application/withdraw.html",
        {"application": application, "form": form},
    )


@login_required
@require_POST
def answer_information(request, pk, request_pk):
    application = application_for(request, pk, "applications.answer_information_request")
    info = get_object_or_404(InformationRequest, pk=request_pk, application=application)
    form = InformationResponseForm(request.POST)
    if form.is_valid():
        try:
            services.answer_information_request(info, request.user, form.cleaned_data["response"])
        except ValidationError as error:
            messages.error(request, joined(error))
        else:
            messages.success(request, _("Your answer is sent to the accelerator team."))
    else:
        messages.error(request, _("Please write your answer."))
    return redirect("applications:detail", pk=pk)
