"""Named entities: spaCy's NER plus fixes for its known mistakes, and the normalised key used for linking."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from workers.analysis.nlp import entity_spans


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (keeps long word lists readable)."""
    return frozenset(text.split())


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
# Entity labels we emit (named things plus dates); CARDINAL/QUANTITY/... are handled by numbers.py.
EMITTED_LABELS = NAME_LABELS | {"DATE", "TIME", "MONEY", "PERCENT", "LAW", "LANGUAGE"}

# Titles and roles that precede or trail a name but are not part of it ("President Francois Hollande").
TITLE_WORDS = words(
    "president prime minister sen. senator rep. gov. governor gen. general brig. lt. col. maj. capt. sgt. "
    "adm. dr. mr. mrs. ms. miss king queen prince princess sheikh pope judge justice mayor secretary "
    "spokesman spokeswoman spokesperson chief commander cleric ambassador speaker chairman deputy vice "
    "foreign interior defence defense state leader director officer premier envoy minister-president pm "
    "pres. supt. insp. rev. father ayatollah sir lord lady "
    "mr mrs ms dr "  # British style, without the full stop ("Mr Lang" is Miabek Lang: BBC, ECB+)
)
# Role nouns that spaCy sometimes glues to the end of an ORG ("Foreign Ministry Spokesman").
TRAILING_ROLES = words(
    "spokesman spokeswoman spokesperson chief commander leader director officer secretary chairman envoy "
    "ambassador minister "
)
# Arabic name particles written with a hyphen ("al-Assad", "el-Baradei"); stripped for the surname core.
NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "az", "an", "ar", "bin", "ibn", "abu", "bint"})
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "s"})
# Platforms spaCy's small model often tags PERSON ("he posted on Twitter"): pinned to ORG by an EntityRuler.
PLATFORMS = ("Twitter", "Facebook", "Instagram", "Telegram", "YouTube", "TikTok", "WhatsApp", "X.com")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"})
_POSSESSIVE_RE = re.compile(r"(?:'s|')$")


def normalise_name(text: str) -> str:
    """Lower-cased, accent-free, apostrophe- and space-normalised form of a name."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return text


@lru_cache(maxsize=8192)
def entity_key(text: str, label: str = "PERSON") -> str:
    """The key used for linking: normalised, without possessive and leading 'the' (and titles for people)."""
    key = _POSSESSIVE_RE.sub("", normalise_name(text)).strip()
    key = re.sub(r"^the ", "", key)
    words = key.split(" ")
    while label == "PERSON" and len(words) > 1 and words[0] in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=8192)
def name_core(key: str) -> str:
    """A key without particles, hyphens and apostrophes ("al-assad" -> "assad", "o'brien" -> "obrien")."""
    words = []
    for word in re.split(r"[\s]+", key):
        parts = [p for p in word.split("-") if p]
        while len(parts) > 1 and parts[0] in NAME_PARTICLES:
            parts.pop(0)
        words.append("".join(parts).replace("'", "").replace(".", ""))
    return " ".join(w for w in words if w)


def surname_core(key: str) -> str:
    """The last word of a name's core ("bashar al-assad" -> "assad")."""
    core = name_core(key)
    return core.rsplit(" ", 1)[-1] if core else ""


def _is_capitalised(span: Span) -> bool:
    """True if some token of the span starts with an upper-case letter or a digit."""
    return any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span)


def _trim(span: Span) -> Span | None:
    """Strip possessives, titles and trailing common nouns from a name span; None if nothing is left."""
    doc = span.doc
    start, end = span.start, span.end
    while end > start and doc[end - 1].text.lower() in POSSESSIVE_TOKENS | {"-"}:
        end -= 1
    if span.label_ == "PERSON":  # "President Bashar al-Assad" -> "Bashar al-Assad"
        while end - start > 1 and doc[start].text.lower() in TITLE_WORDS | {"the"}:
            start += 1
    if span.label_ == "ORG":  # "Nature Air airline" -> "Nature Air" (not "Ban Ki-moon" -> "Ban Ki-")
        while end - start > 1 and (doc[end - 1].text.lower() in TRAILING_ROLES or doc[end - 1].text.islower()):
            end -= 1
    if end <= start:
        return None
    return Span(doc, start, end, label=span.label_)


def _extend(span: Span, taken: set[int]) -> Span:
    """Grow a PERSON/ORG span over adjacent name parts spaCy left out ("el-Baradei", "Lashkar-e-Taiba")."""
    doc = span.doc
    start, end = span.start, span.end
    if span.label_ == "PERSON":
        # "Mohamed" + "el" "-" "Baradei"
        while (
            end + 2 < len(doc)
            and doc[end].lower_ in NAME_PARTICLES
            and doc[end + 1].text == "-"
            and doc[end + 2].text[:1].isupper()
            and not {end, end + 1, end + 2} & taken
        ):
            end += 3
    if span.label_ in {"PERSON", "ORG"}:
        while (
            start > 0
            and (start - 1) not in taken
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].dep_ == "compound"
            and span.start <= doc[start - 1].head.i < end
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].lower_ not in TITLE_WORDS
        ):
            start -= 1
    return Span(doc, start, end, label=span.label_)


def _relabel_surnames(spans: list[Span]) -> list[Span]:
    """Mentions whose core is the surname of a PERSON in the same doc become PERSON ("Paddock" GPE)."""
    surnames = {
        surname_core(entity_key(s.text))
        for s in spans
        if s.label_ == "PERSON" and len(name_core(entity_key(s.text)).split()) >= 2
    }
    surnames.discard("")
    fixed = []
    for span in spans:
        core = name_core(entity_key(span.text))
        if span.label_ in {"GPE", "ORG", "NORP", "LOC", "FAC"} and core in surnames:
            span = Span(span.doc, span.start, span.end, label="PERSON")
        fixed.append(span)
    return fixed


@Language.component("corroborate_entity_fixes")
def fix_entities(doc: Doc) -> Doc:
    """Correct spaCy's usual entity mistakes: possessives, titles, split "al-" names, wrong labels."""
    kept: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            kept.append(ent)
            continue
        trimmed = _trim(ent)
        if trimmed is None or not _is_capitalised(trimmed):
            continue
        kept.append(trimmed)
    taken = {i for s in kept for i in range(s.start, s.end)}
    grown = []
    for span in kept:
        own = set(range(span.start, span.end))
        grown.append(_extend(span, taken - own) if span.label_ in {"PERSON", "ORG"} else span)
    doc.ents = filter_spans(_relabel_surnames(grown))
    return doc


def add_entity_components(nlp: Language) -> None:
    """Append the platform EntityRuler and the entity-fixing component after the NER."""
    ruler: Any = nlp.add_pipe(
        "entity_ruler", name="corroborate_platforms", after="ner", config={"overwrite_ents": True}
    )
    ruler.add_patterns([{"label": "ORG", "pattern": name} for name in PLATFORMS])
    nlp.add_pipe("corroborate_entity_fixes", after="corroborate_platforms")


def entities_of(doc: Doc) -> list[dict[str, Any]]:
    """The doc's entities as contract dicts, each with its linking key."""
    out = []
    for ent in entity_spans(doc):
        if ent.label_ not in EMITTED_LABELS:
            continue
        out.append(
            {
                "text": ent.text,
                "label": ent.label_,
                "start": ent.start_char,
                "end": ent.end_char,
                "key": entity_key(ent.text, ent.label_) if ent.label_ in NAME_LABELS else normalise_name(ent.text),
            }
        )
    return out
