"""Numeric claims: counted things with their number, hedge, bounds, what happened to them and an excerpt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from workers.analysis.entities import words
from workers.analysis.nlp import doc_text, excerpt, sentences
from workers.analysis.speakers import EntityIndex, mention_span
from workers.analysis.units import AGE, AGE_UNITS, CURRENCY_MULTIPLIERS, STERLING, Unit, currency_sign, unit_after

# Words that stand for a vague count: (low, high) bounds; "a dozen" is exact-ish 12, handled apart.
VAGUE_COUNTS: dict[str, tuple[float, float | None]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2e6, 9.99e6),
    "billions": (2e9, 9.99e9),
}
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
# Entity types whose numbers are not counts (ages come as DATE in spaCy's model).
NOT_COUNT_ENTS = frozenset({"DATE", "TIME", "MONEY", "ORDINAL", "QUANTITY"})
UNITS = words(
    "mm cm km kg lb lbs ft mph kph km/h kmh mw gw kw kt sq mi miles metres meters feet inches calibre "
    "caliber percent per cent % ° "
)
HEDGES: list[tuple[tuple[str, ...], str]] = [
    (("at", "least"), "at_least"),
    (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"),
    (("a", "minimum", "of"), "at_least"),
    (("at", "most"), "at_most"),
    (("up", "to"), "at_most"),
    (("no", "more", "than"), "at_most"),
    (("more", "than"), "more_than"),
    (("over",), "more_than"),
    (("upwards", "of"), "more_than"),
    (("less", "than"), "less_than"),
    (("fewer", "than"), "less_than"),
    (("under",), "less_than"),
    (("about",), "about"),
    (("around",), "about"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("approximately",), "about"),
    (("roughly",), "about"),
    (("some",), "about"),
    (("an", "estimated"), "about"),
    (("close", "to"), "about"),
    (("estimated",), "about"),
    (("as", "many", "as"), "at_most"),
    (("just", "over"), "more_than"),
    (("just", "under"), "less_than"),
]
EVENT_CLASSES = {
    "wound": "injured",
    "injure": "injured",
    "hurt": "injured",
    "suffer": "injured",
    "kill": "killed",
    "die": "killed",
    "dead": "killed",
    "shoot": "shot",
    "intercept": "shot down",
    "arrest": "arrested",
    "detain": "arrested",
    "launch": "launched",
    "fire": "launched",
    "hit": "hit",
    "strike": "hit",
    "target": "targeted",
    "displace": "displaced",
    "evacuate": "evacuated",
    "rescue": "rescued",
}
_EVENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
NOT_COUNTED = words("thing way hand time point side moment while step")
# Units of measure and time: "500 kilograms", "thousands of years" are quantities or durations, not counts.
MEASURES = words(
    "kilogram gram tonne ton pound ounce mile kilometre kilometer metre meter foot inch yard acre hectare "
    "litre liter gallon barrel degree percent year month week day hour minute second decade century dollar "
    "euro cent pound yuan yen rupee"
)
_TRIGGERS = frozenset(VAGUE_COUNTS) | frozenset(MULTIPLIERS) | {"tens"}


@dataclass
class NumberPhrase:
    """A run of tokens that together write one number ("one hundred and twenty", "two-thirds")."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    hedge: str
    kind: str


def _is_numberish(token: Token) -> bool:
    """A token that can belong to a written number."""
    lower = token.lower_
    return (token.like_num and token.ent_type_ != "ORDINAL") or lower in VAGUE_COUNTS or lower in MULTIPLIERS


def _word_value(words: list[str]) -> float | None:
    """Value of number words or digits ("seven", "1,200", "one hundred and twenty", "1.5 million")."""
    if not words:
        return None
    joined = " ".join(words).lower().replace(",", "")
    try:
        return float(joined)
    except ValueError:
        pass
    if len(words) == 2 and re.fullmatch(r"[\d.]+", words[0].replace(",", "")) and words[1].lower() in MULTIPLIERS:
        return float(words[0].replace(",", "")) * MULTIPLIERS[words[1].lower()]
    if joined in MULTIPLIERS:
        return float(MULTIPLIERS[joined])
    if len(words) >= 2 and words[-1].lower() == "dozen":  # "two dozen" (text2num does not read dozens)
        base = _word_value(words[:-1])
        return base * 12 if base is not None else None
    try:
        return float(text2num(joined, "en"))
    except ValueError:
        return None


