"""The platform-wide history: every state transition and every audited write."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryEntry(models.Model):
    """Who did what to which object, when, and why. The actor's name is kept as text so that
    history stays readable after the person's account is deleted."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(_("object identifier"), max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=80)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action} {self.target_repr}"

    @property
    def actor_display(self) -> str:
        if self.actor_id is None and self.actor_name:
            return _("%(name)s (former member)") % {"name": self.actor_name}
        return self.actor_name or str(_("the platform"))


class SearchEntry(models.Model):
    """One searchable document (an application, an innovation...): its text, folded (lower
    case, no accents). The full-text index over `body` is FTS5 on SQLite and a GIN index on
    PostgreSQL (see core/search.py and the migration that creates them)."""

    doc_type = models.CharField(_("document type"), max_length=40)
    doc_id = models.PositiveBigIntegerField(_("document identifier"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    body = models.TextField(_("searchable text"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "doc_id", "language"], name="one_search_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}:{self.doc_id}"
