"""The one settings module: typed, validated environment variables, read at start-up, never at import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from environs import Env, EnvError

DEFAULT_API_KEY_HINT = "set API_KEYS to a comma-separated list of keys, e.g. API_KEYS=dev-key"


class SettingsError(RuntimeError):
    """A setting is missing or has a bad value; the message names every offending variable."""


@dataclass(frozen=True)
class Settings:
    """Every knob of the service, in one place."""

    redis_url: str
    broker_url: str
    api_keys: tuple[str, ...]
    port: int
    max_body_bytes: int
    max_articles: int
    max_article_chars: int
    max_html_bytes: int
    job_ttl_seconds: int
    idempotency_ttl_seconds: int
    cancelled_tombstone_seconds: int
    task_soft_time_limit: int
    task_hard_time_limit: int
    article_time_limit: int
    stage_time_limit: int
    stage_seconds_per_mchar: int
    max_extraction_bytes: int
    max_result_bytes: int
    bulk_job_chars: int
    broker_visibility_timeout: int
    stall_seconds: int
    watchdog_interval: float
    max_redrives: int
    retry_after_seconds: int
    log_level: str
    log_format: str
    fetch_allow_private: bool
    fetch_max_bytes: int
    fetch_connect_timeout: float
    fetch_read_timeout: float
    fetch_total_timeout: float
    fetch_max_redirects: int
    report_link_secret: str  # HMAC key of the signed report links; "" = no links are issued
    report_link_seconds: int


def load_settings() -> Settings:
    """Read and validate every setting from the environment; raise SettingsError naming all bad ones."""
    env = Env(eager=False)
    try:
        redis_url = env.str("REDIS_URL", "redis://localhost:6379/0", validate=_redis_url)
        values: dict[str, Any] = dict(
            redis_url=redis_url,
            broker_url=env.str("BROKER_URL", redis_url, validate=_redis_url),
            api_keys=tuple(env.list("API_KEYS", [], subcast=str)),
            port=env.int("PORT", 8000, validate=_between(1, 65535)),
            # room for several pages at the HTML limit, JSON-escaped (quotes and non-ASCII grow)
            max_body_bytes=env.int("MAX_BODY_BYTES", 48 * 1024 * 1024, validate=_at_least(1024)),
            max_articles=env.int("MAX_ARTICLES", 100, validate=_between(1, 10_000)),
            max_article_chars=env.int("MAX_ARTICLE_CHARS", 200_000, validate=_at_least(100)),
            max_html_bytes=env.int("MAX_HTML_BYTES", 5 * 1024 * 1024, validate=_at_least(1024)),
            job_ttl_seconds=env.int("JOB_TTL_SECONDS", 7 * 24 * 3600, validate=_at_least(60)),
            idempotency_ttl_seconds=env.int("IDEMPOTENCY_TTL_SECONDS", 24 * 3600, validate=_at_least(60)),
            cancelled_tombstone_seconds=env.int("CANCELLED_TOMBSTONE_SECONDS", 3600, validate=_at_least(1)),
            task_soft_time_limit=env.int("TASK_SOFT_TIME_LIMIT", 240, validate=_at_least(1)),
            task_hard_time_limit=env.int("TASK_HARD_TIME_LIMIT", 300, validate=_at_least(2)),
            broker_visibility_timeout=env.int("BROKER_VISIBILITY_TIMEOUT", 3600, validate=_at_least(2)),
            article_time_limit=env.int("ARTICLE_TIME_LIMIT", 120, validate=_at_least(1)),
            stage_time_limit=env.int("STAGE_TIME_LIMIT", 60, validate=_at_least(1)),
            stage_seconds_per_mchar=env.int("STAGE_SECONDS_PER_MCHAR", 60, validate=_at_least(0)),
            max_extraction_bytes=env.int("MAX_EXTRACTION_BYTES", 16 * 1024 * 1024, validate=_at_least(65536)),
            max_result_bytes=env.int("MAX_RESULT_BYTES", 256 * 1024 * 1024,
                                     validate=_between(1024 * 1024, 500 * 1024 * 1024)),
            bulk_job_chars=env.int("BULK_JOB_CHARS", 100_000, validate=_at_least(0)),
            stall_seconds=env.int("STALL_SECONDS", 45, validate=_at_least(1)),
            watchdog_interval=env.float("WATCHDOG_INTERVAL", 15.0, validate=_at_least(0.5)),
            max_redrives=env.int("MAX_REDRIVES", 3, validate=_at_least(0)),
            retry_after_seconds=env.int("RETRY_AFTER_SECONDS", 2, validate=_at_least(1)),
            log_level=env.str("LOG_LEVEL", "INFO", validate=_one_of("DEBUG", "INFO", "WARNING", "ERROR")),
            log_format=env.str("LOG_FORMAT", "text", validate=_one_of("text", "json")),
            # Articles given only as a URL are fetched by the workers (workers/fetch.py). Private, loopback,
            # link-local and other non-global addresses are refused unless FETCH_ALLOW_PRIVATE (tests only).
            fetch_allow_private=env.bool("FETCH_ALLOW_PRIVATE", False),
            fetch_max_bytes=env.int("FETCH_MAX_BYTES", 5 * 1024 * 1024, validate=_at_least(1024)),
            fetch_connect_timeout=env.float("FETCH_CONNECT_TIMEOUT", 5.0, validate=_at_least(0.1)),
            fetch_read_timeout=env.float("FETCH_READ_TIMEOUT", 15.0, validate=_at_least(0.1)),
            fetch_total_timeout=env.float("FETCH_TOTAL_TIMEOUT", 30.0, validate=_at_least(0.1)),
            fetch_max_redirects=env.int("FETCH_MAX_REDIRECTS", 5, validate=_between(0, 20)),
            report_link_secret=env.str("REPORT_LINK_SECRET", "", validate=_secret),
            report_link_seconds=env.int("REPORT_LINK_SECONDS", 3600, validate=_between(60, 7 * 24 * 3600)),
        )
        env.seal()
    except EnvError as exc:
        raise SettingsError(f"invalid settings: {exc}") from exc
    settings = Settings(**values)
    _check_consistency(settings)
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, loaded on first use (at start-up), then cached."""
    return load_settings()


