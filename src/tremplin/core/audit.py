"""The history actions core records: changes made in the Django admin (core.admin)."""

from .history import ADMIN_ACTIONS, action

ADDED_IN_ADMIN = action("added_in_admin", ADMIN_ACTIONS["added_in_admin"])
CHANGED_IN_ADMIN = action("changed_in_admin", ADMIN_ACTIONS["changed_in_admin"])
DELETED_IN_ADMIN = action("deleted_in_admin", ADMIN_ACTIONS["deleted_in_admin"])
