"""Pages of the catalogue: replication. "I want to replicate this" (where and how), the owner's
list of requests received and the requester's list of their requests, and one request with
the owner's answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tremplin.core import history, pagination, ratelimit
from tremplin.core.permissions import get_visible_or_404, visible_or_404
from tremplin.core.views import refusal_into

from ..forms.replication import AnswerForm, ReplicationForm
from ..queries import discovery
from ..queries import replication as queries
from ..services import replication as services

PAGE_SIZE = 25


@login_required
def replicate(request, slug):
    innovation = get_visible_or_404(
        request.user,
        discovery.published_innovations().select_related("published", "owner"),
        "catalogue.replicate",
        slug=slug,
    )
    status = 200
    if request.method == "POST":
        form = ReplicationForm(request.POST)
        status = 400
        if form.is_valid():
            # A request e-mails the team: counted per account, per connection and per team.
            if not ratelimit.allow(
                request, "replication_request", recipient=innovation.owner.email
            ):
                form.add_error(None, ratelimit.TOO_MANY)
                status = 429
            else:
                try:
                    replication = services.request_replication(
                        innovation, request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    refusal_into(form, error)
                else:
                    messages.success(
                        request,
                        _("Your request is sent: the team behind this innovation will answer you."),
                    )
                    return redirect("catalogue:replication", pk=replication.pk)
    else:
        form = ReplicationForm()
    return render(
        request,
        "catalogue/replication/form.html",
        {
            "innovation": innovation,
            "version": innovation.published,
            "form": form,
            "public_path": innovation.get_absolute_url(),
            "earlier": queries.requests_of(request.user, innovation),
        },
        status=status,
    )


def _page(request, queryset):
    page = pagination.page_of(request, queryset, PAGE_SIZE)
    return page, page.elided_range


@login_required
def received(request):
    page, page_range = _page(request, queries.received_by(request.user))
    return render(
        request,
        "catalogue/replication/received.html",
        {"page": page, "page_range": page_range},
    )


@login_required
def mine(request):
    page, page_range = _page(request, queries.sent_by(request.user))
    return render(
        request,
        "catalogue/replication/mine.html",
        {"page": page, "page_range": page_range},
    )


@login_required
def detail(request, pk):
    replication = visible_or_404(request.user, queries.replication_for_page(pk))
    may_answer = request.user.has_perm("catalogue.answer_replication", replication)
    form = AnswerForm(replication=replication) if may_answer else None
    status = 200
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        form = AnswerForm(request.POST, replication=replication)
        if form.is_valid():
            try:
                services.answer_replication(
                    replication,
                    request.user,
                    outcome=form.cleaned_data["outcome"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                refusal_into(form, error)
            else:
                messages.success(request, _("Your answer is sent."))
                return redirect("catalogue:replication", pk=replication.pk)
        status = 400
    innovation = replication.innovation
    return render(
        request,
        "catalogue/replication/detail.html",
        {
            "replication": replication,
            "innovation": innovation,
            "version": innovation.published,
            "public_path": innovation.get_absolute_url(),
            "is_owner": may_answer,
            "form": form,
            "history": history.described(replication),
        },
        status=status,
    )
