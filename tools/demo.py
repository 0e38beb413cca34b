"""`make demo`: the main job, as a user runs it: `corroborate compare` on seeds/. Starts a stack (embedded Redis,
gateway, worker) if none is running, and stops what it started."""

from __future__ import annotations

import json
import os

from corroborate.cli import cli
from tools.processes import ROOT, wait_http
from tools.stack import DEV_API_KEY, VAR, Stack

SEEDS = ROOT / "seeds"


def compare_arguments() -> list[str]:
    """`compare` arguments for the seeds: each file with its outlet from seeds/manifest.json."""
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    files = [os.path.relpath(SEEDS / a["file"]) for a in manifest["articles"]]
    sources = [option for a in manifest["articles"] for option in ("--source", a["source"])]
    return ["compare", *files, *sources, "--save", os.path.relpath(VAR / "report-seeds.html")]


def main() -> None:
    """Run the demo end to end."""
    base = os.environ.get("CORROBORATE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    key = os.environ.get("CORROBORATE_API_KEY") or (os.environ.get("API_KEYS") or DEV_API_KEY).split(",")[0].strip()
    stack: Stack | None = None
    if not wait_http(base + "/readyz", timeout=1):
        print("[demo] no running stack found: starting one (embedded Redis, gateway, worker) ...", flush=True)
        stack = Stack(quiet=True).start()
        base = stack.url
    VAR.mkdir(exist_ok=True)
    arguments = ["--url", base, "--api-key", key, *compare_arguments()]
    print(f"[demo] corroborate {' '.join(a if ' ' not in a else repr(a) for a in arguments[4:])}\n", flush=True)
    try:
        cli.main(args=arguments, prog_name="corroborate", standalone_mode=False)
        print(f"\nThe same from your shell: export CORROBORATE_URL={base} CORROBORATE_API_KEY={key}; "
              "corroborate compare seeds/*.txt", flush=True)
    finally:
        if stack is not None:
            print("[demo] stopping the stack it started (its report links stop working)", flush=True)
            stack.stop()


if __name__ == "__main__":
    main()
