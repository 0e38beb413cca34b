"""Page furniture in plain text: several signals per line added into a score, every decision auditable.

Signals: call-to-action vocabulary and label prefixes ("WATCH:"), caption and contributor credits,
repetition inside the article, lines shared with sibling articles of the same source or seen in earlier
ones, lines repeating a furniture line, position (edges, trailing blocks, neighbours), the voice of the
outlet addressing its reader, topic overlap with the article, and sentence shape (finite verb, final
punctuation, length, capitalisation). A well-formed sentence, a list item, a lead-in ("He said:") and a
quoted tweet get negative weights, and a line needs evidence beyond shape, repetition and voice to be
removed on its own: when in doubt, a line is kept. Weights were set on the seeds and a hand-labelled
Giveme5W1H sample (eval/furniture.py).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from workers.analysis.cleaning import lexicon
from workers.analysis.cleaning.blocks import absorb_blocks, mark_caption_runs
from workers.analysis.cleaning.normalize import line_fingerprint, match_key, normalize_text
from workers.analysis.cleaning.shape import LineShape, taggable, untagged_shapes, with_verb_features
from workers.analysis.cleaning.verdict import (
    EDGE_LINES,
    EVIDENCE_PREFIXES,
    LONG_WORDS,
    SHORT_WORDS,
    VOICE_SIGNALS,
    LineVerdict,
    SourceContext,
    content_words,
    decide,
)

EVIDENCE_OR_VOICE = EVIDENCE_PREFIXES + VOICE_SIGNALS
MAX_SHARED_SHARE = 0.5  # a sibling (or seen_lines) sharing more of the article's lines is a copy of it
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _any_of(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One alternation of patterns that share their flags: it matches a line iff one of them does."""
    flags = {p.flags for p in patterns}
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop()) if len(flags) == 1 else None


# One scan of a line for all call-to-action kinds instead of one per kind: most lines have none, and the
# per-kind scans are then skipped (the result is the same; it was the largest cost of the first pass).
_ANY_CTA = _any_of(list(lexicon.CTA_KINDS.values()))
# Exact pre-checks for two patterns that try a match at every position of a line (slow on long lines):
# lexicon.CREDIT_LABEL only matches a line holding ":" or "/" or opening with a caption word, and
# lexicon.CONTACT one holding "@", "0" or "+". Keep them in step with lexicon.py (a unit test checks both).
CREDIT_LABEL_POSSIBLE = re.compile(r"[:/]|^(?:photo|photograph|picture|image|credit|caption)", re.IGNORECASE)
CONTACT_CHARS = ("@", "0", "+")


