"""The history actions the catalogue records (a version's transitions are VERSION_WORKFLOW's,
registered below; a replication's are recorded under the REPLICATION_* names)."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action, transitions

from .models import InnovationVersion, Replication
from .workflow import REPLICATION_WORKFLOW, VERSION_WORKFLOW

# Submission
DRAFT_STARTED = action("catalogue:draft_started", _("Draft started"))
DRAFT_FROM_APPLICATION = action(
    "catalogue:draft_from_application", _("Draft prepared from an application")
)
NEW_VERSION = action("catalogue:new_version", _("New version started"))
IMAGE_ADDED = action("catalogue:image_added", _("Picture added"))

# Moderation
PUBLISHED = action("published", _("Published"))
TAKEN_DOWN = action("taken_down", _("Taken down"))
TRANSLATED_BY_MODERATOR = action("translated_by_moderator", _("Translation added by a moderator"))
SOCIETY_POLICY_SET = action("society_policy_set", _("National society's validation rule changed"))
ABUSE_REPORTED = action("abuse_reported", _("Reported as abusive"))
ABUSE_REPORT_UPHELD = action("abuse_report_upheld", _("Report upheld"))
ABUSE_REPORT_DISMISSED = action("abuse_report_dismissed", _("Report dismissed"))

# Contact
CONTACT_MESSAGE_RELAYED = action("contact_message_relayed", _("Contact message passed on"))

# Replication (the labels the request's page shows)
REPLICATION_REQUESTED = action("replication_requested", _("asked to replicate it"))


def _answer(entry) -> str:
    """The owner's message, beside the action in the request's history."""
    return (entry.data or {}).get("answer", "")


REPLICATION_ANSWERED = action("replication_answered", _("answered"), _answer)
REPLICATION_CONFIRMED = action("replication_confirmed", _("confirmed the replication"), _answer)
REPLICATION_DECLINED = action(
    "replication_declined", _("said the replication did not happen"), _answer
)

transitions(InnovationVersion, VERSION_WORKFLOW)
# Its transitions are recorded under the REPLICATION_* names above (Transition.action).
transitions(Replication, REPLICATION_WORKFLOW)
