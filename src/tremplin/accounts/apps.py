"""People, organisations, movement membership and roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tremplin.accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from tremplin.core import history  # noqa: PLC0415 (app ready)

        from . import audit  # noqa: F401, PLC0415 (app ready)
        from .services import AFFILIATION_WORKFLOW, MEMBERSHIP_WORKFLOW  # noqa: PLC0415 (app ready)

        history.transitions(self.get_model("Membership"), MEMBERSHIP_WORKFLOW)
        history.transitions(self.get_model("Affiliation"), AFFILIATION_WORKFLOW)
