"""Every Redis key the service writes, in one place.

Keys of one job share the hash tag ``{job_id}`` so that in a Redis Cluster they live in one slot (the job
store's Lua scripts touch several of them at once); keys of one client's corpus index share ``{c:client}``.
"""

from __future__ import annotations

PREFIX = "cb"

# Per-job keys (all expire with the job).
JOB_META = "meta"  # hash: status, client, timestamps, stage, counters
JOB_INPUTS = "inputs"  # hash: article id -> input article JSON
JOB_ORDER = "order"  # list: article ids in submission order
JOB_EXTRACTED = "extracted"  # hash: article id -> extraction JSON
JOB_ERRORS = "errors"  # hash: article id -> error JSON
JOB_STAGES = "stages"  # hash: stage name -> stage output JSON
JOB_RESULT = "result"  # string: the whole result JSON
JOB_DISPATCH = "dispatch"  # hash: stage/article -> last dispatch time (watchdog bookkeeping)
JOB_CLAIMS = "claims"  # hash: stage -> "1" once its task has been dispatched for the first time
JOB_LINES = "lines"  # hash: article id -> its content lines' fingerprints JSON (computed once per article)

JOB_PARTS = (JOB_META, JOB_INPUTS, JOB_ORDER, JOB_EXTRACTED, JOB_ERRORS, JOB_STAGES, JOB_RESULT,
             JOB_DISPATCH, JOB_CLAIMS, JOB_LINES)


def job_key(job_id: str, part: str) -> str:
    """The key of one part of a job."""
    return f"{PREFIX}:job:{{{job_id}}}:{part}"


def job_keys(job_id: str) -> list[str]:
    """Every key a job can own."""
    return [job_key(job_id, part) for part in JOB_PARTS]


def client_jobs_key(client_id: str) -> str:
    """Sorted set of a client's job ids, scored by creation time."""
    return f"{PREFIX}:client:{{c:{client_id}}}:jobs"


def idempotency_key(client_id: str, key: str) -> str:
    """A client's Idempotency-Key record."""
    return f"{PREFIX}:client:{{c:{client_id}}}:idem:{key}"


def active_jobs_key() -> str:
    """Sorted set of unfinished job ids scored by last progress time: what the watchdog looks at."""
    return f"{PREFIX}:active"


def corpus_key(client_id: str, part: str) -> str:
    """One part of a client's corpus index (see shared/corpus_index.py)."""
    return f"{PREFIX}:corpus:{{c:{client_id}}}:{part}"


def furniture_lines_key(client_id: str, source_digest: str) -> str:
    """Hash of line fingerprint -> number of a client's earlier articles of one source containing it."""
    return f"{PREFIX}:furniture:{{c:{client_id}}}:{source_digest}"


def worker_ready_key(worker: str) -> str:
    """A worker's readiness record: present (with a short TTL, refreshed) while its pool is warm."""
    return f"{PREFIX}:worker:ready:{worker}"


def worker_ready_pattern() -> str:
    """Pattern matching every worker's readiness record."""
    return f"{PREFIX}:worker:ready:*"


def metrics_key(metric: str) -> str:
    """Hash of one metric family: a field per label set (see shared/metrics.py)."""
    return f"{PREFIX}:metrics:{metric}"
