"""The shared innovation catalogue: records, submission, moderation, search, replication,
open data."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "tremplin.catalogue"
    verbose_name = _("Innovation catalogue")

    def ready(self) -> None:
        from tremplin.accounts.two_factor import register_seat  # noqa: PLC0415 (app ready)

        from . import audit, notices  # noqa: F401, PLC0415 (app ready)
        from .indexing import forget_deleted, rebuild_if_empty  # noqa: PLC0415 (app ready)

        # A national society's validators read its innovations before they are published.
        register_seat(
            "validator for a national society", self.get_model("SocietyPolicy"), "validators"
        )

        post_migrate.connect(rebuild_if_empty, sender=self, dispatch_uid="catalogue_reindex")
        post_delete.connect(
            forget_deleted, sender=self.get_model("Innovation"), dispatch_uid="catalogue_deleted"
        )
