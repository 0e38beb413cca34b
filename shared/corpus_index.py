"""A client's corpus index in Redis: every article the client submitted (all its jobs, within retention),
as LSH band hashes plus opaque evidence bytes, so a new article can be checked against earlier ones.

Only bytes and ints here (no datasketch/numpy): the gateway imports this module to delete a job's entries.

Keys (all built on ``shared.keys.corpus_key``, so one client's index shares the hash tag ``{c:<client>}``
and lives in one Redis Cluster slot; the extra key builders are defined in this module):
- ``seq``: counter; a job's articles are stored in chunks of <= 255, each chunk gets the next sequence
  number, its 24-bit "chunk number" is the sequence modulo 2**24 (a number still in use is never reused).
- ``c:<chunk>``: a LIST per chunk: element 0 is the header (expiry, sequence, job id), element i the record
  of the chunk's i-th article (its band hashes, article id, evidence). Lists keep elements packed
  (quicklist nodes), with no per-element hash-table entry.
- ``job:<job_id>``: what a job put in (its sequence and chunk numbers): idempotency and deletion.
- ``jobs``: sorted set, job id -> expiry time (to purge jobs that expired without being deleted).
- ``count``: number of indexed articles.
- ``b:<hhhh>``: 65,536 bucket hashes; a 32-bit band hash's high 16 bits pick the key, its low 16 bits
  (2 raw bytes) are the field, the value is the concatenated 4-byte article references (chunk number,
  3 bytes + position, 1 byte) with that band. Small hashes stay in Redis' compact ziplist/listpack encoding.

Every write is one Lua script (atomic), so concurrent jobs of one client append to the same buckets without
read-modify-write races. Every key carries EXPIRE = retention, refreshed on insert, so an idle client's index
disappears by itself; headers carry the exact expiry, so expired articles are never reported.
"""

from __future__ import annotations

import struct
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import redis

from shared.keys import corpus_key

BUCKET_BITS = 16
CHUNK = 255
_VERSION = 2
_HEADER = struct.Struct(">BIQ")  # version, expires_at, sequence; then job id (u8 length + bytes)
_CHUNK_SPACE = 1 << 24

_INSERT = """
-- KEYS: jobs, job key, count, chunk keys (ARGV[5] of them), bucket keys (nb per article, in order)
-- ARGV: ttl, expires_at, nb, job_id, nchunks, job payload, then per chunk: chunk bytes, header, n,
--       then per article of the chunk: record, nb fields
local ttl, expires_at, nb = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local nchunks = tonumber(ARGV[5])
if redis.call('EXISTS', KEYS[2]) == 1 then return {0, 0} end
for c = 1, nchunks do
  if redis.call('EXISTS', KEYS[3 + c]) == 1 then return redis.error_reply('chunk number in use') end
end
local a, k = 7, 4 + nchunks
local added = 0
for c = 1, nchunks do
  local chunk, n = ARGV[a], tonumber(ARGV[a + 2])
  local list = KEYS[3 + c]
  redis.call('RPUSH', list, ARGV[a + 1])
  a = a + 3
  for i = 1, n do
    redis.call('RPUSH', list, ARGV[a])
    local ref = chunk .. string.char(i)
    for j = 1, nb do
      local key, field = KEYS[k], ARGV[a + j]
      local v = redis.call('HGET', key, field)
      if v then redis.call('HSET', key, field, v .. ref) else redis.call('HSET', key, field, ref) end
      redis.call('EXPIRE', key, ttl)
      k = k + 1
    end
    a = a + 1 + nb
    added = added + 1
  end
  redis.call('EXPIRE', list, ttl)
end
redis.call('SET', KEYS[2], ARGV[6], 'EX', ttl)
redis.call('ZADD', KEYS[1], 'NX', expires_at, ARGV[4])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('INCRBY', KEYS[3], added)
redis.call('EXPIRE', KEYS[3], ttl)
return {added, nchunks}
"""

_CANDIDATES = """
-- KEYS: bucket keys, nb per query; ARGV: nb, max candidates per query, fields
local nb, maxc = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
for q = 0, #KEYS / nb - 1 do
  local counts, order = {}, {}
  for j = 1, nb do
    local v = redis.call('HGET', KEYS[q * nb + j], ARGV[2 + q * nb + j])
    if v then
      for p = 1, #v, 4 do
        local ref = string.sub(v, p, p + 3)
        if counts[ref] then counts[ref] = counts[ref] + 1
        elseif #order < maxc then counts[ref] = 1; order[#order + 1] = ref end
      end
    end
  end
  local row = {}
  for _, ref in ipairs(order) do row[#row + 1] = ref; row[#row + 1] = counts[ref] end
  out[q + 1] = row
end
return out
"""

