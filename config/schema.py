"""OpenAPI post-processing: the error answers every operation may give (API.md, Conventions).

drf-spectacular documents what a view declares, usually only its success. This hook adds, where
a view did not declare its own: 400 (bad input: a field → messages map) to operations that take a
body or query parameters; 401 and 403 to operations that need a signed-in caller; 404 to
operations on an object named in the path, or on a page of a list (a page that does not exist);
409 to writes; and 429 to the sign-in token.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "An error message, in the request's language, and its stable machine code",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Messages by field: {field: [message, ...]} or {detail: [...]}, and a code",
    "additionalProperties": {},
}
CONFLICT = {
    "type": "object",
    "description": "A stale version or a transition the current status does not allow",
    "properties": {"detail": {}, "code": {"type": "string"}},
    "additionalProperties": {},
}

_WRITES = {"post", "put", "patch", "delete"}
_PUBLIC_THROTTLED = {"/api/v1/auth/token/"}
#: Reads that answer 409 while what they read is not ready (a roadmap before any score).
_READS_THAT_CONFLICT = {("get", "/api/v1/assessments/{id}/roadmap/")}


def _response(description: str, component: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """A drf-spectacular POSTPROCESSING_HOOKS entry: see the module's docstring."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    schemas.setdefault("ConflictError", CONFLICT)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in _WRITES | {"get"}:
                continue
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            signed_in = {} not in operation.get("security", [{}])
            wanted: dict[str, dict[str, Any]] = {}
            if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
                wanted["400"] = _response("Bad input", "ValidationError")
            if signed_in:
                wanted["401"] = _response("Not signed in", "Error")
                wanted["403"] = _response("Not allowed", "Error")
            if any(p.get("in") == "path" or p.get("name") == "page" for p in parameters):
                wanted["404"] = _response(
                    "Not found, or outside the caller's scope",
                    "Error",
                )
            if method in _WRITES or (method, path) in _READS_THAT_CONFLICT:
                wanted["409"] = _response("Conflict", "ConflictError")
            if path in _PUBLIC_THROTTLED:
                wanted["429"] = _response("Too many attempts", "Error")
            for status, response in wanted.items():
                responses.setdefault(status, response)
    return result
