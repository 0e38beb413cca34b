"""Sentence-encoder speed (sentences/s) and the choice of its token limit, on ~2,000 news sentences.

Sentences: the Giveme5W1H news-cluster articles of every event except the held-out ones (chosen by index.tsv
before any file is opened), files in name order, split by the dedup stage's sentence splitter, sentences of
at least 20 characters, the first BENCH_EMBED_SENTENCES (2,000). Data from $CORROBORATE_DATA.

Measured first: the model as shipped (int8 weights turned back into float32 each run) against the model the
encoder runs (built at install time: weights folded, MatMuls dynamically quantised; tools/install_model_files.py),
at batches of 1 and 8 sentences, in the same process: speed and each vector's cosine to the shipped model's,
and to the same sentence encoded alone (the quantised model's activation scale is per run, so batch neighbours
move a vector; the encoder runs one sentence at a time). Then 1 and 2 intra-op threads, batches sorted by token
length vs in input order; each figure the best of BENCH_EMBED_ROUNDS (1) runs, per wall-clock second and per
CPU second of the process (on a shared machine the wall-clock rate depends on the neighbours; the one-thread
CPU rate hardly does). Then the
token limit: how many sentences each limit cuts, speed at each limit, and how far the vectors move against
a 256-token limit (the model's sentence-transformers default). And the memory a process pays for the encoder.

Run: python -m bench.embeddings
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np

from eval.dedup_data import data_root
from eval.reserved import reserved_files
from workers.analysis.dedup.text import split_sentences
from workers.analysis.embeddings import BATCH_SIZE, MAX_TOKENS, SentenceEncoder
from workers.analysis.model_files import source_onnx_path

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = int(os.environ.get("BENCH_EMBED_SENTENCES", "2000"))
ROUNDS = int(os.environ.get("BENCH_EMBED_ROUNDS", "1"))


def news_sentences(limit: int = SENTENCES) -> list[str]:
    """The first `limit` sentences (>= 20 characters) of the non-held-out Giveme5W1H articles."""
    folder = data_root() / "giveme5w1h-news-cluster"
    reserved = reserved_files(folder)
    files = sorted(p.name for p in (folder / "articles").glob("*.json") if p.name not in reserved)
    out: list[str] = []
    for name in files:
        text = json.loads((folder / "articles" / name).read_text(encoding="utf-8")).get("text") or ""
        for span in split_sentences(text):
            sentence = " ".join(text[span["start"]:span["end"]].split())
            if len(sentence) >= 20:
                out.append(sentence)
        if len(out) >= limit:
            break
    return out[:limit]


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rate(encoder: SentenceEncoder, sentences: list[str]) -> tuple[float, float]:
    """Best sentences/s over ROUNDS full passes: per wall-clock second, and per CPU second of this process."""
    wall = cpu = float("inf")
    for _ in range(ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        encoder.encode(sentences)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return len(sentences) / wall, len(sentences) / cpu


def compare_models(sentences: list[str]) -> None:
    """Shipped vs built model at batches of 1 and 8: speed, and how far the vectors move."""
    shipped = SentenceEncoder(source_onnx_path(), threads=1, batch_size=8)
    reference = shipped.encode(sentences)
    alone = SentenceEncoder(threads=1, batch_size=1).encode(sentences)
    print(f"{'model':<10}{'batch':>6}{'sentences/s':>13}{'per CPU s':>11}{'cos to shipped min':>20}{'mean':>8}"
          f"{'cos to alone min':>18}")
    rows = []
    for name, path in (("shipped", source_onnx_path()), ("built", None)):
        for batch in (1, 8):
            encoder = SentenceEncoder(path, threads=1, batch_size=batch)
            vectors = encoder.encode(sentences)
            wall, cpu = rate(encoder, sentences)
            to_shipped = np.einsum("ij,ij->i", vectors, reference)
            to_alone = np.einsum("ij,ij->i", vectors, alone) if name == "built" else np.array([np.nan])
            rows.append((name, batch, wall, cpu, to_shipped, to_alone))
    baseline = rows[1][3]  # the shipped model at batches of 8: the encoder before this model was built
    for name, batch, wall, cpu, to_shipped, to_alone in rows:
        print(f"{name:<10}{batch:>6}{wall:>13.0f}{cpu:>11.0f}{to_shipped.min():>20.4f}{to_shipped.mean():>8.4f}"
              f"{to_alone.min():>18.4f}   {cpu / baseline:.2f}x the shipped model at batches of 8 (per CPU s)")


def main() -> None:
    """Print speed per configuration, the token-limit table, and the encoder's memory."""
    sentences = news_sentences()
    before = rss_mb()
    encoder = SentenceEncoder(threads=1)
    encoder.encode(["warm up"])
    loaded = rss_mb()
    counts = np.asarray(encoder.token_counts(sentences))
    print(f"{len(sentences)} Giveme5W1H sentences (held-out events excluded), "
          f"{counts.mean():.1f} tokens on average, best of {ROUNDS} runs")
    compare_models(sentences)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall-clock rates depend on the other "
          "processes; with 1 thread, the per-CPU-second rate does not")
    print(f"\nThe encoder's model, batches of {BATCH_SIZE}")
    print(f"{'threads':<9}{'batches':<18}{'sentences/s':>12}{'per CPU s':>11}")
    for threads in (1, 2):
        for ordered in (True, False):
            enc = SentenceEncoder(threads=threads, sort_by_length=ordered)
            wall, cpu = rate(enc, sentences)
            print(f"{threads:<9}{'sorted by length' if ordered else 'input order':<18}{wall:>12.0f}{cpu:>11.0f}")
    full = SentenceEncoder(threads=1, max_tokens=256).encode(sentences)
    untruncated = np.asarray(SentenceEncoder(threads=1, max_tokens=512).token_counts(sentences))
    print(f"\nToken limit (1 thread, sorted; ours: {MAX_TOKENS}); tokens per sentence p50 "
          f"{np.percentile(untruncated, 50):.0f}, p99 {np.percentile(untruncated, 99):.0f}, max {untruncated.max()}")
    print(f"{'max tokens':<12}{'cut':>8}{'sentences/s':>13}{'per CPU s':>11}{'min cosine to 256':>19}{'mean':>8}")
    for limit in (32, 64, 128, 256):
        enc = SentenceEncoder(threads=1, max_tokens=limit)
        cosines = np.einsum("ij,ij->i", enc.encode(sentences), full)
        wall, cpu = rate(enc, sentences)
        print(f"{limit:<12}{int((untruncated > limit).sum()):>8}{wall:>13.0f}{cpu:>11.0f}"
              f"{cosines.min():>19.4f}{cosines.mean():>8.4f}")
    print(f"\nRSS: {before:.0f} MB with numpy/onnxruntime/tokenizers imported; "
          f"+{loaded - before:.0f} MB once one encoder is loaded and has run (process now {rss_mb():.0f} MB)")


if __name__ == "__main__":
    main()
