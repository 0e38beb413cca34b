"""The same quotation across articles: grouping by speaker and shared wording, and a word-level diff.

difflib (stdlib) does the diff: SequenceMatcher on word lists gives the matching blocks and the opcodes,
which is all a reader needs to see "non-state" become "non-governmental".
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Any

from breame.spelling import get_american_spelling
from text_to_num import alpha2digit

from workers.analysis.comparison.entities import MentionIndex
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.reprints import MIN_RUN_WORDS, BareText, Reprint
from workers.analysis.entities import TITLE_WORDS
from workers.analysis.tokens import STOPWORDS, spacy_stopwords
from workers.analysis.union_find import UnionFind

EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$", re.UNICODE)
SHINGLE = 3  # words per shingle used to find candidate pairs
MAX_POSTING = 50  # shingles shared by more quotes than this are too common to block on
MIN_SHARED_WORDS = 3
MIN_OVERLAP = 0.5  # matched words / words of the shorter quote
# A quoted fragment shorter than MIN_SHARED_WORDS ("political dimension", "caught red handed" / "red handed") is
# one quotation with another outlet's quote when it lies in it word for word, every word of it a content word,
# and both outlets name the same speaker (named_alike): outlets quote officials' key phrases as fragments. Two
# words in quotation marks with no speaker are mostly terms and names ("Wolf Moon", "safe zone", "Heavenly
# Palace" on unannotated Giveme5W1H events), not anyone's quotation.
FRAGMENT_WORDS = 2
FRAGMENT_SCORE = MIN_OVERLAP / 2  # below any fuller match's score (its overlap, at least MIN_OVERLAP)
# A quote under a third of another's length is a piece of it only when most of its words are the longer one's, in
# order (PIECE_OVERLAP): a reporter who quotes part of a long statement takes it word for word, while a short
# quote that shares a phrase with a long one is another quotation. Set by reading the joins of the unannotated
# and tuning events, not fitted: of the 11 grouped quotes under a third of their group's reference and sharing less
# than 0.8 of their words with it, 10 were other quotations ("threaten the security and peace of the Korean
# peninsula" beside a statement ending "for the peace of the Korean Peninsula"; "The rocket is looking good."
# beside a long answer about Max-Q), one a reworded piece ("crushed everyone in its path").
PIECE_RATIO = 1 / 3
PIECE_OVERLAP = 0.8
PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "you", "his", "her", "their"})
_TITLES = frozenset(w.rstrip(".") for w in TITLE_WORDS)


# A closing mark after sentence punctuation, run into the next word ("He said ‘Yeah.’I said"): two words.
_RUN_ON_MARK = re.compile(r"(?<=[.!?,;:])(['’”\"])(?=\w)")
_NON_SPACE = re.compile(r"\S+")


def word_tokens(text: str) -> list[str]:
    """The words of a quote as written (punctuation stays attached, for display); bare punctuation dropped."""
    return [word for word, _, _ in word_spans(text)]


@lru_cache(maxsize=65536)
def _quote_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A quote's words (word_tokens) and their folded forms (_norm), once per distinct quote text: wire copies
    repeat a job's quotes word for word."""
    words = tuple(word_tokens(text))
    return words, tuple(_norm(w) for w in words)


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """word_tokens with their offsets: whitespace-separated, a closing mark run into the next word cut after
    the mark, bare punctuation dropped."""
    marks = [mark.end() for mark in _RUN_ON_MARK.finditer(text)]  # cut points, found once for the text
    out = []
    at = 0
    for match in _NON_SPACE.finditer(text):
        start, end = match.span()
        while at < len(marks) and marks[at] <= start:
            at += 1
        cuts = [start]
        while at < len(marks) and marks[at] < end:
            cuts.append(marks[at])
            at += 1
        cuts.append(end)
        out += [(text[a:b], a, b) for a, b in pairwise(cuts) if _norm(text[a:b])]
    return out


def folded_words(text: str) -> list[tuple[str, int, int]]:
    """word_spans folded as quotes are matched (_norm): what a bare print of a quotation is searched in."""
    return [(_norm(word), start, end) for word, start, end in word_spans(text)]


