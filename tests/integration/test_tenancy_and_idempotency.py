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
