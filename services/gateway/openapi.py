"""What the generated OpenAPI document says beyond the decorators: every error answer is
application/problem+json, every /v1 operation may answer 401, the health endpoints are public."""

from __future__ import annotations

from typing import Any

from apispec import BasePlugin

PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PUBLIC_PATHS = ("/healthz", "/readyz")
# One article body: exactly one of text or html (the schema's own check, published as oneOf).
ARTICLE_BODY_ONE_OF = {"oneOf": [{"required": ["text"], "not": {"required": ["html"]}},
                                 {"required": ["html"], "not": {"required": ["text"]}}]}


def is_error(status: str) -> bool:
    """An error status code of a responses map ("4xx", "5xx" or "default")."""
    return status == "default" or (status[:1] in "45" and status[1:].isdigit())


def as_problem(response: dict[str, Any]) -> dict[str, Any]:
    """An error response documented as problem+json (its schema kept if it had one)."""
    content = response.get("content") or {}
    schema = next((media.get("schema") for media in content.values() if media.get("schema")), PROBLEM_REF)
    return {**response, "content": {PROBLEM_JSON: {"schema": schema}}}


class ContractPlugin(BasePlugin):
    """Applied to each operation as flask-smorest registers it."""

    def operation_helper(self, path: str | None = None, operations: dict[str, Any] | None = None,
                         **_: Any) -> None:
        """Error answers as problem+json, 401 on /v1, public health endpoints."""
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            if (path or "").startswith("/v1/"):
                responses.setdefault("401", "UNAUTHORIZED")
            if (path or "") in PUBLIC_PATHS:
                operation["security"] = []
                if path == "/readyz":
                    responses.setdefault("503", {"description": "Redis or every worker is not answering."})
            for status, response in responses.items():
                if is_error(str(status)) and isinstance(response, dict) and "$ref" not in response:
                    responses[status] = as_problem(response)
