"""How applications write values for people: no queries, no models.

`moment_in_zone` is the one way a deadline is written (in messages, refusals and the committee's
pages): in the reader's language, in the call's time zone, followed by the zone's name."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format


def moment_in_zone(moment: datetime, zone: str) -> str:
    """`moment` as the active language writes a date and time, in the time zone `zone` (an IANA
    name), followed by that name: "12 mars 2027 17:00 (Europe/Paris)"."""
    local = timezone.localtime(moment, ZoneInfo(zone))
    return f"{date_format(local, 'DATETIME_FORMAT')} ({zone})"
