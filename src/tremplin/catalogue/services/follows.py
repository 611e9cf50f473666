"""Follows and the weekly digest: a person follows a theme, public, country or SDG, and is
written to once a week with the innovations newly published there."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.messaging.services import send

from .. import notices
from ..models import FacetValue, Follow, Innovation


def follow(person, kind: str, value: str) -> tuple[Follow, bool]:
    """Follow a theme, public, country or SDG; following twice is following once."""
    if not person.has_perm("catalogue.follow"):
        raise PermissionDenied(_("Sign in to follow."))
    return Follow.objects.get_or_create(person=person, kind=kind, value=value)


def unfollow(person, kind: str, value: str) -> bool:
    deleted, _details = Follow.objects.filter(person=person, kind=kind, value=value).delete()
    return bool(deleted)


@dataclass
class DigestResult:
    people: int = 0  # people written to
    innovations: int = 0  # innovation mentions, all digests together


def _new_for(follows: list[Follow], until) -> list[Innovation]:
    """The innovations first published after each follow's last digest (or its creation) and up
    to `until`, matching any of the follows; the most recent first."""
    matches: set[int] = set()
    for item in follows:
        since = item.last_digest_at or item.created_at
        matches.update(
            FacetValue.objects.filter(
                facet=item.kind,
                value=item.value,
                innovation__published__isnull=False,
                innovation__first_published_at__gt=since,
                innovation__first_published_at__lte=until,
            ).values_list("innovation_id", flat=True)
        )
    if not matches:
        return []
    return list(
        Innovation.objects.filter(pk__in=matches)
        .select_related("published")
        .order_by("-first_published_at", "-pk")
    )


def send_digest_to(person, until=None) -> int:
    """Write one message to `person` listing what is new in what they follow; nothing when
    nothing is new. Returns the number of innovations listed. Running it twice sends once:
    the follows are locked, then stamped with `until`."""
    until = until or timezone.now()
    with transaction.atomic():
        follows = list(Follow.objects.select_for_update().filter(person=person))
        if not follows:
            return 0
        innovations = _new_for(follows, until)
        Follow.objects.filter(pk__in=[f.pk for f in follows]).update(last_digest_at=until)
        if innovations:
            send(notices.DIGEST, person, obj=innovations)
    return len(innovations)


def send_digests(until=None) -> DigestResult:
    """The weekly digest for everyone who follows something."""
    until = until or timezone.now()
    result = DigestResult()
    people = get_user_model().objects.filter(
        is_active=True, pk__in=Follow.objects.values("person_id")
    )
    for person in people.iterator():
        count = send_digest_to(person, until)
        if count:
            result.people += 1
            result.innovations += count
    return result
