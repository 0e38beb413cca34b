"""The summary's lines read in seconds: an agreed figure says its value, a timeline gives one step per run of one
value, a conflict names the values most outlets give and counts the rest, and a vague word is one value however
it is capitalised. Invented facts and texts."""

from __future__ import annotations

from typing import Any

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.summary import summarize

OUTLETS = ["Harbour Herald", "Valley Courier", "Kelston Post", "Coast News", "Bay Times"]


def _fact(status: str, kind: str, label: str, values: list[tuple[str, list[str]]], **extra: Any) -> dict[str, Any]:
    return {"id": "f1", "status": status, "kind": kind, "label": label, "independent_sources": 3, "salience": 1.0,
            "values": [{"label": value, "sources": sources, "claims": [], "claimants": []}
                       for value, sources in values], **extra}


def _summary(*facts: dict[str, Any]) -> dict[str, Any]:
    return summarize(list(facts), [], OUTLETS, {"independent_sources": len(OUTLETS)})


def test_an_agreed_figure_says_the_value_its_sources_give() -> None:
    figure = _fact("corroborated", "numeric", "worker — injured", [("12", OUTLETS[:3]), ("twelve", OUTLETS[3:4])])
    statement = _fact("corroborated", "statement", "The warehouse burned down.", [("stated", OUTLETS[:3])])
    assert _summary(figure, statement)["agreed"] == [
        "worker — injured: 12 — 3 independent sources", "The warehouse burned down. — 3 independent sources"]


def test_a_timeline_gives_one_step_per_run_of_one_value() -> None:
    steps = [("about 350", OUTLETS[0], "2007-11-12T09:00"), ("about 350", OUTLETS[1], "2007-11-12T10:00"),
             ("about 350", OUTLETS[2], "2007-11-12T11:00"), ("about 350", OUTLETS[3], "2007-11-13T08:00"),
             ("40", OUTLETS[4], "2007-11-13T09:00")]
    fact = _fact("updated", "numeric", "employee — has", [],
                 timeline=[{"value": v, "source": s, "time": t, "claim": k} for k, (v, s, t) in enumerate(steps)])
    assert _summary(fact)["updates"] == [
        "employee — has: about 350 (Harbour Herald, Valley Courier, Kelston Post and 1 more, 2007-11-12 09:00 to "
        "2007-11-13 08:00) → 40 (Bay Times, 2007-11-13 09:00)"]


def test_a_conflict_names_the_values_most_outlets_give_and_counts_the_rest() -> None:
    fact = _fact("conflicting", "numeric", "people — injured",
                 [("7", OUTLETS[:1]), ("more than 200", OUTLETS[:4]), ("140", OUTLETS[1:2]), ("249", OUTLETS[:2]),
                  ("about 30", OUTLETS[2:5]), ("50", OUTLETS[3:4])])
    assert _summary(fact)["conflicts"] == [
        "people — injured: 7 (Harbour Herald) vs more than 200 (Harbour Herald, Valley Courier, Kelston Post and 1 "
        "more) vs 249 (Harbour Herald, Valley Courier) vs about 30 (Kelston Post, Coast News, Bay Times) and 2 other "
        "values"]


def test_a_vague_word_is_one_value_however_it_is_capitalised() -> None:
    texts = ("Dozens of homes were evacuated in Kelston on Monday after the river burst its banks.",
             "The river burst its banks in Kelston on Monday and dozens of homes were evacuated.",
             "About 300 homes were evacuated in Kelston on Monday after the river burst its banks.")
    extractions = extract(*[(f"a{n}", OUTLETS[n], "2026-03-02T09:00:00+00:00", text) for n, text in enumerate(texts)])
    facts = compare_sources(extractions, no_duplicates(extractions))["facts"]
    labels = [[v["label"] for v in f["values"]] for f in facts if f["kind"] == "numeric"]
    assert labels and all(sum(label.lower() == "dozens" for label in values) <= 1 for values in labels)
    assert any(any(label.lower() == "dozens" for label in values) for values in labels)


def test_a_report_of_unknown_time_closes_the_timeline_and_says_so() -> None:
    from tests.unit.test_compare_statuses import T0, T1, TOLL

    extractions = extract(("a", "Northern Post", T0, TOLL.format("Twelve")),
                          ("b", "Valley Herald", T1, TOLL.format("Nineteen")),
                          ("c", "Coast News", None, TOLL.format("Nineteen")))  # pasted without its date
    result = compare_sources(extractions, no_duplicates(extractions))
    [updated] = [f for f in result["facts"] if f["status"] == "updated"]
    assert [step["source"] for step in updated["timeline"]] == ["Northern Post", "Valley Herald", "Coast News"]
    [line] = result["summary"]["updates"]
    assert line.endswith("→ 19 (Valley Herald, 2024-03-06 08:00 UTC) → 19 (Coast News, time unknown)"), line


def test_a_timeline_of_two_zones_is_ordered_and_read_in_utc() -> None:
    """Reports stamped in two zones: the fact's timeline is ordered by their UTC instants (by its text, 15:00Z
    would come before 20:00+09:00, which is 11:00Z) and the summary reads both in UTC."""
    from tests.unit.test_compare_statuses import TOLL

    extractions = extract(("a", "Northern Post", "2024-03-05T20:00:00+09:00", TOLL.format("Twelve")),
                          ("b", "Valley Herald", "2024-03-05T15:00:00+00:00", TOLL.format("Nineteen")))
    result = compare_sources(extractions, no_duplicates(extractions))
    [updated] = [f for f in result["facts"] if f["status"] == "updated"]
    assert [step["source"] for step in updated["timeline"]] == ["Northern Post", "Valley Herald"]
    [line] = result["summary"]["updates"]
    assert line.endswith("12 (Northern Post, 2024-03-05 11:00 UTC) → 19 (Valley Herald, 2024-03-05 15:00 UTC)"), line
