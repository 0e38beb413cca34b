"""Deduplication through the real pipeline: seen-before across jobs, deletion, concurrent jobs."""

from __future__ import annotations

import random
from typing import Any

from tests.integration.conftest import Stack
from tests.unit.test_dedup_support import perturb, seed_extractions


def _job(articles: list[tuple[str, str]], **options: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"articles": [{"id": i, "source": f"{i}.example", "text": t} for i, t in articles]}
    if options:
        payload["options"] = options
    return payload


def _seen(stack: Stack, job_id: str, key: str | None = None) -> list[dict[str, Any]]:
    assert stack.wait(job_id, key)["status"] == "succeeded"
    return list(stack.result(job_id, key)["duplicates"]["seen_before"])


def test_edited_copy_is_seen_before_and_forgotten_when_the_job_is_deleted(running: Stack) -> None:
    stack = running
    text = seed_extractions()[2]["text"]
    first = stack.submit(_job([("orig", text), ("other", seed_extractions()[3]["text"])]))
    assert stack.wait(first)["status"] == "succeeded"
    copy = perturb(text, 0.05, random.Random(11))
    second = stack.submit(_job([("copy", copy)], remember=False))
    hits = [s for s in _seen(stack, second) if s["earlier_job_id"] == first]
    assert [(s["article_id"], s["earlier_article_id"], s["relation"]) for s in hits] == \
        [("copy", "orig", "near_duplicate")]
    assert hits[0]["passages"] and hits[0]["passages"][0]["earlier_end"] > hits[0]["passages"][0]["earlier_start"]

    assert stack.delete(first).status_code in (200, 202, 204)
    assert not [k for k in stack.redis.scan_iter(f"cb:corpus:*:job:{first}")]
    third = stack.submit(_job([("copy", copy)], remember=False))
    assert not [s for s in _seen(stack, third) if s["earlier_job_id"] == first]


def test_two_concurrent_jobs_of_one_client_both_land_in_the_index(running: Stack) -> None:
    stack = running
    rng = random.Random(12)
    texts = [perturb(e["text"], 0.2, rng) for e in seed_extractions()[:2]]
    jobs = [stack.submit(_job([(f"c{i}", t)])) for i, t in enumerate(texts)]
    for job in jobs:
        assert stack.wait(job)["status"] == "succeeded"
    probe = stack.submit(_job([("p0", texts[0]), ("p1", texts[1])], remember=False))
    found = {(s["article_id"], s["earlier_job_id"]) for s in _seen(stack, probe)}
    assert {("p0", jobs[0]), ("p1", jobs[1])} <= found


def test_other_clients_never_see_my_articles(running: Stack) -> None:
    from tests.integration.conftest import KEY_B

    stack = running
    text = perturb(seed_extractions()[4]["text"], 0.2, random.Random(13))
    mine = stack.submit(_job([("mine", text)]))
    assert stack.wait(mine)["status"] == "succeeded"
    theirs = stack.submit(_job([("theirs", text)], remember=False), key=KEY_B)
    assert not [s for s in _seen(stack, theirs, KEY_B) if s["earlier_job_id"] == mine]
