"""Stage 1: one article in, its clean text with sentences, entities, quotes, numbers, sources and dates out."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from workers.analysis.attributions import find_attributions
from workers.analysis.clauses import sentence_clauses
from workers.analysis.cleaning import clean_article
from workers.analysis.contract import Extraction, ExtractionSlot
from workers.analysis.dates import dateline_date, find_dates
from workers.analysis.entities import entities_of, name_core, surname_core
from workers.analysis.errors import ArticleError
from workers.analysis.nlp import get_nlp, sentences
from workers.analysis.numbers import find_numeric_claims
from workers.analysis.predicates import sentence_predicate
from workers.analysis.quotes import find_quotes

BATCH_SIZE = 32
# spaCy's tokenizer re-runs its suffix search over the rest of a whitespace-free run for every piece it
# splits off: quadratic in the run (10,000 quote marks took 40 s). A space goes after every MAX_RUN_CHARS
# characters of such a run; no word and few URLs are this long.
MAX_RUN_CHARS = 500
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS}}}(?=\S)")
MAX_ERROR_MESSAGE = 300
_LOG = logging.getLogger(__name__)


def _clean(article: dict[str, Any], context: dict[str, Any] | None) -> dict[str, Any]:
    """Run the cleaning stage (workers.analysis.cleaning) on one article."""
    cleaned: dict[str, Any] = clean_article(article, context)
    return cleaned


@lru_cache(maxsize=1)
def _sentence_splitter() -> Language:
    """A language-neutral rule-based sentence splitter for non-English text."""
    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def break_long_runs(text: str) -> str:
    """The text with a space after every MAX_RUN_CHARS characters of a run without whitespace."""
    return _LONG_RUN.sub(lambda m: m.group(0) + " ", text)


def base_record(article: dict[str, Any], cleaned: dict[str, Any]) -> dict[str, Any]:
    """The fields every extraction carries, before any NLP."""
    text = break_long_runs(cleaned["text"])
    return {
        "article_id": str(article.get("id", "")),
        "source": str(article.get("source", "")),
        "title": cleaned.get("title") or article.get("title"),
        "url": cleaned.get("url") or article.get("url"),
        "published_at": cleaned.get("published_at") or article.get("published_at"),
        "author": cleaned.get("author"),
        "site_name": cleaned.get("site_name"),
        "input_format": cleaned.get("input_format", "html" if "html" in article else "text"),
        "fetched": article.get("fetched"),
        "language": cleaned.get("language") or "en",
        "warnings": list(cleaned.get("warnings", [])),
        "text": text,
        "removed": list(cleaned.get("removed", [])),
        "sentences": [],
        "entities": [],
        "quotes": [],
        "numeric_claims": [],
        "attributions": [],
        "dates": [],
        "stats": {
            "chars": len(text),
            "words": len(text.split()),
            "sentences": 0,
            "removed_lines": len(cleaned.get("removed", [])),
        },
    }


def fill_from_doc(record: dict[str, Any], doc: Doc) -> dict[str, Any]:
    """Add every English extractor's output for a parsed doc to the record."""
    doc.user_data["corroborate_text"] = record["text"]  # the text we parsed: spares re-joining the tokens
    sents = sentences(doc)
    record["sentences"] = [{"start": s.start_char, "end": s.end_char, **sentence_predicate(s),
                           "clauses": sentence_clauses(s)} for s in sents]
    record["stats"]["sentences"] = len(sents)
    record["entities"] = entities_of(doc)
    record["quotes"] = find_quotes(doc)
    record["numeric_claims"] = find_numeric_claims(doc)
    record["attributions"] = find_attributions(doc, record["quotes"], record["numeric_claims"])
    record["dates"] = find_dates(doc, record["published_at"])
    if not record["published_at"] and (dateline := dateline_date(record["text"], record["dates"])) is not None:
        # no date was given and the page had none: the article's own dateline dates it (dates.dateline_date),
        # and relative dates ("last year", "on Sunday") are read again against it
        record["published_at"] = str(dateline["value"])
        record["warnings"].append(f"publication date {dateline['value']} read from the dateline "
                                  f"\"{' '.join(str(dateline['text']).split())}\"")
        record["dates"] = find_dates(doc, record["published_at"])
    _canonical_speaker_keys(record)
    return record


