"""The history actions the network records; the transitions of an experiment and of a site
import are their machines' (EXPERIMENT_WORKFLOW, SITE_IMPORT_WORKFLOW), declared below."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action, transitions

from .models import Experiment, SiteImport
from .workflow import EXPERIMENT_WORKFLOW, SITE_IMPORT_WORKFLOW

SITE_UPDATED = action("site_updated", _("Site changed"))
# Recorded on a SiteImport by SITE_IMPORT_WORKFLOW's "apply" (the name it had before the machine).
# Recorded on a SiteImport by SITE_IMPORT_WORKFLOW's "apply" (the name it had before the machine).
SITES_IMPORTED = action("sites_imported", _("Changed by an import of sites"))
EXPERIMENT_PROPOSED = action("experiment_proposed", _("proposed the site"))
EXPERIMENT_UPDATED = action("experiment_updated", _("updated the report"))

transitions(Experiment, EXPERIMENT_WORKFLOW)
transitions(SiteImport, SITE_IMPORT_WORKFLOW)
