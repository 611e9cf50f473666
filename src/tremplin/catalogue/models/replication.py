"""A request to replicate a published innovation (catalogue replication part)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .record import Innovation


class Replication(models.Model):
    """ "I want to replicate this": a member says where and how; the owner answers and may
    confirm the replication, which then counts on the record."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ANSWERED = "answered", _("Answered")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Not confirmed")

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    country = CountryField(_("country"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    plan = models.TextField(_("where and how"))
    answer = models.TextField(_("owner's answer"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.innovation} → {self.country}"
