"""Fit the pair scorer's logistic regression (workers/analysis/comparison/similarity.py) on public data.

Fit: MSRP even rows + ECB+ topics not divisible by 3 (eval/pair_data.py), the two sets weighted equally.
Report: MSRP odd rows and ECB+ topics divisible by 3, never seen by the fit. The decision threshold is the
one with the best balanced accuracy on the fit split. Discord NAnCo is not used here (eval/compare_discord.py
reports on it). Without --write this refits and prints the held-out figures, and says whether the stored
weights are the ones this data gives; with --write it stores them (pair_scorer.json, with provenance).

Run: python -m eval.fit_pair_scorer [--write]   (data from $CORROBORATE_DATA, default ../shared/data)
"""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

from eval.pair_data import PAIRS_PER_TOPIC, Pair, ecb_pairs, msrp_pairs
from workers.analysis.comparison.similarity import FEATURES, WEIGHTS_PATH, PairScorer, pair_features
from workers.analysis.embeddings import MAX_TOKENS, get_encoder
from workers.analysis.model_files import MODEL_ID

SPLITS = {"fit": "MSRP test file even rows + ECB+ topics with number % 3 != 0",
          "report": "MSRP test file odd rows + ECB+ topics with number % 3 == 0"}


def feature_matrix(pairs: list[Pair]) -> np.ndarray:
    """One row of FEATURES per pair (cosines from the encoder, every distinct text encoded once)."""
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    vectors = get_encoder(threads=2).encode(texts)
    row = {t: i for i, t in enumerate(texts)}
    rows = []
    for p in pairs:
        cosine = float(vectors[row[p.a]] @ vectors[row[p.b]])
        features = pair_features(p.a, p.b, cosine)
        rows.append([features[name] for name in FEATURES])
    return np.asarray(rows, dtype=np.float64)


def best_threshold(y: np.ndarray, p: np.ndarray, weights: np.ndarray) -> float:
    """The probability cut with the best (weighted) balanced accuracy."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    return float(max(grid, key=lambda t: balanced_accuracy_score(y, p >= t, sample_weight=weights)))


def held_out_figures(scorer: PairScorer, cosine_threshold: float,
                     sets: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, Any]:
    """AUC and balanced accuracy of the scorer and of the cosine alone (its threshold also from the fit split)."""
    out = {}
    cosine = FEATURES.index("cosine")
    for name, (x, y) in sets.items():
        p = 1 / (1 + np.exp(-(scorer.intercept + x @ np.asarray(scorer.coef))))
        out[name] = {"pairs": len(y), "auc": round(float(roc_auc_score(y, p)), 4),
                     "balanced_accuracy": round(float(balanced_accuracy_score(y, p >= scorer.threshold)), 4),
                     "cosine_only_auc": round(float(roc_auc_score(y, x[:, cosine])), 4),
                     "cosine_only_balanced_accuracy": round(float(balanced_accuracy_score(
                         y, x[:, cosine] >= cosine_threshold)), 4)}
    return out


def fit() -> PairScorer:
    """Fit on the fit split and attach the held-out figures as provenance."""
    fit_sets = {"msrp": msrp_pairs("fit"), "ecb+": ecb_pairs("fit")}
    xs, ys, ws = [], [], []
    for pairs in fit_sets.values():
        xs.append(feature_matrix(pairs))
        ys.append(np.asarray([p.label for p in pairs]))
        ws.append(np.full(len(pairs), 1.0 / len(pairs)))  # each data set counts as much as the other
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws) * len(ys[0])
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y, sample_weight=w)
    threshold = best_threshold(y, model.predict_proba(x)[:, 1], w)
    cosine_threshold = best_threshold(y, x[:, FEATURES.index("cosine")], w)
    report = {"msrp (odd rows)": msrp_pairs("report"), "ecb+ (topics % 3 == 0)": ecb_pairs("report")}
    report_sets = {name: (feature_matrix(pairs), np.asarray([p.label for p in pairs]))
                   for name, pairs in report.items()}
    scorer = PairScorer(coef=tuple(round(float(c), 6) for c in model.coef_[0]),
                        intercept=round(float(model.intercept_[0]), 6), threshold=threshold)
    provenance = {
        "fitted_by": "python -m eval.fit_pair_scorer --write",
        "date": datetime.date.today().isoformat(),
        "model": f"{MODEL_ID}, max {MAX_TOKENS} tokens, mean pooling",
        "fit_split": SPLITS["fit"], "report_split": SPLITS["report"],
        "fit_pairs": {name: len(pairs) for name, pairs in fit_sets.items()},
        "ecb_pairs_per_topic_and_label": PAIRS_PER_TOPIC,
        "estimator": "scikit-learn LogisticRegression(C=1.0), data sets weighted equally",
        "threshold": "best balanced accuracy on the fit split (also for the cosine-only figures)",
        "held_out": held_out_figures(scorer, cosine_threshold, report_sets),
    }
    return PairScorer(coef=scorer.coef, intercept=scorer.intercept, threshold=threshold, provenance=provenance)


def main() -> None:
    """Refit, print the weights and held-out figures, compare with (or with --write, replace) the stored ones."""
    scorer = fit()
    print("Pair scorer: logistic regression fitted on", SPLITS["fit"])
    for name, weight in zip(FEATURES, scorer.coef, strict=True):
        print(f"  {name:<16}{weight:>9.3f}")
    print(f"  {'intercept':<16}{scorer.intercept:>9.3f}   threshold {scorer.threshold:.2f}")
    print("Held out:", SPLITS["report"])
    for name, figures in scorer.provenance["held_out"].items():
        print(f"  {name:<26}" + "  ".join(f"{k} {v}" for k, v in figures.items()))
    if "--write" in sys.argv[1:]:
        WEIGHTS_PATH.write_text(json.dumps(scorer.to_dict(), indent=2) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS_PATH}")
        return
    stored = PairScorer.load()
    same = np.allclose(stored.coef, scorer.coef, atol=1e-3) and abs(stored.intercept - scorer.intercept) < 1e-3
    print("stored weights", "match this fit" if same else "DIFFER from this fit (run with --write to refit)")


if __name__ == "__main__":
    main()
