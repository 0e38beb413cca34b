"""Leave-one-event-out pair average precision of the claim scorer on the tuning half, with and without named
features: how this release chose `amounts_agree` and `dates_shared_rarity` (the reporting half is not read).
Each tuning event in turn is held out, the logistic regression (eval.fit_claim_scorer) is fitted on the other 13,
and the held-out event's candidate pairs are ranked by it. Not part of `make eval` (no main()).

Run: python -m eval.scorer_ablation [feature ...]   (default: amounts_agree dates_shared_rarity)
"""

from __future__ import annotations

import json
import sys

import numpy as np

from eval.compare_gold import gold_files
from eval.fit_claim_scorer import _event_pairs, fit_logistic
from workers.analysis.comparison.scorer import FEATURES


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    """Mean precision at each positive, pairs ranked by score."""
    ranked = labels[np.argsort(-scores)]
    hits = np.cumsum(ranked)
    return float(((hits / np.arange(1, len(ranked) + 1)) * ranked).sum() / max(ranked.sum(), 1))


def leave_one_out(data: dict[str, tuple[np.ndarray, np.ndarray]], columns: list[int]) -> list[float]:
    """Each held-out event's average precision under a scorer fitted on the others."""
    out = []
    for held in data:
        x = np.vstack([data[e][0][:, columns] for e in data if e != held])
        y = np.concatenate([data[e][1] for e in data if e != held])
        weights, bias = fit_logistic(x, y)
        out.append(average_precision(data[held][0][:, columns] @ weights + bias, data[held][1]))
    return out


def run() -> None:
    """Print the figure without and with the named features."""
    named = sys.argv[1:] or ["amounts_agree", "dates_shared_rarity"]
    data = {}
    for path in gold_files("tune"):
        rows, labels = _event_pairs(json.loads(path.read_text()))
        data[path.stem] = (np.array(rows, dtype=float), np.array(labels, dtype=float))
    without = leave_one_out(data, [i for i, name in enumerate(FEATURES) if name not in named])
    with_all = leave_one_out(data, list(range(len(FEATURES))))
    better = sum(b > a + 1e-9 for a, b in zip(without, with_all, strict=True))
    print(f"tuning half, leave one event out, pair AP: without {', '.join(named)} {np.mean(without):.4f}, "
          f"with {np.mean(with_all):.4f}; better on {better} of {len(with_all)} events")


if __name__ == "__main__":
    run()
