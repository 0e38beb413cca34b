"""Labelled text pairs for the pair scorer (no main): MSRP news paraphrases and ECB+ cross-document event
sentences, each split in two by a fixed rule so that one half fits and the other half reports.

- MSRP test file: pair i goes to "fit" when i is even, to "report" when odd.
- ECB+: two sentences from different documents of one topic; label 1 when they mention the same cross-document
  ACTION chain (the same event, annotated), 0 when they share none (same topic, often the same story: hard
  negatives). Only sentences the corpus marks as completely annotated. Topics with number % 3 == 0 report,
  the others fit. At most PAIRS_PER_TOPIC of each label per topic, sampled with a fixed seed.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from eval.dedup_data import data_root, load_msrp

PAIRS_PER_TOPIC = 120
SEED = 13
_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]']|'s\b|n't\b)")
_SPACE_AFTER = re.compile(r"(?<=[(\[$]) ")


@dataclass(frozen=True)
class Pair:
    """Two texts, the gold label (1 = same statement/event) and where they come from."""

    a: str
    b: str
    label: int
    source: str


def msrp_pairs(half: str) -> list[Pair]:
    """MSRP pairs of one half ("fit": even rows, "report": odd rows)."""
    parity = 0 if half == "fit" else 1
    return [Pair(a, b, label, "msrp") for i, (label, a, b) in enumerate(load_msrp()) if i % 2 == parity]


def detokenise(tokens: list[str]) -> str:
    """ECB+ tokens back into a sentence ("Reid 's rep , ..." -> "Reid's rep, ...")."""
    text = " ".join(t.replace("``", '"').replace("''", '"') for t in tokens)
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))


def _ecb_sentences() -> dict[int, list[tuple[str, str, frozenset[str]]]]:
    """Per topic: (doc id, sentence text, cross-document ACTION chains it mentions), complete sentences only."""
    folder = data_root() / "ecbplus"
    with (folder / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as f:
        complete = {(r["Topic"], r["File"], r["Sentence Number"]) for r in csv.DictReader(f)}
    chains: dict[tuple[str, int], set[str]] = defaultdict(set)
    with gzip.open(folder / "coref_mentions.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            if m["chain_type"] == "CROSS_DOC_COREF" and m["tag"].startswith("ACTION"):
                chains[(m["doc_id"], m["sentence"])].add(m["chain_id"])
    out: dict[int, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    with gzip.open(folder / "documents.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            topic, file = doc["doc_id"].split("_", 1)
            for number, tokens in zip(doc["sentence_ids"], doc["sentences"], strict=True):
                if (topic, file, str(number)) in complete and (doc["url"] is None or number != 0):
                    out[doc["topic"]].append((doc["doc_id"], detokenise(tokens),
                                              frozenset(chains.get((doc["doc_id"], number), ()))))
    return out


def ecb_pairs(half: str) -> list[Pair]:
    """ECB+ sentence pairs of one half ("fit": topics not divisible by 3, "report": the others)."""
    rng = random.Random(SEED)
    pairs = []
    for topic, sentences in sorted(_ecb_sentences().items()):
        if (topic % 3 == 0) != (half == "report"):
            continue
        positive, negative = [], []
        for (doc_a, text_a, chains_a), (doc_b, text_b, chains_b) in combinations(sentences, 2):
            if doc_a == doc_b or text_a == text_b:
                continue
            if chains_a & chains_b:
                positive.append(Pair(text_a, text_b, 1, "ecb+"))
            elif chains_a and chains_b:
                negative.append(Pair(text_a, text_b, 0, "ecb+"))
        for group in (positive, negative):
            pairs.extend(rng.sample(group, min(PAIRS_PER_TOPIC, len(group))))
    return pairs
