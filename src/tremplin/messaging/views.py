"""The inbox of each person; the staff pages for the wording of the notices (a call's own and
the platform's). (A call's mailings are applications' pages.)"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core import pagination
from tremplin.core.permissions import permission_required, visible_or_404
from tremplin.core.views import refusal_into

from . import queries, registry, services
from .forms import WordingForm
from .models import MessageTemplate
from .registry import CALL, PLATFORM, Notice

INBOX_PAGE_SIZE = 20


# --- Inbox ------------------------------------------------------------------------------------


@permission_required("messaging.read_inbox")
def inbox(request):
    page = pagination.page_of(request, queries.inbox_of(request.user), INBOX_PAGE_SIZE)
    return render(request, "messaging/inbox.html", {"page": page})


@permission_required("messaging.read_inbox")
def message_detail(request, pk):
    message = visible_or_404(request.user, queries.message_of(request.user, pk))
    was_unread = message.read_at is None
    services.mark_read(message, request.user)
    return render(request, "messaging/message.html", {"message": message, "was_unread": was_unread})


# --- Wording of a call's messages -------------------------------------------------------------


def _call_by_slug(slug):
    """The call at the address `slug`, with what the pages show of it, or None. Messaging comes
    before programmes in the order of apps: it reaches the call through the relation its own
    model declares ("programmes.Call"), not by importing programmes."""
    call_model = MessageTemplate.call.field.related_model
    return call_model.objects.select_related("programme", "season").filter(slug=slug).first()


def _notice_and_language(kind: str, language: str, scope: str) -> Notice:
    notice = registry.get(kind)
    if notice is None or notice.scope != scope or language not in dict(settings.LANGUAGES):
        raise Http404
    return notice


@permission_required("messaging.edit_templates", lookup="slug", load=_call_by_slug)
def wordings(request, call):
    return render(
        request,
        "messaging/wordings.html",
        {
            "call": call,
            "rows": queries.wordings_overview(call),
            "languages": settings.LANGUAGES,
        },
    )


@permission_required("messaging.edit_templates", lookup="slug", load=_call_by_slug)
def edit_wording(request, call, kind, language):
    notice = _notice_and_language(kind, language, CALL)
    return _edit(request, call, notice, language, "messaging/edit_wording.html")


@require_POST
@permission_required("messaging.edit_templates", lookup="slug", load=_call_by_slug)
def restore_wording(request, call, kind, language):
    notice = _notice_and_language(kind, language, CALL)
    _restore(request, call, notice, language)
    return redirect("messaging:wordings", slug=call.slug)


# --- Wording of the platform's notices --------------------------------------------------------


@permission_required("messaging.edit_templates")
def notice_wordings(request):
    return render(
        request,
        "messaging/notices.html",
        {"groups": queries.platform_overview(), "languages": settings.LANGUAGES},
    )


@permission_required("messaging.edit_templates")
def edit_notice(request, kind, language):
    notice = _notice_and_language(kind, language, PLATFORM)
    return _edit(request, None, notice, language, "messaging/edit_notice.html")


@require_POST
@permission_required("messaging.edit_templates")
def restore_notice(request, kind, language):
    notice = _notice_and_language(kind, language, PLATFORM)
    _restore(request, None, notice, language)
    return redirect("messaging:notices")


def _edit(request, call, notice: Notice, language: str, template: str):
    """The editor of staff's wording of `notice` in `language` (the call's own, or without a
    call the platform's), with a preview."""
    current = queries.wording_of(call, notice.kind, language)
    default_subject, default_body = notice.default_wording(language)
    form = WordingForm(
        request.POST or None,
        initial={"subject": current.subject, "body": current.body},
        language=language,
        notice=notice,
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        if request.POST.get("action") == "save":
            try:
                services.save_template(call, notice.kind, language, subject, body, request.user)
            except ValidationError as error:
                refusal_into(form, error)
            else:
                if call is None:
                    messages.success(
                        request,
                        _("The platform's wording of “%(kind)s” in %(language)s is saved.")
                        % {"kind": notice.label, "language": _language_name(language)},
                    )
                    return redirect("messaging:notices")
                messages.success(
                    request,
                    _("The call's wording of “%(kind)s” in %(language)s is saved.")
                    % {"kind": notice.label, "language": _language_name(language)},
                )
                return redirect("messaging:wordings", slug=call.slug)
        if form.is_valid():
            preview = queries.preview(subject, body, language, notice=notice)
    elif request.method != "POST":
        preview = queries.preview(current.subject, current.body, language, notice=notice)
    return render(
        request,
        template,
        {
            "call": call,
            "kind": notice,
            "language": language,
            "language_name": _language_name(language),
            "current": current,
            "default_subject": default_subject,
            "default_body": default_body,
            "form": form,
            "preview": preview,
            "placeholders": notice.placeholders.items(),
            "subject_placeholders": notice.in_subject,
        },
    )


def _restore(request, call, notice: Notice, language: str) -> None:
    if services.restore_default_template(call, notice.kind, language, request.user):
        messages.success(
            request,
            _("“%(kind)s” in %(language)s uses the platform's default wording again.")
            % {"kind": notice.label, "language": _language_name(language)},
        )
    else:
        messages.info(request, _("This message already used the platform's default wording."))


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))