@lru_cache(maxsize=131072)
def _norm(word: str) -> str:
    """A word folded for matching: case, curly apostrophes, surrounding punctuation and British/American
    spelling ignored ("behaviour" = "behavior": the same word, not drift; breame's list of dual spellings)."""
    folded = EDGE_PUNCTUATION.sub("", word.casefold().replace("’", "'"))
    return get_american_spelling(folded) if folded.isalpha() else folded


def speaker_names(speaker: str) -> frozenset[str]:
    """The name words of a speaker as an article writes it: capitalised words, folded, without possessives,
    titles or function words. "Mr Zhu" -> {zhu}; "a spokeswoman for China's Foreign Ministry" ->
    {china, ministry}; "the statement" or "the spokesperson" -> {} (no name: it says nothing about who)."""
    out = set()
    for word in speaker.split():
        if not word[:1].isupper():
            continue
        folded = _norm(word).removesuffix("'s")
        if folded and folded not in STOPWORDS and folded not in _TITLES:
            out.add(folded)
    return frozenset(out)


def speakers_compatible(a: QuoteRecord, b: QuoteRecord) -> bool:
    """Whether two quotes may be one person's: the same linked entity, or a shared name word, or no name on
    one side. Outlets name one speaker differently ("Mr Zhu" / "Zhu Congpeng", "Bruce Steinberg's sister" /
    "Tamara Steinberg Jacobson", "Blake" / "the statement"): only two names with no word in common (and no
    shared entity) say that two people spoke."""
    if a.speaker_id and a.speaker_id == b.speaker_id:
        return True
    if not a.names or not b.names:
        return True
    return bool(a.names & b.names)


def named_alike(a: QuoteRecord, b: QuoteRecord) -> bool:
    """Whether both quotes name their speaker and the names meet (one linked entity, or a shared name word):
    stronger than speakers_compatible, which also lets a quote with no named speaker pass."""
    return bool(a.speaker_id and a.speaker_id == b.speaker_id) or bool(a.names & b.names)


class QuoteRecord:
    """One quote in one article with what matching needs."""

    def __init__(self, index: int, raw: dict[str, Any], article: ArticleText, speaker_id: str | None) -> None:
        self.index = index
        self.article_id = article.article_id
        self.source = article.source
        self.raw = raw
        words, self.key = _quote_words(raw["text"])  # key: what quote_overlap reads of it
        self.words = list(words)
        self.norm = list(self.key)
        speaker = (raw.get("speaker") or "").strip()
        self.speaker = speaker or None
        known = bool(speaker) and _norm(speaker) not in PRONOUNS
        self.speaker_id = speaker_id
        self.names = speaker_names(speaker) if known else frozenset()
        mention = _mention(raw, article)
        if known and mention and _norm(mention) not in PRONOUNS:
            # named beside a description ("a spokeswoman for China's Foreign Ministry, Hua Chunying"): another
            # outlet may give the description alone, so its name words count too
            self.names |= speaker_names(mention)
        # what quotes of one speaker share (blocking for the paraphrase pass): the entity, or a name word
        self.speaker_keys = ({speaker_id} if speaker_id else set()) | set(self.names)
        self.evidence = article.evidence(raw["start"], raw["end"], raw.get("sentence"))
        self.marked = raw.get("marked", True) is not False  # False: printed without quotation marks (reprints)

    @cached_property
    def long_runs(self) -> frozenset[tuple[str, ...]]:
        """Its runs of MIN_RUN_WORDS words (built only for quotes whose speakers look incompatible)."""
        return frozenset(tuple(self.norm[i:i + MIN_RUN_WORDS]) for i in range(len(self.norm) - MIN_RUN_WORDS + 1))


def _mention(raw: dict[str, Any], article: ArticleText) -> str | None:
    """The words that name a quote's speaker in its sentence, when they are not the speaker's name itself."""
    start, end = raw.get("speaker_mention_start"), raw.get("speaker_mention_end")
    if start is None or end is None or (start, end) == (raw.get("speaker_start"), raw.get("speaker_end")):
        return None
    return article.text[start:end]


