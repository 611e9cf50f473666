"""The selection committee: members, conflicts, assignment, reviews, ranking, meeting, decisions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "tremplin.selection"
    verbose_name = _("Selection committee")
