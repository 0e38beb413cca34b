"""Discord Questions NAnCo: do the comparison stage's pair similarities group answers the way annotators did?

Pairwise task as in the paper's NAnCo notebook: for every pair of answers to one question, label 1 iff they
share `cluster_global`; a threshold on the pair score is tuned on the validation questions (Q2, Q3, Q5, Q6)
and balanced accuracy is averaged over the test questions (Q4, Q7, Q8, Q9). Anchors: their trained model
0.813, sentence-similarity baseline (STS-BERT) 0.733.

Every score is the comparison stage's own code (workers/analysis/comparison/similarity.py and the encoder in
workers/analysis/embeddings.py), nothing private to this eval. What was fitted on what: the pair scorer's
weights on MSRP even rows + ECB+ topics % 3 != 0 (eval/fit_pair_scorer.py; no Discord data); every threshold
here, and the choice of score and decision rule, on the validation questions only (best mean balanced
accuracy; "loqo" is information only: each validation question scored at the threshold tuned on the other
three). Nothing is fitted on the test questions. "beyond the question": cosines of the answers' embeddings
with their component along the question's embedding removed (similarity.cosines_beyond; the question text is
part of the task's input, no labels). "standardised": each question's pair scores as z-scores against that
question's own pairs (similarity.standardised). "average link": answers grouped by average-link clustering
(scikit-learn) at the threshold, pairs judged by the groups.

Run: python -m eval.compare_discord   (data from $CORROBORATE_DATA, default ../shared/data)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from eval.dedup_data import data_root
from workers.analysis.comparison.similarity import cosines_beyond, get_pair_scorer, pair_features, standardised
from workers.analysis.embeddings import get_encoder

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = ("Q2", "Q3", "Q5", "Q6")
TEST = ("Q4", "Q7", "Q8", "Q9")
THRESHOLDS = [t / 100 for t in range(-20, 100, 2)]  # cosines beyond the question can be negative
OVERLAP_THRESHOLDS = [t / 100 for t in range(0, 100, 2)]  # Jaccard is low on answers of different lengths
Z_THRESHOLDS = [t / 20 for t in range(-30, 61)]  # z-scores -1.5 .. 3.0
PREVIOUS = {"lexical token-set ratio (deleted textual module)": 0.712,
            "pair scorer, standardised, average link (chosen before)": 0.751}

Rule = Callable[[np.ndarray, float], list[bool]]


@dataclass(frozen=True)
class Question:
    """One NAnCo question: its text and its answers (with their gold clusters)."""

    qid: str
    text: str
    answers: list[dict[str, Any]]

    def labels(self) -> list[int]:
        """Gold: 1 for every answer pair (i < j) in one cluster."""
        a = self.answers
        return [int(a[i]["cluster_global"] == a[j]["cluster_global"]) for i, j in combinations(range(len(a)), 2)]



def load_questions() -> dict[str, Question]:
    """Questions by id."""
    data = json.loads((data_root() / "discord-questions" / "nanco_dataset.json").read_text(encoding="utf-8"))
    return {q["answers"][0]["qid"]: Question(q["answers"][0]["qid"], q["question"], q["answers"]) for q in data}


def balanced_accuracy(labels: list[int], predicted: list[bool]) -> float:
    """(true positive rate + true negative rate) / 2."""
    pos = [p for y, p in zip(labels, predicted, strict=True) if y]
    neg = [not p for y, p in zip(labels, predicted, strict=True) if not y]
    tpr = sum(pos) / len(pos) if pos else 1.0
    tnr = sum(neg) / len(neg) if neg else 1.0
    return (tpr + tnr) / 2


def score_matrices(question: Question) -> dict[str, np.ndarray]:
    """Square matrices over one question's answers, each a score the comparison stage computes."""
    texts = [a["Answer"] for a in question.answers]
    encoder = get_encoder()
    vectors, (topic,) = encoder.encode(texts), encoder.encode([question.text])
    cosine, beyond = vectors @ vectors.T, cosines_beyond(vectors, topic)
    scorer = get_pair_scorer()
    overlap, probability, probability_beyond = np.eye(len(texts)), np.eye(len(texts)), np.eye(len(texts))
    for i, j in combinations(range(len(texts)), 2):
        features = pair_features(texts[i], texts[j], float(cosine[i, j]))
        overlap[i, j] = overlap[j, i] = features["word_overlap"]
        probability[i, j] = probability[j, i] = scorer.probability(features)
        probability_beyond[i, j] = probability_beyond[j, i] = scorer.probability(
            {**features, "cosine": float(beyond[i, j])})
    return {"content-word overlap": overlap, "MiniLM cosine": cosine,
            "MiniLM cosine beyond the question": beyond, "pair scorer": probability,
            "pair scorer, cosine beyond the question": probability_beyond}


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


