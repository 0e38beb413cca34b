"""Explicit non-numeric statements that can conflict: whether a named person was harmed.

Only the pattern the issue names ("unharmed" vs "suffered a minor cut"), matched with precision first: the
person must be the subject right before the predicate (a name, or he/she resolved to the article's most
mentioned person), with at most a few auxiliary words between ("was", "appeared only", "had").
Regular expressions instead of a parse: the stage must not re-run spaCy over every text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.entities import MentionIndex, fallback_key
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.lexicon import content_words

UNHARMED = re.compile(
    r"\b(?:unharmed|unhurt|uninjured|unscathed|not\s+(?:hurt|injured|harmed|wounded)|"
    r"escaped\s+without\s+(?:injury|injuries|a\s+scratch))\b", re.IGNORECASE)
HARMED = re.compile(
    r"\b(?:(?:suffered|sustained|received|suffering|sustaining)\s+(?:(?:a|an|some|only)\s+)?"
    r"(?:(?:minor|light|slight|serious|severe|superficial|critical)\s+)?"
    r"(?:cut|cuts|injury|injuries|wound|wounds|bruises?|burns?)|"
    r"(?:(?:lightly|slightly|seriously|badly|critically|moderately|severely)\s+)?(?:injured|wounded|hurt))\b",
    re.IGNORECASE)
# Words allowed between the subject and the predicate ("Kadhimi appeared only lightly injured").
BRIDGE = frozenset({"was", "were", "is", "has", "had", "have", "been", "appeared", "appears", "seemed", "seems",
                    "only", "also", "reportedly", "apparently", "escaped", "emerged", "remained", "left", "to",
                    "be", "himself", "herself", "said", "not", "allegedly", "later"})
PRONOUN = re.compile(r"\b(he|she)\b", re.IGNORECASE)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
BRIDGE_WORD = re.compile(r"[A-Za-z’']+")


def statements_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two statements about one subject can both hold (same polarity)."""
    return a.get("polarity") == b.get("polarity")


def subject_key(name: str) -> str:
    """A surname key for a person ('Mustafa al-Kadhimi', 'Al-Kadhimi’s' -> 'kadhimi')."""
    tokens = fallback_key(name).split()
    return fallback_key(tokens[-1]) if tokens else ""


def harm_statements(extractions: list[dict[str, Any]], texts: dict[str, ArticleText], mentions: MentionIndex,
                    first_index: int) -> list[Claim]:
    """Statements that a named person was or was not harmed, one Claim each."""
    out: list[Claim] = []
    for extraction in extractions:
        article = texts[extraction["article_id"]]
        entities = sorted((e for e in extraction.get("entities") or [] if e.get("label") in NAME_LABELS),
                          key=lambda e: e["start"])
        persons = Counter(subject_key(e["text"]) for e in entities if e.get("label") == "PERSON")
        for pattern, polarity in ((UNHARMED, "unharmed"), (HARMED, "harmed")):
            for match in pattern.finditer(article.text):
                if _inside_quote(article.text, match.start()):
                    continue
                subject = _subject(article, entities, persons, match.start())
                if subject is None:
                    continue
                name, s_start = subject
                key = subject_key(name)
                evidence = article.evidence(min(s_start, match.start()), match.end())
                canonical = mentions.at(article.article_id, s_start, s_start + len(name))
                context = content_words(evidence["sentence"])
                value = {"polarity": polarity, "phrase": " ".join(match.group(0).split()).lower(),
                         "subject": name}
                out.append(Claim(
                    index=first_index + len(out), kind="statement", article_id=article.article_id,
                    source=article.source, counted=name, event="harmed", keys=frozenset({f"s:{key}"}),
                    event_class="harm", context=" ".join(sorted(set(context))), context_words=frozenset(context),
                    entities=frozenset({canonical} if canonical else set()), evidence=evidence,
                    position=match.start() / max(len(article.text), 1), value=value,
                    sentence_index=article.sentence_index_at(match.start()) or 0,
                    label="unharmed" if polarity == "unharmed" else "harmed"))
    return out


def _subject(article: ArticleText, entities: list[dict[str, Any]], persons: Counter[str],
             offset: int) -> tuple[str, int] | None:
    """The named subject (text, start) right before a predicate at offset, or None."""
    sentence_index = article.sentence_index_at(offset)
    s_start = article.sentences[sentence_index]["start"] if sentence_index is not None else 0
    before = [e for e in entities if s_start <= e["start"] and e["end"] <= offset]
    pronouns = [m for m in PRONOUN.finditer(article.text, s_start, offset)]
    candidates: list[tuple[int, int, str | None]] = [(e["start"], e["end"], e["text"]) for e in before]
    candidates += [(m.start(), m.end(), None) for m in pronouns]
    if not candidates:
        return None
    start, end, text = max(candidates)
    between = article.text[end:offset]
    if between.startswith(("’s", "'s")):
        return None
    bridge = [w.lower() for w in BRIDGE_WORD.findall(between)]
    if len(bridge) > 4 or any(w not in BRIDGE for w in bridge) or re.search(r"[,;:()]", between):
        return None
    if text is not None:
        return text, start
    # he/she: the article's most mentioned person named in this or the previous three sentences.
    window_start = article.sentences[max((sentence_index or 0) - 3, 0)]["start"] if article.sentences else 0
    recent = {subject_key(e["text"]): e for e in entities
              if e.get("label") == "PERSON" and window_start <= e["start"] < offset}
    if not recent:
        return None
    best = max(recent, key=lambda k: (persons[k], recent[k]["start"]))
    return recent[best]["text"], start


def _inside_quote(text: str, offset: int) -> bool:
    """True when offset sits inside a quotation on its line (an odd number of quote marks before it)."""
    line_start = text.rfind("\n", 0, offset) + 1
    segment = text[line_start:offset]
    opened = segment.count("“") - segment.count("”")
    return opened > 0 or segment.count('"') % 2 == 1
