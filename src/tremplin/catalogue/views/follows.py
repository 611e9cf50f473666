"""Pages of follows: the Follow and Stop following buttons, and "What I follow"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.follows import FollowForm
from ..models import Follow
from ..queries import follows as queries
from ..services import follows as services


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def follow(request):
    if not request.user.is_authenticated:
        return redirect_to_login(_back(request, reverse("catalogue:my_follows")))
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("There is nothing to follow here."))
    else:
        _item, created = services.follow(
            request.user, form.cleaned_data["kind"], form.cleaned_data["value"]
        )
        if created:
            messages.success(
                request, _("Followed. You will receive a weekly digest of what is new.")
            )
        else:
            messages.info(request, _("You already follow this."))
    return redirect(_back(request, reverse("catalogue:my_follows")))


@require_POST
def unfollow(request):
    if not request.user.is_authenticated:
        return redirect_to_login(_back(request, reverse("catalogue:my_follows")))
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    if services.unfollow(request.user, kind, value):
        messages.success(request, _("You no longer follow this."))
    return redirect(_back(request, reverse("catalogue:my_follows")))


@login_required
def my_follows(request):
    follows = queries.with_labels(queries.follows_of(request.user))
    return render(
        request,
        "catalogue/follows/my_follows.html",
        {"follows": follows, "kinds": Follow.Kind},
    )