def _canonical_speaker_keys(record: dict[str, Any]) -> None:
    """Within one article, a one-word speaker key ("askari") becomes the full name's key when exactly one
    PERSON in the article has that surname ("abu ali al-askari"); job-wide linking does the rest."""
    full: dict[str, set[str]] = {}
    for entity in record["entities"]:
        if entity["label"] == "PERSON" and len(name_core(entity["key"]).split()) >= 2:
            full.setdefault(surname_core(entity["key"]), set()).add(entity["key"])
    for item, field in [(q, "speaker_key") for q in record["quotes"]] + [
        (a, "source_key") for a in record["attributions"]
    ]:
        key = item.get(field)
        if key and len(name_core(key).split()) == 1 and len(full.get(name_core(key), ())) == 1:
            item[field] = next(iter(full[name_core(key)]))


def _fill_sentences_only(record: dict[str, Any]) -> dict[str, Any]:
    """Non-English text: sentence offsets only, and a warning that the English extractors were skipped."""
    doc = _sentence_splitter()(record["text"])
    record["sentences"] = [{"start": s.start_char, "end": s.end_char} for s in doc.sents]
    record["stats"]["sentences"] = len(record["sentences"])
    record["warnings"].append(
        f"language '{record['language']}' is not English: entities, quotes, numbers, attributions "
        "and dates were not extracted"
    )
    return record


def extract_article(article: dict[str, Any], context: dict[str, Any] | None = None) -> Extraction:
    """Extract one article (raises ArticleError when it cannot be processed)."""
    record = base_record(article, _clean(article, context))
    if record["language"] != "en":
        return cast(Extraction, _fill_sentences_only(record))
    return cast(Extraction, fill_from_doc(record, get_nlp()(record["text"])))


def _error_slot(article: dict[str, Any], error: dict[str, str]) -> dict[str, Any]:
    """The slot of an article that failed: its id, its source and the error."""
    return {"article_id": str(article.get("id", "")), "source": str(article.get("source", "")), "error": error}


def _failure(article: dict[str, Any], exc: Exception) -> dict[str, Any]:
    """The error slot for an exception raised while processing one article (ArticleError keeps its code).

    Any other exception is a bug on our side: the article gets code "internal_error" (the traceback goes to
    the log) and the rest of the batch goes on.
    """
    if isinstance(exc, ArticleError):
        return _error_slot(article, exc.as_dict())
    _LOG.exception("extraction failed on article %r", article.get("id"))
    message = f"unexpected {type(exc).__name__} while extracting this article: {exc}"[:MAX_ERROR_MESSAGE]
    return _error_slot(article, {"code": "internal_error", "message": message})


def _fill_english(articles: Sequence[dict[str, Any]], results: list[dict[str, Any]], english: list[int]) -> None:
    """Parse the English texts in one nlp.pipe pass and fill their records; each article fails alone.

    If the pipe itself raises (it stops at the first failing batch), the articles not yet filled are parsed
    one by one, so only the article that fails gets an error slot.
    """
    nlp = get_nlp()
    done = 0
    try:
        for i, doc in zip(english, nlp.pipe((results[i]["text"] for i in english), batch_size=BATCH_SIZE),
                          strict=True):
            _fill_one(articles, results, i, doc)
            done += 1
    except Exception:  # the pipe failed on some batch: go on one article at a time
        for i in english[done:]:
            try:
                doc = nlp(results[i]["text"])
            except Exception as exc:  # this article's text breaks the pipeline
                results[i] = _failure(articles[i], exc)
                continue
            _fill_one(articles, results, i, doc)


def _fill_one(articles: Sequence[dict[str, Any]], results: list[dict[str, Any]], i: int, doc: Doc) -> None:
    """Fill one record from its parsed doc, or put an error slot in its place."""
    try:
        fill_from_doc(results[i], doc)
    except Exception as exc:  # one article's failure must not stop the batch
        results[i] = _failure(articles[i], exc)


def extract_articles(
    articles: Sequence[dict[str, Any]], contexts: Sequence[dict[str, Any] | None] | None = None
) -> list[ExtractionSlot]:
    """Extract many articles in one nlp.pipe pass; a failing article yields {"article_id", "source", "error"}.

    The error is the article's ArticleError, or code "internal_error" for any other exception it raised.
    """
    contexts = list(contexts) if contexts is not None else [None] * len(articles)
    if len(contexts) != len(articles):
        raise ValueError("contexts must be None or have one entry per article")
    results: list[dict[str, Any]] = []
    english: list[int] = []
    for article, context in zip(articles, contexts, strict=True):
        try:
            record = base_record(article, _clean(article, context))
            if record["language"] != "en":
                _fill_sentences_only(record)
        except Exception as exc:  # one article's failure must not stop the batch
            results.append(_failure(article, exc))
            continue
        if record["language"] == "en":
            english.append(len(results))
        results.append(record)
    _fill_english(articles, results, english)
    return cast(list[ExtractionSlot], results)
