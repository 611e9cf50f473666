"""Reference lists, filled from maintained sources (pycountry) and data files by sync.py."""

import gettext
from functools import lru_cache

import pycountry
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tremplin.core.translated import TranslatedField


@lru_cache(maxsize=8)
def _subdivision_translation(language: str):
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


class Region(models.Model):
    class Kind(models.TextChoices):
        METROPOLITAN = "metropolitan", _("metropolitan region")
        OVERSEAS = "overseas", _("overseas region")

    code = models.CharField(_("ISO 3166-2 code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The official French name, translated where pycountry has a translation."""
        translation = _subdivision_translation((get_language() or "fr").split("-")[0])
        return translation.gettext(self.name) if translation else self.name


class Department(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="departments"
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class BusinessLine(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = TranslatedField(_("name"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("business line")
        verbose_name_plural = _("business lines")
        ordering = ["position"]

    def __str__(self) -> str:
        return str(self.name)


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = TranslatedField(_("name"))

    class Meta:
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
