"""A job's meta record (the job store's meta hash, parsed once into types)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from shared.tasks import JobStatus, Stage

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class ArticleRef:
    """An article of a job as the meta record lists it."""

    id: str
    source: str


@dataclass(frozen=True)
class JobMeta:
    """A job's meta hash, parsed once."""

    id: str
    client: str
    status: JobStatus
    stage: Stage
    created_at: str
    started_at: str | None
    finished_at: str | None
    expires_at: int
    total: int
    error: JsonDict | None
    options: JsonDict
    redrives: int
    articles: tuple[ArticleRef, ...]

    @classmethod
    def parse(cls, raw: dict[str, str]) -> JobMeta:
        """From the stored hash (every field a string; a cancelled tombstone keeps them all)."""
        return cls(
            id=raw["id"], client=raw.get("client", ""), status=JobStatus(raw["status"]),
            stage=Stage(raw.get("stage") or Stage.QUEUED.value), created_at=raw.get("created_at", ""),
            started_at=raw.get("started_at") or None, finished_at=raw.get("finished_at") or None,
            expires_at=int(raw.get("expires_at") or 0), total=int(raw.get("total") or 0),
            error=json.loads(raw["error"]) if raw.get("error") else None,
            options=json.loads(raw.get("options") or "{}"), redrives=int(raw.get("redrives") or 0),
            articles=tuple(ArticleRef(a["id"], a["source"]) for a in json.loads(raw.get("articles") or "[]")))

    @property
    def unfinished(self) -> bool:
        """Queued or running."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    def seconds_left(self) -> int:
        """Seconds until the job expires (at least 1): what its derived data may live."""
        return max(1, self.expires_at - int(time.time()))
