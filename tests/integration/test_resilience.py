"""Workers die and start late; jobs still finish, every article exactly once."""

from __future__ import annotations

import time

from tests.integration.conftest import Stack, seed_payload


def big_job(copies: int = 4) -> dict:
    """Twenty long articles: long enough to kill a worker in the middle."""
    seeds = seed_payload()["articles"]
    articles = []
    for n in range(copies):
        for seed in seeds:
            articles.append({"id": f"{seed['id']}-{n}", "source": seed["source"],
                             "text": (seed["text"] + "\n\n") * 3})
    return {"articles": articles}


def test_worker_sigkilled_mid_job_then_restarted(running: Stack) -> None:
    payload = big_job()
    job_id = running.submit(payload)
    total = len(payload["articles"])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        progress = running.status(job_id)["progress"]
        if progress["done"] >= 1:
            break
        time.sleep(0.05)
    assert 1 <= progress["done"] < total, progress  # really in the middle
    running.kill_worker()
    killed_at = running.status(job_id)
    assert killed_at["status"] == "running"
    running.start_worker()
    final = running.wait(job_id, timeout=300)
    assert final["status"] == "succeeded", final
    assert final["progress"]["done"] == total
    assert all(a["status"] == "done" for a in final["articles"])
    result = running.result(job_id)
    ids = [a["article_id"] for a in result["articles"]]
    assert ids == [a["id"] for a in payload["articles"]]  # every article exactly once, in order


def test_job_submitted_without_worker_runs_when_one_starts(running: Stack) -> None:
    running.stop_worker()
    job_id = running.submit(seed_payload())
    time.sleep(1)
    assert running.status(job_id)["status"] == "queued"
    running.start_worker()
    final = running.wait(job_id)
    assert final["status"] == "succeeded"
    assert final["progress"]["done"] == 5


def test_one_bad_article_fails_alone(running: Stack) -> None:
    empty_page = {"id": "empty-page", "source": "Broken", "html": "<html><body><nav>Home</nav></body></html>"}
    articles = [*seed_payload()["articles"][:2], empty_page]
    job_id = running.submit({"articles": articles})
    final = running.wait(job_id)
    assert final["status"] == "succeeded"
    states = {a["id"]: a for a in final["articles"]}
    assert states["empty-page"]["status"] == "failed"
    assert states["empty-page"]["error"]["code"]
    assert [states[a["id"]]["status"] for a in articles[:2]] == ["done", "done"]
    assert len(running.result(job_id)["articles"]) == 2
