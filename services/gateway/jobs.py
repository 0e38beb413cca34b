"""/v1/jobs: submit, list, poll, fetch results, cancel."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from flask import Response, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from services.gateway import links
from services.gateway.auth import authenticate
from services.gateway.context import gateway
from services.gateway.problems import ProblemError
from services.gateway.submission import fingerprint, parse_submission
from shared.metrics import JOBS
from shared.schemas import JobListArgsSchema, JobListSchema, JobStatusSchema, ProblemSchema
from shared.tasks import FINISHED, JobStatus

log = logging.getLogger(__name__)
blp = Blueprint("jobs", __name__, url_prefix="/v1/jobs", description="Analysis jobs: submit articles, "
                "poll the job, fetch its result.")

AUTH_ERRORS = [401]
ARTICLE_BODY = {"type": "object", "required": ["source"], "properties": {
    "id": {"type": "string"}, "source": {"type": "string"}, "title": {"type": "string"},
    "url": {"type": "string"}, "published_at": {"type": "string", "format": "date-time"},
    "text": {"type": "string"}, "html": {"type": "string"}}, "additionalProperties": False}
SUBMIT_DOC: dict[str, Any] = {
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/JobCreate"}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": ".txt, .html, .htm or .json (an article object or a list of them)"},
            "source": {"type": "array", "items": {"type": "string"},
                       "description": "One per .txt/.html file, in order; default: the file name"},
            "options": {"type": "string", "description": "JSON object, as in the JSON body"}}}}}},
    "parameters": [{"in": "header", "name": "Idempotency-Key", "required": False,
                    "schema": {"type": "string", "maxLength": 255},
                    "description": "A retried POST with the same key and body returns the first job."}],
}


def _not_found(job_id: str) -> ProblemError:
    return ProblemError(404, f"No job {job_id!r} exists for this API key (or it has expired).",
                        kind="job-not-found")


def _in_flight() -> ProblemError:
    return ProblemError(409, "A request with this Idempotency-Key is still being processed.",
                        kind="idempotency-in-flight", headers={"Retry-After": "1"})


def _with_links(body: dict[str, Any], client: str) -> dict[str, Any]:
    job_id = body["id"]
    body["links"] = {"self": url_for("jobs.Job", job_id=job_id),
                     "result": url_for("jobs.result", job_id=job_id),
                     "report": url_for("jobs.report", job_id=job_id)}
    settings = gateway().settings
    if body["status"] == JobStatus.SUCCEEDED.value and settings.report_link_secret:
        expires = links.expiry(settings.report_link_seconds)
        body["report_url"] = url_for("jobs.report", job_id=job_id, exp=expires, _external=True,
                                     sig=links.sign(settings.report_link_secret, job_id, client, expires))
        body["report_url_expires_at"] = datetime.fromtimestamp(expires, UTC).isoformat().replace("+00:00", "Z")
    return body


def _poll_headers(body: dict[str, Any]) -> dict[str, str]:
    if body["status"] in FINISHED:
        return {}
    return {"Retry-After": str(gateway().settings.retry_after_seconds)}


@blp.route("")
class Jobs(MethodView):
    """The collection of the caller's jobs."""

    @blp.doc(**SUBMIT_DOC)
    @blp.response(202, JobStatusSchema, description="Accepted: the articles are stored and the job is queued.")
    @blp.alt_response(409, schema=ProblemSchema, description="The same Idempotency-Key is still in flight.")
    @blp.alt_response(413, schema=ProblemSchema, description="Body larger than MAX_BODY_BYTES.")
    @blp.alt_response(415, schema=ProblemSchema, description="Not JSON or multipart; a file type not accepted.")
    @blp.alt_response(422, schema=ProblemSchema, description="Invalid fields, named in `errors`.")
    def post(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Submit articles about one event; answers at once with the job's id and status."""
        gw = gateway()
        client = authenticate(gw.settings.api_keys)
        articles, options = parse_submission(gw.settings)
        key = request.headers.get("Idempotency-Key")
        digest = fingerprint(articles, options)
        if key is not None:
            replay = self._check_idempotency(client, key, digest)
            if replay is not None:
                return replay
        try:
            job_id = gw.store.create_job(client, articles, options)
        except Exception:
            if key is not None:
                gw.store.release_idempotency(client, key)
            raise
        try:
            gw.dispatcher.start_job(job_id)
        except Exception as exc:
            log.warning("could not queue job %s: %s", job_id, exc)
            gw.store.purge_job(job_id)
            if key is not None:
                gw.store.release_idempotency(client, key)
            raise ProblemError(503, "The job queue is not reachable; nothing was stored. Retry later.",
                               kind="queue-unavailable", headers={"Retry-After": "5"}) from exc
        gw.store.metrics.count(JOBS, {"state": JobStatus.QUEUED.value})
        if key is not None:
            gw.store.complete_idempotency(client, key, digest, job_id)
        body = _with_links(gw.store.status(job_id, client) or {}, client)
        return body, 202, {"Location": body["links"]["self"], **_poll_headers(body)}

    def _check_idempotency(self, client: str, key: str, digest: str,
                           attempts_left: int = 2) -> tuple[dict[str, Any], int, dict[str, str]] | None:
        if not 1 <= len(key) <= 255:
            raise ProblemError(422, "Idempotency-Key must be 1-255 characters.", kind="validation-error",
                               errors={"Idempotency-Key": ["must be 1-255 characters"]})
        store = gateway().store
        outcome = store.reserve_idempotency(client, key, digest)
        if outcome.kind == "new":
            return None
        if outcome.kind == "in_flight":
            raise _in_flight()
        if outcome.kind == "mismatch":
            raise ProblemError(422, "This Idempotency-Key was used with a different request body.",
                               kind="idempotency-mismatch", errors={"Idempotency-Key": ["reused with another body"]})
        body = store.status(outcome.job_id or "", client)
        if body is None:  # deleted since the store looked: the store's next look takes the key over (once)
            if attempts_left == 0:
                raise _in_flight()
            return self._check_idempotency(client, key, digest, attempts_left - 1)
        body = _with_links(body, client)
        return body, 202, {"Location": body["links"]["self"], "Idempotent-Replayed": "true",
                           **_poll_headers(body)}

    @blp.arguments(JobListArgsSchema, location="query")
    @blp.response(200, JobListSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The caller's jobs, newest first; pass `next_cursor` back as `cursor` for the next page."""
        gw = gateway()
        client = authenticate(gw.settings.api_keys)
        jobs, next_cursor = gw.store.list_jobs(client, args["cursor"], args["limit"])
        return {"jobs": [_with_links(job, client) for job in jobs], "next_cursor": next_cursor}


@blp.route("/<string:job_id>")
class Job(MethodView):
    """One job."""

    @blp.etag
    @blp.response(200, JobStatusSchema)
    @blp.alt_response(404, schema=ProblemSchema, description="Unknown id, or another key's job.")
    def get(self, job_id: str) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Status, progress and per-article errors; `Retry-After` while unfinished, ETag for cheap polls."""
        gw = gateway()
        client = authenticate(gw.settings.api_keys)
        body = gw.store.status(job_id, client)
        if body is None:
            raise _not_found(job_id)
        body = _with_links(body, client)
        return body, 200, _poll_headers(body)

    @blp.response(204)
    @blp.alt_response(404, schema=ProblemSchema)
    def delete(self, job_id: str) -> None:
        """Cancel the job if it is unfinished (no further tasks run for it) and delete its data."""
        gw = gateway()
        client = authenticate(gw.settings.api_keys)
        if not gw.store.delete_job(job_id, client):
            raise _not_found(job_id)


@blp.route("/<string:job_id>/result", endpoint="result")
@blp.doc(responses={"200": {"description": "The whole result: per-article extraction, duplicates, comparison.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Result"}}}},
                    "404": {"description": "Unknown job"}, "409": {"description": "Job not succeeded (yet)"}})
def result(job_id: str) -> Response:
    """The job's result once it has succeeded; a problem explaining why not otherwise."""
    gw = gateway()
    client = authenticate(gw.settings.api_keys)
    raw = _finished_result(job_id, client)
    return Response(raw, mimetype="application/json")


@blp.route("/<string:job_id>/report", endpoint="report")
@blp.doc(security=[{"bearer": []}, {"apiKey": []}, {}], parameters=[
    {"in": "query", "name": "exp", "required": False, "schema": {"type": "integer"},
     "description": "Expiry of a signed link (from the job's `report_url`)."},
    {"in": "query", "name": "sig", "required": False, "schema": {"type": "string"},
     "description": "Signature of a signed link; with it no API key is needed."}],
    responses={"200": {"description": "An HTML report for people", "content": {"text/html": {}}},
               "403": {"description": "A signed link that is expired, tampered with or not enabled"},
               "404": {"description": "Unknown job"}, "409": {"description": "Job not succeeded (yet)"}})
def report(job_id: str) -> Response:
    """A readable HTML report of the comparison; opens in a browser through the job's signed `report_url`."""
    from services.gateway.report import CONTENT_SECURITY_POLICY, render_report

    gw = gateway()
    signed = "sig" in request.args or "exp" in request.args
    client = _client_of_link(job_id) if signed else authenticate(gw.settings.api_keys)
    html = render_report(json.loads(_finished_result(job_id, client)))
    response = Response(html, mimetype="text/html")
    # The page links to the outlets: never pass its (signed) address on as a Referer; nothing external loads.
    response.headers.update({"Referrer-Policy": "no-referrer", "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                             "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
    return response


def _client_of_link(job_id: str) -> str:
    """The owning client of a job whose signed link is valid; a 403/404 problem otherwise."""
    gw = gateway()
    if not gw.settings.report_link_secret:
        raise ProblemError(403, "Signed report links are not enabled on this service (REPORT_LINK_SECRET).",
                           kind="report-link-invalid")
    meta = gw.store.get_meta(job_id)
    if meta is None:
        raise _not_found(job_id)
    reason = links.check(gw.settings.report_link_secret, job_id, meta.client,
                         request.args.get("exp", ""), request.args.get("sig", ""))
    if reason == "expired":
        raise ProblemError(403, "This report link has expired; ask the job's status for a fresh `report_url`.",
                           kind="report-link-expired")
    if reason is not None:
        raise ProblemError(403, "This report link is not valid (its signature does not match).",
                           kind="report-link-invalid")
    return meta.client


def _finished_result(job_id: str, client: str) -> str:
    store = gateway().store
    body = store.status(job_id, client)
    if body is None:
        raise _not_found(job_id)
    status = body["status"]
    if status == JobStatus.SUCCEEDED.value:
        raw = store.get_result(job_id)
        if raw is not None:
            return raw
    if status == JobStatus.FAILED.value:
        raise ProblemError(409, "The job failed; it has no result.", kind="job-failed",
                           extra={"job_status": status, "job_error": body.get("error")})
    if status == JobStatus.CANCELLED.value:
        raise ProblemError(409, "The job was cancelled; it has no result.", kind="job-cancelled",
                           extra={"job_status": status})
    raise ProblemError(409, f"The job is {status} ({body['progress']['stage']}: {body['progress']['done']}/"
                       f"{body['progress']['total']} articles); poll it and fetch the result once it "
                       "has succeeded.", kind="job-not-finished", extra={"job_status": status},
                       headers={"Retry-After": str(gateway().settings.retry_after_seconds)})
