"""People, organisations, movement membership and roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tremplin.accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from . import audit  # noqa: F401, PLC0415 (app ready)
