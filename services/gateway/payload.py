"""Untrusted JSON made safe to handle: parsed without a 500 on deep nesting, and checked for nesting depth
and lone surrogates before any code (schema, hashing, storage) walks it.

The rule for text (README, "Errors"): strings must be valid Unicode. JSON allows escapes of lone UTF-16
surrogates ("\\ud800" with no pair); they cannot be encoded as UTF-8, so such a request is refused with
422 naming the field, never silently altered (a replaced character would change what the client sent).
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_NESTING = 32  # a job is objects in a list in an object: nothing legitimate nests deeper
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class PayloadError(ValueError):
    """A body or field that cannot be accepted; `errors` maps the field path to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def load_json(raw: str | bytes, field: str) -> Any:
    """Parse JSON text from a client; PayloadError naming `field` if it is not acceptable JSON."""
    try:
        data = json.loads(raw)
    except RecursionError as exc:
        raise PayloadError({field: [f"is nested deeper than {MAX_NESTING} levels"]}) from exc
    except (ValueError, TypeError) as exc:  # JSONDecodeError, or bytes that are not UTF-8/16/32
        raise PayloadError({field: ["is not valid JSON"]}) from exc
    check_payload(data, field)
    return data


def check_payload(data: Any, root: str) -> None:
    """Refuse nesting deeper than MAX_NESTING and strings (values or keys) holding a lone surrogate.

    Iterative, so the check itself cannot overflow the stack. Paths name fields as the schema errors do
    (`articles.0.text`); `root` names the whole document.
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value, path or root)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_NESTING:
            raise PayloadError({path or root: [f"is nested deeper than {MAX_NESTING} levels"]})
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            child = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                _check_text(key, child)
            stack.append((item, child, depth + 1))


def _check_text(text: str, path: str) -> None:
    match = _LONE_SURROGATE.search(text)
    if match is not None:
        raise PayloadError({path: [f"holds a lone UTF-16 surrogate (\\u{ord(match.group()):04x} at character "
                                   f"{match.start()}): send valid Unicode"]})
