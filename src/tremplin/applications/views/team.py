"""The team of an application: the lead invites and removes co-applicants; an invited person
joins by the link they received."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core import ratelimit
from tremplin.core.permissions import require

from .. import services
from ..forms.team import InviteForm
from ..models import CoApplicant
from ._access import application_for, joined


@login_required
def team(request, pk):
    application = application_for(request, pk)
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
                    form.add_error("email", joined(error))
                else:
                    messages.success(request, _("The invitation is sent."))
                    return redirect("applications:team", pk=pk)
    return render(
        request,
        "applications/team/team.html",
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
    application = application_for(request, pk, "applications.invite_co_applicant")
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
            messages.error(request, joined(error))
        else:
            messages.success(request, _("You have joined the application."))
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/team/join.html", {"invitation": invitation})