def _hedge_before(doc: Doc, start: int) -> tuple[str, int]:
    """The hedge written just before token index start, and where it begins. A hedge hyphenated as a modifier
    reads as the words ("the more-than 11 million documents", "an up-to 40% discount")."""
    words = [t for t in doc[max(0, start - 5) : start]
             if not (t.text == "-" and not t.whitespace_ and t.i > 0 and not doc[t.i - 1].whitespace_)]
    before = tuple(t.lower_ for t in words[-3:])
    for hedge_words, hedge in HEDGES:
        n = len(hedge_words)
        if len(before) >= n and before[len(before) - n :] == hedge_words:
            return hedge, words[len(words) - n].i
    return "exact", start


def _bounds(value: float, hedge: str) -> tuple[float | None, float | None]:
    """(low, high) implied by a value and its hedge."""
    if hedge == "at_least" or hedge == "more_than":
        return value, None
    if hedge == "at_most" or hedge == "less_than":
        return None, value
    if hedge == "about":
        return round(value * 0.9, 3), round(value * 1.1, 3)
    return value, value


def _hyphenated_number_word(doc: Doc, i: int) -> bool:
    """The hyphen inside a written number ("Eighty-seven", "twenty-one"): number words on both sides."""
    return (doc[i].text == "-" and 0 < i < len(doc) - 1 and doc[i - 1].is_alpha and doc[i + 1].is_alpha
            and doc[i - 1].like_num and doc[i + 1].like_num)


def _phrase_at(doc: Doc, i: int) -> NumberPhrase | None:
    """Read the number phrase that starts at token i (None if it is not a count or proportion)."""
    token = doc[i]
    lower = token.lower_
    # "two-thirds", "one-third"
    if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in FRACTIONS:
        num = _word_value([token.text])
        if num is None:
            return None
        value = round(num / FRACTIONS[doc[i + 2].lower_], 4)
        return NumberPhrase(i, i + 3, value, value, value, "exact", "proportion")
    # "tens of thousands", "hundreds of thousands"
    if (
        lower in {"tens", "hundreds"}
        and i + 2 < len(doc)
        and doc[i + 1].lower_ == "of"
        and doc[i + 2].lower_ in {"thousands", "millions"}
    ):
        base = 10 if lower == "tens" else 100
        unit = 1_000 if doc[i + 2].lower_ == "thousands" else 1e6
        return NumberPhrase(i, i + 3, base * unit * 2, base * unit * 2, base * unit * 10 - 1, "range", "count")
    if lower in VAGUE_COUNTS:
        low, high = VAGUE_COUNTS[lower]
        return NumberPhrase(i, i + 1, low, low, high, "range", "count")
    if lower == "dozen" and i > 0 and doc[i - 1].lower_ in {"a", "one"}:
        return NumberPhrase(i - 1, i + 1, 12, 12, 12, "about", "count")
    end = i + 1
    while end < len(doc) and (
        _is_numberish(doc[end])
        or _hyphenated_number_word(doc, end)
        or (
            doc[end].lower_ == "and"
            and end + 1 < len(doc)
            and doc[end + 1].like_num
            and doc[end - 1].lower_ in MULTIPLIERS
        )
    ):
        end += 1
    parsed = _word_value([t.text for t in doc[i:end] if t.lower_ != "and" and t.text != "-"])
    if parsed is None:
        return None
    return NumberPhrase(i, end, parsed, parsed, parsed, "exact", "count")


_RANGE_WORDS = frozenset({"between", "and", "to", "or", "-", "some", "about", "around", "nearly", "almost", "more",
                          "than", "at", "least", "up"})


def _counts_plural_noun(doc: Doc, phrase: NumberPhrase) -> bool:
    """True when the phrase (or the range it opens) is followed by a plural noun that is not a measure."""
    i = phrase.end
    while i < len(doc) and i < phrase.end + 3 and (doc[i].like_num or doc[i].lower_ in {"and", "to", "or", "-"}):
        i += 1
    return (i < len(doc) and doc[i].tag_ == "NNS" and doc[i].lemma_.lower() not in MEASURES
            and doc[i].ent_type_ not in NOT_COUNT_ENTS)


_NUMBER_SIGNS = frozenset({"no.", "nos.", "#", "number", "num."})


def _number_sign(doc: Doc, first: int, last: int) -> bool:
    """Whether doc[first..last] is a number sign: "#", "number", "No." (one token or "No" + ".")."""
    if not 0 <= first <= last < len(doc):
        return False
    if first == last:
        return doc[first].lower_ in _NUMBER_SIGNS
    return (last == first + 1 and doc[last].text == "." and not doc[first].whitespace_
            and f"{doc[first].lower_}." in _NUMBER_SIGNS)


def _number_sign_ends_at(doc: Doc, i: int) -> bool:
    return _number_sign(doc, i, i) or _number_sign(doc, i - 1, i)


