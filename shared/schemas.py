"""The public contract: what clients send and what they get back (published as OpenAPI by the gateway)."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from shared.result_schemas import ComparisonSchema, DuplicatesSchema, ExtractionSchema
from shared.tasks import JobStatus, Stage

ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_FIELD = 2_000  # characters in a short field (source, title, url)
MAX_CURSOR = 2**31 - 1  # a list offset; far beyond any client's job count, and inside Redis's integer range


class StrictSchema(Schema):
    """Refuses unknown fields, so a typo is a 422 naming the field rather than silently ignored."""

    class Meta:
        unknown = RAISE


class ArticleInSchema(StrictSchema):
    """One article as submitted: plain text or HTML, with its source."""

    id = fields.Str(validate=validate.Regexp(ARTICLE_ID, error="must be 1-64 of A-Z a-z 0-9 . _ -"),
                    metadata={"description": "Your id for the article; default a1, a2, ... in order."})
    source = fields.Str(required=True, validate=validate.Length(min=1, max=200),
                        metadata={"description": "The outlet, e.g. 'Reuters'."})
    title = fields.Str(validate=validate.Length(max=MAX_FIELD))
    url = fields.Url(require_tld=False, schemes={"http", "https"}, validate=validate.Length(max=MAX_FIELD),
                     metadata={"description": "Where the article is. Given alone (no text, no html), the worker "
                               "fetches it; with text or html it is only recorded."})
    published_at = fields.DateTime(metadata={"description": "ISO 8601; resolves 'on Sunday' and the like."})
    text = fields.Str(metadata={"description": "Plain text, at most MAX_ARTICLE_CHARS characters "
                                               "(give one of text, html or url)."})
    html = fields.Str(metadata={"description": "The page's HTML, at most MAX_HTML_BYTES bytes in UTF-8 "
                                               "(give one of text, html or url)."})

    @validates_schema
    def _one_body(self, data: dict[str, Any], **_: Any) -> None:
        if "source" in data and not data["source"].strip():
            raise ValidationError("must not be empty", field_name="source")
        has_text, has_html = "text" in data, "html" in data
        if has_text and has_html:
            raise ValidationError("give either text or html, not both", field_name="html")
        if not has_text and not has_html:
            if "url" in data:
                return  # fetched by the worker
            raise ValidationError("one of text, html or url is required", field_name="text")
        body_field = "text" if has_text else "html"
        if not data[body_field].strip():
            raise ValidationError("must not be empty", field_name=body_field)


class JobOptionsSchema(StrictSchema):
    """Per-job switches."""

    language = fields.Str(load_default="auto", validate=validate.Length(min=2, max=10),
                          metadata={"description": "'auto' (detect) or an ISO 639-1 code."})
    check_seen_before = fields.Bool(load_default=True,
                                    metadata={"description": "Match against your earlier jobs' articles."})
    remember = fields.Bool(load_default=True,
                           metadata={"description": "Add this job's articles to your corpus index."})


class JobCreateSchema(StrictSchema):
    """POST /v1/jobs as JSON."""

    articles = fields.List(fields.Nested(ArticleInSchema), required=True, validate=validate.Length(min=1))
    options = fields.Nested(JobOptionsSchema, load_default=lambda: JobOptionsSchema().load({}))

    @validates_schema
    def _unique_ids(self, data: dict[str, Any], **_: Any) -> None:
        seen: set[str] = set()
        for index, article in enumerate(data.get("articles", [])):
            article_id = article.get("id")
            if article_id is None:
                continue
            if article_id in seen:
                raise ValidationError({str(index): {"id": [f"duplicate article id {article_id!r}"]}},
                                      field_name="articles")
            seen.add(article_id)


class ProgressSchema(Schema):
    """Where a job is."""

    stage = fields.Str(validate=validate.OneOf([s.value for s in Stage]))
    done = fields.Int()
    total = fields.Int()


class ArticleStateSchema(Schema):
    """One article's state inside a job."""

    article_id = fields.Str(metadata={"description": "The article's id (the same name as in the result)."})
    id = fields.Str(metadata={"description": "Deprecated alias of article_id; removed in the next version.",
                              "deprecated": True})
    source = fields.Str()
    status = fields.Str(validate=validate.OneOf(["pending", "done", "failed"]))
    error = fields.Dict(allow_none=True)


class JobStatusSchema(Schema):
    """GET /v1/jobs/{id}."""

    id = fields.Str()
    status = fields.Str(validate=validate.OneOf([s.value for s in JobStatus]))
    created_at = fields.Str()
    started_at = fields.Str(allow_none=True)
    finished_at = fields.Str(allow_none=True)
    progress = fields.Nested(ProgressSchema)
    articles = fields.List(fields.Nested(ArticleStateSchema))
    error = fields.Dict(allow_none=True, metadata={"description": "Why the job failed, if it did."})
    links = fields.Dict(keys=fields.Str(), values=fields.Str())
    report_url = fields.Str(metadata={"description": "Once succeeded: a signed link to the HTML report that "
                                      "opens in a browser without the API key; expires at report_url_expires_at."})
    report_url_expires_at = fields.Str()


class JobListArgsSchema(StrictSchema):
    """Query of GET /v1/jobs."""

    limit = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = fields.Int(load_default=0, validate=validate.Range(min=0, max=MAX_CURSOR),
                        metadata={"description": "next_cursor of the previous page."})


class JobListSchema(Schema):
    """GET /v1/jobs: the caller's jobs, newest first."""

    jobs = fields.List(fields.Nested(JobStatusSchema))
    next_cursor = fields.Int(allow_none=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details, the one error shape."""

    type = fields.Str()
    title = fields.Str()
    status = fields.Int()
    detail = fields.Str()
    instance = fields.Str()
    errors = fields.Dict(metadata={"description": "Per-field messages, keyed by field path."})


class ResultSchema(Schema):
    """GET /v1/jobs/{id}/result: per-article extraction, duplicates and the source comparison.

    The parts' shapes are shared/result_schemas.py, mirrors of workers/analysis/contract.py.
    """

    job = fields.Nested(JobStatusSchema)
    warnings = fields.List(fields.Str(), metadata={"description": "What a stage that ran out of time skipped."})
    articles = fields.List(fields.Nested(ExtractionSchema), metadata={"description": "Per-article extraction."})
    duplicates = fields.Nested(DuplicatesSchema,
                               metadata={"description": "Exact and near duplicates, reused passages."})
    comparison = fields.Nested(ComparisonSchema, metadata={"description": "Entities, facts and sources compared."})
