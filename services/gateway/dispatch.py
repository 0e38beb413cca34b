"""Sends the first task of a job to the broker. A producer-only Celery app: no worker code imported."""

from __future__ import annotations

from celery import Celery

from shared.broker import celery_config
from shared.settings import Settings
from shared.tasks import Queue, TaskName


class Dispatcher:
    """Enqueues jobs and asks whether any worker answers."""

    def __init__(self, settings: Settings) -> None:
        self.celery = Celery("corroborate-gateway", set_as_current=False)
        self.celery.conf.update(celery_config(settings))

    def start_job(self, job_id: str) -> None:
        """Queue the job's start task (it waits in Redis if no worker runs)."""
        self.celery.send_task(TaskName.START_JOB.value, args=[job_id], queue=Queue.PIPELINE.value)

    def workers_answering(self, timeout: float = 1.0) -> list[str]:
        """Names of workers that answered a broadcast ping."""
        replies = self.celery.control.ping(timeout=timeout) or []
        return sorted(name for reply in replies for name in reply)
