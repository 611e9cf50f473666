"""Public pages about calls for projects."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tremplin.accounts.models import Organisation

from . import queries


def call_list(request):
    now = timezone.now()
    return render(
        request,
        "programmes/call_list.html",
        {
            "open_calls": list(queries.open_calls(now)),
            "upcoming_calls": list(queries.upcoming_calls(now)),
            "past_calls": list(queries.past_calls(now)[:30]),
        },
    )


def call_detail(request, slug):
    call = get_object_or_404(
        queries.calls_for_listing().prefetch_related("programme__partners"), slug=slug
    )
    kinds = dict(Organisation.Kind.choices)
    return render(
        request,
        "programmes/call_detail.html",
        {
            "call": call,
            "programme": call.programme,
            "kinds": [kinds[k] for k in call.eligible_organisation_kinds if k in kinds],
        },
    )
