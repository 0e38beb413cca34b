"""A page's time stamp left in pasted text ("on March 1, 2012 at 8:12 am | Updated ...") is no statement:
outlets that each print their own stamp do not corroborate it, and its date is not a fact (dates.time_stamp,
claims.article_claims). Invented texts."""

from __future__ import annotations

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.dates import time_stamp
from workers.analysis.extraction import extract_articles

STORY = ("A fire destroyed a grain warehouse in the port of Kelston on Monday night. "
         "Firefighters fought the blaze for six hours before it was brought under control.")
HEADLINE = "Warehouse fire in Kelston"
STAMPS = ("Posted on March 1, 2012 at 8:12 am | Updated on March 1, 2012 at 11:41 am",
          "First published: Thursday, 1 March 2012, 09:15 GMT",
          "Last updated 10:24 AM, THU 1 MAR 2012")  # three outlets' stamps, as pasted with the text


def _stamped(line: str) -> bool:
    """Whether `line`, a paragraph under an article's headline, stays in the clean text and is read there as a
    time stamp."""
    record = extract_articles([{"id": "a", "source": "Harbour Herald",
                                "text": f"{HEADLINE}\n{line}\n\n{STORY}"}])[0]
    start = record["text"].index(line)  # kept: the cleaning is not what this tests
    return time_stamp(record["text"], start, start + len(line), record["dates"])


def test_stamps_of_several_shapes_are_time_stamps() -> None:
    for line in (*STAMPS, "Thu Mar 1, 2012 1:28PM GMT", "AFP, Thursday 1 March 2012", "Thu Mar 01 2012, 14:58 hrs"):
        assert _stamped(line), line


def test_prose_and_headlines_that_name_a_date_are_not() -> None:
    assert not _stamped("July 2, 2013 was a dark day for the Kelston port workers.")
    assert not _stamped("He died on Monday, March 3, 2014, at his home in Kelston.")
    assert not _stamped("Dock strike called for March 3, 2014")
    assert not _stamped("12 DEAD IN KELSTON ON MARCH 1, 2012")  # a number beside the date is a count, not a clock
    assert not _stamped("1,200 at 8:12 am on March 1, 2012")
    assert not _stamped("Died: Monday, March 3, 2014")  # mostly a date, but it says what happened then
    assert not _stamped("KELSTON HARBOUR AUTHORITY ANNUAL REPORT, MARCH 2014")  # a heading: the date is a fifth
    assert not _stamped("“This Week” on Sunday")  # a programme named like a date, and no digits


def test_outlets_stamping_their_pages_do_not_corroborate_the_stamp() -> None:
    stamps = [f"Posted on Thursday, March 1, 2012 at {clock} | Updated on Thursday, March 1, 2012 at 11:41 am"
              for clock in ("8:12 am", "9:40 am", "10:05 am")]
    extractions = extract(*[(f"a{n}", source, "2012-03-01T12:00:00+00:00", f"{HEADLINE}\n{stamp}\n\n{STORY}")
                            for n, (source, stamp) in enumerate(zip(("Harbour Herald", "Valley Courier",
                                                                     "Kelston Post"), stamps, strict=True))])
    facts = compare_sources(extractions, no_duplicates(extractions))["facts"]
    texts = {e["article_id"]: e["text"] for e in extractions}
    assert all(stamp in texts[f"a{n}"] for n, stamp in enumerate(stamps))  # kept by the cleaning
    members = [texts[c["article_id"]][c["start"]:c["end"]] for fact in facts for c in fact["claims"]]
    assert not any("Posted on" in member for member in members)
    assert any(fact["status"] == "corroborated" and "grain warehouse" in fact["label"] for fact in facts)
