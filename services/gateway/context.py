"""What the gateway's views share: settings, the job store and the dispatcher, built once in create_app."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from services.gateway.dispatch import Dispatcher
from shared.job_store import JobStore
from shared.settings import Settings


@dataclass(frozen=True)
class Gateway:
    """The gateway's long-lived objects."""

    settings: Settings
    store: JobStore
    dispatcher: Dispatcher


def gateway() -> Gateway:
    """The Gateway of the current app."""
    return current_app.extensions["corroborate"]
