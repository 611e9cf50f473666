"""The history actions the selection records (a meeting's transitions are MEETING_WORKFLOW's,
registered in apps.py until they move to workflow.py)."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action

# Settings
SELECTION_SETTINGS_CHANGED = action("selection_settings_changed", _("Selection settings changed"))
TIE_BREAK_POLICY = action("selection.tie_break_policy", _("Tie-break rule changed"))

# Committee
COMMITTEE_MEMBER_ADDED = action("committee_member_added", _("Committee member added"))
COMMITTEE_MEMBER_CHANGED = action("committee_member_changed", _("Committee member changed"))
COMMITTEE_MEMBER_REMOVED = action("committee_member_removed", _("Committee member removed"))

# Conflicts
CONFLICT_DECLARED = action("conflict_declared", _("Conflict of interest declared"))
CONFLICT_REMOVED = action("conflict_removed", _("Conflict of interest removed"))
CONFLICTS_DETECTED = action("conflicts_detected", _("Conflicts of interest detected"))

# Bidding and assignment
BIDS_SAVED = action("bids_saved", _("Preferences saved"))
ASSIGNMENT_RUN = action("assignment_run", _("Reviews assigned automatically"))
ASSIGNMENT_ADDED = action("assignment_added", _("Review assigned"))
ASSIGNMENT_REMOVED = action("assignment_removed", _("Review assignment removed"))
ASSIGNMENT_RELEASED = action("assignment_released", _("Review assignment released"))
ASSIGNMENT_RULE_SET = action("assignment_rule_set", _("Assignment rule set"))
ASSIGNMENT_RULE_REMOVED = action("assignment_rule_removed", _("Assignment rule removed"))

# Reviews
REVIEW_CRITERION_ADDED = action("review_criterion_added", _("Review criterion added"))
REVIEW_CRITERION_CHANGED = action("review_criterion_changed", _("Review criterion changed"))
REVIEW_CRITERION_DELETED = action("review_criterion_deleted", _("Review criterion deleted"))
REVIEW_CRITERION_MOVED = action("review_criterion_moved", _("Review criterion moved"))
REVIEW_STARTED = action("review_started", _("Review started"))
REVIEW_SUBMITTED = action("review_submitted", _("Review submitted"))
REVIEW_RESUBMITTED = action("review_resubmitted", _("Review submitted again after changes"))

# Meeting
MEETING_PLANNED = action("meeting_planned", _("Meeting planned"))
MEETING_CHANGED = action("meeting_changed", _("Meeting changed"))
ATTENDANCE_MARKED = action("attendance_marked", _("Attendance marked"))
AGENDA_BUILT = action("agenda_built", _("Agenda built from the ranking"))
AGENDA_ITEM_ADDED = action("agenda_item_added", _("Added to the agenda"))
AGENDA_ITEM_MOVED = action("agenda_item_moved", _("Moved on the agenda"))
AGENDA_ITEM_REMOVED = action("agenda_item_removed", _("Removed from the agenda"))
NOTES_SAVED = action("notes_saved", _("Notes saved"))
VOTE_OPENED = action("vote_opened", _("Vote opened"))
VOTE_CLOSED = action("vote_closed", _("Vote closed"))
VOTE_CAST = action("vote_cast", _("Vote cast"))

# Decisions (the labels of a decision's history on the meeting page)
DECISION_TAKEN = action("decision_taken", _("Decision taken"))
PROMOTED_FROM_WAITING_LIST = action(
    "promoted_from_waiting_list", _("promoted from the waiting list")
)
LAUREATE_WITHDRAWING = action("laureate_withdrawing", _("marked as withdrawing"))
REPLACED_FROM_WAITING_LIST = action(
    "replaced_from_waiting_list", _("place given to the waiting list")
)
DECISION_SENT = action("decision_sent", _("applicant told"))
DECISION_MESSAGES_SENT = action("decision_messages_sent", _("Decision messages sent"))