def _number_sign_starts_at(doc: Doc, i: int) -> bool:
    return _number_sign(doc, i, i) or _number_sign(doc, i, i + 1)


# Nouns that name a count, so a number right after them is its value, not a label ("death toll 4,000 and
# rising", "population 4,850"). General English, closed and short; "number" is not one ("number 10").
_TALLY_NOUNS = frozenset({"toll", "tally", "total", "count", "population", "headcount", "turnout"})


def _is_not_a_count(doc: Doc, phrase: NumberPhrase) -> bool:
    """Ages, years, dates, times, money, calibres and units are not counts."""
    first, last = doc[phrase.start], doc[phrase.end - 1]
    tagged = [t for t in doc[phrase.start : phrase.end] if t.like_num and t.ent_type_ in NOT_COUNT_ENTS]
    if tagged:
        # the model tags "between 25 and 30 people" as a DATE now and then: an entity made only of numbers and
        # range words, followed by a plural noun counted, is a count ("Oct. 10 elections" names a month: a date)
        entity = next((e for e in doc.ents if e.start <= tagged[0].i < e.end), None)
        numeric_only = entity is not None and all(t.like_num or t.lower_ in _RANGE_WORDS for t in entity)
        return not (numeric_only and _counts_plural_noun(doc, phrase))
    if phrase.end < len(doc) and (doc[phrase.end].lower_ in UNITS or doc[phrase.end].text == "-"):
        return True  # "23mm", "500 kg"; "a two-state solution", "11-day war" are modifiers, not counts
    if first.i > 0 and first.text[:1].isdigit() and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].is_title:
        return True  # "Pixel 2", "Falcon 9", "Apollo 11", "Aisle 14": part of a name
    head = first.head
    if (first.i > 0 and first.dep_ == "nummod" and head.i == first.i - 1 and head.pos_ in {"NOUN", "PROPN"}
            and head.lemma_.lower() not in _TALLY_NOUNS):
        # an English cardinal that counts a noun comes before it ("239 people"); one right after the noun it
        # modifies labels it: "Flight 370", "Chapter 11", "room 12" when the parser does not tag the noun a name
        # (a headline's "death toll 4,000" is the exception: the noun names a count)
        return True
    if first.text[:1].isdigit() and _number_sign_ends_at(doc, first.i - 1):
        return True  # "No. 18", "#3", "number 10 Downing Street": an identifier, not a count
    if first.text[:1].isupper() and _number_sign_starts_at(doc, phrase.end):
        return True  # "Billions No. 18" (a ship's name): a capitalised word before a number sign names
    if re.fullmatch(r"\d{4}", last.text) and 1800 <= int(last.text) <= 2100:
        return True
    # "Paddock, 64, was ..." (an appositive number between commas after a name)
    if last.dep_ == "appos" and last.head.pos_ == "PROPN":
        return True
    if first.i > 0 and doc[first.i - 1].text == "," and phrase.end < len(doc) and doc[phrase.end].text == ",":
        return first.i > 1 and doc[first.i - 2].pos_ == "PROPN"
    return first.lower_ == "one" and first.i > 0 and doc[first.i - 1].lower_ in {"no", "any", "every", "some"}


def _counted_noun(doc: Doc, phrase: NumberPhrase) -> Token | None:
    """The noun a number counts, from the dependency parse ("two South Korean ships", "Two of ... tourists")."""
    last = doc[phrase.end - 1]
    # the last word first, then the first, then the rest ("between 25 and 30 people": "30" is a conj of "25")
    for token in (last, doc[phrase.start], *doc[phrase.start + 1 : phrase.end - 1]):
        if (
            token.dep_ in {"nummod", "quantmod", "amod", "compound"}
            and token.head.pos_ in {"NOUN", "PROPN"}
            and token.head.i >= phrase.end
        ):
            return token.head
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                        return obj
    return None


_SET_DETERMINERS = frozenset({"the", "those", "these", "them", "its", "their", "his", "her", "our", "whom", "which"})


def _is_partitive(doc: Doc, phrase: NumberPhrase) -> bool:
    """Whether the number counts a part of a set named elsewhere: "two of them", "20 of those injured",
    "two of the 80 wounded", "Of the 80 people injured, two were ...". A part is another quantity than the
    whole ("52 of them critically" is not the toll), even when the counted noun is inherited."""
    def of_a_set(prep: Token) -> bool:
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.pos_ == "PRON" or obj.lower_ in _SET_DETERMINERS:
                return True
            if any(c.dep_ in {"det", "poss", "nummod"} and (c.like_num or c.lower_ in _SET_DETERMINERS)
                   for c in obj.children):
                return True
        return False

    for token in doc[phrase.start : phrase.end]:
        if any(c.dep_ == "prep" and c.lower_ == "of" and of_a_set(c) for c in token.rights):
            return True
        if token.dep_ in {"nsubj", "nsubjpass"} and any(
                c.dep_ == "prep" and c.lower_ == "of" and c.i < token.i and of_a_set(c) for c in token.head.children):
            return True
    return False


