"""The bidding page: a member says which applications they would like to review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.queries import call_by_slug

from .. import membership
from ..forms.bidding import BidsForm
from ..queries import bidding as queries
from ..queries import settings
from ..services import bidding as services

# --- Bidding -----------------------------------------------------------------------------------


@permission_required("selection.bid", lookup="slug", load=call_by_slug)
def bids(request, call):
    seat = membership.seat(request.user, call)
    blind = settings.of(call).blind_review
    page_number = request.POST.get("page") or request.GET.get("page")
    page, rows = queries.bidding_page(call, seat, blind, page_number)
    form = BidsForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.save_bids(seat, request.user, form.preferences())
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your preferences are saved (%(count)s change).",
                    "Your preferences are saved (%(count)s changes).",
                    changed,
                )
                % {"count": changed},
            )
            url = reverse("selection:bids", kwargs={"slug": call.slug})
            if page.number > 1:
                url += f"?page={page.number}"
            return redirect(url)
    return render(
        request,
        "selection/bidding/bids.html",
        {"call": call, "seat": seat, "page": page, "rows": rows, "form": form, "blind": blind},
    )
