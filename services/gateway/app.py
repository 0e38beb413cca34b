"""create_app: the gateway's factory; settings are read here, at start-up, never at import."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response, g, request

from services.gateway import docs, health, jobs, metrics, openapi, security
from services.gateway.context import Gateway
from services.gateway.dispatch import Dispatcher
from services.gateway.problems import ProblemApi
from shared.job_store import JobStore
from shared.logs import adopt, bind, configure_logging
from shared.schemas import ArticleInSchema, JobCreateSchema, ResultSchema
from shared.settings import Settings, SettingsError, load_settings


def create_app(settings: Settings | None = None) -> Flask:
    """Build the gateway app; raises SettingsError (naming the variable) on bad configuration."""
    settings = settings or load_settings()
    if not settings.api_keys:
        raise SettingsError("invalid settings: API_KEYS must list at least one key (comma-separated)")
    app = Flask(__name__)
    register_logging(app, settings)
    register_config(app, settings)
    register_gateway(app, settings)
    register_api(app)
    metrics.register_request_metrics(app)
    security.register_security_headers(app)
    return app


def register_logging(app: Flask, settings: Settings) -> None:
    """Logs in LOG_FORMAT (text or JSON lines) at LOG_LEVEL, gunicorn's own included; one access line per
    request, carrying the job id when the route has one."""
    handler = configure_logging(settings)
    adopt("gunicorn.error", handler)
    access = logging.getLogger("corroborate.access")

    @app.before_request
    def _bind_job() -> None:
        g.access_started = time.perf_counter()
        bind(job_id=(request.view_args or {}).get("job_id"))

    @app.after_request
    def _access_line(response: Response) -> Response:
        elapsed_ms = round((time.perf_counter() - g.pop("access_started", time.perf_counter())) * 1000, 1)
        access.info("%s %s %s %.1f ms", request.method, request.path, response.status_code, elapsed_ms,
                    extra={"method": request.method, "path": request.path, "status": response.status_code,
                           "duration_ms": elapsed_ms})
        return response

    @app.teardown_request
    def _unbind(_: BaseException | None) -> None:
        bind()


def register_config(app: Flask, settings: Settings) -> None:
    """Flask and flask-smorest configuration."""
    config: dict[str, Any] = {
        "MAX_CONTENT_LENGTH": settings.max_body_bytes,
        "MAX_FORM_MEMORY_SIZE": settings.max_body_bytes,
        "JSON_SORT_KEYS": False,
        "API_TITLE": "Corroborate",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": docs.ASSETS_URL,
        "API_SPEC_OPTIONS": {
            "info": {"description": "Compare how different outlets report the same news event."},
            "components": {"securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}},
            "security": [{"bearer": []}, {"apiKey": []}],
        },
    }
    app.config.update(config)


def register_gateway(app: Flask, settings: Settings) -> None:
    """The store and the dispatcher, shared by every request."""
    store = JobStore.from_url(settings.redis_url, ttl_seconds=settings.job_ttl_seconds,
                              tombstone_seconds=settings.cancelled_tombstone_seconds,
                              idempotency_seconds=settings.idempotency_ttl_seconds)
    app.extensions["corroborate"] = Gateway(settings=settings, store=store, dispatcher=Dispatcher(settings))


def register_api(app: Flask) -> None:
    """Blueprints, the OpenAPI document and its offline docs page."""
    api = ProblemApi(app, spec_kwargs={"extra_plugins": [openapi.ContractPlugin()]})
    api.spec.components.schema("ArticleIn", openapi.ARTICLE_BODY_ONE_OF, schema=ArticleInSchema)
    api.spec.components.schema("JobCreate", schema=JobCreateSchema)
    api.spec.components.schema("Result", schema=ResultSchema)
    api.register_blueprint(jobs.blp)
    api.register_blueprint(health.blp)
    app.register_blueprint(docs.blp)
    app.register_blueprint(metrics.blp)
