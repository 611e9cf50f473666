"""Staff pages of applications: the list of a call (or of every call) with filters, search,
sorting, bulk actions and exports; the page of one application with its answers, files,
screening checklist, transitions, requests for information, internal notes, deadline
extension and history."""

from __future__ import annotations

import datetime
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tremplin.core import spreadsheets
from tremplin.core.permissions import permission_required
from tremplin.programmes.models import Call

from . import queries, services, team_queries
from .models import Application, Attachment, State
from .staff_forms import (
    ApplicationFilterForm,
    BulkActionForm,
    ExtensionForm,
    NoteForm,
    ScreeningForm,
    TransitionForm,
)
from .workflow import APPLICATION_WORKFLOW, STAFF_TRANSITIONS

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
    own = team_queries.authored_application_ids(request.user, call)
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
        "applications/staff/list.html",
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


# --- One application ---------------------------------------------------------------------------

HISTORY_ACTIONS = {
    "started": gettext_lazy("Application started"),
    "answers_saved": gettext_lazy("Answers saved"),
    "file_uploaded": gettext_lazy("File added"),
    "file_deleted": gettext_lazy("File removed"),
    "resubmitted": gettext_lazy("Submitted again after changes"),
    "information_provided": gettext_lazy("Information provided"),
    "co_applicant_invited": gettext_lazy("Co-applicant invited"),
    "co_applicant_joined": gettext_lazy("Co-applicant joined"),
    "co_applicant_removed": gettext_lazy("Co-applicant removed"),
    "deadline_extended": gettext_lazy("Individual deadline granted"),
    "screening_checked": gettext_lazy("Eligibility checklist saved"),
}


def _history_rows(application):
    states = dict(State.choices)
    transitions = APPLICATION_WORKFLOW.transitions
    rows = []
    for entry in queries.history(application):
        action = entry.action
        if action.startswith("transition:") and action[11:] in transitions:
            label = transitions[action[11:]].label
        else:
            label = HISTORY_ACTIONS.get(action, action)
        details = []
        data = entry.data or {}
        if data.get("file"):
            details.append(str(data["file"]))
        if data.get("email"):
            details.append(str(data["email"]))
        if data.get("until"):
            try:
                until = datetime.datetime.fromisoformat(data["until"])
                details.append(
                    timezone.localtime(until, application.call.tz).strftime("%Y-%m-%d %H:%M")
                    + f" ({application.call.time_zone})"
                )
            except (TypeError, ValueError):
                details.append(str(data["until"]))
        rows.append(
            {
                "entry": entry,
                "label": label,
                "from": states.get(entry.from_state, entry.from_state),
                "to": states.get(entry.to_state, entry.to_state),
                "details": ", ".join(details),
            }
        )
    return rows


def _staff_transitions(application, person):
    return [
        t
        for t in APPLICATION_WORKFLOW.available(application, person)
        if t.name in STAFF_TRANSITIONS
    ]


def _render_detail(request, application, *, bound=None, status=200):
    """The application page; `bound` replaces a form by the one that was just refused, so that
    what was typed is kept and the error is shown next to its field."""
    bound = bound or {}
    user = request.user
    screening_rows = queries.screening_rows(application)
    transition_forms = [
        bound.get(f"transition:{t.name}") or TransitionForm(transition=t)
        for t in _staff_transitions(application, user)
    ]
    can_view_notes = user.has_perm("applications.view_notes", application)
    context = {
        "application": application,
        "call": application.call,
        "steps": queries.answers_by_step(application),
        "unsubmitted_changes": services.has_unsubmitted_changes(application),
        "co_applicants": list(queries.co_applicants(application)),
        "information_requests": list(queries.information_requests(application)),
        "transition_forms": transition_forms,
        "screening_form": bound.get("screening") or ScreeningForm(rows=screening_rows),
        "can_screen": user.has_perm("applications.screen_application", application),
        "notes": list(queries.notes(application)) if can_view_notes else [],
        "can_view_notes": can_view_notes,
        "note_form": bound.get("note") or NoteForm(),
        "can_add_note": user.has_perm("applications.add_note", application),
        "extension_form": bound.get("extension")
        or ExtensionForm(call=application.call, current=application.deadline_extended_to),
        "can_extend": user.has_perm("applications.grant_extension", application),
        "deadline": application.deadline,
        "history": _history_rows(application),
    }
    return render(request, "applications/staff/detail.html", context, status=status)


@permission_required("applications.screen_application", Application)
def detail(request, pk):
    return _render_detail(request, queries.application_for_staff(pk))


def _back(application, anchor=""):
    url = reverse("applications_staff:detail", kwargs={"pk": application.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@permission_required("applications.screen_application", Application)
def fire_transition(request, pk):
    application = queries.application_for_staff(pk)
    name = request.POST.get("transition", "")
    if name not in STAFF_TRANSITIONS:
        messages.error(request, _("This action does not exist."))
        return _render_detail(request, application, status=400)
    transition = APPLICATION_WORKFLOW.transitions[name]
    form = TransitionForm(request.POST, transition=transition)
    if form.is_valid():
        try:
            services.transition(
                application, request.user, name, form.cleaned_data.get("reason", "")
            )
        except (ValidationError, PermissionDenied) as error:
            why = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            messages.error(
                request,
                _("“%(action)s” was not applied: %(why)s")
                % {"action": transition.label, "why": why or _("You are not allowed to do this.")},
            )
            application = queries.application_for_staff(pk)
        else:
            messages.success(request, _("“%(action)s”: done.") % {"action": transition.label})
            return _back(application, "decision")
    else:
        messages.error(
            request, _("“%(action)s” was not applied: see below.") % {"action": transition.label}
        )
    return _render_detail(request, application, bound={f"transition:{name}": form})


@require_POST
@permission_required("applications.screen_application", Application)
def save_screening(request, pk):
    application = queries.application_for_staff(pk)
    form = ScreeningForm(request.POST, rows=queries.screening_rows(application))
    if form.is_valid():
        services.save_screening(application, request.user, form.checks())
        messages.success(request, _("The eligibility checklist is saved."))
        return _back(application, "screening")
    messages.error(request, _("The checklist was not saved: see below."))
    return _render_detail(request, application, bound={"screening": form})


@require_POST
@permission_required("applications.add_note", Application)
def add_note(request, pk):
    application = queries.application_for_staff(pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(application, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("The note is added."))
            return _back(application, "notes")
    return _render_detail(request, application, bound={"note": form})


@require_POST
@permission_required("applications.grant_extension", Application)
def grant_extension(request, pk):
    application = queries.application_for_staff(pk)
    form = ExtensionForm(request.POST, call=application.call)
    if form.is_valid():
        try:
            services.grant_extension(application, request.user, form.cleaned_data["until"])
        except ValidationError as error:
            form.add_error("until", error)
        else:
            messages.success(
                request,
                _("The deadline of this application is now %(deadline)s (%(zone)s).")
                % {
                    "deadline": timezone.localtime(
                        form.cleaned_data["until"], application.call.tz
                    ).strftime("%Y-%m-%d %H:%M"),
                    "zone": application.call.time_zone,
                },
            )
            return _back(application, "deadline")
    return _render_detail(request, application, bound={"extension": form})


@permission_required("applications.screen_application", Application)
def attachment(request, pk, attachment_pk):
    """A file of the application, always downloaded (never shown inline), with the type that
    was checked from its content when it was uploaded."""
    item = get_object_or_404(Attachment, pk=attachment_pk, application_id=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type or "application/octet-stream",
    )
