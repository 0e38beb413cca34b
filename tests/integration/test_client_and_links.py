"""The Python client and the signed report links against the real stack (gateway, worker, Redis)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from corroborate import ApiError, Client, Job, TransportError
from services.gateway import links
from services.gateway.auth import client_id_for
from tests.integration.conftest import KEY_A, KEY_B, SEEDS, TEST_ENV, Stack

SECRET = TEST_ENV["REPORT_LINK_SECRET"]


def seed_files() -> tuple[list[Path], list[str]]:
    """The seed files and their outlets, from the manifest."""
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    return [SEEDS / a["file"] for a in manifest["articles"]], [a["source"] for a in manifest["articles"]]


@pytest.fixture(scope="module")
def client_job(stack: Stack) -> tuple[Job, list[Job], list[float]]:
    """The seeds submitted as files through the client and followed to the end: (job, updates, pauses)."""
    stack.ensure_worker()
    client = Client(stack.url, KEY_A)
    files, sources = seed_files()
    job = client.submit(files=files, sources=sources, idempotency_key="client-seeds")
    updates: list[Job] = []
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        import time

        time.sleep(seconds)

    return client.wait(job, progress=updates.append, sleep=pause), updates, pauses


def test_client_submits_files_and_follows_the_job(stack: Stack, client_job: tuple[Job, list[Job], list[float]]) -> None:
    """Files in, status out: every poll waits what Retry-After says, progress sees the stages in order."""
    job, updates, pauses = client_job
    assert job.status == "succeeded" and job.finished and job.progress.total == 5
    assert [a.source for a in job.articles] == seed_files()[1]
    assert pauses and set(pauses) == {2.0}  # the gateway's Retry-After (RETRY_AFTER_SECONDS default)
    order = ["queued", "extract", "deduplicate", "compare", "finalize", "done"]
    seen = [order.index(u.progress.stage) for u in updates]
    assert seen == sorted(seen) and updates[-1].status == "succeeded"
    client = Client(stack.url, KEY_A)
    replay = client.submit(files=seed_files()[0], sources=seed_files()[1], idempotency_key="client-seeds")
    assert replay.id == job.id


def test_client_reads_result_report_list_and_deletes(stack: Stack,
                                                     client_job: tuple[Job, list[Job], list[float]]) -> None:
    """result, report, report_link and list answer for the job; another key sees none of it."""
    job, _, _ = client_job
    client = Client(stack.url, KEY_A)
    result = client.result(job)
    assert {a["source"] for a in result["articles"]} == set(seed_files()[1])
    facts = result["comparison"]["facts"]  # the comparison's judgements are the eval's business, not the client's
    assert facts and {f["status"] for f in facts} <= {"conflicting", "disputed", "updated", "corroborated",
                                                      "exclusive", "single"}
    assert "<h1>" in client.report(job)
    assert client.report_link(job).startswith(stack.url + f"/v1/jobs/{job.id}/report?")
    assert job.id in {j.id for j in client.jobs(page_size=2)}
    with pytest.raises(ApiError) as other:
        Client(stack.url, KEY_B).result(job)
    assert other.value.status == 404 and other.value.problem.type.endswith("job-not-found")


def test_client_raises_problems_with_their_fields(stack: Stack) -> None:
    """A refused submission is an ApiError carrying the problem's status, title, detail and field errors."""
    client = Client(stack.url, KEY_A)
    with pytest.raises(ApiError) as refused:
        client.submit([{"source": "Nowhere"}])
    problem = refused.value.problem
    assert problem.status == 422 and problem.title and "articles.0.text" in problem.errors
    assert "articles.0.text" in str(refused.value)
    with pytest.raises(ApiError) as unauthorized:
        Client(stack.url, "not-a-key").list()
    assert unauthorized.value.status == 401
    with pytest.raises(TransportError):
        Client("http://127.0.0.1:9", KEY_A, timeout=5).list()


def _with(url: str, **changes: Any) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update({k: str(v) for k, v in changes.items()})
    return parts._replace(query=urlencode(query)).geturl()


def test_the_report_link_opens_without_any_header(stack: Stack, client_job: tuple[Job, list[Job], list[float]]) -> None:
    """The status's report_url works with no API key; it carries no key and the page leaks no Referer."""
    job, _, _ = client_job
    url = Client(stack.url, KEY_A).report_link(job)
    assert KEY_A not in url and "api_key" not in url
    page = requests.get(url, timeout=60)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert "Iraq" in page.text.split("<h1>")[1].split("</h1>")[0]
    assert requests.get(url.split("?")[0], timeout=30).status_code == 401  # the bare path still needs the key