def _records(extractions: list[dict[str, Any]], texts: dict[str, ArticleText],
             mentions: MentionIndex) -> list[QuoteRecord]:
    """Every quote of every article as a QuoteRecord."""
    out: list[QuoteRecord] = []
    for extraction in extractions:
        article = texts[extraction["article_id"]]
        for raw in extraction.get("quotes") or []:
            speaker_id = None
            if raw.get("speaker_start") is not None and raw.get("speaker_end") is not None:
                speaker_id = mentions.at(article.article_id, raw["speaker_start"], raw["speaker_end"], article.text)
            record = QuoteRecord(len(out), raw, article, speaker_id)
            if record.words and not is_title(record.words):
                out.append(record)
    return out


MAX_TITLE_WORDS = 5


def is_title(words: list[str]) -> bool:
    """True when quotation marks hold a name or a title, not anyone's words: a few words (MAX_TITLE_WORDS at
    most), two or more of them capitalised content words and every other one a function word ("Masters of Sex",
    "Red Planet", "REALITY, NOT A THREAT": a series, a nickname, a subheading on unannotated Giveme5W1H events
    18, 34 and 56). Outlets that name one show do not share a quotation; "Thank you." or "a terror attack" is
    still a quotation."""
    if len(words) > MAX_TITLE_WORDS or words[-1].rstrip("'’\"”").endswith(("!", "?")):
        return False  # longer, or an exclamation or a question: said, not named ("Witch Hunt!")
    capitalised = 0
    for word in words:
        bare = EDGE_PUNCTUATION.sub("", word)
        if not bare or not any(ch.isalpha() for ch in bare):
            continue
        if bare[0].isupper() and bare.casefold() not in STOPWORDS:
            capitalised += 1
        elif bare.casefold() not in STOPWORDS:
            return False
    return capitalised >= 2


def quote_overlap(a: QuoteRecord, b: QuoteRecord) -> tuple[int, float]:
    """Words the two quotes share in order (in runs of two or more words carrying a content word), and that
    count over the shorter quote's length: 'a ... for France and' alone does not make two quotes one."""
    return _overlap_of(a.key, b.key)


@lru_cache(maxsize=65536)
def _overlap_of(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, float]:
    """quote_overlap of two quotes' folded words: a function of the words alone, so that the pairs of a
    quotation's wire copies are aligned once (difflib's alignment was most of quote matching's time)."""
    if a == b:  # syndicated copies: the commonest case in a big job, no alignment needed
        return len(a), 1.0
    need = FRAGMENT_WORDS if min(len(a), len(b)) == FRAGMENT_WORDS else MIN_SHARED_WORDS
    if len(set(a).intersection(b)) < need:
        return 0, 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks()
                 if block.size >= 2 and any(w not in STOPWORDS for w in a[block.a:block.a + block.size]))
    return shared, shared / max(min(len(a), len(b)), 1)


def same_quote(a: QuoteRecord, b: QuoteRecord) -> float:
    """A score > 0 when two quotes are the same quotation: enough shared words, and speakers not contradicting
    unless the two share a verbatim run of MIN_RUN_WORDS (the run the dedup stage calls verbatim, and a bare
    print's: reprints.MIN_RUN_WORDS) and their shared words are most of the longer quote too. Speakers are the
    extraction's weakest reading (a tweet put to the astronomer who comments on it; "Common Sense's CEO" in one
    outlet, "James P. Steyer" in another: unannotated Giveme5W1H events 18 and 59), while twenty-two words in
    one order are one quotation whoever said them; but a quote inside a longer one of another speaker may be a
    rebuttal quoting what it answers."""
    if a.article_id == b.article_id:
        return 0.0
    compatible = speakers_compatible(a, b)
    if not compatible and a.long_runs.isdisjoint(b.long_runs):
        return 0.0
    shared, overlap = quote_overlap(a, b)
    if overlap < MIN_OVERLAP or (shared < MIN_SHARED_WORDS and not (named_alike(a, b) and _fragment_in(a, b))):
        return 0.0
    if not compatible and shared < MIN_OVERLAP * max(len(a.norm), len(b.norm)):
        return 0.0  # one's words inside a longer quote of someone else: a rebuttal may quote what it answers
    shorter, longer = sorted((len(a.norm), len(b.norm)))
    if shorter < PIECE_RATIO * longer and overlap < PIECE_OVERLAP:
        return 0.0  # a short quote sharing a phrase with a much longer one is another quotation
    if shared < MIN_SHARED_WORDS:
        # a fragment: joined after every fuller match (grouping goes by score, one quote per article), so that
        # an article's two-word piece never takes the place of its whole quotation in a group
        return FRAGMENT_SCORE
    return overlap


