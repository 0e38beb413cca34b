"""A client's corpus index in Redis: every article the client submitted (all its jobs, within retention),
as LSH band hashes plus opaque evidence bytes, so a new article can be checked against earlier ones.

Only bytes and ints here (no datasketch/numpy): the gateway imports this module to delete a job's entries.

Keys (all under ``shared.keys.corpus_key``, so one client's index shares the hash tag ``{c:<client>}`` and
lives in one Redis Cluster slot; extra key builders are defined here on top of corpus_key):
- ``seq``: counter handing out 32-bit article numbers.
- ``rec``: hash, article number (4 bytes) -> record (header + band hashes + ids + evidence bytes).
- ``job:<job_id>``: hash, article id -> article number (what a job put in; used to delete it).
- ``jobs``: sorted set, job id -> expiry time (to purge jobs that expired without being deleted).
- ``b:<hhhh>``: 65,536 bucket hashes; a band hash's high 16 bits pick the key, its low 16 bits (2 raw
  bytes) are the field, the value is the concatenated 4-byte numbers of the articles with that band.
  Small hashes stay in Redis' compact listpack/ziplist encoding (~10 bytes per entry).

Every write is one Lua script (atomic): concurrent jobs of one client append to the same buckets without
read-modify-write races. Every key gets EXPIRE = retention at each insert, so an idle client's index
disappears by itself; records carry their own expiry, so expired articles are never reported.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Sequence
from dataclasses import dataclass

import redis

from shared.keys import corpus_key

BUCKET_BITS = 16
_RECORD_VERSION = 1
_HEADER = struct.Struct(">BIB")  # version, expires_at, band count

_INSERT = """
local ttl = tonumber(ARGV[1])
local expires_at = tonumber(ARGV[2])
local nb = tonumber(ARGV[3])
local n = tonumber(ARGV[4])
local job_id = ARGV[5]
local added, bytes = 0, 0
local a, k = 6, 5
for i = 1, n do
  local aid, rec = ARGV[a], ARGV[a + 1]
  if redis.call('HEXISTS', KEYS[4], aid) == 0 then
    local num = redis.call('INCR', KEYS[1])
    local packed = struct.pack('>I4', num)
    redis.call('HSET', KEYS[4], aid, num)
    redis.call('HSET', KEYS[2], packed, rec)
    bytes = bytes + #rec + 4
    for j = 0, nb - 1 do
      local key, field = KEYS[k + j], ARGV[a + 2 + j]
      local v = redis.call('HGET', key, field)
      if v then redis.call('HSET', key, field, v .. packed) else redis.call('HSET', key, field, packed) end
      redis.call('EXPIRE', key, ttl)
      bytes = bytes + 6
    end
    added = added + 1
  end
  a = a + 2 + nb
  k = k + nb
