"""The job store: the one module that reads and writes a job's state in Redis.

Every key of a job expires at the same instant (created_at + JOB_TTL_SECONDS); deleting a job removes them
all. Writes from workers go through Lua scripts that refuse to touch a job that is gone or finished, so a
late or redelivered task can never resurrect a deleted job or change a finished one.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import redis

from shared import keys
from shared.budgets import JobSize
from shared.corpus_index import CorpusIndex
from shared.furniture_memory import FurnitureMemory
from shared.job_meta import JobMeta
from shared.metrics import JOBS, Metrics
from shared.tasks import FINISHED, JobStatus, Stage

JsonDict = dict[str, Any]
IDEMPOTENCY_RESERVATION_SECONDS = 120  # how long a POST may take between reserving its key and binding the job

_SAVE_ARTICLE = """
local status = redis.call('HGET', KEYS[1], 'status')
if (not status) or (status ~= 'running' and status ~= 'queued') then return -1 end
if ARGV[4] == 'error' and redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then
  return redis.call('HLEN', KEYS[3]) + redis.call('HLEN', KEYS[4])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[4] == 'ok' then redis.call('HDEL', KEYS[4], ARGV[1]) end
redis.call('EXPIREAT', KEYS[2], redis.call('HGET', KEYS[1], 'expires_at'))
redis.call('HSET', KEYS[1], 'updated_at', ARGV[3])
return redis.call('HLEN', KEYS[3]) + redis.call('HLEN', KEYS[4])
"""

_GUARDED_HSET = """
local status = redis.call('HGET', KEYS[1], 'status')
if (not status) or (status ~= 'running' and status ~= 'queued') then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIREAT', KEYS[2], redis.call('HGET', KEYS[1], 'expires_at'))
redis.call('HSET', KEYS[1], 'updated_at', ARGV[3])
return 1
"""

_CLAIM = """
local status = redis.call('HGET', KEYS[1], 'status')
if (not status) or (status ~= 'running' and status ~= 'queued') then return 0 end
local claimed = redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIREAT', KEYS[2], redis.call('HGET', KEYS[1], 'expires_at'))
return claimed
"""

_COMPARE_AND_SET = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
"""

_FINISH = """
local status = redis.call('HGET', KEYS[1], 'status')
if (not status) or (status ~= 'running' and status ~= 'queued') then return 0 end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2])
  redis.call('EXPIREAT', KEYS[2], redis.call('HGET', KEYS[1], 'expires_at'))
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'stage', 'done', 'finished_at', ARGV[3], 'updated_at', ARGV[4],
           'error', ARGV[5])
return 1
"""


