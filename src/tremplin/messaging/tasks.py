"""Sending messages by e-mail in the background."""

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from tremplin.core.text import one_line

from .models import Message


@task(queue_name="email")
def email_message(message_id: int) -> bool:
    """Send a message once: the message is claimed (stamped) before sending, so that a second
    task for the same message sends nothing; a failed send releases the claim."""
    claimed = Message.objects.filter(pk=message_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    try:
        EmailMessage(
            # One line even for a message recorded before subjects were (a line break in a
            # header makes Django refuse the whole e-mail).
            subject=one_line(message.subject),
            body=message.body,
            to=[message.email],
            reply_to=[message.reply_to] if message.reply_to else None,
        ).send()
    except Exception:
        Message.objects.filter(pk=message_id).update(emailed_at=None)
        raise
    return True
