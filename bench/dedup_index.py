"""Corpus index benchmark: insert/query throughput, Redis memory per article and recall, ours vs
datasketch's MinHashLSH with Redis storage, on the same MinHashes, in one run on a private redis-server.

python -m bench.dedup_index [--n 100000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import redis
from datasketch import LeanMinHash, MinHashLSH

from eval.dedup_data import change_words, load_giveme, load_semeval
from shared.corpus_index import CorpusIndex, IndexEntry
from tools.processes import RedisServer
from workers.analysis.dedup.fingerprint import encode, evidence_sentences
from workers.analysis.dedup.prepare import prepare
from workers.analysis.dedup.signatures import BANDS, NUM_PERM, ROWS, band_hashes, minhashes
from workers.analysis.dedup.text import split_sentences

BATCH = 100  # articles per insert/query call: one job's worth
OUT = Path(__file__).resolve().parent / "out"


def sentence_pool() -> list[str]:
    """Sentences (>= 6 words) of every Giveme5W1H and SemEval text."""
    texts = [a["text"] for a in load_giveme()]
    for pair in load_semeval():
        texts += [pair["text1"], pair["text2"]]
    pool = []
    for text in texts:
        for s in split_sentences(text):
            sentence = " ".join(text[s["start"]:s["end"]].split())
            if len(sentence.split()) >= 6:
                pool.append(sentence)
    return sorted(set(pool))


def make_corpus(n: int, pool: list[str], rng: random.Random) -> list[str]:
    """n articles: 90% mixtures of 12-40 random sentences in paragraphs of 1-4, 10% edited copies
    (5% of words changed, paragraphs shuffled) of earlier ones (syndication)."""
    docs: list[str] = []
    for i in range(n):
        if i > 100 and rng.random() < 0.1:
            paragraphs = change_words(docs[rng.randrange(i)], 0.05, rng).split("\n")
            rng.shuffle(paragraphs)
            docs.append("\n".join(paragraphs))
            continue
        sentences = rng.sample(pool, rng.randint(12, 40))
        paragraphs, k = [], 0
        while k < len(sentences):
            step = rng.randint(1, 4)
            paragraphs.append(" ".join(sentences[k:k + step]))
            k += step
        docs.append("\n".join(paragraphs))
    return docs


def edited(text: str, rng: random.Random) -> str:
    """A query: ~10% of words changed and paragraphs shuffled."""
    paragraphs = change_words(text, 0.1, rng).split("\n")
    rng.shuffle(paragraphs)
    return "\n".join(paragraphs)


def featurize(texts: list[str]) -> tuple[list[Any], list[list[int]], list[bytes], float, float]:
    """MinHashes (shared by both indexes), our band hashes and evidence bytes; CPU seconds of each part."""
    t0 = time.process_time()
    prepared = [prepare({"article_id": str(i), "text": t}) for i, t in enumerate(texts)]
    sigs = minhashes([p.shingle_set for p in prepared])
    t1 = time.process_time()
    bands = [band_hashes(m) for m in sigs]
    evidence = [encode(p, evidence_sentences(p)) for p in prepared]
    return [LeanMinHash(m) for m in sigs], bands, evidence, t1 - t0, time.process_time() - t1


def featurize_all(texts: list[str], processes: int) -> tuple[list[Any], list[list[int]], list[bytes], float, float]:
    """featurize() over chunks of 1,000 in worker processes."""
    chunks = [texts[k:k + 1000] for k in range(0, len(texts), 1000)]
    sigs: list[Any] = []
    bands: list[list[int]] = []
    evidence: list[bytes] = []
    t_minhash = t_ours = 0.0
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for s, b, e, tm, to in pool.imap(featurize, chunks):
            sigs += s
            bands += b
            evidence += e
            t_minhash += tm
            t_ours += to
    return sigs, bands, evidence, t_minhash, t_ours


def used_memory(client: redis.Redis) -> int:
    """Redis used_memory in bytes."""
    return int(client.info("memory")["used_memory"])


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus")
    parser.add_argument("--queries", type=int, default=2000, help="edited copies queried")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--processes", type=int, default=2, help="processes for featurising texts")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    pool = sentence_pool()
    corpus = make_corpus(args.n, pool, rng)
    targets = rng.sample(range(args.n), min(args.queries, args.n))
    queries = [edited(corpus[t], rng) for t in targets]
    print(f"corpus: {args.n} articles, mean {sum(map(len, corpus)) / len(corpus):.0f} chars "
          f"(from {len(pool)} data-set sentences); {len(queries)} queries = edited copies (10% words, shuffled)")

    sigs, bands, evidence, t_minhash, t_ours = featurize_all(corpus, args.processes)
    q_sigs, q_bands, _, _, _ = featurize_all(queries, args.processes)
    print(f"featurize (per CPU second, {args.processes} processes): tokens+shingles+MinHash (both indexes) "
          f"{args.n / t_minhash:,.0f} art/s; our band hashes + sentence evidence {args.n / t_ours:,.0f} art/s; "
          f"mean evidence {sum(map(len, evidence)) / len(evidence):.0f} bytes")

    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServer(Path(tmp)).start()
        try:
            client = redis.Redis.from_url(server.url)
            rows["ours"] = bench_ours(client, sigs, bands, evidence, q_bands, targets)
            client.flushall()
            rows["datasketch"] = bench_datasketch(client, server.port, sigs, q_sigs, targets)
            client.close()
        finally:
            server.stop()
    print()
    print(f"{'index':<12}{'insert art/s':>14}{'query art/s (batch 100)':>25}{'query art/s (single)':>22}"
          f"{'bytes/article':>15}{'recall':>8}{'cand/query':>12}")
    for name, r in rows.items():
        print(f"{name:<12}{r['insert_per_s']:>14,.0f}{r['query_per_s_batch']:>25,.0f}{r['query_per_s_single']:>22,.0f}"
              f"{r['bytes_per_article']:>15,.0f}{r['recall']:>8.3f}{r['candidates_per_query']:>12.1f}")
    ratio = rows["ours"]["query_per_s_batch"] / rows["datasketch"]["query_per_s_single"]
    single = rows["ours"]["query_per_s_single"] / rows["datasketch"]["query_per_s_single"]
    print(f"query throughput vs datasketch: {ratio:.1f}x batched, {single:.1f}x one article per call; "
          f"LSH {BANDS} bands x {ROWS} rows of {NUM_PERM} perms for both; total {time.perf_counter() - started:.0f} s")
    OUT.mkdir(exist_ok=True)
    (OUT / "dedup_index.json").write_text(json.dumps({"n": args.n, "queries": len(queries), "rows": rows}, indent=1))


def bench_ours(client: redis.Redis, sigs: list[Any], bands: list[list[int]], evidence: list[bytes],
               q_bands: list[list[int]], targets: list[int]) -> dict[str, Any]:
    """Insert job-sized batches, then query batched and one by one."""
    index = CorpusIndex(client, ttl_seconds=7 * 24 * 3600)
    before = used_memory(client)
    t0 = time.perf_counter()
    for k in range(0, len(sigs), BATCH):
        entries = [IndexEntry(f"a{i}", bands[i], evidence[i]) for i in range(k, min(len(sigs), k + BATCH))]
        index.insert("bench", f"job{k // BATCH}", entries)
    t_insert = time.perf_counter() - t0
    memory = used_memory(client) - before
    t0 = time.perf_counter()
    found: list[set[str]] = []
    for k in range(0, len(q_bands), BATCH):
        for row in index.query("bench", q_bands[k:k + BATCH]):
            found.append({c.article_id for c in row})
    t_batch = time.perf_counter() - t0
    single_n = min(500, len(q_bands))
    t0 = time.perf_counter()
    for qb in q_bands[:single_n]:
        index.query("bench", [qb])
    t_single = time.perf_counter() - t0
    hits = sum(1 for f, t in zip(found, targets, strict=True) if f"a{t}" in f)
    return {"insert_per_s": len(sigs) / t_insert, "query_per_s_batch": len(q_bands) / t_batch,
            "query_per_s_single": single_n / t_single, "bytes_per_article": memory / len(sigs),
            "recall": hits / len(targets), "candidates_per_query": sum(map(len, found)) / len(found)}


def bench_datasketch(client: redis.Redis, port: int, sigs: list[Any], q_sigs: list[Any],
                     targets: list[int]) -> dict[str, Any]:
    """datasketch MinHashLSH, Redis storage, same (bands, rows); insertion session, then query()."""
    before = used_memory(client)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS),
                     storage_config={"type": "redis", "basename": b"dsbench",
                                     "redis": {"host": "127.0.0.1", "port": port}})
    t0 = time.perf_counter()
    with lsh.insertion_session(buffer_size=50_000) as session:
        for i, m in enumerate(sigs):
            session.insert(f"a{i}", m)
    t_insert = time.perf_counter() - t0
    memory = used_memory(client) - before
    t0 = time.perf_counter()
    found = [set(lsh.query(m)) for m in q_sigs]
    t_query = time.perf_counter() - t0
    hits = sum(1 for f, t in zip(found, targets, strict=True) if f"a{t}" in f)
    rate = len(q_sigs) / t_query
    return {"insert_per_s": len(sigs) / t_insert, "query_per_s_batch": rate, "query_per_s_single": rate,
            "bytes_per_article": memory / len(sigs), "recall": hits / len(targets),
            "candidates_per_query": sum(map(len, found)) / len(found)}


if __name__ == "__main__":
    main()