def line_keys(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """(line_fingerprint, match_key) of each line, with one match_key per line instead of two.

    line_fingerprint(line) hashes match_key(normalize_text(line)); article lines are already normalised,
    so that key is the line's match_key too (the fingerprint is computed as normalize.line_fingerprint
    does: a unit test checks they agree). match_key was the largest cost left in the scorer.
    """
    fingerprints, keys = [], []
    for line in lines:
        normal = normalize_text(line)
        key = match_key(normal)
        fingerprints.append(hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest())
        keys.append(key if normal == line else match_key(line))
    return fingerprints, keys


def _outside_quotes(line: str) -> str:
    """The line without quoted passages (quotes may address a "you" or speak as "we")."""
    return lexicon.QUOTED.sub(" ", line)


def _cta_signals(verdict: LineVerdict, line: str, words: int, title: str) -> None:
    """Call-to-action vocabulary by kind, how much of the line it covers, and generic furniture words.

    A phrase the title also uses is the article's subject ("how to sign up to the beta"), not a prompt.
    """
    if _ANY_CTA is not None and not _ANY_CTA.search(line):
        _weak_cta_signal(verdict, line)
        return
    hits, covered = 0, 0
    for kind, pattern in lexicon.CTA_KINDS.items():
        matches = [m for m in pattern.finditer(line) if f" {match_key(m.group(0))} " not in title]
        if matches:
            verdict.signals.append(f"cta:{kind}")
            hits += len(matches)
            covered += sum(len(m.group(0).split()) for m in matches)
    # Mostly a call to action: by the words it covers, or (a widget of many short sentences) by sentences.
    mostly = bool(hits) and (covered >= 0.3 * max(words, 1) or _mostly_cta_sentences(line))
    # A long paragraph meets some of this vocabulary by chance; only its density counts there.
    verdict.score += min(2.5 if words >= LONG_WORDS and not mostly else 6.0, 2.5 * hits)
    if mostly:
        verdict.add("mostly_call_to_action", 2.0)
    _weak_cta_signal(verdict, line)


def _mostly_cta_sentences(line: str) -> bool:
    """True for a line of 2+ sentences, half of them or more holding a call to action."""
    sentences = [part for part in _SENTENCE_END.split(line) if part.strip()]
    with_cta = sum(1 for part in sentences if any(p.search(part) for p in lexicon.CTA_KINDS.values()))
    return len(sentences) >= 2 and 2 * with_cta >= len(sentences)


def _weak_cta_signal(verdict: LineVerdict, line: str) -> None:
    """Generic furniture words ("video", "share", "subscribers"): half a point each, one point at most."""
    weak = len(lexicon.WEAK_CTA.findall(line))
    if weak:
        verdict.add(f"cta_words(x{weak})", min(1.0, 0.5 * weak))


def _credit_signals(verdict: LineVerdict, line: str) -> None:
    """Label prefixes, caption credits, contributor lines, interface labels."""
    if lexicon.LABEL_PREFIX.search(line):
        verdict.add("label_prefix", 3.0)
    if lexicon.BRACKETED_LINE.match(line) and not lexicon.BRACKETED_UPDATE.match(line):
        # enough alone for a headline-shaped link; a bracketed full sentence (an editor's note) loses its
        # sentence shape's -4 and goes only with another signal (at an edge, off the topic)
        verdict.add("bracketed_aside", 6.0)
    credit = lexicon.CREDIT_PARENS.search(line)
    if credit:
        strong = "/" in credit.group(0) or "photo" in credit.group(0).casefold()
        verdict.add("caption_credit", 4.0 if strong else 3.0)
    label = CREDIT_LABEL_POSSIBLE.search(line) is not None and lexicon.CREDIT_LABEL.search(line) is not None
    if label or lexicon.CREDIT_TRAILING.search(line):
        verdict.add("credit_label", 3.0)
    counter = lexicon.GALLERY_COUNTER.search(line)
    if counter and int(counter.group(2)) >= 5:  # "12/34 ..." (a thread's "1/2" is not a gallery)
        verdict.add("credit_label:gallery_counter", 3.0)
    if lexicon.CREDIT_PREFIX_NAMED.search(line) or lexicon.CREDIT_ONLY.search(line):
        verdict.add("credit_prefix", 6.0)
    elif lexicon.CREDIT_PREFIX.search(line):
        verdict.add("credit_prefix", 3.5)
    if lexicon.CONTRIBUTOR_CREDIT.search(line):
        # Specific enough ("<agency> ... contributed.") to outweigh its sentence shape.
        verdict.add("contributor_credit", 8.0)
    if any(c in line for c in CONTACT_CHARS) and lexicon.CONTACT.search(line):
        verdict.add("contact_details", 1.5)
    tokens = [t.casefold() for t in re.findall(r"[^\W_]+", line)]
    if not tokens:
        verdict.add("no_words", 5.0)
    elif len(tokens) <= 3 and (all(t in lexicon.UI_WORDS for t in tokens) or (
            len(tokens) == 2 and tokens[1] in lexicon.PLATFORMS)):
        verdict.add("interface_words", 3.0)


def _voice_signals(verdict: LineVerdict, line: str, shape: LineShape, context: SourceContext) -> None:
    """The outlet speaking to its reader, naming itself, or asking a question."""
    outside = _outside_quotes(line)
    if lexicon.READER_ADDRESS.search(outside):
        verdict.add("addresses_reader", 1.5)
    if lexicon.OUTLET_VOICE.search(outside):
        verdict.add("outlet_voice", 1.0)
    if any(re.search(rf"\b{re.escape(name)}\b", outside, re.IGNORECASE) for name in context.outlet_names):
        verdict.add("names_the_outlet", 1.0)
    if shape.question and outside.rstrip().endswith("?") and shape.words < 15:
        verdict.add("standalone_question", 1.0)


def _shape_signals(verdict: LineVerdict, shape: LineShape, at_edge: bool) -> None:
    """Sentence shape: fragments score up, well-formed sentences score down."""
    if not shape.final_punct:
        verdict.add("no_final_punctuation", 1.0)
    if shape.words < SHORT_WORDS:
        verdict.add("short", 1.0)
    if shape.finite_verb is False:
        verdict.add("no_finite_verb", 1.0)
    if shape.imperative and shape.words < 12:
        verdict.add("imperative", 1.5)
    if shape.lowercase_start:
        verdict.add("lowercase_start", 1.0)
    if shape.headline_case and not shape.final_punct:
        verdict.add("headline_case", 0.5)
    if at_edge:
        verdict.add("at_edge", 0.5)
    if lexicon.LIST_ITEM.match(verdict.text):
        verdict.add("list_item", -1.5)
    if lexicon.EMBEDDED_POST.search(verdict.text):
        # A quoted tweet or post ("... — Name (@handle) March 3, 2018") is a source speaking, not furniture.
        verdict.add("embedded_post", -2.0)
    if lexicon.BYLINE.match(verdict.text) and not shape.final_punct and not shape.finite_verb:
        verdict.add("byline", 5.0)  # "By Malcolm Foster" (names only: "By Sunday, the toll rose" is prose)
    if verdict.text.rstrip().endswith(":"):
        # "He continued:", "ARI SHAPIRO, HOST:": a lead-in that says who speaks or what follows.
        verdict.add("lead_in", -2.0)
    sentence = shape.final_punct and shape.upper_start and shape.finite_verb is not False and shape.words >= 3
    if sentence:
        verdict.add("sentence_shape", -2.0)
        if shape.words >= SHORT_WORDS:
            verdict.add("full_sentence", -1.0)
        if shape.words >= LONG_WORDS:
            verdict.add("long_sentence", -1.0)


def _source_signals(verdict: LineVerdict, key: str, repeats: int, words: int, context: SourceContext) -> None:
    """Repetition inside the article, in sibling articles and in earlier articles of the source.

    Long lines count less: boilerplate is short, while an outlet reuses whole paragraphs of its own
    reporting across articles on one story.
    """
    long_line = words >= 12
    if repeats > 1:
        verdict.add(f"repeated_in_article(x{repeats})", 1.0 if long_line else 2.0)
    # One other article sharing a line may be the same story syndicated (its headings, its quotes); only a
    # line shared with two or more is evidence of the outlet's boilerplate.
    siblings = sum(1 for keys in context.sibling_keys if key in keys)
    if siblings == 1:
        verdict.add("shared_with_one_sibling", 1.0)
    elif siblings:
        verdict.add(f"shared_with_siblings(x{siblings})", 1.0 if long_line else 3.0)
    seen = int(context.seen_lines.get(key, 0))
    if seen == 1:
        verdict.add("seen_in_one_earlier_article", 1.0)
    elif seen:
        verdict.add(f"seen_in_earlier_articles(x{seen})", 1.0 if long_line else 3.0)


def _topic_signal(verdict: LineVerdict, words: set[str], topic: Counter[str], own: Counter[str]) -> None:
    """A line whose content words the rest of the article (topic minus the line's own words) does not use."""
    if len(words) < 6:
        return
    shared = sum(1 for w in words if topic[w] > own[w])
    if shared < 0.15 * len(words):
        verdict.add("off_topic", 1.0)


@dataclass
class _LineSignals:
    """The signals of one line that do not depend on the tagger: its text, and its repetitions and topic."""

    text: LineVerdict
    source: LineVerdict

    def has_evidence_or_voice(self) -> bool:
        """True when some signal is furniture evidence or the outlet's voice."""
        return any(s.startswith(EVIDENCE_OR_VOICE) for s in self.text.signals + self.source.signals)


def _line_signals(lines: Sequence[str], shapes: Sequence[LineShape], context: SourceContext,
                  keys: Sequence[str]) -> list[_LineSignals]:
    """Every line's signals from its own text, its repetitions and the source context (no verb features)."""
    counts = Counter(keys)
    words = [content_words(line) for line in lines]
    core = max(1, int(len(lines) * 0.6))
    topic: Counter[str] = Counter(w for ws in words[:core] for w in ws)
    topic.update(content_words(context.title or ""))
    title_key = f" {match_key(context.title)} " if context.title else ""
    out = []
    for index, (line, shape) in enumerate(zip(lines, shapes, strict=True)):
        text = LineVerdict(line)
        _cta_signals(text, line, shape.words, title_key)
        _credit_signals(text, line)
        _voice_signals(text, line, shape, context)
        source = LineVerdict(line)
        _source_signals(source, keys[index], counts[keys[index]], shape.words, context)
        own = Counter(words[index]) if index < core else Counter()
        _topic_signal(source, words[index], topic, own)
        out.append(_LineSignals(text, source))
    return out


def _verbs_needed(index: int, shape: LineShape, signals: _LineSignals, match_keys: Sequence[str]) -> bool:
    """True when a line's verb features can change what happens to any line, so the tagger must run on it.

    A short line ending like a sentence, with no furniture evidence, no outlet voice, and not contained in
    another line (so it cannot repeat a furniture line) is never removed and never joins a block or a
    caption run, whatever its verbs: the later signals that could make it furniture (byline, caption
    header, caption run, fragment between furniture lines) all need a line without final punctuation.
    Tagging only the other lines gives the same result and was most of the cleaning time.
    """
    if not taggable(shape):
        return False
    if not shape.final_punct or signals.has_evidence_or_voice():
        return True
    key = match_keys[index]
    return key.count(" ") >= 2 and any(key in other and key != other for other in match_keys)


def _first_pass(lines: Sequence[str], shapes: Sequence[LineShape],
                signals: Sequence[_LineSignals]) -> list[LineVerdict]:
    """Scores of every line: its text signals, its shape, then its repetitions and topic (in that order)."""
    verdicts = []
    for index, (shape, line_signals) in enumerate(zip(shapes, signals, strict=True)):
        text, source = line_signals.text, line_signals.source
        verdict = LineVerdict(lines[index], text.score, list(text.signals))
        at_edge = index < EDGE_LINES or index >= len(lines) - EDGE_LINES
        _shape_signals(verdict, shape, at_edge)
        verdict.signals.extend(source.signals)
        verdict.score += source.score  # weights are multiples of 0.5: the sum is exact in any order
        verdicts.append(verdict)
    return verdicts


def _relational_signals(verdicts: Sequence[LineVerdict], shapes: Sequence[LineShape],
                        match_keys: Sequence[str]) -> None:
    """Lines that repeat a furniture line, caption headers, and short lines next to furniture."""
    furniture_keys = [key for key, v in zip(match_keys, verdicts, strict=True) if v.furniture]
    for index, verdict in enumerate(verdicts):
        if verdict.furniture:
            continue
        key = match_keys[index]
        if key.count(" ") >= 2 and any(key in other and key != other for other in furniture_keys):
            verdict.add("repeats_furniture_line", 3.0)
        nxt = verdicts[index + 1] if index + 1 < len(verdicts) else None
        if nxt is not None and nxt.furniture and shapes[index].words <= SHORT_WORDS and (
            "caption_credit" in nxt.signals or "credit_label" in nxt.signals
        ) and not shapes[index].final_punct and content_words(verdict.text) & content_words(nxt.text):
            verdict.add("caption_header", 3.0)
        prev = verdicts[index - 1] if index > 0 else None
        if shapes[index].words < 12 and ((prev and prev.furniture) or (nxt and nxt.furniture)):
            verdict.add("next_to_furniture", 1.0)


def reliable_context(lines: Sequence[str], context: SourceContext,
                     keys: Sequence[str] | None = None) -> tuple[SourceContext, list[str]]:
    """The context without sources that share most of this article's lines, and a note for each dropped.

    A sibling holding most of the lines is a copy or an update of this article, and a seen_lines table
    holding most of them means the article itself was seen before: there, shared lines are its reporting,
    not the outlet's furniture. `keys`: the lines' fingerprints, when already computed.
    """
    own = set(keys) if keys is not None else {line_fingerprint(line) for line in lines}
    if not own:
        return context, []
    notes = []
    siblings = [s for s in context.sibling_keys if len(own & s) <= MAX_SHARED_SHARE * len(own)]
    if len(siblings) < len(context.sibling_keys):
        notes.append(f"{len(context.sibling_keys) - len(siblings)} sibling article(s) share most of this "
                     "article's lines (a copy or an update): not used as a furniture signal")
    seen = context.seen_lines
    if sum(1 for key in own if seen.get(key)) > MAX_SHARED_SHARE * len(own):
        notes.append("most lines of this article were seen in earlier articles (submitted before?): "
                     "earlier-article signal not used")
        seen = {}
    return SourceContext(siblings, seen, context.outlet_names, context.title), notes


def classify_lines(lines: Sequence[str], context: SourceContext, english: bool = True,
                   blocks: bool = True, keys: tuple[list[str], list[str]] | None = None) -> list[LineVerdict]:
    """A verdict for every line of an article (lines are its paragraphs, in order, none empty).

    `blocks=False` judges lines only by their own signals and neighbours, without absorbing runs between
    furniture lines: for text that trafilatura already took out of its page structure. `keys`: line_keys(lines),
    when already computed. The English tagger runs only on lines whose verb features can
    matter (_verbs_needed); on the others they stay None.
    """
    fingerprints, match_keys = keys if keys is not None else line_keys(lines)
    shapes = untagged_shapes(lines)
    signals = _line_signals(lines, shapes, context, fingerprints)
    if english:
        needed = [i for i, (shape, s) in enumerate(zip(shapes, signals, strict=True))
                  if _verbs_needed(i, shape, s, match_keys)]
        shapes = with_verb_features(lines, shapes, needed)
    verdicts = _first_pass(lines, shapes, signals)
    decide(verdicts)
    _relational_signals(verdicts, shapes, match_keys)
    mark_caption_runs(verdicts, shapes)
    decide(verdicts)
    if blocks:
        absorb_blocks(verdicts, shapes)
    return verdicts
