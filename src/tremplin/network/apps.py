"""The experimentation network: the movement's local units and establishments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "tremplin.network"
    verbose_name = _("Experimentation network")

    def ready(self) -> None:
        from . import audit  # noqa: F401, PLC0415 (app ready)