def now_iso() -> str:
    """The current time as an ISO 8601 UTC string."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_job_id() -> str:
    """A job id carrying 160 random bits (URL-safe)."""
    return "job_" + secrets.token_hex(20)


@dataclass(frozen=True)
class IdempotencyOutcome:
    """What a reserved Idempotency-Key says about a POST."""

    kind: Literal["new", "replay", "in_flight", "mismatch"]
    job_id: str | None = None


class JobStore:
    """Reads and writes jobs; the only code that knows the job keys."""

    def __init__(self, client: redis.Redis, *, ttl_seconds: int, tombstone_seconds: int = 3600,
                 idempotency_seconds: int = 24 * 3600) -> None:
        # redis-py's type hints cannot express decode_responses=True (every reply is typed bytes | str);
        # the store always decodes, so it treats the client as untyped.
        self._redis: Any = client
        self.ttl_seconds = ttl_seconds
        self.tombstone_seconds = tombstone_seconds
        self.idempotency_seconds = idempotency_seconds
        self._save_article = client.register_script(_SAVE_ARTICLE)
        self._guarded_hset = client.register_script(_GUARDED_HSET)
        self._claim = client.register_script(_CLAIM)
        self._finish = client.register_script(_FINISH)
        self._compare_and_set = client.register_script(_COMPARE_AND_SET)
        self._corpus: CorpusIndex | None = None
        self.metrics = Metrics(client)

    @property
    def corpus(self) -> CorpusIndex:
        """The clients' corpus index (deduplication across jobs), whose entries die with their job."""
        if self._corpus is None:
            self._corpus = CorpusIndex(self._redis, self.ttl_seconds)
        return self._corpus

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> JobStore:
        """A store on a fresh connection pool (decoded strings, timeouts, health checks)."""
        client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=10,
                                      socket_connect_timeout=10, health_check_interval=25,
                                      retry_on_timeout=True)
        return cls(client, **kwargs)

    # ---- creation and reading (gateway) -------------------------------------------------------------

    def create_job(self, client_id: str, articles: list[JsonDict], options: JsonDict) -> str:
        """Store a job and its inputs atomically; return its id. Articles must carry unique ids."""
        job_id = new_job_id()
        now = time.time()
        expires_at = int(now) + self.ttl_seconds
        meta = {
            "id": job_id, "client": client_id, "status": JobStatus.QUEUED.value, "stage": Stage.QUEUED.value,
            "created_at": now_iso(), "started_at": "", "finished_at": "", "updated_at": repr(now),
            "expires_at": str(expires_at), "total": str(len(articles)), "error": "",
            "chars": str(sum(_body_chars(a) for a in articles)),
            "largest_chars": str(max((_body_chars(a) for a in articles), default=0)),
            "options": json.dumps(options), "redrives": "0",
            "articles": json.dumps([{"id": a["id"], "source": a["source"]} for a in articles]),
        }
        pipe = self._redis.pipeline(transaction=True)
        pipe.hset(keys.job_key(job_id, keys.JOB_META), mapping=meta)
        pipe.hset(keys.job_key(job_id, keys.JOB_INPUTS),
                  mapping={a["id"]: json.dumps(a, ensure_ascii=False) for a in articles})
        pipe.rpush(keys.job_key(job_id, keys.JOB_ORDER), *[a["id"] for a in articles])
        for part in (keys.JOB_META, keys.JOB_INPUTS, keys.JOB_ORDER):
            pipe.expireat(keys.job_key(job_id, part), expires_at)
        pipe.zadd(keys.client_jobs_key(client_id), {job_id: now})
        pipe.expire(keys.client_jobs_key(client_id), self.ttl_seconds + self.tombstone_seconds)
        pipe.zadd(keys.active_jobs_key(), {job_id: now})
        pipe.execute()
        return job_id

    def get_meta(self, job_id: str, client_id: str | None = None) -> JobMeta | None:
        """The job's meta record, or None if unknown, expired or (when client_id is given) not the client's."""
        raw = self._redis.hgetall(keys.job_key(job_id, keys.JOB_META))
        if not raw or "status" not in raw:
            return None
        if client_id is not None and not secrets.compare_digest(raw.get("client", ""), client_id):
            return None
        return JobMeta.parse(raw)

    def status(self, job_id: str, client_id: str | None = None) -> JsonDict | None:
        """The public status body of a job (see shared.schemas.JobStatusSchema), links excluded."""
        meta = self.get_meta(job_id, client_id)
        if meta is None:
            return None
        pipe = self._redis.pipeline(transaction=False)
        pipe.hkeys(keys.job_key(job_id, keys.JOB_EXTRACTED))
        pipe.hgetall(keys.job_key(job_id, keys.JOB_ERRORS))
        done_ids, errors = pipe.execute()
        return _status_body(meta, set(done_ids), {k: json.loads(v) for k, v in errors.items()})

    def list_jobs(self, client_id: str, cursor: int, limit: int) -> tuple[list[JsonDict], int | None]:
        """A page of the client's jobs, newest first, and the cursor of the next page (None at the end)."""
        index = keys.client_jobs_key(client_id)
        self._redis.zremrangebyscore(index, "-inf", time.time() - self.ttl_seconds - self.tombstone_seconds)
        ids = self._redis.zrevrange(index, cursor, cursor + limit - 1)
        jobs = []
        for job_id in ids:
            body = self.status(job_id, client_id)
            if body is None:
                self._redis.zrem(index, job_id)
                continue
            jobs.append(body)
        next_cursor = cursor + limit if self._redis.zcard(index) > cursor + limit else None
        return jobs, next_cursor

    def get_result(self, job_id: str) -> str | None:
        """The stored result JSON of a succeeded job."""
        return self._redis.get(keys.job_key(job_id, keys.JOB_RESULT))

    def delete_job(self, job_id: str, client_id: str) -> bool:
        """Cancel (if unfinished) and delete a job's data. An unfinished job leaves a short tombstone whose
        status is 'cancelled', so in-flight tasks stop and pollers see what happened."""
        meta = self.get_meta(job_id, client_id)
        if meta is None:
            return False
        meta_key = keys.job_key(job_id, keys.JOB_META)
        others = [k for k in keys.job_keys(job_id) if k != meta_key]
        pipe = self._redis.pipeline(transaction=True)
        if meta.status in FINISHED:
            pipe.delete(meta_key, *others)
            pipe.zrem(keys.client_jobs_key(client_id), job_id)
        else:
            pipe.delete(*others)
            pipe.hset(meta_key, mapping={"status": JobStatus.CANCELLED.value, "finished_at": now_iso(),
                                         "updated_at": repr(time.time())})
            pipe.expire(meta_key, self.tombstone_seconds)
        pipe.zrem(keys.active_jobs_key(), job_id)
        pipe.execute()
        self.corpus.remove_job(client_id, job_id)
        if meta.status not in FINISHED:
            self.metrics.count(JOBS, {"state": JobStatus.CANCELLED.value})
        return True

    def purge_job(self, job_id: str) -> None:
        """Remove every trace of a job that could not be queued (no half-written job is left)."""
        meta = self.get_meta(job_id)
        pipe = self._redis.pipeline(transaction=True)
        pipe.delete(*keys.job_keys(job_id))
        if meta is not None:
            pipe.zrem(keys.client_jobs_key(meta.client), job_id)
        pipe.zrem(keys.active_jobs_key(), job_id)
        pipe.execute()
        if meta is not None:
            self.corpus.remove_job(meta.client, job_id)

    # ---- idempotency (gateway) ----------------------------------------------------------------------

    def reserve_idempotency(self, client_id: str, key: str, fingerprint: str) -> IdempotencyOutcome:
        """Claim an Idempotency-Key for a request body, or say what an earlier use of it decided.

        A key whose job has since been deleted or expired is taken over by exactly one caller: the
        stale record is swapped for a fresh reservation with a compare-and-set, so concurrent retries
        see that reservation (in flight) instead of each starting a job.
        """
        redis_key = keys.idempotency_key(client_id, key)
        reservation = json.dumps({"fingerprint": fingerprint, "job_id": None})
        for _ in range(5):
            if self._redis.set(redis_key, reservation, nx=True, ex=IDEMPOTENCY_RESERVATION_SECONDS):
                return IdempotencyOutcome("new")
            stored = self._redis.get(redis_key)
            if stored is None:  # expired between the two calls: try again
                continue
            data = json.loads(stored)
            if data["fingerprint"] != fingerprint:
                return IdempotencyOutcome("mismatch", data["job_id"])
            if data["job_id"] is None:
                return IdempotencyOutcome("in_flight")
            if self._redis.exists(keys.job_key(data["job_id"], keys.JOB_META)):
                return IdempotencyOutcome("replay", data["job_id"])
            if self._compare_and_set(keys=[redis_key], args=[stored, reservation, IDEMPOTENCY_RESERVATION_SECONDS]):
                return IdempotencyOutcome("new")
            # another retry took the key over first: look again at what it holds now
        return IdempotencyOutcome("in_flight")

    def complete_idempotency(self, client_id: str, key: str, fingerprint: str, job_id: str) -> None:
        """Bind a reserved Idempotency-Key to the job it created."""
        self._redis.set(keys.idempotency_key(client_id, key),
                       json.dumps({"fingerprint": fingerprint, "job_id": job_id}), ex=self.idempotency_seconds)

    def release_idempotency(self, client_id: str, key: str) -> None:
        """Free a reserved key after the request failed, so a retry can go through."""
        self._redis.delete(keys.idempotency_key(client_id, key))

    # ---- worker side --------------------------------------------------------------------------------

    def article_ids(self, job_id: str) -> list[str]:
        """The job's article ids in submission order."""
        return self._redis.lrange(keys.job_key(job_id, keys.JOB_ORDER), 0, -1)

    def get_input(self, job_id: str, article_id: str) -> JsonDict | None:
        """One submitted article."""
        raw = self._redis.hget(keys.job_key(job_id, keys.JOB_INPUTS), article_id)
        return None if raw is None else json.loads(raw)

    def replace_input(self, job_id: str, article_id: str, article: JsonDict) -> bool:
        """Overwrite one submitted article (a fetched URL's page becomes its body, so a redelivered task does
        not fetch again). False if the job is gone or finished."""
        return bool(self._guarded_hset(
            keys=[keys.job_key(job_id, keys.JOB_META), keys.job_key(job_id, keys.JOB_INPUTS)],
            args=[article_id, json.dumps(article, ensure_ascii=False), repr(time.time())]))

    def inputs(self, job_id: str) -> dict[str, JsonDict]:
        """Every submitted article of the job, by id."""
        raw = self._redis.hgetall(keys.job_key(job_id, keys.JOB_INPUTS))
        return {k: json.loads(v) for k, v in raw.items()}

    def mark_running(self, job_id: str) -> bool:
        """queued -> running (stage extract). True if the job is running now, False if gone or finished."""
        meta_key = keys.job_key(job_id, keys.JOB_META)
        status = self._redis.hget(meta_key, "status")
        if status == JobStatus.RUNNING.value:
            return True
        if status != JobStatus.QUEUED.value:
            return False
        self._redis.hset(meta_key, mapping={"status": JobStatus.RUNNING.value, "stage": Stage.EXTRACT.value,
                                           "started_at": now_iso(), "updated_at": repr(time.time())})
        self.touch(job_id)
        self.metrics.count(JOBS, {"state": JobStatus.RUNNING.value})
        return True

    def save_extraction(self, job_id: str, article_id: str, data: JsonDict) -> tuple[int, int] | None:
        """Store one article's extraction. Returns (articles accounted for, total), None if the job is gone."""
        return self._store_article(job_id, article_id, data, "ok")

    def save_article_error(self, job_id: str, article_id: str, error: JsonDict) -> tuple[int, int] | None:
        """Record that one article failed (unless it already succeeded). Same return as save_extraction."""
        return self._store_article(job_id, article_id, error, "error")

    def _store_article(self, job_id: str, article_id: str, payload: JsonDict,
                       kind: Literal["ok", "error"]) -> tuple[int, int] | None:
        target = keys.JOB_EXTRACTED if kind == "ok" else keys.JOB_ERRORS
        meta_key = keys.job_key(job_id, keys.JOB_META)
        accounted = int(self._save_article(
            keys=[meta_key, keys.job_key(job_id, target), keys.job_key(job_id, keys.JOB_EXTRACTED),
                  keys.job_key(job_id, keys.JOB_ERRORS)],
            args=[article_id, json.dumps(payload, ensure_ascii=False), repr(time.time()), kind]))
        if accounted < 0:
            return None
        self.touch(job_id)
        return accounted, int(self._redis.hget(meta_key, "total") or 0)

    def is_extracted(self, job_id: str, article_id: str) -> bool:
        """Whether the article already has an extraction (a redelivered task can skip the work)."""
        return bool(self._redis.hexists(keys.job_key(job_id, keys.JOB_EXTRACTED), article_id))

    def extracted_ids(self, job_id: str) -> set[str]:
        """Article ids with a successful extraction (without loading the extractions)."""
        return set(self._redis.hkeys(keys.job_key(job_id, keys.JOB_EXTRACTED)))

    def accounted_ids(self, job_id: str) -> set[str]:
        """Article ids that are done or failed."""
        pipe = self._redis.pipeline(transaction=False)
        pipe.hkeys(keys.job_key(job_id, keys.JOB_EXTRACTED))
        pipe.hkeys(keys.job_key(job_id, keys.JOB_ERRORS))
        done, failed = pipe.execute()
        return set(done) | set(failed)

    def counts(self, job_id: str) -> tuple[int, int]:
        """(articles done or failed, total)."""
        total = int(self._redis.hget(keys.job_key(job_id, keys.JOB_META), "total") or 0)
        return len(self.accounted_ids(job_id)), total

    def extractions(self, job_id: str) -> dict[str, JsonDict]:
        """Every successful extraction of the job, by article id."""
        raw = self._redis.hgetall(keys.job_key(job_id, keys.JOB_EXTRACTED))
        return {k: json.loads(v) for k, v in raw.items()}

    def article_errors(self, job_id: str) -> dict[str, JsonDict]:
        """Every article error of the job, by article id."""
        raw = self._redis.hgetall(keys.job_key(job_id, keys.JOB_ERRORS))
        return {k: json.loads(v) for k, v in raw.items()}

    def save_stage(self, job_id: str, stage: Stage, data: JsonDict) -> bool:
        """Store a job-level stage's output (overwrite: idempotent). False if the job is gone or finished."""
        return bool(self._guarded_hset(
            keys=[keys.job_key(job_id, keys.JOB_META), keys.job_key(job_id, keys.JOB_STAGES)],
            args=[stage.value, json.dumps(data, ensure_ascii=False), repr(time.time())]))

    def save_line_fingerprints(self, job_id: str, article_id: str, data: JsonDict) -> bool:
        """Store an article's line fingerprints (overwrite: idempotent). False if the job is gone or finished."""
        return bool(self._guarded_hset(
            keys=[keys.job_key(job_id, keys.JOB_META), keys.job_key(job_id, keys.JOB_LINES)],
            args=[article_id, json.dumps(data), repr(time.time())]))

    def line_fingerprints(self, job_id: str, article_ids: list[str]) -> dict[str, JsonDict]:
        """The stored line fingerprints of those articles that have them."""
        if not article_ids:
            return {}
        raw = self._redis.hmget(keys.job_key(job_id, keys.JOB_LINES), article_ids)
        return {a: json.loads(v) for a, v in zip(article_ids, raw, strict=True) if v is not None}

    def get_stage(self, job_id: str, stage: Stage) -> JsonDict | None:
        """A stage's stored output, if any."""
        raw = self._redis.hget(keys.job_key(job_id, keys.JOB_STAGES), stage.value)
        return None if raw is None else json.loads(raw)

    def set_stage(self, job_id: str, stage: Stage) -> bool:
        """Record the stage a running job is in."""
        return bool(self._guarded_hset(
            keys=[keys.job_key(job_id, keys.JOB_META), keys.job_key(job_id, keys.JOB_META)],
            args=["stage", stage.value, repr(time.time())]))

    def claim(self, job_id: str, what: str) -> bool:
        """True exactly once per (job, what): who dispatches the next stage when several tasks race."""
        return bool(self._claim(keys=[keys.job_key(job_id, keys.JOB_META), keys.job_key(job_id, keys.JOB_CLAIMS)],
                                args=[what, repr(time.time())]))

    def finish(self, job_id: str, status: JobStatus, result: JsonDict | None,
               error: JsonDict | None = None, finished_at: str | None = None) -> bool:
        """Store the result and the terminal status in one step. False if the job was gone or finished."""
        now = time.time()
        done = bool(self._finish(
            keys=[keys.job_key(job_id, keys.JOB_META), keys.job_key(job_id, keys.JOB_RESULT)],
            args=[status.value, "" if result is None else json.dumps(result, ensure_ascii=False),
                  finished_at or now_iso(),
                  repr(now), "" if error is None else json.dumps(error)]))
        self._redis.zrem(keys.active_jobs_key(), job_id)
        if done:
            self.metrics.count(JOBS, {"state": status.value})
        return done

    def jobs_in_progress(self) -> int:
        """How many jobs are queued or running (the watchdog's list)."""
        return int(self._redis.zcard(keys.active_jobs_key()))

    def touch(self, job_id: str) -> None:
        """Note progress on an unfinished job (the watchdog's clock)."""
        self._redis.zadd(keys.active_jobs_key(), {job_id: time.time()})

    def job_size(self, job_id: str) -> JobSize:
        """The job's size as recorded at creation (what its budgets scale with)."""
        total, chars, largest = self._redis.hmget(keys.job_key(job_id, keys.JOB_META),
                                                  ["total", "chars", "largest_chars"])
        return JobSize(articles=int(total or 0), chars=int(chars or 0), largest=int(largest or 0))

    def idle_seconds(self, job_id: str) -> float | None:
        """Seconds since the job's last progress (None if it is not active)."""
        score = self._redis.zscore(keys.active_jobs_key(), job_id)
        return None if score is None else time.time() - float(score)

    def stalled_jobs(self, older_than_seconds: float) -> list[str]:
        """Unfinished jobs with no progress for the given time."""
        return self._redis.zrangebyscore(
            keys.active_jobs_key(), "-inf", time.time() - older_than_seconds)

    def forget_active(self, job_id: str) -> None:
        """Drop a job from the watchdog's list (it is gone or finished)."""
        self._redis.zrem(keys.active_jobs_key(), job_id)

    def count_redrive(self, job_id: str) -> int:
        """Count one watchdog re-drive of the job; returns the new count."""
        return int(self._redis.hincrby(keys.job_key(job_id, keys.JOB_META), "redrives", 1))

    def corpus_for(self, meta: JobMeta) -> CorpusIndex:
        """The corpus index as a job's stage writes to it: its entries expire with the job."""
        return CorpusIndex(self._redis, meta.seconds_left())

    @property
    def furniture(self) -> FurnitureMemory:
        """Lines each source repeats across a client's jobs (kept as long as jobs are)."""
        return FurnitureMemory(self._redis, self.ttl_seconds)

    def is_cancelled(self, job_id: str) -> bool:
        """Whether the job was deleted while unfinished (its meta is a 'cancelled' tombstone)."""
        return self._redis.hget(keys.job_key(job_id, keys.JOB_META), "status") == JobStatus.CANCELLED.value

    def mark_worker_ready(self, worker: str, ttl_seconds: int) -> None:
        """A worker says its pool children are warm (refreshed while it runs; expires if it dies)."""
        self._redis.set(keys.worker_ready_key(worker), repr(time.time()), ex=ttl_seconds)

    def forget_worker(self, worker: str) -> None:
        """A worker shutting down withdraws its readiness."""
        self._redis.delete(keys.worker_ready_key(worker))

    def ready_workers(self) -> list[str]:
        """Workers whose pools are warm, by name."""
        prefix = keys.worker_ready_key("")
        return sorted(k[len(prefix):] for k in self._redis.scan_iter(keys.worker_ready_pattern(), count=100))

    def ping(self) -> bool:
        """Whether Redis answers."""
        return bool(self._redis.ping())


def _body_chars(article: JsonDict) -> int:
    return len(article.get("text") or article.get("html") or "")


def _status_body(meta: JobMeta, done_ids: set[str], errors: dict[str, JsonDict]) -> JsonDict:
    articles = []
    for article in meta.articles:
        state = "done" if article.id in done_ids else "failed" if article.id in errors else "pending"
        # `article_id`, as in the result; `id` is its deprecated alias, kept for one version
        articles.append({"article_id": article.id, "id": article.id, "source": article.source, "status": state,
                         "error": errors.get(article.id) if state == "failed" else None})
    return {
        "id": meta.id,
        "status": meta.status.value,
        "created_at": meta.created_at,
        "started_at": meta.started_at,
        "finished_at": meta.finished_at,
        "progress": {"stage": meta.stage.value, "done": len(done_ids) + len(errors), "total": meta.total},
        "articles": articles,
        "error": meta.error,
    }
