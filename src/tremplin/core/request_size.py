"""Refusing a request body larger than TREMPLIN_REQUEST_MAX_BYTES before anything reads it.

The middleware comes first. It only looks at the announced Content-Length: a body that is too
large is replaced by an empty one at once, so that no later middleware or view can read it,
and the request goes on through the other middleware (language, account, security headers) to
answer with the 413 page in the usual layout instead of its view. A body without a
Content-Length (chunked) is never read at all: Django reads at most Content-Length bytes.
What the client still sends is drained by gunicorn in small buffers, never kept; the reverse
proxy should refuse it first (client_max_body_size, see docs/deploy.md)."""

from __future__ import annotations

import io

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict

MB = 1024 * 1024


def announced_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = announced_length(request)
        if length is not None and length > settings.TREMPLIN_REQUEST_MAX_BYTES:
            # Nothing read, nothing parsed: the form data and files are empty from now on.
            # Django's request keeps its body in these attributes: emptied, nothing is read.
            request._stream = io.BytesIO()  # noqa: SLF001
            request._body = b""  # noqa: SLF001
            request._post, request._files = QueryDict(), MultiValueDict()  # noqa: SLF001
            request.too_large = True
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Before every other middleware's process_view (the CSRF check reads the form).
        if getattr(request, "too_large", False):
            return too_large(request)
        return None


def too_large(request):
    limit = settings.TREMPLIN_REQUEST_MAX_BYTES / MB
    return render(request, "413.html", {"limit_mb": f"{limit:.0f}"}, status=413)
