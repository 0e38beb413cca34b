"""Data loading and perturbations shared by the dedup evaluations and the index benchmark (no main)."""

from __future__ import annotations

import csv
import json
import os
import random
from pathlib import Path
from typing import Any, cast

from eval.reserved import reserved_files
from workers.analysis.contract import Extraction
from workers.analysis.dedup.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
FURNITURE = [
    "Subscribe to our newsletter for the latest news.",
    "Story continues below advertisement",
    "Share this article on Facebook Twitter Email",
    "Related: Read more stories from our world desk",
    "© 2018 All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for breaking news alerts",
]


def data_root() -> Path:
    """CORROBORATE_DATA, default ../shared/data next to the repository."""
    return Path(os.environ.get("CORROBORATE_DATA") or (ROOT.parent / "shared" / "data")).resolve()


def load_giveme() -> list[dict[str, Any]]:
    """The Giveme5W1H cluster articles: id (file name stem), event, source, published, title, text; the events
    reserved for judging are left out (eval/reserved.py)."""
    folder = data_root() / "giveme5w1h-news-cluster" / "articles"
    reserved = reserved_files(folder.parent)
    out = []
    for path in sorted(folder.glob("*.json")):
        if path.name in reserved:
            continue
        d = json.loads(path.read_text(encoding="utf-8"))
        out.append({"id": path.stem[:12], "event": d["newsCluster"]["Event"], "source": d.get("source_domain") or "",
                    "published_at": d.get("date_publish"), "title": d.get("title") or "",
                    "text": d.get("text") or ""})
    return out


def load_semeval() -> list[dict[str, Any]]:
    """SemEval-2022 Task 8 English sample pairs (Overall: 1 = very similar .. 4 = very dissimilar)."""
    path = data_root() / "semeval2022-task8-en-sample" / "en_pairs.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_msrp() -> list[tuple[int, str, str]]:
    """MSRP test pairs: (label, sentence 1, sentence 2)."""
    path = data_root() / "msrp-paraphrase-test" / "msr_paraphrase_test.txt"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(int(r[0]), r[3], r[4]) for r in rows[1:] if len(r) >= 5]


def extraction(article_id: str, text: str, source: str = "", published_at: str | None = None) -> Extraction:
    """A Stage 1-shaped extraction with fallback sentences (no quotes: the matcher detects quote marks); only
    the keys the dedup stage reads are filled."""
    return cast(Extraction, {"article_id": article_id, "source": source, "text": text, "published_at": published_at,
            "sentences": split_sentences(text)})


def change_words(text: str, rate: float, rng: random.Random) -> str:
    """Change about `rate` of the words: drop one, replace it by another word of the text, or insert one."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        vocab = [w for w in words if w.isalpha()] or ["the"]
        out: list[str] = []
        for w in words:
            r = rng.random()
            if r < rate / 3:
                continue
            if r < 2 * rate / 3:
                out.append(rng.choice(vocab))
            elif r < rate:
                out.extend([w, rng.choice(vocab)])
            else:
                out.append(w)
        lines.append(" ".join(out))
    return "\n".join(lines)


def robustness_copy(text: str, rng: random.Random, rate: float = 0.1) -> str:
    """Furniture added, paragraphs shuffled and ~rate of the words changed."""
    paragraphs = [p for p in change_words(text, rate, rng).split("\n") if p.strip()]
    rng.shuffle(paragraphs)
    for line in rng.sample(FURNITURE, 3):
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), line)
    return "\n".join(paragraphs)
