"""shared/logs.py: text or JSON lines, with the job and article when known; settings for logs and fetching."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator
from dataclasses import replace

import pytest

from shared.logs import configure_logging, dict_config, log_context
from shared.settings import Settings, SettingsError, load_settings


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    return load_settings()


@pytest.fixture(autouse=True)
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


def test_json_lines_carry_job_and_article(settings: Settings) -> None:
    stream = io.StringIO()
    configure_logging(replace(settings, log_format="json"), stream)
    log = logging.getLogger("corroborate.test")
    log.info("outside")
    with log_context("job_1", "a2"):
        log.warning("inside %s", "a task", extra={"stage": "extract"})
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "outside" and "job_id" not in first
    assert {"level": "WARNING", "logger": "corroborate.test", "message": "inside a task", "job_id": "job_1",
            "article_id": "a2", "stage": "extract"}.items() <= second.items()
    assert second["time"]


def test_text_lines_tag_the_job(settings: Settings) -> None:
    assert settings.log_format == "text"
    stream = io.StringIO()
    configure_logging(settings, stream)
    with log_context("job_1"):
        logging.getLogger("x").error("boom")
    logging.getLogger("x").error("plain")
    tagged, plain = stream.getvalue().splitlines()
    assert tagged.endswith("ERROR x: [job_1] boom") and plain.endswith("ERROR x: plain")


def test_dict_config_is_the_same_setup(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    logging.config.dictConfig(dict_config(replace(settings, log_format="json")))
    with log_context("job_9"):
        logging.getLogger("gunicorn.error").info("Booting worker")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["logger"] == "gunicorn.error" and line["job_id"] == "job_9"


def test_log_and_fetch_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = load_settings()
    assert (defaults.log_format, defaults.fetch_allow_private, defaults.fetch_max_redirects) == ("text", False, 5)
    monkeypatch.setenv("LOG_FORMAT", "xml")
    monkeypatch.setenv("FETCH_MAX_REDIRECTS", "99")
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "LOG_FORMAT" in str(error.value) and "FETCH_MAX_REDIRECTS" in str(error.value)
    monkeypatch.delenv("LOG_FORMAT")
    monkeypatch.delenv("FETCH_MAX_REDIRECTS")
    monkeypatch.setenv("FETCH_TOTAL_TIMEOUT", "500")
    with pytest.raises(SettingsError, match="FETCH_TOTAL_TIMEOUT"):
        load_settings()
