"""The judging-reserved Giveme5W1H events: one list, and gold files that label their articles are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.reserved import RESERVED_EVENTS, check_gold, is_reserved, reserved_files


def _index(folder: Path, events: tuple[int, ...] = (2, 22, 24, 36, 62, 66, 73)) -> Path:
    """An index of three articles named (events 2 and 77, and 4) plus one per other listed event."""
    folder.mkdir()
    rows = ["event_id\tfile", "2\taaa111.json", "4\tbbb222.json", "77\tccc333.json"]
    rows += [f"{event}\tzz{event}.json" for event in events if event != 2]
    (folder / "index.tsv").write_text("\n".join(rows) + "\n")
    (folder / "articles").mkdir()
    return folder


def test_the_reserved_events_are_the_eight_of_the_issue() -> None:
    assert {2, 22, 24, 36, 62, 66, 73, 77} == RESERVED_EVENTS


def test_reserved_files_are_read_from_the_index(tmp_path: Path) -> None:
    folder = _index(tmp_path / "giveme")
    assert {"aaa111.json", "ccc333.json"} <= reserved_files(folder)
    assert "bbb222.json" not in reserved_files(folder)
    assert is_reserved("aaa1", folder) and not is_reserved("bbb2", folder) and not is_reserved("", folder)


def test_an_index_lacking_a_reserved_event_or_a_data_set_without_index_fails(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="62"):
        reserved_files(_index(tmp_path / "partial", events=(2, 22, 24, 36, 66, 73)))
    (tmp_path / "no_index" / "articles").mkdir(parents=True)
    with pytest.raises(SystemExit, match="missing"):
        reserved_files(tmp_path / "no_index")
    assert reserved_files(tmp_path / "absent") == frozenset()


def test_a_gold_file_labelling_a_reserved_article_is_refused(tmp_path: Path) -> None:
    folder = _index(tmp_path / "giveme")
    check_gold(["bbb222.json"], folder, "gold.json")
    with pytest.raises(SystemExit, match="ccc333"):
        check_gold(["bbb222.json", "ccc333"], folder, "gold.json")


def test_the_giveme5w1h_loaders_leave_the_reserved_articles_out(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.compare import load_articles
    from eval.dedup_data import load_giveme

    folder = _index(tmp_path / "giveme5w1h-news-cluster")
    for name in ("aaa111.json", "bbb222.json", "ccc333.json"):
        (folder / "articles" / name).write_text(json.dumps({
            "newsCluster": {"Event": "some event"}, "source_domain": "example.com", "date_publish": None,
            "title": "A title", "text": "A sentence of the article."}))
    monkeypatch.setenv("CORROBORATE_DATA", str(tmp_path))
    assert [a["id"] for a in load_giveme()] == ["bbb222"]
    assert [a["id"] for a in load_articles()] == ["bbb222"]
