"""Each sentence's main predicate and polarity, read from the dependency parse the extraction already made.

The comparison stage needs to know whether two sentences that say the same thing say it the same way round
("the ministry confirmed ..." vs "the ministry denied ..."). That is the parse's job, done once here, so the
comparison never re-parses a text.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

# Verbs whose complement is asserted to be false by the subject. General English (the denial verbs of
# FrameNet's Statement/Reasoning frames), not a list fitted to any article.
DENIAL_LEMMAS = frozenset({"deny", "refute", "dismiss", "reject", "dispute", "rebut", "contradict"})
# Clausal complements a reporting verb carries its content in.
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})


# Negation particles as written, curly apostrophe folded: the parser reads "wasn’t" (curly, as most news sites
# print it) as "was" + a punctuation "n’t" attached to the verb, not as a negation.
_NEGATION_WORDS = frozenset({"n't", "not", "never"})


def _negated(verb: Token) -> bool:
    """True when the verb (or an auxiliary of it) carries a negation: "did not", "never", "no longer"."""
    return any(child.dep_ == "neg" or (child.i > verb.i and child.lower_.replace("’", "'") in _NEGATION_WORDS)
               for child in verb.children)


def _content_verb(root: Token) -> Token | None:
    """The verb of a reporting verb's clausal complement ("X said [the bridge had not collapsed]")."""
    return next((c for c in root.children if c.dep_ in _CONTENT_DEPS and c.pos_ in {"VERB", "AUX"}), None)


def sentence_predicate(sentence: Span) -> dict[str, Any]:
    """{"predicate": lemma of the main (content) verb or None, "negated": bool} for one sentence."""
    return clause_predicate(sentence.root)


def clause_predicate(root: Token) -> dict[str, Any]:
    """{"predicate", "negated"} of the clause headed by `root` (a sentence's root, or a clause's own verb).

    Polarity is taken from the reported content when the root is a reporting verb, so that "police said no
    one was hurt" is negated while "police did not say how many were hurt" is too (the speaker denies nothing
    there, but nothing is asserted either): both are not the affirmative statement. A denial verb ("denied
    that ...") negates its complement.
    """
    content = _content_verb(root)
    negated = _negated(root)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in root.children)
    if root.lemma_.lower() in DENIAL_LEMMAS and not passive:  # "X denied that ..." (not "rights are denied")
        negated = not negated
    if content is not None:
        negated = negated != _negated(content)
        content_subject_negated = any(c.dep_ in {"nsubj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no"
                                                                               for g in c.children)
                                      for c in content.children)
        negated = negated != content_subject_negated
    verb = content if content is not None else root
    if content is None and any(c.dep_ in {"nsubj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no"
                                                                        for g in c.children)
                               for c in root.children):
        negated = not negated  # "No one was injured"
    predicate = verb.lemma_.lower() if verb.pos_ in {"VERB", "AUX", "ADJ"} else None
    return {"predicate": predicate, "negated": negated}
