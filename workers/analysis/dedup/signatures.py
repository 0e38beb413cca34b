"""Fixed-parameter sketches: word shingles, MinHash (datasketch), 32-bit LSH band hashes and
per-sentence SimHashes (the compact evidence kept in the corpus index)."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 3
# 42 bands of 3 rows: S-curve threshold (1/42)^(1/3) ~ 0.29 Jaccard on word 3-grams; a pair at J=0.4
# becomes a candidate with p=0.94, at J=0.5 with p=0.996, at J=0.05 with p=0.005.
BANDS = 42
ROWS = 3
SIMHASH_MIN_TOKENS = 6


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> set[str]:
    """Word n-gram shingles (all words if the text is shorter than one shingle)."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


# CRC-32 as the 32-bit shingle hash: stable across processes (unlike hash()) and ~20x faster than
# datasketch's default SHA-1 in a Python loop; MinHash's random linear permutations are applied on top.
shingle_hash = zlib.crc32


def minhashes(shingle_sets: Sequence[set[str]]) -> list[MinHash]:
    """MinHash signatures (fixed num_perm and seed) of several shingle sets."""
    return MinHash.bulk([[s.encode("utf-8") for s in ss] for ss in shingle_sets],
                        num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash)


def new_lsh() -> MinHashLSH:
    """An in-memory LSH index with this module's band layout."""
    return MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))


def minhash_of(shingle_set: set[str]) -> MinHash:
    """One MinHash with this module's parameters."""
    return minhashes([shingle_set])[0]


def band_hashes(minhash: MinHash) -> list[int]:
    """One 32-bit hash per LSH band (band index mixed in), as stored in the corpus index."""
    raw = np.asarray(minhash.hashvalues, dtype="<u8").tobytes()
    step = ROWS * 8
    return [int.from_bytes(hashlib.blake2b(raw[i * step:(i + 1) * step] + bytes([i]), digest_size=4).digest(),
                           "big") for i in range(BANDS)]


def estimated_jaccard(matching_bands: int, bands: int = BANDS, rows: int = ROWS) -> float:
    """Jaccard estimated from the share of identical bands (P(band equal) = J**rows)."""
    return float((matching_bands / bands) ** (1.0 / rows)) if bands else 0.0


_BITS = np.arange(32, dtype=np.uint32)


def sentence_simhashes(sentence_words: Sequence[Sequence[str]]) -> list[int]:
    """A 32-bit SimHash per sentence over its word unigrams and bigrams (crc32: stable across processes)."""
    features: list[int] = []
    owners: list[int] = []
    for index, words in enumerate(sentence_words):
        feats = list(words) + [f"{a} {b}" for a, b in pairwise(words)]
        features.extend(zlib.crc32(f.encode("utf-8")) for f in feats)
        owners.extend([index] * len(feats))
    result = [0] * len(sentence_words)
    if not features:
        return result
    bits = ((np.asarray(features, dtype=np.uint32)[:, None] >> _BITS) & 1).astype(np.int32) * 2 - 1
    sums = np.zeros((len(sentence_words), 32), dtype=np.int32)
    np.add.at(sums, np.asarray(owners), bits)
    packed = ((sums > 0).astype(np.uint64) << _BITS.astype(np.uint64)).sum(axis=1)
    for index, words in enumerate(sentence_words):
        if words:
            result[index] = int(packed[index])
    return result


def hamming32(a: int, b: int) -> int:
    """Number of differing bits between two 32-bit ints."""
    return (a ^ b).bit_count()
