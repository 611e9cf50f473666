"""Pages of the selection committee: the ranking of a call (raw and calibrated scores side by
side, disagreements, the selection line, the inclusive tie-break and why each application
moved, the representation of regions and business lines), its CSV export, and the staff's
tie-break policy. A viewer never sees an application they are in conflict with."""

from __future__ import annotations

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tremplin.core import charts, pagination
from tremplin.core.permissions import permission_required
from tremplin.core.spreadsheets import csv_chunks
from tremplin.programmes.models import Call
from tremplin.programmes.queries import call_by_slug

from .. import tiebreak, visibility
from ..forms.ranking import RankingFilterForm, TieBreakPolicyForm
from ..queries import ranking as queries
from ..queries import settings
from ..services import ranking as services

# Rows per page: a call of 2,000 applications would otherwise make a page of 1.5 MB.
PAGE_SIZE = 250
VIEW = "selection.view_ranking"
MANAGE = "selection.manage_committee"

SERIES_LABELS = {
    "applications": gettext_lazy("Applications"),
    "shortlisted": gettext_lazy("Shortlisted"),
    "selected": gettext_lazy("Selected"),
    "past_laureates": gettext_lazy("Past laureates"),
}


def _ranking(person, call):
    """The ranking as `person` may see it: never an application they are in conflict with, the
    figures of the others as visibility.py allows."""
    sight = visibility.sight(person, call)
    return queries.ranking(call, sight.hidden, sight)


def _filters(request, call, ranking):
    calls = Call.objects.filter(season_id=call.season_id).select_related("programme")
    form = RankingFilterForm(
        request.GET or None,
        calls=calls.order_by("programme__slug"),
        regions=[(row.code, row.label) for row in ranking.regions if row.code],
        business_lines=[(row.code, row.label) for row in ranking.business_lines],
        current=call.slug,
    )
    return form, form.filters()


def _chart(rows, rtl: bool) -> charts.Chart:
    """Per region or business line: a bar of applications, and a bar of the portfolio."""
    return charts.chart(
        rows,
        SERIES_LABELS,
        rtl,
        single="applications",
        stacked=("past_laureates", "shortlisted", "selected"),
    )


@permission_required(VIEW, lookup="slug", load=call_by_slug)
def ranking(request, call):
    return _page(request, call)


def _page(request, call, policy_form=None, status=200):
    result = _ranking(request.user, call)
    form, filters = _filters(request, call, result)
    if filters["programme"] and filters["programme"] != call.slug:
        query = {k: filters[k] for k in ("region", "business_line") if filters[k]}
        address = reverse("selection:ranking", kwargs={"slug": filters["programme"]})
        return redirect(f"{address}?{urlencode(query)}" if query else address)
    rows = queries.filtered(result, filters["region"], filters["business_line"])
    page = pagination.page_of(request, rows, PAGE_SIZE)
    line_page = next((i // PAGE_SIZE + 1 for i, row in enumerate(rows) if row.line_before), None)
    can_manage = request.user.has_perm(MANAGE, call)
    if can_manage and policy_form is None:
        policy_form = TieBreakPolicyForm(instance=settings.for_form(call))
    rtl = translation.get_language_bidi()
    context = {
        "call": call,
        "ranking": result,
        "rows": page.object_list,
        "page": page,
        "page_range": page.elided_range,
        "line_page": line_page,
        "filtered": bool(filters["region"] or filters["business_line"]),
        "form": form,
        "policy_form": policy_form if can_manage else None,
        "tiebreak_message": _tiebreak_message(result),
        "region_chart": _chart(result.regions, rtl),
        "line_chart": _chart(result.business_lines, rtl),
        "export_query": request.GET.urlencode(),
        "level": round(result.calibration.level * 100),
    }
    return render(request, "selection/ranking/ranking.html", context, status=status)


def _tiebreak_message(result) -> str:
    status = result.tiebreak_status
    if status == tiebreak.NOT_COUNTED:
        return _(
            "Regional representativeness does not count in the selection of this programme "
            "(the promise of impact comes first): the tie-break moves nothing."
        )
    if status == tiebreak.POLICY_NONE:
        return _("The call's policy is “no tie-break”: the ranking follows the scores.")
    if status == queries.NEEDS_CALIBRATION:
        return _(
            "The tie-break works on calibrated scores: nothing moves until the reviews support "
            "calibration."
        )
    if status == tiebreak.NO_LINE:
        return _(
            "There is no selection line (no number of places, or no more applications than "
            "places): the tie-break moves nothing."
        )
    if status == tiebreak.NEEDS_INTERVAL:
        return _("The interval policy needs calibrated intervals: nothing moves.")
    if not result.tiebreak.moves:
        return _(
            "No application moved: no two applications of the band differ in how their region "
            "and business lines are represented."
        )
    return ""


@require_POST
@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def ranking_policy(request, call):
    form = TieBreakPolicyForm(request.POST, instance=settings.for_form(call))
    if not form.is_valid():
        messages.error(request, _("The tie-break policy was not saved: see the form."))
        return _page(request, call, policy_form=form, status=400)
    services.set_tie_break_policy(call, request.user, form.cleaned_data)
    messages.success(request, _("The tie-break policy is saved."))
    return redirect(reverse("selection:ranking", kwargs={"slug": call.slug}) + "#policy")


@permission_required(VIEW, lookup="slug", load=call_by_slug)
def ranking_export(request, call):
    """The ranking as the page shows it to this viewer (same filters, same conflicts, same
    figures withheld), CSV."""
    result = _ranking(request.user, call)
    _form, filters = _filters(request, call, result)
    rows = queries.filtered(result, filters["region"], filters["business_line"])
    header = [
        _("Position"),
        _("Reference"),
        _("Project"),
        _("Organisation"),
        _("Region"),
        _("Business lines"),
        _("Status"),
        _("Reviews"),
        _("Mean"),
        _("Median"),
        _("Standard deviation"),
        _("Lowest score"),
        _("Highest score"),
        _("Calibrated score"),
        _("Interval, low"),
        _("Interval, high"),
        _("Above the selection line"),
        _("In the tie-break band"),
        _("Places moved by the tie-break"),
        _("Why it moved"),
        _("Disagreement"),
    ]

    def number(value):
        return "" if value is None else f"{value:.3f}"

    def lines():
        for row in rows:
            calibrated = row.calibrated
            yield [
                row.position or "",
                row.reference,
                row.title,
                row.organisation,
                row.region_label,
                row.business_line_labels,
                row.state_label,
                "" if row.withheld else row.raw.count,
                number(row.raw.mean),
                number(row.raw.median),
                number(row.raw.std),
                number(row.raw.low),
                number(row.raw.high),
                number(calibrated.theta if calibrated else None),
                number(calibrated.low if calibrated else None),
                number(calibrated.high if calibrated else None),
                _("yes") if row.above_line else _("no"),
                _("yes") if row.in_band else _("no"),
                row.moved or "",
                row.explanation,
                "; ".join(row.disagreement),
            ]

    response = StreamingHttpResponse(
        csv_chunks(header, lines()), content_type="text/csv; charset=utf-8"
    )
    name = f"ranking-{call.slug}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
