"""Quote extraction on PolNeAR (dev + test): quote-content overlap P/R/F1 and speaker accuracy / F1.

Gold: PolNeAR attribution relations (brat .ann, one annotator per article: the first id in sorted order)
whose Content span contains a quotation mark ("direct" = content starts with a mark; "mixed" = a quoted
fragment inside paraphrase). Our extractor only finds quoted text, so indirect speech is out of scope and
reported apart. Predictions: `find_quotes` on the spaCy pipeline over the raw article text (not the cleaning
stage, which would change the offsets the gold refers to). All 168 articles by default (about 130k words,
1-3 minutes on one core); POLNEAR_MAX_ARTICLES=N takes the first N articles of each split instead.

Matching (both as in the published anchors):
- overlap: a predicted quote and a gold content span match if they share at least one character
  (BBC citron's "overlap" figures);
- 0.3 overlap: they match if the shared characters are >= 30% of the longer span (GenderGapTracker's rule).
Precision counts a predicted quote as right if it matches any gold attribution (a quote matching a "mixed"
relation is not an error when scoring the "direct" subset); recall is over the gold subset.
Speaker: for a matched pair with a gold Source span, correct if the words our extractor took as the speaker
(the cue's subject as written: "he", "Trump", "a spokesman") overlap the gold Source span.
Speaker accuracy = correct / matched pairs with a gold source (GenderGapTracker); quote+speaker F1 counts a
prediction correct only if both the content matches and the speaker is right (citron-style end-to-end).

Attributions (`find_attributions`, direct and indirect speech, beliefs, "according to") are scored against every
gold relation, per split and per part - cue, source, content - as eval/attribution_scoring.py defines. The cue
classifier was fitted on dev (eval/fit_attribution_cues.py, which prints its cross-validated dev figures), so the
dev figures here are in sample and test is the report.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.attribution_scoring import cue_precision_by_frame, length, score_attributions, shared
from eval.dedup_data import data_root
from workers.analysis.attributions import find_attributions
from workers.analysis.nlp import get_nlp
from workers.analysis.numbers import find_numeric_claims
from workers.analysis.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eval" / "out" / "quotes_polnear.json"
QUOTE_MARKS = '“”"„«»'
SPLITS = ("dev", "test")
MAX_ARTICLES = int(os.environ.get("POLNEAR_MAX_ARTICLES", "0"))  # 0 = every article of each split


@dataclass
class Relation:
    """One gold attribution: content span(s), source span(s), and whether the content holds a quote mark."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"
    cue: list[tuple[int, int]] = field(default_factory=list)


def _data_dir() -> Path:
    """PolNeAR's folder (CORROBORATE_DATA, default ../shared/data relative to the repo root)."""
    base = data_root()
    return base / "polnear"


def _spans(field_text: str) -> list[tuple[int, int]]:
    """brat offsets "12 20;25 30" as (start, end) pairs."""
    return [(int(a), int(b)) for a, b in (part.split() for part in field_text.split(";"))]


