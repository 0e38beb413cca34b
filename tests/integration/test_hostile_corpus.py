"""A hostile corpus through the whole stack: every article succeeds or fails alone with a clear code, the
job succeeds, and no worker process dies."""

from __future__ import annotations

import json

from tests.integration.conftest import Stack, seed_payload

WORDS = "officials said twelve people were hurt in the blast near the market and police "
FAILURE_CODES = {"empty_article", "no_main_text", "time_limit", "output_too_large"}  # never internal_error


def hostile_articles(max_chars: int) -> list[dict[str, str]]:
    """Articles an attacker or an unlucky scraper would send (each under the per-article limit)."""
    sentence = "<p>Police said 3 people were hurt on Sunday in the city.</p>"
    bodies = {
        "nesting": {"html": "<div>" * 10_000 + sentence + "</div>" * 10_000},
        "entity-bomb": {"html": "<html><body><p>" + "&amp;" * 10_000 + "&#x10FFFF;&#0;&#xD800;&bogus;" * 1000
                                + "</p>" + sentence + "</body></html>"},
        "controls-bidi": {"text": "Police said \u202e3 people\u202c were hurt\u0000\u0007\u001b[31m on "
                                  "\u200f\u2066Sunday\u2069. " * 400},
        "digits": {"text": "Police said " + "9" * 10_000 + " people were hurt. A count of 1" + "0" * 5_000 + "."},
        "quote-marks": {"text": "He said " + "\u201c" * 5_000 + '"' * 5_000 + " and left."},
        "unclosed-quotes": {"text": "\u201cPolice said 3 people were hurt on Sunday " * 1_000},
        "unpunctuated": {"text": (WORDS * (max_chars // len(WORDS) + 1))[: max_chars - 1]},
    }
    return [{"id": name, "source": f"Outlet {name}", **body} for name, body in bodies.items()]


def worker_deaths(stack: Stack) -> list[str]:
    """Lines of the worker log that tell of a pool process dying or failing to start."""
    markers = ("WorkerLostError", "Timed out waiting for UP", "exited with 'signal", "MemoryError")
    return [line for line in (stack.tmp / "worker.log").read_text().splitlines() if any(m in line for m in markers)]


def test_every_hostile_article_succeeds_or_fails_alone(running: Stack) -> None:
    before = worker_deaths(running)
    pid = running.worker.pid if running.worker else None
    articles = [*hostile_articles(int(running.env["MAX_ARTICLE_CHARS"])), seed_payload()["articles"][0]]
    job_id = running.submit({"articles": articles})
    final = running.wait(job_id, timeout=1200)
    assert final["status"] == "succeeded", final
    states = {a["id"]: a for a in final["articles"]}
    assert set(states) == {a["id"] for a in articles}
    for state in states.values():
        assert state["status"] in ("done", "failed"), state
        if state["status"] == "failed":
            assert state["error"]["code"] in FAILURE_CODES and state["error"]["message"], state
    assert states[seed_payload()["articles"][0]["id"]]["status"] == "done"
    assert states["unpunctuated"]["status"] == "done"  # long, but bounded: extracted, not timed out
    result = running.result(job_id)
    assert len(json.dumps(result)) < 40 * sum(len(a.get("text") or a.get("html") or "") for a in articles)
    assert running.worker is not None and running.worker.pid == pid and running.worker.poll() is None
    assert worker_deaths(running) == before


def test_invalid_utf8_upload_is_refused_or_processed_never_a_500(running: Stack) -> None:
    files = [("files", ("bad.txt", b"Police said \xff\xfe3 people\xc3 were hurt. \xed\xa0\x80", "text/plain"))]
    response = running.http.post(running.url + "/v1/jobs", files=files, data={"source": ["Wire"]},
                                 headers=running.headers(), timeout=30)
    assert response.status_code in (202, 400, 415, 422), response.text
    if response.status_code == 202:
        assert running.wait(response.json()["id"])["status"] == "succeeded"
    else:
        assert response.headers["Content-Type"].startswith("application/problem+json")


def test_lone_surrogates_are_refused_or_processed_never_a_500(running: Stack) -> None:
    body = '{"articles": [{"id": "s", "source": "Wire", "text": "Police said a\\ud800b 3 people were hurt."}]}'
    response = running.http.post(running.url + "/v1/jobs", data=body, timeout=30,
                                 headers=running.headers(**{"Content-Type": "application/json"}))
    assert response.status_code in (202, 400, 422), response.text
    if response.status_code == 202:
        assert running.wait(response.json()["id"])["status"] == "succeeded"
