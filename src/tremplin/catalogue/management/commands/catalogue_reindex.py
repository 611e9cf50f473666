"""Rebuild the catalogue's search index and facet rows from the published versions, in
batches: after a restore, a change of the text analysis (search.py), or a bulk import."""

from django.core.management.base import BaseCommand

from tremplin.catalogue import indexing


class Command(BaseCommand):
    help = "Rebuild the catalogue's full-text index and facet counts from what is published."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="innovations per transaction"
        )

    def handle(self, *args, batch_size, verbosity, **options):
        def progress(done, total):
            if verbosity >= 2 or done == total:
                self.stdout.write(f"{done}/{total} innovations indexed")

        count = indexing.reindex_all(batch_size=max(1, batch_size), progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} innovations."))
