"""A typed client for the Corroborate HTTP API (requests underneath); errors arrive as problem+json exceptions."""

from __future__ import annotations

import json
import mimetypes
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

JsonDict = dict[str, Any]
FINISHED = frozenset({"succeeded", "failed", "cancelled"})
DEFAULT_POLL_SECONDS = 1.0


class CorroborateError(Exception):
    """Anything the client could not do."""


class TransportError(CorroborateError):
    """The service could not be reached (connection refused, timeout, TLS)."""


@dataclass(frozen=True)
class Problem:
    """An RFC 9457 problem as the service sent it (or as the client made it from a non-problem answer)."""

    status: int
    title: str
    detail: str
    type: str = "about:blank"
    instance: str | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def from_response(cls, response: requests.Response) -> Problem:
        """The problem in a 4xx/5xx response; a plain one naming the status if the body is not a problem."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            text = " ".join(response.text.split())[:300]
            return cls(status=response.status_code, title=response.reason or "HTTP error",
                       detail=text or f"HTTP {response.status_code} with no problem details")
        known = {"status", "title", "detail", "type", "instance", "errors"}
        raw_errors = body.get("errors")
        errors: JsonDict = raw_errors if isinstance(raw_errors, dict) else {}
        return cls(status=int(body.get("status") or response.status_code), title=str(body.get("title") or ""),
                   detail=str(body.get("detail") or ""), type=str(body.get("type") or "about:blank"),
                   instance=body.get("instance"),
                   errors={str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in errors.items()},
                   extra={k: v for k, v in body.items() if k not in known})


class ApiError(CorroborateError):
    """The service answered with an error; `problem` carries its type, title, status, detail and field errors."""

    def __init__(self, problem: Problem, retry_after: float | None = None) -> None:
        self.problem = problem
        self.status = problem.status
        self.retry_after = retry_after
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"{self.problem.status} {self.problem.title}: {self.problem.detail}".rstrip(": ")]
        lines += [f"  {name}: {'; '.join(messages)}" for name, messages in sorted(self.problem.errors.items())]
        return "\n".join(lines)


@dataclass(frozen=True)
class ArticleState:
    """One article's state inside a job."""

    id: str
    source: str
    status: str
    error: JsonDict | None = None


@dataclass(frozen=True)
class Progress:
    """Where a job is: the stage and how many articles are accounted for."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class Job:
    """A job's status as the service reports it (`data` is the whole JSON body)."""

    id: str
    status: str
    progress: Progress
    articles: list[ArticleState]
    created_at: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    error: JsonDict | None = None
    report_url: str | None = None
    data: JsonDict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, body: JsonDict) -> Job:
        """A Job from GET /v1/jobs/{id}'s body."""
        progress = body.get("progress") or {}
        articles = [ArticleState(id=str(a.get("article_id") or a.get("id") or ""), source=str(a.get("source") or ""),
                                 status=str(a.get("status") or ""), error=a.get("error"))
                    for a in body.get("articles") or [] if isinstance(a, dict)]
        return cls(id=str(body["id"]), status=str(body.get("status") or ""),
                   progress=Progress(stage=str(progress.get("stage") or ""), done=int(progress.get("done") or 0),
                                     total=int(progress.get("total") or 0)),
                   articles=articles, created_at=body.get("created_at"), started_at=body.get("started_at"),
                   finished_at=body.get("finished_at"), error=body.get("error"),
                   report_url=body.get("report_url"), data=body)

    @property
    def finished(self) -> bool:
        """Succeeded, failed or cancelled: nothing more will happen to it."""
        return self.status in FINISHED

    @property
    def failed_articles(self) -> list[ArticleState]:
        """The articles that could not be analysed."""
        return [a for a in self.articles if a.status == "failed"]


@dataclass(frozen=True)
class JobPage:
    """One page of GET /v1/jobs."""

    jobs: list[Job]
    next_cursor: int | None


JobRef = Job | str
PathLike = str | os.PathLike[str]


def _job_id(job: JobRef) -> str:
    return job.id if isinstance(job, Job) else job


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


