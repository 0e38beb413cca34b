"""The Celery app of the workers. Configured from Settings when Celery first reads its configuration
(at worker start-up), never at import."""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery
from celery.signals import celeryd_init, setup_logging, task_postrun, task_prerun, worker_process_init
from celery.utils.log import get_multiprocessing_logger

from shared.broker import celery_config
from shared.logs import adopt, bind, configure_logging
from shared.settings import Settings, get_settings
from shared.tasks import Queue, TaskName

log = logging.getLogger(__name__)

app = Celery("corroborate", include=["workers.tasks"])


def worker_config(settings: Settings) -> dict[str, Any]:
    """Broker settings shared with the gateway, plus what only workers need."""
    return {
        **celery_config(settings),
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "worker_prefetch_multiplier": 1,
        "worker_send_task_events": True,  # for Flower (docker compose --profile monitoring); dropped unread
        "task_soft_time_limit": settings.task_soft_time_limit,
        "task_time_limit": settings.task_hard_time_limit,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "worker_max_memory_per_child": 3_000_000,  # KiB: recycle a child that leaks past ~3 GB
        "beat_schedule": {
            "watchdog": {"task": TaskName.SWEEP.value, "schedule": settings.watchdog_interval,
                         "options": {"queue": Queue.PIPELINE.value, "expires": settings.watchdog_interval * 2}},
        },
    }


@app.on_configure.connect
def _configure(sender: Celery, **_: Any) -> None:
    sender.conf.update(worker_config(get_settings()))


def configure_worker_logging(settings: Settings) -> None:
    """Our logging for the worker, billiard's pool logger included (it does not propagate to the root, so
    without a handler of its own its lines would reach stderr as plain text)."""
    handler = configure_logging(settings)
    pool_logger = get_multiprocessing_logger()
    if pool_logger is not None:
        adopt(pool_logger.name, handler)


@setup_logging.connect
def _logging(**_: Any) -> None:
    """Our logging (LOG_FORMAT, LOG_LEVEL) instead of Celery's: its own lines go through the same handler."""
    configure_worker_logging(get_settings())


@celeryd_init.connect
def _early_logging(instance: Any = None, **_: Any) -> None:
    """Our logging from the worker's first step on (its start-up warnings included). With LOG_FORMAT=json every
    line of output is a JSON object, so Celery's plain-text banner is skipped (`celery@host ready.` is logged)."""
    settings = get_settings()
    configure_worker_logging(settings)
    if instance is not None and settings.log_format == "json":
        instance.quiet = True


@task_prerun.connect
def _bind_task(args: tuple[Any, ...] | None = None, **_: Any) -> None:
    """Every task takes (job_id[, article_id]): log lines while it runs carry them."""
    ids = [a for a in (args or ()) if isinstance(a, str)]
    bind(job_id=ids[0] if ids else None, article_id=ids[1] if len(ids) > 1 else None)


@task_postrun.connect
def _unbind_task(**_: Any) -> None:
    bind()


WARM_UP_ARTICLE = {"id": "warm-up", "source": "warm-up",
                   "text": "Two drones were shot down on Sunday, officials said. “We are fine,” he said."}


@worker_process_init.connect
def _warm_up(**_: Any) -> None:
    """Load the models and the analysis modules once per worker process, before the first task needs them."""
    try:
        from workers.analysis.comparison import compare_sources
        from workers.analysis.extraction import extract_article
        from workers.stages import dedup_stage  # noqa: F401  (imports datasketch, numpy)

        compare_sources([extract_article(WARM_UP_ARTICLE)], {})
    except Exception:  # the first task will report the real error for its article
        log.exception("could not warm up the analysis code")
