"""Celery settings both sides must agree on (serialisation, transport, routing), built from Settings."""

from __future__ import annotations

from typing import Any

from kombu import Exchange
from kombu import Queue as KombuQueue

from shared.settings import Settings
from shared.tasks import Queue


def celery_config(settings: Settings) -> dict[str, Any]:
    """Configuration for a Celery app that sends or runs this service's tasks."""
    return {
        "broker_url": settings.broker_url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "visibility_timeout": settings.broker_visibility_timeout,
            "socket_timeout": 10,
            "socket_connect_timeout": 10,
            "socket_keepalive": True,
            "health_check_interval": 25,
            "retry_on_timeout": True,
            # Strict order, by name: a free pool process always takes "corroborate" (small jobs, every job's
            # start) before "corroborate.bulk", so a small job's steps never queue behind a heavy job's.
            "queue_order_strategy": "sorted",
        },
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_backend": None,
        "task_ignore_result": True,
        "task_default_queue": Queue.PIPELINE.value,
        # Each queue its own exchange and routing key (a shared default key would copy every message into
        # both); see shared.budgets.queue_for.
        "task_queues": [KombuQueue(q.value, Exchange(q.value, type="direct"), routing_key=q.value) for q in Queue],
        "task_create_missing_queues": True,
        "enable_utc": True,
    }
