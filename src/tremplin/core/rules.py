"""Permissions for the Django admin, declared with `rules` like every other permission. Deny by
default: a model whose app declares nothing is open to superusers only.

Each app declares the admin permissions of its own models in its rules.py, with
`admin_permissions`; who holds them (staff, admins) is said with accounts' predicates, and the
usual sets are accounts.rules.STAFF_EDIT, READ_ONLY_STAFF and ADMIN_ONLY. The apps below
accounts (core, reference) and the third-party ones (auth, allauth, tasks) are declared by
accounts.rules."""

import rules


def admin_permissions(model: str, *, view=None, add=None, change=None, delete=None) -> None:
    """Declare the four Django admin permissions of `app_label.model` with rules predicates;
    a permission left out is refused to everyone but superusers."""
    app_label, model_name = model.split(".")
    for action, predicate in (("view", view), ("add", add), ("change", change), ("delete", delete)):
        if predicate is not None:
            rules.add_perm(f"{app_label}.{action}_{model_name}", predicate)


def admin_module(app_label: str, predicate) -> None:
    """Declare who sees the app `app_label` listed in the Django admin (its module
    permission)."""
    rules.add_perm(app_label, predicate)
