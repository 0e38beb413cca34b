"""Independence: copies of one story, or a passage taken from another outlet, count once."""

from __future__ import annotations

from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.independence import Independence

WIRE = "Seven guards were wounded in the drone attack on the residence in Baghdad on Sunday."


def _three_articles() -> list[dict]:
    claim = [("Seven guards", 7, "exact", "guards", "wounded")]
    return [
        make_extraction("wire", "AP", WIRE, claims=claim, entities=[("Baghdad", "GPE")]),
        make_extraction("copy", "Local Paper", WIRE, claims=claim, entities=[("Baghdad", "GPE")]),
        make_extraction("other", "Reuters", "In Baghdad, seven guards were wounded when drones struck the "
                        "residence.", claims=[("seven guards", 7, "exact", "guards", "wounded")],
                        entities=[("Baghdad", "GPE")]),
    ]


def test_two_copies_do_not_corroborate_each_other() -> None:
    """A wire story and its copy are one independent source: the fact stays uncorroborated."""
    articles = _three_articles()[:2]
    duplicates = {"independent_groups": [["wire", "copy"]], "reused_passages": []}
    result = compare_sources(articles, duplicates)
    fact = next(f for f in result["facts"] if f["kind"] == "numeric")
    assert fact["sources"] == ["AP", "Local Paper"]
    assert fact["independent_sources"] == 1
    assert fact["status"] != "corroborated"


def test_without_the_dedup_groups_the_copies_would_count_twice() -> None:
    """The same pair with no dedup information is (wrongly, but by design) two sources: the groups matter."""
    result = compare_sources(_three_articles()[:2], {"independent_groups": [["wire"], ["copy"]]})
    fact = next(f for f in result["facts"] if f["kind"] == "numeric")
    assert fact["independent_sources"] == 2
    assert fact["status"] == "corroborated"


def test_an_independent_third_source_corroborates() -> None:
    """Copy group + an independent outlet: two independent sources, corroborated."""
    duplicates = {"independent_groups": [["wire", "copy"], ["other"]]}
    fact = next(f for f in compare_sources(_three_articles(), duplicates)["facts"] if f["kind"] == "numeric")
    assert fact["independent_sources"] == 2
    assert fact["status"] == "corroborated"
    assert {c["independent_group"] for c in fact["claims"] if c["article_id"] in ("wire", "copy")} == {0}


def test_reused_passage_makes_claims_dependent_only_inside_the_passage() -> None:
    """A claim inside a passage B took from A does not corroborate A; one outside it does."""
    passage = {"a": {"article_id": "x", "start": 0, "end": 50}, "b": {"article_id": "y", "start": 100, "end": 150}}
    independence = Independence(["x", "y"], {"reused_passages": [passage]})
    assert independence.dependent(("x", 10, 20), ("y", 110, 120))
    assert not independence.dependent(("x", 10, 20), ("y", 10, 20))
    assert independence.count([("x", 10, 20), ("y", 110, 120)]) == 1
    assert independence.count([("x", 10, 20), ("y", 300, 320)]) == 2


def test_near_duplicate_pairs_join_groups() -> None:
    """A near-duplicate pair record joins its two articles even without independent_groups."""
    independence = Independence(["a", "b", "c"], {"near_duplicates": [{"a": "a", "b": "b", "similarity": 0.9}]})
    assert independence.group_of("a") == independence.group_of("b") != independence.group_of("c")


def test_dedup_stage_shape_passage_level() -> None:
    """The dedup stage's own record shape (a/b ids, passages with a_start..b_end) is read at passage level."""
    duplicates = {
        "exact": [], "near_duplicates": [],
        "reused_passages": [{"a": "x", "b": "y", "relation": "partial", "passages": [
            {"a_start": 0, "a_end": 50, "b_start": 100, "b_end": 150, "kind": "verbatim"},
            {"a_start": 60, "a_end": 90, "b_start": 200, "b_end": 230, "kind": "shared_quote"}]}],
        "independent_groups": [["x", "y"]],
    }
    independence = Independence(["x", "y"], duplicates)
    assert independence.dependent(("x", 10, 20), ("y", 110, 120))
    # Outside the copied passage, and inside a merely co-quoted one, the two outlets report independently.
    assert not independence.dependent(("x", 10, 20), ("y", 300, 320))
    assert not independence.dependent(("x", 65, 70), ("y", 205, 210))
