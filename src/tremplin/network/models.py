"""Experimentation sites: the local units and establishments where solutions are tested."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExperimentationSite(models.Model):
    class Kind(models.TextChoices):
        LOCAL_UNIT = "local_unit", _("Local unit")
        ESTABLISHMENT = "establishment", _("Establishment")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="sites"
    )
    department = models.ForeignKey(
        "reference.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    town = models.CharField(_("town"), max_length=120)
    business_lines = models.ManyToManyField(
        "reference.BusinessLine", verbose_name=_("business lines"), blank=True, related_name="sites"
    )
    capacity = models.PositiveSmallIntegerField(_("experiments it can host at once"), default=1)
    willing_to_host = models.BooleanField(_("willing to host experiments"), default=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_sites",
    )

    class Meta:
        verbose_name = _("experimentation site")
        verbose_name_plural = _("experimentation sites")
        ordering = ["region__name", "name"]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"
