"""The API's summary, the terminal summary and the report word each fact one way (comparison.summary.fact_line):
one claimant's several descriptions are one side of a dispute, and a timeline gives one step per run of one
value, in the report and the terminal as in the job's summary. The hand-written result of report_fixture."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from corroborate.summary import print_summary
from services.gateway.report import render_report
from tests.unit.report_fixture import v2_result, with_summary

PARTY = "Ada Mirren: 6, about 6 — Harrow Logistics: 3"
RUNS = "7 (Brennock Ledger, 2026-03-14 07:30 UTC) → 9 (Northern Wire, Evening Post, 2026-03-14 10:00 to 10:45 UTC)"


def _result() -> dict[str, Any]:
    """The fixture's dispute with Ada Mirren named twice, once with her post beside her name and with a second
    value; the summary made again from the changed facts."""
    result = v2_result()
    [disputed] = [f for f in result["comparison"]["facts"] if f["status"] == "disputed"]
    disputed["disputes"] = [{"claimant": "Ada Mirren, the chief of Brennock Fire Service", "value": "6", "claims": [0]},
                            {"claimant": "Harrow Logistics", "value": "3", "claims": [1]},
                            {"claimant": "Ada Mirren", "value": "about 6", "claims": [0]}]
    with_summary(result["comparison"])
    return result


def _text(html: str) -> str:
    return " ".join(html.replace("&amp;", "&").split())


def test_the_summary_groups_a_party_and_runs_a_timeline() -> None:
    lines = _result()["comparison"]["summary"]["fact_lines"]
    assert {line["said"] for line in lines.values()} >= {PARTY, RUNS}


def test_the_report_shows_the_summary_s_words() -> None:
    page = _text(render_report(_result()))
    assert PARTY in page
    assert RUNS in page
    assert "Ada Mirren, the chief of Brennock Fire Service" in page  # the card's sides keep each claimant whole


def test_the_terminal_shows_the_summary_s_words() -> None:
    console = Console(record=True, width=1000)
    print_summary(_result(), console)
    text = console.export_text()
    assert f"workers missing: {PARTY}" in text
    assert f"people killed: {RUNS}" in text


def test_the_report_and_the_terminal_count_a_fact_s_sources_alike() -> None:
    """A sentence inside a passage one outlet copied from another counts once in the fact (its
    independent_sources), though the articles' groups are two: report and terminal both give the fact's count."""
    result = v2_result()
    [agreed] = [f for f in result["comparison"]["facts"] if f["status"] == "corroborated"]
    agreed["independent_sources"] = 1
    with_summary(result["comparison"])
    assert "1 independent of 3 outlets" in _text(render_report(result))
    console = Console(record=True, width=1000)
    print_summary(result, console)
    assert "1 independent source among 3 outlets" in console.export_text()


def test_a_result_made_before_the_summary_s_words_still_reads() -> None:
    """A stored result without summary.fact_lines (older than them): the terminal and the report still give each
    conflict's values with their outlets and each dispute's sides."""
    result = _result()
    del result["comparison"]["summary"]["fact_lines"]
    console = Console(record=True, width=1000)
    print_summary(result, console)
    text = console.export_text()
    assert "firefighters injured: 2 (Brennock Ledger) vs 4 (Northern Wire, Evening Post)" in text
    assert "Harrow Logistics: 3" in text
    page = _text(render_report(result))
    assert "2 (Brennock Ledger) vs 4 (Northern Wire, Evening Post)" in page


def test_the_report_orders_a_timeline_by_its_utc_instants() -> None:
    """A result whose timeline is not in order (an older or another producer's): the report's card orders its
    reports by their UTC instant ('10:00+02:00' before '09:00Z'), a month's value at its first day."""
    result = v2_result()
    [updated] = [f for f in result["comparison"]["facts"] if f["status"] == "updated"]
    updated["timeline"] = [{"time": "2026-03-14T09:00:00Z", "value": "9", "source": "Northern Wire", "claim": 1},
                           {"time": "2026-03-14T10:00:00+02:00", "value": "7", "source": "Brennock Ledger", "claim": 0},
                           {"time": "2026-03", "value": "5", "source": "Evening Post", "claim": 2}]
    page = _text(render_report(result))
    entries = page[page.index('<ol class="timeline">'):]
    assert entries.index("— Evening Post") < entries.index("— Brennock Ledger") < entries.index("— Northern Wire")