_FETCH = """
-- KEYS: chunk keys; ARGV: per key: count m, then m positions. Returns per key: header, records...
local out, a = {}, 1
for c = 1, #KEYS do
  local m = tonumber(ARGV[a])
  local row = {redis.call('LINDEX', KEYS[c], 0) or false}
  for i = 1, m do row[#row + 1] = redis.call('LINDEX', KEYS[c], tonumber(ARGV[a + i])) or false end
  out[c] = row
  a = a + 1 + m
end
return out
"""

_REMOVE = """
-- KEYS: jobs, job key, count, chunk keys (ARGV[3]), bucket keys; ARGV: job_id, nb, nchunks, n articles,
--       then per article: 4-byte ref, nb fields
local nb, nchunks, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local a, k = 5, 4 + nchunks
for i = 1, n do
  local ref = ARGV[a]
  for j = 1, nb do
    local key, field = KEYS[k], ARGV[a + j]
    local v = redis.call('HGET', key, field)
    if v then
      local kept = {}
      for p = 1, #v, 4 do
        local r = string.sub(v, p, p + 3)
        if r ~= ref then kept[#kept + 1] = r end
      end
      if #kept == 0 then redis.call('HDEL', key, field) else redis.call('HSET', key, field, table.concat(kept)) end
    end
    k = k + 1
  end
  a = a + 1 + nb
end
for c = 1, nchunks do redis.call('DEL', KEYS[3 + c]) end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 1 and redis.call('DECRBY', KEYS[3], n) <= 0 then redis.call('DEL', KEYS[3]) end
return n
"""


@dataclass(frozen=True)
class IndexEntry:
    """One article to index: its id, 32-bit LSH band hashes and opaque evidence bytes."""

    article_id: str
    bands: Sequence[int]
    evidence: bytes


@dataclass(frozen=True)
class Candidate:
    """An indexed article sharing at least one band with a query."""

    job_id: str
    article_id: str
    matching_bands: int
    evidence: bytes
    sequence: int


@dataclass(frozen=True)
class InsertReport:
    """What an insert did (inserted is 0 when the job was already indexed)."""

    inserted: int
    skipped: int
    bytes_added: int


def bucket_key(client_id: str, band_hash: int) -> str:
    """The bucket hash holding one band hash (its high BUCKET_BITS bits)."""
    return corpus_key(client_id, f"b:{band_hash >> (32 - BUCKET_BITS):04x}")


def chunk_key(client_id: str, chunk: int) -> str:
    """The list holding one chunk of articles."""
    return corpus_key(client_id, f"c:{chunk:06x}")


def job_index_key(client_id: str, job_id: str) -> str:
    """What one job put into the index."""
    return corpus_key(client_id, f"job:{job_id}")


def _field(band_hash: int) -> bytes:
    return (band_hash & 0xFFFF).to_bytes(2, "big")


def _record(entry: IndexEntry) -> bytes:
    art = entry.article_id.encode("utf-8")
    return (bytes([len(entry.bands)]) + struct.pack(f">{len(entry.bands)}I", *entry.bands)
            + bytes([len(art)]) + art + entry.evidence)


def _read_record(data: bytes) -> tuple[list[int], str, bytes]:
    nb = data[0]
    bands = list(struct.unpack_from(f">{nb}I", data, 1))
    pos = 1 + 4 * nb
    length = data[pos]
    return bands, data[pos + 1:pos + 1 + length].decode("utf-8"), data[pos + 1 + length:]


def _header(expires_at: int, sequence: int, job_id: str) -> bytes:
    job = job_id.encode("utf-8")
    return _HEADER.pack(_VERSION, expires_at, sequence) + bytes([len(job)]) + job


def _read_header(data: bytes) -> tuple[int, int, str]:
    version, expires_at, sequence = _HEADER.unpack_from(data, 0)
    if version != _VERSION:
        raise ValueError(f"unknown corpus index version {version}")
    length = data[_HEADER.size]
    return expires_at, sequence, data[_HEADER.size + 1:_HEADER.size + 1 + length].decode("utf-8")


