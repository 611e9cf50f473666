"""The follow-up journal of a project: check-ins scheduled, written, changed and cancelled."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from .. import forms, queries
from ..models import (
    CheckIn,
    LaureateProject,
)
from ..services import journal
from ._common import PERMS, project_or_404, project_url


def _check_in_initial(check_in: CheckIn | None) -> dict:
    if check_in is None:
        return {"happens_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)}
    return {
        "kind": check_in.kind,
        "happens_at": timezone.localtime(check_in.happens_at).replace(tzinfo=None),
        "participants": list(check_in.participants.all()),
        "participants_text": check_in.participants_text,
        "notes": check_in.notes,
        "decisions": check_in.decisions,
        "next_steps": check_in.next_steps,
    }


def _write_check_in(request, project, check_in):
    form = forms.CheckInForm(
        request.POST or None, project=project, initial=_check_in_initial(check_in)
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = journal.write_check_in(
                project, request.user, check_in=check_in, **form.cleaned_data
            )
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The follow-up journal is saved."))
            return redirect(project_url(project, f"check-in-{saved.pk}")), form
    return None, form


@permission_required(PERMS["journal"], LaureateProject, lookup="slug")
def journal_page(request, slug):
    project = project_or_404(slug)
    can_write = request.user.has_perm(PERMS["write_journal"], project)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    done, form = _write_check_in(request, project, None) if can_write else (None, None)
    if done is not None:
        return done
    return render(
        request,
        "acceleration/journal/journal.html",
        {"project": project, "form": form, "check_ins": queries.journal_of(project)},
    )


@permission_required(PERMS["write_journal"], LaureateProject, lookup="slug")
def check_in(request, slug, pk):
    project = project_or_404(slug)
    entry = get_object_or_404(CheckIn, project=project, pk=pk)
    if entry.state == CheckIn.State.CANCELLED:
        messages.error(request, _("This check-in is cancelled."))
        return redirect(project_url(project, f"check-in-{entry.pk}"))
    done, form = _write_check_in(request, project, entry)
    if done is not None:
        return done
    return render(
        request,
        "acceleration/journal/check_in_form.html",
        {"project": project, "form": form, "check_in": entry},
    )


@require_POST
@permission_required(PERMS["write_journal"], LaureateProject, lookup="slug")
def check_in_cancel(request, slug, pk):
    project = project_or_404(slug)
    entry = get_object_or_404(CheckIn, project=project, pk=pk)
    try:
        journal.cancel_check_in(entry, request.user, request.POST.get("reason", ""))
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(request, _("The check-in is cancelled."))
    return redirect(project_url(project, "journal"))
