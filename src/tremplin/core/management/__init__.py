"""What the platform's management commands share."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class TaskCommand(BaseCommand):
    """A command that does a scheduled job now, or with --enqueue queues it for a task worker.

    A subclass sets `task` (a django_tasks task that does the job), `queued` (what to say once
    it is queued, with {id} for the task's id) and writes `run()`: do the job now and return
    the line that says what was done."""

    task = None
    queued = "Queued (task {id})."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for a task worker instead of doing it now.",
        )

    def run(self) -> str:
        raise NotImplementedError

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            result = self.task.enqueue()
            self.stdout.write(self.queued.format(id=result.id))
            return
        self.stdout.write(self.run())
