"""Direct quotations (curly or straight marks, partial, over paragraphs) with their speaker and cue verb."""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from workers.analysis.entities import entity_key
from workers.analysis.nlp import doc_text, sentences
from workers.analysis.speakers import EntityIndex, Speaker, is_cue, past_dateline, resolve_speaker, speaker_of_cue

OPEN_CURLY, CLOSE_CURLY, STRAIGHT = "“", "”", '"'
_TRIM = " \t\n,;"
_MARK_RE = re.compile('[“"]')
Cue = tuple[str, int, int]  # the cue as written and its offsets ("said", "according to", "―")
_CLOSE_RE = re.compile('[”"]')


def _closing_mark(text: str, start: int, end: int) -> int:
    """The first closing mark (curly or straight: pages mix them, '"Oz has ...,” said') in [start, end)."""
    found = _CLOSE_RE.search(text, start, end)
    return found.start() if found else -1


def _paragraph_end(text: str, pos: int) -> int:
    """Offset of the newline ending the paragraph that contains pos (or len(text))."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _next_paragraph_start(text: str, pos: int) -> int:
    """Offset of the first non-blank character after the newline at pos."""
    i = pos
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _is_straight_opening(text: str, i: int) -> bool:
    """A straight quote opens when preceded by start/space/bracket and followed by a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation's content, marks excluded; a quote left open at a paragraph end
    continues when the next paragraph opens with a quote mark (news convention), else it ends there."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        mark = _MARK_RE.search(text, i)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        opening = ch == OPEN_CURLY or (ch == STRAIGHT and _is_straight_opening(text, i))
        if not opening:
            i += 1
            continue
        start = i + 1
        j = start
        while True:
            para_end = _paragraph_end(text, j)
            close = _closing_mark(text, j, para_end)
            # an opening curly mark before the close means this mark never closed: stop at it
            if close >= 0:
                end, i = close, close + 1
                break
            nxt = _next_paragraph_start(text, para_end)
            if nxt < n and text[nxt] in (OPEN_CURLY, STRAIGHT) and text[nxt] == ch:
                j = nxt + 1
                continue
            end, i = para_end, para_end
            break
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start and any(c.isalnum() for c in text[start:end]):
            spans.append((start, end))
    return sorted(spans + _single_quote_spans(text, spans))


OPEN_SINGLE, CLOSE_SINGLE, STRAIGHT_SINGLE = "‘", "’", "'"
_CLOSE_SINGLE_RE = re.compile("[’']")  # what may close a quote opened by a straight mark
_CLOSE_CURLY_SINGLE_RE = re.compile(CLOSE_SINGLE)  # ... and one opened by ‘
_QUOTE_END_PUNCTUATION = ".,!?;:"


