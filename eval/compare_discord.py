"""Discord Questions NAnCo: do our fact-alignment similarities group answers the way annotators did?

Pairwise task as in the paper's NAnCo notebook: for every pair of answers to one question, label 1 iff they
share `cluster_global`; a threshold on the pair score is tuned on the validation questions (Q2, Q3, Q5, Q6)
and balanced accuracy is averaged over the test questions (Q4, Q7, Q8, Q9). Anchors: their trained model
0.813, sentence-similarity baseline (STS-BERT) 0.733.

What was fitted on what: the pair scorer's weights on MSRP even rows + ECB+ topics % 3 != 0
(eval/fit_pair_scorer.py; no Discord data); every threshold here, and the choice between the decision rules,
on the validation questions only. "standardised": each question's pair scores as z-scores against that
question's own pairs (similarity.standardised). "average link": answers grouped by average-link clustering
(scikit-learn) at the threshold, pairs judged by the groups.

Run: python -m eval.compare_discord   (data from $CORROBORATE_DATA, default ../shared/data)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from workers.analysis.comparison.similarity import get_pair_scorer, pair_features, standardised
from workers.analysis.embeddings import get_encoder

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = ("Q2", "Q3", "Q5", "Q6")
TEST = ("Q4", "Q7", "Q8", "Q9")
THRESHOLDS = [t / 100 for t in range(20, 100, 2)]
OVERLAP_THRESHOLDS = [t / 100 for t in range(0, 100, 2)]  # Jaccard is low on answers of different lengths
Z_THRESHOLDS = [t / 20 for t in range(-30, 61)]  # z-scores -1.5 .. 3.0
PREVIOUS_LEXICAL = 0.712  # lexical context similarity on answers, pair score (before sentence embeddings)


def data_root() -> Path:
    """CORROBORATE_DATA, default ../shared/data next to the repository."""
    return Path(os.environ.get("CORROBORATE_DATA") or (ROOT.parent / "shared" / "data")).resolve()


def load_questions() -> dict[str, list[dict[str, Any]]]:
    """Answers per question id."""
    data = json.loads((data_root() / "discord-questions" / "nanco_dataset.json").read_text(encoding="utf-8"))
    return {q["answers"][0]["qid"]: q["answers"] for q in data}


def balanced_accuracy(labels: list[int], predicted: list[bool]) -> float:
    """(true positive rate + true negative rate) / 2."""
    pos = [p for y, p in zip(labels, predicted, strict=True) if y]
    neg = [not p for y, p in zip(labels, predicted, strict=True) if not y]
    tpr = sum(pos) / len(pos) if pos else 1.0
    tnr = sum(neg) / len(neg) if neg else 1.0
    return (tpr + tnr) / 2


def pair_scores(answers: list[dict[str, Any]], field: str) -> tuple[list[int], list[float]]:
    """Gold labels and the comparison's lexical feature (content-word overlap) for every answer pair."""
    texts = [a[field] for a in answers]
    labels, scores = [], []
    for i, j in combinations(range(len(answers)), 2):
        labels.append(int(answers[i]["cluster_global"] == answers[j]["cluster_global"]))
        scores.append(pair_features(texts[i], texts[j], 0.0)["word_overlap"])
    return labels, scores


Decide = Callable[[list[dict[str, Any]], float], tuple[list[int], list[bool]]]


def evaluate(questions: dict[str, list[dict[str, Any]]], decide: Decide,
             thresholds: list[float] = THRESHOLDS) -> tuple[float, float, float]:
    """Tune the threshold on validation (mean balanced accuracy); (threshold, validation mean, test mean)."""
    def mean_ba(qids: tuple[str, ...], threshold: float) -> float:
        return sum(balanced_accuracy(*decide(questions[q], threshold)) for q in qids) / len(qids)

    best = max(thresholds, key=lambda t: (mean_ba(VALIDATION, t), -t))
    return best, mean_ba(VALIDATION, best), mean_ba(TEST, best)


def same_group_labels(answers: list[dict[str, Any]]) -> list[int]:
    """Gold: 1 for every answer pair (i < j) in one cluster."""
    return [int(answers[i]["cluster_global"] == answers[j]["cluster_global"])
            for i, j in combinations(range(len(answers)), 2)]


