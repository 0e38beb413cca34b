"""/healthz (the process is alive) and /readyz (Redis reachable, a worker answering with warm pool children)."""

from __future__ import annotations

import logging
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from services.gateway.context import gateway
from services.gateway.problems import ProblemError

log = logging.getLogger(__name__)
blp = Blueprint("health", __name__, url_prefix="/", description="Liveness and readiness")


@blp.route("healthz")
class Health(MethodView):
    """Liveness."""

    def get(self) -> dict[str, Any]:
        """The process answers."""
        return {"status": "ok"}


@blp.route("readyz")
class Ready(MethodView):
    """Readiness."""

    def get(self) -> dict[str, Any]:
        """Redis answers a PING, a worker answers a broadcast ping and a worker says its pool is warm."""
        gw = gateway()
        try:
            gw.store.ping()
        except Exception as exc:  # the address and the error stay in the log, not in a public answer
            log.warning("readiness: redis not reachable: %s", exc)
            raise ProblemError(503, "The job store (Redis) is not reachable.", kind="not-ready",
                               headers={"Retry-After": "5"}) from exc
        workers = gw.dispatcher.workers_answering(timeout=1.0)
        if not workers:
            raise ProblemError(503, "No worker answered a ping: jobs will wait in the queue.",
                               kind="not-ready", headers={"Retry-After": "5"}, extra={"redis": "ok"})
        if not gw.store.ready_workers():
            raise ProblemError(503, "Workers are up but still loading their models: jobs will wait.",
                               kind="not-ready", headers={"Retry-After": "5"}, extra={"redis": "ok"})
        return {"status": "ready", "redis": "ok", "workers": workers}
