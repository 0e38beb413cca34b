"""The real route: GET /v1/jobs/{id}/report on the seeds job, through gateway, worker and Redis."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from tests.integration.conftest import KEY_B, Stack


class _Tags(HTMLParser):
    """Start tags with their classes, and all text."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.classes.append(f"{tag}.{dict(attrs).get('class') or ''}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _report(stack: Stack, job_id: str, key: str | None = None) -> Any:
    return stack.http.get(f"{stack.url}/v1/jobs/{job_id}/report", headers=stack.headers(key), timeout=60)


def test_seeds_report_shows_conflicts_disputes_quotes_and_profiles(stack: Stack,
                                                                   seeds_job: tuple[str, dict[str, Any]]) -> None:
    """The report of the seeds job shows every conflicting and every disputed fact of the result as a card with
    its outlets or claimants and values, the reworded al-Sadr quote, and 5 profiles (what the comparison judges
    is the eval's business, not this test's: the seeds are a smoke test)."""
    job_id, final = seeds_job
    assert final["status"] == "succeeded"
    response = _report(stack, job_id)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    page = _Tags()
    page.feed(response.text)
    text = " ".join(" ".join(page.text).split())
    comparison = stack.result(job_id)["comparison"]
    conflicting = [f for f in comparison["facts"] if f["status"] == "conflicting"]
    disputed = [f for f in comparison["facts"] if f["status"] == "disputed"]
    assert conflicting or disputed  # the seeds set some values against each other

    def cards(kind: str) -> int:
        return sum(kind in c.split(".", 1)[1].split() for c in page.classes if c.startswith("div."))

    assert cards("conflict-card") == len(conflicting) and cards("dispute-card") == len(disputed)
    for fact in conflicting:
        assert fact["label"] in text  # the conflict is on the page, with its sentences' outlets
        assert all(c["source"] in text for c in fact["claims"])
        assert {v["label"] for v in fact["values"]} and all(v["label"] in text for v in fact["values"])
    for fact in disputed:
        assert fact["label"] in text and fact["disputes"]
        assert all(side["claimant"] in text and side["value"] in text for side in fact["disputes"])
    assert all("one_claimant" in f for f in comparison["facts"])
    for fact in comparison["facts"]:  # a fact every outlet attributes to one party says so on its card
        if fact["status"] == "corroborated" and fact["one_claimant"]:
            assert f"All on the word of {fact['one_claimant']}" in text
    assert page.classes.count("tr.profile") == 5
    assert "non-state" in text and "non-governmental" in text


def test_report_is_private_to_the_key_and_404s_for_unknown_jobs(stack: Stack,
                                                                seeds_job: tuple[str, dict[str, Any]]) -> None:
    """Another client's key and an unknown id both get a 404 problem, not the report."""
    job_id, _ = seeds_job
    assert _report(stack, job_id, KEY_B).status_code == 404
    assert _report(stack, "no-such-job").status_code == 404
