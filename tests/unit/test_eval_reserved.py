"""The judging-reserved Giveme5W1H events: one list, and gold files that label their articles are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.reserved import RESERVED_EVENTS, check_gold, is_reserved, reserved_files


def _index(folder: Path) -> Path:
    folder.mkdir()
    (folder / "index.tsv").write_text("event_id\tfile\n2\taaa111.json\n4\tbbb222.json\n77\tccc333.json\n")
    return folder


def test_the_reserved_events_are_the_eight_of_the_issue() -> None:
    assert {2, 22, 24, 36, 62, 66, 73, 77} == RESERVED_EVENTS


def test_reserved_files_are_read_from_the_index(tmp_path: Path) -> None:
    folder = _index(tmp_path / "giveme")
    assert reserved_files(folder) == {"aaa111.json", "ccc333.json"}
    assert is_reserved("aaa1", folder) and not is_reserved("bbb2", folder)


def test_a_gold_file_labelling_a_reserved_article_is_refused(tmp_path: Path) -> None:
    folder = _index(tmp_path / "giveme")
    check_gold(["bbb222.json"], folder, "gold.json")
    with pytest.raises(SystemExit, match="ccc333"):
        check_gold(["bbb222.json", "ccc333"], folder, "gold.json")
