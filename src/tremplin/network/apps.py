"""The experimentation network: the movement's local units and establishments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "tremplin.network"
    verbose_name = _("Experimentation network")

    def ready(self) -> None:
        from tremplin.acceleration import queries as acceleration  # noqa: PLC0415 (app ready)

        from . import audit, notices, queries  # noqa: F401, PLC0415 (app ready)

        # The outcome page of a laureate project offers the number of sites where the network
        # records it as deployed (acceleration comes first and does not import network).
        acceleration.register_site_counter(queries.deployed_site_count)
