"""Background tasks of the catalogue: the weekly digest of new innovations for followers."""

from django_tasks import task

from .services import follows


@task()
def send_weekly_digest() -> dict:
    """Send each follower one message listing what is new in what they follow (see
    services.follows.send_digests); returns the counts."""
    result = follows.send_digests()
    return {"people": result.people, "innovations": result.innovations}
