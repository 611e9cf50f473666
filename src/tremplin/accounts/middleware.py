"""Two-factor authentication is required of whoever sees other people's data or unpublished
work, by role or by seat (see two_factor.py)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext as _

from .two_factor import two_factor_state

# Pages a person who must set up two-factor can still reach.
ALLOWED_URL_NAMES = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_logout",
    "account_reauthenticate",
    "accounts:set_language",
}


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.TREMPLIN_REQUIRE_MFA
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
            and not self._allowed(request)
            and self._missing_two_factor(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives you access to other people's data: please set up "
                    "two-factor authentication before you continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _missing_two_factor(user) -> bool:
        # One query for everyone, whatever their roles and seats.
        state = two_factor_state(user)
        return state.required and not state.has_totp

    @staticmethod
    def _allowed(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.view_name in ALLOWED_URL_NAMES
