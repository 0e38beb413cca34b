"""Who makes a claim: the source an attribution names, a quotation's speaker, else the outlet itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workers.analysis.attributions import INSTITUTION_NOUNS
from workers.analysis.comparison.entities import MentionIndex
from workers.analysis.comparison.quotes import speaker_names


@dataclass(frozen=True)
class Claimant:
    """The party a claim is attributed to."""

    name: str
    kind: str  # "outlet" | "named" | "anonymous"
    key: str | None = None
    start: int | None = None
    end: int | None = None
    entity: str | None = None  # the job-wide linked entity the name is a mention of, when there is one

    @property
    def identity(self) -> str:
        """What two claimants must share to be the same party: the linked entity ("Mr. Hollande" and
        "Francois Hollande" are one), else the extraction's key, else the folded name."""
        return self.entity or self.key or " ".join(self.name.casefold().split())

    def as_dict(self) -> dict[str, Any]:
        """The public form."""
        return {"name": self.name, "kind": self.kind, "key": self.key, "start": self.start, "end": self.end}

    def same_party(self, other: Claimant) -> bool:
        """True when two claimants may be one person: one identity, or (unless the linker knows them as two
        people) the same surname ("Maynard" / "Zoo Director Thane Maynard": outlets name one person differently and the
        linker may not join them). An institution's last word ("Russia's Defence Ministry" / "Ukraine's
        Defence Ministry") is no surname."""
        if self.identity == other.identity:
            return True
        if all(e is not None and e.startswith("person:") for e in (self.entity, other.entity)):
            return False  # the linker knows them as two people ("Kim Jong Un" / "Kim Dong-yeon")
        mine, theirs = surname(self.name), surname(other.name)
        return mine is not None and mine == theirs


def _last_name_word(part: str) -> str | None:
    """The folded last word of a part of a name when it is a name word ("Lang" of "Mr Lang"); None when the part
    ends in a common noun ("Rebel spokesman", "President Obama's spokesman": not Obama) or an institution noun."""
    words = part.split()
    if not words or not words[-1][:1].isupper():
        return None
    last = next(iter(speaker_names(words[-1])), None)
    return None if last is None or last in INSTITUTION_NOUNS else last


def short_name(name: str) -> str:
    """A claimant's name without the description beside it, before or after a comma: the first comma-separated
    part that ends in a name word ("Mr Lang, the commissioner of Pariang county in Unity state" -> "Mr Lang";
    "The army's spokesman, Col. Ali Ahmed" -> "Col. Ali Ahmed"), else the first part."""
    parts = name.split(", ")
    return next((part for part in parts if _last_name_word(part) is not None), parts[0])


def surname(name: str) -> str | None:
    """A name's last name word, folded ("Zoo Director Thane Maynard" -> "maynard"), read in its short_name (a
    description is not the name: "Mr Lang, the commissioner of Pariang county in Unity state" -> "lang"); None
    when the name ends in no name word or in an institution noun ("ministry", "police")."""
    return _last_name_word(short_name(name))


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _reported_within(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    """Whether `inner`'s cue lies inside what `outer` reports (its content span): "America Rising ... took aim at
    O'Rourke, saying on Sunday after Barr's announcement that the candidate made 'wild accusations'" (BASIL),
    where the parse hangs the that-clause on "announcement" and leaves "saying" without one."""
    try:
        return int(outer["content_start"]) <= int(inner["cue_start"]) and \
            int(inner["cue_end"]) <= int(outer["content_end"]) and int(outer["cue_end"]) <= int(inner["cue_start"])
    except (KeyError, TypeError, ValueError):
        return False


def claimant_of(extraction: dict[str, Any], sentence: int, start: int, end: int,
                mentions: MentionIndex | None = None, attributions: list[dict[str, Any]] | None = None) -> Claimant:
    """The claimant of the sentence [start, end) (index `sentence`) of one article.

    An attribution in the sentence wins (the one whose reported content covers most of the sentence when the
    extraction gives content spans); then the speaker of a quotation inside the sentence; else the outlet.
    `attributions`: the sentence's own, in the extraction's order, when the caller has them (an article's
    sentences each read every attribution otherwise).
    """
    best: tuple[int, dict[str, Any]] | None = None
    pool = (extraction.get("attributions") or []) if attributions is None else attributions
    here = [a for a in pool if a.get("sentence") == sentence and a.get("source")]
    for attribution in here:
        if attribution.get("frame") == "other":
            continue  # a cue with only an object ("condemned the attack") reports no claim of the sentence
        if attribution.get("frame") == "noun" and any(_reported_within(attribution, other) for other in here
                                                     if other is not attribution):
            continue  # "X said, after Y's announcement that ...": Y's announcement is part of what X says
        c_start = attribution.get("content_start", start)
        c_end = attribution.get("content_end", end)
        cover = _overlap(start, end, int(c_start), int(c_end))
        if best is None or cover > best[0]:
            best = (cover, attribution)
    article_id = str(extraction.get("article_id") or "")

    def linked(s: Any, e: Any) -> str | None:
        if mentions is None or s is None or e is None:
            return None
        return mentions.at(article_id, int(s), int(e), str(extraction.get("text") or ""))

    if best is not None:
        a = best[1]
        return Claimant(name=str(a["source"]), kind=str(a.get("kind") or "named"), key=a.get("source_key"),
                        start=a.get("source_start"), end=a.get("source_end"),
                        entity=linked(a.get("source_start"), a.get("source_end")))
    for quote in extraction.get("quotes") or []:
        if quote.get("speaker") and _overlap(start, end, int(quote["start"]), int(quote["end"])) > 0:
            return Claimant(name=str(quote["speaker"]), kind="named", key=quote.get("speaker_key"),
                            start=quote.get("speaker_start"), end=quote.get("speaker_end"),
                            entity=linked(quote.get("speaker_start"), quote.get("speaker_end")))
    outlet = str(extraction.get("source") or extraction.get("article_id") or "")
    return Claimant(name=outlet, kind="outlet")
