"""Send the acceleration's reminders: milestones due within three days and check-ins due
tomorrow, to the people concerned, in their language. Schedule it daily (docs/acceleration.md)."""

from django.core.management.base import BaseCommand

from tremplin.acceleration.services import journal
from tremplin.acceleration.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each person concerned about a milestone due within three days (and not "
        "delivered) or a check-in scheduled for tomorrow or today. Each reminder is sent once: "
        "running it again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for a task worker instead of doing it now.",
        )

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            result = send_reminders.enqueue()
            self.stdout.write(f"Reminders queued (task {result.id}).")
            return
        sent = journal.send_reminders()
        self.stdout.write(
            f"{sent['milestones']} milestone reminder(s) and {sent['check_ins']} check-in "
            "reminder(s) sent."
        )
