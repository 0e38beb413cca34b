"""The one error shape: RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

import http
import json
import logging
from typing import Any

import redis
from flask import Response, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from shared.schemas import ProblemSchema

PROBLEM_TYPE_BASE = "urn:corroborate:problem:"
log = logging.getLogger(__name__)


class ProblemError(HTTPException):
    """An HTTP error with a problem type, detail, per-field errors and extra headers."""

    def __init__(self, status: int, detail: str, *, kind: str | None = None,
                 errors: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(description=detail)
        self.code = status
        self.detail = detail
        self.kind = kind
        self.errors = errors
        self.extra_headers = headers or {}
        self.extra = extra or {}


def problem_response(status: int, title: str, detail: str, *, kind: str | None = None,
                     errors: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                     extra: dict[str, Any] | None = None) -> Response:
    """Build a problem+json response."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + (kind or title.lower().replace(" ", "-")),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path if request else "",
    }
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"articles.2.text": ["..."]}, so each names its field."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                path = prefix or "body"
            flat.update(flatten_errors(value, path))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        flat[prefix or "body"] = list(messages)
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            flat.update(flatten_errors(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        flat[prefix or "body"] = [str(messages)]
    return flat


def describe_errors(errors: dict[str, list[str]]) -> str:
    """A one-line human summary naming the offending fields."""
    parts = [f"{field}: {'; '.join(messages)}" for field, messages in sorted(errors.items())]
    return "Invalid request: " + " | ".join(parts)


class ProblemApi(Api):
    """flask-smorest's Api, answering every HTTP error as problem+json (and documenting it so)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        """The shared responses (UNAUTHORIZED, NOT_FOUND, ..., DEFAULT_ERROR) as problem+json."""
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["content"] = {"application/problem+json": {"schema": self.ERROR_SCHEMA}}
            self.spec.components.response(status.name, response, lazy=True)
        self.spec.components.response("DEFAULT_ERROR", {"description": "Any other error", "content": {
            "application/problem+json": {"schema": self.ERROR_SCHEMA}}}, lazy=True)

    def _register_error_handlers(self) -> None:
        self._app.register_error_handler(HTTPException, self.handle_http_exception)
        self._app.register_error_handler(Exception, self.handle_unexpected)

    def handle_http_exception(self, error: HTTPException) -> Response:
        """Every HTTPException (our ProblemError, Flask's 404/405/413, webargs' 422) as a problem."""
        status = error.code or 500
        title = error.name
        if isinstance(error, ProblemError):
            return problem_response(status, title, error.detail, kind=error.kind, errors=error.errors,
                                    headers=error.extra_headers, extra=error.extra)
        data = getattr(error, "data", None) or {}
        messages = data.get("messages") or data.get("errors")
        if messages:
            # webargs nests by location: {"query": {"limit": [...]}}
            if isinstance(messages, dict) and len(messages) == 1 and next(iter(messages)) in {
                    "query", "json", "form", "files", "headers", "view_args"}:
                messages = next(iter(messages.values()))
            errors = flatten_errors(messages)
            return problem_response(status, title, describe_errors(errors), kind="validation-error",
                                    errors=errors, headers=data.get("headers"))
        detail = error.description or title
        if status == 413:
            detail = "The request body is larger than this service accepts (see MAX_BODY_BYTES)."
        return problem_response(status, title, detail, headers=data.get("headers"))

    def handle_unexpected(self, error: Exception) -> Response:
        """Anything unforeseen: log it, answer a problem without internals."""
        if isinstance(error, HTTPException):
            return self.handle_http_exception(error)
        if isinstance(error, redis.RedisError):
            log.warning("redis unavailable on %s %s: %s", request.method, request.path, error)
            return problem_response(503, "Service Unavailable",
                                    "The job store is not reachable right now; nothing was stored. Retry later.",
                                    kind="store-unavailable", headers={"Retry-After": "5"})
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(500, "Internal Server Error",
                                "The server failed to handle this request; it has been logged.")
