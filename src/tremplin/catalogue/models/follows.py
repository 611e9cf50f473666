"""What a person follows, for the weekly digest (catalogue follows part)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows a theme, a public, a country or an SDG and receives a weekly digest of
    the innovations published there."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        PUBLIC = "public", _("Public")
        COUNTRY = "country", _("Country")
        SDG = "sdg", _("Sustainable development goal")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="catalogue_follows",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=50)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "value"], name="one_follow")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.kind}={self.value}"
