"""Pages of abuse reports: "Report a problem with this record" (anyone, rate-limited, with a
honeypot), the moderators' list of open reports, and the handling of one report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tremplin.core import pagination, ratelimit
from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from ..forms.reports import HandleReportForm, ReportForm
from ..models import AbuseReport, Innovation
from ..queries import reports as queries
from ..services import reports as services

PAGE_SIZE = 50
# Abuse reports accepted from one client address per hour.
REPORTS_PER_HOUR = 5
REPORT_RATE = ratelimit.Rate(REPORTS_PER_HOUR, 3600)


def report(request, slug):
    innovation = get_object_or_404(
        Innovation.objects.select_related("published"), slug=slug, published__isnull=False
    )
    if not request.user.has_perm("catalogue.report_abuse", innovation):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.cleaned_data["website"]:
                # A robot filled the hidden field: thank it and keep nothing.
                messages.success(
                    request, _("Thank you: the moderation team will read your report.")
                )
                return redirect(innovation)
            if not ratelimit.consume(request, "catalogue-report", per_address=REPORT_RATE):
                form.add_error(
                    None,
                    _(
                        "Too many reports were sent from your connection. Please try again in "
                        "an hour; what you wrote is kept below."
                    ),
                )
                status = 429
            else:
                try:
                    services.report_abuse(
                        innovation, request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    refusal_into(form, error)
                    status = 400
                else:
                    messages.success(
                        request, _("Thank you: the moderation team will read your report.")
                    )
                    return redirect(innovation)
        else:
            status = 400
    return render(
        request,
        "catalogue/reports/report.html",
        {
            "innovation": innovation,
            "version": innovation.published,
            "form": form,
            "public_path": innovation.get_absolute_url(),
        },
        status=status,
    )


@permission_required("catalogue.handle_reports")
def reports(request):
    page = pagination.page_of(request, queries.open_reports(), PAGE_SIZE)
    return render(
        request,
        "catalogue/reports/reports.html",
        {
            "page": page,
            "page_range": page.elided_range,
            "handled": list(queries.recently_handled_reports()),
        },
    )


@permission_required("catalogue.handle_reports")
def report_handle(request, pk):
    item = queries.report_to_handle(pk)
    if item is None:
        raise Http404
    form = HandleReportForm(request.POST or None)
    if request.method == "POST" and item.handled_at is None and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["action"] == HandleReportForm.TAKE_DOWN:
                services.take_down_for_report(item, request.user, reason=note)
                messages.success(request, _("The record is offline. Its owner has been told."))
            else:
                services.dismiss_report(item, request.user, note=note)
                messages.success(request, _("The report is closed; the record stays online."))
        except ValidationError as error:
            refusal_into(form, error)
        else:
            return redirect("catalogue:reports")
    others = (
        AbuseReport.objects.filter(innovation=item.innovation)
        .exclude(pk=item.pk)
        .select_related("handled_by")
        .order_by("-created_at")
    )
    return render(
        request,
        "catalogue/reports/report_handle.html",
        {
            "report": item,
            "innovation": item.innovation,
            "form": form,
            "others": list(others),
            "public_path": item.innovation.get_absolute_url(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