def _straight_single_opens(text: str, i: int) -> bool:
    """A straight single mark opens a quotation where a word starts: after the start, a space, a bracket or
    a dash, before a letter ('We, not 'til or '90s after a space; "don't" never, its mark is inside a word)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and after.isalpha()


def _single_close(text: str, start: int, end: int, straight: bool) -> int:
    """The closing single mark of a quotation opened just before `start`, or -1: the first ’ (or, for a
    straight opening, ’ or ') not followed by a letter, so the apostrophe of "didn’t", "Nice’s" or "don't"
    never closes. A straight mark after "s" and before a space and a word is a plural possessive ('the
    players' union') and closes nothing; after punctuation ('..., he said.' ,' she said') it always closes."""
    j = start
    while True:
        found = (_CLOSE_SINGLE_RE if straight else _CLOSE_CURLY_SINGLE_RE).search(text, j, end)
        if found is None:
            return -1
        j = found.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        if after.isalpha() or after.isdigit():
            j += 1
            continue
        possessive = (text[j] == STRAIGHT_SINGLE and text[j - 1] in "sS" and after == " "
                      and j + 2 < len(text) and text[j + 2].isalpha())
        if possessive and text[j - 1] not in _QUOTE_END_PUNCTUATION:
            j += 1
            continue
        return j


def _single_quote_spans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations in single marks, British style (‘We are in shock,’ she said; the Daily Mail's and the
    Sun's straight 'We are in shock,' she said), outside the double-quoted spans (where single marks nest a
    quote in a quote). A mark opens only before a letter (not ‘90s); the closing mark is found by
    _single_close within the paragraph; the content must hold two words."""
    out: list[tuple[int, int]] = []
    for i in sorted(m.start() for m in re.finditer("[‘']", text)):
        if out and i < out[-1][1] + 1:
            continue  # inside (or the closing mark of) the quotation just found
        straight = text[i] == STRAIGHT_SINGLE
        if straight and not _straight_single_opens(text, i):
            continue
        if any(a - 1 <= i < b + 1 for a, b in taken) or i + 1 >= len(text) or not text[i + 1].isalpha():
            continue
        close = _single_close(text, i + 1, _paragraph_end(text, i), straight)
        if close < 0:
            continue
        end = close
        while end > i + 1 and text[end - 1] in _TRIM:
            end -= 1
        if len(text[i + 1:end].split()) >= 2:
            out.append((i + 1, end))
    return out


def _sentence_index(sent_starts: list[int], offset: int) -> int:
    """Index of the sentence containing the character offset."""
    return max(0, bisect.bisect_right(sent_starts, offset) - 1)


def _cue_near(sents: list[Span], quote: tuple[int, int], max_offset: int | None = None) -> Token | None:
    """The cue verb outside the quote, in the given sentences, closest to the quote; with max_offset,
    only cues within the first max_offset tokens of their sentence (a trailing "he said.")."""
    start, end = quote
    best: tuple[int, Token] | None = None
    for sent in sents:
        for token in sent:
            if max_offset is not None and token.i - sent.start > max_offset:
                break
            if start - 1 <= token.idx < end + 1 or not is_cue(token):
                continue
            distance = start - token.idx if token.idx < start else token.idx - end
            if best is None or distance < best[0]:
                best = (distance, token)
    return best[1] if best else None


def _governing_cue(sents: list[Span], quote: tuple[int, int]) -> Token | None:
    """The first cue verb outside the quote among the ancestors of the quote's tokens."""
    for sent in sents:
        for token in sent:
            if not quote[0] <= token.idx < quote[1]:
                continue
            for ancestor in token.ancestors:
                if not quote[0] <= ancestor.idx < quote[1] and is_cue(ancestor):
                    return ancestor
            return None
    return None


def _colon_intro(sents: list[Span], quote: tuple[int, int], text: str) -> Token | None:
    """For "X, pointing the finger at Y: “...”", the last verb before the colon that has a subject."""
    before = text[: quote[0] - 1].rstrip(' “"‘')
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    for sent in sents:
        if not sent.start_char <= colon < sent.end_char:
            continue
        verbs = [t for t in sent if t.idx < colon and t.pos_ == "VERB"]
        for verb in reversed(verbs):
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) or is_cue(verb):
                return verb
    return None


def _according_to(sents: list[Span], quote: tuple[int, int]) -> Token | None:
    """The object of "according to" outside the quote, if the sentences have one."""
    for sent in sents:
        for token in sent:
            if token.lower_ == "according" and not (quote[0] <= token.idx < quote[1]):
                for to in token.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _is_partial(text: str, start: int, sent_start: int) -> bool:
    """A quote is partial when it sits inside running prose (the mark follows a word)."""
    i = start - 2
    while i >= sent_start and text[i] == " ":
        i -= 1
    return i >= sent_start and (text[i].isalnum() or text[i] in "’'")


