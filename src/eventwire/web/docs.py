"""The API's docs page, served offline: Swagger UI from the `swagger-ui-bundle` package, no CDN.

    GET /docs                  the page (static/docs.html; its script is static/docs.js)
    GET /docs/assets/...       Swagger UI's own files, from swagger_ui_bundle.swagger_ui_path
    GET /docs/openapi.json     the OpenAPI document as OpenAPI 3.0, which this Swagger UI (4.x) reads

FastAPI writes OpenAPI 3.1 (`/openapi.json`, unchanged); Swagger UI 4 refuses any version but 3.0.n,
so the docs page reads a copy written down to 3.0 (`openapi_30`): `anyOf [X, null]` becomes `X`
with `nullable`, and the few other 3.1 spellings become their 3.0 ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

__all__ = ["ASSETS", "DOCS_CSP", "add_docs", "openapi_30"]

ASSETS = Path(str(swagger_ui_path))
STATIC = Path(__file__).parent / "static"
# Swagger UI sets inline styles; scripts and everything else come from this server only.
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null" and len(schema) == 1


def _schema_30(node: Any) -> Any:
    """A JSON Schema (OpenAPI 3.1 dialect) written in OpenAPI 3.0's, recursively."""
    if isinstance(node, list):
        return [_schema_30(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {key: _schema_30(value) for key, value in node.items()}
    for key in ("anyOf", "oneOf"):
        options = out.get(key)
        if isinstance(options, list) and any(_is_null(x) for x in options):
            rest = [x for x in options if not _is_null(x)]
            del out[key]
            if len(rest) == 1 and isinstance(rest[0], dict) and "$ref" not in rest[0]:
                out = rest[0] | out
            elif rest:
                out[key] = rest
            out["nullable"] = True
    kind = out.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        out["type"] = kinds[0] if len(kinds) == 1 else kinds
        if len(kinds) < len(kind):
            out["nullable"] = True
    if "const" in out:
        out["enum"] = [out.pop("const")]
    if isinstance(out.get("examples"), list):
        examples = out.pop("examples")
        if examples:
            out["example"] = examples[0]
    for bound, flag in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(bound), int | float) and not isinstance(out.get(bound), bool):
            out[flag] = out[bound]
            out[bound] = True
    return out


def openapi_30(spec: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.1 document `spec` as an OpenAPI 3.0.3 one (a new dict; `spec` is left alone)."""

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        return {key: _schema_30(value) if key == "schema" else walk(value) for key, value in node.items()}

    out = walk(spec)
    out["openapi"] = "3.0.3"
    components = out.get("components") or {}
    if "schemas" in components:
        components["schemas"] = {name: _schema_30(s) for name, s in components["schemas"].items()}
    out.pop("webhooks", None)
    return out


def add_docs(app: FastAPI) -> None:
    """Serve the docs page, its assets and the 3.0 document on `app` (created with docs_url=None)."""
    spec_30: dict[str, Any] = {}

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    @app.get("/docs/openapi.json", include_in_schema=False)
    def openapi_json() -> dict[str, Any]:
        if not spec_30:
            spec_30.update(openapi_30(app.openapi()))
        return spec_30

    app.mount("/docs/assets", StaticFiles(directory=ASSETS), name="docs-assets")
