"""The rarity two claims' shared words sum to is the same in every process: a set of words yields them in an
order that follows the process's hash seed, and a plain float sum in another order differs in its last bits
(two workers given one job would score it apart)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = """
from workers.analysis.comparison.scorer import Side, side_features
from workers.analysis.comparison.pair_table import feature_columns
words = frozenset(f"w{i}" for i in range(40))
rarity = {f"w{i}": 0.1 + i / 7 for i in range(40)}
side = Side(words=words, entities=frozenset(), quantities=(), measures=(), claimant_kind="outlet",
            claimant_identity="x", predicate=None, context=False, dates=frozenset())
one = side_features(side, side, 0.5, rarity=rarity)["shared_rarity"]
column = feature_columns([side, side], [0], [1], [0.5], [0.5], [(0.5, 0.5)], rarity, None)["shared_rarity"][0]
print(repr(one), repr(column))
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", PROGRAM], env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_shared_rarity_is_the_same_under_every_hash_seed() -> None:
    results = {_run(seed) for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(results) == 1, results
    one, column = next(iter(results)).split()
    assert one == column