def _counted_by_number(noun: Token) -> bool:
    """Whether a noun carries its own count ("two women")."""
    return any(c.dep_ == "nummod" and c.like_num for c in noun.children)


def _enumerated(noun: Token | None, event_class: str | None) -> bool:
    """Whether a count of what happened opens a breakdown: "two women and one man died", "three soldiers and
    two civilians were wounded". It counts a part of the toll the sentence does not sum, so "two women" is not
    the figure another outlet gives as "Three die" (ECB+, Athens bank fire, read for the README). The later
    items ("one man") get no event of their own from the parse, which hangs them on the first noun, so they are
    set against no figure anyway; they are not marked, since a part passes its mark on to a following count
    without a noun ("... and 30 were injured"). Only under an event of a known class (killed, injured,
    arrested, ...): a stat line ("11 points, 11 rebounds and six blocked shots") lists different things."""
    if noun is None or event_class is None:
        return False
    siblings = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj":
        siblings.append(noun.head)
    return any(s.pos_ == "NOUN" and s.lemma_.lower() != noun.lemma_.lower() and _counted_by_number(s)
               for s in siblings)


def _noun_phrase(noun: Token, after: int = -1) -> tuple[str, str, str]:
    """The counted thing as written (compounds + noun), as lemmas, and with its "of ..." complement
    ("members", "member", "members of the president’s security detail"); compounds only after token `after`
    (a measure's unit: "kg" is not part of "181-kg gorilla"'s noun)."""
    parts = [c for c in noun.lefts if c.dep_ == "compound" and c.i >= noun.i - 3 and c.i > after
             and c.lower_ not in MULTIPLIERS and not c.like_num] + [noun]
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                end = objects[0].i + 1
    phrase = noun.doc[parts[0].i : end].text if end - parts[0].i <= 10 else noun.text
    return " ".join(t.text for t in parts), " ".join(t.lemma_.lower() for t in parts), phrase


def _copula_complement(anchors: list[Token], verb: Token | None) -> Token | None:
    """What a copula says of the counted subject, which has no verb of its own: "59 are dead" -> dead,
    "42 people were in critical condition" -> condition, "two soldiers were among the dead" -> dead, and
    through a raising verb, "18 people are thought to be in a critical condition" -> condition."""
    be: Token | None = None
    if verb is None:
        be = next((a.head for a in anchors if a.dep_ == "nsubj" and a.head.lemma_ == "be"), None)
    else:
        be = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "be"), None)
    if be is None:
        return None
    for child in be.children:
        if child.dep_ in {"acomp", "attr"}:
            return child
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _event_of(doc: Doc, phrase: NumberPhrase, noun: Token | None) -> tuple[str | None, str | None, str | None]:
    """What happened to the counted thing: its governing verb (+ particle/object), a coarse class, and the
    verb's lemma."""
    anchors = [doc[phrase.end - 1]] + ([noun] if noun is not None else [])
    verb: Token | None = None
    for anchor in anchors:
        if anchor.dep_ in _EVENT_DEPS and anchor.head.pos_ in {"VERB", "ADJ"}:
            verb = anchor.head
            break
        acl = [c for c in anchor.rights if c.dep_ in {"acl", "amod"} and c.pos_ in {"VERB", "ADJ"}]
        if acl:
            verb = acl[0]
            break
    if verb is None and noun is not None:  # "six workers of the plant suffering injuries" (acl misattached)
        verb = next((t for t in noun.subtree if t.dep_ == "acl" and t.pos_ == "VERB" and t.i - noun.i <= 6), None)
    copula = _copula_complement(anchors, verb)
    if copula is not None:
        return copula.text, EVENT_CLASSES.get(copula.lemma_.lower()), copula.lemma_.lower()
    if verb is None:
        return None, None, None
    parts = [verb] + [c for c in verb.rights if c.dep_ == "prt"]
    if verb.lemma_.lower() in {"suffer", "sustain", "receive"}:
        parts += [c for c in verb.rights if c.dep_ == "dobj"]
    text = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    lemma = verb.lemma_.lower()
    event_class = EVENT_CLASSES.get(lemma)
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.rights):
        event_class = "shot down"
    return text, event_class, lemma


