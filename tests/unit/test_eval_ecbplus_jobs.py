"""ECB+ newer clusters become jobs (eval.compare_ecbplus.clusters): one job per `_ecbplus` subtopic, the outlet
read from each text's URL, the original ECB documents (no URL, no outlet) left out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from eval.compare_ecbplus import clusters


def test_each_newer_cluster_is_one_job_of_its_texts(tmp_path: Path) -> None:
    docs = [{"doc_id": "2_1ecbplus", "subtopic": "2_ecbplus", "url": "http://www.example-news.com/a", "text": "A."},
            {"doc_id": "2_3ecbplus", "subtopic": "2_ecbplus", "url": "https://Wire.Example.org/b", "text": "B."},
            {"doc_id": "2_1ecb", "subtopic": "2_ecb", "url": None, "text": "Old."},
            {"doc_id": "10_2ecbplus", "subtopic": "10_ecbplus", "url": "http://other.example/c", "text": "C."}]
    with gzip.open(tmp_path / "documents.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("".join(json.dumps(d) + "\n" for d in docs))
    jobs = clusters(tmp_path)
    assert list(jobs) == ["2_ecbplus", "10_ecbplus"]  # by topic number, the ECB originals left out
    assert [(a["id"], a["source"], a["text"]) for a in jobs["2_ecbplus"]] == [
        ("2-1ecbplus", "example-news.com", "A."), ("2-3ecbplus", "wire.example.org", "B.")]
