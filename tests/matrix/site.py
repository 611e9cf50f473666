"""Pages of the platform itself and of allauth (sign-in, two-factor)."""

from django.urls import reverse

from .base import (
    ANONYMOUS,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    anonymous_only,
    by_name,
    public,
    signed_in,
    signed_in_redirect,
    staff_only,
    staff_redirect,
    with_totp,
)

CASES = [
    Case("home:home", by_name("home:home"), public),
    Case(
        "accounts:set_language",
        by_name("accounts:set_language"),
        lambda role: REDIRECT,
        method="post",
        data=lambda o: {"language": "es", "next": "/"},
    ),
    Case("accounts:profile", by_name("accounts:profile"), signed_in),
    Case("accounts:declare_membership", by_name("accounts:declare_membership"), signed_in),
    Case("accounts:membership_queue", by_name("accounts:membership_queue"), staff_only),
    Case(
        "accounts:decide_membership",
        by_name("accounts:decide_membership", pk=lambda o: o["membership"].pk),
        staff_redirect,
        method="post",
        data=lambda o: {"decision": "verify", "note": ""},
    ),
    Case("accounts:declare_affiliation", by_name("accounts:declare_affiliation"), signed_in),
    Case(
        "accounts:withdraw_affiliation",
        by_name("accounts:withdraw_affiliation", pk=lambda o: o["affiliation"].pk),
        # Someone else's declaration: not found, whatever the role.
        lambda role: LOGIN if role == ANONYMOUS else NOT_FOUND,
        method="post",
    ),
    Case("accounts:affiliation_queue", by_name("accounts:affiliation_queue"), staff_only),
    Case(
        "accounts:decide_affiliation",
        by_name("accounts:decide_affiliation", pk=lambda o: o["affiliation"].pk),
        staff_redirect,
        method="post",
        data=lambda o: {"decision": "verify", "note": ""},
    ),
    Case("programmes:call_list", by_name("programmes:call_list"), public),
    Case(
        "programmes:call_detail",
        by_name("programmes:call_detail", slug=lambda o: o["call"].slug),
        public,
    ),
    # allauth
    Case("account_login", by_name("account_login"), anonymous_only),
    Case(
        "account_logout",
        by_name("account_logout"),
        lambda role: REDIRECT if role == ANONYMOUS else OK,
    ),
    Case("account_inactive", by_name("account_inactive"), public),
    Case("account_signup", by_name("account_signup"), anonymous_only),
    Case("account_reauthenticate", by_name("account_reauthenticate"), signed_in),
    Case("account_email", by_name("account_email"), signed_in),
    Case("account_email_verification_sent", by_name("account_email_verification_sent"), public),
    Case("account_change_password", by_name("account_change_password"), signed_in),
    Case("account_set_password", by_name("account_set_password"), signed_in_redirect),
    Case("account_reset_password", by_name("account_reset_password"), public),
    Case("account_reset_password_done", by_name("account_reset_password_done"), public),
    Case(
        "account_reset_password_from_key_done",
        by_name("account_reset_password_from_key_done"),
        public,
    ),
    Case(
        "account_reset_password_from_key",
        lambda o: reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad-key"}
        ),
        public,
    ),
    Case(
        "account_confirm_email",
        lambda o: reverse("account_confirm_email", kwargs={"key": "not-a-key"}),
        public,
    ),
    # Login by code is not enabled: the page sends everyone back to the sign-in page or home.
    Case(
        "account_confirm_login_code",
        by_name("account_confirm_login_code"),
        lambda role: LOGIN if role == ANONYMOUS else REDIRECT,
    ),
    Case("mfa_index", by_name("mfa_index"), signed_in),
    # Only reachable in the middle of a login; otherwise back to the sign-in page or home.
    Case(
        "mfa_authenticate",
        by_name("mfa_authenticate"),
        lambda role: LOGIN if role == ANONYMOUS else REDIRECT,
    ),
    # Two-factor pages. allauth asks for a fresh password before changing authenticators, and
    # there is nothing to re-authenticate with or deactivate without an authenticator.
    Case("mfa_reauthenticate", by_name("mfa_reauthenticate"), with_totp(OK, REDIRECT)),
    Case("mfa_activate_totp", by_name("mfa_activate_totp"), with_totp(REDIRECT, REDIRECT)),
    Case("mfa_deactivate_totp", by_name("mfa_deactivate_totp"), with_totp(REDIRECT, NOT_FOUND)),
    Case(
        "mfa_view_recovery_codes",
        by_name("mfa_view_recovery_codes"),
        with_totp(NOT_FOUND, NOT_FOUND),
    ),
    Case(
        "mfa_generate_recovery_codes",
        by_name("mfa_generate_recovery_codes"),
        with_totp(REDIRECT, REDIRECT),
    ),
    Case(
        "mfa_download_recovery_codes",
        by_name("mfa_download_recovery_codes"),
        with_totp(NOT_FOUND, NOT_FOUND),
    ),
]


def extend_objects(objects, people):
    from tremplin.accounts.models import Affiliation, Organisation

    foundation = Organisation.objects.create(name="Fondation Nexem", kind="partner")
    member = objects["membership"].person
    objects["affiliation"] = Affiliation.objects.create(person=member, organisation=foundation)
