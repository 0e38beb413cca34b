"""Derives the cue lexicon (workers/analysis/attribution_cues.py) from PolNeAR dev; test is never read.

For every verb outside a quote that has a usable source (`verb_source`: an active subject or a passive's agent),
the key is (lemma, frame group: 'clause' | 'to' | 'other'); for every noun with a possessor or a named compound
(`noun_source`: "Trump's claim", "a Times report") it is (lemma, 'noun'). A candidate is a hit when it lies
inside a gold Cue span of PolNeAR dev. A key enters the lexicon when it is a hit at least MIN_HITS times and
its hit rate is at least MIN_RATE. MIN_HITS and MIN_RATE were chosen by two-fold cross-validation inside dev
(articles split by parity, printed for each setting): the setting with the most held-out hits among those
whose held-out hit rate is >= 0.87 (2, 0.6), so the lexicon generalises to articles it was not counted on.
Run: `.venv/bin/python -m tools.derive_attribution_cues` (needs ../shared/data/polnear).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from eval.quotes_polnear import _articles
from workers.analysis.attributions import noun_source, verb_source
from workers.analysis.cue_frames import frame_group
from workers.analysis.nlp import get_nlp
from workers.analysis.quotes import find_quote_spans

MIN_HITS = 2
MIN_RATE = 0.6
OUT = Path(__file__).resolve().parents[1] / "workers" / "analysis" / "attribution_cues.py"
Row = tuple[int, str, str, bool]  # article, lemma, frame group, hit


def _rows() -> list[Row]:
    """One row per candidate verb of PolNeAR dev."""
    articles = _articles("dev")
    rows: list[Row] = []
    docs = get_nlp().pipe(a[1] for a in articles)
    for n, ((_name, text, relations), doc) in enumerate(zip(articles, docs, strict=True)):
        gold: set[int] = set()
        for relation in relations:
            for start, end in relation.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    gold.update(range(span.start, span.end))
        inside = [False] * len(doc)
        for start, end in find_quote_spans(text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                inside[span.start : span.end] = [True] * len(span)
        for token in doc:
            if inside[token.i] or not token.lemma_.isalpha():
                continue
            if token.pos_ == "VERB" and verb_source(token, inside) is not None:
                rows.append((n, token.lemma_.lower(), frame_group(token), token.i in gold))
            elif token.pos_ == "NOUN" and noun_source(token, inside) is not None:
                rows.append((n, token.lemma_.lower(), "noun", token.i in gold))
    return rows


def select(rows: list[Row], min_hits: int, min_rate: float) -> dict[str, set[str]]:
    """lemma -> frame groups whose hits and hit rate pass the thresholds."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for _n, lemma, group, hit in rows:
        counts[(lemma, group)][0] += hit
        counts[(lemma, group)][1] += 1
    chosen: dict[str, set[str]] = defaultdict(set)
    for (lemma, group), (hits, total) in counts.items():
        if hits >= min_hits and hits / total >= min_rate:
            chosen[lemma].add(group)
    return chosen


def _cross_validate(rows: list[Row]) -> None:
    """Hits and hit rate on one half of dev of a lexicon counted on the other half, per setting."""
    print(f"{'min hits':>8} {'min rate':>8} {'hits':>6} {'chosen':>7} {'rate':>6}   (2-fold, dev only)")
    for min_hits in (1, 2, 3):
        for min_rate in (0.5, 0.6, 0.7):
            hits = total = 0
            for fold in (0, 1):
                chosen = select([r for r in rows if r[0] % 2 != fold], min_hits, min_rate)
                held = [r for r in rows if r[0] % 2 == fold and r[2] in chosen.get(r[1], ())]
                hits += sum(r[3] for r in held)
                total += len(held)
            print(f"{min_hits:>8} {min_rate:>8} {hits:>6} {total:>7} {hits / max(1, total):>6.3f}")


def main() -> None:
    """Count, cross-validate, and write the lexicon module."""
    rows = _rows()
    _cross_validate(rows)
    chosen = select(rows, MIN_HITS, MIN_RATE)
    lines = [
        '"""Cue verbs and the frames in which they attribute, derived from PolNeAR dev (generated: do not edit).',
        "",
        "Written by tools/derive_attribution_cues.py (its docstring explains the counting): a (lemma, frame) pair is",
        f"here when a verb with a source was inside a gold cue at least {MIN_HITS} times and at least {MIN_RATE:.0%}",
        "of the times it occurred in PolNeAR dev (84 articles of US political news, 2016). Frames: 'clause' (a",
        "reported clause), 'to' (an infinitive), 'other' (an object, a preposition or nothing), 'noun' (a noun",
        "with a possessor or a named compound: \"Trump's claim that ...\").",
        '"""',
        "",
        "CUE_FRAMES: dict[str, frozenset[str]] = {",
    ]
    for lemma in sorted(chosen):
        groups = ", ".join(f'"{g}"' for g in sorted(chosen[lemma]))
        lines.append(f'    "{lemma}": frozenset({{{groups}}}),')
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(chosen)} lemmas, {sum(len(g) for g in chosen.values())} (lemma, frame) pairs -> {OUT}")


if __name__ == "__main__":
    main()
