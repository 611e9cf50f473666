"""Profile, membership declaration, and the staff's verification queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required

from . import queries, services
from .forms import DecisionForm, MembershipForm, ProfileForm
from .models import Membership


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        from tremplin.core.middleware import remember_language

        remember_language(request, response, request.user.preferred_language)
        return response
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "memberships": queries.memberships_of(request.user)},
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
            return redirect("core:home")
    return render(request, "accounts/declare_membership.html", {"form": form})


@permission_required("accounts.list_memberships")
def membership_queue(request):
    state = request.GET.get("state", Membership.State.PENDING)
    if state not in Membership.State.values:
        state = Membership.State.PENDING
    memberships = (
        Membership.objects.filter(state=state)
        .select_related("person", "national_society", "decided_by")
        .order_by("declared_at")[:200]
    )
    return render(
        request,
        "accounts/membership_queue.html",
        {
            "memberships": memberships,
            "state": state,
            "states": Membership.State.choices,
            "form": DecisionForm(),
        },
    )


@require_POST
@permission_required("accounts.verify_membership")
def decide_membership(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_membership(
                membership, request.user, form.cleaned_data["decision"], form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Decision recorded for %(person)s.") % {"person": membership.person}
            )
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("accounts:membership_queue")
