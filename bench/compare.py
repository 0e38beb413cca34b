"""Speed of the comparison stage against the extraction stage, on jobs of 100, 300 and 1,000 articles.

Articles: the Giveme5W1H news-cluster articles outside the judging-reserved events (61 events mixed in one job,
each outlet named per event and dated: build_job), extracted once with the
real extraction and cached in bench/out/ (rerun with --refresh to re-extract). A 1,000-article job needs
more articles than the set has: the rest are syndicated copies of originals under other outlets' names
(ids and sources differ, text identical), declared as exact duplicates so they count once, as the dedup
stage would report them (every job size has the same share of copies). Extraction of a copy costs what
its original cost, so the extraction stage's time for a job is a measured time per character times the
job's characters. The machine is shared, so that rate
is measured again in this run, on a fixed sample of articles, just before the comparison is timed (the
cached full extraction's rate is printed too).

Run: python -m bench.compare [--refresh]
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from eval.dedup_data import data_root
from eval.reserved import is_reserved, reserved_files
from workers.analysis.contract import Duplicates, ExtractionSlot

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / "out" / "compare_giveme_extractions.json.gz"
SIZES = (100, 300, 1000)
SEED = 7
RATE_SAMPLE = 40  # articles re-extracted in this run to measure the extraction rate under the same load
CHUNK = 32  # articles per extract_articles call (one failing article costs one chunk retry)



def load_articles() -> list[dict[str, Any]]:
    """The Giveme5W1H articles as job articles (id = file name prefix, source = domain), but those of the events
    reserved for judging (eval/reserved.py)."""
    folder = data_root() / "giveme5w1h-news-cluster" / "articles"
    reserved = reserved_files(folder.parent)
    out = []
    for path in sorted(folder.glob("*.json")):
        if path.name in reserved:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        if (record.get("text") or "").strip():
            out.append({"id": path.stem[:16], "source": record.get("source_domain") or path.stem[:8],
                        "title": record.get("title") or None, "text": record["text"]})
    return out


def extracted(refresh: bool) -> tuple[list[dict[str, Any]], float]:
    """The extractions of every article and the seconds the extraction stage took (cached). A cache written
    before the judging-reserved events were left out is rebuilt (eval/reserved.py)."""
    if CACHE.exists() and not refresh:
        cached = json.loads(gzip.decompress(CACHE.read_bytes()))
        folder = data_root() / "giveme5w1h-news-cluster"
        if not any(is_reserved(str(e.get("article_id") or ""), folder) for e in cached["extractions"]):
            return cached["extractions"], cached["seconds"]
    from workers.analysis.extraction import extract_articles

    articles = load_articles()
    extractions: list[dict[str, Any]] = []
    seconds = 0.0
    failed = 0
    for first in range(0, len(articles), CHUNK):
        chunk = articles[first:first + CHUNK]
        started = time.perf_counter()
        try:
            extractions.extend(cast(list[dict[str, Any]], extract_articles(chunk)))
            seconds += time.perf_counter() - started
            continue
        except Exception:
            pass
        for article in chunk:  # the chunk failed: one by one, skipping (and counting) what fails
            started = time.perf_counter()
            try:
                extractions.extend(cast(list[dict[str, Any]], extract_articles([article])))
                seconds += time.perf_counter() - started
            except Exception:
                failed += 1
    if failed:
        print(f"extraction raised on {failed} article(s); they are left out", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(gzip.compress(json.dumps({"extractions": extractions, "seconds": seconds}).encode()))
    return extractions, seconds


def _extraction_rate_now(originals: list[dict[str, Any]]) -> float | None:
    """Seconds per character of the real extraction on a fixed sample, measured now (None if it fails)."""
    from workers.analysis.extraction import extract_articles

    sample = sorted(originals, key=lambda e: e["article_id"])[:RATE_SAMPLE]
    articles = [{"id": e["article_id"], "source": e["source"], "text": e["text"]} for e in sample]
    extract_articles(articles[:2])  # warm-up: model load
    started = time.perf_counter()
    try:
        extract_articles(articles)
    except Exception:
        return None
    return (time.perf_counter() - started) / sum(len(e["text"]) for e in sample)


def index_rows() -> dict[str, dict[str, str]]:
    """Each article id (load_articles: the file name's first 16 characters) -> its row of the data set's index
    (event_id, date_publish, ...)."""
    index = data_root() / "giveme5w1h-news-cluster" / "index.tsv"
    with index.open(encoding="utf-8") as rows:
        return {row["file"][:16]: row for row in csv.DictReader(rows, delimiter="\t")}


def build_job(originals: list[dict[str, Any]], size: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A job of `size` articles and its duplicates record.

    Every size is a prefix of one shuffled list of originals and syndicated copies (as many as the largest
    size needs), so the share of copies, and so the density of the blocks, is the same at every size.

    Each article's outlet is named per event ("www.bbc.com · event 14") and carries the data set's publication
    time, a copy an hour per round after its original: the job mixes 61 events, and one outlet's articles count
    as one source (comparison.independence) unless they are later copies of another outlet's, so an outlet's
    articles on different events, or an undated syndicator's copies of every event's stories, would chain the
    whole job into one source and nothing could be corroborated (the job before: 92 outlets, 1 independent
    source, every fact single). So named and dated, it is 61 single-event jobs side by side.
    """
    rng = random.Random(SEED)
    rows = index_rows()

    def dated(original: dict[str, Any]) -> dict[str, Any]:
        row = rows.get(original["article_id"]) or {}
        return {**original, "source": f"{original['source']} · event {row.get('event_id', '?')}",
                "published_at": original.get("published_at") or row.get("date_publish") or None}

    originals = [dated(o) for o in originals]
    everything = list(originals)
    round_number = 0
    while len(everything) < max(SIZES):
        round_number += 1
        for original in rng.sample(originals, len(originals)):
            if len(everything) >= max(SIZES):
                break
            event = original["source"].rsplit(" · ", 1)[-1]
            published = original["published_at"] and (
                datetime.fromisoformat(original["published_at"]) + timedelta(hours=round_number)).isoformat()
            everything.append({**original, "article_id": f"{original['article_id']}-syn{round_number}",
                               "source": f"syndicator-{round_number}.example · {event}", "published_at": published})
    rng.shuffle(everything)
    job = everything[:size]
    groups: dict[str, list[str]] = {}
    for article in job:
        groups.setdefault(article["article_id"].split("-syn")[0], []).append(article["article_id"])
    exact = [{"articles": ids} for ids in groups.values() if len(ids) > 1]
    duplicates = {"exact": exact, "near_duplicates": [], "reused_passages": [],
                  "independent_groups": list(groups.values())}
    return job, duplicates


def main() -> None:
    """Time compare_sources at each job size and print it against the extraction stage."""
    from workers.analysis.comparison import compare_sources

    extractions, extraction_seconds = extracted("--refresh" in sys.argv)
    originals = [e for e in extractions if "error" not in e]
    cached_rate = extraction_seconds / sum(len(e["text"]) for e in originals)
    seconds_per_char = _extraction_rate_now(originals) or cached_rate
    compare_sources(cast(list[ExtractionSlot], originals[:20]), None)  # warm-up: imports, the linker's lazy state
    print(f"Comparison stage vs extraction stage — Giveme5W1H ({len(originals)} articles, "
          f"{len({e['source'] for e in originals})} outlets). Extraction rate: {1 / seconds_per_char:,.0f} "
          f"chars/s measured now on {RATE_SAMPLE} articles ({1 / cached_rate:,.0f} chars/s in the cached run)")
    print(f"{'articles':>8}{'indep.':>7}{'claims':>8}{'pairs':>8}{'facts':>7}{'agreed':>7}{'embed s':>9}"
          f"{'align s':>9}{'quotes s':>9}"
          f"{'compare s':>10}{'extract s':>10}{'ratio':>8}{'us/(n log n)':>13}")
    for size in SIZES:
        job, duplicates = build_job(originals, size)
        runs = []
        for _ in range(2 if size <= 300 else 1):
            started = time.perf_counter()
            result = compare_sources(cast(list[ExtractionSlot], job), cast(Duplicates, duplicates))
            runs.append((time.perf_counter() - started, result))
        seconds, result = min(runs, key=lambda r: r[0])
        stats = result["stats"]
        claims = stats["claims"]
        extract_seconds = seconds_per_char * sum(len(e["text"]) for e in job)
        per_nlogn = seconds / (claims * math.log2(max(claims, 2))) * 1e6
        part = stats["seconds"]
        agreed = sum(1 for f in result["facts"] if f["status"] == "corroborated")
        print(f"{size:>8}{result['independence']['independent_sources']:>7}{claims:>8}{stats['candidate_pairs']:>8}"
              f"{stats['facts']:>7}{agreed:>7}{part['embeddings']:>9.2f}"
              f"{part['alignment']:>9.2f}{part['quotes']:>9.2f}{seconds:>10.2f}{extract_seconds:>10.1f}"
              f"{seconds / extract_seconds:>8.1%}{per_nlogn:>13.2f}")
    print("indep. = independent sources in the job; agreed = corroborated facts; "
          "ratio = comparison (embeddings included) / extraction stage time (target <= 30%); us/(n log n) = "
          "microseconds per "
          "claim*log2(claims): flat or falling means no worse than n log n")


if __name__ == "__main__":
    main()