class Client:
    """Talks to one Corroborate service with one API key.

    >>> client = Client("http://127.0.0.1:8000", "dev-key")           # doctest: +SKIP
    >>> job = client.wait(client.submit(files=["a.txt", "b.html"]))   # doctest: +SKIP
    """

    def __init__(self, url: str, api_key: str, *, timeout: float = 60.0,
                 session: requests.Session | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"url must start with http:// or https:// (got {url!r})")
        if not api_key:
            raise ValueError("api_key must not be empty")
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers.update({"X-API-Key": api_key, "Accept": "application/json, application/problem+json"})

    # ---- HTTP ---------------------------------------------------------------------------------------

    def _request(self, method: str, path: str, ok: tuple[int, ...] = (200,), **kwargs: Any) -> requests.Response:
        try:
            response = self.session.request(method, self.url + path, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise TransportError(f"could not reach {self.url}: {exc}") from exc
        if response.status_code not in ok:
            raise ApiError(Problem.from_response(response), _retry_after(response))
        return response

    # ---- jobs ---------------------------------------------------------------------------------------

    def submit(self, articles: Sequence[JsonDict] | None = None, *, files: Sequence[PathLike] | None = None,
               sources: Sequence[str] | None = None, options: JsonDict | None = None,
               idempotency_key: str | None = None) -> Job:
        """Start a job on article objects ({"source", "text"|"html"|"url", ...}) and/or files (.txt, .html,
        .htm, .json); `sources` names the outlet of each .txt/.html file, in order (default: the file name)."""
        if not articles and not files:
            raise ValueError("give articles, files or both")
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        if not files:
            body: JsonDict = {"articles": list(articles or [])}
            if options:
                body["options"] = options
            response = self._request("POST", "/v1/jobs", ok=(202,), json=body, headers=headers)
            return Job.from_json(response.json())
        parts = [("files", (Path(f).name, Path(f).read_bytes(),
                            mimetypes.guess_type(str(f))[0] or "application/octet-stream")) for f in files]
        if articles:  # article objects travel as one more .json part beside the files
            parts.append(("files", ("articles.json", json.dumps(list(articles)).encode(), "application/json")))
        form: dict[str, Any] = {}
        if sources:
            form["source"] = list(sources)
        if options:
            form["options"] = json.dumps(options)
        response = self._request("POST", "/v1/jobs", ok=(202,), files=parts, data=form, headers=headers)
        return Job.from_json(response.json())

    def status(self, job: JobRef) -> Job:
        """The job's current status."""
        return Job.from_json(self._request("GET", f"/v1/jobs/{_job_id(job)}").json())

    def wait(self, job: JobRef, progress: Callable[[Job], None] | None = None, *,
             timeout: float | None = None, sleep: Callable[[float], None] = time.sleep) -> Job:
        """Poll until the job is finished, waiting as long as the service's Retry-After says between polls
        (conditional requests, so an unchanged status costs a 304); `progress` sees every change."""
        job_id = _job_id(job)
        deadline = None if timeout is None else time.monotonic() + timeout
        current: Job | None = None
        etag: str | None = None
        pause = DEFAULT_POLL_SECONDS
        while True:
            headers = {"If-None-Match": etag} if etag else {}
            response = self._request("GET", f"/v1/jobs/{job_id}", ok=(200, 304), headers=headers)
            if response.status_code == 200 or current is None:
                current = Job.from_json(response.json()) if response.status_code == 200 else self.status(job_id)
                etag = response.headers.get("ETag")
                if progress is not None:
                    progress(current)
            if current.finished:
                return current
            # a 304 carries no Retry-After: keep the last one the service sent
            pause = _retry_after(response) or pause
            if deadline is not None and time.monotonic() + pause > deadline:
                raise TimeoutError(f"job {job_id} is still {current.status} ({current.progress.stage})")
            sleep(pause)

    def result(self, job: JobRef) -> JsonDict:
        """The whole result of a succeeded job (a 409 ApiError says why there is none)."""
        return dict(self._request("GET", f"/v1/jobs/{_job_id(job)}/result").json())

    def report(self, job: JobRef) -> str:
        """The job's HTML report."""
        return self._request("GET", f"/v1/jobs/{_job_id(job)}/report", headers={"Accept": "text/html"}).text

    def report_link(self, job: JobRef) -> str:
        """A short-lived signed link to the report that opens in a browser without the API key."""
        current = job if isinstance(job, Job) and job.report_url else self.status(job)
        if not current.report_url:
            raise CorroborateError(f"job {current.id} is {current.status}: a report link exists once it has "
                                   "succeeded (and only when the service has REPORT_LINK_SECRET set)")
        return current.report_url

    def list(self, limit: int = 20, cursor: int = 0) -> JobPage:
        """One page of this key's jobs, newest first."""
        body = self._request("GET", "/v1/jobs", params={"limit": limit, "cursor": cursor}).json()
        return JobPage(jobs=[Job.from_json(j) for j in body.get("jobs") or []], next_cursor=body.get("next_cursor"))

    def jobs(self, page_size: int = 50) -> Iterator[Job]:
        """Every job of this key, newest first, fetched page by page."""
        cursor: int | None = 0
        while cursor is not None:
            page = self.list(page_size, cursor)
            yield from page.jobs
            cursor = page.next_cursor

    def delete(self, job: JobRef) -> None:
        """Cancel the job if unfinished and delete it (its report links stop working)."""
        self._request("DELETE", f"/v1/jobs/{_job_id(job)}", ok=(204,))
