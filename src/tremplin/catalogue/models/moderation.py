"""A moderation step on a version (catalogue moderation part)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import InnovationVersion


class Review(models.Model):
    """One moderation step on a version: the checklist of the four criteria, the decision and
    the message to the submitter. Society validations and central moderation alike."""

    class Level(models.TextChoices):
        SOCIETY = "society", _("National society")
        CENTRAL = "central", _("Central team")

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        CHANGES = "changes", _("Request changes")
        REJECT = "reject", _("Reject")

    version = models.ForeignKey(
        InnovationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    checklist = models.JSONField(_("criteria met"), default=dict)  # {criterion: bool}
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    message = models.TextField(_("message to the submitter"), blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation review")
        verbose_name_plural = _("moderation reviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_decision_display()}"
