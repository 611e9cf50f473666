"""Send the weekly digest of new innovations to the people who follow a theme, a public, a
country or an SDG. Schedule it once a week (see docs/catalogue-moderation.md)."""

from tremplin.catalogue.services import follows
from tremplin.catalogue.tasks import send_weekly_digest
from tremplin.core.management import TaskCommand


class Command(TaskCommand):
    help = (
        "Send each follower one message listing the innovations published since their last "
        "digest in what they follow; nobody is written to when nothing is new. Running it "
        "twice in a row sends once."
    )
    task = send_weekly_digest
    queued = "Digest queued (task {id})."

    def run(self) -> str:
        result = follows.send_digests()
        return f"{result.people} digest(s) sent, listing {result.innovations} innovation(s) in all."
