"""Send the weekly digest of new innovations to the people who follow a theme, a public, a
country or an SDG. Schedule it once a week (see docs/catalogue-moderation.md)."""

from django.core.management.base import BaseCommand

from tremplin.catalogue.services import follows
from tremplin.catalogue.tasks import send_weekly_digest


class Command(BaseCommand):
    help = (
        "Send each follower one message listing the innovations published since their last "
        "digest in what they follow; nobody is written to when nothing is new. Running it "
        "twice in a row sends once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for a task worker instead of doing it now.",
        )

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            result = send_weekly_digest.enqueue()
            self.stdout.write(f"Digest queued (task {result.id}).")
            return
        result = follows.send_digests()
        self.stdout.write(
            f"{result.people} digest(s) sent, listing {result.innovations} innovation(s) in all."
        )
