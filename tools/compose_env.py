"""Write the git-ignored .env that docker-compose.yml needs (REDIS_PASSWORD, API_KEYS), once.

Usage: python tools/compose_env.py [--env-file PATH]

If the file is missing it is created (mode 0600) with a random Redis password and a development API key,
and the key is printed. If it exists it is left untouched and only checked: both variables present, the
password safe to embed in a redis:// URL, no `$` (which Compose would try to interpolate).
Exit status: 0 when the file is usable, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("REDIS_PASSWORD", "API_KEYS")
# token_urlsafe's alphabet: safe inside redis://:PASSWORD@host without percent-encoding.
URL_SAFE = re.compile(r"^[A-Za-z0-9_-]{16,}$")


def new_env_text(redis_password: str, api_key: str) -> str:
    """The contents of a fresh .env file."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"# Written by tools/compose_env.py on {stamp}. Secrets: keep out of git (.env is git-ignored).\n"
        f"REDIS_PASSWORD={redis_password}\n"
        "# Comma-separated list of accepted API keys (X-API-Key or Authorization: Bearer).\n"
        f"API_KEYS={api_key}\n"
        "# Optional: host port of the gateway, and the host address it is published on.\n"
        "# PORT=8000\n"
        "# GATEWAY_BIND=127.0.0.1\n"
        "# Optional: Redis memory cap; with noeviction, writes fail (loudly) when it is reached.\n"
        "# REDIS_MAXMEMORY=512mb\n"
    )


def read_env(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines (comments and blank lines skipped, surrounding quotes removed)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def problems_in(values: dict[str, str]) -> list[str]:
    """Every reason these values would not start the stack correctly."""
    problems = [f"{name} is missing or empty" for name in REQUIRED if not values.get(name)]
    password = values.get("REDIS_PASSWORD", "")
    if password and not URL_SAFE.match(password):
        problems.append("REDIS_PASSWORD must be 16+ characters of A-Z a-z 0-9 _ - (it goes into a URL)")
    keys = values.get("API_KEYS", "")
    if keys and any(not key.strip() for key in keys.split(",")):
        problems.append("API_KEYS has an empty entry")
    problems.extend(f"{name} contains '$' (Compose would interpolate it)" for name in REQUIRED
                    if "$" in values.get(name, ""))
    return problems


def write_new_env(path: Path) -> str:
    """Create the .env file readable by its owner only; return the development API key."""
    api_key = "dev-" + secrets.token_urlsafe(24)
    text = new_env_text(secrets.token_urlsafe(32), api_key)
    # O_EXCL: never overwrite a file that appeared in the meantime.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return api_key


def main(argv: list[str] | None = None) -> int:
    """Create .env if missing, else validate it; print what happened."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--env-file", type=Path, default=REPO_ROOT / ".env", help="default: <repo>/.env")
    args = parser.parse_args(argv)
    path: Path = args.env_file

    if not path.exists():
        api_key = write_new_env(path)
        print(f"compose_env: wrote {path} (random REDIS_PASSWORD, mode 0600)")
        print(f"compose_env: development API key: {api_key}")
        print("compose_env: send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'")
        return 0

    problems = problems_in(read_env(path))
    if problems:
        for problem in problems:
            print(f"compose_env: {path}: {problem}", file=sys.stderr)
        print("compose_env: fix the file, or delete it to have a new one written", file=sys.stderr)
        return 1
    print(f"compose_env: {path} exists and has REDIS_PASSWORD and API_KEYS; left unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
