"""compare_sources pauses the cyclic garbage collector for its run only: it is back on afterwards, even when the
comparison raises, and stays off when the caller had turned it off."""

from __future__ import annotations

import gc

import pytest

from workers.analysis.comparison.compare import paused_collector


def test_the_collector_is_off_inside_and_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_collector():
        assert not gc.isenabled()
        raise RuntimeError("comparison failed")
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_compare_sources_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.compare_events import BRIDGE_A, BRIDGE_B, extract, no_duplicates
    from workers.analysis.comparison import compare as compare_module

    seen: list[bool] = []
    real = compare_module.build_claims

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(compare_module, "build_claims", recording)
    extractions = extract(("a", "Northern Post", "2024-03-05T10:00:00+00:00", BRIDGE_A),
                          ("b", "Valley Herald", "2024-03-05T10:30:00+00:00", BRIDGE_B))
    compare_module.compare_sources(extractions, no_duplicates(extractions))
    assert seen == [False] and gc.isenabled()
