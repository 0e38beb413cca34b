"""extract_articles: an unexpected exception in one article gives that article an error slot, not a failed batch."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from workers.analysis import extraction

GOOD = "Officials said the blast hit the northern district of the city early on Sunday morning. " * 3
BAD = "This article makes a broken extractor raise. " * 3


def _articles() -> list[dict[str, Any]]:
    return [{"id": "a", "source": "s1", "text": GOOD}, {"id": "b", "source": "s2", "text": BAD},
            {"id": "c", "source": "s3", "text": GOOD}]


def test_a_bug_in_an_extractor_fails_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    real = extraction.find_quotes

    def broken(doc: Doc) -> list[dict[str, Any]]:
        if "broken extractor" in doc.text:
            raise KeyError("boom")
        return real(doc)

    monkeypatch.setattr(extraction, "find_quotes", broken)
    results = extraction.extract_articles(_articles())
    assert [r["article_id"] for r in results] == ["a", "b", "c"]
    assert results[1]["source"] == "s2" and results[1]["error"]["code"] == "internal_error"
    assert "KeyError" in results[1]["error"]["message"]
    assert "error" not in results[0] and "error" not in results[2]
    assert results[0]["sentences"] and results[2]["text"] == results[0]["text"]


def test_a_bug_in_cleaning_fails_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    real = extraction.clean_article

    def broken(article: dict[str, Any], context: dict[str, Any] | None = None) -> dict[str, Any]:
        if article["id"] == "b":
            raise ValueError("bad input")
        return real(article, context)

    monkeypatch.setattr(extraction, "clean_article", broken)
    results = extraction.extract_articles(_articles())
    assert results[1] == {"article_id": "b", "source": "s2",
                          "error": {"code": "internal_error",
                                    "message": "unexpected ValueError while extracting this article: bad input"}}
    assert all("error" not in r and r["sentences"] for r in (results[0], results[2]))


def test_a_pipeline_failure_falls_back_to_one_article_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = extraction.get_nlp()

    class FailingPipe:
        """The real pipeline, except that a batch holding the bad text raises (as nlp.pipe stops there)."""

        def pipe(self, texts: Any, batch_size: int) -> Any:
            for text in texts:
                if "broken extractor" in text:
                    raise RuntimeError("batch failed")
                yield nlp(text)

        def __call__(self, text: str) -> Doc:
            if "broken extractor" in text:
                raise RuntimeError("doc failed")
            return nlp(text)

    monkeypatch.setattr(extraction, "get_nlp", FailingPipe)
    results = extraction.extract_articles(_articles())
    assert results[1]["error"]["code"] == "internal_error" and "RuntimeError" in results[1]["error"]["message"]
    assert all("error" not in r and r["sentences"] for r in (results[0], results[2]))


def test_article_errors_keep_their_code() -> None:
    results = extraction.extract_articles([{"id": "e", "source": "s", "text": "  "}, _articles()[0]])
    assert results[0]["error"]["code"] == "empty_article" and results[1]["sentences"]
