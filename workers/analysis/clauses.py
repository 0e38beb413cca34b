"""The clauses of a long sentence, read from the dependency parse the extraction already made.

News sentences pack several statements into one: "Police shot the driver, who had driven the truck for two
kilometres along the seafront." Another outlet may state only one of them, in a sentence of its own, and a
sentence-level comparison then sees two sentences that are only half alike. The comparison therefore also
aligns clauses: the subtree of each subordinate or coordinated verb (relative, adverbial, complement and
coordinated clauses), and the main clause without them. Each clause is a contiguous character span of its
sentence, so its evidence can be shown like a sentence's.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from workers.analysis.predicates import clause_predicate

# Dependency labels (ClearNLP, as spaCy's English models use) of verbs that head a clause of their own.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "conj", "parataxis"})
_CONTENT_DEPS = frozenset({"ccomp", "parataxis"})  # a reporting verb's content ("X said [that ...]")
MIN_SENTENCE_WORDS = 14  # shorter sentences state one thing: the sentence is the claim
MIN_CLAUSE_WORDS = 5  # a clause must be a statement of its own ("who drove", "said police" are not)
MAX_CLAUSES = 4  # per sentence: the longest ones (a list of twelve coordinated verbs is one statement)
NEAR_WORDS = 4  # a clause only this many words longer than one inside it says nothing more
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_EDGE_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "SPACE"})


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _trimmed(tokens: list[Token]) -> list[Token]:
    """The tokens without leading/trailing punctuation and conjunctions (", and who ..." -> "who ...")."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].pos_ in _EDGE_POS:
        start += 1
    while end > start and tokens[end - 1].pos_ in _EDGE_POS:
        end -= 1
    return tokens[start:end]


def _subtree(verb: Token) -> list[Token]:
    """The verb's subtree as a contiguous token run (non-projective parses: the run between its edges); a
    relative clause keeps the noun phrase it describes ("[the driver, who drove the truck]"), so that it says
    who did what."""
    start = verb.head.left_edge.i if verb.dep_ == "relcl" else verb.left_edge.i
    return list(verb.doc[min(start, verb.left_edge.i):verb.right_edge.i + 1])


def _stands_alone(verb: Token) -> bool:
    """A clause that states something by itself: it has a subject of its own, or it is a relative clause
    (its noun is its subject), or a coordinated verb sharing the main subject. Infinitives and participles
    without a subject ("to watch the fireworks", "mowing down people") do not."""
    if verb.dep_ in {"relcl", "conj"}:
        return True
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def _main_clause(sentence: Span, nested: list[list[Token]]) -> list[Token]:
    """The longest contiguous run of the sentence outside every nested clause."""
    inside = {t.i for run in nested for t in run}
    best: list[Token] = []
    run: list[Token] = []
    for token in sentence:
        if token.i in inside:
            run = []
            continue
        run.append(token)
        if _words(run) > _words(best):
            best = list(run)
    return best


def _heads_clause(token: Token) -> bool:
    """A verb heading a clause of its own (relative, adverbial, complement, coordinated)."""
    return token.dep_ in CLAUSE_DEPS and token.pos_ in {"VERB", "AUX"} and token.head.i != token.i


def _own_subject(token: Token) -> bool:
    """A coordinated verb with its own subject: "police fired and the driver died" is two clauses, while in
    "police shot and killed the driver" the main clause keeps "killed the driver"."""
    return token.dep_ != "conj" or any(c.dep_ in _SUBJECTS for c in token.children)


def _distinct(runs: list[tuple[list[Token], Token]]) -> list[tuple[list[Token], Token]]:
    """Runs that are not another run plus a few words ("adding that [the driver was shot]" is the inner one)."""
    spans = [(r[0].i, r[-1].i, _words(r)) for r, _ in runs]
    keep = []
    for n, (start, end, words) in enumerate(spans):
        wider = any(m != n and start <= s and e <= end and (s, e) != (start, end) and words - w < NEAR_WORDS
                    for m, (s, e, w) in enumerate(spans))
        if not wider:
            keep.append(runs[n])
    return keep


def sentence_clauses(sentence: Span) -> list[dict[str, Any]]:
    """[{"start", "end", "predicate", "negated"}] for the clauses of a long sentence, in text order; [] when
    the sentence is short or has no clause of its own."""
    whole = _words(list(sentence))
    if len(sentence) < MIN_SENTENCE_WORDS or whole < MIN_SENTENCE_WORDS:
        return []
    nested: list[tuple[list[Token], Token]] = []
    apart: list[list[Token]] = []
    for token in sentence:
        if _heads_clause(token) and _stands_alone(token):
            run = _trimmed(_subtree(token))
            own = list(token.subtree)
            if _words(own) >= MIN_CLAUSE_WORDS and _own_subject(token):
                apart.append(own)
            if MIN_CLAUSE_WORDS <= _words(run) < whole - 2:
                nested.append((run, token))
    if not apart and not nested:
        return []
    main = _trimmed(_main_clause(sentence, apart))
    # the main clause of "X said [content]" is the attribution frame: the content is the statement
    framed = any(c.dep_ in _CONTENT_DEPS for c in sentence.root.children)
    if not framed and MIN_CLAUSE_WORDS <= _words(main) < whole - 2:
        nested.append((main, sentence.root))
    runs = _distinct(nested)
    runs = sorted(runs, key=lambda r: -_words(r[0]))[:MAX_CLAUSES]
    seen: set[tuple[int, int]] = set()
    out = []
    for run, verb in sorted(runs, key=lambda r: r[0][0].i):
        span = sentence.doc[run[0].i:run[-1].i + 1]
        key = (span.start_char, span.end_char)
        if key in seen:
            continue
        seen.add(key)
        out.append({"start": span.start_char, "end": span.end_char, **clause_predicate(verb)})
    return out
