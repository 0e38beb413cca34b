"""The cue classifier: whether a verb or noun that has a source attributes something to it.

A candidate is a verb outside quotes with a source (`verb_source`: "Trump [vowed] to ...", "an aide
[believes] that ...") or a noun with an owner (`noun_source`: "Trump's [claim] that ..."). PolNeAR counts
speech, beliefs and stances alike, a long tail of verbs and frames ("expect", "know", "call for") no hand list
covers, so the decision is a logistic regression over features of the spaCy parse. (An adjective - "is
convinced that", "it is clear that" - is no candidate: it has no verb_source.)
The weights, the threshold and the lemma counts live in cue_classifier.json beside this module, written by
`python -m eval.fit_attribution_cues` from PolNeAR dev (the threshold chosen by cross-validation inside dev;
the test split is never read there). The score is plain Python at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from workers.analysis.cue_frames import cue_frame
from workers.analysis.nlp import sentences
from workers.analysis.speakers import (
    CLAUSE_REPORTING_LEMMAS,
    CUE_LEMMAS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    REPORTING_LEMMAS,
)

WEIGHTS_FILE = Path(__file__).with_name("cue_classifier.json")
# Pseudo-count pulling a (lemma, frame) cue rate towards the rate of its frame: a lemma seen once is not
# taken at its word.
PRIOR_STRENGTH = 2.0
_DEPS = ("ROOT", "conj", "advcl", "ccomp", "relcl", "xcomp", "parataxis", "acl", "pcomp")
_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")
_FRAMES = ("clause", "to", "prep", "object", "bare")
FEATURES: tuple[str, ...] = (
    "prior_frame", "prior_lemma", "prior_fine", "prior_object", "prior_source", "prior_head", "seen_frame", "unseen",
    "reporting_lemma", "cue_lemma", "clause_lemma",
    *(f"frame_{f}" for f in _FRAMES), "that_clause", "inserted",
    *(f"dep_{d}" for d in _DEPS), *(f"tag_{t}" for t in _TAGS),
    "modal", "negated", "passive_agent",
    "source_person", "source_group", "source_person_pronoun", "source_it_they", "source_relative",
    "source_after", "source_proper",
    "quote_in_sentence", "quote_near", "quote_cue",
    "cue_lemma_clause", "clause_lemma_ccomp", "embedded", "via_prep",
    "noun", "noun_states", "noun_compound_owner",
)  # fmt: skip


# What completes a clause with no gap ("that it was [a bomb]", "that people would learn [nothing]").
_COMPLETE_DEPS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"})


def states(noun: Token) -> bool:
    """A noun with a that-clause of its own: what its owner holds or said ("Trump's claim that ...", "the
    group's finding that ..."). The clause must be complete (a subject and an object, complement or passive):
    the parser also marks relative "that" as a mark, and a relative clause has a gap ("the plan that he drew up")."""
    for clause in noun.children:
        marked = any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        if clause.dep_ not in {"acl", "ccomp"} or not marked:
            continue
        deps = {c.dep_ for c in clause.children}
        has_object = bool(deps & _COMPLETE_DEPS) or any(
            c.dep_ == "prep" and any(o.dep_ == "pobj" for o in c.children) for c in clause.children
        )
        if "nsubjpass" in deps or (("nsubj" in deps or "expl" in deps) and has_object):
            return True
    return False


def embedded(verb: Token, frame: str) -> bool:
    """A verb that is itself reported, wanted or planned rather than reporting ("says management never told
    them", "needs to tell the truth"), unless it governs a clause of its own (`frame` 'clause': "said he told
    police that ...")."""
    nested = verb.dep_ in {"ccomp", "xcomp"} or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return nested and frame != "clause"


@dataclass(frozen=True)
class CueContext:
    """What the classifier reads of the doc beyond the parse: which tokens lie inside quotes, and which
    tokens are the cue of a quote (find_quotes' "cue_start": '“...,” [said] Hester')."""

    inside: list[bool]
    quote_cues: frozenset[int]
    sentence_start: list[int]  # per token, its sentence's first and last+1 token, and whether it quotes
    sentence_end: list[int]
    quoted_sentence: list[bool]

    @classmethod
    def for_doc(cls, doc: Doc, inside: list[bool], quotes: list[dict[str, Any]]) -> CueContext:
        """Computed once per doc (token.sent would scan for the sentence at every candidate)."""
        cues: set[int] = set()
        for quote in quotes:
            if quote.get("cue_start") is not None and quote.get("cue_end") is not None:
                span = doc.char_span(quote["cue_start"], quote["cue_end"], alignment_mode="expand")
                cues.update(range(span.start, span.end) if span is not None else ())
        begin, end, quoted = [0] * len(doc), [0] * len(doc), [False] * len(doc)
        for sent in sentences(doc):
            has_quote = any(inside[sent.start : sent.end])
            for i in range(sent.start, sent.end):
                begin[i], end[i], quoted[i] = sent.start, sent.end, has_quote
        return cls(inside, frozenset(cues), begin, end, quoted)


def fine_frame(token: Token) -> str:
    """'noun' for a cue noun, else the verb's frame ("clause", "to", "prep:for", "object", "bare")."""
    return "noun" if token.pos_ == "NOUN" else cue_frame(token)


def frame_key(fine: str) -> str:
    """What the lemma counts are keyed by: 'noun', 'clause', 'to', or 'other' (frame_group's groups)."""
    return fine if fine in {"noun", "clause", "to"} else "other"


def _that_clause(token: Token) -> bool:
    """A clause of its own opened by "that" or none ("said [that] ...", "the claim that ...")."""
    return any(c.dep_ in {"ccomp", "acl"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in token.children)


def _quote_near(token: Token, context: CueContext, window: int = 3) -> bool:
    """A quoted token within `window` tokens of the candidate, in its sentence ('“...,” he said')."""
    lo = max(context.sentence_start[token.i], token.i - window)
    hi = min(context.sentence_end[token.i], token.i + window + 1)
    return any(context.inside[lo:hi])


def structural_features(token: Token, source: Token, context: CueContext, fine: str) -> dict[str, float]:
    """Everything but the lemma counts: the parse around the candidate (`fine`: its fine_frame) and its
    source."""
    lemma = token.lemma_.lower()
    noun = token.pos_ == "NOUN"
    features: dict[str, float] = {
        "reporting_lemma": float(lemma in REPORTING_LEMMAS),
        "cue_lemma": float(lemma in CUE_LEMMAS),
        "clause_lemma": float(lemma in CLAUSE_REPORTING_LEMMAS),
        "that_clause": float(_that_clause(token)),
        "inserted": float(token.dep_ == "parataxis"),
        "modal": float(any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)),
        "negated": float(any(c.dep_ == "neg" for c in token.children)),
        "passive_agent": float(source.dep_ == "pobj" and source.head.dep_ == "agent"),
        "source_person": float(source.ent_type_ == "PERSON"),
        "source_group": float(source.ent_type_ in {"ORG", "GPE", "NORP"}),
        "source_person_pronoun": float(source.lower_ in PERSON_PRONOUNS),
        "source_it_they": float(source.lower_ in {"it", "they"}),
        "source_relative": float(source.lower_ in RELATIVE_PRONOUNS),
        "source_after": float(source.i > token.i),
        "source_proper": float(source.pos_ == "PROPN"),
        "quote_in_sentence": float(context.quoted_sentence[token.i]),
        "quote_near": float(_quote_near(token, context)),
        "quote_cue": float(token.i in context.quote_cues),
        "noun": float(noun),
        "embedded": float(not noun and embedded(token, fine)),
        "via_prep": float(token.dep_ == "pcomp"),
        "noun_states": float(noun and states(token)),
        "noun_compound_owner": float(noun and source.dep_ == "compound"),
    }
    frame = "prep" if fine.startswith("prep:") else fine
    # the hand-written lexicons' own rules ("claimed that ...", "warned, ..."), which a sum of features misses
    features["cue_lemma_clause"] = float(lemma in CUE_LEMMAS and frame == "clause")
    features["clause_lemma_ccomp"] = float(lemma in CLAUSE_REPORTING_LEMMAS and any(c.dep_ == "ccomp" for c in
                                                                                      token.children))
    for name in _FRAMES:
        features[f"frame_{name}"] = float(frame == name)
    for dep in _DEPS:
        features[f"dep_{dep}"] = float(token.dep_ == dep and not noun)
    for tag in _TAGS:
        features[f"tag_{tag}"] = float(token.tag_ == tag)
    return features


def _logit(rate: float) -> float:
    rate = min(max(rate, 1e-4), 1 - 1e-4)
    return math.log(rate / (1 - rate))


def _object(token: Token) -> str:
    """The lemma of what a verb acts on ("made [the reference]", "raised [questions]"), else "-"."""
    for child in token.children:
        if child.dep_ in {"dobj", "attr", "oprd"}:
            return child.lemma_.lower()
    return "-"


def _speaker(source: Token) -> str:
    """What the source is, for counting: an entity type ("PERSON"), else its lemma ("he", "official")."""
    return source.ent_type_ or source.lemma_.lower()


def prior_keys(token: Token, source: Token, fine: str) -> dict[str, str]:
    """The keys whose cue rates the prior features read, by family: the lemma in its frame ("call|other"),
    the lemma ("call"), the lemma in its precise frame ("call|prep:for"), the verb's object ("reference"), and
    the source ("PERSON", "he", "official")."""
    lemma = token.lemma_.lower()
    return {
        "frame": f"{lemma}|{frame_key(fine)}",
        "lemma": lemma,
        "fine": f"{lemma}|{fine}",
        "object": _object(token),
        "source": _speaker(source),
        "head": "-" if token.head == token else token.head.lemma_.lower(),
    }


PRIOR_FAMILIES = ("frame", "lemma", "fine", "object", "source", "head")


def prior_features(keys: dict[str, str], frame: str, counts: dict[str, dict[str, tuple[int, int]]],
                   base: dict[str, float]) -> dict[str, float]:
    """Each family's cue rate of the candidate's key in the counted data, as log-odds smoothed towards the
    frame's rate (family "frame") or all candidates' rate (`counts`: family -> key -> (cue hits, occurrences);
    `base`: frame -> rate, "*" for all), plus how often the lemma was seen in its frame."""
    features: dict[str, float] = {}
    for family in PRIOR_FAMILIES:
        hits, total = counts.get(family, {}).get(keys[family], (0, 0))
        rate = base.get(frame, base["*"]) if family == "frame" else base["*"]
        features[f"prior_{family}"] = _logit((hits + PRIOR_STRENGTH * rate) / (total + PRIOR_STRENGTH))
        if family == "frame":
            features["seen_frame"] = math.log1p(total)
        if family == "lemma":
            features["unseen"] = float(total == 0)
    return features


@dataclass(frozen=True)
class CueModel:
    """Logistic regression over FEATURES, its threshold, and the lemma counts its prior features read."""

    weights: dict[str, float]
    bias: float
    threshold: float
    counts: dict[str, dict[str, tuple[int, int]]]
    base: dict[str, float]
    provenance: dict[str, Any]

    def features(self, token: Token, source: Token, context: CueContext) -> dict[str, float]:
        """The classifier's inputs for one candidate and its source."""
        fine = fine_frame(token)
        features = structural_features(token, source, context, fine)
        features.update(prior_features(prior_keys(token, source, fine), frame_key(fine), self.counts, self.base))
        return features

    def probability(self, features: dict[str, float]) -> float:
        """P(the candidate is a cue)."""
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def is_cue(self, token: Token, source: Token, context: CueContext) -> bool:
        """Whether the candidate attributes something to its source."""
        return self.probability(self.features(token, source, context)) >= self.threshold


def model_from_json(data: dict[str, Any]) -> CueModel:
    """A CueModel from the JSON file's contents; its feature list must be this module's (else the weights
    would be read against the wrong inputs: refit with `make fit-cues`)."""
    if data.get("features") != list(FEATURES) or set(data["weights"]) != set(FEATURES):
        raise ValueError("cue_classifier.json was fitted on other features than cue_classifier.FEATURES")
    return CueModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        counts={family: {k: (int(v[0]), int(v[1])) for k, v in table.items()}
                for family, table in data["counts"].items()},
        base={k: float(v) for k, v in data["base"].items()},
        provenance=data.get("provenance", {}),
    )


@lru_cache(maxsize=1)
def load_cue_model(path: str = str(WEIGHTS_FILE)) -> CueModel:
    """The fitted classifier (read once per process)."""
    return model_from_json(json.loads(Path(path).read_text(encoding="utf-8")))
