"""The error pages every visitor may meet, and how every view shows a service's refusal
(`refusal_into`). The home page is tremplin.home's, the language switch tremplin.accounts'."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import render

from . import four_eyes
from .api import api_of


def refusal_into(target, error: ValidationError) -> None:
    """Show a service's refusal `error` where the person will read it. `target` is a form: each
    error naming a field the form has goes next to that field, every other one (a field the
    form lacks, or no field at all) above the form. `target` is a request: each message becomes
    a `messages.error`, shown on the next page."""
    if isinstance(target, HttpRequest):
        for message in error.messages:
            messages.error(target, message)
        return
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            target.add_error(name if name in target.fields else None, problems)
    else:
        target.add_error(None, error)


def csrf_failure(request, reason=""):
    return render(request, "core/csrf_failure.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    # A four-eyes refusal says why (its message is ours); other refusals say nothing more.
    reason = str(four_eyes.OWN_WORK) if isinstance(exception, four_eyes.OwnWork) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    api = api_of(request.path)
    if api is not None:  # an address under a JSON API answers JSON, as its operations do
        return api.not_found(request)
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    """Called by allauth's rate limits (failed logins, password resets...)."""
    return render(request, "429.html", status=429)
