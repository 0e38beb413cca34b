"""The command line's argument handling and error display (click's CliRunner; no service needed)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import requests
from click.testing import CliRunner

from corroborate.cli import cli, plan_inputs
from corroborate.client import ApiError, Client, Job, JobPage, Problem


def test_files_and_urls_are_planned_with_their_sources(tmp_path: Path) -> None:
    """A --source per FILE or URL (not .json), in order; defaults are the file name and the URL's host."""
    text, page, bundle = tmp_path / "wire.txt", tmp_path / "post.html", tmp_path / "more.json"
    for path in (text, page, bundle):
        path.write_text("x")
    files, sources, urls = plan_inputs([str(text), "https://news.example/a", str(bundle), str(page)],
                                       ["Wire", "Example News", "Post"])
    assert files == [text, bundle, page] and sources == ["Wire", "Post"]
    assert urls == [{"url": "https://news.example/a", "source": "Example News"}]
    files, sources, urls = plan_inputs([str(text), "http://other.example/b"], [])
    assert sources == ["wire"] and urls[0]["source"] == "other.example"


def test_bad_inputs_are_usage_errors(tmp_path: Path) -> None:
    """Wrong --source count, a missing file, an unsupported type: errors naming the argument."""
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.pdf").write_text("x")
    with pytest.raises(click.UsageError, match="one --source per FILE or URL"):
        plan_inputs([str(tmp_path / "a.txt")], ["A", "B"])
    with pytest.raises(click.BadParameter, match="neither a file nor an http"):
        plan_inputs([str(tmp_path / "missing.txt")], [])
    with pytest.raises(click.BadParameter, match=r"\.txt, \.html"):
        plan_inputs([str(tmp_path / "a.pdf")], [])


def test_the_api_key_is_required_and_the_url_checked() -> None:
    """No key: exit 2 naming CORROBORATE_API_KEY; a URL that is not http(s): exit 2."""
    runner = CliRunner()
    missing = runner.invoke(cli, ["list"], env={"CORROBORATE_API_KEY": ""})
    assert missing.exit_code == 2 and "CORROBORATE_API_KEY" in missing.output
    bad_url = runner.invoke(cli, ["--url", "ftp://x", "--api-key", "k", "list"])
    assert bad_url.exit_code == 2 and "http://" in bad_url.output


def test_an_unreachable_service_is_explained() -> None:
    """Connection refused: exit 1 and a hint to start the service."""
    result = CliRunner().invoke(cli, ["--url", "http://127.0.0.1:9", "--api-key", "k", "status", "job_x"])
    assert result.exit_code == 1 and "make run" in result.output


def _response(status: int, body: bytes, content_type: str) -> requests.Response:
    response = requests.Response()
    response.status_code, response._content = status, body
    response.headers["Content-Type"] = content_type
    response.reason = "Bad Gateway" if status == 502 else "Unprocessable Content"
    return response


def test_problems_are_read_from_problem_json_and_from_anything_else() -> None:
    """A problem+json body keeps its fields; a proxy's HTML error still becomes a problem naming the status."""
    problem = Problem.from_response(_response(
        422, b'{"type": "x/validation-error", "title": "Unprocessable Content", "status": 422, '
             b'"detail": "Invalid request", "errors": {"articles.0.url": ["bad"]}, "job_status": "queued"}',
        "application/problem+json"))
    assert problem.errors == {"articles.0.url": ["bad"]} and problem.extra == {"job_status": "queued"}
    assert "articles.0.url: bad" in str(ApiError(problem))
    proxy = Problem.from_response(_response(502, b"<html>upstream down</html>", "text/html"))
    assert proxy.status == 502 and proxy.title == "Bad Gateway" and "upstream down" in proxy.detail


def test_a_job_reads_either_article_id_name() -> None:
    """The status's articles may name their id `id` or `article_id`."""
    body = {"id": "job_1", "status": "running", "progress": {"stage": "extract", "done": 1, "total": 2},
            "articles": [{"id": "a1", "source": "A", "status": "done"},
                         {"article_id": "a2", "source": "B", "status": "failed", "error": {"message": "no text"}}]}
    job = Job.from_json(body)
    assert [a.id for a in job.articles] == ["a1", "a2"] and not job.finished
    assert [a.id for a in job.failed_articles] == ["a2"]


def test_the_client_refuses_a_bad_url_or_key() -> None:
    """Constructor arguments are checked."""
    with pytest.raises(ValueError, match="http"):
        Client("localhost:8000", "k")
    with pytest.raises(ValueError, match="api_key"):
        Client("http://localhost:8000", "")


def test_a_refused_article_is_named_by_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service's "articles.1.text: must not be empty" names the file the article came from."""
    full, empty = tmp_path / "wire.txt", tmp_path / "empty.txt"
    full.write_text("Two drones were shot down.")
    empty.write_text("")

    def refuse(self: Client, *args: object, **kwargs: object) -> Job:
        raise ApiError(Problem(422, "Unprocessable Content", "Invalid request",
                               errors={"articles.1.text": ["must not be empty"]}))

    monkeypatch.setattr(Client, "submit", refuse)
    result = CliRunner().invoke(cli, ["--url", "http://127.0.0.1:9", "--api-key", "k", "compare",
                                      str(full), str(empty)])
    assert result.exit_code == 1
    assert f"articles.1.text ({empty}): must not be empty" in result.output


def test_job_ids_are_printed_whole_to_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """`list` and `status` never fold a job id across lines, whatever the terminal's width."""
    job_id = "job_8d8281cd0de8b8f37e1cd6c5100dc02d9d4ce94a"
    job = Job.from_json({"id": job_id, "status": "succeeded", "created_at": "2026-12-08T03:00:00Z",
                         "progress": {"stage": "done", "done": 4, "total": 4}, "articles": []})
    monkeypatch.setattr(Client, "list", lambda self, limit=20, cursor=0: JobPage(jobs=[job], next_cursor=None))
    monkeypatch.setattr(Client, "status", lambda self, job_id: job)
    for command in (["list"], ["status", job_id]):
        result = CliRunner().invoke(cli, ["--url", "http://127.0.0.1:9", "--api-key", "k", *command],
                                    terminal_width=60)
        assert result.exit_code == 0 and job_id in result.output, result.output
