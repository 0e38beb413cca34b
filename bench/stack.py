"""The whole stack (gateway over HTTP, Redis, a real Celery worker): throughput, memory per pool child, fairness.

1. Throughput: a job of the seed articles (repeated, distinct ids) through a worker with ONE pool process,
   POST to succeeded, in articles/s; against plain spaCy `nlp.pipe` (the same model and components) over the
   same raw texts in this process, in the same run, rounds interleaved. Ratio = stack / spaCy.
2. PSS per pool child (/proc/<pid>/smaps_rollup, what smem reports) of a two-child worker after a job: the
   models are loaded before fork, so most of each child's pages are shared and count once.
Set BENCH_STACK_PARTS=fairness (or throughput) to run one part.
3. Fairness: client A submits a heavy job (BENCH_HEAVY_ARTICLES articles of ~100k characters), then client
   B a one-sentence job; B's POST-to-succeeded time, against B alone on an idle stack.
"""

from __future__ import annotations

import os
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from tools.local_stack import LocalStack

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_STACK_ROUNDS", "3"))
SEED_REPEATS = int(os.environ.get("BENCH_STACK_REPEATS", "6"))
HEAVY_ARTICLES = int(os.environ.get("BENCH_HEAVY_ARTICLES", "8"))
PARTS = os.environ.get("BENCH_STACK_PARTS", "throughput,fairness")
SMALL_JOB = {"articles": [{"id": "s1", "source": "Wire", "text": "Two drones were shot down on Sunday, police said."}]}


def pss_kib(pid: int) -> dict[str, int]:
    """Pss, Rss and shared kB of one process, from /proc/<pid>/smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].rstrip(":") in ("Rss", "Pss", "Shared_Clean", "Shared_Dirty"):
            fields[parts[0].rstrip(":")] = int(parts[1])
    return fields


def seed_articles() -> list[dict[str, Any]]:
    """The seeds repeated SEED_REPEATS times with distinct ids."""
    import json

    manifest = json.loads((ROOT / "seeds" / "manifest.json").read_text())
    return [{"id": f"{a['id']}-{r}", "source": f"{a['source']} {r}", "text": (ROOT / "seeds" / a["file"]).read_text()}
            for r in range(SEED_REPEATS) for a in manifest["articles"]]


def heavy_text(seed: int, chars: int = 100_000) -> str:
    """A long generated report (distinct numbers per article, so no two articles are duplicates)."""
    out, n = [], 0
    while n < chars:
        clause = (f"Officials said {seed * 7 + n % 97} people were injured and {n % 13} were killed in district "
                  f"{n % 31}, according to police. ")
        out.append(clause)
        n += len(clause)
    return "".join(out)[:chars]


def spacy_seconds(texts: list[str]) -> float:
    """Plain spaCy over the texts: the same model and components, nlp.pipe, nothing else."""
    from workers.analysis.extraction import BATCH_SIZE
    from workers.analysis.nlp import load_base_model

    nlp = load_base_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - started


def throughput() -> tuple[float, float]:
    """(stack articles/s, spaCy articles/s), medians over ROUNDS interleaved rounds."""
    articles = seed_articles()
    texts = [a["text"] for a in articles]
    spacy_seconds(texts[:5])  # load the model before timing
    stack = LocalStack(concurrency=1)
    try:
        stack.timed({"articles": articles[:5]})  # warm: the first job of a worker
        ours, base = [], []
        for r in range(ROUNDS):
            base.append(len(texts) / spacy_seconds(texts))
            job = {"articles": [{**a, "id": f"{a['id']}-r{r}"} for a in articles]}
            ours.append(len(articles) / stack.timed(job))
            print(f"  round {r + 1}: stack {ours[-1]:.2f} articles/s, spaCy {base[-1]:.2f} articles/s, "
                  f"ratio {ours[-1] / base[-1]:.2f}", flush=True)
    finally:
        stack.close()
    return statistics.median(ours), statistics.median(base)


def memory_and_fairness() -> tuple[list[dict[str, int]], float, float]:
    """(PSS per pool child after the seeds job, small job alone in s, small job beside a heavy one in s)."""
    stack = LocalStack(concurrency=2)
    try:
        stack.timed({"articles": seed_articles()[:5]})
        memory = [pss_kib(pid) for pid in stack.pool_children()]
        alone = statistics.median(stack.timed(SMALL_JOB, LocalStack.KEYS[1]) for _ in range(3))
        heavy = stack.run({"articles": [{"id": f"h{i}", "source": f"Outlet {i}", "text": heavy_text(i)}
                                        for i in range(HEAVY_ARTICLES)]})
        time.sleep(1.0)  # the heavy job's extractions are queued and running
        beside = stack.timed(SMALL_JOB, LocalStack.KEYS[1])
        stack.wait(heavy)
    finally:
        stack.close()
    return memory, alone, beside


def main() -> None:
    """Print the three figures."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the stacks are stopped on SIGTERM too
    if "throughput" in PARTS:
        print(f"throughput: {SEED_REPEATS * 5} seed articles per job, {ROUNDS} rounds, one pool process")
        ours, base = throughput()
        print(f"stack {ours:.2f} articles/s vs plain spaCy nlp.pipe {base:.2f} articles/s: {ours / base:.2f}x")
    if "fairness" not in PARTS:
        return
    memory, alone, beside = memory_and_fairness()
    for i, m in enumerate(memory):
        shared = m.get("Shared_Clean", 0) + m.get("Shared_Dirty", 0)
        print(f"worker child {i + 1} (2 pool processes + the embedded beat): PSS {m['Pss'] / 1024:.0f} MiB "
              f"(RSS {m['Rss'] / 1024:.0f} MiB, "
              f"shared {shared / 1024:.0f} MiB)")
    print(f"fairness: client B's one-sentence job took {alone:.2f} s alone and {beside:.2f} s while client A's "
          f"job of {HEAVY_ARTICLES} x 100k-character articles ran (2 pool processes)")


if __name__ == "__main__":
    main()
