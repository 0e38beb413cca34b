"""The Celery app of the workers. Configured from Settings when Celery first reads its configuration
(at worker start-up), never at import.

The models are loaded and the analysis warmed once, in the worker's main process, before the pool forks:
children share them copy-on-write and start at once (no per-child load racing billiard's start timeout).
Once the pool is up the worker publishes its readiness in Redis, which the gateway's /readyz reads.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from celery import Celery
from celery.signals import (
    celeryd_after_setup,
    celeryd_init,
    setup_logging,
    task_postrun,
    task_prerun,
    worker_ready,
    worker_shutdown,
)
from celery.utils.log import get_multiprocessing_logger

from shared.broker import celery_config
from shared.logs import adopt, bind, configure_logging
from shared.settings import Settings, get_settings
from shared.tasks import Queue, TaskName

log = logging.getLogger(__name__)

app = Celery("corroborate", include=["workers.tasks"])

READY_TTL_SECONDS = 30  # a dead worker's readiness vanishes this soon
READY_REFRESH_SECONDS = 10


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
        "task_annotations": {TaskName.EXTRACT_ARTICLE.value: {  # the per-article budget, within the task's
            "soft_time_limit": min(settings.article_time_limit, settings.task_soft_time_limit),
            "time_limit": settings.task_hard_time_limit}},
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


WARM_UP_TEXT = "Two drones were shot down on Sunday, officials said. “We are fine,” he said."
WARM_UP_ARTICLES = [
    {"id": "warm-up", "source": "warm-up", "text": WARM_UP_TEXT},
    {"id": "warm-up-page", "source": "warm-up", "html": f"<html><body><article><h1>Drones</h1><p>{WARM_UP_TEXT}"
                                                         "</p></article></body></html>"},
]


def warm_analysis() -> None:
    """Load spaCy and run a text and an HTML article through extraction, deduplication and comparison
    (imports every library and fills every lazy cache a first task would otherwise pay for)."""
    from workers.analysis.comparison import compare_sources
    from workers.analysis.dedup.core import deduplicate
    from workers.analysis.extraction import extract_articles
    from workers.stages import dedup_stage  # noqa: F401  (imports the corpus index glue)

    extractions = [e for e in extract_articles(WARM_UP_ARTICLES) if "error" not in e]
    compare_sources(extractions, deduplicate(extractions))


def import_encoder_libraries() -> None:
    """onnxruntime and tokenizers imported once, shared by the children. The encoder's session itself is made
    in each child on first use (workers.analysis.embeddings: ONNX Runtime sessions are not carried across fork)."""
    import workers.analysis.embeddings  # noqa: F401


# Everything loaded before the pool forks, in order; a new model is one more line here.
WARM_UPS: list[Callable[[], None]] = [warm_analysis, import_encoder_libraries]


@celeryd_after_setup.connect
def _load_models_before_fork(**_: Any) -> None:
    """In the main process, once logging is set up and before the pool (and the embedded beat) fork: load
    and warm every model, then freeze the heap so the garbage collector does not write to (and so un-share)
    the pages the children inherit."""
    started = time.perf_counter()
    for warm in WARM_UPS:
        try:
            warm()
        except Exception:  # the first task will report the real error for its article
            log.exception("could not warm up %s", warm.__name__)
    gc.collect()
    gc.freeze()
    log.info("models loaded before fork in %.1f s", time.perf_counter() - started)


_heartbeat_stop = threading.Event()


@worker_ready.connect
def _publish_ready(sender: Any, **_: Any) -> None:
    """The pool is up with warm children: say so in Redis, and keep saying it while the worker runs."""
    from workers.tasks import store

    name = str(sender.hostname)

    def beat() -> None:
        while True:
            try:
                store().mark_worker_ready(name, READY_TTL_SECONDS)
            except Exception as exc:  # Redis away: readiness lapses with the TTL, and returns with Redis
                log.warning("could not publish readiness: %s", exc)
            if _heartbeat_stop.wait(READY_REFRESH_SECONDS):
                return

    threading.Thread(target=beat, name="readiness", daemon=True).start()


@worker_shutdown.connect
def _withdraw_ready(sender: Any, **_: Any) -> None:
    """A warm shutdown withdraws the readiness at once."""
    from workers.tasks import store

    _heartbeat_stop.set()
    try:
        store().forget_worker(str(sender.hostname))
    except Exception as exc:
        log.warning("could not withdraw readiness: %s", exc)
