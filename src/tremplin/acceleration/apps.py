"""Laureate projects and their six months of acceleration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccelerationConfig(AppConfig):
    name = "tremplin.acceleration"
    verbose_name = _("Acceleration")

    def ready(self) -> None:
        from tremplin.accounts.two_factor import register_seat  # noqa: PLC0415 (app ready)

        from . import audit, notices  # noqa: F401, PLC0415 (app ready)

        project = self.get_model("LaureateProject")
        # The referent reads the project's internal notes, funding and journal; a mentor its
        # milestones, deliverables and team: work not published, and people's data.
        register_seat("referent of a laureate project", project, "referent")
        register_seat("mentor of a laureate project", project, "mentors")
