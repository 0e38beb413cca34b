"""Photo galleries copied as text: one line per picture, its caption between the gallery's label and the
picture's counter ("Photos: <gallery title> <caption> Hide Caption 3 of 8", as CNN's galleries read once their
page is flattened to text).

The caption says what the picture shows, often a fact the story's prose does not give (a toll at the time of the
picture, who is seen, where); the label and the counter are interface text. Before the furniture scorer looks
at the lines, each gallery line is cut down to its caption, so the caption is judged as any other line (and a
page that is a gallery and nothing else keeps its captions instead of failing with no main text). What was cut
is returned, so the audit of removed text stays complete.

A gallery may be another story's, or many stories' ("Shocking celebrity splits", a page of 57 pictures of other
couples filed with one couple's split, unannotated Giveme5W1H event 56): a caption sharing no content word with
the article's title (tokens.content_words) is about something else, and when most of a page's captions are, the
gallery is not the story's at all. Such lines are left whole, for the furniture scorer to judge (it removed
every line of event 56's page, which fails with no main text as it did before).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workers.analysis.tokens import content_words

# A picture's counter at the end of its caption line: "Hide Caption 3 of 8", "Show caption 12 of 30".
_COUNTER = r"\s*\b(?:hide|show|toggle|close|expand)\s+caption\s+\d{1,3}\s+of\s+\d{1,3}"
COUNTER = re.compile(_COUNTER + r"\s*$", re.IGNORECASE)
# The same counter inside a paragraph: a gallery whose pictures were run together into one paragraph.
COUNTER_INSIDE = re.compile(_COUNTER + r"(?=\s+\S)", re.IGNORECASE)
# The gallery's label opening each caption line: a label word and a colon ("Photos:", "Gallery:", "In pictures:").
LABEL = re.compile(r"^(?:photos?|pictures?|images?|gallery|in\s+pictures|slideshow)\s*:\s*", re.IGNORECASE)
MIN_LINES = 2  # the gallery's title is the words its lines share: it takes two lines to tell it from a caption
ON_TOPIC_SHARE = 0.5  # a gallery most of whose captions share no word with the title is not the story's
MIN_CAPTION_WORDS = 3  # a remainder shorter than this is no caption (the counter of a picture without one)


def _shared_words(lines: Sequence[str]) -> int:
    """How many leading words every line has in common."""
    split = [line.casefold().split() for line in lines]
    count = 0
    for column in zip(*split, strict=False):
        if any(word != column[0] for word in column):
            break
        count += 1
    return count


def _pictures(line: str) -> list[str]:
    """A paragraph split after each picture counter inside it (the line itself when it holds none)."""
    ends = [m.end() for m in COUNTER_INSIDE.finditer(line)]
    if not ends:
        return [line]
    starts = [0, *ends]
    return [piece for a, b in zip(starts, [*ends, len(line)], strict=True) if (piece := line[a:b].strip())]


def unwrap_gallery_lines(lines: Sequence[str], title: str | None = None) -> tuple[list[str], list[str]]:
    """The lines with each gallery line cut down to its caption, and the texts cut away (in line order).

    A gallery line ends with a picture counter (COUNTER). When two or more of them open with one label (LABEL)
    and the same words after it, those words are the gallery's title and go too; the caption is what is left
    (a line left with fewer than MIN_CAPTION_WORDS words, or whose caption shares no content word with the
    article's `title` when one is given, is kept whole, for the furniture scorer to judge; when at most
    ON_TOPIC_SHARE of the captions share one, every line is).
    Lines without a counter are returned as they are; a line holding several pictures' counters is split after
    each when a caption of it is kept (the lines come back as given when none is)."""
    given = list(lines)
    lines = [piece for line in given for piece in _pictures(line)]
    bodies = {i: line[:found.start()] for i, line in enumerate(lines) if (found := COUNTER.search(line))}
    counted = sorted(bodies)
    if not counted:
        return given, []
    labelled = [i for i in counted if LABEL.match(lines[i])]
    title_words = _shared_words([bodies[i] for i in labelled]) if len(labelled) >= MIN_LINES else 0
    topic = set(content_words(title)) if title else set()
    captions: dict[int, tuple[list[str], list[str]]] = {}  # line -> (the gallery label and title words, caption)
    for i in counted:
        words = bodies[i].split()
        head = words[:title_words] if i in labelled else []
        if len(words) - len(head) >= MIN_CAPTION_WORDS:
            captions[i] = head, words[len(head):]
    on_topic = {i for i, (_, caption) in captions.items()
                if not topic or topic & set(content_words(" ".join(caption)))}
    if not on_topic or len(on_topic) <= ON_TOPIC_SHARE * len(captions):
        return given, []  # no caption, or another story's gallery (or many stories'): every line stays whole
    out, cut = list(lines), list[str]()
    for i in sorted(on_topic):
        head, caption = captions[i]
        out[i] = " ".join(caption)
        cut.extend(part for part in (" ".join(head), lines[i][len(bodies[i]):].strip()) if part)
    return out, cut
