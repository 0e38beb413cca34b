"""Celery tasks: thin, named, idempotent adapters that take ids and call workers.pipeline."""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

import redis
from kombu.exceptions import OperationalError

from shared.budgets import queue_for, stage_time_limits
from shared.job_store import JobStore
from shared.settings import get_settings
from shared.tasks import Stage, TaskName
from workers import article_context, pipeline
from workers.celery_app import app
from workers.stages import compare_stage, dedup_stage

TRANSIENT = (redis.ConnectionError, redis.TimeoutError, OperationalError)
RETRYING: dict[str, Any] = {"autoretry_for": TRANSIENT, "retry_backoff": 2, "retry_backoff_max": 60,
                            "retry_jitter": True, "max_retries": 8, "acks_late": True,
                            "reject_on_worker_lost": True}


@lru_cache(maxsize=1)
def store() -> JobStore:
    """This process's job store (one connection pool per process)."""
    s = get_settings()
    return JobStore.from_url(s.redis_url, ttl_seconds=s.job_ttl_seconds,
                             tombstone_seconds=s.cancelled_tombstone_seconds,
                             idempotency_seconds=s.idempotency_ttl_seconds)


def enqueue(task: TaskName, args: list[str]) -> None:
    """Send a pipeline task of a job by name: to the queue its size calls for, with time limits scaled to it."""
    settings, size = get_settings(), store().job_size(args[0])
    limits = stage_time_limits(settings, task, size)
    soft, hard = limits if limits is not None else (None, None)
    app.send_task(task.value, args=args, queue=queue_for(settings, size).value, soft_time_limit=soft,
                  time_limit=hard)


@app.task(name=TaskName.START_JOB.value, **RETRYING)
def start_job(job_id: str) -> None:
    """Fan out one extraction task per article."""
    pipeline.start_job(store(), enqueue, job_id)


@app.task(name=TaskName.EXTRACT_ARTICLE.value, **RETRYING)
def extract_article(job_id: str, article_id: str) -> str:
    """Extract one article (its failure is recorded; the job goes on)."""
    return pipeline.extract_one(store(), enqueue, job_id, article_id,
                                partial(article_context.extract_with_context, store(), job_id),
                                get_settings().max_extraction_bytes)


@app.task(name=TaskName.DEDUPLICATE.value, **RETRYING)
def deduplicate(job_id: str) -> str:
    """Exact/near duplicates, reused passages, seen-before, for the whole job."""
    return pipeline.run_stage(store(), enqueue, job_id, Stage.DEDUPLICATE, dedup_stage.deduplicate_job,
                              dedup_stage.skipped_dedup_stage)


@app.task(name=TaskName.COMPARE.value, **RETRYING)
def compare(job_id: str) -> str:
    """Compare the sources: facts, conflicts, quotes, profiles."""
    return pipeline.run_stage(store(), enqueue, job_id, Stage.COMPARE, compare_stage.compare_job,
                              compare_stage.skipped_compare_stage)


@app.task(name=TaskName.FINALIZE.value, **RETRYING)
def finalize(job_id: str) -> str:
    """Assemble and store the result; the job succeeds."""
    return pipeline.finalize(store(), job_id, get_settings().max_result_bytes,
                             partial(article_context.remember_source_lines, store(), job_id))


@app.task(name=TaskName.SWEEP.value, **RETRYING)
def sweep() -> list[str]:
    """The watchdog: re-drive stalled jobs."""
    return pipeline.sweep(store(), enqueue, get_settings())
