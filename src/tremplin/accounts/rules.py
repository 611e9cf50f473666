"""Who may do what with people, organisations, memberships, affiliations and roles. Deny by
default: a permission not listed here is refused to everyone but superusers."""

import rules

from tremplin.core import four_eyes
from tremplin.core.rules import admin_module, admin_permissions

from .models import ROLES_WITH_ADMIN_ACCESS, Affiliation, Membership, Role

# A membership or an affiliation is its person's claim: they never verify it themselves (four
# eyes).
four_eyes.register(Membership, lambda membership: [membership.person_id])
four_eyes.register(Affiliation, lambda affiliation: [affiliation.person_id])


def has_role(role: str):
    @rules.predicate(name=f"has_role:{role}")
    def predicate(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.has_role(role)

    return predicate


is_admin = rules.is_superuser | has_role(Role.ADMIN)
is_accelerator_staff = has_role(Role.STAFF) | is_admin
is_applicant = has_role(Role.APPLICANT)
is_referent = has_role(Role.REFERENT)
is_mentor = has_role(Role.MENTOR)
is_committee_member = has_role(Role.COMMITTEE)
is_partner = has_role(Role.PARTNER)
is_site_contact = has_role(Role.SITE_CONTACT)
is_moderator = has_role(Role.MODERATOR) | is_admin


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def holds_admin_access(user, person) -> bool:
    """The person's roles open the admin, or they are a superuser."""
    return person is not None and (
        person.is_superuser or bool(person.roles & ROLES_WITH_ADMIN_ACCESS)
    )


@rules.predicate
def owns_membership(user, membership) -> bool:
    return membership is not None and membership.person_id == user.pk


@rules.predicate
def owns_affiliation(user, affiliation) -> bool:
    return affiliation is not None and affiliation.person_id == user.pk


rules.add_perm("accounts.edit_profile", rules.is_authenticated)
rules.add_perm("accounts.declare_membership", rules.is_authenticated)
rules.add_perm("accounts.withdraw_membership", owns_membership)
four_eyes.add_perm("accounts.verify_membership", is_accelerator_staff)
rules.add_perm("accounts.list_memberships", is_accelerator_staff)
rules.add_perm("accounts.declare_affiliation", rules.is_authenticated)
rules.add_perm("accounts.withdraw_affiliation", owns_affiliation)
four_eyes.add_perm("accounts.verify_affiliation", is_accelerator_staff)
rules.add_perm("accounts.list_affiliations", is_accelerator_staff)
rules.add_perm("accounts.grant_role", is_admin)
rules.add_perm("accounts.set_password", is_admin)
# An account's address is who receives its password resets: changing it hands the account over.
# People change their own by confirming the new one; administrators alone correct one for them.
rules.add_perm("accounts.change_email", is_admin)
# Staff may close an ordinary account (spam, a duplicate); an account that opens the admin is
# an administrator's to close.
rules.add_perm("accounts.change_activity", is_admin | (is_accelerator_staff & ~holds_admin_access))


# --- The Django admin ------------------------------------------------------------------------
# Staff run the programme; admins alone delete, and alone touch accounts' security data.
STAFF_EDIT = {
    "view": is_accelerator_staff,
    "add": is_accelerator_staff,
    "change": is_accelerator_staff,
    "delete": is_admin,
}
# What the pages write through their services (which check, detect conflicts, notify and
# record) is read by staff in the admin.
READ_ONLY_STAFF = {
    "view": is_accelerator_staff,
    "change": is_admin,
    "add": is_admin,
    "delete": is_admin,
}
ADMIN_ONLY = {"view": is_admin, "add": is_admin, "change": is_admin, "delete": is_admin}

for _model in ("accounts.person", "accounts.organisation"):
    admin_permissions(_model, **STAFF_EDIT)
# Memberships and affiliations are declared, then verified on their queues; role grants are an
# admin's decision.
for _model in ("accounts.membership", "accounts.affiliation", "accounts.rolegrant"):
    admin_permissions(_model, **READ_ONLY_STAFF)
admin_module("accounts", is_accelerator_staff)

# The apps below accounts, which know no roles, are declared here. The history is append-only.
admin_permissions("core.historyentry", view=is_accelerator_staff)
admin_module("core", is_accelerator_staff)
# Reference data comes from pycountry and data files.
for _model in (
    "reference.region",
    "reference.department",
    "reference.businessline",
    "reference.sustainabledevelopmentgoal",
):
    admin_permissions(_model, **READ_ONLY_STAFF)
admin_module("reference", is_accelerator_staff)

# allauth's records: an address changes on the person's page (the login addresses follow);
# an authenticator is only removed (a lost phone), never typed.
for _model in ("account.emailaddress", "mfa.authenticator"):
    admin_permissions(_model, view=is_admin, delete=is_admin)
for _model in ("auth.group", "django_tasks_database.dbtaskresult"):
    admin_permissions(_model, **ADMIN_ONLY)
for _app_label in ("auth", "account", "mfa", "django_tasks_database"):
    admin_module(_app_label, is_admin)