# A figure's holder is named: a person, an organisation, a place or a group ("Echenique grabbed 11 rebounds").
HOLDER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_HOLDER_PRONOUNS = frozenset({"he", "she"})


def _holder_of(doc: Doc, phrase: NumberPhrase, noun: Token | None) -> dict[str, Any] | None:
    """Whose figure it is, when the counted thing is what a named subject has or did: "Echenique grabbed 11
    rebounds", "Artino had 14 points and six rebounds", "Hamas fired 30 rockets". Two such figures of one noun
    with different holders are two quantities, not one told two ways ("Echenique grabbed 11 rebounds" and
    "Artino grabbed six": ECB+ sports reports, read for the README). The counted thing must be the verb's
    object (in "11 people were killed" it is the subject: no holder); the verb's subject is found through
    the verbs it is coordinated with ("Echenique scored 11 points, grabbed 11 rebounds"); "he" / "she" are read
    as the one person named in that sentence and the one before, and not read when there are two (no gender is
    known: "Coach Bill Lee praised Lena Marsh. He said she grabbed 11 rebounds"); a common noun ("the quake killed
    10 people") is no holder. As {text, start, end} of the holder's mention, None when there is none."""
    anchor = noun if noun is not None else doc[phrase.end - 1]
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:  # "11 points, 11 rebounds and six shots"
        anchor = anchor.head
    if anchor.dep_ != "dobj":
        return None
    verb = anchor.head
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj":
            break
        verb = verb.head
    if subject is None:
        return None
    if subject.lower_ in _HOLDER_PRONOUNS:
        mention = _only_person_before(doc, subject, EntityIndex.for_doc(doc, []))
    elif subject.ent_type_ in HOLDER_LABELS:
        mention = mention_span(subject)
    else:
        return None
    if mention is None:
        return None
    return {"text": mention.text, "start": mention.start_char, "end": mention.end_char}


def _only_person_before(doc: Doc, pronoun: Token, index: EntityIndex) -> Span | None:
    """The one person (by surname) named before the pronoun in its sentence and the one before, else None."""
    sentence_start = pronoun.sent.start
    window = doc[sentence_start - 1].sent.start_char if sentence_start > 0 else pronoun.sent.start_char
    people = [span for span in index.spans if span.label_ == "PERSON" and window <= span.start_char < pronoun.idx]
    if len({span.text.split()[-1].lower() for span in people}) != 1:
        return None
    return people[-1]


def _range_after(doc: Doc, phrase: NumberPhrase) -> NumberPhrase | None:
    """Merge "between X and Y", "X to Y", "X or Y" into one range phrase."""
    if phrase.end + 1 >= len(doc) or phrase.kind != "count":
        return None
    joiner = doc[phrase.end].lower_
    if joiner not in {"and", "to", "or", "-"} or not doc[phrase.end + 1].like_num:
        return None
    if joiner == "and" and not (phrase.start > 0 and doc[phrase.start - 1].lower_ == "between"):
        return None
    other = _phrase_at(doc, phrase.end + 1)
    if other is None or other.kind != "count":
        return None
    start = phrase.start - 1 if joiner == "and" else phrase.start
    first = phrase.value
    scale = doc[other.end - 1].lower_
    if scale in MULTIPLIERS and doc[phrase.end - 1].lower_ not in MULTIPLIERS:
        first *= MULTIPLIERS[scale]  # "5 to 6 million": the scale word belongs to both ends
    low, high = sorted((first, other.value))
    return NumberPhrase(start, other.end, low, low, high, "range", "count")


def find_numeric_claims(doc: Doc) -> list[dict[str, Any]]:
    """Every counted thing in the doc (counts and proportions) and every measure or amount of money, with hedge,
    bounds, event and sentence."""
    sentence_of = [0] * len(doc)
    for n, sent in enumerate(sentences(doc)):
        sentence_of[sent.start : sent.end] = [n] * (sent.end - sent.start)
    claims: list[dict[str, Any]] = []
    last_counted: dict[int, tuple[str, str, str]] = {}
    candidates = [t.i for t in doc if t.like_num or t.lower_ in _TRIGGERS]
    done = 0
    for i in candidates:
        if i < done or not (_is_numberish(doc[i]) or doc[i].lower_ == "tens"):
            continue
        phrase = _phrase_at(doc, i)
        measured = (_age(doc, phrase) or _measure(doc, phrase)) if phrase is not None else None
        if measured is not None:
            claims.append(_measure_claim(doc, *measured, sentence_of[measured[0].start]))
            # past the number and its unit: a sign comes before the number, so "$10 to 12" ends at "12"
            done = max(measured[0].end, measured[2] + 1, i + 1)
            continue
        if phrase is None or _is_not_a_count(doc, phrase):
            done = max(i + 1, phrase.end if phrase else i + 1)
            continue
        phrase = _range_after(doc, phrase) or phrase
        if phrase.hedge == "exact":
            hedge, hedge_start = _hedge_before(doc, phrase.start)
            low, high = _bounds(phrase.value, hedge)
            phrase = NumberPhrase(hedge_start, phrase.end, phrase.value, low, high, hedge, phrase.kind)
        sentence_no = sentence_of[phrase.start]
        after_part = bool(claims) and claims[-1]["sentence"] == sentence_no and claims[-1]["partitive"]
        claim = _claim(doc, phrase, sentence_no, last_counted, after_part)
        if claim is not None:
            claims.append(claim)
        done = max(phrase.end, i + 1)
    return claims


