"""Reads of abuse reports: the open ones, the recently handled ones, one to handle."""

from __future__ import annotations

from ..models import AbuseReport


def open_reports():
    return (
        AbuseReport.objects.filter(handled_at__isnull=True)
        .select_related("innovation__published", "reporter")
        .order_by("created_at", "pk")
    )


def recently_handled_reports(limit: int = 20):
    return (
        AbuseReport.objects.filter(handled_at__isnull=False)
        .select_related("innovation", "handled_by")
        .order_by("-handled_at")[:limit]
    )


def report_to_handle(pk: int) -> AbuseReport | None:
    return (
        AbuseReport.objects.select_related("innovation__published", "reporter", "handled_by")
        .filter(pk=pk)
        .first()
    )
