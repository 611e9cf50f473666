"""What every JSON API of the platform (django-ninja) shares: its error bodies, declared on
every operation of its OpenAPI document, and the same JSON answer for an address under the
API that matches no operation.

The errors, the same for every operation (a client handles three shapes, whatever it calls):
- 404: {"detail": "..."}: no such object, a page past the last one, or no such address;
- 422: {"detail": [{"type", "loc", "msg", "ctx"?}, ...]}: the parameters that do not validate
  (loc is where: ["query", "page"]);
- 429: {"detail": "..."}: too many requests from one client address; Retry-After says how
  many seconds to wait.
django-ninja's own handlers already answer these bodies; this module writes them into the
document (which lists only the successful response otherwise) and keeps the two in step."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Router, Schema
from ninja.constants import NOT_SET


class Error(Schema):
    detail: str = Field(description="What went wrong, in English.")


class ValidationProblem(Schema):
    type: str = Field(description='A machine-readable kind of problem, e.g. "int_parsing".')
    loc: list[str | int] = Field(description='Where: e.g. ["query", "page"].')
    msg: str = Field(description="What is wrong, in English.")
    ctx: dict[str, Any] | None = Field(None, description="The limits involved, if any.")


class ValidationErrors(Schema):
    detail: list[ValidationProblem] = Field(description="One entry per parameter refused.")


ERROR_RESPONSES = {404: Error, 422: ValidationErrors, 429: Error}
ERROR_DESCRIPTIONS = {
    404: "No such object, page or address.",
    422: "A parameter does not validate: the list of problems.",
    429: "Too many requests from this client address: wait the seconds Retry-After says.",
}
NOT_FOUND = "Not Found"


def with_errors(response) -> dict:
    """The `response` of an operation (a schema, or {status: schema}) with the errors."""
    if response is NOT_SET:
        raise TypeError("Every operation of the API declares its response schema.")
    declared = dict(response) if isinstance(response, dict) else {200: response}
    return {**ERROR_RESPONSES, **declared}


class ErrorsDeclaredRouter(Router):
    """A router whose operations all declare ERROR_RESPONSES in the OpenAPI document."""

    def add_api_operation(self, path, methods, view_func, *, response=NOT_SET, **kwargs):
        # The descriptions of the errors (django-ninja writes the HTTP reason phrase); int
        # keys, as django-ninja's own, so that both land in the same entry.
        openapi_extra = kwargs.pop("openapi_extra", None) or {}
        responses = openapi_extra.setdefault("responses", {})
        for status, text in ERROR_DESCRIPTIONS.items():
            responses.setdefault(status, {}).setdefault("description", text)
        return super().add_api_operation(
            path,
            methods,
            view_func,
            response=with_errors(response),
            openapi_extra=openapi_extra,
            **kwargs,
        )


_apis: list[PlatformAPI] = []


class PlatformAPI(NinjaAPI):
    """A NinjaAPI whose operations all declare the platform's error responses."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default_router", ErrorsDeclaredRouter())
        super().__init__(**kwargs)
        _apis.append(self)

    def root_path(self) -> str:
        return self.get_root_path({})

    def not_found(self, request: HttpRequest) -> HttpResponse:
        return self.create_response(request, {"detail": NOT_FOUND}, status=404)


def api_of(path: str) -> PlatformAPI | None:
    """The API whose addresses `path` is under, if any (for the 404 handler)."""
    for api in _apis:
        if path.startswith(api.root_path()):
            return api
    return None
