"""Template helpers of the catalogue's replications: what the innovation page's replication
panel shows (the countries where it is replicated, and what the reader may do)."""

from __future__ import annotations

from django import template

from ..queries import replication as queries

register = template.Library()


@register.simple_tag
def replication_panel(innovation, version, user) -> dict:
    """The confirmed countries with their counts, and for the reader: whether they may ask to
    replicate it, their earlier requests, or (the owner) how many requests await an answer.
    Empty for anything not online."""
    if version is None or innovation.published_id != version.pk:
        return {"online": False}
    countries = queries.replicated_countries(innovation)
    is_owner = getattr(user, "is_authenticated", False) and innovation.owner_id == user.pk
    return {
        "online": True,
        "countries": countries,
        "replications": sum(item.count for item in countries),
        "may_replicate": bool(user.has_perm("catalogue.replicate", innovation)),
        "is_owner": is_owner,
        "open_requests": (queries.open_count_for_innovation(innovation) if is_owner else 0),
        "mine": [] if is_owner else queries.requests_of(user, innovation),
    }
