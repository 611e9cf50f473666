"""Response headers set for every page in one place: what browsers and proxies may keep
(Cache-Control, Vary) and which browser features pages may use (Permissions-Policy)."""

from __future__ import annotations

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.cache import patch_vary_headers

PRIVATE = "private, no-store"


def _directives(response) -> set[str]:
    value = response.get("Cache-Control", "")
    return {part.strip().split("=", 1)[0].lower() for part in value.split(",") if part.strip()}


def is_download(response) -> bool:
    """A file or an export: streamed (FileResponse, CSV exports) or sent as an attachment."""
    return isinstance(response, StreamingHttpResponse) or response.has_header("Content-Disposition")


class CacheControlMiddleware:
    """Volunteers often share a computer in a local unit: nothing a signed-in person saw may
    stay in the browser's cache for the next one at the keyboard, nor in a proxy.

    - A response to a signed-in request: `Cache-Control: private, no-store`, whatever the
      view said, unless it already says no-store (the admin's never_cache, stricter, stays).
    - A file download or export, signed in or not: the same, unless its view declared it
      `public` (the published pictures of the catalogue, the same for everyone).
    - Every other response keeps what its view said (public pages stay cacheable) and gets
      `Vary: Cookie`: a shared cache keeps one copy per session, so never gives the
      anonymous copy of a page to someone signed in, nor the reverse.
    Runs after AuthenticationMiddleware; static files are answered by WhiteNoise before it,
    with their own far-future headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        directives = _directives(response)
        if "no-store" in directives:
            pass
        elif signed_in or (is_download(response) and "public" not in directives):
            response["Cache-Control"] = PRIVATE
            response.headers.pop("Expires", None)
        if "public" not in _directives(response):
            patch_vary_headers(response, ("Cookie",))
        return response


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY ({feature: [allowed origins]}; an empty list denies
    the feature to every page and frame) as the Permissions-Policy header of every response.
    First in MIDDLEWARE, so that static files and refusals carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and not response.has_header("Permissions-Policy"):
            response["Permissions-Policy"] = self.header
        return response
