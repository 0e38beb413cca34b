"""Budgets that scale with a job's size: a stage task's time limits, the watchdog's stall limit per job,
and which queue a job's work goes to (large jobs to the bulk queue, so they cannot starve small ones)."""

from __future__ import annotations

from dataclasses import dataclass

from shared.settings import Settings
from shared.tasks import Queue, Stage, TaskName

# A conservative extraction/dedup rate on a loaded 2-core machine (bench.stack measures ~15k-40k chars/s per
# process): how long a stage may go without progress before the watchdog suspects it was lost.
EXPECTED_CHARS_PER_SECOND = 5_000
HARD_LIMIT_MARGIN = 30  # seconds between a task's soft limit (reported as a warning/error) and its kill


@dataclass(frozen=True)
class JobSize:
    """What the budgets depend on: number of articles, their total and largest size in characters."""

    articles: int
    chars: int
    largest: int


def stage_time_limits(settings: Settings, task: TaskName, size: JobSize) -> tuple[int, int] | None:
    """(soft, hard) time limits for a job-level stage (dedup, compare), scaled with the job's characters;
    None for tasks that keep the configured limits (extraction has its own per-article limit)."""
    if task not in (TaskName.DEDUPLICATE, TaskName.COMPARE):
        return None
    scaled = settings.stage_time_limit + settings.stage_seconds_per_mchar * size.chars // 1_000_000
    soft = min(scaled, settings.broker_visibility_timeout - 2 * HARD_LIMIT_MARGIN)
    return soft, soft + HARD_LIMIT_MARGIN


def stall_limit(settings: Settings, size: JobSize, stage: Stage) -> float:
    """Seconds a job may go without progress before the watchdog re-drives it: STALL_SECONDS plus the time
    the step it waits for is expected to take (its largest article while extracting, else the whole job)."""
    chars = size.largest if stage in (Stage.QUEUED, Stage.EXTRACT) else size.chars
    return settings.stall_seconds + chars / EXPECTED_CHARS_PER_SECOND


def queue_for(settings: Settings, size: JobSize) -> Queue:
    """Jobs larger than BULK_JOB_CHARS run from the bulk queue, which workers take from only when the
    pipeline queue is empty (shared.broker: queue_order_strategy)."""
    return Queue.BULK if size.chars > settings.bulk_job_chars else Queue.PIPELINE