def _check_consistency(s: Settings) -> None:
    problems = []
    if any(not key.strip() for key in s.api_keys):
        problems.append("API_KEYS: empty key in the list")
    if s.task_soft_time_limit >= s.task_hard_time_limit:
        problems.append("TASK_SOFT_TIME_LIMIT must be lower than TASK_HARD_TIME_LIMIT")
    if s.max_extraction_bytes > s.max_result_bytes:
        problems.append("MAX_EXTRACTION_BYTES must not exceed MAX_RESULT_BYTES")
    if s.fetch_total_timeout >= s.task_soft_time_limit:
        problems.append("FETCH_TOTAL_TIMEOUT must be lower than TASK_SOFT_TIME_LIMIT (the fetch is part of a task)")
    if s.broker_visibility_timeout <= s.task_hard_time_limit:
        problems.append("BROKER_VISIBILITY_TIMEOUT must exceed TASK_HARD_TIME_LIMIT (else tasks run twice)")
    if s.max_body_bytes < s.max_html_bytes:
        problems.append("MAX_BODY_BYTES must be at least MAX_HTML_BYTES (else no page reaches the HTML limit)")
    if problems:
        raise SettingsError("invalid settings: " + "; ".join(problems))


def _redis_url(value: str) -> bool:
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise _validation_error("must be a redis://, rediss:// or unix:// URL")
    return True


def _secret(value: str) -> bool:
    if value and len(value) < 32:
        raise _validation_error("must be at least 32 characters (e.g. python -c 'import secrets; "
                                "print(secrets.token_hex(32))'), or empty to issue no report links")
    return True


def _between(low: int, high: int):
    def check(value: int) -> bool:
        if not low <= value <= high:
            raise _validation_error(f"must be between {low} and {high}")
        return True

    return check


def _at_least(low: float):
    def check(value: float) -> bool:
        if value < low:
            raise _validation_error(f"must be at least {low}")
        return True

    return check


def _one_of(*choices: str):
    def check(value: str) -> bool:
        if value not in choices:
            raise _validation_error(f"must be one of {', '.join(choices)}")
        return True

    return check


def _validation_error(message: str) -> Exception:
    from marshmallow import ValidationError

    return ValidationError(message)
