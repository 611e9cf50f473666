"""Pages of the conflicts of interest: call-wide for staff (with detection), and a member's own page where they declare theirs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.applications.models import Application
from tremplin.core import pagination
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.queries import call_by_slug

from .. import membership
from ..forms.conflicts import ApplicationConflictForm, OrganisationConflictForm, PersonConflictForm
from ..models import Conflict
from ..queries import conflicts as queries
from ..queries.committee import assigned_to, language_names
from ..services import conflicts as services
from ..workflow import COMMITTEE_STATES
from .committee import MANAGE

# --- Conflicts (staff) -------------------------------------------------------------------------


@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_conflicts(request, call):
    page = pagination.page_of(request, queries.conflicts_of_call(call), 100)
    return render(
        request,
        "selection/conflicts/conflicts.html",
        {
            "call": call,
            "section": "conflicts",
            "page": page,
            "conflicts": queries.with_descriptions(page.object_list),
        },
    )


@require_POST
@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_detect(request, call):
    outcome = services.detect_conflicts(call, request.user)
    messages.success(request, detection_message(outcome))
    return redirect("selection:committee_conflicts", slug=call.slug)


def detection_message(outcome) -> str:
    parts = [
        ngettext(
            "%(count)s new conflict detected.", "%(count)s new conflicts detected.", outcome.added
        )
        % {"count": outcome.added}
    ]
    if outcome.removed:
        parts.append(
            ngettext(
                "%(count)s conflict no longer holds and was removed.",
                "%(count)s conflicts no longer hold and were removed.",
                outcome.removed,
            )
            % {"count": outcome.removed}
        )
    parts.extend(_released_messages(outcome.released))
    return " ".join(parts)


def _released_messages(released) -> list[str]:
    parts = []
    if released.removed:
        parts.append(
            ngettext(
                "%(count)s assignment was removed: the application needs another reviewer.",
                "%(count)s assignments were removed: the applications need other reviewers.",
                released.removed,
            )
            % {"count": released.removed}
        )
    if released.kept:
        parts.append(
            ngettext(
                "%(count)s submitted review is kept but no longer counts in the ranking.",
                "%(count)s submitted reviews are kept but no longer count in the ranking.",
                released.kept,
            )
            % {"count": released.kept}
        )
    return parts


@require_POST
@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_conflict_remove(request, call, conflict_pk):
    conflict = get_object_or_404(
        Conflict.objects.select_related("member"), pk=conflict_pk, member__call=call
    )
    services.remove_conflict(conflict, request.user)
    messages.success(request, _("The conflict is removed."))
    return redirect("selection:committee_conflicts", slug=call.slug)


# --- A member's seat and conflicts -------------------------------------------------------------


@permission_required("selection.view_committee", lookup="slug", load=call_by_slug)
def my_conflicts(request, call):
    seat = membership.seat(request.user, call)
    forms = {
        "application": ApplicationConflictForm(prefix="application"),
        "organisation": OrganisationConflictForm(prefix="organisation"),
        "person": PersonConflictForm(prefix="person"),
    }
    if seat is not None and request.method == "POST":
        kind = request.POST.get("kind")
        if kind in forms:
            form = type(forms[kind])(request.POST, prefix=kind)
            forms[kind] = form
            if form.is_valid() and _declare(request, call, seat, kind, form):
                return redirect("selection:my_conflicts", slug=call.slug)
    context = {"call": call, "seat": seat, "forms": forms}
    if seat is not None:
        hidden = membership.conflicted_application_ids(seat)
        context.update(
            conflicts=queries.declared_by(seat),
            assigned=assigned_to(seat, hidden),
            application_search=request.GET.get("application_q", ""),
            organisation_search=request.GET.get("organisation_q", ""),
            applications_found=queries.applications_to_declare(
                call, hidden, request.GET.get("application_q", "")
            ),
            organisations_found=queries.search_organisations(request.GET.get("organisation_q", "")),
            languages=language_names(seat.languages),
        )
    return render(request, "selection/conflicts/my_conflicts.html", context)


def _declare(request, call, seat, kind, form) -> bool:
    data = form.cleaned_data
    target = {}
    if kind == "application":
        hidden = membership.conflicted_application_ids(seat)
        application = Application.objects.filter(
            pk=data["application"], call=call, state__in=COMMITTEE_STATES
        ).first()
        if application is None or application.pk in hidden:
            messages.error(request, _("This application cannot be chosen."))
            return False
        target["application"] = application
    elif kind == "organisation":
        target["organisation"] = data["organisation"]
    else:
        target["email"] = data["email"]
    try:
        released = services.declare_conflict(seat, request.user, reason=data["reason"], **target)
    except ValidationError as error:
        refusal_into(form, error)
        return False
    if kind != "application":
        # What a conflict on a person or an organisation touched (whether the address has an
        # account, how many of the member's applications are theirs) is not said: the member
        # could otherwise probe addresses and names, and undo a blind review.
        messages.success(
            request,
            _(
                "Your conflict of interest is recorded. Every application it concerns, now or "
                "later, is taken off your list and no longer shown to you; a review you "
                "already submitted of one is kept but no longer counts."
            ),
        )
        return True
    parts = [_("Your conflict of interest is recorded.")]
    if released.removed:
        parts.append(
            ngettext(
                "%(count)s application was taken off your list; staff will give it another "
                "reviewer.",
                "%(count)s applications were taken off your list; staff will give them other "
                "reviewers.",
                released.removed,
            )
            % {"count": released.removed}
        )
    if released.kept:
        parts.append(
            ngettext(
                "Your submitted review of it is kept but no longer counts in the ranking.",
                "Your %(count)s submitted reviews concerned are kept but no longer count in the "
                "ranking.",
                released.kept,
            )
            % {"count": released.kept}
        )
    messages.success(request, " ".join(parts))
    return True
