"""Load the demo dataset into an empty database."""

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from tremplin.demo import dataset


class Command(BaseCommand):
    help = "Load the deterministic demo dataset (programmes, seasons, laureates, sites, people)."

    def handle(self, *args, **options):
        if dataset.demo_data_loaded():
            raise CommandError("The demo data is already loaded in this database.")
        # The demo's own e-mails (confirmations of the demo applications) are not printed.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            counts = dataset.load()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
