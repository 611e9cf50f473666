"""Messages to people: e-mail templates per call and language, mailings, and the in-platform inbox."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "tremplin.messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from . import audit  # noqa: F401, PLC0415 (app ready)
