"""Laureate projects: the projects selected for six months of acceleration."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tremplin.core.translated import TranslatedField


class LaureateProject(models.Model):
    class Track(models.TextChoices):
        INTRAPRENEUR = "intrapreneur", _("Intrapreneur")
        ENTREPRENEUR = "entrepreneur", _("Entrepreneur")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    pitch = TranslatedField(_("pitch"))
    season = models.ForeignKey(
        "programmes.Season",
        verbose_name=_("season"),
        on_delete=models.PROTECT,
        related_name="laureates",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="laureates",
    )
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="laureate_projects",
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    business_lines = models.ManyToManyField(
        "reference.BusinessLine", verbose_name=_("business lines"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("acceleration starts"))
    ends_on = models.DateField(_("acceleration ends"))
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_projects",
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentors"),
        blank=True,
        related_name="mentored_projects",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="team_projects"
    )

    class Meta:
        verbose_name = _("laureate project")
        verbose_name_plural = _("laureate projects")
        ordering = ["season__number", "name"]

    def __str__(self) -> str:
        return self.name
