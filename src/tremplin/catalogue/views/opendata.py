"""Pages of the catalogue: open data. The README page of the downloads, the CSV and JSON
downloads (streamed), and the API's documentation page (rendered from its OpenAPI schema)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .. import export, opendata_text
from ..queries.discovery import published_innovations

BUFFER = 64 * 1024


def _buffered(chunks: Iterable[str]) -> Iterator[bytes]:
    """Encode the pieces and send them by about 64 kB rather than a line at a time."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        data = chunk.encode("utf-8")
        pending.append(data)
        size += len(data)
        if size >= BUFFER:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def _download(request, chunks, content_type: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_buffered(chunks), content_type=content_type)
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="innovations-{day}.{extension}"'
    # Open data: any web page may read it (no cookies are involved).
    response["Access-Control-Allow-Origin"] = "*"
    licence = export.licence_info()
    if licence.url:
        response["Link"] = f'<{licence.url}>; rel="license"'
    return response


def _base(request) -> str:
    return request.build_absolute_uri("/")


def download_csv(request):
    """?bom=0 leaves out the byte order mark (for programs that do not expect it)."""
    bom = request.GET.get("bom", "1") != "0"
    return _download(
        request, export.csv_chunks(_base(request), bom=bom), "text/csv; charset=utf-8", "csv"
    )


def download_json(request):
    documentation = request.build_absolute_uri(reverse("catalogue:opendata"))
    return _download(
        request,
        export.json_chunks(_base(request), documentation),
        "application/json; charset=utf-8",
        "json",
    )


def opendata(request):
    languages = [
        (code, name, f"{reverse('catalogue:feed')}?language={code}")
        for code, name in settings.LANGUAGES
    ]
    return render(
        request,
        "catalogue/opendata/index.html",
        {
            "licence": export.licence_info(),
            "count": published_innovations().count(),
            "csv_columns": list(opendata_text.CSV_HELP.items()),
            "json_fields": list(opendata_text.JSON_HELP.items()),
            "feeds": languages,
            "catalogue_home": reverse("catalogue:home"),
        },
    )


# --- The API's documentation page -----------------------------------------------------------


def _type_of(schema: dict | bool, components: dict) -> str:
    if isinstance(schema, bool):  # JSON Schema's "anything" (true)
        return "any"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [_type_of(option, components) for option in schema["anyOf"]]
        return " | ".join(kinds)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _type_of(schema["allOf"][0], components)
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}), components)}"
    if kind == "object" and "additionalProperties" in schema:
        return f"{{key: {_type_of(schema['additionalProperties'], components)}}}"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind or "any"


def _fields(schema: dict, components: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": _type_of(prop, components),
            "required": name in required,
            "description": prop.get("description", ""),
            "default": prop.get("default"),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def api_docs(request, api, openapi_url: str):
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for route, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "required": parameter.get("required", False),
                    "type": _type_of(parameter.get("schema", {}), components),
                    "description": parameter.get("description")
                    or parameter.get("schema", {}).get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            responses = operation.get("responses", {})
            success = responses.get(200) or responses.get("200") or {}
            body = success.get("content", {}).get("application/json", {}).get("schema", {})
            errors = [
                {
                    "status": status,
                    "description": response.get("description", ""),
                    "type": _type_of(
                        response.get("content", {}).get("application/json", {}).get("schema", {}),
                        components,
                    ),
                }
                for status, response in sorted(responses.items(), key=lambda item: str(item[0]))
                if int(status) >= 400
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "route": route,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "returns": _type_of(body, components) if body else "",
                    "errors": errors,
                }
            )
    schemas = [
        {"name": name, "fields": _fields(component, components)}
        for name, component in components.items()
        # Filters is the list's query parameters, documented with the operation.
        if component.get("type") == "object" and component.get("properties") and name != "Filters"
    ]
    return render(
        request,
        "catalogue/opendata/api_docs.html",
        {
            "api": api,
            "openapi_url": openapi_url,
            "root": request.build_absolute_uri(api.get_root_path({})),
            "operations": operations,
            "schemas": schemas,
            "licence": export.licence_info(),
        },
    )