def scorer_matrices(answers: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Square matrices over one question's answers: embedding cosine and pair-scorer probability."""
    texts = [a["Answer"] for a in answers]
    vectors = get_encoder().encode(texts)
    cosine = vectors @ vectors.T
    scorer = get_pair_scorer()
    probability = np.eye(len(texts))
    for i, j in combinations(range(len(texts)), 2):
        probability[i, j] = probability[j, i] = scorer.probability(
            pair_features(texts[i], texts[j], float(cosine[i, j])))
    return {"cosine": cosine, "probability": probability}


def by_pair(matrix: np.ndarray, threshold: float) -> list[bool]:
    """Same statement iff the pair's score reaches the threshold."""
    return [bool(matrix[i, j] >= threshold) for i, j in combinations(range(len(matrix)), 2)]


def by_average_link(matrix: np.ndarray, threshold: float) -> list[bool]:
    """Same statement iff average-link clustering at the threshold puts the two in one group."""
    offset = max(float(matrix.max()), threshold) + 1.0  # similarity -> a positive distance
    distance = offset - matrix
    np.fill_diagonal(distance, 0.0)
    groups = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=offset - threshold).fit_predict(distance)
    return [bool(groups[i] == groups[j]) for i, j in combinations(range(len(matrix)), 2)]


def embedding_rows(questions: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str, float, float, float]]:
    """(method, decision, threshold, validation BA, test BA) for the encoder and pair-scorer rules."""
    matrices = {q: scorer_matrices(answers) for q, answers in questions.items()}
    rows = []
    for score in ("cosine", "probability"):
        for relative in (False, True):
            def matrix(answers: list[dict[str, Any]], score: str = score, relative: bool = relative) -> np.ndarray:
                m = matrices[answers[0]["qid"]][score]
                return standardised(m) if relative else m

            for name, rule in (("pair score", by_pair), ("average link", by_average_link)):
                def decide(answers: list[dict[str, Any]], threshold: float,
                           rule: Callable[[np.ndarray, float], list[bool]] = rule,
                           matrix: Callable[[list[dict[str, Any]]], np.ndarray] = matrix) -> tuple[list[int],
                                                                                                 list[bool]]:
                    return same_group_labels(answers), rule(matrix(answers), threshold)

                grid = Z_THRESHOLDS if relative else THRESHOLDS
                label = ("MiniLM cosine" if score == "cosine" else "pair scorer") + (", standardised" * relative)
                rows.append((label, name, *evaluate(questions, decide, grid)))
    return rows


def main() -> None:
    """Print validation-tuned test balanced accuracy: previous lexical score, encoder, pair scorer, groupings."""
    questions = load_questions()

    def lexical(answers: list[dict[str, Any]], threshold: float) -> tuple[list[int], list[bool]]:
        labels, scores = pair_scores(answers, "Answer")
        return labels, [s >= threshold for s in scores]

    rows = [("content-word overlap", "pair score", *evaluate(questions, lexical, OVERLAP_THRESHOLDS))]
    rows += embedding_rows(questions)
    print("Discord Questions NAnCo — pairwise same-group balanced accuracy on answers, test Q4 Q7 Q8 Q9 "
          "(thresholds and the choice of rule tuned on Q2 Q3 Q5 Q6)")
    print("pair scorer weights: " + get_pair_scorer().provenance.get("fit_split", "?") + " (no Discord data)")
    print(f"{'method':<40}{'decision':<15}{'threshold':>10}{'valid BA':>9}{'test BA':>9}")
    for method, name, threshold, valid, test in rows:
        print(f"{method:<40}{name:<15}{threshold:>10.2f}{valid:>9.3f}{test:>9.3f}")
    chosen = max(rows[1:], key=lambda r: r[3])
    print(f"chosen on validation: {chosen[0]}, {chosen[1]} -> test {chosen[4]:.3f} "
          f"(previous lexical {PREVIOUS_LEXICAL:.3f})")
    print(f"{'anchor: Salesforce qa_consolidation model':<55}{'':>19}{0.813:>9.3f}")
    print(f"{'anchor: STS-BERT-base sentence similarity':<55}{'':>19}{0.733:>9.3f}")


if __name__ == "__main__":
    main()


