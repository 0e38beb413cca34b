"""Logging for the gateway and the workers: plain text or one JSON object per line (LOG_FORMAT), each line
carrying the job and article it is about when one is known (set with `log_context`)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from shared.settings import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s:%(where)s %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
_job_id: ContextVar[str | None] = ContextVar("job_id", default=None)
_article_id: ContextVar[str | None] = ContextVar("article_id", default=None)


class ContextFilter(logging.Filter):
    """Adds job_id and article_id (JSON) or a short `[job article]` tag (text) to every record."""

    def __init__(self, json_format: bool) -> None:
        super().__init__()
        self.json_format = json_format

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate; never drops a record."""
        job_id, article_id = _job_id.get(), _article_id.get()
        if self.json_format:
            if job_id is not None and not hasattr(record, "job_id"):
                record.job_id = job_id
            if article_id is not None and not hasattr(record, "article_id"):
                record.article_id = article_id
        else:
            parts = [p for p in (job_id, article_id) if p]
            record.where = f" [{' '.join(parts)}]" if parts else ""
        return True


def formatter(json_format: bool) -> logging.Formatter:
    """The formatter of one line."""
    if json_format:
        return JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                             timestamp=False)
    return logging.Formatter(TEXT_FORMAT)


def configure_logging(settings: Settings, stream: object = None) -> logging.Handler:
    """Route every logger through one handler in the configured format and level; returns that handler."""
    json_format = settings.log_format == "json"
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(formatter(json_format))
    handler.addFilter(ContextFilter(json_format))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    logging.captureWarnings(True)  # Python warnings become log lines too (logger py.warnings)
    return handler


def dict_config(settings: Settings) -> dict[str, Any]:
    """The same set-up as a logging.config dictionary, for programs configured that way (gunicorn's
    `logconfig_dict`, so its master process logs in LOG_FORMAT too)."""
    json_format = settings.log_format == "json"
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "line",
               "filters": ["context"]}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"line": {"()": "shared.logs.formatter", "json_format": json_format}},
        "filters": {"context": {"()": "shared.logs.ContextFilter", "json_format": json_format}},
        "handlers": {"line": handler},
        "root": {"level": settings.log_level, "handlers": ["line"]},
        "loggers": {name: {"level": settings.log_level, "handlers": ["line"], "propagate": False}
                    for name in ("gunicorn.error", "gunicorn.access")},
    }


def adopt(logger_name: str, handler: logging.Handler) -> None:
    """Make a library logger that has its own handlers (gunicorn's) write through ours instead."""
    logger = logging.getLogger(logger_name)
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.propagate = False


def bind(job_id: str | None = None, article_id: str | None = None) -> None:
    """Set the job and article the current task or request is about (None clears)."""
    _job_id.set(job_id)
    _article_id.set(article_id)


@contextmanager
def log_context(job_id: str | None = None, article_id: str | None = None) -> Iterator[None]:
    """Log lines inside the block carry this job and article."""
    tokens = _job_id.set(job_id), _article_id.set(article_id)
    try:
        yield
    finally:
        _job_id.reset(tokens[0])
        _article_id.reset(tokens[1])
