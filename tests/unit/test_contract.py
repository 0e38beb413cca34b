"""The typed contract: the real stages' output on the seeds passes the published schemas, and the TypedDicts
(workers/analysis/contract.py) and the marshmallow schemas (shared/result_schemas.py) name the same keys."""

from __future__ import annotations

import inspect
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast, is_typeddict

import pytest
import redis
from marshmallow import Schema

from shared import result_schemas
from shared.corpus_index import CorpusIndex
from shared.schemas import ResultSchema
from tests.unit.test_dedup_support import perturb
from tools.processes import RedisServer
from workers.analysis import contract
from workers.analysis.comparison import compare_sources
from workers.analysis.contract import Extraction, ExtractionSlot
from workers.analysis.dedup import deduplicate
from workers.analysis.extraction import extract_articles
from workers.stages.compare_stage import skipped_compare_stage
from workers.stages.dedup_stage import run_dedup_stage, skipped_dedup_stage

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
PUBLISHED = "2021-11-08T09:00:00+00:00"
HELPERS = {"ContractSchema", "SpanSchema", "TextSpanSchema"}  # bases that share fields, no shape of their own


def _typeddicts() -> dict[str, Any]:
    return {name: obj for name, obj in vars(contract).items() if is_typeddict(obj)}


def _schemas() -> dict[str, type[Schema]]:
    return {name: obj for name, obj in vars(result_schemas).items()
            if inspect.isclass(obj) and issubclass(obj, result_schemas.ContractSchema) and name not in HELPERS}


def _keys(schema: type[Schema]) -> tuple[set[str], set[str]]:
    """(required, optional) keys of a schema as they appear in the JSON (data_key if set)."""
    fields = schema._declared_fields
    named = {field.data_key or name: field for name, field in fields.items()}
    return {k for k, f in named.items() if f.required}, {k for k, f in named.items() if not f.required}


def test_every_typeddict_has_a_schema_with_the_same_required_and_optional_keys() -> None:
    typeddicts, schemas = _typeddicts(), _schemas()
    assert len(typeddicts) >= 40
    assert {f"{name}Schema" for name in typeddicts} == set(schemas)
    for name, typeddict in typeddicts.items():
        required, optional = _keys(schemas[f"{name}Schema"])
        assert (set(typeddict.__required_keys__), set(typeddict.__optional_keys__)) == (required, optional), name


def _article(article_id: str, source: str, text: str) -> dict[str, Any]:
    return {"id": article_id, "source": source, "text": text, "published_at": PUBLISHED}


@pytest.fixture(scope="module")
def job() -> tuple[list[ExtractionSlot], dict[str, Any], dict[str, Any]]:
    """The seeds plus an exact copy, an edited copy and an empty article, through the three real stages."""
    texts = {p.stem[:3]: p.read_text(encoding="utf-8") for p in SEEDS}
    articles = [_article(k, f"outlet-{k}", t) for k, t in texts.items()]
    articles.append(_article("copy", "copier.example", texts["002"]))
    articles.append(_article("edit", "editor.example", perturb(texts["000"], 0.03, random.Random(5))))
    articles.append({"id": "empty", "source": "nothing.example", "text": " "})
    slots = extract_articles(articles)
    good = [cast(Extraction, s) for s in slots if "error" not in s]
    return slots, cast(dict[str, Any], deduplicate(good)), cast(dict[str, Any], compare_sources(slots, None))


def test_extraction_output_matches_the_schema(job: tuple[list[ExtractionSlot], Any, Any]) -> None:
    slots, _, _ = job
    failed = [s for s in slots if "error" in s]
    extracted = [s for s in slots if "error" not in s]
    assert len(extracted) == 7 and [s["article_id"] for s in failed] == ["empty"]
    assert result_schemas.ExtractionSchema(many=True).validate(extracted) == {}
    assert result_schemas.ExtractionFailureSchema(many=True).validate(failed) == {}
    kinds = ("entities", "quotes", "numeric_claims", "attributions", "dates")
    assert all(any(e[k] for e in extracted) for k in kinds)  # every part was exercised, not only empty lists


def test_dedup_output_matches_the_schema(job: tuple[Any, dict[str, Any], Any]) -> None:
    _, duplicates, _ = job
    assert result_schemas.DuplicatesSchema().validate(duplicates) == {}
    assert duplicates["exact"] and duplicates["near_duplicates"] and duplicates["groups"]
    assert duplicates["reused_passages"]