def _is_fragment(record: QuoteRecord) -> bool:
    """A quoted fragment that may join a fuller quote: FRAGMENT_WORDS words, each a content word (no figure)."""
    return len(record.norm) == FRAGMENT_WORDS and all(w not in STOPWORDS and not w.isdigit() for w in record.norm)


def _fragment_in(a: QuoteRecord, b: QuoteRecord) -> bool:
    """True when the shorter of two quotes is a fragment (_is_fragment) found word for word in the longer."""
    short, long = (a, b) if len(a.norm) <= len(b.norm) else (b, a)
    size = len(short.norm)
    return _is_fragment(short) and any(long.norm[i:i + size] == short.norm for i in range(len(long.norm) - size + 1))


def _candidates(records: list[QuoteRecord]) -> set[tuple[int, int]]:
    """Pairs of quotes from different articles that share a word trigram (common trigrams purged), and each
    fragment with a named speaker (_is_fragment) with the longer quotes holding its words in order (only those
    pairs: two long quotes sharing a fragment's two words are not paired by it)."""
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for record in records:
        for shingle in {tuple(record.norm[i:i + SHINGLE]) for i in range(max(len(record.norm) - SHINGLE + 1, 1))}:
            postings[shingle].append(record.index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > MAX_POSTING:
            continue
        for position, i in enumerate(members):
            for j in members[position + 1:]:
                if records[i].article_id != records[j].article_id:
                    pairs.add((min(i, j), max(i, j)))
    fragments: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for record in records:
        if _is_fragment(record) and (record.names or record.speaker_id):
            fragments[tuple(record.norm)].append(record.index)
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for record in records if fragments else []:
        if len(record.norm) > FRAGMENT_WORDS:
            for bigram in set(pairwise(record.norm)) & fragments.keys():
                holders[bigram].append(record.index)
    for words, pieces in fragments.items():
        found = holders.get(words, [])
        if len(found) > MAX_POSTING:
            continue  # a phrase too common to tell one quotation by
        pairs.update((min(i, j), max(i, j)) for i in pieces for j in found
                     if records[i].article_id != records[j].article_id)
    return pairs


NEGATIONS = frozenset({"no", "not", "never", "n't", "nothing", "none", "nobody", "nor", "neither", "cannot"})


@lru_cache(maxsize=65536)
def is_key_word(word: str) -> bool:
    """A word whose change alters what a quote says: a content word, a number or a negation. spaCy's stop
    words are function words, except that its list also holds negations and number words."""
    from spacy.lang.en.lex_attrs import like_num

    norm = _norm(word)
    if not norm:
        return False
    return norm not in spacy_stopwords() or is_negation(norm) or bool(like_num(norm))


def is_negation(norm: str) -> bool:
    """Whether a folded word (_norm) negates: "not", "never", "nobody", ... or a clitic "n't" form."""
    return norm in NEGATIONS or norm.endswith("n't")


# English clitics written onto the word before them ("he's", "I'd", "don't"): each is a function word, so "he is"
# / "he's", "I would" / "I'd" and "do not" / "don't" say the same words. The irregular negated forms keep their
# verb ("won't" is "will not"). General English spelling, not a list read off any article.
_CLITICS = ("n't", "'s", "'d", "'ll", "'m", "'re", "'ve")
_IRREGULAR_NEGATIVES = {"won't": "will", "can't": "can", "shan't": "shall", "ain't": "is"}


def _pieces(word: str) -> list[str]:
    """A folded word (_norm) with its clitic split off: "don't" -> ["do", "not"], "he's" -> ["he", "'s"]."""
    if word in _IRREGULAR_NEGATIVES:
        return [_IRREGULAR_NEGATIVES[word], "not"]
    if word == "cannot":
        return ["can", "not"]
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic):
            return [word[:-len(clitic)], "not" if clitic == "n't" else clitic]
    return [word]


