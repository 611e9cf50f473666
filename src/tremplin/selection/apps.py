"""The selection committee: members, conflicts, assignment, reviews, ranking, meeting, decisions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "tremplin.selection"
    verbose_name = _("Selection committee")

    def ready(self) -> None:
        from tremplin.accounts.two_factor import register_seat  # noqa: PLC0415 (app ready)
        from tremplin.core import history  # noqa: PLC0415 (app ready)

        from . import audit  # noqa: F401, PLC0415 (app ready)
        from .workflow import MEETING_WORKFLOW, REVIEW_WORKFLOW  # noqa: PLC0415 (app ready)

        history.transitions(self.get_model("Meeting"), MEETING_WORKFLOW)
        history.transitions(self.get_model("Review"), REVIEW_WORKFLOW)

        from . import notices  # noqa: F401, PLC0415 (app ready)

        # Every seat, observers' included: the committee's pages show applications, reviews
        # and the ranking. The seat counts, not the committee role (a seat made in the admin
        # has no role).
        register_seat("selection committee seat", self.get_model("CommitteeMember"), "person")