@dataclass(frozen=True)
class Row:
    """One score and rule: threshold tuned on validation, its validation, leave-one-out and test figures."""

    method: str
    rule: str
    threshold: float
    validation: float
    loqo: float
    test: float


def evaluate(method: str, rule_name: str, table: dict[str, dict[float, float]], thresholds: list[float]) -> Row:
    """Tune the threshold on validation (mean balanced accuracy, the lower threshold on ties) and score test."""
    def mean(qids: tuple[str, ...], t: float) -> float:
        return sum(table[q][t] for q in qids) / len(qids)

    def tune(qids: tuple[str, ...]) -> float:
        return max(thresholds, key=lambda t: (mean(qids, t), -t))

    best = tune(VALIDATION)
    loqo = sum(table[q][tune(tuple(v for v in VALIDATION if v != q))] for q in VALIDATION) / len(VALIDATION)
    return Row(method, rule_name, best, mean(VALIDATION, best), loqo, mean(TEST, best))


def rows_for(questions: dict[str, Question]) -> list[Row]:
    """Every score, raw and standardised, with each decision rule."""
    matrices = {q: score_matrices(question) for q, question in questions.items()}
    labels = {q: question.labels() for q, question in questions.items()}
    rules: dict[str, Rule] = {"pair score": by_pair, "average link": by_average_link}
    rows = []
    for method in matrices[VALIDATION[0]]:
        lexical = method == "content-word overlap"
        for relative in (False, True) if not lexical else (False,):
            for rule_name, rule in rules.items() if not lexical else [("pair score", by_pair)]:
                grid = Z_THRESHOLDS if relative else OVERLAP_THRESHOLDS if lexical else THRESHOLDS
                table = {q: {t: balanced_accuracy(labels[q], rule(standardised(m[method]) if relative
                                                                  else m[method], t)) for t in grid}
                         for q, m in matrices.items()}
                rows.append(evaluate(method + ", standardised" * relative, rule_name, table, grid))
    return rows


def main() -> None:
    """Print validation-tuned test balanced accuracy for each score and rule, the validation choice, anchors."""
    rows = rows_for(load_questions())
    print("Discord Questions NAnCo — pairwise same-group balanced accuracy on answers, test Q4 Q7 Q8 Q9")
    print("fitted on what: pair scorer weights on " + get_pair_scorer().provenance.get("fit_split", "?")
          + " (no Discord data); thresholds, score and rule on validation Q2 Q3 Q5 Q6 only; "
          "standardisation and the question's direction per question, without labels; nothing on test")
    print(f"{'method':<56}{'decision':<14}{'threshold':>10}{'valid BA':>9}{'loqo':>7}{'test BA':>9}")
    for r in rows:
        print(f"{r.method:<56}{r.rule:<14}{r.threshold:>10.2f}{r.validation:>9.3f}{r.loqo:>7.3f}{r.test:>9.3f}")
    chosen = max(rows[1:], key=lambda r: r.validation)
    print(f"chosen on validation: {chosen.method}, {chosen.rule} -> test {chosen.test:.3f}")
    for name, figure in PREVIOUS.items():
        print(f"{'previously: ' + name:<79}{'':>17}{figure:>9.3f}")
    print(f"{'anchor: Salesforce qa_consolidation model':<79}{'':>17}{0.813:>9.3f}")
    print(f"{'anchor: STS-BERT-base sentence similarity':<79}{'':>17}{0.733:>9.3f}")


if __name__ == "__main__":
    main()
