"""The shared innovation catalogue: records, submission, moderation, search, replication,
open data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "tremplin.catalogue"
    verbose_name = _("Innovation catalogue")
