"""A corroborated fact resting on one claimant says so in the job's summary and in the terminal summary."""

from __future__ import annotations

from rich.console import Console

from corroborate.summary import print_summary
from tests.unit.report_fixture import v2_result, with_summary
from workers.analysis.comparison.summary import summarize


def _agreed(one_claimant: str | None) -> dict:
    result = v2_result()
    [agreed] = [f for f in result["comparison"]["facts"] if f["status"] == "corroborated"]
    agreed["one_claimant"] = one_claimant
    with_summary(result["comparison"])
    return result


def test_the_agreed_line_names_the_one_claimant() -> None:
    for one, expected in (("Ada Mirren", True), (None, False)):
        comparison = _agreed(one)["comparison"]
        summary = summarize(comparison["facts"], [], comparison["sources"], comparison["independence"])
        assert [("all on the word of Ada Mirren" in line) for line in summary["agreed"]] == [expected]


def test_the_terminal_summary_names_the_one_claimant() -> None:
    for one, expected in (("Ada Mirren", True), (None, False)):
        console = Console(record=True, width=200)
        print_summary(_agreed(one), console)
        assert ("all on the word of Ada Mirren" in console.export_text()) is expected


def test_a_long_label_is_cut_and_the_claimant_after_it_stays_whole() -> None:
    result = _agreed("Ada Mirren")
    [agreed] = [f for f in result["comparison"]["facts"] if f["status"] == "corroborated"]
    agreed["label"] = "The harbour was closed " + "and the quays were inspected one by one " * 8 + "by noon."
    agreed["sources"] = [f"Harbour Outlet Number {n}" for n in range(12)]  # many outlets: cut too
    with_summary(result["comparison"])
    console = Console(record=True, width=1000)
    print_summary(result, console)
    text = console.export_text()
    assert "all on the word of Ada Mirren" in text
    assert "among 12 outlets" in text
    assert "by noon." not in text  # the label itself was cut
    assert "Harbour Outlet Number 11" not in text  # and the outlets, on their own