def test_comparison_output_matches_the_schema(job: tuple[Any, Any, dict[str, Any]]) -> None:
    _, _, comparison = job
    assert result_schemas.ComparisonSchema().validate(comparison) == {}
    assert comparison["facts"] and comparison["quotes"] and comparison["entity_variants"]
    assert {f["status"] for f in comparison["facts"]} >= {"corroborated", "exclusive"}


def test_the_whole_result_matches_the_published_result_schema(job: tuple[list[Any], Any, Any]) -> None:
    slots, duplicates, comparison = job
    result = {"job": {"id": "j", "status": "succeeded"}, "warnings": [],
              "articles": [s for s in slots if "error" not in s], "duplicates": duplicates, "comparison": comparison}
    assert ResultSchema().validate(result) == {}
    with_extra = {**comparison, "summary": {**comparison["summary"], "undeclared": 1}}
    assert "summary" in result_schemas.ComparisonSchema().validate(with_extra)  # unknown keys are refused
    without = {k: v for k, v in duplicates.items() if k != "params"}
    assert "params" in result_schemas.DuplicatesSchema().validate(without)  # missing keys too


def test_stage_outputs_when_skipped_match_the_schemas(job: tuple[list[Any], Any, Any]) -> None:
    slots, _, _ = job
    extracted = [s for s in slots if "error" not in s]
    skipped_dedup = {**skipped_dedup_stage(extracted, "out of time"), "partial": True}
    skipped_compare = {**skipped_compare_stage(extracted, "out of time"), "partial": True}
    assert result_schemas.DuplicatesSchema().validate(skipped_dedup) == {}
    assert result_schemas.ComparisonSchema().validate(skipped_compare) == {}


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[redis.Redis]:
    server = RedisServer(tmp_path).start()
    client = redis.Redis.from_url(server.url, decode_responses=True)
    try:
        yield client
    finally:
        client.close()
        server.stop()


def test_dedup_stage_output_with_seen_before_matches_the_schema(
        job: tuple[list[Any], Any, Any], corpus: redis.Redis) -> None:
    slots, _, _ = job
    extracted = [s for s in slots if "error" not in s]
    options = {"check_seen_before": True, "remember": True}
    run_dedup_stage(CorpusIndex(corpus, 3600), client_id="c", job_id="j1", extractions=extracted[:5], options=options)
    later = run_dedup_stage(CorpusIndex(corpus, 3600), client_id="c", job_id="j2", extractions=extracted[5:],
                            options=options)
    assert later["seen_before"] and "index" in later
    assert result_schemas.DuplicatesSchema().validate(cast(dict[str, Any], later)) == {}


def test_openapi_document_shows_the_result_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    from services.gateway import create_app

    monkeypatch.setenv("API_KEYS", "contract-test")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # never connected to: the spec needs no Redis
    spec = create_app().test_client().get("/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert schemas["Result"]["properties"]["articles"]["items"] == {"$ref": "#/components/schemas/Extraction"}
    for name in ("Extraction", "NumericClaim", "Duplicates", "Comparison", "Fact", "FactClaim", "SharedQuote"):
        required, optional = _keys(_schemas()[f"{name}Schema"])
        assert set(schemas[name]["properties"]) == required | optional, name
        assert set(schemas[name].get("required", [])) == required, name


def test_one_union_find_and_one_stopword_source_in_the_analysis_code() -> None:
    root = Path(__file__).resolve().parents[2] / "workers"
    sources = {p: p.read_text(encoding="utf-8") for p in root.rglob("*.py")}
    assert [p.name for p, s in sources.items() if "class UnionFind" in s] == ["union_find.py"]
    assert [p.name for p, s in sources.items() if "spacy.lang.en.stop_words" in s] == ["tokens.py"]
    assert [p.name for p, s in sources.items() if "_STOPWORDS_TEXT = " in s] == ["tokens.py"]


def test_union_find_groups_in_first_seen_order() -> None:
    from workers.analysis.union_find import UnionFind

    sets = UnionFind(["a", "b", "c", "d"])
    root = sets.union("c", "a")
    assert root in {"a", "c"} and sets.find("a") == sets.find("c") == root
    sets.union("d", "e")  # "e" is added on first sight
    assert sets.sets(["a", "b", "c", "d", "e"]) == [["a", "c"], ["b"], ["d", "e"]]
