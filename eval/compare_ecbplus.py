"""What the comparison reports on events outside our gold: ECB+'s 43 newer same-event clusters (the
`<topic>_ecbplus` subtopics: 502 news texts, 3 to 22 outlets each, found by web search; Cybulska & Vossen, LREC
2014; ../shared/data/ecbplus). Each cluster is one job, each text's outlet its URL's host. No scorer weight or
threshold was fitted on them.

ECB+ has no gold for conflicts or corroborated facts, so this prints no accuracy: the count of each status, how
many texts carry a date once extracted (the texts come without publication times; a dateline under the headline
dates them, dates.dateline_date), and every conflicting, disputed and updated fact to read. The texts are
re-joined from ECB+'s tokens, and some numbers keep a tokeniser's space ("6. 1 - magnitude", "3 p. m."): misread
figures from those are the data's, not the news's.

Read for a closing note (2026-12-07): 25 conflicting or disputed facts before five rules read from them (the
dateline, the job's reference time for undated texts, a known same time for a statement clash, a count's named
holder: numbers._holder_of, and a toll's breakdown as parts: numbers._enumerated), 17 after, with 2 updates.
Background tolls ("In 2004 a tsunami killed 170,000 people") no longer sit in a quake's toll, two players'
rebounds are not one figure, "two women and one man died" is not a toll of two, and a test's results that "have
not been released" and later "were released Wednesday" are no contradiction. About 6 of the 19 left are right or
partly right (a toll 12 vs 18, two officials' death tolls, a rising count of convictions); the rest are counts
of places set against a total, distances from different towns, and the tokeniser's numbers.

Run: python -m eval.compare_ecbplus [-q]   (-q: the counts only)
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from eval.dedup_data import data_root
from eval.unseen_events import report


def clusters(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The job articles of each ECB+ newer cluster (subtopic -> its texts), the outlet read from each URL."""
    out: dict[str, list[dict[str, Any]]] = {}
    with gzip.open(folder / "documents.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if not str(doc["subtopic"]).endswith("ecbplus"):
                continue
            host = urlparse(doc.get("url") or "").netloc.lower()
            out.setdefault(doc["subtopic"], []).append({
                "id": str(doc["doc_id"]).replace("_", "-"), "source": host.removeprefix("www.") or doc["doc_id"],
                "text": doc["text"]})
    return dict(sorted(out.items(), key=lambda item: int(item[0].split("_")[0])))


def main() -> int:
    """Compare each ECB+ cluster and print the statuses, and every flagged fact for reading."""
    folder = data_root() / "ecbplus"
    if not folder.exists():
        print(f"ECB+ not found at {folder} (set CORROBORATE_DATA)", file=sys.stderr)
        return 1
    events = clusters(folder)
    total = sum(len(a) for a in events.values())
    print(f"ECB+: {len(events)} same-event clusters, {total} texts from "
          f"{len({a['source'] for group in events.values() for a in group})} outlets; no gold, so no accuracy: "
          "what a reader would be shown")
    counts = report("ecbplus", events, quiet="-q" in sys.argv)
    print(f"texts dated once extracted (from a dateline; ECB+ gives no publication times): "
          f"{counts['articles_dated']} of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
