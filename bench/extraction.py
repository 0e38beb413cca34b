"""Extraction throughput (words/s, one process) against plain spaCy nlp.pipe on the same clean texts.

The baseline is the same model with the same spaCy components (`load_base_model()`), run with `nlp.pipe` over
the clean texts and nothing else. "Extraction (NLP)" is everything we add on top of it: our pipeline
components, entities, quotes, numeric claims, attributions and dates. "Extraction (full)" also runs the
cleaning stage (another module) from the raw seed text. Runs alternate and the best of REPEATS is kept.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workers.analysis.cleaning import clean_article
from workers.analysis.extraction import BATCH_SIZE, base_record, extract_articles, fill_from_doc
from workers.analysis.nlp import get_nlp, load_base_model

ROOT = Path(__file__).resolve().parents[1]
TARGET_WORDS = int(os.environ.get("BENCH_EXTRACTION_WORDS", "30000"))
REPEATS = int(os.environ.get("BENCH_EXTRACTION_REPEATS", "3"))
OUT = ROOT / "bench" / "out" / "extraction.json"


def _articles() -> list[dict[str, Any]]:
    """The seed articles, repeated until they hold about TARGET_WORDS words of clean text."""
    seeds = [
        {"id": p.stem[:3], "source": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    words_per_round = sum(len(clean_article(a)["text"].split()) for a in seeds)
    rounds = max(1, TARGET_WORDS // max(1, words_per_round))
    return [{**a, "id": f"{a['id']}-{r}"} for r in range(rounds) for a in seeds]


def _timed(run: Callable[[], None]) -> tuple[float, float]:
    """(CPU seconds of this process, wall-clock seconds) of one run."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Print baseline and extraction throughput and their ratio."""
    articles = _articles()
    cleaned = [clean_article(a) for a in articles]
    texts = [c["text"] for c in cleaned]
    words = sum(len(t.split()) for t in texts)
    base, ours = load_base_model(), get_nlp()
    list(base.pipe(texts[:5])), list(ours.pipe(texts[:5]))  # warm up (lazy tables, first-call costs)
    extract_articles(articles[:5])

    def baseline() -> None:
        for _doc in base.pipe(texts, batch_size=BATCH_SIZE):
            pass

    def nlp_part() -> None:
        records = [base_record(a, c) for a, c in zip(articles, cleaned, strict=True)]
        for record, doc in zip(records, ours.pipe(texts, batch_size=BATCH_SIZE), strict=True):
            fill_from_doc(record, doc)

    def full() -> None:
        extract_articles(articles)

    names = ("baseline", "nlp", "full")
    cpu = dict.fromkeys(names, float("inf"))
    wall = dict.fromkeys(names, float("inf"))
    for _ in range(REPEATS):
        for name, run in zip(names, (baseline, nlp_part, full), strict=True):
            cpu_s, wall_s = _timed(run)
            cpu[name], wall[name] = min(cpu[name], cpu_s), min(wall[name], wall_s)
    labels = {
        "baseline": "plain spaCy nlp.pipe (same model, same components)",
        "nlp": "extraction, NLP part (our components + extractors)",
        "full": "extraction, full extract_articles (incl. cleaning)",
    }
    print(f"Extraction throughput: {len(texts)} articles, {words} words of clean text, best of {REPEATS}, 1 process")
    print(f"{'run':<53} {'words/s CPU':>12} {'ratio':>6} {'words/s wall':>13} {'ratio':>6}")
    for name in names:
        print(
            f"{labels[name]:<53} {words / cpu[name]:>12.0f} {cpu['baseline'] / cpu[name]:>6.3f}"
            f" {words / wall[name]:>13.0f} {wall['baseline'] / wall[name]:>6.3f}"
        )
    ratio = cpu["baseline"] / cpu["nlp"]
    print(f"target: NLP-part ratio (CPU time) >= 0.90 -> {'PASS' if ratio >= 0.9 else 'FAIL'} ({ratio:.3f})")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} (wall-clock figures are unreliable when > 2)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"words": words, "articles": len(texts), "cpu_s": cpu, "wall_s": wall}, indent=1))


if __name__ == "__main__":
    main()
