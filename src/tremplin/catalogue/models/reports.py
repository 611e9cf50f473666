"""A reader's report of a problem with a published record (catalogue reports part)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import Innovation


class AbuseReport(models.Model):
    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="abuse_reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["handled_at", "-created_at"]

    def __str__(self) -> str:
        return f"{self.innovation}: {self.reason[:40]}"