end
redis.call('ZADD', KEYS[3], 'NX', expires_at, job_id)
for i = 1, 4 do redis.call('EXPIRE', KEYS[i], ttl) end
return {added, bytes}
"""

_QUERY = """
local nb = tonumber(ARGV[1])
local maxc = tonumber(ARGV[2])
local out = {}
local k = 2
for q = 1, (#KEYS - 1) / nb do
  local seen, nums = {}, {}
  for j = 0, nb - 1 do
    local v = redis.call('HGET', KEYS[k + j], ARGV[k + j + 1])
    if v then
      for p = 1, #v, 4 do
        local num = string.sub(v, p, p + 3)
        if not seen[num] and #nums < maxc then seen[num] = true; nums[#nums + 1] = num end
      end
    end
  end
  local row = {}
  if #nums > 0 then
    local recs = redis.call('HMGET', KEYS[1], unpack(nums))
    for i = 1, #nums do
      if recs[i] then row[#row + 1] = nums[i]; row[#row + 1] = recs[i] end
    end
  end
  out[q] = row
  k = k + nb
end
return out
"""

_REMOVE = """
local nb = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local removed = 0
local a, k = 4, 4
for i = 1, n do
  local packed = ARGV[a]
  if redis.call('HDEL', KEYS[1], packed) == 1 then removed = removed + 1 end
  for j = 0, nb - 1 do
    local key, field = KEYS[k + j], ARGV[a + 1 + j]
    local v = redis.call('HGET', key, field)
    if v then
      local kept = {}
      for p = 1, #v, 4 do
        local num = string.sub(v, p, p + 3)
        if num ~= packed then kept[#kept + 1] = num end
      end
      if #kept == 0 then redis.call('HDEL', key, field) else redis.call('HSET', key, field, table.concat(kept)) end
    end
  end
  a = a + 1 + nb
  k = k + nb
end
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[1])
return removed
"""


@dataclass(frozen=True)
class IndexEntry:
    """One article to index: its id, 32-bit LSH band hashes and opaque evidence bytes."""

    article_id: str
    bands: Sequence[int]
    evidence: bytes


@dataclass(frozen=True)
class Candidate:
    """An indexed article that shares at least one band with a query."""

    job_id: str
    article_id: str
    matching_bands: int
    evidence: bytes


@dataclass(frozen=True)
class InsertReport:
    """What an insert did."""

    inserted: int
    skipped: int
    bytes_added: int


def bucket_key(client_id: str, band_hash: int) -> str:
    """The bucket hash holding one band hash (high BUCKET_BITS bits)."""
    return corpus_key(client_id, f"b:{band_hash >> (32 - BUCKET_BITS):04x}")


def job_index_key(client_id: str, job_id: str) -> str:
    """What one job put into the index (article id -> number)."""
    return corpus_key(client_id, f"job:{job_id}")


def _field(band_hash: int) -> bytes:
    return (band_hash & ((1 << (32 - BUCKET_BITS)) - 1)).to_bytes((32 - BUCKET_BITS) // 8, "big")


def encode_record(expires_at: int, bands: Sequence[int], job_id: str, article_id: str, evidence: bytes) -> bytes:
    """A record: header, band hashes (needed to delete the article), ids, evidence."""
    job = job_id.encode("utf-8")
    art = article_id.encode("utf-8")
    return (_HEADER.pack(_RECORD_VERSION, expires_at, len(bands)) + struct.pack(f">{len(bands)}I", *bands)
            + bytes([len(job)]) + job + bytes([len(art)]) + art + evidence)


def decode_record(data: bytes) -> tuple[int, list[int], str, str, bytes]:
    """(expires_at, bands, job_id, article_id, evidence) of a record."""
    version, expires_at, nb = _HEADER.unpack_from(data, 0)
    if version != _RECORD_VERSION:
        raise ValueError(f"unknown corpus record version {version}")
    pos = _HEADER.size
    bands = list(struct.unpack_from(f">{nb}I", data, pos))
    pos += 4 * nb
    jl = data[pos]
    job_id = data[pos + 1:pos + 1 + jl].decode("utf-8")
    pos += 1 + jl
    al = data[pos]
    article_id = data[pos + 1:pos + 1 + al].decode("utf-8")
    pos += 1 + al
    return expires_at, bands, job_id, article_id, data[pos:]


class CorpusIndex:
    """Per-client corpus index (see the module docstring for the layout)."""

    def __init__(self, redis_client: redis.Redis, ttl_seconds: int, *, max_candidates: int = 200) -> None:
        if ttl_seconds < 1:
            raise ValueError("ttl_seconds must be positive")
        self.redis = _binary_client(redis_client)
        self.ttl_seconds = ttl_seconds
        self.max_candidates = max_candidates
        self._insert = self.redis.register_script(_INSERT)
        self._query = self.redis.register_script(_QUERY)
        self._remove = self.redis.register_script(_REMOVE)

    def _base_keys(self, client_id: str, job_id: str) -> list[str]:
        return [corpus_key(client_id, "seq"), corpus_key(client_id, "rec"), corpus_key(client_id, "jobs"),
                job_index_key(client_id, job_id)]

    def insert(self, client_id: str, job_id: str, entries: Sequence[IndexEntry],
               now: float | None = None) -> InsertReport:
        """Add a job's articles (idempotent: articles already indexed for this job are skipped)."""
        if not entries:
            return InsertReport(0, 0, 0)
        nb = len(entries[0].bands)
        if any(len(e.bands) != nb for e in entries) or not 0 < nb < 256:
            raise ValueError("every entry needs the same number (1-255) of band hashes")
        if len(job_id.encode()) > 255 or any(len(e.article_id.encode()) > 255 for e in entries):
            raise ValueError("job and article ids must be at most 255 bytes")
        expires_at = int((time.time() if now is None else now) + self.ttl_seconds)
        keys = self._base_keys(client_id, job_id)
        args: list[str | bytes | int] = [self.ttl_seconds, expires_at, nb, len(entries), job_id]
        for e in entries:
            keys.extend(bucket_key(client_id, h) for h in e.bands)
            args.extend([e.article_id, encode_record(expires_at, e.bands, job_id, e.article_id, e.evidence)])
            args.extend(_field(h) for h in e.bands)
        added, nbytes = self._insert(keys=keys, args=args)
        return InsertReport(int(added), len(entries) - int(added), int(nbytes))

    def query(self, client_id: str, bands_per_article: Sequence[Sequence[int]], *, exclude_job: str | None = None,
              min_bands: int = 1, indexed_up_to: int | None = None,
              now: float | None = None) -> list[list[Candidate]]:
        """For each query (its band hashes), the live indexed articles sharing >= min_bands bands
        (counted exactly on the stored band hashes), most bands first; one round trip for all queries.
        `indexed_up_to` keeps only articles numbered up to that (numbers only grow: a re-run of a job passes
        its own last number and so sees what its first run saw, not jobs indexed after it)."""
        if not bands_per_article:
            return []
        nb = len(bands_per_article[0])
        keys = [corpus_key(client_id, "rec")]
        args: list[int | bytes] = [nb, self.max_candidates]
        for bands in bands_per_article:
            if len(bands) != nb:
                raise ValueError("every query needs the same number of band hashes")
            keys.extend(bucket_key(client_id, h) for h in bands)
            args.extend(_field(h) for h in bands)
        rows = self._query(keys=keys, args=args)
        current = time.time() if now is None else now
        out: list[list[Candidate]] = []
        for bands, row in zip(bands_per_article, rows, strict=True):
            found = []
            for num, raw in zip(row[::2], row[1::2], strict=True):
                if indexed_up_to is not None and struct.unpack(">I", num)[0] > indexed_up_to:
                    continue
                expires_at, stored, job_id, article_id, evidence = decode_record(raw)
                if expires_at < current or job_id == exclude_job:
                    continue
                same = sum(1 for x, y in zip(bands, stored, strict=False) if x == y)
                if same >= min_bands:
                    found.append(Candidate(job_id, article_id, same, evidence))
            found.sort(key=lambda c: -c.matching_bands)
            out.append(found)
        return out

    def remove_job(self, client_id: str, job_id: str) -> int:
        """Delete everything a job put into the client's index; returns the number of articles removed."""
        numbers = self.redis.hvals(job_index_key(client_id, job_id))
        rec_key = corpus_key(client_id, "rec")
        packed = [struct.pack(">I", int(n)) for n in numbers]
        records = self.redis.hmget(rec_key, packed) if packed else []
        keys = [rec_key, corpus_key(client_id, "jobs"), job_index_key(client_id, job_id)]
        args: list[str | bytes | int] = [job_id, 0, 0]
        nb = 0
        count = 0
        for num, raw in zip(packed, records, strict=True):
            if not isinstance(raw, bytes):
                continue
            _, bands, _, _, _ = decode_record(raw)
            if nb and len(bands) != nb:
                continue
            nb = len(bands)
            keys.extend(bucket_key(client_id, h) for h in bands)
            args.append(num)
            args.extend(_field(h) for h in bands)
            count += 1
        args[1], args[2] = nb, count
        return int(self._remove(keys=keys, args=args))

    def purge_expired(self, client_id: str, *, limit: int = 20, now: float | None = None) -> int:
        """Remove up to `limit` jobs whose retention has passed; returns the number of articles removed."""
        current = time.time() if now is None else now
        jobs = self.redis.zrangebyscore(corpus_key(client_id, "jobs"), "-inf", current, start=0, num=limit)
        return sum(self.remove_job(client_id, j.decode() if isinstance(j, bytes) else str(j))
                   for j in jobs)

    def job_last_number(self, client_id: str, job_id: str) -> int | None:
        """The highest article number a job received, None if the job is not indexed."""
        numbers = self.redis.hvals(job_index_key(client_id, job_id))
        return max(int(n) for n in numbers) if numbers else None

    def size(self, client_id: str) -> int:
        """Number of indexed articles of the client (live or not yet purged)."""
        return int(self.redis.hlen(corpus_key(client_id, "rec")))


def _binary_client(client: redis.Redis) -> redis.Redis:
    """The same server without response decoding (records are binary); reuses the client if it already is."""
    pool = client.connection_pool
    if not pool.connection_kwargs.get("decode_responses"):
        return client
    kwargs = {**pool.connection_kwargs, "decode_responses": False}
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs))
