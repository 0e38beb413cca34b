"""Budgets scale with the job: stage time limits, the watchdog's stall limit, the queue."""

from __future__ import annotations

from dataclasses import replace

from shared.budgets import JobSize, queue_for, stage_time_limits, stall_limit
from shared.settings import load_settings
from shared.tasks import Queue, Stage, TaskName

SETTINGS = replace(load_settings(), stage_time_limit=60, stage_seconds_per_mchar=60, stall_seconds=45,
                   bulk_job_chars=100_000, broker_visibility_timeout=3600)
SMALL = JobSize(articles=5, chars=25_000, largest=8_000)
LARGE = JobSize(articles=10, chars=2_000_000, largest=200_000)


def test_stage_limits_grow_with_the_job_and_stay_under_the_visibility_timeout() -> None:
    small = stage_time_limits(SETTINGS, TaskName.DEDUPLICATE, SMALL)
    large = stage_time_limits(SETTINGS, TaskName.COMPARE, LARGE)
    assert small is not None and large is not None
    assert small[0] == 61 and large[0] == 180 and large[1] > large[0]
    huge = stage_time_limits(SETTINGS, TaskName.DEDUPLICATE, JobSize(100, 10**9, 200_000))
    assert huge is not None and huge[1] < SETTINGS.broker_visibility_timeout
    assert stage_time_limits(SETTINGS, TaskName.EXTRACT_ARTICLE, LARGE) is None


def test_stall_limit_follows_the_step_the_job_waits_for() -> None:
    assert stall_limit(SETTINGS, SMALL, Stage.EXTRACT) < stall_limit(SETTINGS, LARGE, Stage.EXTRACT)
    assert stall_limit(SETTINGS, LARGE, Stage.EXTRACT) < stall_limit(SETTINGS, LARGE, Stage.DEDUPLICATE)
    assert stall_limit(SETTINGS, SMALL, Stage.DEDUPLICATE) < 120  # a normal job recovers within 2 minutes


def test_large_jobs_go_to_the_bulk_queue() -> None:
    assert queue_for(SETTINGS, SMALL) is Queue.PIPELINE
    assert queue_for(SETTINGS, LARGE) is Queue.BULK