def _measure(doc: Doc, phrase: NumberPhrase) -> tuple[NumberPhrase, Unit, int, int] | None:
    """A measure or an amount of money: the number phrase (range and hedge included), its unit, the unit's
    token and the first token of the whole (a currency sign or a hedge before the number). "fell 10 to 12
    feet", "a 181-kg gorilla", "a 400-pound gorilla", "at least $6,000", "1.5 million euros"."""
    if phrase.kind != "count" or doc[phrase.start].lower_ in VAGUE_COUNTS or doc[phrase.start].lower_ == "tens":
        return None
    ranged = _range_after(doc, phrase) or phrase
    if re.fullmatch(r"\d{4}", doc[ranged.end - 1].text) and ranged.end - ranged.start == 1:
        last = doc[ranged.end - 1]
        if 1800 <= int(last.text) <= 2100 and last.ent_type_ == "DATE":
            return None  # a year
    unit: Unit | None = None
    unit_token = ranged.end
    if unit_token < len(doc) and doc[unit_token].text == "-" and not doc[unit_token - 1].whitespace_:
        unit_token += 1  # "181-kg", "400-pound"
    if unit_token < len(doc):
        unit = unit_after(doc[unit_token].text)
        if unit is not None and doc[unit_token].lower_ in {"pound", "pounds"} and unit_token == ranged.end:
            # "pounds" is weight or sterling: sterling when the recogniser says money, weight when it says
            # quantity; otherwise no unit is read ("400-pound", hyphenated, is a weight)
            kind = doc[unit_token].ent_type_ or doc[ranged.end - 1].ent_type_
            unit = STERLING if kind == "MONEY" else (unit if kind == "QUANTITY" else None)
    first = ranged.start
    if unit is None:
        sign = ranged.start - 1
        unit = currency_sign(doc[sign].text) if sign >= 0 else None
        if unit is None:
            return None
        unit_token = first = sign
        if sign > 0 and doc[sign - 1].text.lower() in {"us", "u.s."} and not doc[sign - 1].whitespace_:
            first = sign - 1
        after = ranged.end
        if after < len(doc) and not doc[after - 1].whitespace_ and doc[after].lower_ in CURRENCY_MULTIPLIERS:
            times = CURRENCY_MULTIPLIERS[doc[after].lower_]  # "£5m", "$2.5bn": the suffix multiplies
            ranged = NumberPhrase(ranged.start, after + 1, ranged.value * times,
                                  None if ranged.low is None else ranged.low * times,
                                  None if ranged.high is None else ranged.high * times, ranged.hedge, ranged.kind)
        elif after < len(doc) and not doc[after - 1].whitespace_ and doc[after].is_alpha \
                and doc[after].lower_ not in MULTIPLIERS:
            return None  # glued letters we cannot read ("$5x"): better no figure than a wrong one
    if ranged.hedge == "exact":
        hedge, first = _hedge_before(doc, first)
        low, high = _bounds(ranged.value, hedge)
        ranged = NumberPhrase(ranged.start, ranged.end, ranged.value, low, high, hedge, ranged.kind)
    return ranged, unit, unit_token, first


MAX_AGE = 130  # years: a larger "N-year-old" is a building's or a tradition's age, not a person's or animal's


