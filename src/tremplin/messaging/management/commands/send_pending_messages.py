"""Queue again the e-mails of messages that were recorded but never e-mailed."""

from django.core.management.base import BaseCommand

from tremplin.messaging import services


class Command(BaseCommand):
    help = (
        "Queue again the e-mails of messages recorded but never e-mailed (for example after a "
        "task worker stopped). Run it from time to time, e.g. every 15 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=300,
            metavar="SECONDS",
            help=(
                "Only messages recorded at least this long ago, so that e-mails still waiting "
                "in the queue are not sent twice (default: 300)."
            ),
        )

    def handle(self, *args, older_than: int, **options):
        count = services.send_pending(older_than_seconds=max(0, older_than))
        self.stdout.write(f"{count} message(s) queued again for e-mail.")
