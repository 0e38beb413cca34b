"""The corpus index and the dedup stage against a real, private redis-server (no mocks)."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from shared.corpus_index import CorpusIndex, IndexEntry
from tests.unit.test_dedup_support import extraction, perturb, seed_extractions
from tools.processes import RedisServer
from workers.analysis.dedup.fingerprint import decode, encode, evidence_sentences
from workers.analysis.dedup.prepare import prepare
from workers.stages.dedup_stage import run_dedup_stage

TTL = 3600
BOTH = {"check_seen_before": True, "remember": True}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    handle = RedisServer(Path(tmp_path_factory.mktemp("dedup-redis"))).start()
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
def r(server: RedisServer) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(server.url, decode_responses=True)  # as the job store connects
    client.flushdb()
    yield client
    client.close()


def _stage(r: redis.Redis, job: str, extractions: list[dict], client: str = "c1", **options: bool) -> dict:
    return run_dedup_stage(CorpusIndex(r, TTL), client_id=client, job_id=job, extractions=extractions,
                           options={**BOTH, **options})


def test_edited_copy_in_a_later_job_is_seen_before_with_evidence(r: redis.Redis) -> None:
    seeds = seed_extractions()
    first = _stage(r, "job1", seeds)
    assert first["seen_before"] == []
    assert first["index"]["articles"] == 5 and first["index"]["bytes_added"] > 0
    copy = perturb(seeds[2]["text"], 0.05, random.Random(3))
    second = _stage(r, "job2", [extraction("new", copy), extraction("other", "Nothing to see here at all.")])
    hits = [s for s in second["seen_before"] if s["article_id"] == "new"]
    assert hits and hits[0]["earlier_job_id"] == "job1" and hits[0]["earlier_article_id"] == "002"
    assert hits[0]["relation"] == "near_duplicate"
    assert hits[0]["similarity"]["estimated_jaccard"] >= 0.5
    passage = hits[0]["passages"][0]
    earlier_text = seeds[2]["text"][passage["earlier_start"]:passage["earlier_end"]]
    here_text = copy[passage["start"]:passage["end"]]
    assert earlier_text and here_text
    assert not [s for s in second["seen_before"] if s["article_id"] == "other"]


def test_rerun_is_idempotent_and_never_matches_its_own_job(r: redis.Redis) -> None:
    seeds = seed_extractions()
    once = _stage(r, "job1", seeds)
    size = CorpusIndex(r, TTL).size("c1")
    later = _stage(r, "job2", [extraction("x", seeds[0]["text"])])
    again = _stage(r, "job1", seeds)
    assert once == again  # job2 came later: a re-run of job1 does not see it
    assert CorpusIndex(r, TTL).size("c1") == size + 1
    assert [s["earlier_job_id"] for s in later["seen_before"]] == ["job1"]


def test_remove_job_deletes_its_entries_and_only_them(r: redis.Redis) -> None:
    seeds = seed_extractions()
    _stage(r, "job1", seeds[:3])
    _stage(r, "job2", seeds[3:])
    index = CorpusIndex(r, TTL)
    assert index.remove_job("c1", "job1") == 3
    assert index.size("c1") == 2
    after = _stage(r, "job3", [extraction("again", seeds[0]["text"]), extraction("b", seeds[4]["text"])],
                   remember=False)
    assert [(s["article_id"], s["earlier_job_id"]) for s in after["seen_before"]] == [("b", "job2")]
    assert index.remove_job("c1", "job2") == 2
    assert index.remove_job("c1", "job2") == 0
    left = {k for k in r.scan_iter("cb:corpus:*") if not k.endswith(":seq")}  # the counter may stay
    assert left == set()


def test_clients_do_not_see_each_other(r: redis.Redis) -> None:
    seeds = seed_extractions()
    _stage(r, "job1", seeds, client="alice")
    other = _stage(r, "job2", seeds, client="bob")
    assert other["seen_before"] == []


def test_concurrent_jobs_of_one_client_both_land(r: redis.Redis) -> None:
    rng = random.Random(5)
    base = seed_extractions()
    jobs = {f"job{j}": [extraction(f"{j}-{i}", perturb(e["text"], 0.3, rng)) for i, e in enumerate(base)]
            for j in range(4)}
    errors: list[BaseException] = []

    def run(job: str) -> None:
        try:
            client = redis.Redis(connection_pool=r.connection_pool)
            _stage(client, job, jobs[job], check_seen_before=False)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    index = CorpusIndex(r, TTL)
    assert index.size("c1") == 20
    probe = _stage(r, "probe", [extraction("p", jobs["job2"][1]["text"])], remember=False)
    assert ("job2", "2-1") in {(s["earlier_job_id"], s["earlier_article_id"]) for s in probe["seen_before"]}
    assert sum(index.remove_job("c1", job) for job in jobs) == 20


def test_expired_entries_are_not_reported_and_get_purged(r: redis.Redis) -> None:
    seeds = seed_extractions()
    index = CorpusIndex(r, TTL)
    p = prepare(seeds[0])
    bands = list(range(1, 43))
    entry = IndexEntry("old", bands, encode(p))
    index.insert("c1", "old-job", [entry], now=0)  # expired long ago
    assert index.query("c1", [bands], now=1)[0][0].matching_bands == 42
    assert index.query("c1", [bands]) == [[]]
    assert index.purge_expired("c1") == 1
    assert index.size("c1") == 0


def test_fingerprint_round_trip() -> None:
    p = prepare(seed_extractions()[1] | {"published_at": "2021-11-07T08:00:00Z"})
    sentences = evidence_sentences(p)
    fp = decode(encode(p, sentences))
    assert [(s.simhash, s.start, s.end) for s in fp.sentences] == sentences
    assert fp.published == 1636272000 and fp.chars == p.chars


def test_a_job_deleted_while_running_is_not_indexed(r: redis.Redis) -> None:
    from shared.job_store import JobStore
    from workers.stages.dedup_stage import deduplicate_job

    store = JobStore(r, ttl_seconds=TTL)
    job_id = store.create_job("c1", [{"id": "a1", "source": "Wire", "text": "x"}], {})
    meta = store.get_meta(job_id)
    assert meta is not None and store.delete_job(job_id, "c1")  # unfinished: a cancelled tombstone
    result = deduplicate_job(store, meta, seed_extractions()[:2])
    assert CorpusIndex(r, TTL).size("c1") == 0
    assert result["index"]["remembered"] is True
