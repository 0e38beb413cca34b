"""BASIL events become jobs of three articles (eval.compare_basil.triplets): one id per outlet, the paragraphs
kept as paragraphs, the outlet codes read alike in either case."""

from __future__ import annotations

import json
from pathlib import Path

from eval.compare_basil import triplets


def test_each_event_is_one_job_of_its_articles(tmp_path: Path) -> None:
    year = tmp_path / "articles" / "2016"
    year.mkdir(parents=True)
    for n, source in ((1, "fox"), (2, "NYT"), (3, "hpo")):
        record = {"triplet-uuid": "abc", "source": source, "title": f"title {n}", "date": "2016-08-30",
                  "body-paragraphs": [["First sentence.", "Second one."], ["A new paragraph."]]}
        (year / f"abc_{n}.json").write_text(json.dumps(record))
    jobs = triplets(tmp_path)
    assert list(jobs) == ["abc"]
    articles = jobs["abc"]
    assert [a["id"] for a in articles] == ["1-fox", "2-nyt", "3-hpo"]
    assert {a["source"] for a in articles} == {"fox", "nyt", "hpo"}
    assert articles[0]["text"] == "First sentence. Second one.\n\nA new paragraph."
    assert articles[0]["published_at"] == "2016-08-30"
