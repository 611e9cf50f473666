"""The inbox of each person; the staff pages for the wording of a call's messages and for its
mailings."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.core import pagination
from tremplin.core.permissions import permission_required, visible_or_404
from tremplin.programmes.models import Call

from . import placeholders, queries, registry, services
from .forms import MailingForm, WordingForm
from .models import Mailing
from .registry import CALL, PLATFORM, Notice

INBOX_PAGE_SIZE = 20


def _form_errors_from(form, error: ValidationError) -> None:
    """Put a service's refusal next to the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


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


def _call(slug) -> Call:
    return get_object_or_404(Call.objects.select_related("programme", "season"), slug=slug)


def _notice_and_language(kind: str, language: str, scope: str) -> Notice:
    notice = registry.get(kind)
    if notice is None or notice.scope != scope or language not in dict(settings.LANGUAGES):
        raise Http404
    return notice


@permission_required("messaging.edit_templates", Call, "slug")
def wordings(request, slug):
    call = _call(slug)
    return render(
        request,
        "messaging/wordings.html",
        {
            "call": call,
            "rows": queries.wordings_overview(call),
            "languages": settings.LANGUAGES,
        },
    )


@permission_required("messaging.edit_templates", Call, "slug")
def edit_wording(request, slug, kind, language):
    call = _call(slug)
    notice = _notice_and_language(kind, language, CALL)
    return _edit(request, call, notice, language, "messaging/edit_wording.html")


@require_POST
@permission_required("messaging.edit_templates", Call, "slug")
def restore_wording(request, slug, kind, language):
    call = _call(slug)
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
                _form_errors_from(form, error)
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


# --- Mailings ---------------------------------------------------------------------------------


def _mailing(call, pk) -> Mailing:
    return get_object_or_404(Mailing.objects.select_related("created_by"), call=call, pk=pk)


@permission_required("messaging.send_mailing", Call, "slug")
def mailings(request, slug):
    call = _call(slug)
    return render(
        request,
        "messaging/mailings.html",
        {"call": call, "mailings": queries.mailings_of(call)},
    )


@permission_required("messaging.send_mailing", Call, "slug")
def new_mailing(request, slug):
    call = _call(slug)
    form = MailingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mailing = services.create_mailing(call, request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The mailing is saved. Check it before sending it."))
            return redirect("messaging:mailing", slug=call.slug, pk=mailing.pk)
    return _mailing_form(request, call, form, None)


@permission_required("messaging.send_mailing", Call, "slug")
def edit_mailing(request, slug, pk):
    call = _call(slug)
    mailing = _mailing(call, pk)
    if mailing.state != Mailing.State.DRAFT:
        messages.info(request, _("This mailing is already sent; it cannot change."))
        return redirect("messaging:mailing", slug=call.slug, pk=mailing.pk)
    form = MailingForm(
        request.POST or None,
        initial={"subject": mailing.subject, "body": mailing.body, "states": mailing.states},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_mailing(mailing, request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The mailing is saved. Check it before sending it."))
            return redirect("messaging:mailing", slug=call.slug, pk=mailing.pk)
    return _mailing_form(request, call, form, mailing)


def _mailing_form(request, call, form, mailing):
    return render(
        request,
        "messaging/mailing_form.html",
        {
            "call": call,
            "form": form,
            "mailing": mailing,
            "placeholders": placeholders.MAILING.items(),
            "subject_placeholders": placeholders.SUBJECT,
        },
    )


@permission_required("messaging.send_mailing", Call, "slug")
def mailing_detail(request, slug, pk):
    call = _call(slug)
    mailing = _mailing(call, pk)
    is_draft = mailing.state == Mailing.State.DRAFT
    previews = queries.mailing_preview(mailing) if is_draft else []
    stats = {} if is_draft else queries.mailing_stats(mailing)
    state_names = dict(_application_states())
    return render(
        request,
        "messaging/mailing_detail.html",
        {
            "call": call,
            "mailing": mailing,
            "is_draft": is_draft,
            "previews": previews,
            "recipients": sum(p.recipients for p in previews),
            "stats": [
                {"language": code, "language_name": _language_name(code), **row}
                for code, row in stats.items()
            ],
            "state_names": [state_names.get(state, state) for state in mailing.states],
            "written": [
                {
                    "language": code,
                    "language_name": name,
                    "subject": mailing.subject.in_language(code),
                    "body": mailing.body.in_language(code),
                }
                for code, name in settings.LANGUAGES
                if mailing.subject.in_language(code) or mailing.body.in_language(code)
            ],
        },
    )


def _application_states():
    from tremplin.applications.models import State

    return State.choices


@require_POST
@permission_required("messaging.send_mailing", Call, "slug")
def send_mailing(request, slug, pk):
    call = _call(slug)
    mailing = _mailing(call, pk)
    count = services.send_mailing(mailing, request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "The mailing is sent to %(count)s recipient: they can read it on the platform, "
                "and the e-mail leaves in the background.",
                "The mailing is sent to %(count)s recipients: each can read it on the platform, "
                "and the e-mails leave in the background.",
                count,
            )
            % {"count": count},
        )
    else:
        mailing.refresh_from_db()
        if mailing.state == Mailing.State.DRAFT:
            messages.error(
                request,
                _("No application is in the chosen states: nothing was sent."),
            )
        else:
            messages.info(request, _("This mailing was already sent; nothing more was sent."))
    return redirect("messaging:mailing", slug=call.slug, pk=mailing.pk)


@require_POST
@permission_required("messaging.send_mailing", Call, "slug")
def discard_mailing(request, slug, pk):
    call = _call(slug)
    mailing = _mailing(call, pk)
    if services.discard_mailing(mailing, request.user):
        messages.success(request, _("The draft mailing is deleted."))
        return redirect("messaging:mailings", slug=call.slug)
    messages.info(request, _("This mailing is already sent; it stays as a record."))
    return redirect("messaging:mailing", slug=call.slug, pk=mailing.pk)
