"""The staff page of one application: its answers and files, the eligibility checklist,
transitions, requests for information, internal notes, deadline extension and history."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required

from .. import services
from ..forms.screening import ExtensionForm, NoteForm, ScreeningForm, TransitionForm
from ..models import Application, Attachment, State
from ..queries import answers as answer_queries
from ..queries import screening as queries
from ..queries.team import co_applicants
from ..workflow import APPLICATION_WORKFLOW, STAFF_TRANSITIONS

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
        "steps": answer_queries.answers_by_step(application),
        "unsubmitted_changes": services.has_unsubmitted_changes(application),
        "co_applicants": list(co_applicants(application)),
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
    return render(request, "applications/screening/detail.html", context, status=status)


@permission_required("applications.screen_application", Application)
def detail(request, pk):
    return _render_detail(request, queries.application_for_staff(pk))


def _back(application, anchor=""):
    url = reverse("applications:screening", kwargs={"pk": application.pk})
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
