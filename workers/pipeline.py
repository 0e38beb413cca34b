"""The job pipeline as plain functions: extraction per article, then deduplication, comparison, finalising.

The job store's record of which articles are done is the truth (not a Celery chord): whichever article task
completes the set claims the next stage exactly once, and the watchdog (`sweep`) re-drives any job that
stops making progress (a SIGKILLed worker, a lost message). Every step is idempotent, so a re-driven or
redelivered task changes nothing that was already done.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from shared.budgets import stall_limit
from shared.job_meta import JobMeta
from shared.job_store import JobStore, now_iso
from shared.metrics import ARTICLES, STAGE_DURATION
from shared.settings import Settings
from shared.tasks import JobStatus, Stage, TaskName

log = logging.getLogger(__name__)

Enqueue = Callable[[TaskName, list[str]], None]
JsonDict = dict[str, Any]


def start_job(store: JobStore, enqueue: Enqueue, job_id: str) -> None:
    """queued -> running; one extraction task per article not yet accounted for."""
    if not store.mark_running(job_id):
        return
    accounted = store.accounted_ids(job_id)
    pending = [a for a in store.article_ids(job_id) if a not in accounted]
    for article_id in pending:
        enqueue(TaskName.EXTRACT_ARTICLE, [job_id, article_id])
    if not pending:
        advance(store, enqueue, job_id, Stage.DEDUPLICATE)


def extract_one(store: JobStore, enqueue: Enqueue, job_id: str, article_id: str,
                extract: Callable[[JsonDict], JsonDict], max_bytes: int) -> str:
    """Extract one article and record it (or its error); the last one in starts deduplication."""
    meta = store.get_meta(job_id)
    if meta is None or meta.status != JobStatus.RUNNING:
        return "skipped: job not running"
    counts: tuple[int, int] | None
    if store.is_extracted(job_id, article_id):
        counts = store.counts(job_id)
        outcome = "already done"
    else:
        article = store.get_input(job_id, article_id)
        if article is None:
            return "skipped: no such article"
        started = time.monotonic()
        payload, failed = _run_extraction(article, extract)
        store.metrics.observe(STAGE_DURATION, {"stage": Stage.EXTRACT.value}, time.monotonic() - started)
        if not failed:
            payload, failed = _within_output_budget(payload, max_bytes)
        if failed:
            counts = store.save_article_error(job_id, article_id, payload)
            outcome = f"failed: {payload['code']}"
        else:
            counts = store.save_extraction(job_id, article_id, payload)
            outcome = "done"
        if counts is not None:
            store.metrics.count(ARTICLES, {"outcome": "failed" if failed else "done",
                                           "code": payload["code"] if failed else ""})
    if counts is not None and counts[0] >= counts[1]:
        advance(store, enqueue, job_id, Stage.DEDUPLICATE)
    return outcome


def _run_extraction(article: JsonDict, extract: Callable[[JsonDict], JsonDict]) -> tuple[JsonDict, bool]:
    from workers.analysis.errors import ArticleError

    try:
        return extract(article), False
    except ArticleError as exc:
        return exc.as_dict(), True
    except _time_limit_errors() as exc:
        return {"code": "time_limit", "message": f"extraction exceeded its time limit ({type(exc).__name__})"}, True
    except Exception as exc:  # one bad article must not take the job down: it fails alone
        log.exception("extraction of %s failed", article.get("id"))
        return {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(limit=3)[-2000:]}, True


def _within_output_budget(payload: JsonDict, max_bytes: int) -> tuple[JsonDict, bool]:
    """An extraction larger than max_bytes as JSON becomes the article's error (a permanent one: never
    retried, never written), so no single write can approach Redis's 512 MB limit."""
    size = len(json.dumps(payload, ensure_ascii=False).encode())
    if size <= max_bytes:
        return payload, False
    return {"code": "output_too_large",
            "message": f"the extraction of this article is {size} bytes of JSON, over the limit of {max_bytes} "
                       "bytes per article (MAX_EXTRACTION_BYTES)"}, True


def run_stage(store: JobStore, enqueue: Enqueue, job_id: str, stage: Stage,
              compute: Callable[[JobStore, JobMeta, list[JsonDict]], JsonDict],
              skipped: Callable[[list[JsonDict], str], JsonDict]) -> str:
    """Run a job-level stage (deduplicate or compare) once, store its output, start the next stage.

    A stage that runs out of time does not sink the job: `skipped(extractions, warning)` gives its empty output
    carrying the warning, marked `partial: true`, and the job goes on."""
    meta = store.get_meta(job_id)
    if meta is None or meta.status != JobStatus.RUNNING:
        return "skipped: job not running"
    if store.get_stage(job_id, stage) is None:
        extractions = ordered_extractions(store, job_id)
        if not extractions:
            fail(store, job_id, "no_articles", "No article of the job could be processed.", stage)
            return "failed: no articles"
        started = time.monotonic()
        try:
            output = compute(store, meta, extractions)
        except _time_limit_errors():
            log.warning("%s of job %s ran out of time: partial output", stage.value, job_id)
            output = {**skipped(extractions, f"the {stage.value} stage exceeded its time limit for this job's "
                                             f"size ({len(extractions)} articles) and was skipped"), "partial": True}
        except Exception as exc:
            log.exception("%s of job %s failed", stage.value, job_id)
            fail(store, job_id, "internal_error", f"{type(exc).__name__}: {exc}", stage)
            return "failed: error"
        finally:
            store.metrics.observe(STAGE_DURATION, {"stage": stage.value}, time.monotonic() - started)
        if not store.save_stage(job_id, stage, output):
            return "skipped: job not running"
    advance(store, enqueue, job_id, _NEXT[stage])
    return "done"


