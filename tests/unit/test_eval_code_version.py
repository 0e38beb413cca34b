"""The eval's extraction cache is named after the analysis code a process extracts with."""

from __future__ import annotations

from pathlib import Path

from eval.compare_gold import code_version


def test_the_code_version_is_taken_once_per_process(tmp_path: Path) -> None:
    (tmp_path / "extraction.py").write_text("A = 1\n")
    first = code_version(tmp_path)
    (tmp_path / "extraction.py").write_text("A = 2\n")  # edited while the process runs: it still runs A = 1
    assert code_version(tmp_path) == first
    other = tmp_path / "other"
    other.mkdir()
    (other / "extraction.py").write_text("A = 2\n")
    assert code_version(other) != first
