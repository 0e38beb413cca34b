"""`make chaos`: faults against a throw-away local stack (loopback only, default settings), bounded in count
and time. Worker SIGKILLs and Redis restarts in the middle of jobs; prints what survived, the time from
Redis's return to the job's success, and the jobs lost (every acknowledged job must succeed with every
article exactly once)."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Any

import requests

from tools.local_stack import LocalStack
from tools.processes import ROOT

KILLS = int(os.environ.get("CHAOS_KILLS", "3"))
RESTARTS = int(os.environ.get("CHAOS_RESTARTS", "2"))
JOB_TIMEOUT = float(os.environ.get("CHAOS_JOB_TIMEOUT", "600"))  # seconds per job, then it counts as lost


def job(round_no: int) -> dict[str, Any]:
    """The five seeds, three times over (distinct ids, so each article must appear once)."""
    import json

    manifest = json.loads((ROOT / "seeds" / "manifest.json").read_text())
    return {"articles": [{"id": f"{a['id']}-{round_no}-{n}", "source": f"{a['source']} {n}",
                          "text": (ROOT / "seeds" / a["file"]).read_text()}
                         for n in range(3) for a in manifest["articles"]]}


def in_the_middle(stack: LocalStack, job_id: str) -> None:
    """Wait until the job has extracted at least one article."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if stack.status(job_id).get("progress", {}).get("done", 0) >= 1:
            return
        time.sleep(0.05)


def exactly_once(stack: LocalStack, job_id: str, payload: dict[str, Any]) -> bool:
    """Whether the result holds every article of the job, once, in order."""
    result = requests.get(f"{stack.url}/v1/jobs/{job_id}/result", headers={"X-API-Key": LocalStack.KEYS[0]},
                          timeout=60).json()
    return [a["article_id"] for a in result.get("articles", [])] == [a["id"] for a in payload["articles"]]


def main() -> int:
    """Run the faults and print the figures; exit 1 if a job was lost."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the stack is stopped on SIGTERM too
    stack = LocalStack(concurrency=2)
    lost, kills_survived, restarts = 0, 0, []
    try:
        for n in range(KILLS + RESTARTS):
            payload = job(n)
            job_id = stack.run(payload)
            in_the_middle(stack, job_id)
            if n < KILLS:
                stack.kill_worker()
                back = time.monotonic()
                stack.start_worker()
            else:
                back = stack.restart_redis()
            try:
                done = stack.wait(job_id, timeout=JOB_TIMEOUT)
                ok = exactly_once(stack, job_id, payload)
            except RuntimeError as exc:
                print(f"  job {job_id}: {exc}", flush=True)
                done, ok = time.monotonic(), False
            lost += not ok
            kind = "worker SIGKILL" if n < KILLS else "Redis restart"
            print(f"  {kind} {n + 1}: job {'succeeded' if ok else 'LOST'} {done - back:.1f} s after recovery",
                  flush=True)
            if ok and n < KILLS:
                kills_survived += 1
            elif ok:
                restarts.append(done - back)
    finally:
        stack.close()
    print(f"worker kills survived: {kills_survived}/{KILLS}")
    print(f"Redis restarts survived: {len(restarts)}/{RESTARTS}, time to recover (Redis back -> job succeeded): "
          + ", ".join(f"{t:.1f} s" for t in restarts))
    print(f"jobs lost: {lost}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
