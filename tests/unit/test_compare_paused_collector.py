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
