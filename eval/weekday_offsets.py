"""How many days before publication a bare weekday in a news text lies: the measurement behind
dates.NEXT_DAY_BACK (a bare weekday naming the day after publication is that next day).

Giveme5W1H articles of the events outside the reporting half of our comparison gold and not reserved for
judging (the tuning half and the unannotated events; the reserved ids are skipped without being printed);
each bare weekday name ("on Sunday", not "last Sunday") counted by how many days before the article's
`date_publish` its most recent occurrence lies (0-6). A spike at six days
back, over four and five, is the day after publication read as last week's: the counts, and a fixed sample of
the six-days-back mentions to read (`--sample`). `python -m eval.weekday_offsets [--sample]`.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections import Counter
from datetime import datetime

from eval.compare_gold import gold_files
from eval.dedup_data import data_root
from eval.reserved import RESERVED_EVENTS
from workers.analysis.dates import WEEKDAYS

BARE = re.compile(r"(?<!last )(?<!next )(?<!this )\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
SAMPLE = 20


def main() -> int:
    """Print the offsets' counts (and, with --sample, SAMPLE six-days-back mentions in context)."""
    reporting = {int(path.stem) for path in gold_files("report")}
    folder = data_root() / "giveme5w1h-news-cluster"
    counts: Counter[int] = Counter()
    six_back: list[str] = []
    articles = 0
    with (folder / "index.tsv").open(encoding="utf-8") as index:
        for row in csv.DictReader(index, delimiter="\t"):
            if int(row["event_id"]) in RESERVED_EVENTS | reporting or not row["date_publish"]:
                continue
            base = datetime.fromisoformat(row["date_publish"])
            text = json.loads((folder / "articles" / row["file"]).read_text(encoding="utf-8"))["text"]
            articles += 1
            for match in BARE.finditer(text):
                back = (base.weekday() - WEEKDAYS.index(match.group(1).lower())) % 7
                counts[back] += 1
                if back == 6:
                    six_back.append(" ".join(text[max(0, match.start() - 90):match.end() + 30].split()))
    print(f"Bare weekday names in {articles} Giveme5W1H articles (tuning half and unannotated events),")
    print("by days before publication:", " / ".join(f"{back}: {counts[back]}" for back in range(7)))
    if "--sample" in sys.argv:
        for line in random.Random(1).sample(six_back, min(SAMPLE, len(six_back))):
            print(f"  ... {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
