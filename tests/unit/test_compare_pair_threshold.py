"""A fact only two independent reports make rests on its one link: below the pair threshold it is split back
into its claims; three reports keep the join threshold (compare._split_weak_pairs). Reports are counted as the
facts count them: copies count once, and so do two outlets' claims inside one copied passage."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from workers.analysis.comparison.alignment import Link
from workers.analysis.comparison.compare import _split_weak_pairs
from workers.analysis.comparison.independence import Independence


def _setup(articles: str, duplicates: dict[str, Any] | None = None) -> tuple[Any, Independence]:
    """One claim per letter (its article), characters 0-80; each article its own copy group unless told."""
    ids = sorted(set(articles))
    independence = Independence(ids, duplicates or {"independent_groups": [[a] for a in ids]})
    claims = [SimpleNamespace(index=i, article_id=a, start=0, end=80, group=independence.group_of(a))
              for i, a in enumerate(articles)]
    return cast(Any, claims), independence


def _link(a: int, b: int, score: float) -> Link:
    return Link(a, b, score, {})


def test_two_sources_joined_below_the_pair_threshold_are_split() -> None:
    claims, independence = _setup("ab")
    assert _split_weak_pairs([[0, 1]], [_link(0, 1, 0.9)], claims, independence, 0.95) == [[0], [1]]


def test_two_sources_joined_at_the_pair_threshold_stay_one_fact() -> None:
    claims, independence = _setup("ab")
    assert _split_weak_pairs([[0, 1]], [_link(0, 1, 0.95)], claims, independence, 0.95) == [[0, 1]]


def test_three_sources_need_only_the_join() -> None:
    claims, independence = _setup("abc")
    links = [_link(0, 1, 0.86), _link(1, 2, 0.87)]
    assert _split_weak_pairs([[0, 1, 2]], links, claims, independence, 0.95) == [[0, 1, 2]]


def test_copies_count_once_so_a_wire_and_its_copy_plus_one_outlet_are_two_sources() -> None:
    claims, independence = _setup("abc", {"independent_groups": [["a", "b"], ["c"]]})  # b copies a
    links = [_link(0, 1, 1.0), _link(1, 2, 0.9), _link(0, 2, 0.9)]
    assert _split_weak_pairs([[0, 1, 2]], links, claims, independence, 0.95) == [[0], [1], [2]]
    # the copy's own perfect link is not evidence between the two sources
    assert _split_weak_pairs([[0, 1, 2]], links, claims, independence, 0.9) == [[0, 1, 2]]


def test_a_claim_inside_a_passage_one_outlet_copied_from_another_is_one_report() -> None:
    """Three outlets, but c's claim lies in a passage c copied from b: two reports, so the weak links between
    a and the copied passage must reach the pair threshold."""
    duplicates = {"independent_groups": [["a"], ["b"], ["c"]],
                  "reused_passages": [{"a": "b", "b": "c", "relation": "partial", "passages": [
                      {"a_start": 0, "a_end": 100, "b_start": 0, "b_end": 100, "kind": "verbatim"}]}]}
    claims, independence = _setup("abc", duplicates)
    assert independence.count([(c.article_id, c.start, c.end) for c in claims]) == 2
    links = [_link(0, 1, 0.8), _link(0, 2, 0.78), _link(1, 2, 1.0)]
    assert _split_weak_pairs([[0, 1, 2]], links, claims, independence, 0.9) == [[0], [1], [2]]


def test_a_link_outside_the_group_does_not_hold_it() -> None:
    claims, independence = _setup("abb")
    links = [_link(0, 1, 0.9), _link(0, 2, 0.99)]  # claim 2 was clustered elsewhere
    assert _split_weak_pairs([[0, 1], [2]], links, claims, independence, 0.95) == [[0], [1], [2]]
