"""Main-text extraction from HTML on the ScrapingHub article-extraction benchmark (181 pages).

Scores our extractor (workers.analysis.cleaning.html_text), and clean_article (the same plus title and
furniture removal), against plain `trafilatura.extract` defaults,
with the benchmark's own metric, re-implemented from its README: `\\w+` tokens, multisets of 4-token
shingles, per-page tp/fp/fn normalised by their sum, precision and recall averaged over pages, F1 the
harmonic mean of the two averages. The metric is checked against the stored reference outputs first.

Run: `python -m eval.html_extraction` (data from $CORROBORATE_DATA, default ../shared/data).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import trafilatura

from eval.dedup_data import data_root
from workers.analysis.cleaning import clean_article
from workers.analysis.cleaning.html_text import HTML_OPTIONS, extract_html
from workers.analysis.errors import ArticleError

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCHMARK = "scrapinghub-article-extraction-benchmark"
PUBLISHED = {"trafilatura.json": (0.958, 0.938, 0.978), "readability.json": (0.922, 0.913, 0.931),
             "newspaper.json": (0.949, 0.964, 0.934)}
_TOKEN = re.compile(r"\w+", re.UNICODE)

Shingles = tuple[float, float, float]


def data_dir() -> Path:
    """The benchmark folder under $CORROBORATE_DATA (default ../shared/data from the repo root)."""
    root = data_root()
    return root / BENCHMARK


def _shingles(text: str, n: int = 4) -> Counter[str]:
    """Multiset of n-token shingles; a text shorter than n tokens gives one (shorter) shingle."""
    tokens = _TOKEN.findall(text or "")
    grams = (" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(gram for gram in grams if gram)


def shingle_counts(gold: str, predicted: str) -> Shingles:
    """(tp, fp, fn) over 4-token shingles for one page, normalised by their sum."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    """Per-page precision as the benchmark defines it."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    """Per-page recall as the benchmark defines it."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn)


def score(pages: Iterable[Shingles]) -> tuple[float, float, float]:
    """(F1, precision, recall): precision/recall averaged over pages where defined, F1 of the averages."""
    rows = list(pages)
    precision = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    return 2 * precision * recall / (precision + recall), precision, recall


def bootstrap_f1_std(pages: list[Shingles], resamples: int = 1000, seed: int = 0) -> float:
    """Standard deviation of F1 over bootstrap resamples of the pages (upstream reports the same kind of ±)."""
    rng = random.Random(seed)
    values = [score(rng.choices(pages, k=len(pages)))[0] for _ in range(resamples)]
    return statistics.pstdev(values)


def load_pages(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(gold article bodies, raw HTML) keyed by page id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {key: value.get("articleBody", "") or "" for key, value in truth.items()}
    html = {}
    for key in gold:
        with gzip.open(folder / "html" / f"{key}.html.gz", "rb") as handle:
            html[key] = handle.read().decode("utf-8", errors="replace")
    return gold, html


def _reference(folder: Path, name: str) -> dict[str, str]:
    """A stored reference prediction file as {id: articleBody}."""
    data = json.loads((folder / "reference-outputs" / name).read_text(encoding="utf-8"))
    output = data.get("output", data) if "version" in data else data
    return {key: (value or {}).get("articleBody", "") or "" for key, value in output.items()}


def run_extractor(extract: Callable[[str], str], html: dict[str, str]) -> tuple[dict[str, str], float]:
    """Predictions of one extractor for every page, and the seconds it took."""
    start = time.perf_counter()
    predictions = {key: extract(page) for key, page in html.items()}
    return predictions, time.perf_counter() - start


def _ours(page: str) -> str:
    """Our extractor's main text for one page ("" when it finds none)."""
    result = extract_html(page)
    return result.text if result else ""


def _clean_article(page: str) -> str:
    """The delivered function: extraction, then title and furniture removal, as the pipeline calls it."""
    try:
        return str(clean_article({"id": "page", "source": "benchmark", "html": page})["text"])
    except ArticleError:
        return ""


def _trafilatura_defaults(page: str) -> str:
    """Plain `trafilatura.extract` with its defaults."""
    return trafilatura.extract(page) or ""


def main() -> None:
    """Check the metric against reference outputs, then score our extractor and trafilatura defaults."""
    folder = data_dir()
    if not folder.is_dir():
        sys.exit(f"benchmark data not found at {folder} (set CORROBORATE_DATA)")
    gold, html = load_pages(folder)
    print(f"ScrapingHub article-extraction benchmark: {len(gold)} pages; metric = F1 over 4-token shingles")
    print(f"{'extractor':<56} {'F1':>6} {'P':>6} {'R':>6} {'secs':>6}  (± = bootstrap std, 1000 resamples)")
    for name, published in PUBLISHED.items():
        predicted = _reference(folder, name)
        f1, p, r = score(shingle_counts(gold[k], predicted.get(k, "")) for k in gold)
        label = f"reference {name} (published {published[0]:.3f})"
        print(f"{label:<56} {f1:6.3f} {p:6.3f} {r:6.3f} {'-':>6}")
    keys = sorted(gold)
    half = {k for i, k in enumerate(keys) if i % 2 == 0}
    extractors = (("trafilatura.extract defaults", _trafilatura_defaults), ("ours: extract_html", _ours),
                  ("ours: clean_article (+ furniture removal)", _clean_article))
    for name, extractor in extractors:
        predicted, seconds = run_extractor(extractor, html)
        rows = [shingle_counts(gold[k], predicted[k]) for k in keys]
        f1, p, r = score(rows)
        print(f"{name:<56} {f1:6.3f} {p:6.3f} {r:6.3f} {seconds:6.1f}  F1 ± {bootstrap_f1_std(rows):.3f}")
        for part, subset in (("even", half), ("odd", set(keys) - half)):
            f1, p, r = score(shingle_counts(gold[k], predicted[k]) for k in subset)
            print(f"{'  ' + name + ' (' + part + ' pages)':<56} {f1:6.3f} {p:6.3f} {r:6.3f}")
    print(f"our options: {HTML_OPTIONS}")


if __name__ == "__main__":
    main()
