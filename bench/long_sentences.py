"""Cost of text without full stops: extraction time and output size at 2k, 5k and 10k words, one process.

Before the parser saw long runs cut (workers.analysis.nlp.MAX_SENTENCE_TOKENS) and claims carried their whole
sentence, 10k such words took 15 s and gave 55 MB of extraction JSON; both should now grow linearly.
"""

from __future__ import annotations

import json
import time

from workers.analysis.extraction import extract_article
from workers.analysis.nlp import get_nlp

CLAUSE = ("Officials said 12 people were injured and 3 were killed in the attack on the city, according to "
          "police, while witnesses said that ")


def text_of(words: int) -> str:
    """A headline, then `words` words with commas but no full stop."""
    repeated = (CLAUSE * (words // len(CLAUSE.split()) + 1)).split()[:words]
    return "The attack. " + " ".join(repeated)


def main() -> None:
    """Print seconds and JSON bytes per size."""
    get_nlp()
    for words in (2_000, 5_000, 10_000):
        text = text_of(words)
        started = time.perf_counter()
        record = extract_article({"id": "a", "source": "s", "text": text})
        seconds = time.perf_counter() - started
        size = len(json.dumps(record))
        print(f"{words:>6} words ({len(text):>6} chars): {seconds:5.2f} s, {size / 1e6:6.2f} MB of JSON "
              f"({size / len(text):.1f} bytes per input character)", flush=True)


if __name__ == "__main__":
    main()
