"""Background tasks of the acceleration: the reminders before a due milestone or a check-in."""

from django_tasks import task

from .services import journal


@task()
def send_reminders() -> dict:
    """E-mail the reminders due today, each once (see services.journal.send_reminders)."""
    return journal.send_reminders()
