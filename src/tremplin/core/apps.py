"""What every app shares: translated fields, layout, workflow history, audit."""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tremplin.core"
    verbose_name = _("Platform")

    def ready(self):
        from . import audit, ratelimit  # noqa: F401, PLC0415 (app ready)

        # A mistyped limit is said at start-up, not at the first invitation.
        checks.register(ratelimit.check_settings)