def find_quotes(doc: Doc) -> list[dict[str, Any]]:
    """Every direct quotation in the doc with speaker, cue verb and the speaker's entity key."""
    text = doc_text(doc)
    sents = sentences(doc)
    sent_starts = [s.start_char for s in sents]
    spans = find_quote_spans(text)
    index = EntityIndex.for_doc(doc, spans)
    quotes: list[dict[str, Any]] = []
    for start, end in spans:
        first = _sentence_index(sent_starts, start)
        last = _sentence_index(sent_starts, max(start, end - 1))
        following = sents[last + 1] if (last + 1 < len(sents) and _ends_quote(text, end, sents[last])
                                         and _same_paragraph(text, end, sents[last + 1].start_char)) else None
        speaker, cue = _speaker_for(sents[first : last + 1], (start, end), index, text, following)
        dashed = _dash_attribution(doc, text, end)
        if dashed is not None:
            speaker, cue = dashed
        if speaker is None and first > 0 and text[sents[first - 1].start_char : start].rstrip(' “"‘\n').endswith(":"):
            speaker, cue = _speaker_for([sents[first - 1]], (start, end), index, text)
        if speaker is not None and quotes and _is_the_statement(speaker.text) and quotes[-1]["speaker_key"]:
            prev = quotes[-1]  # '“...,” the statement added.' refers back to the last quoted statement's author
            speaker = Speaker(prev["speaker"], prev["speaker_start"], prev["speaker_end"], prev["speaker_key"],
                              "the statement -> previous speaker", mention_start=speaker.start,
                              mention_end=speaker.end)  # fmt: skip
        if (
            speaker is None
            and quotes
            and (_same_paragraph(text, quotes[-1]["end"], start) or _continues_previous(text, quotes[-1]["end"], start))
        ):
            prev = quotes[-1]
            if prev["speaker"] is not None:
                speaker = Speaker(
                    prev["speaker"],
                    prev["speaker_start"],
                    prev["speaker_end"],
                    prev["speaker_key"],
                    "previous quote in paragraph",
                    mention_start=prev["speaker_mention_start"],
                    mention_end=prev["speaker_mention_end"],
                )
                cue = (prev["cue"], prev["cue_start"], prev["cue_end"]) if prev["cue"] else None
        record = _quote_record(text, start, end, first, speaker, cue, sents[first].start_char)
        record["content_start"], record["content_end"] = _content_span(sents[first : last + 1], (start, end))
        quotes.append(record)
    return quotes


def _content_span(sents: list[Span], quote: tuple[int, int]) -> tuple[int, int]:
    """The reported clause a partial quote sits in: the governing cue's complement that contains the quote
    ("said [a response to “China’s actions” should involve ...]"), else the quote itself."""
    cue = _governing_cue(sents, quote)
    if cue is None:
        return quote
    first = next((t for s in sents for t in s if t.idx >= quote[0]), None)
    if first is None:
        return quote
    branch = first
    while branch.head != cue and branch.head != branch:
        branch = branch.head
    if branch.head != cue or branch.dep_ in {"nsubj", "nsubjpass", "punct"}:
        return quote
    left, right = branch.left_edge, branch.right_edge
    return min(quote[0], left.idx), max(quote[1], right.idx + len(right.text))


def _is_the_statement(text: str) -> bool:
    """A speaker that is only a reference back to a statement ("the statement", "the letter")."""
    return text.lower() in {"the statement", "the letter", "the post", "the tweet", "the message"}


def _ends_quote(text: str, end: int, sent: Span) -> bool:
    """True when the quote closes right at the end of its last sentence (the cue may follow); a straight
    single mark closes as a curly one does ('... before I leave?' the President tweeted.)."""
    return text[end : sent.end_char].strip(' ,.”"’\'\n') == ""


def _continues_previous(text: str, previous_end: int, start: int) -> bool:
    """A quote that opens the paragraph right after a paragraph whose quote had a speaker and little else
    ('“...,” she told AFP.' then '“They want to blame it ...”'): the same person goes on."""
    gap = text[previous_end : start - 1]
    return gap.count("\n") >= 1 and len(gap) <= 200 and text[: start - 1].rstrip(" ").endswith("\n")


