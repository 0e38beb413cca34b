"""Stage 2 glue: in-job deduplication plus "seen before" against the client's corpus index in Redis."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, cast

from shared.corpus_index import CorpusIndex, IndexEntry
from shared.job_meta import JobMeta
from shared.job_store import JobStore
from workers.analysis.contract import Duplicates, Extraction, IndexReport, SeenBefore
from workers.analysis.dedup.core import deduplicate_prepared
from workers.analysis.dedup.fingerprint import decode, encode, evidence_sentences, match
from workers.analysis.dedup.prepare import Prepared, prepare
from workers.analysis.dedup.signatures import BANDS, band_hashes, estimated_jaccard, minhashes

# Estimated from identical bands: 0.4 needs >= 3 of 42 bands, which a pair at true Jaccard 0.1 reaches with
# p < 1e-4; or both sides >= SEEN_COVERAGE covered by sentences matched on their SimHashes.
SEEN_NEAR_DUPLICATE_JACCARD = 0.4
SEEN_COVERAGE = 0.5
PURGE_PER_RUN = 20


def deduplicate_job(store: JobStore, meta: JobMeta, extractions: list[dict[str, Any]]) -> dict[str, Any]:
    """The deduplicate stage of a stored job: its index entries expire with the job (stored JSON in and out)."""
    return cast(dict[str, Any], run_dedup_stage(
        store.corpus_for(meta), client_id=meta.client, job_id=meta.id, extractions=cast(list[Extraction], extractions),
        options=meta.options, is_cancelled=lambda: store.is_cancelled(meta.id)))


def skipped_dedup_stage(extractions: list[dict[str, Any]], warning: str) -> dict[str, Any]:
    """The stage's output when it ran out of time: no duplicates found, every article its own group."""
    from workers.analysis.dedup.core import deduplicate

    return {**deduplicate([]), "independent_groups": [[e["article_id"]] for e in extractions],
            "warnings": [f"{warning}: exact and near duplicates, reused passages and seen-before were not "
                         "computed, every article counts as independent"]}


def run_dedup_stage(index: CorpusIndex, *, client_id: str, job_id: str, extractions: Sequence[Extraction],
                    options: dict[str, Any], is_cancelled: Callable[[], bool] = lambda: False) -> Duplicates:
    """Stage 2 output for a job (docs/analysis-contract.md); idempotent for a given job. `is_cancelled`
    says whether the job was deleted meanwhile (its entries must not stay in the index then)."""
    check = bool(options.get("check_seen_before", True))
    remember = bool(options.get("remember", True))
    prepared = [prepare(e) for e in extractions]
    sigs = minhashes([p.shingle_set for p in prepared])
    result = deduplicate_prepared(prepared, sigs)
    bands = [band_hashes(m) for m in sigs]
    evidence = [evidence_sentences(p) for p in prepared]

    purged = index.purge_expired(client_id, limit=PURGE_PER_RUN) if (check or remember) else 0
    if check and prepared:
        own_sequence = index.job_sequence(client_id, job_id)
        found = index.query(client_id, bands, exclude_job=job_id, indexed_up_to=own_sequence)
        result["seen_before"] = [
            entry for p, mine, candidates in zip(prepared, evidence, found, strict=True)
            for entry in _explain(p, mine, candidates)
        ]
    entries = [IndexEntry(p.article_id, b, encode(p, ev)) for p, b, ev in zip(prepared, bands, evidence, strict=True)]
    # What the index stores for this job (records + bucket references), counted the same on every run.
    job_bytes = sum(len(e.evidence) + 2 + 4 * BANDS + len(e.article_id) + 6 * BANDS for e in entries)
    report: IndexReport = {"checked": check, "remembered": remember, "articles": len(entries) if remember else 0,
              "bytes_added": job_bytes if remember else 0,
              "bytes_per_article": round(job_bytes / len(entries)) if remember and entries else 0,
              "purged_expired_articles": purged}
    if remember and entries and not is_cancelled():
        index.insert(client_id, job_id, entries)
        if is_cancelled():  # deleted while we inserted: take the entries back out
            index.remove_job(client_id, job_id)
    result["index"] = report
    return result


def _explain(p: Prepared, mine: list[tuple[int, int, int]], candidates: list[Any]) -> list[SeenBefore]:
    out: list[SeenBefore] = []
    for c in candidates:
        fp = decode(c.evidence)
        passages = match(mine, fp)
        here = sum(x["end"] - x["start"] for x in passages) / max(1, p.chars)
        there = sum(x["earlier_end"] - x["earlier_start"] for x in passages) / max(1, fp.chars)
        jaccard = estimated_jaccard(c.matching_bands)
        if jaccard >= SEEN_NEAR_DUPLICATE_JACCARD or min(here, there) >= SEEN_COVERAGE:
            relation = "near_duplicate"
        elif max(here, there) >= SEEN_COVERAGE:
            relation = "containment"
        elif passages:
            relation = "partial"
        else:
            continue  # an LSH collision the evidence does not confirm
        out.append(cast(SeenBefore, {
            "article_id": p.article_id, "earlier_job_id": c.job_id, "earlier_article_id": c.article_id,
            "earlier_source": fp.source,
            "earlier_published_at": (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(fp.published))
                                     if fp.published else None),
            "relation": relation,
            "similarity": {"estimated_jaccard": round(jaccard, 3), "matching_bands": c.matching_bands,
                           "bands": BANDS, "coverage": round(min(1.0, here), 3),
                           "earlier_coverage": round(min(1.0, there), 3)},
            "passages": passages,
        }))
    out.sort(key=lambda e: -e["similarity"]["estimated_jaccard"])
    return out
