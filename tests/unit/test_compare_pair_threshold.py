"""A fact only two independent sources state rests on its one link: below the pair threshold it is split back
into its claims; three sources keep the join threshold (compare._split_weak_pairs)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from workers.analysis.comparison.alignment import Link
from workers.analysis.comparison.compare import _split_weak_pairs


def _claims(*groups: int) -> Any:
    return cast(Any, [SimpleNamespace(index=i, group=g) for i, g in enumerate(groups)])


def _link(a: int, b: int, score: float) -> Link:
    return Link(a, b, score, {})


def test_two_sources_joined_below_the_pair_threshold_are_split() -> None:
    claims = _claims(0, 1)
    assert _split_weak_pairs([[0, 1]], [_link(0, 1, 0.9)], claims, 0.95) == [[0], [1]]


def test_two_sources_joined_at_the_pair_threshold_stay_one_fact() -> None:
    claims = _claims(0, 1)
    assert _split_weak_pairs([[0, 1]], [_link(0, 1, 0.96)], claims, 0.95) == [[0, 1]]


def test_three_sources_need_only_the_join() -> None:
    claims = _claims(0, 1, 2)
    links = [_link(0, 1, 0.86), _link(1, 2, 0.87)]
    assert _split_weak_pairs([[0, 1, 2]], links, claims, 0.95) == [[0, 1, 2]]


def test_copies_count_once_so_a_wire_and_its_copy_plus_one_outlet_are_two_sources() -> None:
    claims = _claims(0, 0, 1)  # claims 0 and 1: one wire story and its copy
    links = [_link(0, 1, 1.0), _link(1, 2, 0.9), _link(0, 2, 0.9)]
    assert _split_weak_pairs([[0, 1, 2]], links, claims, 0.95) == [[0], [1], [2]]
    # the copy's own perfect link is not evidence between the two sources
    assert _split_weak_pairs([[0, 1, 2]], links, claims, 0.9) == [[0, 1, 2]]


def test_a_link_outside_the_group_does_not_hold_it() -> None:
    claims = _claims(0, 1, 1)
    links = [_link(0, 1, 0.9), _link(0, 2, 0.99)]  # claim 2 was clustered elsewhere
    assert _split_weak_pairs([[0, 1], [2]], links, claims, 0.95) == [[0], [1], [2]]

