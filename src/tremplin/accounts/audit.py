"""The history actions accounts records (the verification's transitions are its state
machines', registered below)."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action, transitions

from .models import Affiliation, Membership
from .workflow import AFFILIATION_WORKFLOW, MEMBERSHIP_WORKFLOW

PROFILE_UPDATED = action("profile_updated", _("Profile changed"))
EMAIL_CHANGED = action("email_changed", _("E-mail address changed"))
ROLE_GRANTED = action("role_granted", _("Role granted"))
ROLE_REVOKED = action("role_revoked", _("Role withdrawn"))
MEMBERSHIP_DECLARED = action("membership_declared", _("Membership declared"))
AFFILIATION_DECLARED = action("affiliation_declared", _("Affiliation declared"))
AFFILIATION_RECORDED = action("affiliation_recorded", _("Affiliation recorded by staff"))

transitions(Membership, MEMBERSHIP_WORKFLOW)
transitions(Affiliation, AFFILIATION_WORKFLOW)
