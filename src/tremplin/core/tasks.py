"""Background tasks shared by every app."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task(queue_name="email")
def send_email(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    alternatives: list[list[str]] | None = None,
) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    for content, mimetype in alternatives or []:
        message.attach_alternative(content, mimetype)
    return message.send()