def _age(doc: Doc, phrase: NumberPhrase) -> tuple[NumberPhrase, Unit, int, int] | None:
    """An age: "a 4-year-old boy" and "four-year-old" (number, unit and "old" joined by hyphens), "17 years old"
    (the unit then "old"), "an 18-month-old girl". Returns the number phrase, the age unit, the token of "old"
    (what is aged hangs from it: _aged_thing) and the first token. Ranges and vague numbers are not ages here
    ("the 20- to 30-year-olds"), and a number followed by no unit and "old" is not read as one ("Paddock, 64,")."""
    if phrase.kind != "count" or phrase.hedge != "exact" or phrase.end - phrase.start != 1:
        return None
    ranged = phrase.start > 1 and doc[phrase.start - 1].lower_ in {"to", "and", "or"} \
        and (doc[phrase.start - 2].like_num or doc[phrase.start - 2].text.rstrip("-").isdigit()
             or doc[phrase.start - 2].text == "-")
    if doc[phrase.start].lower_ in VAGUE_COUNTS or ranged:
        return None  # vague, or the far end of a range of ages ("20- to 30-year-olds": a group; not "his wife
        # and 4-year-old daughter")
    k = phrase.end
    hyphenated = k < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_
    if hyphenated:
        k += 1
    if k + 1 >= len(doc) or doc[k].lower_ not in AGE_UNITS:
        return None
    old = k + 1
    if hyphenated:  # "4-year-old": the second hyphen glued on both sides
        if doc[old].text != "-" or doc[k].whitespace_ or doc[old].whitespace_ or old + 1 >= len(doc):
            return None
        old += 1
    if doc[old].lower_ not in {"old", "olds"} or not 0 < phrase.value * AGE_UNITS[doc[k].lower_].per_unit <= MAX_AGE:
        return None
    hedge, first = _hedge_before(doc, phrase.start)
    low, high = _bounds(phrase.value, hedge)
    return NumberPhrase(phrase.start, phrase.end, phrase.value, low, high, hedge, phrase.kind), \
        AGE_UNITS[doc[k].lower_], old, first


def _aged_thing(old: Token) -> Token | None:
    """Who or what an age is of: the noun "old" modifies ("a 4-year-old boy"), or the subject of the copula it
    completes ("the gorilla was 17 years old"); None for a bare "a 3-year-old got into the enclosure"."""
    if old.dep_ == "amod" and old.head.pos_ in {"NOUN", "PROPN"}:
        return old.head
    if old.dep_ in {"acomp", "attr"} and old.head.lemma_ == "be":
        return next((c for c in old.head.children if c.dep_ in {"nsubj", "nsubjpass"}
                     and c.pos_ in {"NOUN", "PROPN"}), None)
    return None


def _measured_thing(doc: Doc, unit_token: Token) -> tuple[Token | None, Token | None]:
    """What a measure is of: the noun it modifies ("181-kg gorilla", "the price of $6,000"), else the verb it
    completes ("fell 15 feet", "weighed 400 pounds", "dropped to $6,000")."""
    anchor = unit_token
    if not unit_token.like_num and unit_token.head.like_num and unit_token.dep_ in {"nmod", "quantmod"}:
        anchor = unit_token.head  # "$" attached under its number
    for _ in range(3):
        head = anchor.head
        if head is anchor:
            return None, None
        if anchor.dep_ in {"compound", "amod", "nummod", "nmod"} and head.pos_ in {"NOUN", "PROPN"} \
                and head.i > anchor.i:
            return head, None
        if head.pos_ in {"VERB", "AUX"}:
            return None, head
        if anchor.dep_ == "pobj" and head.dep_ == "prep":
            if head.head.pos_ in {"NOUN", "PROPN"} and head.head.lower_ != unit_token.lower_:
                return head.head, None
            if head.head.pos_ in {"VERB", "AUX", "ADJ"}:
                return None, head.head
        anchor = head
    return None, None


def _measure_claim(doc: Doc, phrase: NumberPhrase, unit: Unit, unit_token: int, first: int,
                   sentence_no: int) -> dict[str, Any]:
    """One measure as a contract dict: value and bounds in the unit as written, the unit, what is measured."""
    if unit.dimension == AGE:  # an age is of someone or something, never of what a verb did
        noun, verb = _aged_thing(doc[unit_token]), None
    else:
        noun, verb = _measured_thing(doc, doc[unit_token])
    start, end = min(first, unit_token), max(phrase.end, unit_token + 1)
    written = doc[start:end]
    if noun is not None:
        counted, counted_lemma, counted_phrase = _noun_phrase(noun, after=unit_token)
    else:
        counted, counted_lemma, counted_phrase = "", "", ""
    event = None
    if verb is not None:
        event = " ".join(t.text for t in sorted([verb, *(c for c in verb.rights if c.dep_ == "prt")],
                                                key=lambda t: t.i))
    sent = doc[start].sent
    return {
        "text": written.text,
        "start": written.start_char,
        "end": written.end_char,
        "number_text": written.text,
        "value": phrase.value,
        "low": phrase.low,
        "high": phrase.high,
        "hedge": phrase.hedge,
        "kind": "measure",
        "counted": counted,
        "counted_lemma": counted_lemma,
        "counted_phrase": counted_phrase,
        "counted_inferred": False,
        "partitive": False,
        "event": event,
        "event_class": EVENT_CLASSES.get(verb.lemma_.lower()) if verb is not None else None,
        "event_lemma": verb.lemma_.lower() if verb is not None else None,
        "holder": None,  # measures are compared by what they measure (comparison.measures), not by whose
        "sentence": sentence_no,
        "excerpt": excerpt(doc_text(doc), sent.start_char, sent.end_char, written.start_char, written.end_char),
        "unit": {"name": unit.name, "dimension": unit.dimension, "per_unit": unit.per_unit},
    }


