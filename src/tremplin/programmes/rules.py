"""Who may run programmes, seasons, calls and their application forms from the staff pages.
Deny by default: the accelerator team and administrators only."""

import rules

from tremplin.accounts.rules import STAFF_EDIT, is_accelerator_staff
from tremplin.core.permissions import visible_with
from tremplin.core.rules import admin_module, admin_permissions

from .models import Call, Programme, Season

rules.add_perm("programmes.manage_programmes", is_accelerator_staff)
rules.add_perm("programmes.manage_seasons", is_accelerator_staff)
# Every call has a public page (programmes:call_detail): refusing a page of a call (its
# committee, its applications) tells nothing. Programmes and seasons have no page of their own.
# (Not "view_call": that one is the Django admin's, declared at the end of this file.)
rules.add_perm("programmes.see_call", rules.always_allow)
visible_with(Call, "programmes.see_call")
visible_with(Programme, "programmes.manage_programmes")
visible_with(Season, "programmes.manage_seasons")
# Calls, their application forms (steps, questions) and their eligibility checklists; the
# object, when given, is a Call.
rules.add_perm("programmes.manage_calls", is_accelerator_staff)


# The Django admin: staff edit programmes, seasons and calls; admins alone delete.
for _model in ("programmes.programme", "programmes.season", "programmes.call"):
    admin_permissions(_model, **STAFF_EDIT)
admin_module("programmes", is_accelerator_staff)