def finalize(store: JobStore, job_id: str, max_bytes: int, before_finish: Callable[[], None] | None = None) -> str:
    """Assemble the result from the stored stages and mark the job succeeded; `before_finish` runs once the
    stages are known to be complete, while the job is still running."""
    meta = store.get_meta(job_id)
    if meta is None or meta.status != JobStatus.RUNNING:
        return "skipped: job not running"
    duplicates = store.get_stage(job_id, Stage.DEDUPLICATE)
    comparison = store.get_stage(job_id, Stage.COMPARE)
    if duplicates is None or comparison is None:
        return "skipped: stages missing"  # the watchdog re-drives the missing stage
    started = time.monotonic()
    if before_finish is not None:
        before_finish()
    finished_at = now_iso()  # the same instant in the stored status and in the result's copy of it
    status = store.status(job_id) or {}
    status.update(status="succeeded", finished_at=finished_at,
                  progress={**status.get("progress", {}), "stage": Stage.DONE.value})
    warnings = [w for part in (duplicates, comparison) for w in part.get("warnings", []) if part.get("partial")]
    result = {"job": status, "warnings": warnings, "articles": ordered_extractions(store, job_id),
              "duplicates": duplicates, "comparison": comparison}
    size = len(json.dumps(result, ensure_ascii=False).encode())
    if size > max_bytes:  # permanent: failing is the answer, retrying would write the same size again
        fail(store, job_id, "result_too_large",
             f"The result would be {size} bytes, over MAX_RESULT_BYTES ({max_bytes}).", Stage.FINALIZE)
        return "failed: result too large"
    store.finish(job_id, JobStatus.SUCCEEDED, result, finished_at=finished_at)
    store.metrics.observe(STAGE_DURATION, {"stage": Stage.FINALIZE.value}, time.monotonic() - started)
    return "succeeded"


def advance(store: JobStore, enqueue: Enqueue, job_id: str, stage: Stage) -> None:
    """Dispatch a stage's task once (the first caller wins the claim)."""
    if store.claim(job_id, stage.value):
        store.set_stage(job_id, stage)
        enqueue(_TASK_OF[stage], [job_id])


def fail(store: JobStore, job_id: str, code: str, message: str, stage: Stage) -> None:
    """Mark the job failed with a reason."""
    store.finish(job_id, JobStatus.FAILED, None, {"code": code, "message": message, "stage": stage.value})


def ordered_extractions(store: JobStore, job_id: str) -> list[JsonDict]:
    """Successful extractions in submission order."""
    extracted = store.extractions(job_id)
    return [extracted[a] for a in store.article_ids(job_id) if a in extracted]


def sweep(store: JobStore, enqueue: Enqueue, settings: Settings) -> list[str]:
    """The watchdog: re-drive every unfinished job without progress for longer than its stall limit
    (STALL_SECONDS plus what its current step is expected to take); fail it after MAX_REDRIVES attempts.
    Returns what it did, one line per job."""
    actions = []
    for job_id in store.stalled_jobs(settings.stall_seconds):
        meta = store.get_meta(job_id)
        if meta is None or not meta.unfinished:
            store.forget_active(job_id)
            continue
        idle = store.idle_seconds(job_id)
        if idle is None or idle < stall_limit(settings, store.job_size(job_id), meta.stage):
            continue
        if store.count_redrive(job_id) > settings.max_redrives:
            fail(store, job_id, "stalled", f"No progress after {settings.max_redrives} re-drives.",
                 meta.stage)
            actions.append(f"{job_id}: failed (stalled)")
            continue
        store.touch(job_id)
        actions.append(f"{job_id}: " + redrive(store, enqueue, job_id, meta))
    return actions


def redrive(store: JobStore, enqueue: Enqueue, job_id: str, meta: JobMeta) -> str:
    """Send again whatever task the job is waiting for (tasks are idempotent)."""
    if meta.status == JobStatus.QUEUED:
        enqueue(TaskName.START_JOB, [job_id])
        return "start re-sent"
    accounted = store.accounted_ids(job_id)
    pending = [a for a in store.article_ids(job_id) if a not in accounted]
    if pending:
        for article_id in pending:
            enqueue(TaskName.EXTRACT_ARTICLE, [job_id, article_id])
        return f"{len(pending)} extraction(s) re-sent"
    for stage in (Stage.DEDUPLICATE, Stage.COMPARE):
        if store.get_stage(job_id, stage) is None:
            store.set_stage(job_id, stage)
            enqueue(_TASK_OF[stage], [job_id])
            return f"{stage.value} re-sent"
    store.set_stage(job_id, Stage.FINALIZE)
    enqueue(TaskName.FINALIZE, [job_id])
    return "finalize re-sent"


def _time_limit_errors() -> tuple[type[BaseException], ...]:
    from billiard.exceptions import SoftTimeLimitExceeded

    return (SoftTimeLimitExceeded,)


_NEXT = {Stage.DEDUPLICATE: Stage.COMPARE, Stage.COMPARE: Stage.FINALIZE}
_TASK_OF = {Stage.DEDUPLICATE: TaskName.DEDUPLICATE, Stage.COMPARE: TaskName.COMPARE,
            Stage.FINALIZE: TaskName.FINALIZE}
