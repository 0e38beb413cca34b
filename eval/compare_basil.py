"""What the comparison reports on events outside our gold: BASIL's 100 events, each told by Fox News, The New
York Times and HuffPost (Fan et al., EMNLP 2019; ../shared/data/basil). No scorer weight or threshold was fitted
on them.

BASIL has no gold for the comparison, so this prints no accuracy. It prints what a fact-checker would have
to read, so that a false alarm is seen: every conflicting, disputed and updated fact with its claims, and the
count of each status. The 6 conflicts and disputes reported before the statement rule
of facts.opposite_statements (2026-12-07) were all read, and all were wrong: a quotation cut two ways, two
statements on one topic, a negation placed elsewhere.

Run: python -m eval.compare_basil [-q]   (-q: the counts only)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eval.dedup_data import data_root
from eval.unseen_events import report


def triplets(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The job articles of each BASIL event (triplet id -> its three articles), text as paragraphs of sentences."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("articles/*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = str(record["source"]).lower()
        text = "\n\n".join(" ".join(sentences) for sentences in record["body-paragraphs"])
        out.setdefault(record["triplet-uuid"], []).append({
            "id": f"{path.stem.rsplit('_', 1)[-1]}-{source}", "source": source, "title": record.get("title"),
            "text": text, "published_at": record.get("date") or None})
    return out


def main() -> int:
    """Compare each BASIL event and print the statuses, and every flagged fact for reading."""
    folder = data_root() / "basil"
    if not folder.exists():
        print(f"BASIL not found at {folder} (set CORROBORATE_DATA)", file=sys.stderr)
        return 1
    events = triplets(folder)
    print(f"BASIL: {len(events)} events, {sum(len(a) for a in events.values())} articles (Fox News, The New York "
          "Times, HuffPost); no gold, so no accuracy: what a reader would be shown")
    report("basil", events, quiet="-q" in sys.argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
