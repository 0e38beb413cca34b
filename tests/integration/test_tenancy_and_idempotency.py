"""Each API key is one client; Idempotency-Key makes a retried POST return the first job."""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import KEY_B, Stack

ARTICLE = {"source": "Wire", "text": "Two armed drones were shot down over Baghdad."}


def test_another_key_cannot_see_or_delete_a_job(stack: Stack, seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, _ = seeds_job
    for path in ("", "/result", "/report"):
        response = stack.http.get(f"{stack.url}/v1/jobs/{job_id}{path}", headers=stack.headers(KEY_B), timeout=10)
        assert response.status_code == 404, path
        unknown = stack.http.get(f"{stack.url}/v1/jobs/job_{'0' * 40}{path}", headers=stack.headers(KEY_B),
                                 timeout=10)
        assert response.json()["detail"].replace(job_id, "ID") == unknown.json()["detail"].replace(
            f"job_{'0' * 40}", "ID")
    assert stack.delete(job_id, key=KEY_B).status_code == 404
    assert stack.status(job_id)["status"] == "succeeded"  # still there for its owner
    listed = stack.http.get(stack.url + "/v1/jobs?limit=100", headers=stack.headers(KEY_B), timeout=10).json()
    assert job_id not in [j["id"] for j in listed["jobs"]]


def test_same_idempotency_key_gives_one_job(stack: Stack) -> None:
    first = stack.post({"articles": [ARTICLE]}, **{"Idempotency-Key": "retry-me-1"})
    second = stack.post({"articles": [ARTICLE]}, **{"Idempotency-Key": "retry-me-1"})
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    listed = stack.http.get(stack.url + "/v1/jobs?limit=100", headers=stack.headers(), timeout=10).json()
    assert [j["id"] for j in listed["jobs"]].count(first.json()["id"]) == 1
    stack.wait(first.json()["id"])


def test_same_idempotency_key_other_body_is_422(stack: Stack) -> None:
    first = stack.post({"articles": [ARTICLE]}, **{"Idempotency-Key": "retry-me-2"})
    other = stack.post({"articles": [{**ARTICLE, "source": "Other"}]}, **{"Idempotency-Key": "retry-me-2"})
    assert other.status_code == 422
    assert other.json()["type"].endswith("idempotency-mismatch")
    stack.wait(first.json()["id"])


def test_idempotency_keys_are_per_client(stack: Stack) -> None:
    mine = stack.post({"articles": [ARTICLE]}, **{"Idempotency-Key": "shared-name"})
    theirs = stack.post({"articles": [ARTICLE]}, key=KEY_B, **{"Idempotency-Key": "shared-name"})
    assert mine.json()["id"] != theirs.json()["id"]
    stack.wait(mine.json()["id"])
    stack.wait(theirs.json()["id"], key=KEY_B)


def test_concurrent_retries_after_the_first_job_is_deleted_make_one_job(stack: Stack) -> None:
    """The key outlives its deleted job; concurrent retries then start one new job (others: 409 or replay)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    import requests

    for round_number in range(5):
        key = {"Idempotency-Key": f"after-delete-{round_number}"}
        first = stack.post({"articles": [ARTICLE]}, **key)
        stack.wait(first.json()["id"])
        assert stack.delete(first.json()["id"]).status_code == 204
        barrier = Barrier(20)

        def retry(_: int, barrier: Barrier = barrier, key: dict[str, str] = key) -> requests.Response:
            barrier.wait()
            return requests.post(stack.url + "/v1/jobs", json={"articles": [ARTICLE]},
                                 headers=stack.headers(**key), timeout=30)

        with ThreadPoolExecutor(20) as pool:
            responses = list(pool.map(retry, range(20)))
        assert {r.status_code for r in responses} <= {202, 409}, [r.text for r in responses]
        new_ids = {r.json()["id"] for r in responses if r.status_code == 202}
        assert len(new_ids) == 1 and first.json()["id"] not in new_ids, (round_number, new_ids)
        stack.wait(new_ids.pop())
