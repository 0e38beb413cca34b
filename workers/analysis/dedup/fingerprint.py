"""The compact per-article evidence kept in the corpus index, and matching a new article against it.

Layout (bytes, big-endian; varints are LEB128): version u8 | published u32 (0 = unknown) | chars varint |
source (varint length + UTF-8, cut at 64 bytes) | sentence count varint | per sentence: SimHash u32,
gap from the previous sentence's end varint, length varint. No text is stored: a match is explained by the
sentence offsets in both articles (the earlier article's text lives in its own job result)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from workers.analysis.dedup.prepare import Prepared, published_epoch
from workers.analysis.dedup.signatures import SIMHASH_MIN_TOKENS, hamming32, sentence_simhashes

VERSION = 1
SENTENCE_MAX_BITS = 4  # SimHash distance (of 32 bits) accepted as "the same sentence, lightly edited"


@dataclass
class StoredSentence:
    """One sentence of an indexed article: SimHash and char span."""

    simhash: int
    start: int
    end: int


@dataclass
class Fingerprint:
    """An indexed article's evidence, decoded."""

    published: int
    chars: int
    source: str
    sentences: list[StoredSentence]


def evidence_sentences(p: Prepared) -> list[tuple[int, int, int]]:
    """(simhash, start, end) of every sentence long enough to be evidence."""
    keep = [i for i in range(len(p.sentences)) if len(p.sentence_words(i)) >= SIMHASH_MIN_TOKENS]
    hashes = sentence_simhashes([p.sentence_words(i) for i in keep])
    return [(h, p.sentences[i][0], p.sentences[i][1]) for h, i in zip(hashes, keep, strict=True)]


def encode(p: Prepared, sentences: list[tuple[int, int, int]] | None = None) -> bytes:
    """The fingerprint bytes of a prepared article."""
    sentences = evidence_sentences(p) if sentences is None else sentences
    published = published_epoch(p.published_at)
    source = p.source.encode("utf-8")[:64]
    out = bytearray(struct.pack(">BI", VERSION, int(published) if published and published > 0 else 0))
    out += _varint(p.chars) + _varint(len(source)) + source + _varint(len(sentences))
    prev_end = 0
    for h, start, end in sentences:
        out += struct.pack(">I", h) + _varint(max(0, start - prev_end)) + _varint(end - start)
        prev_end = max(prev_end, end)
    return bytes(out)


def decode(data: bytes) -> Fingerprint:
    """Read fingerprint bytes back."""
    version, published = struct.unpack_from(">BI", data, 0)
    if version != VERSION:
        raise ValueError(f"unknown fingerprint version {version}")
    pos = 5
    chars, pos = _read_varint(data, pos)
    n, pos = _read_varint(data, pos)
    source = data[pos:pos + n].decode("utf-8", "replace")
    pos += n
    count, pos = _read_varint(data, pos)
    sentences = []
    prev_end = 0
    for _ in range(count):
        (h,) = struct.unpack_from(">I", data, pos)
        gap, pos = _read_varint(data, pos + 4)
        length, pos = _read_varint(data, pos)
        start = prev_end + gap
        sentences.append(StoredSentence(h, start, start + length))
        prev_end = start + length
    return Fingerprint(published, chars, source, sentences)


def match(mine: list[tuple[int, int, int]], stored: Fingerprint,
          max_bits: int = SENTENCE_MAX_BITS) -> list[dict[str, Any]]:
    """Sentences of this article matching sentences of an indexed one (one-to-one, closest first), merged
    into passages where consecutive in both: offsets here (start/end) and there (earlier_start/end)."""
    pairs = []
    for i, (h, s, e) in enumerate(mine):
        for j, other in enumerate(stored.sentences):
            bits = hamming32(h, other.simhash)
            if bits <= max_bits and 0.67 <= (e - s) / max(1, other.end - other.start) <= 1.5:
                pairs.append((bits, i, j))
    pairs.sort()
    used_i: set[int] = set()
    used_j: set[int] = set()
    matched = []
    for bits, i, j in pairs:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            matched.append((i, j, bits))
    matched.sort()
    passages: list[dict[str, Any]] = []
    last: tuple[int, int] | None = None
    for i, j, bits in matched:
        h, s, e = mine[i]
        other = stored.sentences[j]
        exact = bits == 0 and abs((e - s) - (other.end - other.start)) <= 2
        if passages and last == (i - 1, j - 1):
            p = passages[-1]
            p["end"], p["earlier_end"] = e, other.end
            p["sentences"] += 1
            p["_bits"] += bits
            if not exact:
                p["kind"] = "reworded"
        else:
            passages.append({"start": s, "end": e, "earlier_start": other.start, "earlier_end": other.end,
                             "kind": "verbatim" if exact else "reworded", "sentences": 1, "_bits": bits})
        last = (i, j)
    for p in passages:
        p["score"] = round(1.0 - p.pop("_bits") / (32.0 * p["sentences"]), 3)
    return passages


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
