"""Words normalised for matching: content tokens, a light singular form, and small synonym classes.

Hand-written on purpose: the comparison stage must stay a small fraction of extraction time, so it does not
re-run spaCy over the texts; the extraction already chose the counted noun and the event, and all that is
left here is to make "guards"/"bodyguards"/"protection detail" and "wounded"/"injured" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")

_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours said says say told according one two three four five
six seven eight nine ten least around nearly almost several many dozens sunday monday tuesday wednesday
thursday friday saturday
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Small synonym classes for what is counted. A claim's counted phrase maps to every class one of its words
# belongs to, so "members of the personal protection detail" meets "security guards".
COUNTED_CLASSES: dict[str, frozenset[str]] = {
    "guard": frozenset({"guard", "bodyguard", "detail", "protection", "bodyguards"}),
    "drone": frozenset({"drone", "uav", "quadcopter"}),
    "protester": frozenset({"protester", "protestor", "demonstrator", "rioter"}),
    "person": frozenset({"people", "person", "individual"}),
    "soldier": frozenset({"soldier", "troop", "serviceman", "servicemember"}),
    "police": frozenset({"police", "policeman", "policemen", "officer"}),
    "civilian": frozenset({"civilian", "resident", "bystander"}),
    "child": frozenset({"child", "children", "kid", "minor"}),
    "rocket": frozenset({"rocket", "missile"}),
    "dollar": frozenset({"dollar", "usd", "$"}),
    "percent": frozenset({"percent", "per cent", "%", "percentage"}),
}
_WORD_TO_COUNTED = {word: name for name, words in COUNTED_CLASSES.items() for word in words}

# Event classes: a mismatch between two of these keeps claims apart (wounded vs killed vs shot down).
EVENT_CLASSES: dict[str, frozenset[str]] = {
    "injure": frozenset({"wound", "wounded", "injure", "injured", "injury", "injuries", "hurt", "harm",
                         "harmed", "suffer", "suffered", "suffering", "casualty"}),
    "kill": frozenset({"kill", "killed", "dead", "die", "died", "death", "deaths", "dying", "slain", "fatality",
                       "fatalities", "perish", "perished", "murder", "murdered"}),
    "shoot_down": frozenset({"shoot", "shot", "down", "downed", "intercept", "intercepted", "destroy",
                             "destroyed"}),
    "arrest": frozenset({"arrest", "arrested", "detain", "detained", "custody", "apprehend", "apprehended"}),
    "evacuate": frozenset({"evacuate", "evacuated", "evacuation", "displaced", "flee", "fled"}),
    "rescue": frozenset({"rescue", "rescued", "save", "saved"}),
    "missing": frozenset({"missing", "unaccounted"}),
    "hit": frozenset({"struck", "strike", "hit", "hits", "crashed", "slammed", "landed"}),
}
_WORD_TO_EVENT = {word: name for name, words in EVENT_CLASSES.items() for word in words}
# Events that say little about what happened (an attack "by", "involving", "using" drones).
GENERIC_EVENTS = frozenset({"attack", "use", "used", "involve", "involved", "involving", "be", "have",
                            "launch", "launched", "target", "targeted", "carry", "carried", "include",
                            "included", "see", "saw", "report", "reported"})

# Heads that say nothing about what is counted: the noun is in an "of" phrase after the number ("six members
# of the protection detail") or earlier in the sentence ("one drone struck ... two others were shot down").
PARTITIVE_HEADS = frozenset({"member", "other", "some", "one", "dozen", "hundred", "thousand", "part", "group",
                             "number", "handful", "few", "rest", "most", "many", "all", "each", "both"})
# Counting who said something ("two Iraqi officials said") is attribution, not a fact about the event.
SOURCE_NOUNS = frozenset({"official", "source", "politician", "diplomat", "witness", "aide", "spokesman",
                          "spokesperson", "analyst", "expert", "lawmaker", "journalist", "reporter"})
SPEECH_EVENTS = frozenset({"say", "said", "says", "told", "tell", "quote", "quoted", "request", "requested",
                           "speak", "spoke", "according", "confirm", "confirmed", "add", "added", "cite", "cited",
                           "describe", "described", "report", "reported", "claim", "claimed"})

# Irregular plurals; the regular ones are handled by rule in `singular`.
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "people", "police": "police",
              "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "data", "media": "media",
              "news": "news", "series": "series", "species": "species", "troops": "troop"}


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A light singular form of an English noun (guards -> guard, casualties -> casualty)."""
    word = word.lower().strip("’'")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens (hyphenated words stay whole, curly apostrophes kept)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased singular content words: no stopwords, no numbers, no possessive 's."""
    out = []
    for word in words(text):
        word = word.removesuffix("'s")
        if word in STOPWORDS or word[0].isdigit():
            continue
        out.append(singular(word))
    return out


@lru_cache(maxsize=65536)
def counted_keys(counted: str) -> frozenset[str]:
    """Blocking keys for what a claim counts: its head noun and the synonym classes of its words."""
    tokens = [singular(w.removesuffix("'s")) for w in words(counted)]
    tokens = [t for t in tokens if t not in STOPWORDS and not t[0].isdigit()]
    if not tokens:
        return frozenset()
    # Head: the last word before "of" ("members of the detail" -> member), else the last word.
    lowered = words(counted)
    head_index = lowered.index("of") - 1 if "of" in lowered[1:] else len(lowered) - 1
    head = singular(lowered[max(head_index, 0)].removesuffix("'s"))
    keys = {f"w:{head}"}
    for token in tokens:
        if token in _WORD_TO_COUNTED:
            keys.add(f"c:{_WORD_TO_COUNTED[token]}")
    if head in _WORD_TO_COUNTED:
        keys.add(f"c:{_WORD_TO_COUNTED[head]}")
    return frozenset(keys)


@lru_cache(maxsize=65536)
def event_class(event: str | None) -> str | None:
    """The event's class ('injure', 'kill', ...), its own singular head word, or None when generic/absent."""
    if not event:
        return None
    tokens = [w for w in words(event) if w not in STOPWORDS or w == "down"]
    for token in tokens:
        if token in _WORD_TO_EVENT:
            return _WORD_TO_EVENT[token]
    meaningful = [t for t in tokens if t not in GENERIC_EVENTS]
    if not meaningful:
        return None
    return singular(meaningful[0])


def head_noun(counted: str) -> str:
    """The singular head of a counted phrase ('members of the detail' -> member, 'security guards' -> guard)."""
    lowered = [w.removesuffix("'s") for w in words(counted)]
    if not lowered:
        return ""
    head_index = lowered.index("of") - 1 if "of" in lowered[1:] else len(lowered) - 1
    return singular(lowered[max(head_index, 0)])


def is_speech_event(event: str | None) -> bool:
    """True for events that are someone speaking ('said', 'told', 'requested anonymity')."""
    return bool(event) and any(w in SPEECH_EVENTS for w in words(event or ""))


def counted_label(counted: str) -> str:
    """A short display form of what is counted ('members of ... detail' stays, but trimmed)."""
    text = " ".join(counted.split())
    return text if len(text) <= 40 else text[:37] + "..."
