"""Send the acceleration's reminders: milestones due within three days and check-ins due
tomorrow, to the people concerned, in their language. Schedule it daily (docs/acceleration.md)."""

from tremplin.acceleration.services import journal
from tremplin.acceleration.tasks import send_reminders
from tremplin.core.management import TaskCommand


class Command(TaskCommand):
    help = (
        "E-mail each person concerned about a milestone due within three days (and not "
        "delivered) or a check-in scheduled for tomorrow or today. Each reminder is sent once: "
        "running it again sends nothing new."
    )
    task = send_reminders
    queued = "Reminders queued (task {id})."

    def run(self) -> str:
        sent = journal.send_reminders()
        return (
            f"{sent['milestones']} milestone reminder(s) and {sent['check_ins']} check-in "
            "reminder(s) sent."
        )
