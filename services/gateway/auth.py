"""API keys: each key is one client; jobs belong to the key that created them."""

from __future__ import annotations

import hashlib
import hmac

from flask import request

from services.gateway.problems import ProblemError


def client_id_for(api_key: str) -> str:
    """A stable client id derived from the key (the key itself is never stored)."""
    return hashlib.sha256(("corroborate-client:" + api_key).encode()).hexdigest()[:32]


def presented_key() -> str | None:
    """The key sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.headers.get("X-API-Key") or None


def authenticate(configured_keys: tuple[str, ...]) -> str:
    """The calling client's id; 401 problem if the key is missing or unknown."""
    key = presented_key()
    if key is None:
        raise ProblemError(401, "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
                           kind="unauthorized", headers={"WWW-Authenticate": 'Bearer realm="corroborate"'})
    matched = False
    for candidate in configured_keys:
        # compare every key, constant time, so timing does not reveal which prefix matched
        matched |= hmac.compare_digest(candidate.encode(), key.encode())
    if not matched:
        raise ProblemError(401, "The API key is not valid.", kind="unauthorized",
                           headers={"WWW-Authenticate": 'Bearer realm="corroborate", error="invalid_token"'})
    return client_id_for(key)
