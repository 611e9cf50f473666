"""Applications to calls: drafts, answers, attachments, co-applicants, submission, screening."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "tremplin.applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from . import audit, notices  # noqa: F401, PLC0415 (app ready)