_PLURAL_MAGNITUDE = re.compile(r"\b(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions|halves|thirds"
                               r"|quarters|fourths|fifths|sixths|sevenths|eighths|ninths|tenths)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _in_digits(text: str) -> str:
    """Words with their numbers in digits ("eleventh hour" -> "11th hour", "twenty one" -> "21"): text2num, which
    the numeric claims read numbers with; every number, "one" and "first" too, so both wordings agree. A run
    holding a plural magnitude ("hundreds of", "thousands") is left as written: text2num reads "hundreds" as 100,
    and "hundreds of" / "a hundred" is drift."""
    if _PLURAL_MAGNITUDE.search(text):
        return text
    return str(alpha2digit(text, "en", threshold=0))


def key_words(words: list[str]) -> tuple[str, ...]:
    """The words of a run that carry what it says (is_key_word), clitics split off, only letters and digits kept
    (a figure keeps its punctuation), numbers in digits: two runs with the same key words differ in function
    words, contractions, punctuation or how a number is written ("he is" / "he's", "do not" / "don't", "F.B.I." /
    "FBI, and", "11th hour" / "eleventh hour"), which is no drift."""
    out = []
    for word in _in_digits(" ".join(words)).split():  # as written: "twenty, one" is two numbers
        for piece in _pieces(_norm(word)):
            if piece and piece not in _CLITICS and is_key_word(piece):
                figure = any(ch.isdigit() for ch in piece)  # "10.5" / "105": a figure's punctuation is part of it
                out.append(piece if figure else "".join(ch for ch in piece if ch.isalnum()))
    return tuple(out)


def spelled_alike(a: list[str], b: list[str]) -> bool:
    """Whether two runs of words without figures hold the same letters in the same order once folded (_norm):
    "frame-rate" / "frame rate", "@michaelsheen" / "Michael Sheen" are one wording written two ways, not
    drift."""
    def letters(words: list[str]) -> str:
        return "".join(ch for word in words for ch in _norm(word) if ch.isalnum())

    if any(ch.isdigit() for word in a + b for ch in word):
        return False  # "10.5" / "105", "2-3 years" / "23 years": a figure's punctuation is part of it
    return bool(a) and bool(b) and letters(a) == letters(b)


def diff_variant(reference: list[str], variant: list[str]) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Word segments of a variant marked equal/changed/outside against the reference, and the changes.

    Words outside the stretch both quotes cover (one outlet quoting more of the sentence) are 'outside',
    not changes; but where both quotes have words at an edge and they differ ("reaching out to them" /
    "reaching out to [the two players and the assistant coach]"), that is a change.
    """
    ref_norm, var_norm = [_norm(w) for w in reference], [_norm(w) for w in variant]
    if ref_norm == var_norm:
        return [{"op": "equal", "text": " ".join(variant)}], []
    opcodes = SequenceMatcher(None, ref_norm, var_norm, autojunk=False).get_opcodes()
    # the stretch both cover runs between matched runs that carry a content word: a lone "so" or "the" matched
    # far from the rest (a short quote against a long statement that holds it) does not stretch it
    equal = [k for k, (op, i1, i2, _, _) in enumerate(opcodes)
             if op == "equal" and any(w not in STOPWORDS for w in ref_norm[i1:i2])]
    first, last = (equal[0], equal[-1]) if equal else (len(opcodes), -1)
    segments: list[dict[str, str]] = []
    changes: list[dict[str, Any]] = []
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        text = " ".join(variant[j1:j2])
        if op == "equal":
            segments.append({"op": "equal", "text": text})
        elif (k < first or k > last) and (op != "replace" or not equal):
            if text:
                segments.append({"op": "outside", "text": text})
        else:
            a1, a2, b1, b2 = i1, i2, j1, j2
            if k > last or k < first:  # a replace at an edge: both quotes have words there
                edge = _edge_parts(reference, variant, i1, i2, j1, j2, trailing=k > last)
                if edge is None:  # one side's sentence ended with the shared part: it quotes more, no change
                    if text:
                        segments.append({"op": "outside", "text": text})
                    continue
                a1, a2, b1, b2 = edge
            for kind, words in (("outside", variant[j1:b1]), ("changed" if op == "replace" else "added",
                                                               variant[b1:b2]), ("outside", variant[b2:j2])):
                if words:
                    segments.append({"op": kind, "text": " ".join(words)})
            changes.append({"op": op, "from": " ".join(reference[a1:a2]), "to": " ".join(variant[b1:b2]),
                            "key": key_words(reference[a1:a2]) != key_words(variant[b1:b2])
                            and not spelled_alike(reference[a1:a2], variant[b1:b2]),
                            "from_context": _around(reference, a1, a2), "to_context": _around(variant, b1, b2)})
    return segments, changes


# Words shown either side of a change, so that a reader sees where it is: "of" -> "people," says nothing; "death
# of three of our citizens" -> "death of these three people, our fellow" does.
CONTEXT_WORDS = 3


def _around(words: list[str], start: int, end: int) -> str:
    """The words [start, end) of one wording with up to CONTEXT_WORDS words either side."""
    return " ".join(words[max(0, start - CONTEXT_WORDS):end + CONTEXT_WORDS])


_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*$")


def _edge_parts(reference: list[str], variant: list[str], i1: int, i2: int, j1: int, j2: int,
                trailing: bool) -> tuple[int, int, int, int] | None:
    """For differing words at the end (trailing) or start of two quotes: the part of each side within the
    sentence the shared part ends or starts in, as (i1, i2, j1, j2); None when either side's sentence ends
    (or starts) right there, so that its words beyond are a further sentence only one outlet quoted."""
    if trailing:
        if _SENTENCE_END.search(reference[i1 - 1]) or _SENTENCE_END.search(variant[j1 - 1]):
            return None
        return i1, _sentence_end(reference, i1, i2), j1, _sentence_end(variant, j1, j2)
    a1, b1 = _sentence_start(reference, i1, i2), _sentence_start(variant, j1, j2)
    return None if a1 == i2 or b1 == j2 else (a1, i2, b1, j2)


def _sentence_end(words: list[str], start: int, end: int) -> int:
    """The index after the first word of words[start:end] that ends a sentence (end if none does)."""
    return next((k + 1 for k in range(start, end) if _SENTENCE_END.search(words[k])), end)


def _sentence_start(words: list[str], start: int, end: int) -> int:
    """The index after the last word of words[start:end] that ends a sentence (start if none does)."""
    return next((k + 1 for k in range(end - 1, start - 1, -1) if _SENTENCE_END.search(words[k])), start)


def paraphrased_pairs(records: list[QuoteRecord], lexical: set[tuple[int, int]],
                      threshold: float) -> list[tuple[float, int, int]]:
    """Quotes of one speaker in different articles that share no wording but the same meaning (translated or
    paraphrased differently): scored by sentence-embedding cosine, kept at or above the threshold.

    Only quotes whose speakers share a linked entity or a name word are encoded (blocking)."""
    import numpy as np

    from workers.analysis.embeddings import get_encoder

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for record in records:
        for key in record.speaker_keys:
            by_speaker[key].append(record.index)
    candidates = set()
    for members in by_speaker.values():
        for position, i in enumerate(members):
            for j in members[position + 1:]:
                pair = (min(i, j), max(i, j))
                if records[i].article_id != records[j].article_id and pair not in lexical:
                    candidates.add(pair)
    if not candidates:
        return []
    needed = sorted({i for pair in candidates for i in pair})
    vectors = np.asarray(get_encoder().encode([records[i].raw["text"] for i in needed]), dtype=np.float32)
    row = {i: k for k, i in enumerate(needed)}
    out = []
    for i, j in candidates:
        cosine = float(vectors[row[i]] @ vectors[row[j]])
        if cosine >= threshold:
            out.append((cosine, i, j))
    return out


def compare_quotes(extractions: list[dict[str, Any]], texts: dict[str, ArticleText], mentions: MentionIndex,
                   independence: Independence, paraphrase_threshold: float = 0.8) -> list[dict[str, Any]]:
    """Quotations found in two or more articles, each variant with its evidence and word-level diff.

    The same quotation is found by its wording (shared word runs) or, for one speaker, by its meaning
    (sentence-embedding cosine >= paraphrase_threshold), so translations and paraphrases meet."""
    records = _records(extractions, texts, mentions)
    lexical = _candidates(records)
    scored = [(s, i, j) for i, j in lexical if (s := same_quote(records[i], records[j])) > 0]
    matched_lexically = {(i, j) for _, i, j in scored}
    found = paraphrased_pairs(records, matched_lexically, paraphrase_threshold)
    paraphrased = {(i, j) for _, i, j in found}
    scored = sorted(scored + found, key=lambda t: (-t[0], t[1], t[2]))
    union = UnionFind()
    articles: dict[int, set[str]] = {r.index: {r.article_id} for r in records}
    for _, i, j in scored:
        ri, rj = union.find(i), union.find(j)
        if ri == rj or articles[ri] & articles[rj]:
            continue
        root = union.union(ri, rj)
        articles[root] = articles[ri] | articles[rj]
    groups: dict[int, list[QuoteRecord]] = defaultdict(list)
    for record in records:
        groups[union.find(record.index)].append(record)
    _join_holders(scored, paraphrased, records, union, groups)
    _add_reprints(groups, records, texts)
    partners: dict[int, set[int]] = defaultdict(set)  # each quote's partners in a pair matched by meaning
    for i, j in paraphrased:
        partners[i].add(j)
    out: list[dict[str, Any]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = {m.index for m in members}
        by_meaning = any(not partners[i].isdisjoint(ids) for i in ids if i in partners)
        out.append({**_quote_group(len(out) + 1, members, independence),
                    "match": "meaning" if by_meaning else "wording"})
    out.sort(key=lambda q: (not q["wording_changed"], -len(q["variants"]), q["id"]))
    return out


def _join_holders(scored: list[tuple[float, int, int]], paraphrased: set[tuple[int, int]],
                  records: list[QuoteRecord], union: UnionFind, groups: dict[int, list[QuoteRecord]]) -> None:
    """A quote that holds two quotations of another article joins both of their groups.

    Grouping gives each quote one group and each group one quote per article, so when one outlet quotes a tweet
    or a statement whole and another quotes two pieces of it ("... sees 2 young black athletes ... How about you
    teach people to get the facts first" against "young black athletes" and, later, "How about you teach people
    to get the facts first before jumping to conclusions": Giveme5W1H, tuning half), the whole joins the first
    piece only. Here the longer quote of a matched pair also joins the shorter one's group, unless that group
    already holds its article, or the shorter quote repeats a quotation of the longer one's own group (an
    article quoting the same words twice would otherwise make one quotation two groups)."""
    held: dict[int, list[QuoteRecord]] = {}  # per holder: every quote of its groups so far (home and joined)
    for _, i, j in scored:
        if (i, j) in paraphrased:
            continue  # a holder is found by its wording
        root_i, root_j = union.find(i), union.find(j)
        if root_i == root_j:
            continue
        longer, shorter = (i, j) if len(records[i].norm) > len(records[j].norm) else (j, i)
        home, target = (root_i, root_j) if longer == i else (root_j, root_i)
        holder, piece = records[longer], records[shorter]
        if holder.article_id in {r.article_id for r in groups[target]}:
            continue
        known = held.setdefault(longer, [r for r in groups[home] if r is not holder])
        if any(quote_overlap(piece, other)[1] >= MIN_OVERLAP for other in known):
            continue  # the piece repeats a quotation the holder already stands in: one quotation, one group
        groups[target].append(holder)
        known.extend(r for r in groups[target] if r is not holder)


def _add_reprints(groups: dict[int, list[QuoteRecord]], records: list[QuoteRecord],
                  texts: dict[str, ArticleText]) -> None:
    """Each quotation joined by the articles that print its words without quotation marks (reprints.BareText):
    per article, the longest such run any of its quotes has. A bare print joins one quotation only, the largest
    group first: an article quoting the words twice has two groups, and the print is one variant, not two."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for record in records:
        spans[record.article_id].append((record.raw["start"], record.raw["end"]))
    bare = BareText(texts, spans, folded_words)
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)  # bare prints already given to a group
    for members in sorted(groups.values(), key=lambda m: (-len(m), min(r.index for r in m))):
        found: dict[str, Reprint] = {}
        skip = {m.article_id for m in members}
        for member in list(members):
            for article_id, run in bare.runs(member.norm, skip).items():
                if article_id not in found or run.words > found[article_id].words:
                    found[article_id] = run
        for run in found.values():
            if any(start < run.end and run.start < end for start, end in taken[run.article_id]):
                continue
            taken[run.article_id].append((run.start, run.end))
            article = texts[run.article_id]
            raw = {"text": article.text[run.start:run.end], "start": run.start, "end": run.end, "speaker": None,
                   "cue": None, "marked": False}
            members.append(QuoteRecord(-1, raw, article, None))


