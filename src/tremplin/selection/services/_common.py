"""What the committee's services share: the permissions they check and their refusal."""

from __future__ import annotations

from django.core.exceptions import ValidationError

MANAGE = "selection.manage_committee"
RUN = "selection.run_assignment"


class CommitteeRefused(ValidationError):
    """A refused action, with a message for the person."""
