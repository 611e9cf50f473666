"""The home page: the landing page for visitors and, once signed in, a section per role."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "tremplin.home"
    verbose_name = _("Home")
