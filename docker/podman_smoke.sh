#!/usr/bin/env bash
# Opt-in smoke test of docker/Dockerfile and docker-compose.yml on a machine WITHOUT a Docker engine:
# the images are built with Podman (buildah, chroot isolation) and the stack is run by the real Compose
# binary against Podman's Docker-compatible API. Not part of `make lint` or CI.
#   sudo-less root + Debian apt + PyPI access; first run ~10 min (debootstrap, pip), then ~3 min.
#   Usage: bash docker/podman_smoke.sh          (SMOKE_PORT=8771, SMOKE_DIR=/tmp/corroborate-podman-smoke)
#
# Stand-ins, because Docker Hub cannot be reached here: python:3.11.14-slim-bookworm is a debootstrapped
# bookworm with Debian's python3.11 (3.11.2) and the host's CA bundle (for TLS-intercepting proxies);
# redis:7.4.6-bookworm is Debian's redis-server 7.0 with a `redis` user. So this checks our build steps,
# users, read-only roots, commands, healthchecks, scaling and persistence, not the upstream images.
# Podman runs no healthchecks without systemd: a bounded loop here runs them every 5 s instead.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${SMOKE_DIR:-/tmp/corroborate-podman-smoke}"
PORT="${SMOKE_PORT:-8771}"
COMPOSE_BIN="${COMPOSE_BIN:-$("$ROOT/.venv/bin/python" -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).with_name("docker-compose"))')}"
export CONTAINERS_CONF="$WORK/containers.conf" DOCKER_HOST="unix://$WORK/podman.sock"
mkdir -p "$WORK"

say() { echo "podman_smoke: $*"; }
fail() { echo "podman_smoke: FAIL: $*" >&2; exit 1; }

# --- tools and Podman settings that work inside a VM without systemd or CAP_SYS_RESOURCE ------------
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
    apt-get install -y -qq podman runc debootstrap >/dev/null
fi
cat >"$CONTAINERS_CONF" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -n):$(ulimit -n)", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
build() { podman build --quiet --format docker --isolation chroot --network host "$@"; }

# --- stand-in base images (built once, kept) ---------------------------------------------------------
if ! podman image exists docker.io/library/python:3.11.14-slim-bookworm; then
    say "building the stand-in python base (debootstrap, a few minutes)"
    rootfs="$WORK/rootfs" && rm -rf "$rootfs"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
    chroot "$rootfs" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends python3.11 python3.11-venv >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*'
    ln -sf /usr/bin/python3.11 "$rootfs/usr/local/bin/python" && ln -sf /usr/bin/python3.11 "$rootfs/usr/local/bin/python3"
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
    rm -f "$rootfs/etc/resolv.conf" && rm -rf "$rootfs/debootstrap"
    tar -C "$rootfs" -c . | podman import --change 'ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
        --change 'CMD ["python3"]' - docker.io/library/python:3.11.14-slim-bookworm >/dev/null
    rm -rf "$rootfs"
fi
if ! podman image exists docker.io/library/redis:7.4.6-bookworm; then
    say "building the stand-in redis image"
    mkdir -p "$WORK/redis" && cat >"$WORK/redis/Dockerfile" <<'EOF'
FROM python:3.11.14-slim-bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
    && rm -rf /var/lib/apt/lists/* && mkdir /data && chown redis:redis /data
WORKDIR /data
CMD ["redis-server"]
EOF
    build -t docker.io/library/redis:7.4.6-bookworm "$WORK/redis" >/dev/null
fi

# --- our images, exactly as compose would build them --------------------------------------------------
say "building gateway and worker targets from docker/Dockerfile"
(cd "$ROOT" && build -f docker/Dockerfile --target gateway -t corroborate-gateway:dev . >/dev/null)
(cd "$ROOT" && build -f docker/Dockerfile --target worker -t corroborate-worker:dev . >/dev/null)
say "image sizes: $(podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep corroborate | tr '\n' ' ')"

# --- Podman's API, a healthcheck pump, a throwaway .env ------------------------------------------------
podman system service --time=0 "$DOCKER_HOST" >"$WORK/service.log" 2>&1 &
service_pid=$!
(end=$((SECONDS + 900)); while [ $SECONDS -lt $end ]; do
    for c in $(podman ps --filter label=com.docker.compose.project=corroborate --format '{{.Names}}'); do
        podman healthcheck run "$c" >/dev/null 2>&1 || true
    done; sleep 5; done) &
pump_pid=$!
rm -f "$WORK/stack.env"
"$ROOT/.venv/bin/python" "$ROOT/tools/compose_env.py" --env-file "$WORK/stack.env" >/dev/null
echo "PORT=$PORT" >>"$WORK/stack.env"
key="$(grep '^API_KEYS=' "$WORK/stack.env" | cut -d= -f2)"
compose() { (cd "$ROOT" && "$COMPOSE_BIN" --env-file "$WORK/stack.env" "$@"); }
cleanup() {
    compose down -v >/dev/null 2>&1 || true
    kill "$pump_pid" "$service_pid" 2>/dev/null || true
}
trap cleanup EXIT
sleep 2

api() { curl -fsS -H "X-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
job_status() { api "http://127.0.0.1:$PORT/v1/jobs/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }

# --- the checks ---------------------------------------------------------------------------------------
compose up -d --no-build --wait --wait-timeout 300 >/dev/null 2>&1 || fail "stack did not become healthy"
say "ok: redis, gateway, worker, scheduler healthy"
[ -z "$(podman port corroborate-redis-1)" ] || fail "redis is published to the host"
podman exec corroborate-redis-1 redis-cli ping 2>&1 | grep -q NOAUTH || fail "redis answers without a password"
say "ok: redis unpublished and password-protected"
for svc in gateway worker scheduler; do
    [ "$(podman exec "corroborate-$svc-1" id -u)" = 10001 ] || fail "$svc is not uid 10001"
    ! podman exec "corroborate-$svc-1" touch /probe 2>/dev/null || fail "$svc root filesystem is writable"
done
say "ok: app containers run as uid 10001 on read-only roots"

body='{"articles":[{"id":"a","source":"A","text":"A drone attack on the residence of Prime Minister Mustafa al-Kadhimi in Baghdad injured six guards, officials said on Sunday."},{"id":"b","source":"B","text":"Six members of the prime minister protection force were wounded in the drone attack in Baghdad, according to officials."}]}'
job="$(api -X POST "http://127.0.0.1:$PORT/v1/jobs" -d "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
for _ in $(seq 120); do status="$(job_status "$job")"; [[ "$status" =~ ^(succeeded|failed|cancelled)$ ]] && break; sleep 1; done
[ "$status" = succeeded ] || fail "job $job ended $status"
say "ok: a two-article job went through gateway -> worker -> result ($job)"

compose up -d --no-build --scale worker=2 --wait --wait-timeout 300 >/dev/null 2>&1 || fail "scaled stack unhealthy"
workers="$(curl -fsS "http://127.0.0.1:$PORT/readyz" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["workers"]))')"
[ "$workers" = 2 ] || fail "--scale worker=2 gave $workers answering workers"
say "ok: --scale worker=2 gives 2 healthy, answering workers"

compose down >/dev/null 2>&1
compose up -d --no-build --wait --wait-timeout 300 >/dev/null 2>&1 || fail "stack did not come back"
[ "$(job_status "$job")" = succeeded ] || fail "job lost across down/up (volume or AOF)"
say "ok: the job survives compose down + up (named volume, AOF)"
say "all checks passed"
