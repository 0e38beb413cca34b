"""Settings: read at start-up, validated, every bad value named."""

from __future__ import annotations

import pytest

from shared.settings import SettingsError, load_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REDIS_URL", "BROKER_URL", "PORT", "JOB_TTL_SECONDS", "API_KEYS"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.port == 8000
    assert settings.job_ttl_seconds == 7 * 24 * 3600
    assert settings.broker_url == settings.redis_url == "redis://localhost:6379/0"
    assert settings.api_keys == ()


def test_api_keys_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_KEYS", "one,two")
    assert load_settings().api_keys == ("one", "two")


def test_every_bad_value_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "eighty")
    monkeypatch.setenv("REDIS_URL", "http://localhost")
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "PORT" in str(error.value) and "REDIS_URL" in str(error.value)


def test_inconsistent_time_limits_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASK_HARD_TIME_LIMIT", "100")
    monkeypatch.setenv("BROKER_VISIBILITY_TIMEOUT", "50")
    with pytest.raises(SettingsError, match="BROKER_VISIBILITY_TIMEOUT"):
        load_settings()


def test_gateway_refuses_to_start_without_api_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from services.gateway import create_app

    monkeypatch.delenv("API_KEYS", raising=False)
    with pytest.raises(SettingsError, match="API_KEYS"):
        create_app()


def test_gateway_imports_no_worker_or_nlp_code() -> None:
    import subprocess
    import sys

    code = ("import sys, services.gateway.app, services.gateway.jobs; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('workers', 'spacy', 'trafilatura', 'datasketch')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_html_has_its_own_byte_limit_and_the_body_room_for_several_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAX_HTML_BYTES", "MAX_BODY_BYTES", "MAX_ARTICLE_CHARS"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.max_html_bytes >= 5 * 1024 * 1024
    assert settings.max_body_bytes >= 4 * settings.max_html_bytes
    assert settings.max_article_chars == 200_000
    monkeypatch.setenv("MAX_BODY_BYTES", str(1024 * 1024))
    with pytest.raises(SettingsError, match="MAX_HTML_BYTES"):
        load_settings()


def test_report_link_secret_is_optional_but_long_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """No secret means no signed links; a short one is refused, naming the variable."""
    monkeypatch.delenv("REPORT_LINK_SECRET", raising=False)
    assert load_settings().report_link_secret == ""
    monkeypatch.setenv("REPORT_LINK_SECRET", "short")
    with pytest.raises(SettingsError, match="REPORT_LINK_SECRET"):
        load_settings()
    monkeypatch.setenv("REPORT_LINK_SECRET", "x" * 32)
    assert load_settings().report_link_seconds == 3600
