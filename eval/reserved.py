"""The Giveme5W1H events reserved for judging the service (issue 8): never read, annotated or tuned on.

Every script here and in bench/ that loads Giveme5W1H articles leaves their articles out (`reserved_files`), and
no gold file may hold one (`check_gold`): labels of their articles written before this rule (furniture lines,
dedup pairs) were removed from eval/gold (see README)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path

RESERVED_EVENTS = frozenset({2, 22, 24, 36, 62, 66, 73, 77})


@cache
def reserved_files(folder: Path) -> frozenset[str]:
    """File names (in folder/articles) of the reserved events' articles, read from folder/index.tsv; none when
    the data set is absent. Fails rather than let an article through: an index that lacks a reserved event (so
    its articles could not be told apart) or a data set without its index is an error."""
    index_file = folder / "index.tsv"
    if not index_file.is_file():
        if (folder / "articles").is_dir():
            raise SystemExit(f"{index_file} is missing: the judging-reserved events' articles cannot be left out")
        return frozenset()
    with index_file.open(encoding="utf-8") as index:
        rows = [(int(row["event_id"]), row["file"]) for row in csv.DictReader(index, delimiter="\t")]
    missing = RESERVED_EVENTS - {event for event, _ in rows}
    if missing:
        raise SystemExit(f"{index_file} lists no article of the reserved events {sorted(missing)}")
    return frozenset(name for event, name in rows if event in RESERVED_EVENTS)


def is_reserved(name: str, folder: Path) -> bool:
    """True when `name` (a file name, or the prefix of one the scripts use as an article id) names a reserved
    event's article."""
    return bool(name) and any(f.startswith(name) for f in reserved_files(folder))


def check_gold(names: Iterable[str], folder: Path, gold: str) -> None:
    """Refuse a gold file that labels a reserved event's article."""
    found = sorted(n for n in names if is_reserved(n, folder))
    if found:
        raise SystemExit(f"{gold} labels articles of the reserved Giveme5W1H events: {', '.join(found[:5])}")
