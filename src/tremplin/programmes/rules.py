"""Who may run programmes, seasons, calls and their application forms from the staff pages.
Deny by default: the accelerator team and administrators only."""

import rules

from tremplin.accounts.rules import is_accelerator_staff

rules.add_perm("programmes.manage_programmes", is_accelerator_staff)
rules.add_perm("programmes.manage_seasons", is_accelerator_staff)
# Calls, their application forms (steps, questions) and their eligibility checklists; the
# object, when given, is a Call.
rules.add_perm("programmes.manage_calls", is_accelerator_staff)
