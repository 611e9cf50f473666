"""Sending messages: `send` renders a declared notice (messaging.registry) in each recipient's
language, in staff's wording or the default; each message is recorded (the recipient reads it
in the platform) and e-mailed by a background task once the surrounding transaction commits.
Also staff's wording of the notices (a call's own, or the platform's), and mailings (`compose`
fills a mailing's own text)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.core.text import one_line

from . import placeholders, registry
from .models import Kind, Message, MessageTemplate
from .registry import CALL, Notice
from .tasks import email_message


def wording(call, kind: str, language: str) -> tuple[str, str]:
    """The subject and body of the notice `kind` for `call` in `language`: the call's own
    template if staff wrote one, otherwise the notice's default translated into the language."""
    return notice_wording(registry.get(kind), call, language)


def compose(
    recipient,
    email: str,
    kind: str,
    *,
    call,
    values,
    application=None,
    mailing=None,
    language: str | None = None,
) -> Message:
    """Record a message of a mailing (or, without one, of the notice `kind` in the call's
    wording) in the recipient's language and e-mail it after commit. `values` are the
    placeholders' values, or a function returning them (called in that language). Notices are
    sent with `send`."""
    language = language or getattr(recipient, "preferred_language", None) or settings.LANGUAGE_CODE
    if mailing is not None:
        subject = mailing.subject.shown(language).text
        body = mailing.body.shown(language).text
    else:
        subject, body = wording(call, kind, language)
    with translation.override(language):
        values = values() if callable(values) else values
    values = {"platform_name": settings.TREMPLIN_PLATFORM_NAME, **values}
    return _record(
        recipient=recipient,
        email=email,
        application=application,
        mailing=mailing,
        kind=kind,
        language=language,
        subject=placeholders.fill_subject(subject, values),
        body=placeholders.fill(body, values),
    )


def send_mailing_message(mailing, recipient, *, values, application=None) -> Message:
    """Record one message of `mailing` to `recipient` (the mailing's own text, in their
    language; `values` fill its placeholders) and e-mail it after commit. What applications'
    call mailings send to each applicant."""
    return compose(
        recipient,
        recipient.email,
        Kind.MAILING,
        call=mailing.call,
        values=values,
        application=application,
        mailing=mailing,
    )


def notice_wording(notice: Notice, call, language: str, values=None) -> tuple[str, str]:
    """The subject and body of `notice` in `language`, placeholders as `{{ name }}`: the
    staff's wording (the call's own for a notice worded per call, the platform's for the
    others) when there is one, otherwise the default translated into the language."""
    return _wording(notice, _own_wording(notice, call, language), language, values)


def _own_wording(notice: Notice, call, language: str) -> MessageTemplate | None:
    return MessageTemplate.objects.filter(
        call=call if notice.scope == CALL else None, kind=notice.kind, language=language
    ).first()


def _wording(notice: Notice, own, language: str, values) -> tuple[str, str]:
    if own is not None:
        return own.subject, own.body
    return notice.default_wording(language, values)


def render(notice: Notice, subject: str, body: str, values: dict) -> tuple[str, str]:
    """`subject` and `body` (a wording of `notice`) filled with `values`."""
    available = notice.placeholders
    subject = placeholders.leave_out_empty(subject, notice.optional, values)
    body = placeholders.leave_out_empty(body, notice.optional, values)
    return (
        placeholders.fill_subject(subject, values, notice.in_subject, available),
        placeholders.fill(body, values),
    )


def send(
    notice: Notice,
    to,
    *,
    obj=None,
    values=None,
    call=None,
    application=None,
    email: str = "",
    language: str | None = None,
    reply_to: str = "",
) -> list[Message]:
    """Send `notice` to each person of `to` (one person, or several): record the message in
    their language and e-mail it after commit. The placeholders' values are the notice's own
    (read from `obj`) and `values` (a dict, or a function returning one), both computed with
    the recipient's language active. `call` chooses a call's own wording. Without an account
    (`to` is None), give `email` and `language`."""
    people = list(to) if isinstance(to, list | tuple | set) else [to]
    sent = []
    own = {}  # language -> staff's wording (or None): read once per language
    for person in people:
        language_of = (
            language or getattr(person, "preferred_language", None) or settings.LANGUAGE_CODE
        )
        with translation.override(language_of):
            filled = {"platform_name": settings.TREMPLIN_PLATFORM_NAME}
            if notice.values is not None and obj is not None:
                filled.update(notice.values(obj))
            filled.update((values() if callable(values) else values) or {})
        if language_of not in own:
            own[language_of] = _own_wording(notice, call, language_of)
        wording_of = _wording(notice, own[language_of], language_of, filled)
        subject, body = render(notice, *wording_of, filled)
        sent.append(
            _record(
                recipient=person,
                email=email or person.email,
                application=application,
                kind=notice.stored_kind,
                language=language_of,
                subject=subject,
                body=body,
                reply_to=reply_to,
            )
        )
    return sent


