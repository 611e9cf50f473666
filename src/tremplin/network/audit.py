"""The history actions the network records (an experiment's transitions are EXPERIMENT's,
registered below)."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action, transitions

from .models import Experiment
from .workflow import EXPERIMENT

SITE_UPDATED = action("site_updated", _("Site changed"))
SITES_IMPORTED = action("sites_imported", _("Changed by an import of sites"))
EXPERIMENT_PROPOSED = action("experiment_proposed", _("proposed the site"))
EXPERIMENT_UPDATED = action("experiment_updated", _("updated the report"))

transitions(Experiment, EXPERIMENT)
