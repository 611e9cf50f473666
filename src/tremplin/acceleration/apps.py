"""Laureate projects and their six months of acceleration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccelerationConfig(AppConfig):
    name = "tremplin.acceleration"
    verbose_name = _("Acceleration")