def _record(*, subject: str, **fields) -> Message:
    """Every message is recorded here, its subject on one line (a value with a line break,
    even one stored long ago, must not stop the e-mail: Django refuses such a header)."""
    message = Message.objects.create(subject=one_line(subject)[:300], **fields)
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id: int) -> None:
    email_message.enqueue(message_id)


def send_pending(older_than_seconds: int = 300) -> int:
    """Queue again the e-mails of messages never e-mailed (e.g. a worker died)."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    ids = list(
        Message.objects.filter(emailed_at__isnull=True, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for message_id in ids:
        _enqueue(message_id)
    return len(ids)


def mark_read(message: Message, person) -> None:
    if message.recipient_id == person.pk and message.read_at is None:
        Message.objects.filter(pk=message.pk).update(read_at=timezone.now())


def _check_wording(call, kind: str, language: str) -> Notice:
    """The notice `kind`, if staff may word it for `call` (a call's own wording) or, without a
    call, for the whole platform."""
    notice = registry.get(kind)
    if notice is None or (notice.scope == CALL) != (call is not None):
        if call is None:
            raise ValidationError(_("This message is worded per call."))
        raise ValidationError(_("This message cannot be worded per call."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not one of the platform's languages."))
    return notice


def notice_errors(notice: Notice, subject: str, body: str) -> dict:
    """{field: [message]} for the placeholders of a wording of `notice` that it does not have
    (or, in the subject, that may not appear there)."""
    return placeholder_errors(
        {"subject": subject, "body": body}, notice.placeholders, notice.in_subject
    )


def placeholder_errors(
    fields: dict[str, str], available=placeholders.AVAILABLE, in_subject=placeholders.SUBJECT
) -> dict:
    """{field: [message]} for each text that uses a placeholder not in `available` (or, for
    the field named "subject", not allowed in a subject)."""
    errors = {}
    for field, text in fields.items():
        if field == "subject":
            message = subject_problem(text or "", available, in_subject)
        else:
            message = placeholder_problem(text or "", available)
        if message:
            errors[field] = [message]
    return errors


def subject_problem(
    text: str, available=placeholders.AVAILABLE, in_subject=placeholders.SUBJECT
) -> str:
    """What is wrong with the placeholders of a subject, said for staff; empty when nothing is."""
    problem = placeholder_problem(text, available)
    if problem:
        return problem
    written_by_members = sorted(set(placeholders.PLACEHOLDER.findall(text)) - set(in_subject))
    if written_by_members:
        names = ", ".join("{{ %s }}" % name for name in written_by_members)  # noqa: UP031
        if set(in_subject) != placeholders.SUBJECT:
            return _(
                "The subject cannot contain %(names)s: it goes only in the text. In the "
                "subject, use only the placeholders marked “also in the subject”."
            ) % {"names": names}
        return _(
            "The subject cannot contain %(names)s: what applicants write (their name, their "
            "project's name, a reason) goes only in the text, so that nobody can choose the "
            "subject of an e-mail the platform sends. In the subject, use {{ reference }} or "
            "{{ call_title }}."
        ) % {"names": names}
    return ""


def placeholder_problem(text: str, available=placeholders.AVAILABLE) -> str:
    """What is wrong with the placeholders of `text`, said for staff; empty when nothing is."""
    unknown = placeholders.unknown_placeholders(text, available)
    if unknown:
        return unknown_placeholders_message(unknown)
    if placeholders.has_stray_braces(text):
        return _(
            "A placeholder is not closed: write it between double braces on both sides, "
            "like {{ reference }}."
        )
    return ""


def unknown_placeholders_message(unknown: list[str]) -> str:
    names = ", ".join("{{ %s }}" % name for name in unknown)  # noqa: UP031
    return _(
        "Unknown placeholder: %(names)s. Use only the placeholders listed on this page, "
        "written like {{ reference }}."
    ) % {"names": names}


def save_template(
    call, kind: str, language: str, subject: str, body: str, actor
) -> MessageTemplate:
    """Staff's wording of the notice `kind` in `language`: the call's own wording, or without
    a call (a notice worded for the whole platform) the platform's."""
    if not actor.has_perm("messaging.edit_templates", call):
        raise PermissionDenied
    notice = _check_wording(call, kind, language)
    errors = notice_errors(notice, subject, body)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        template, _created = MessageTemplate.objects.update_or_create(
            call=call,
            kind=kind,
            language=language,
            defaults={"subject": subject, "body": body, "updated_by": actor},
        )
        history.record(
            call or template, "message_template_saved", actor, kind=kind, language=language
        )
    return template


def restore_default_template(call, kind: str, language: str, actor) -> bool:
    """Delete staff's wording of `kind` in `language` (the call's own, or without a call the
    platform's): the notice's default applies again. Returns whether there was one."""
    if not actor.has_perm("messaging.edit_templates", call):
        raise PermissionDenied
    _check_wording(call, kind, language)
    with transaction.atomic():
        own = MessageTemplate.objects.filter(call=call, kind=kind, language=language).first()
        if own is None:
            return False
        history.record(
            call or own, "message_template_restored", actor, kind=kind, language=language
        )
        own.delete()
    return True
