"""Every endpoint, over HTTP, against the real gateway, worker and Redis."""

from __future__ import annotations

import time
from typing import Any

from tests.integration.conftest import KEY_B, SEEDS, Stack, seed_payload

FURNITURE = ["Story continues below advertisement", "Click to play video", "Read Next:",
             "Be the first to comment", "Already a member? Sign in", "Sponsored content"]


def test_seeds_as_json_succeed_with_five_clean_articles(stack: Stack, seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, final = seeds_job
    assert final["status"] == "succeeded", final
    assert final["progress"] == {"stage": "done", "done": 5, "total": 5}
    assert [a["status"] for a in final["articles"]] == ["done"] * 5
    result = stack.result(job_id)
    assert [a["article_id"] for a in result["articles"]] == [a["id"] for a in seed_payload()["articles"]]
    for article in result["articles"]:
        for phrase in FURNITURE:
            assert phrase not in article["text"], (article["source"], phrase)
        assert article["removed"] or article["source"] == "Overt Defense"
        assert article["sentences"] and article["entities"]
    global_news = next(a for a in result["articles"] if a["source"] == "Global News")
    assert "Seven of Prime Minister Mustafa al-Kadhimi’s security guards were wounded" in global_news["text"]
    assert {"exact", "near_duplicates"} <= set(result["duplicates"])
    names = {e["name"] for e in result["comparison"]["entities"]}
    assert any("Kadhimi" in name for name in names)


def test_seeds_as_files_succeed(stack: Stack) -> None:
    files = [("files", (path.name, path.read_bytes(), "text/plain")) for path in sorted(SEEDS.glob("*.txt"))]
    sources = ["SOFREP", "Overt Defense", "Global News", "The Defense Post", "The Times of Israel"]
    response = stack.http.post(stack.url + "/v1/jobs", files=files, data={"source": sources},
                               headers=stack.headers(), timeout=30)
    assert response.status_code == 202, response.text
    body = response.json()
    assert [a["source"] for a in body["articles"]] == sources
    assert [a["id"] for a in body["articles"]] == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    final = stack.wait(body["id"])
    assert final["status"] == "succeeded"
    result = stack.result(body["id"])
    assert len(result["articles"]) == 5
    assert all("Story continues below advertisement" not in a["text"] for a in result["articles"])


def test_post_answers_202_with_location_and_status(stack: Stack) -> None:
    response = stack.post({"articles": [{"source": "Wire", "text": "Two drones were shot down on Sunday."}]})
    assert response.status_code == 202
    body = response.json()
    assert response.headers["Location"] == f"/v1/jobs/{body['id']}"
    assert body["status"] in ("queued", "running", "succeeded")
    assert body["articles"] == [{"article_id": "a1", "id": "a1", "source": "Wire",
                                 "status": body["articles"][0]["status"], "error": None}]
    assert len(body["id"]) >= 4 + 32  # "job_" + at least 128 bits in hex
    stack.wait(body["id"])


def test_status_has_etag_and_304(stack: Stack, seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, _ = seeds_job
    first = stack.http.get(f"{stack.url}/v1/jobs/{job_id}", headers=stack.headers(), timeout=10)
    etag = first.headers["ETag"]
    again = stack.http.get(f"{stack.url}/v1/jobs/{job_id}", headers=stack.headers(**{"If-None-Match": etag}),
                           timeout=10)
    assert again.status_code == 304
    assert "Retry-After" not in first.headers  # finished


def test_unfinished_job_has_retry_after_and_result_409(running: Stack) -> None:
    running.stop_worker()
    job_id = running.submit({"articles": [{"source": "Wire", "text": "Six guards were wounded."}]})
    status = running.http.get(f"{running.url}/v1/jobs/{job_id}", headers=running.headers(), timeout=10)
    assert status.json()["status"] == "queued"
    assert int(status.headers["Retry-After"]) >= 1
    result = running.http.get(f"{running.url}/v1/jobs/{job_id}/result", headers=running.headers(), timeout=10)
    assert result.status_code == 409
    assert result.headers["Content-Type"] == "application/problem+json"
    assert result.json()["job_status"] == "queued"
    running.start_worker()
    assert running.wait(job_id)["status"] == "succeeded"


def test_list_jobs_newest_first_paginated(stack: Stack) -> None:
    ids = [stack.submit({"articles": [{"source": "Wire", "text": f"Story number {i} happened."}]}, key=KEY_B)
           for i in range(3)]
    page1 = stack.http.get(stack.url + "/v1/jobs?limit=2", headers=stack.headers(KEY_B), timeout=10).json()
    assert [j["id"] for j in page1["jobs"]] == ids[::-1][:2]
    page2 = stack.http.get(f"{stack.url}/v1/jobs?limit=2&cursor={page1['next_cursor']}",
                           headers=stack.headers(KEY_B), timeout=10).json()
    assert ids[0] in [j["id"] for j in page2["jobs"]]
    for job_id in ids:
        stack.wait(job_id, key=KEY_B)


def test_delete_finished_job_removes_every_key(stack: Stack) -> None:
    job_id = stack.submit({"articles": [{"source": "Wire", "text": "Three drones were launched."}]})
    stack.wait(job_id)
    assert any(job_id in k for k in stack.stored_keys())
    assert stack.delete(job_id).status_code == 204
    assert not [k for k in stack.stored_keys() if job_id in k]
    gone = stack.http.get(f"{stack.url}/v1/jobs/{job_id}", headers=stack.headers(), timeout=10)
    assert gone.status_code == 404
    assert gone.headers["Content-Type"] == "application/problem+json"


def test_delete_cancels_unfinished_job_and_no_task_runs(running: Stack) -> None:
    running.stop_worker()
    job_id = running.submit({"articles": [{"source": "Wire", "text": "Seven guards were wounded."}]})
    assert running.delete(job_id).status_code == 204
    assert running.status(job_id)["status"] == "cancelled"
    running.start_worker()
    time.sleep(3)  # give the queued start task time to be consumed by the new worker
    status = running.status(job_id)
    assert status["status"] == "cancelled"
    assert status["progress"]["done"] == 0
    leftovers = [k for k in running.stored_keys() if job_id in k]
    assert leftovers == [f"cb:job:{{{job_id}}}:meta"]  # only the short-lived tombstone


def test_job_keys_expire_with_ttl(stack: Stack, seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, _ = seeds_job
    keys = [k for k in stack.stored_keys() if job_id in k]
    assert len(keys) >= 5
    ttls = {stack.redis.ttl(k) for k in keys}
    assert all(0 < ttl <= 7 * 24 * 3600 for ttl in ttls)


def test_health_ready_openapi_and_offline_docs(stack: Stack) -> None:
    assert stack.http.get(stack.url + "/healthz", timeout=10).json() == {"status": "ok"}
    ready = stack.http.get(stack.url + "/readyz", timeout=10).json()
    assert ready["redis"] == "ok" and ready["workers"]
    spec = stack.http.get(stack.url + "/openapi.json", timeout=10).json()
    assert {"/v1/jobs", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/result"} <= set(spec["paths"])
    _check_openapi_contract(spec)
    docs = stack.http.get(stack.url + "/docs", timeout=10).text
    assert "/docs/assets/swagger-ui-bundle.js" in docs and "//cdn" not in docs and "unpkg" not in docs
    bundle = stack.http.get(stack.url + "/docs/assets/swagger-ui-bundle.js", timeout=10)
    assert bundle.status_code == 200 and len(bundle.content) > 100_000


def test_readyz_is_503_without_worker(running: Stack) -> None:
    running.stop_worker()
    response = running.http.get(running.url + "/readyz", timeout=10)
    assert response.status_code == 503
    assert "worker" in response.json()["detail"]


def _check_openapi_contract(spec: dict[str, Any]) -> None:
    """Every error answer is problem+json, every /v1 operation may answer 401, health is public,
    an article is text or html."""
    shared = spec["components"]["responses"]

    def content_of(response: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in response:
            response = shared[response["$ref"].rsplit("/", 1)[1]]
        return dict(response.get("content") or {})

    errors_seen = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            if path.startswith("/v1/"):
                assert "401" in responses, (path, method)
                assert operation.get("security") != [], (path, method)
            else:
                assert path in ("/healthz", "/readyz") and operation["security"] == [], path
            for status, response in responses.items():
                if status == "default" or status >= "400":
                    assert list(content_of(response)) == ["application/problem+json"], (path, method, status)
                    errors_seen += 1
    assert errors_seen >= 20
    assert {"/healthz", "/readyz"} <= set(spec["paths"])
    article = spec["components"]["schemas"]["ArticleIn"]
    assert [branch["required"] for branch in article["oneOf"]] == [["text"], ["html"]]
    assert "MAX_HTML_BYTES" in article["properties"]["html"]["description"]
