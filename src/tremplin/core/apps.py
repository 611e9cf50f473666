"""What every app shares: translated fields, layout, workflow history, audit."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tremplin.core"
    verbose_name = _("Platform")
