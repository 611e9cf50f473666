"""The history actions acceleration records (its transitions are its state machines',
registered below)."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action, transitions

from .models import CheckIn, LaureateProject, Milestone
from .workflow import CHECK_IN_WORKFLOW, MILESTONE_WORKFLOW, OUTCOME_WORKFLOW

PROJECT_CREATED = action("acceleration:project_created", _("Project created from the application"))
NOTES_CHANGED = action("acceleration:notes_changed", _("Internal notes changed"))
COHORT_CREATED = action("acceleration:cohort_created", _("Cohort created"))
COHORT_CHANGED = action("acceleration:cohort_changed", _("Cohort changed"))
MILESTONE_ADDED = action("acceleration:milestone_added", _("Milestone added"))
MILESTONE_CHANGED = action("acceleration:milestone_changed", _("Milestone changed"))
MILESTONE_REMOVED = action("acceleration:milestone_removed", _("Milestone removed"))
TEMPLATE_ADDED = action("acceleration:template_added", _("Milestone template added"))
TEMPLATE_CHANGED = action("acceleration:template_changed", _("Milestone template changed"))
TEMPLATE_REMOVED = action("acceleration:template_removed", _("Milestone template removed"))
FILE_ADDED = action("acceleration:file_added", _("Deliverable file added"))
CHECK_IN_WRITTEN = action("acceleration:check_in_written", _("Check-in written"))
CHECK_IN_CHANGED = action("acceleration:check_in_changed", _("Check-in changed"))
REFERENT_SET = action("acceleration:referent_set", _("Referent changed"))
MENTOR_ADDED = action("acceleration:mentor_added", _("Mentor added to the pool"))
MENTOR_CHANGED = action("acceleration:mentor_changed", _("Mentor profile changed"))
MENTOR_ASSIGNED = action("acceleration:mentor_assigned", _("Mentor assigned"))
MENTOR_REMOVED = action("acceleration:mentor_removed", _("Mentor removed"))
NEEDS_CHANGED = action("acceleration:needs_changed", _("Needs changed"))
EXPERT_CONSULTED = action("acceleration:expert_consulted", _("Expert consulted"))
TRANCHE_ADDED = action("acceleration:tranche_added", _("Funding tranche added"))
TRANCHE_CHANGED = action("acceleration:tranche_changed", _("Funding tranche changed"))
TRANCHE_REMOVED = action("acceleration:tranche_removed", _("Funding tranche removed"))
CATALOGUE_DRAFT = action("acceleration:catalogue_draft", _("Catalogue record prepared"))

transitions(Milestone, MILESTONE_WORKFLOW)
transitions(CheckIn, CHECK_IN_WORKFLOW)
transitions(LaureateProject, OUTCOME_WORKFLOW)
