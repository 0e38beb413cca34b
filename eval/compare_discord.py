"""Discord Questions NAnCo: do our fact-alignment similarities group answers the way annotators did?

Pairwise task as in the paper's NAnCo notebook: for every pair of answers to one question, label 1 iff they
share `cluster_global`; a threshold on the pair score is tuned on the validation questions (Q2, Q3, Q5, Q6)
and balanced accuracy is averaged over the test questions (Q4, Q7, Q8, Q9). Anchors: their trained model
0.813, sentence-similarity baseline (STS-BERT) 0.733.

Run: python -m eval.compare_discord   (data from $CORROBORATE_DATA, default ../shared/data)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

from workers.analysis.comparison.textual import context_similarity, context_string, group_by_similarity

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = ("Q2", "Q3", "Q5", "Q6")
TEST = ("Q4", "Q7", "Q8", "Q9")
THRESHOLDS = [t / 100 for t in range(20, 100, 2)]


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
    """Gold labels and our context similarity for every answer pair of one question."""
    contexts = [context_string(a[field]) for a in answers]
    labels, scores = [], []
    for i, j in combinations(range(len(answers)), 2):
        labels.append(int(answers[i]["cluster_global"] == answers[j]["cluster_global"]))
        scores.append(context_similarity(contexts[i], contexts[j]))
    return labels, scores


def grouped_pairs(answers: list[dict[str, Any]], field: str, threshold: float) -> tuple[list[int], list[bool]]:
    """Gold labels and 'same group' after grouping the answers (single link at the threshold)."""
    groups = group_by_similarity([a[field] for a in answers], threshold)
    labels, same = [], []
    for i, j in combinations(range(len(answers)), 2):
        labels.append(int(answers[i]["cluster_global"] == answers[j]["cluster_global"]))
        same.append(groups[i] == groups[j])
    return labels, same


def evaluate(questions: dict[str, list[dict[str, Any]]],
             decide: Callable[[list[dict[str, Any]], float], tuple[list[int], list[bool]]]) -> tuple[float, float]:
    """Tune the threshold on validation (mean balanced accuracy), report (threshold, test mean)."""
    def mean_ba(qids: tuple[str, ...], threshold: float) -> float:
        return sum(balanced_accuracy(*decide(questions[q], threshold)) for q in qids) / len(qids)

    best = max(THRESHOLDS, key=lambda t: (mean_ba(VALIDATION, t), -t))
    return best, mean_ba(TEST, best)


def main() -> None:
    """Print validation-tuned test balanced accuracy for our pair score and our grouping."""
    questions = load_questions()
    rows = []
    for field in ("Answer", "Paragraph"):
        def by_pair(answers: list[dict[str, Any]], threshold: float, field: str = field) -> tuple[list[int],
                                                                                                  list[bool]]:
            labels, scores = pair_scores(answers, field)
            return labels, [s >= threshold for s in scores]

        def by_group(answers: list[dict[str, Any]], threshold: float, field: str = field) -> tuple[list[int],
                                                                                                   list[bool]]:
            return grouped_pairs(answers, field, threshold)

        for name, decide in (("pair score", by_pair), ("grouping (single link)", by_group)):
            threshold, test = evaluate(questions, decide)
            rows.append((f"lexical context similarity on {field.lower()}", name, threshold, test))
    print("Discord Questions NAnCo — pairwise same-group balanced accuracy, test Q4 Q7 Q8 Q9 "
          "(threshold tuned on Q2 Q3 Q5 Q6)")
    print(f"{'method':<48}{'decision':<26}{'threshold':>10}{'test BA':>9}")
    for method, name, threshold, test in rows:
        print(f"{method:<48}{name:<26}{threshold:>10.2f}{test:>9.3f}")
    print(f"{'anchor: Salesforce qa_consolidation model':<48}{'':<26}{'':>10}{0.813:>9.3f}")
    print(f"{'anchor: STS-BERT-base sentence similarity':<48}{'':<26}{'':>10}{0.733:>9.3f}")


if __name__ == "__main__":
    main()
