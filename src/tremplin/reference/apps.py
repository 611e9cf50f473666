"""Reference data every app classifies by: French regions and departments, business lines, SDGs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "tremplin.reference"
    verbose_name = _("Reference data")
