"""Permissions for the Django admin, declared with `rules` like every other permission, and who
may read the platform history. Deny by default: a model not listed here is open to superusers
only."""

import rules

from tremplin.accounts.rules import is_accelerator_staff, is_admin


def admin_permissions(model: str, *, view=None, add=None, change=None, delete=None) -> None:
    """Declare the four Django admin permissions of `app_label.model` with rules predicates;
    a permission left out is refused to everyone but superusers."""
    app_label, model_name = model.split(".")
    for action, predicate in (("view", view), ("add", add), ("change", change), ("delete", delete)):
        if predicate is not None:
            rules.add_perm(f"{app_label}.{action}_{model_name}", predicate)


# Staff run the programme; admins alone delete, and alone touch accounts' security data.
STAFF_EDIT = {
    "view": is_accelerator_staff,
    "add": is_accelerator_staff,
    "change": is_accelerator_staff,
    "delete": is_admin,
}
READ_ONLY_STAFF = {
    "view": is_accelerator_staff,
    "change": is_admin,
    "add": is_admin,
    "delete": is_admin,
}
ADMIN_ONLY = {"view": is_admin, "add": is_admin, "change": is_admin, "delete": is_admin}

for model in (
    "accounts.person",
    "accounts.organisation",
    "programmes.programme",
    "programmes.season",
    "programmes.call",
    "network.experimentationsite",
    "acceleration.laureateproject",
):
    admin_permissions(model, **STAFF_EDIT)

# applications.view_application is the object rule of applications/rules.py (the team, and
# staff): without an object, it lets staff in. An application's columns copy its answers, and
# its deadline moves by an extension on the staff page (recorded, announced): staff read here.
admin_permissions("applications.application", change=is_admin, delete=is_admin)

# Reference data comes from pycountry and data files; role grants are an admin's decision.
# What the pages write through their services (which check, detect conflicts, notify and
# record) is read by staff here: memberships and affiliations (declared, then verified on their
# queues), requests
# for information, message templates (whose placeholders the page checks), and the whole
# selection (seats, conflicts, assignments, criteria, meetings, settings).
for model in (
    "accounts.membership",
    "accounts.affiliation",
    "applications.informationrequest",
    "messaging.messagetemplate",
    "selection.selectionsettings",
    "selection.committeemember",
    "selection.conflict",
    "selection.assignment",
    "selection.reviewcriterion",
    "selection.meeting",
    "reference.region",
    "reference.department",
    "reference.businessline",
    "reference.sustainabledevelopmentgoal",
    "accounts.rolegrant",
):
    admin_permissions(model, **READ_ONLY_STAFF)

# The history and sent messages are append-only; notes are written on the application page.
admin_permissions("core.historyentry", view=is_accelerator_staff)
admin_permissions("messaging.message", view=is_accelerator_staff, delete=is_admin)
# Mailings are composed and sent from the staff pages, where they are previewed first.
admin_permissions("messaging.mailing", **READ_ONLY_STAFF)
admin_permissions("applications.internalnote", view=is_accelerator_staff, delete=is_admin)
# Members' own work and the committee's decisions: read in the admin, written on their pages.
for model in ("selection.bid", "selection.review", "selection.decision"):
    admin_permissions(model, **READ_ONLY_STAFF)

# allauth's records: an address changes on the person's page (the login addresses follow);
# an authenticator is only removed (a lost phone), never typed.
for model in ("account.emailaddress", "mfa.authenticator"):
    admin_permissions(model, view=is_admin, delete=is_admin)
for model in (
    "auth.group",
    "django_tasks_database.dbtaskresult",
):
    admin_permissions(model, **ADMIN_ONLY)

# The admin lists an application only to people with its module permission.
for app_label in (
    "core",
    "reference",
    "accounts",
    "programmes",
    "network",
    "acceleration",
    "applications",
    "messaging",
    "selection",
):
    rules.add_perm(app_label, is_accelerator_staff)
for app_label in ("auth", "account", "mfa", "django_tasks_database"):
    rules.add_perm(app_label, is_admin)