# Verbs whose bare number object is a telephone number ("called 911", "dialled 999", "urged to call 101"); their
# forms too, as the parse lemmatises "texted" as "texte".
_TELEPHONE_VERBS = words("call called calling calls dial dialed dialled dialing dialling dials phone phoned "
                         "phoning ring rang ringing text texted texting")


def _dialled(token: Token) -> bool:
    """Whether a number with no counted noun is what someone calls: the object (or the parse's bare noun
    phrase) of a verb of telephoning, or a number coordinated with one ("call 999 or 101"), written as digits in a
    telephone's shape: three digits not a round hundred (911, 999, 112, 101; "phoned 300" may be 300 people), or
    seven or more."""
    if token.dep_ == "conj" and token.head.like_num:
        token = token.head
    shaped = token.text.isdigit() and ((len(token.text) == 3 and not token.text.endswith("00"))
                                       or len(token.text) >= 7)
    return (shaped and token.dep_ in {"dobj", "npadvmod"}
            and (token.head.lemma_.lower() in _TELEPHONE_VERBS or token.head.lower_ in _TELEPHONE_VERBS))


def _claim(
    doc: Doc, phrase: NumberPhrase, sentence_no: int, last_counted: dict[int, tuple[str, str, str]],
    after_partitive: bool = False,
) -> dict[str, Any] | None:
    """One numeric claim as a contract dict; the counted noun may be inherited within the sentence."""
    number_span = Span(doc, phrase.start, phrase.end)
    noun = _counted_noun(doc, phrase)
    inferred = False
    if noun is not None and (noun.lemma_.lower() in NOT_COUNTED or noun.lemma_.lower() in MEASURES):
        return None  # "on one hand", "one thing": figures of speech; "500 kilograms", "18 years": measures
    if noun is not None and noun.pos_ == "PROPN" and noun.is_title and doc[phrase.start].text[:1].isalpha():
        return None  # "the Six Day War", "Pixel 2 XL": a name, not a count
    if noun is None and _dialled(doc[phrase.end - 1]):
        return None  # "a neighbour called 911", "she dialled 999": a telephone number, not a count
    if noun is not None:
        counted, counted_lemma, counted_phrase = _noun_phrase(noun)
        last_counted[sentence_no] = (counted, counted_lemma, counted_phrase)
    elif sentence_no in last_counted:  # "At least one protester was killed, with a further 120 injured."
        counted, counted_lemma, counted_phrase = last_counted[sentence_no]
        inferred = True
    elif doc[phrase.start].lower_ == "one" or phrase.kind == "proportion":
        return None
    else:
        counted, counted_lemma, counted_phrase = "", "", ""
    event, event_class, event_lemma = _event_of(doc, phrase, noun)
    end_token = max(phrase.end, noun.i + 1) if noun is not None and noun.i >= phrase.end else phrase.end
    span = doc[phrase.start : end_token] if end_token - phrase.start <= 12 else number_span
    sent = doc[phrase.start].sent
    return {
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "number_text": number_span.text,
        "value": phrase.value,
        "low": phrase.low,
        "high": phrase.high,
        "hedge": phrase.hedge,
        "kind": phrase.kind,
        "counted": counted,
        "counted_lemma": counted_lemma,
        "counted_phrase": counted_phrase,
        "counted_inferred": inferred,
        # "20 of those injured were taken to St George's and 31 to Croydon": the elided count is a part too
        "partitive": _is_partitive(doc, phrase) or (inferred and after_partitive) or _enumerated(noun, event_class),
        "event": event,
        "event_class": event_class,
        "event_lemma": event_lemma,
        "holder": _holder_of(doc, phrase, noun),
        "sentence": sentence_no,
        "excerpt": excerpt(doc_text(doc), sent.start_char, sent.end_char, span.start_char, span.end_char),
        "unit": None,
    }
