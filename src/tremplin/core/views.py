"""Pages every visitor meets: the home page, the language switch and the error pages; and how
every view shows a service's refusal (`refusal_into`)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.accounts.services import set_preferred_language
from tremplin.core.api import api_of
from tremplin.programmes import queries as programme_queries

from . import four_eyes
from .dashboard import sections_for
from .middleware import remember_language


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


def home(request):
    if request.user.is_authenticated:
        return render(request, "core/home.html", {"sections": sections_for(request.user)})
    return render(
        request,
        "core/landing.html",
        {
            "open_calls": list(programme_queries.open_calls()[:6]),
            "upcoming_calls": list(programme_queries.upcoming_calls()[:3]),
        },
    )


def _safe_next(request) -> str:
    for candidate in (request.POST.get("next"), request.META.get("HTTP_REFERER")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("core:home")


@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and, for a signed-in person,
    in their profile so that it follows them to another device."""
    language = (request.POST.get("language") or "").strip()
    response = HttpResponseRedirect(_safe_next(request))
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("This language is not available. Choose one of the list."))
        return response
    remember_language(request, response, language)
    if request.user.is_authenticated:
        set_preferred_language(request.user, language)
    return response


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
