#!/usr/bin/env bash
# Proves tools/docker_lint.sh catches what it claims to: copies the Docker files to a temp dir, breaks the
# copy one way at a time, and expects the lint to fail each time (and to pass on the unbroken copy).
# Usage: bash docker/lint_selftest.sh    (offline, no Docker engine; ~15 s)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
missed=0

fresh_copy() {
    rm -rf "$work/repo" && mkdir -p "$work/repo/shared"
    cp -r "$ROOT/docker" "$ROOT/docker-compose.yml" "$ROOT/tools" "$work/repo/"
    cp "$ROOT/shared/settings.py" "$work/repo/shared/"
    ln -s "$ROOT/.venv" "$work/repo/.venv"
}

# expect NAME WANT(pass|fail) SHELL-SNIPPET-RUN-INSIDE-THE-COPY
expect() {
    local name="$1" want="$2" mutate="$3" got
    fresh_copy
    (cd "$work/repo" && eval "$mutate") || { echo "selftest: could not apply $name" >&2; missed=$((missed + 1)); return; }
    if bash "$work/repo/tools/docker_lint.sh" >"$work/out" 2>&1; then got=pass; else got=fail; fi
    if [[ "$got" == "$want" ]]; then
        printf 'selftest: ok    %-24s lint %s: %s\n' "$name" "$got" "$(grep -m1 -E 'FAIL|policy:|DL[0-9]{4}' "$work/out" | sed 's/^ *//' | cut -c1-90)"
    else
        printf 'selftest: WRONG %-24s lint %s, expected %s\n' "$name" "$got" "$want" >&2
        sed 's/^/    /' "$work/out" >&2
        missed=$((missed + 1))
    fi
}

C=docker-compose.yml
D=docker/Dockerfile
expect unbroken              pass ":"
expect yaml-syntax           fail "sed -i 's/^  redis:\$/  redis: [/' $C"
expect unknown-key           fail "sed -i 's/^    stop_grace_period:/    stop_grace_periodd:/' $C"
expect wrong-type            fail "sed -i 's/      retries: 5/      retries: five/' $C"
expect no-secret-guard       fail "sed -i 's/\${REDIS_PASSWORD:?[^}]*}/\${REDIS_PASSWORD}/g; s/\${API_KEYS:?[^}]*}/\${API_KEYS}/' $C"
expect redis-published       fail "sed -i 's|^    # No .ports:.*|    ports: [\"6379:6379\"]|' $C"
expect redis-no-password     fail "sed -i '/      - --requirepass/,+1d' $C"
expect redis-evicts          fail "sed -i 's/      - noeviction/      - allkeys-lru/' $C"
expect redis-unpinned        fail "sed -i 's/image: redis:.*/image: redis:latest/' $C"
expect root-user             fail "sed -i 's/^    user: redis .*/    user: root/' $C"
expect worker-container-name fail "sed -i '0,/^    image: corroborate-worker:dev/s||    container_name: w1\n    image: corroborate-worker:dev|' $C"
expect worker-fixed-port     fail "sed -i '0,/^    image: corroborate-worker:dev/s||    ports: [\"9000:9000\"]\n    image: corroborate-worker:dev|' $C"
expect no-healthcheck        fail "sed -i '/^    # Beat answers no pings/,/^      start_period: 20s/d' $C"
expect missing-target        fail "sed -i 's/  target: worker/  target: wroker/' $C"
expect setting-not-passed    fail "sed -i '/^  STALL_SECONDS:\$/d' $C"
expect hadolint-unpinned-pip fail "sed -i 's/pip==25.3/pip/' $D"
expect hadolint-latest-base  fail "sed -i 's/^FROM python:[^ ]*/FROM python:latest/' $D"
expect hadolint-cd           fail "sed -i 's|^WORKDIR /app|RUN cd /app|' $D"
expect hadolint-apt          fail "sed -i 's|^WORKDIR /app|RUN apt-get update \&\& apt-get install -y curl\nWORKDIR /app|' $D"
expect no-dockerfile         fail "rm $D"

if [[ $missed -gt 0 ]]; then
    echo "selftest: $missed case(s) not as expected" >&2
    exit 1
fi
echo "selftest: every breakage was caught and the unbroken copy passed"
