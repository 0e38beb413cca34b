"""`make demo`: the main job. Starts the stack if none is running, submits seeds/, shows progress, prints
a readable summary of the result, saves the HTML report, and stops what it started."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from typing import Any

from tools.processes import ROOT, wait_http
from tools.stack import DEV_API_KEY, VAR, Stack

SEEDS = ROOT / "seeds"


def call(method: str, url: str, key: str, body: dict[str, Any] | None = None) -> tuple[int, Any, str]:
    """One HTTP call; returns (status, parsed JSON or None, raw text)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "X-API-Key": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read().decode(), exc.code
    try:
        return status, json.loads(raw), raw
    except json.JSONDecodeError:
        return status, None, raw


def seed_payload() -> dict[str, Any]:
    """The seeds as a JSON job, with ids and sources from seeds/manifest.json."""
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    return {"articles": [{"id": a["id"], "source": a["source"], "text": (SEEDS / a["file"]).read_text()}
                         for a in manifest["articles"]]}


def run_job(base: str, key: str) -> tuple[str, dict[str, Any], float]:
    """Submit the seeds, print progress, return (job id, result, seconds from POST to succeeded)."""
    started = time.monotonic()
    status, body, raw = call("POST", base + "/v1/jobs", key, seed_payload())
    if status != 202:
        raise SystemExit(f"submission refused ({status}): {raw}")
    job_id = body["id"]
    print(f"submitted {len(body['articles'])} articles as job {job_id} (HTTP 202 in "
          f"{(time.monotonic() - started) * 1000:.0f} ms)")
    last = ""
    while True:
        _, body, _ = call("GET", f"{base}/v1/jobs/{job_id}", key)
        progress = body["progress"]
        line = f"  {body['status']:<9} stage {progress['stage']:<12} articles {progress['done']}/{progress['total']}"
        if line != last:
            print(line, flush=True)
            last = line
        if body["status"] in ("succeeded", "failed", "cancelled"):
            break
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    if body["status"] != "succeeded":
        raise SystemExit(f"job ended {body['status']}: {json.dumps(body.get('error'))}")
    _, result, _ = call("GET", f"{base}/v1/jobs/{job_id}/result", key)
    return job_id, result, elapsed


def main() -> None:
    """Run the demo end to end."""
    base = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    key = (os.environ.get("API_KEYS") or DEV_API_KEY).split(",")[0].strip()
    stack: Stack | None = None
    if not wait_http(base + "/readyz", timeout=1):
        print("[demo] no running stack found: starting one (embedded Redis, gateway, worker) ...", flush=True)
        stack = Stack(quiet=True).start()
    print(f"[demo] gateway {base}   API key: {key}")
    try:
        job_id, result, elapsed = run_job(base, key)
        print(f"succeeded in {elapsed:.2f} s (POST to succeeded)\n")
        from tools.summary import print_summary

        print_summary(result)
        status, _, html = call("GET", f"{base}/v1/jobs/{job_id}/report", key)
        if status == 200:
            VAR.mkdir(exist_ok=True)
            path = VAR / f"report-{job_id}.html"
            path.write_text(html)
            print(f"\nReport: {base}/v1/jobs/{job_id}/report  (send the API key header)\n"
                  f"        saved to {path} (open it in a browser)")
        print(f"Result: curl -H 'X-API-Key: {key}' {base}/v1/jobs/{job_id}/result")
    finally:
        if stack is not None:
            print("[demo] stopping the stack it started", flush=True)
            stack.stop()


if __name__ == "__main__":
    main()