class CorpusIndex:
    """Per-client corpus index (see the module docstring for the layout)."""

    def __init__(self, redis_client: redis.Redis, ttl_seconds: int, *, max_candidates: int = 200) -> None:
        if ttl_seconds < 1:
            raise ValueError("ttl_seconds must be positive")
        self.redis = _binary_client(redis_client)
        self.ttl_seconds = ttl_seconds
        self.max_candidates = max_candidates
        self._insert = self.redis.register_script(_INSERT)
        self._candidates = self.redis.register_script(_CANDIDATES)
        self._fetch = self.redis.register_script(_FETCH)
        self._remove = self.redis.register_script(_REMOVE)

    def insert(self, client_id: str, job_id: str, entries: Sequence[IndexEntry],
               now: float | None = None) -> InsertReport:
        """Add a job's articles in one atomic step; a job already indexed is left as it is (idempotent)."""
        if not entries:
            return InsertReport(0, 0, 0)
        nb = len(entries[0].bands)
        if any(len(e.bands) != nb for e in entries) or not 0 < nb < 256:
            raise ValueError("every entry needs the same number (1-255) of band hashes")
        if len(job_id.encode()) > 255 or any(len(e.article_id.encode()) > 255 for e in entries):
            raise ValueError("job and article ids must be at most 255 bytes")
        if self.redis.exists(job_index_key(client_id, job_id)):
            return InsertReport(0, len(entries), 0)
        expires_at = int((time.time() if now is None else now) + self.ttl_seconds)
        chunks = [entries[k:k + CHUNK] for k in range(0, len(entries), CHUNK)]
        for _ in range(8):
            last = int(self.redis.incrby(corpus_key(client_id, "seq"), len(chunks)))
            sequences = list(range(last - len(chunks) + 1, last + 1))
            numbers = [s % _CHUNK_SPACE for s in sequences]
            keys = [corpus_key(client_id, "jobs"), job_index_key(client_id, job_id), corpus_key(client_id, "count")]
            keys += [chunk_key(client_id, n) for n in numbers]
            payload = struct.pack(">Q", sequences[0]) + b"".join(n.to_bytes(3, "big") for n in numbers)
            args: list[Any] = [self.ttl_seconds, expires_at, nb, job_id, len(chunks), payload]
            size = len(payload)
            for seq, number, chunk in zip(sequences, numbers, chunks, strict=True):
                header = _header(expires_at, seq, job_id)
                args += [number.to_bytes(3, "big"), header, len(chunk)]
                size += len(header)
                for e in chunk:
                    record = _record(e)
                    args.append(record)
                    args += [_field(h) for h in e.bands]
                    keys += [bucket_key(client_id, h) for h in e.bands]
                    size += len(record) + 6 * nb
            try:
                added, _ = self._insert(keys=keys, args=args)
            except redis.ResponseError as exc:
                if "chunk number in use" in str(exc):
                    continue  # the 24-bit chunk numbers wrapped onto live ones: take the next ones
                raise
            if not added:
                return InsertReport(0, len(entries), 0)
            return InsertReport(int(added), len(entries) - int(added), size)
        raise RuntimeError("no free chunk numbers in the corpus index")

    def query(self, client_id: str, bands_per_article: Sequence[Sequence[int]], *, exclude_job: str | None = None,
              min_bands: int = 1, indexed_up_to: int | None = None,
              now: float | None = None) -> list[list[Candidate]]:
        """For each query (its band hashes), the live indexed articles sharing >= min_bands bands, most bands
        first (two round trips for all queries). `indexed_up_to` keeps only articles whose chunk sequence is
        not later than that (a re-run of a job passes its own and sees what its first run saw)."""
        if not bands_per_article:
            return []
        nb = len(bands_per_article[0])
        keys: list[str] = []
        args: list[Any] = [nb, self.max_candidates]
        for bands in bands_per_article:
            if len(bands) != nb:
                raise ValueError("every query needs the same number of band hashes")
            keys += [bucket_key(client_id, h) for h in bands]
            args += [_field(h) for h in bands]
        rows = self._candidates(keys=keys, args=args)
        wanted: dict[int, set[int]] = {}
        hits: list[list[tuple[int, int, int]]] = []
        for row in rows:
            found = []
            for ref, count in zip(row[::2], row[1::2], strict=True):
                if int(count) >= min_bands:
                    chunk, position = int.from_bytes(ref[:3], "big"), ref[3]
                    wanted.setdefault(chunk, set()).add(position)
                    found.append((chunk, position, int(count)))
            hits.append(found)
        records = self._fetch_records(client_id, wanted)
        current = time.time() if now is None else now
        out: list[list[Candidate]] = []
        for found in hits:
            candidates = []
            for chunk, position, count in found:
                header, record = records.get(chunk, {}).get(0), records.get(chunk, {}).get(position)
                if header is None or record is None:
                    continue
                expires_at, sequence, job_id = _read_header(header)
                if expires_at < current or job_id == exclude_job:
                    continue
                if indexed_up_to is not None and sequence > indexed_up_to:
                    continue
                _, article_id, evidence = _read_record(record)
                candidates.append(Candidate(job_id, article_id, count, evidence, sequence))
            candidates.sort(key=lambda c: -c.matching_bands)
            out.append(candidates)
        return out

    def _fetch_records(self, client_id: str, wanted: dict[int, set[int]]) -> dict[int, dict[int, bytes]]:
        if not wanted:
            return {}
        chunks = sorted(wanted)
        args: list[int] = []
        for chunk in chunks:
            positions = sorted(wanted[chunk])
            args += [len(positions), *positions]
        rows = self._fetch(keys=[chunk_key(client_id, c) for c in chunks], args=args)
        out: dict[int, dict[int, bytes]] = {}
        for chunk, row in zip(chunks, rows, strict=True):
            got = {0: row[0]} if row[0] else {}
            for position, record in zip(sorted(wanted[chunk]), row[1:], strict=True):
                if record:
                    got[position] = record
            out[chunk] = got
        return out

    def job_sequence(self, client_id: str, job_id: str) -> int | None:
        """The sequence number a job got when indexed, None if it is not indexed."""
        payload = self.redis.get(job_index_key(client_id, job_id))
        return None if not payload else int(struct.unpack_from(">Q", payload)[0])  # type: ignore[arg-type]

    def remove_job(self, client_id: str, job_id: str) -> int:
        """Delete everything a job put into the client's index; returns the number of articles removed."""
        payload = self.redis.get(job_index_key(client_id, job_id))
        base = [corpus_key(client_id, "jobs"), job_index_key(client_id, job_id), corpus_key(client_id, "count")]
        if not payload:
            self.redis.zrem(base[0], job_id)
            return 0
        raw = bytes(payload)  # type: ignore[arg-type]
        numbers = [int.from_bytes(raw[i:i + 3], "big") for i in range(8, len(raw), 3)]
        pipe = self.redis.pipeline(transaction=False)
        for number in numbers:
            pipe.lrange(chunk_key(client_id, number), 0, -1)
        lists = pipe.execute()
        keys = base + [chunk_key(client_id, n) for n in numbers]
        args: list[Any] = [job_id, 0, len(numbers), 0]
        nb = count = 0
        for number, elements in zip(numbers, lists, strict=True):
            for position, record in enumerate(elements[1:], start=1):
                bands, _, _ = _read_record(record)
                nb = nb or len(bands)
                if len(bands) != nb:
                    continue
                args.append(number.to_bytes(3, "big") + bytes([position]))
                args += [_field(h) for h in bands]
                keys += [bucket_key(client_id, h) for h in bands]
                count += 1
        args[1], args[3] = nb, count
        return int(self._remove(keys=keys, args=args))

    def purge_expired(self, client_id: str, *, limit: int = 20, now: float | None = None) -> int:
        """Remove up to `limit` jobs whose retention has passed; returns the number of articles removed."""
        current = time.time() if now is None else now
        jobs = self.redis.zrangebyscore(corpus_key(client_id, "jobs"), "-inf", current, start=0, num=limit)
        return sum(self.remove_job(client_id, j.decode() if isinstance(j, bytes) else str(j))
                   for j in jobs)

    def size(self, client_id: str) -> int:
        """Number of indexed articles of the client (live or not yet purged)."""
        return int(self.redis.get(corpus_key(client_id, "count")) or 0)


_BINARY_CLIENTS: weakref.WeakKeyDictionary[Any, redis.Redis] = weakref.WeakKeyDictionary()


def _binary_client(client: redis.Redis) -> redis.Redis:
    """The same server without response decoding (records are binary): the client itself if it does not
    decode, else one sibling client per connection pool (cached, so repeated use opens no new pools)."""
    pool = client.connection_pool
    if not pool.connection_kwargs.get("decode_responses"):
        return client
    sibling = _BINARY_CLIENTS.get(pool)
    if sibling is None:
        kwargs = {**pool.connection_kwargs, "decode_responses": False}
        sibling = redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs))
        _BINARY_CLIENTS[pool] = sibling
    return sibling