def _read_ann(path: Path, text: str) -> list[Relation]:
    """The attribution relations of one .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    relations = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source = spans.get(event.get("Source", ""), ("", []))[1]
        content_text = "".join(text[a:b] for a, b in content[1]).strip()
        kind = "indirect"
        if content_text[:1] in QUOTE_MARKS:
            kind = "direct"
        elif any(mark in content_text for mark in QUOTE_MARKS):
            kind = "mixed"
        cue = spans.get(event.get("Cue", ""), ("", []))[1]
        relations.append(Relation(content[1], source, kind, cue))
    return relations


def _articles(split: str) -> list[tuple[str, str, list[Relation]]]:
    """(name, text, gold relations) for each article of a split, one annotator each."""
    folder = _data_dir() / split
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[re.sub(r"_[0-9a-f]{4}$", "", ann.stem)].append(ann)
    out = []
    for name in sorted(by_article):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append((name, text, _read_ann(by_article[name][0], text)))
    return out[:MAX_ARTICLES] if MAX_ARTICLES else out


def _matches(pred: list[tuple[int, int]], gold: list[tuple[int, int]], rule: str) -> bool:
    """Whether a predicted quote and a gold content span match under the rule."""
    common = shared(pred, gold)
    if rule == "overlap":
        return common > 0
    return common >= 0.3 * max(length(pred), length(gold))


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (matched predictions over predictions, matched gold over gold)."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score(
    docs: list[tuple[list[dict[str, Any]], list[Relation]]], rule: str, kinds: set[str], span: str = "quote"
) -> dict[str, float]:
    """Content P/R/F1, speaker accuracy and quote+speaker F1 over one gold subset; span "quote" scores the
    quoted words, "content" the reported clause around a partial quote (content_start/content_end)."""
    n_pred = n_gold = tp_pred = tp_gold = 0
    speaker_pairs = speaker_right = e2e_pred = 0
    gold_with_source = e2e_gold = 0
    for quotes, relations in docs:
        subset = {i for i, r in enumerate(relations) if r.kind in kinds}
        n_pred += len(quotes)
        n_gold += len(subset)
        gold_with_source += sum(1 for i in subset if relations[i].source)
        found_gold: set[int] = set()
        right_gold: set[int] = set()
        for quote in quotes:
            pred = [(quote["start"], quote["end"])]
            if span == "content":
                pred = [(quote["content_start"], quote["content_end"])]
            hits = [i for i, r in enumerate(relations) if _matches(pred, r.content, rule)]
            if not hits:
                continue
            tp_pred += 1  # precision: a quote matching any gold attribution is right (in the subset or not)
            found_gold.update(i for i in hits if i in subset)
            best = max(hits, key=lambda i: shared(pred, relations[i].content))
            gold = relations[best]
            if not gold.source:
                continue
            start, end = quote.get("speaker_mention_start"), quote.get("speaker_mention_end")
            right = start is not None and end is not None and shared([(start, end)], gold.source) > 0
            e2e_pred += right
            if best in subset:
                speaker_pairs += 1
                speaker_right += right
                if right:
                    right_gold.add(best)
        tp_gold += len(found_gold)
        e2e_gold += len(right_gold)
    p, r, f = _prf(tp_pred, n_pred, tp_gold, n_gold)
    sp, sr, sf = _prf(e2e_pred, n_pred, e2e_gold, gold_with_source)
    return {
        "gold": n_gold, "predicted": n_pred, "P": p, "R": r, "F1": f,
        "speaker_pairs": speaker_pairs, "speaker_acc": speaker_right / speaker_pairs if speaker_pairs else 0.0,
        "quote_speaker_P": sp, "quote_speaker_R": sr, "quote_speaker_F1": sf,
    }  # fmt: skip


def _print_attributions(by_split: dict[str, list[tuple[list[dict[str, Any]], list[Relation]]]]) -> dict[str, Any]:
    """Attribution P/R per part (cue, source, content) and split; the cue classifier was fitted on dev."""
    print(
        "attributions (every gold relation, direct and indirect; pairing and parts: eval/attribution_scoring.py). "
        "Fitted on dev (the cue classifier of eval/fit_attribution_cues.py: dev figures are in sample, its "
        "cross-validated ones are in workers/analysis/cue_classifier.json); test is the report."
    )
    print(f"{'split':<6} {'part':<16} {'gold':>5} {'ours':>5} {'P':>6} {'R':>6} {'F1':>6}")
    out: dict[str, Any] = {}
    for split, docs in by_split.items():
        scores = score_attributions(docs)
        out[split] = scores
        for part, s in scores.items():
            figures = f"{s['P']:>6.3f} {s['R']:>6.3f} {s['F1']:>6.3f}"
            print(f"{split:<6} {part:<16} {s['gold']:>5} {s['predicted']:>5} {figures}")
    for split, docs in by_split.items():
        frames = cue_precision_by_frame(docs)
        out[f"{split} cue precision by frame"] = frames
        print(f"{split} cue precision by frame: " + ", ".join(f"{k} {p:.3f} ({n})" for k, (n, p) in frames.items()))
    return out


def main() -> None:
    """Run the extractor over PolNeAR dev+test and print the table."""
    if not _data_dir().exists():
        print(f"PolNeAR not found at {_data_dir()} (set CORROBORATE_DATA)", file=sys.stderr)
        sys.exit(1)
    nlp = get_nlp()
    docs: list[tuple[list[dict[str, Any]], list[Relation]]] = []
    attribution_docs: dict[str, list[tuple[list[dict[str, Any]], list[Relation]]]] = {s: [] for s in SPLITS}
    split_of: list[str] = []
    counts = {}
    for split in SPLITS:
        articles = _articles(split)
        counts[split] = len(articles)
        for (_name, _text, relations), doc in zip(articles, nlp.pipe(a[1] for a in articles), strict=True):
            quotes = find_quotes(doc)
            docs.append((quotes, relations))
            attribution_docs[split].append((find_attributions(doc, quotes, find_numeric_claims(doc)), relations))
            split_of.append(split)
    subsets = {
        "direct (content starts with a mark)": {"direct"},
        "direct + mixed (content has a mark)": {"direct", "mixed"},
    }
    print(
        f"PolNeAR quotes: {sum(counts.values())} articles ({', '.join(f'{k} {v}' for k, v in counts.items())}), "
        f"one annotator each; our quotes: {sum(len(q) for q, _ in docs)}"
    )
    header = (
        f"{'gold subset':<37} {'our span':<9} {'match':<8} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'spk acc':>8} {'q+spk F1':>9}"
    )
    print(header)
    results: dict[str, Any] = {"articles": counts}
    for label, kinds in subsets.items():
        for span in ("quote", "content"):
            for rule in ("overlap", "0.3"):
                s = _score(docs, rule, kinds, span)
                results[f"{label} / {span} / {rule}"] = s
                print(
                    f"{label:<37} {span:<9} {rule:<8} {s['gold']:>5} {s['P']:>6.3f} {s['R']:>6.3f} {s['F1']:>6.3f} "
                    f"{s['speaker_acc']:>8.3f} {s['quote_speaker_F1']:>9.3f}"
                )
    for split in SPLITS:
        part = [d for d, s in zip(docs, split_of, strict=True) if s == split]
        over = _score(part, "overlap", {"direct"}, "content")
        strict = _score(part, "0.3", {"direct"}, "content")
        results[f"{split} direct / content"] = {"overlap": over, "0.3": strict}
        print(
            f"  {split:<5} direct, content span: overlap F1 {over['F1']:.3f}, 0.3 F1 {strict['F1']:.3f}, "
            f"speaker acc {strict['speaker_acc']:.3f}, q+spk F1 (overlap) {over['quote_speaker_F1']:.3f}"
        )
    results["attributions"] = _print_attributions(attribution_docs)
    all_quotes = [q for quotes, _ in docs for q in quotes]
    with_speaker = sum(1 for q in all_quotes if q["speaker"]) / max(1, len(all_quotes))
    results["quotes_with_speaker"] = with_speaker
    print(f"our quotes with a speaker: {with_speaker:.3f} (all {len(all_quotes)} predicted quotes)")
    print(
        "anchors: BBC citron (PARC 3.0) content F1 0.83 overlap, source F1 0.82; "
        "GenderGapTracker quote F1 0.837 (0.3 overlap), speaker accuracy 0.86-0.87"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