def _same_paragraph(text: str, a: int, b: int) -> bool:
    """True if there is no line break between offsets a and b."""
    return "\n" not in text[a:b]


def _speaker_for(
    sents: list[Span], quote: tuple[int, int], index: EntityIndex, text: str, following: Span | None = None
) -> tuple[Speaker | None, Cue | None]:
    """Speaker and cue text for a quote: a colon introduction, a cue in its own sentences, "according to",
    a short trailing cue in the next sentence ("... ,” he said."), else the subject of its sentence."""
    intro = _colon_intro(sents, quote, text)
    candidates = [intro] if intro is not None else []
    own = _governing_cue(sents, quote) or _cue_near(sents, quote)
    if own is not None:
        candidates.append(own)
    if following is not None:
        trailing = _cue_near([following], quote, max_offset=6)
        if trailing is not None:
            candidates.append(trailing)
    for cue in candidates:
        speaker = speaker_of_cue(cue, index, quote)
        if speaker is not None:
            return speaker, (cue.text, cue.idx, cue.idx + len(cue.text))
    source = _according_to(sents, quote)
    if source is not None:
        according = source.head.head
        return resolve_speaker(source, index, "according to"), ("according to", according.idx, source.head.idx + 2)
    root = sents[0].root
    subject = next((past_dateline(c) for c in root.children if c.dep_ == "nsubj"), None)
    if subject is not None and not quote[0] <= subject.idx < quote[1] and _names_someone(subject):
        return resolve_speaker(subject, index, "sentence subject"), None
    return None, None


def _names_someone(token: Token) -> bool:
    """A subject that can be a speaker without a cue verb: a named entity or he/she/they."""
    return token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or token.lower_ in {"he", "she", "they"}


def _dash_attribution(doc: Doc, text: str, end: int) -> tuple[Speaker, Cue] | None:
    """'“...” ― Pamela Padilla': a name after a dash right behind the closing mark, on the same line."""
    i = end
    while i < len(text) and text[i] in ' ,.”"’':
        i += 1
    if i >= len(text) or text[i] not in "―—–-":
        return None
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    span = doc.char_span(i + 1, line_end, alignment_mode="contract")
    if span is None:
        return None
    words = [t for t in span if not t.is_space]
    if not words or not words[0].text[:1].isupper():
        return None
    names = [e for e in span.ents if e.label_ in {"PERSON", "ORG"} and e.start - span.start <= 2]
    if names:
        named = names[0]
    else:  # an unrecognised name: the run of capitalised words after the dash
        first = words[0].i
        last = first
        while last + 1 < span.end and (doc[last + 1].text[:1].isupper() or doc[last + 1].text in {"-", "."}):
            last += 1
        named = doc[first : last + 1]
    key = entity_key(named.text, named.label_ or "PERSON")
    return Speaker(named.text, named.start_char, named.end_char, key, "dash attribution"), (text[i], i, i + 1)


def _first(value: int | None, default: int) -> int:
    """value unless it is None."""
    return default if value is None else value


def _quote_record(
    text: str, start: int, end: int, sentence: int, speaker: Speaker | None, cue: Cue | None, sent_start: int
) -> dict[str, Any]:
    """One quote as a contract dict."""
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "speaker": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_key": speaker.key if speaker else None,
        "speaker_method": speaker.method if speaker else None,
        "speaker_mention_start": _first(speaker.mention_start, speaker.start) if speaker else None,
        "speaker_mention_end": _first(speaker.mention_end, speaker.end) if speaker else None,
        "cue": cue[0] if cue else None,
        "cue_start": cue[1] if cue else None,
        "cue_end": cue[2] if cue else None,
        "sentence": sentence,
        "partial": _is_partial(text, start, sent_start),
    }
