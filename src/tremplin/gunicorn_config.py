"""gunicorn's configuration for `tremplin serve` (loaded as --config python:tremplin.gunicorn_config).

gunicorn writes `Server: gunicorn` into every response and offers no setting to leave it
out (benoitc/gunicorn#825: the maintainers chose to drop only the version, in 20.1). Naming
the server software tells a scanner which exploits to try, so the header is taken out of the
lines gunicorn writes before the application's headers. Loaded by the master process before
the workers are forked, so every worker has it; tests/core/test_hardening.py starts
`tremplin serve` and checks the answer."""

from __future__ import annotations

import functools

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


@functools.wraps(_default_headers)
def _without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


if not getattr(_default_headers, "drops_server", False):
    _without_server.drops_server = True
    wsgi.Response.default_headers = _without_server
