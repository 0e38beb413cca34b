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
RUNS = "7 (Brennock Ledger, 2026-03-14 07:30) → 9 (Northern Wire, Evening Post, 2026-03-14 10:00 to 10:45)"


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
