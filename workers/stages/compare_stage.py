"""Stage 3 glue: the source comparison of a stored job, fed with its deduplication output."""

from __future__ import annotations

from typing import Any, cast

from shared.job_meta import JobMeta
from shared.job_store import JobStore
from shared.tasks import Stage
from workers.analysis.contract import Duplicates, Extraction


def compare_job(store: JobStore, meta: JobMeta, extractions: list[dict[str, Any]]) -> dict[str, Any]:
    """Facts, conflicts, quotes and profiles across the job's sources (stored JSON in and out)."""
    from workers.analysis.comparison import compare_sources

    duplicates = cast(Duplicates | None, store.get_stage(meta.id, Stage.DEDUPLICATE))
    return cast(dict[str, Any], compare_sources(cast(list[Extraction], extractions), duplicates))


def skipped_compare_stage(_: list[dict[str, Any]], warning: str) -> dict[str, Any]:
    """The stage's output when it ran out of time: nothing compared, and a warning saying so."""
    from workers.analysis.comparison import compare_sources

    return {**compare_sources([], None), "warnings": [f"{warning}: no facts or quotations were compared"]}
