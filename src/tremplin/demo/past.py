"""The demo's past: services stamp the present, as they should; the demo tells a story that
began in 2019. These are the demo's only direct writes after the services: they move a date
that a service wrote "now" to the day it happened in the story."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from tremplin.core.models import HistoryEntry


def backdate(target, action: str, when) -> None:
    """Date the latest history entry `action` of `target` at `when`."""
    entry = (
        HistoryEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
            action=action,
        )
        .order_by("-pk")
        .first()
    )
    if entry is not None:
        HistoryEntry.objects.filter(pk=entry.pk).update(at=when)


def set_dates(instance, **dates) -> None:
    """Write `dates` (fields no service lets anyone set: when a project started, when its
    outcome was recorded, the cohort it started in...) on `instance` and in the database,
    without touching anything else."""
    type(instance).objects.filter(pk=instance.pk).update(**dates)
    for name, value in dates.items():
        setattr(instance, name, value)
