"""Programmes, seasons and calls for projects."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "tremplin.programmes"
    verbose_name = _("Programmes and calls")

    def ready(self) -> None:
        from . import audit  # noqa: F401, PLC0415 (app ready)
