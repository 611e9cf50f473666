"""Update the reference tables from pycountry and the data files."""

from django.core.management.base import BaseCommand

from tremplin.reference.sync import sync_all


class Command(BaseCommand):
    help = "Update regions, departments, business lines and SDGs from their sources."

    def handle(self, *args, **options):
        counts = sync_all()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