def test_a_wrong_expired_or_foreign_link_is_a_problem(stack: Stack,
                                                     client_job: tuple[Job, list[Job], list[float]]) -> None:
    """Tampered signature or expiry, an expired link, another client's link: 403 problem+json, no report."""
    job, _, _ = client_job
    url = Client(stack.url, KEY_A).report_link(job)
    signature = parse_qs(urlsplit(url).query)["sig"][0]
    expires = int(parse_qs(urlsplit(url).query)["exp"][0])
    past = 1_000_000_000
    cases = {
        "tampered signature": _with(url, sig=("0" if signature[0] != "0" else "1") + signature[1:]),
        "tampered expiry": _with(url, exp=expires + 86400),
        "expired": _with(url, exp=past, sig=links.sign(SECRET, job.id, client_id_for(KEY_A), past)),
        "another client's": _with(url, sig=links.sign(SECRET, job.id, client_id_for(KEY_B), expires)),
        "malformed": _with(url, exp="tomorrow"),
    }
    for name, bad in cases.items():
        response = requests.get(bad, timeout=30)
        assert response.status_code == 403, name
        assert response.headers["Content-Type"].startswith("application/problem+json"), name
        assert "<h1>" not in response.text
    assert requests.get(cases["expired"], timeout=30).json()["type"].endswith("report-link-expired")


def test_deleting_the_job_revokes_its_link(stack: Stack) -> None:
    """Once the job is deleted its link is a 404, like an unknown job."""
    stack.ensure_worker()
    client = Client(stack.url, KEY_A)
    files, sources = seed_files()
    job = client.wait(client.submit(files=files[:2], sources=sources[:2]))
    url = client.report_link(job)
    assert requests.get(url, timeout=60).status_code == 200
    client.delete(job)
    gone = requests.get(url, timeout=30)
    assert gone.status_code == 404 and gone.headers["Content-Type"].startswith("application/problem+json")


def test_the_report_link_opens_in_chromium(stack: Stack, client_job: tuple[Job, list[Job], list[float]],
                                           tmp_path: Path) -> None:
    """Headless Chromium loads the link with no header: the DOM has the story title and the outlets."""
    from eval.compare_report import chromium

    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        pytest.skip("chromium is not installed (make browser installs it)")
    job, _, _ = client_job
    url = Client(stack.url, KEY_A).report_link(job)
    with tempfile.TemporaryDirectory() as profile:
        dom = chromium(["--dump-dom", url], Path(profile)).stdout
        shot = chromium(["--window-size=390,2000", f"--screenshot={tmp_path / 'phone.png'}", url], Path(profile))
    assert "Iraq" in dom.split("<h1>")[1].split("</h1>")[0]
    assert dom.count('<li class="outlet') == 5 and "conflict-card" in dom
    assert shot.returncode == 0 and (tmp_path / "phone.png").stat().st_size > 10_000


def test_cli_compare_against_the_stack(stack: Stack) -> None:
    """`corroborate compare` on two seed files prints the story, its outlets and the report link."""
    stack.ensure_worker()
    files, sources = seed_files()
    env = {"PATH": str(Path(shutil.which("python") or "python").parent), "CORROBORATE_URL": stack.url,
           "CORROBORATE_API_KEY": KEY_A, "COLUMNS": "120"}
    binary = Path(__import__("sys").executable).parent / "corroborate"
    run = subprocess.run([str(binary), "compare", str(files[1]), str(files[2]), "--source", sources[1],
                          "--source", sources[2]], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert "Submitted 2 articles as job job_" in run.stderr and "extracting articles" in run.stderr
    assert "Overt Defense" in run.stdout and "Global News" in run.stdout
    assert f"{stack.url}/v1/jobs/job_" in run.stdout and "sig=" in run.stdout
    # A URL is fetched by the worker; this host does not resolve here, so its one article fails and the job too.
    unreachable = subprocess.run([str(binary), "compare", "https://news.example/story"], capture_output=True,
                                 text=True, env=env, timeout=120, check=False)
    assert unreachable.returncode == 1 and "Submitted 1 article" in unreachable.stderr
    assert "job failed" in unreachable.stderr and "no_articles" in unreachable.stderr
