"""Task and queue names: the only thing the gateway and the workers share about Celery's wiring."""

from __future__ import annotations

from enum import StrEnum


class TaskName(StrEnum):
    """Stable, explicit task names (never derived from module paths)."""

    START_JOB = "corroborate.job.start"
    EXTRACT_ARTICLE = "corroborate.extract.article"
    DEDUPLICATE = "corroborate.dedup.job"
    COMPARE = "corroborate.compare.job"
    FINALIZE = "corroborate.job.finalize"
    SWEEP = "corroborate.watchdog.sweep"


class Queue(StrEnum):
    """Queues. Workers always take from PIPELINE first, so a large job (on BULK) cannot starve small ones."""

    PIPELINE = "corroborate"
    BULK = "corroborate.bulk"


class Stage(StrEnum):
    """Pipeline stages, in order."""

    QUEUED = "queued"
    EXTRACT = "extract"
    DEDUPLICATE = "deduplicate"
    COMPARE = "compare"
    FINALIZE = "finalize"
    DONE = "done"


class JobStatus(StrEnum):
    """Public job states."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED})
