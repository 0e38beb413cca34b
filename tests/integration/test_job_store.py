"""The job store and the pipeline bookkeeping against a real redis-server (no worker)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis

from shared import keys
from shared.job_meta import JobMeta
from shared.job_store import JobStore
from shared.settings import load_settings
from shared.tasks import JobStatus, Stage, TaskName
from tools.processes import RedisServer
from workers import pipeline

MAX_BYTES = 1024 * 1024
ARTICLES = [{"id": "a1", "source": "Wire", "text": "One."}, {"id": "a2", "source": "Paper", "text": "Two."}]


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[redis.Redis]:
    """A client on a fresh redis-server, to look at what the store wrote."""
    server = RedisServer(tmp_path / "redis").start()
    try:
        yield redis.Redis.from_url(server.url, decode_responses=True)
    finally:
        server.stop()


@pytest.fixture
def store(raw: redis.Redis) -> JobStore:
    return JobStore(raw, ttl_seconds=3600, tombstone_seconds=60)


def backdate(raw: redis.Redis, job_id: str, seconds: float = 3600) -> None:
    """Pretend the job's last progress was `seconds` ago (the watchdog's clock)."""
    raw.zadd(keys.active_jobs_key(), {job_id: time.time() - seconds})


def test_every_job_key_expires_together(store: JobStore, raw: redis.Redis) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    store.mark_running(job_id)
    store.save_extraction(job_id, "a1", {"article_id": "a1"})
    store.save_article_error(job_id, "a2", {"code": "x", "message": "y"})
    store.save_stage(job_id, Stage.DEDUPLICATE, {"exact": []})
    present = [k for k in raw.scan_iter(f"cb:job:{{{job_id}}}:*")]
    assert len(present) >= 6
    ttls = [raw.ttl(k) for k in present]
    assert all(3590 <= ttl <= 3600 for ttl in ttls), ttls  # the same absolute expiry for every key


def test_finished_job_deleted_leaves_nothing(store: JobStore, raw: redis.Redis) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    store.mark_running(job_id)
    store.finish(job_id, JobStatus.SUCCEEDED, {"ok": True})
    assert store.delete_job(job_id, "c1")
    assert not list(raw.scan_iter(f"*{job_id}*"))


def test_other_client_cannot_read_or_delete(store: JobStore) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    assert store.status(job_id, "c2") is None
    assert not store.delete_job(job_id, "c2")
    assert store.status(job_id, "c1") is not None


def test_writes_after_cancel_are_refused(store: JobStore, raw: redis.Redis) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    store.mark_running(job_id)
    store.delete_job(job_id, "c1")
    assert store.save_extraction(job_id, "a1", {"article_id": "a1"}) is None
    assert not store.save_stage(job_id, Stage.COMPARE, {})
    assert not raw.exists(keys.job_key(job_id, keys.JOB_EXTRACTED))
    assert store.status(job_id, "c1")["status"] == "cancelled"


def test_error_never_overwrites_success(store: JobStore) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    store.mark_running(job_id)
    store.save_extraction(job_id, "a1", {"article_id": "a1"})
    assert store.save_article_error(job_id, "a1", {"code": "late"}) == (1, 2)
    assert store.status(job_id)["articles"][0]["status"] == "done"


def test_claim_is_granted_once(store: JobStore) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    store.mark_running(job_id)
    assert [store.claim(job_id, "deduplicate") for _ in range(3)] == [True, False, False]


def test_pipeline_runs_each_stage_once_even_when_tasks_repeat(store: JobStore) -> None:
    sent: list[tuple[TaskName, list[str]]] = []
    enqueue = lambda task, args: sent.append((task, args))  # noqa: E731
    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, enqueue, job_id)
    pipeline.start_job(store, enqueue, job_id)  # redelivered
    extract = lambda article: {"article_id": article["id"], "text": article["text"]}  # noqa: E731
    for article_id in ("a1", "a2", "a1", "a2"):  # each extraction task runs twice
        pipeline.extract_one(store, enqueue, job_id, article_id, extract, MAX_BYTES)
    assert [t for t, _ in sent].count(TaskName.DEDUPLICATE) == 1
    calls: list[str] = []

    def compute(_: JobStore, __: JobMeta, extractions: list[dict]) -> dict:
        calls.append("x")
        return {"n": len(extractions)}

    for _ in range(2):
        pipeline.run_stage(store, enqueue, job_id, Stage.DEDUPLICATE, compute, lambda *_: {})
        pipeline.run_stage(store, enqueue, job_id, Stage.COMPARE, compute, lambda *_: {})
    assert calls == ["x", "x"]
    assert [t for t, _ in sent].count(TaskName.FINALIZE) == 1
    assert pipeline.finalize(store, job_id, MAX_BYTES) == "succeeded"
    assert pipeline.finalize(store, job_id, MAX_BYTES) == "skipped: job not running"
    assert store.status(job_id)["status"] == "succeeded"


def test_failing_article_fails_alone(store: JobStore) -> None:
    from workers.analysis.errors import ArticleError

    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, lambda *_: None, job_id)

    def extract(article: dict) -> dict:
        if article["id"] == "a2":
            raise ArticleError("no_text", "nothing left")
        return {"article_id": article["id"]}

    for article_id in ("a1", "a2"):
        pipeline.extract_one(store, lambda *_: None, job_id, article_id, extract, MAX_BYTES)
    status = store.status(job_id)
    assert [a["status"] for a in status["articles"]] == ["done", "failed"]
    assert status["articles"][1]["error"] == {"code": "no_text", "message": "nothing left"}


def test_watchdog_redrives_then_gives_up(store: JobStore, raw: redis.Redis) -> None:
    sent: list[tuple[TaskName, list[str]]] = []
    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, lambda *_: None, job_id)  # tasks "lost"
    settings = replace(load_settings(), stall_seconds=0, max_redrives=1)
    backdate(raw, job_id)
    actions = pipeline.sweep(store, lambda t, a: sent.append((t, a)), settings)
    assert actions == [f"{job_id}: 2 extraction(s) re-sent"]
    assert sorted(a[1] for _, a in sent) == ["a1", "a2"]
    backdate(raw, job_id)
    pipeline.sweep(store, lambda *_: None, settings)
    status = store.status(job_id)
    assert status["status"] == "failed" and status["error"]["code"] == "stalled"


def test_idempotency_key_of_a_deleted_job_is_taken_over_once(store: JobStore) -> None:
    """20 concurrent retries after the first job was deleted: exactly one may start a new job, every round."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    for round_number in range(15):
        key = f"retry-{round_number}"
        assert store.reserve_idempotency("c1", key, "fp").kind == "new"
        job_id = store.create_job("c1", ARTICLES, {})
        store.complete_idempotency("c1", key, "fp", job_id)
        store.finish(job_id, JobStatus.SUCCEEDED, {"ok": True})
        assert store.delete_job(job_id, "c1")
        barrier = Barrier(20)

        def retry(_: int, key: str = key, barrier: Barrier = barrier) -> str:
            barrier.wait()
            return store.reserve_idempotency("c1", key, "fp").kind

        with ThreadPoolExecutor(20) as pool:
            kinds = list(pool.map(retry, range(20)))
        assert kinds.count("new") == 1, (round_number, kinds)
        assert set(kinds) == {"new", "in_flight"}


