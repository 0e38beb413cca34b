"""Turns a POST /v1/jobs request (JSON or multipart files) into validated articles and options."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePath
from typing import Any

from flask import request
from marshmallow import ValidationError

from services.gateway.payload import PayloadError, check_payload, load_json
from services.gateway.problems import ProblemError, describe_errors, flatten_errors
from shared.schemas import ARTICLE_ID, JobCreateSchema
from shared.settings import Settings

FILE_TYPES = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json"}
FORM_FIELDS = {"source", "options"}


def parse_submission(settings: Settings) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Validated (articles, options) of the request, or a 4xx ProblemError naming what is wrong."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        payload = _loaded(request.get_data(cache=False), "body")
    elif mimetype == "multipart/form-data":
        payload = _payload_from_files()
    else:
        raise ProblemError(415, f"Content-Type {mimetype or '(none)'!r} is not accepted: send application/json "
                           "or multipart/form-data with .txt, .html, .htm or .json files.",
                           kind="unsupported-media-type")
    if not isinstance(payload, dict):
        raise _invalid({"body": ["must be a JSON object with an 'articles' list"]})
    if isinstance(payload.get("articles"), list) and len(payload["articles"]) > settings.max_articles:
        raise _invalid({"articles": [f"at most {settings.max_articles} articles per job "
                                     f"(got {len(payload['articles'])})"]})
    try:
        data = JobCreateSchema().load(payload)
    except ValidationError as exc:
        raise _invalid(flatten_errors(exc.messages)) from exc
    articles = _with_ids(data["articles"])
    _check_lengths(articles, settings)
    for article in articles:
        if "published_at" in article:
            article["published_at"] = article["published_at"].isoformat()
    return articles, data["options"]


def fingerprint(articles: list[dict[str, Any]], options: dict[str, Any]) -> str:
    """A hash of what was submitted, to tell a retried POST from a different one."""
    canonical = json.dumps({"articles": articles, "options": options}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _loaded(raw: str | bytes, field: str) -> Any:
    """Client JSON parsed and checked (nesting, lone surrogates), or a 422 naming the field."""
    try:
        return load_json(raw, field)
    except PayloadError as exc:
        raise _invalid(exc.errors) from exc


def _payload_from_files() -> dict[str, Any]:
    if None in request.form or None in request.files:
        raise _invalid({"multipart": ["a part has no name: send Content-Disposition: form-data; "
                                      'name="files" (or "source", "options")']})
    unknown = sorted(set(request.form) - FORM_FIELDS)
    if unknown:
        raise _invalid({name: ["unknown field (accepted: files, source, options)"] for name in unknown})
    files = list(request.files.items(multi=True))
    if not files:
        raise _invalid({"files": ["attach at least one .txt, .html, .htm or .json file"]})
    sources = request.form.getlist("source")
    plain_files = [f for _, f in files if PurePath(f.filename or "").suffix.lower() != ".json"]
    if sources and len(sources) != len(plain_files):
        raise _invalid({"source": [f"give one source per .txt/.html file ({len(plain_files)}), "
                                   f"or none (got {len(sources)})"]})
    articles: list[Any] = []
    plain_index = 0
    for field, upload in files:
        name = upload.filename or field
        suffix = PurePath(name).suffix.lower()
        if suffix not in FILE_TYPES:
            raise ProblemError(415, f"File {name!r} is not accepted: use .txt, .html, .htm or .json.",
                               kind="unsupported-media-type", errors={f"files.{name}": ["unsupported type"]})
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _invalid({f"files.{name}": ["is not UTF-8 text"]}) from exc
        if FILE_TYPES[suffix] == "json":
            articles.extend(_articles_from_json_file(name, content))
            continue
        source = sources[plain_index] if sources else _name_from_file(name)
        plain_index += 1
        article: dict[str, Any] = {"source": source, FILE_TYPES[suffix]: content}
        candidate_id = _name_from_file(name)
        if ARTICLE_ID.match(candidate_id):
            article["id"] = candidate_id
        articles.append(article)
    payload: dict[str, Any] = {"articles": articles}
    if "options" in request.form:
        payload["options"] = _loaded(request.form["options"], "options")
    _checked(payload)
    return payload


def _checked(payload: dict[str, Any]) -> None:
    """Form fields (source names) hold no lone surrogates either."""
    try:
        check_payload(payload, "body")
    except PayloadError as exc:
        raise _invalid(exc.errors) from exc


def _articles_from_json_file(name: str, content: str) -> list[Any]:
    data = _loaded(content, f"files.{name}")
    if isinstance(data, dict) and "articles" in data and isinstance(data["articles"], list):
        return list(data["articles"])
    return data if isinstance(data, list) else [data]


def _name_from_file(name: str) -> str:
    stem = PurePath(name).stem
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "article"


def _with_ids(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    taken = {a["id"] for a in articles if "id" in a}
    counter = 0
    for article in articles:
        if "id" in article:
            continue
        counter += 1
        while f"a{counter}" in taken:
            counter += 1
        article["id"] = f"a{counter}"
        taken.add(article["id"])
    if len(taken) != len(articles):
        raise _invalid({"articles": ["article ids must be unique (two files with the same name?)"]})
    return articles


def _check_lengths(articles: list[dict[str, Any]], settings: Settings) -> None:
    """Text is limited in characters (MAX_ARTICLE_CHARS), HTML in UTF-8 bytes (MAX_HTML_BYTES): a page's
    markup is mostly not text, so a real page is far larger than the article it holds."""
    errors = {}
    for index, article in enumerate(articles):
        if "text" in article and len(article["text"]) > settings.max_article_chars:
            errors[f"articles.{index}.text"] = [f"longer than MAX_ARTICLE_CHARS = {settings.max_article_chars} "
                                                f"characters ({len(article['text'])})"]
        if "html" in article:
            size = len(article["html"].encode("utf-8"))
            if size > settings.max_html_bytes:
                errors[f"articles.{index}.html"] = [f"larger than MAX_HTML_BYTES = {settings.max_html_bytes} "
                                                    f"bytes ({size})"]
    if errors:
        raise _invalid(errors)


def _invalid(errors: dict[str, list[str]]) -> ProblemError:
    return ProblemError(422, describe_errors(errors), kind="validation-error", errors=errors)
