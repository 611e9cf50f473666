"""Profile, declarations of membership and affiliation, and the staff's verification queues."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.middleware import remember_language
from tremplin.core.permissions import permission_required

from . import queries, services
from .forms import (
    AffiliationDecisionForm,
    AffiliationForm,
    DecisionForm,
    MembershipForm,
    ProfileForm,
)
from .models import Affiliation, Membership


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        remember_language(request, response, request.user.preferred_language)
        return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": queries.memberships_of(request.user),
            "affiliations": queries.affiliations_of(request.user),
        },
    )


@login_required
def declare_membership(request):
    form = MembershipForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_membership(request.user, **form.cleaned_data)
        except IntegrityError:
            form.add_error(
                "identifier",
                _(
                    "This identifier is already declared for this national society. "
                    "Check it, or contact the accelerator team."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "Your membership is declared. The accelerator team will verify it; "
                    "you will see the result on your home page."
                ),
            )
            return redirect("home:home")
    return render(request, "accounts/declare_membership.html", {"form": form})


@login_required
def declare_affiliation(request):
    form = AffiliationForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_affiliation(request.user, **form.cleaned_data)
        except IntegrityError:  # declared twice at once: the first one stands
            form.add_error(
                None, _("You have already declared an affiliation with this organisation.")
            )
        else:
            messages.success(
                request,
                _(
                    "Your affiliation is declared. The accelerator team will verify it; "
                    "you will see the result on your profile."
                ),
            )
            return redirect("accounts:profile")
    return render(request, "accounts/declare_affiliation.html", {"form": form})


@require_POST
@login_required
def withdraw_affiliation(request, pk):
    """The owner withdraws a declaration not verified yet (someone else's is not found)."""
    affiliation = get_object_or_404(Affiliation, pk=pk, person=request.user)
    try:
        services.decide_affiliation(affiliation, request.user, "withdraw")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your declaration is withdrawn."))
    return redirect("accounts:profile")


# --- The staff's verification queues: memberships and affiliations alike ------------------------


@permission_required("accounts.list_memberships")
def membership_queue(request):
    return _queue(
        request,
        Membership.objects.select_related("person", "national_society", "decided_by"),
        "accounts/membership_queue.html",
        "memberships",
        DecisionForm(),
    )


@require_POST
@permission_required("accounts.verify_membership")
def decide_membership(request, pk):
    return _decide(
        request,
        get_object_or_404(Membership, pk=pk),
        DecisionForm(request.POST),
        services.decide_membership,
        "accounts:membership_queue",
    )


@permission_required("accounts.list_affiliations")
def affiliation_queue(request):
    return _queue(
        request,
        Affiliation.objects.select_related("person", "organisation", "decided_by"),
        "accounts/affiliation_queue.html",
        "affiliations",
        AffiliationDecisionForm(),
    )


@require_POST
@permission_required("accounts.verify_affiliation")
def decide_affiliation(request, pk):
    return _decide(
        request,
        get_object_or_404(Affiliation, pk=pk),
        AffiliationDecisionForm(request.POST),
        services.decide_affiliation,
        "accounts:affiliation_queue",
    )


def _queue(request, declarations, template: str, name: str, form):
    """The declarations in one state (pending by default), oldest first."""
    State = declarations.model.State
    state = request.GET.get("state", State.PENDING)
    if state not in State.values:
        state = State.PENDING
    return render(
        request,
        template,
        {
            name: declarations.filter(state=state).order_by("declared_at")[:200],
            "state": state,
            "states": State.choices,
            "form": form,
        },
    )


def _decide(request, declaration, form, decide, queue: str):
    if form.is_valid():
        try:
            decide(
                declaration, request.user, form.cleaned_data["decision"], form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Decision recorded for %(person)s.") % {"person": declaration.person}
            )
    else:
        messages.error(request, _("Choose a decision."))
    return redirect(queue)


# --- Interface language ------------------------------------------------------------------------


def _safe_next(request) -> str:
    """Where to go back after switching the language: the page the switch was on, when it is
    one of ours."""
    for candidate in (request.POST.get("next"), request.META.get("HTTP_REFERER")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("home:home")


@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and, for a signed-in person,
    in their profile so that it follows them to another device."""
    language = (request.POST.get("language") or "").strip()
    response = HttpResponseRedirect(_safe_next(request))
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("This language is not available. Choose one of the list."))
        return response
    remember_language(request, response, language)
    if request.user.is_authenticated:
        services.set_preferred_language(request.user, language)
    return response
