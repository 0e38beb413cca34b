"""The job store and the pipeline bookkeeping against a real redis-server (no worker)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from shared import keys
from shared.job_meta import JobMeta
from shared.job_store import JobStore
from shared.tasks import JobStatus, Stage, TaskName
from tools.processes import RedisServer
from workers import pipeline

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
        pipeline.extract_one(store, enqueue, job_id, article_id, extract)
    assert [t for t, _ in sent].count(TaskName.DEDUPLICATE) == 1
    calls: list[str] = []

    def compute(_: JobStore, __: JobMeta, extractions: list[dict]) -> dict:
        calls.append("x")
        return {"n": len(extractions)}

    for _ in range(2):
        pipeline.run_stage(store, enqueue, job_id, Stage.DEDUPLICATE, compute)
        pipeline.run_stage(store, enqueue, job_id, Stage.COMPARE, compute)
    assert calls == ["x", "x"]
    assert [t for t, _ in sent].count(TaskName.FINALIZE) == 1
    assert pipeline.finalize(store, job_id) == "succeeded"
    assert pipeline.finalize(store, job_id) == "skipped: job not running"
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
        pipeline.extract_one(store, lambda *_: None, job_id, article_id, extract)
    status = store.status(job_id)
    assert [a["status"] for a in status["articles"]] == ["done", "failed"]
    assert status["articles"][1]["error"] == {"code": "no_text", "message": "nothing left"}


def test_watchdog_redrives_then_gives_up(store: JobStore) -> None:
    sent: list[tuple[TaskName, list[str]]] = []
    job_id = store.create_job("c1", ARTICLES, {})
    pipeline.start_job(store, lambda *_: None, job_id)  # tasks "lost"
    actions = pipeline.sweep(store, lambda t, a: sent.append((t, a)), stall_seconds=0, max_redrives=1)
    assert actions == [f"{job_id}: 2 extraction(s) re-sent"]
    assert sorted(a[1] for _, a in sent) == ["a1", "a2"]
    pipeline.sweep(store, lambda *_: None, stall_seconds=0, max_redrives=1)
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
