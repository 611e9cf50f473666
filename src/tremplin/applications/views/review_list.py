"""The staff list of applications (of one call, or of every call) with filters, search,
sorting and bulk actions, and its exports."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tremplin.core import spreadsheets
from tremplin.core.permissions import permission_required
from tremplin.programmes.models import Call

from .. import services
from ..forms.review_list import ApplicationFilterForm, BulkActionForm
from ..models import Application, State
from ..queries import review_list as queries
from ..queries.team import authored_application_ids
from ..workflow import APPLICATION_WORKFLOW

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# --- Lists -------------------------------------------------------------------------------------


@permission_required("applications.list_applications", Call, lookup="slug")
def call_applications(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme", "season"), slug=slug)
    return _application_list(request, call)


@permission_required("applications.list_applications")
def all_applications(request):
    return _application_list(request, None)


def _application_list(request, call):
    """GET: the list. POST: a bulk action on the selected rows, then back to the same list."""
    bulk_form = None
    if request.method == "POST":
        if not request.user.has_perm("applications.screen_application"):
            raise PermissionDenied
        bulk_form = BulkActionForm(request.POST)
        if bulk_form.is_valid():
            _bulk(request, call, bulk_form.cleaned_data)
            return redirect(request.get_full_path())
        messages.error(request, _("The action was not applied: see the form below the list."))
    choices = queries.filter_choices(call)
    form = ApplicationFilterForm(request.GET or None, choices=choices, call=call)
    filters = form.filters()
    page, rows = queries.list_page(queries.staff_applications(filters), request.GET.get("page"))
    # Labels read once for the page, not once per row.
    lines = choices.business_line_labels
    states = {value: str(label) for value, label in State.choices}
    kinds = dict(choices.organisation_kinds)
    # After a refused bulk action, the rows stay selected.
    selected = set(bulk_form.cleaned_data.get("applications") or []) if bulk_form else set()
    # A staff member's own applications are listed but neither opened nor acted on (four eyes).
    own = authored_application_ids(request.user, call)
    for application in rows:
        application.is_own = application.pk in own
        application.business_line_labels = [
            lines.get(choice.value, choice.value) for choice in application.business_line_choices
        ]
        application.state_label = states.get(application.state, application.state)
        application.kind_label = kinds.get(application.organisation_kind, "")
        application.is_selected = application.pk in selected
    return render(
        request,
        "applications/review_list/list.html",
        {
            "call": call,
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "page_range": page.elided_range,
            "bulk_form": bulk_form or BulkActionForm(),
            "can_act": request.user.has_perm("applications.screen_application"),
            "can_export": request.user.has_perm("applications.export_applications", call),
            "sort": filters.sort,
            "columns": _sort_columns(request, filters.sort, with_call=call is None),
        },
    )


def _sort_columns(request, sort: str, with_call: bool) -> list[dict]:
    """The list's column headings: each sortable one links to the list sorted by it (the same
    column again reverses the order) and says how the list is sorted now."""
    columns = [
        ("reference", _("Reference"), None),
        ("title", _("Project"), "title"),
        ("applicant", _("Applicant"), None),
        ("organisation", _("Organisation"), None),
        ("region", _("Region"), "region"),
        ("business_lines", _("Business lines"), None),
        ("status", _("Status"), "status"),
        ("submitted", _("Submitted"), "submitted"),
    ]
    if with_call:
        columns.insert(1, ("call", _("Call"), None))
    result = []
    for name, label, key in columns:
        column = {"name": name, "label": label, "href": None, "aria_sort": None}
        if key is not None:
            params = request.GET.copy()
            params.pop("page", None)
            params["sort"] = f"-{key}" if sort == key else key
            column["href"] = f"?{params.urlencode()}"
            if sort == key:
                column["aria_sort"] = "ascending"
            elif sort == f"-{key}":
                column["aria_sort"] = "descending"
        result.append(column)
    return result


def _bulk(request, call, data) -> None:
    ids = data["applications"]
    selected = Application.objects.filter(pk__in=ids).select_related("call")
    if call is not None:
        selected = selected.filter(call=call)
    selected = list(selected.order_by("pk"))
    outcome = services.bulk_transition(selected, request.user, data["transition"], data["reason"])
    label = APPLICATION_WORKFLOW.transitions[data["transition"]].label
    if outcome.done:
        messages.success(
            request,
            ngettext(
                "“%(action)s”: done for %(count)s application.",
                "“%(action)s”: done for %(count)s applications.",
                len(outcome.done),
            )
            % {"action": label, "count": len(outcome.done)},
        )
    missing = len(ids) - len(selected)
    refused = len(outcome.refused) + missing
    if refused:
        messages.error(
            request,
            ngettext(
                "“%(action)s”: %(count)s application was not changed:",
                "“%(action)s”: %(count)s applications were not changed:",
                refused,
            )
            % {"action": label, "count": refused},
        )
        for application, why in outcome.refused:
            messages.error(
                request,
                _("%(reference)s (%(name)s): %(why)s")
                % {"reference": application.reference, "name": application, "why": why},
            )
        if missing:
            messages.error(
                request,
                ngettext(
                    "%(count)s selected application is not in this list.",
                    "%(count)s selected applications are not in this list.",
                    missing,
                )
                % {"count": missing},
            )


# --- Exports -----------------------------------------------------------------------------------


@permission_required("applications.export_applications", Call, lookup="slug")
def call_export(request, slug, fmt):
    call = get_object_or_404(Call.objects.select_related("programme", "season"), slug=slug)
    return _export(request, call, fmt)


@permission_required("applications.export_applications")
def export_all(request, fmt):
    return _export(request, None, fmt)


def _export(request, call, fmt):
    """The filtered list (every page, in the list's order) as a file: CSV streamed as it is
    read, XLSX written row by row to a temporary file."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    choices = queries.filter_choices(call)
    filters = ApplicationFilterForm(request.GET or None, choices=choices, call=call).filters()
    applications = queries.staff_applications(filters)
    questions = queries.export_questions(call)
    reader = queries.AnswerReader(questions)
    header = queries.export_header(questions, with_call=call is None)
    rows = queries.export_rows(applications, questions, reader)
    stem = call.slug if call is not None else "applications"
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            _in_language(translation.get_language(), spreadsheets.csv_chunks(header, rows)),
            content_type=EXPORT_FORMATS["csv"],
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    spreadsheets.write_xlsx(target, header, rows, sheet=_("Applications"))
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=filename, content_type=EXPORT_FORMATS["xlsx"]
    )


def _in_language(language, chunks):
    """Stream `chunks` with the staff member's language active, even after the view has
    returned."""
    with translation.override(language):
        yield from chunks