def test_line_fingerprints_are_computed_once_per_article(store: JobStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Siblings and the furniture memory read the stored fingerprints: one content_lines call per article."""
    import workers.analysis.cleaning as cleaning
    from workers import article_context

    calls: list[str] = []
    real = cleaning.content_lines
    monkeypatch.setattr(cleaning, "content_lines", lambda raw: calls.append(raw) or real(raw))
    shared_line = "Sign up for our newsletter"
    articles = [{"id": f"a{k}", "source": "Outlet", "text": f"{shared_line}\n\nStory number {k} is here."}
                for k in range(4)] + [{"id": "other", "source": "Elsewhere", "text": "Another story."}]
    job_id = store.create_job("c1", articles, {})
    assert store.mark_running(job_id)
    meta = store.get_meta(job_id)
    assert meta is not None
    for article in articles:
        context = article_context.build_context(store, meta, article)
        expected = 0 if article["id"] == "other" else 3
        assert len(context["sibling_fingerprints"]) == expected
        store.save_extraction(job_id, article["id"], {"article_id": article["id"]})
    assert len(calls) == 5 - 1  # every same-source article once; "other" has no sibling to ask for it
    article_context.remember_source_lines(store, job_id)
    assert len(calls) == 5  # only "other", never fingerprinted before, is computed at finalize
    seen = store.furniture.seen_lines("c1", "Outlet")
    assert seen[cleaning.line_fingerprint(shared_line)] == 4


def test_watchdog_waits_for_the_expected_time_of_a_large_article(store: JobStore, raw: redis.Redis) -> None:
    from shared.budgets import stall_limit

    settings = replace(load_settings(), stall_seconds=10)
    small = store.create_job("c1", ARTICLES, {})
    large = store.create_job("c1", [{"id": "big", "source": "Wire", "text": "word " * 100_000}], {})
    for job_id in (small, large):
        pipeline.start_job(store, lambda *_: None, job_id)
        backdate(raw, job_id, 30)  # idle 30 s: past STALL_SECONDS, inside the large article's expected time
    assert stall_limit(settings, store.job_size(large), Stage.EXTRACT) > 30
    actions = pipeline.sweep(store, lambda *_: None, settings)
    assert actions == [f"{small}: 2 extraction(s) re-sent"]


def test_oversized_extraction_fails_alone_and_is_never_written(store: JobStore) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, lambda *_: None, job_id)

    def extract(article: dict) -> dict:
        return {"article_id": article["id"], "text": article["text"] * (50_000 if article["id"] == "a2" else 1)}

    for article_id in ("a1", "a2"):
        pipeline.extract_one(store, lambda *_: None, job_id, article_id, extract, 100_000)
    status = store.status(job_id)
    assert [a["status"] for a in status["articles"]] == ["done", "failed"]
    assert status["articles"][1]["error"]["code"] == "output_too_large"
    assert "MAX_EXTRACTION_BYTES" in status["articles"][1]["error"]["message"]
    assert set(store.extractions(job_id)) == {"a1"}


def test_a_stage_out_of_time_gives_a_partial_result_with_a_warning(store: JobStore) -> None:
    from billiard.exceptions import SoftTimeLimitExceeded

    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, lambda *_: None, job_id)
    for article_id in ("a1", "a2"):
        pipeline.extract_one(store, lambda *_: None, job_id, article_id, lambda a: {"article_id": a["id"]}, MAX_BYTES)

    def out_of_time(*_: object) -> dict:
        raise SoftTimeLimitExceeded()

    def skipped(extractions: list[dict], warning: str) -> dict:
        return {"groups": [[e["article_id"]] for e in extractions], "warnings": [warning]}

    assert pipeline.run_stage(store, lambda *_: None, job_id, Stage.DEDUPLICATE, out_of_time, skipped) == "done"
    pipeline.run_stage(store, lambda *_: None, job_id, Stage.COMPARE, lambda *_: {"facts": []}, skipped)
    assert pipeline.finalize(store, job_id, MAX_BYTES) == "succeeded"
    result = json.loads(store.get_result(job_id) or "{}")
    assert result["duplicates"]["partial"] is True and result["duplicates"]["groups"] == [["a1"], ["a2"]]
    assert len(result["warnings"]) == 1 and "deduplicate stage exceeded its time limit" in result["warnings"][0]


def test_a_result_over_its_limit_fails_the_job_with_a_code(store: JobStore) -> None:
    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, lambda *_: None, job_id)
    for article_id in ("a1", "a2"):
        pipeline.extract_one(store, lambda *_: None, job_id, article_id,
                             lambda a: {"article_id": a["id"], "text": "x" * 5000}, MAX_BYTES)
    for stage in (Stage.DEDUPLICATE, Stage.COMPARE):
        pipeline.run_stage(store, lambda *_: None, job_id, stage, lambda *_: {}, lambda *_: {})
    assert pipeline.finalize(store, job_id, 8000) == "failed: result too large"
    status = store.status(job_id)
    assert status["status"] == "failed" and status["error"]["code"] == "result_too_large"