def group_speaker(named: list[QuoteRecord], independence: Independence) -> str | None:
    """The speaker most of a quotation's independent reports name (a linked entity or a name word: copies of
    one story vote once), then most of its articles, then the fullest naming."""
    reports: dict[str, set[int]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for record in named:
        for key in record.speaker_keys:
            reports[key].add(independence.group_of(record.article_id))
            articles[key].add(record.article_id)

    def support(record: QuoteRecord) -> tuple[int, int, int]:
        keys = record.speaker_keys
        return (max((len(reports[k]) for k in keys), default=0), max((len(articles[k]) for k in keys), default=0),
                len(record.speaker or ""))

    best = max(named, key=support, default=None)
    return best.speaker if best is not None else None


MAX_REFERENCE_CANDIDATES = 12  # wordings tried as the reference (bounds the diffs of a much-copied quotation)


def _reference(members: list[QuoteRecord], independence: Independence) -> QuoteRecord:
    """The variant the others are set against: among the quoted (marked) wordings at least MIN_OVERLAP as long
    as the fullest (the MAX_REFERENCE_CANDIDATES that most reports print), the one that the fewest key changes
    separate from the other wordings, each weighted by the independent reports using it; ties go to the fullest.
    Seven outlets print a tweet as posted and one alters two words of it: the drift shown is that one outlet's,
    not seven outlets' (unannotated Giveme5W1H event 56, read by a helper as a fact-checker). `members` comes
    sorted fullest first."""
    wordings: dict[tuple[str, ...], tuple[QuoteRecord, set[int]]] = {}
    for record in members:
        wordings.setdefault(tuple(record.norm), (record, set()))[1].add(independence.group_of(record.article_id))
    fullest = members[0]
    # the wordings most reports print are tried first (a stable sort keeps the fullest first among equals)
    candidates = sorted((record for record, _ in wordings.values()
                         if record.marked and len(record.norm) >= MIN_OVERLAP * len(fullest.norm)),
                        key=lambda record: -len(wordings[tuple(record.norm)][1]))[:MAX_REFERENCE_CANDIDATES]
    if len(wordings) < 2 or len(candidates) < 2:
        return fullest

    def cost(candidate: QuoteRecord) -> int:
        return sum(len(groups) * sum(1 for change in diff_variant(candidate.words, record.words)[1] if change["key"])
                   for record, groups in wordings.values() if record is not candidate)

    return min(candidates, key=lambda record: (cost(record), members.index(record)))  # equals: the fullest


def _quote_group(number: int, members: list[QuoteRecord], independence: Independence) -> dict[str, Any]:
    """One quotation's record: speaker, reference wording, variants with diffs, independence."""
    members.sort(key=lambda r: (not r.marked, -len(r.words), r.article_id))  # the reference is quoted
    reference = _reference(members, independence)
    speakers = [r for r in members if r.speaker and _norm(r.speaker) not in PRONOUNS]
    variants: list[dict[str, Any]] = []
    changes_all: list[dict[str, Any]] = []
    for record in members:
        segments, changes = diff_variant(reference.words, record.words)
        changes_all.extend(c for c in changes if c["op"] != "equal")
        variants.append({**record.evidence, "quote": record.raw["text"], "speaker": record.speaker,
                         "cue": record.raw.get("cue"), "marked": record.marked, "is_reference": record is reference,
                         "segments": segments, "changes": changes})
    spans = [(r.article_id, r.evidence["start"], r.evidence["end"]) for r in members]
    return {
        "id": f"q{number}", "speaker": group_speaker(speakers, independence),
        "reference": reference.raw["text"], "sources": sorted({r.source for r in members}),
        "article_ids": sorted({r.article_id for r in members}), "independent_sources": independence.count(spans),
        "wording_changed": any(c["key"] for c in changes_all), "changes": changes_all, "variants": variants,
    }
