"""Who says something: cue verbs, their subjects, appositives, "said X" inversions and pronoun resolution."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from workers.analysis.entities import entity_key, words
from workers.analysis.nlp import entity_spans, sentences

# Verbs that introduce reported speech or a quoted stance ("said", "posted", "denounced the 'terrorist act'").
CUE_LEMMAS = words(
    "say tell add write post tweet state announce declare note explain insist claim continue warn stress "
    "urge ask reply respond answer argue acknowledge admit conclude describe call denounce condemn accuse "
    "suggest quote recall predict vow pledge promise confirm deny comment remark observe emphasise "
    "emphasize assert contend maintain complain caution report allege blame praise testify tout reiterate "
    "cite demand wonder joke quip scoff shout chant exclaim recount concede boast lament retort counter muse "
    "proclaim agree charge thunder snap whisper mutter threaten yell scream cry plead beg "
)
# Verbs that attribute information whatever follows them ("two French officials said", "It quoted Estrosi").
REPORTING_LEMMAS = words("say tell add write post tweet state report quote")
# Verbs that attribute information only with a clause complement ("claimed that ...", not "claimed responsibility").
CLAUSE_REPORTING_LEMMAS = words(
    "announce declare note explain insist claim warn stress reply respond argue acknowledge admit confirm "
    "deny allege testify reiterate estimate suggest believe recall agree vow pledge promise mention predict "
    "concede boast complain "
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# Subjects that cannot be the speaker of a quote outside it ("I"/"we" belong inside quotes; "this" is a thing).
NOT_SPEAKERS = frozenset({"i", "we", "you", "me", "us", "this", "that", "these", "those", "which", "what", "there"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it"})
GROUP_PRONOUNS = frozenset({"they", "them"})
_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod"})


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the text shown, its offsets, its entity key and how it was found."""

    text: str
    start: int
    end: int
    key: str | None
    method: str
    pronoun: str | None = None
    mention_start: int | None = None  # the words that name the speaker in the sentence ("he"), if not start/end
    mention_end: int | None = None


def stray_letter(token: Token) -> bool:
    """A subject of one lowercase letter standing alone (no name words, no determiner): a typo's leftover, not
    a speaker ("Asked what he had seen e added ...", the "h" of "he" lost). A capital is a name: "X said"
    (the company), "Witness A told the court"; "Malcolm X" keeps its compound anyway."""
    return len(token.text) == 1 and token.text.islower() and not any(True for _ in token.children)


def is_cue(token: Token) -> bool:
    """True for a verb whose lemma introduces speech or a quoted stance."""
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in CUE_LEMMAS


def subject_of(verb: Token, exclude: tuple[int, int] | None = None) -> Token | None:
    """The grammatical subject of a verb, inherited through conj/advcl/xcomp chains ("..., saying");
    subjects whose offset falls inside exclude (the quote itself) are skipped."""
    seen = 0
    current: Token | None = verb
    while current is not None and seen < 6:
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and not (exclude and exclude[0] <= child.idx < exclude[1]):
                return child
        if current.dep_ in {"conj", "advcl", "xcomp", "ccomp", "pcomp", "relcl"} and current.head != current:
            if current.dep_ == "relcl":
                return current.head
            current = current.head
        else:
            current = None
        seen += 1
    return None


def quoted_person(verb: Token) -> Token | None:
    """For "X quoted Estrosi as saying ...", the object of "quote" (Estrosi) reached from "saying" or "quoted"."""
    current = verb
    for _ in range(3):
        if current.lemma_.lower() == "quote":
            for child in current.children:
                if child.dep_ == "dobj":
                    return child
            return None
        if current.head == current:
            return None
        current = current.head
    return None


def mention_span(token: Token) -> Span:
    """The entity containing the token, else its noun phrase without clauses or appositives."""
    doc = token.doc
    if token.ent_type_:
        for ent in entity_spans(doc):
            if ent.start <= token.i < ent.end:
                return ent
    left = token.i
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS:
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "from", "with", "for", "at", "in", "close"}:
            right = max(right, child.right_edge.i + 1)
    return doc[left:right]


class EntityIndex:
    """Entity mentions of a doc sorted by offset, for "nearest preceding PERSON" look-ups."""

    @classmethod
    def for_doc(cls, doc: Doc, skip: list[tuple[int, int]]) -> EntityIndex:
        """The index for a doc with mentions inside the given spans (quotes) skipped; built once per doc."""
        key = f"corroborate_entity_index:{hash(tuple(skip))}"
        cached = doc.user_data.get(key)
        if not isinstance(cached, EntityIndex):
            cached = doc.user_data[key] = cls(doc, skip)
        return cached

    def __init__(self, doc: Doc, skip: list[tuple[int, int]] | None = None) -> None:
        self.spans: list[Span] = []
        tagged = entity_spans(doc)
        for ent in tagged:
            if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"}:
                continue
            if skip and any(a <= ent.start_char < b for a, b in skip):
                continue
            self.spans.append(ent)
        self.spans = sorted(self.spans + _untagged_people(doc, tagged, skip or []), key=lambda s: s.start_char)
        self.starts = [s.start_char for s in self.spans]
        self.is_subject = [s.root.dep_ in SUBJECT_DEPS for s in self.spans]
        self.sentence_starts = [s.start_char for s in sentences(doc)]

    def _sentence_of(self, offset: int) -> int:
        """Index of the sentence containing the offset."""
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def nearest_before(self, offset: int, labels: frozenset[str], subject_window: int = 2) -> Span | None:
        """The closest preceding mention with one of the labels, preferring a grammatical subject in the
        same or the previous subject_window sentences (a cheap stand-in for coreference)."""
        i = bisect.bisect_left(self.starts, offset) - 1
        nearest: Span | None = None
        here = self._sentence_of(offset)
        while i >= 0:
            span = self.spans[i]
            if span.label_ in labels:
                nearest = nearest or span
                if here - self._sentence_of(span.start_char) > subject_window:
                    break
                if self.is_subject[i]:
                    return span
            i -= 1
        return nearest or self._any_before(i, labels)

    def _any_before(self, i: int, labels: frozenset[str]) -> Span | None:
        """The closest mention with one of the labels at or before position i."""
        while i >= 0:
            if self.spans[i].label_ in labels:
                return self.spans[i]
            i -= 1
        return None


def _untagged_people(doc: Doc, tagged: list[Span], skip: list[tuple[int, int]]) -> list[Span]:
    """Proper nouns the tagger left untagged that name a person it tagged elsewhere in the article (one label
    per name in a document, as document-level NER does), where they speak: in a bulleted paragraph "• Hollande
    said security measures will be increased ... 'France is afflicted ...,' he said." the small model tags no
    "Hollande", though it tags "François Hollande" above (Nice attack, CNN, Giveme5W1H tuning half), and "he"
    went to a PERSON two bullets back. Only a capitalised word (not an all-capitals one: "CEO Elon Musk") that
    the article never tags as anything else ("SpaceX"), the subject of a speech verb ("Hollande said"; not
    "Harambe also would have had ..., he said", whose pronoun is the zoo director's), outside quotes (`skip`).
    As PERSON spans of one token (`tagged`: the doc's entity spans)."""
    other = {token.lower_ for ent in tagged if ent.label_ != "PERSON" for token in ent}
    names = {token.lower_ for ent in tagged if ent.label_ == "PERSON" for token in ent
             if token.is_alpha and token.text[:1].isupper() and not token.is_upper} - other
    if not names:
        return []
    inside = {i for ent in tagged for i in range(ent.start, ent.end)}
    return [Span(doc, token.i, token.i + 1, label="PERSON") for token in doc
            if token.pos_ == "PROPN" and token.lower_ in names and token.text[:1].isupper() and not token.is_upper
            and token.i not in inside and token.dep_ in SUBJECT_DEPS and is_cue(token.head)
            and not any(a <= token.idx < b for a, b in skip)]


def _clause_subject(pronoun: Token, labels: frozenset[str]) -> Span | None:
    """For "South Korea ... said it seized", the named subject of the verb governing the pronoun's clause."""
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ not in {"ccomp", "conj", "xcomp"} or verb.head == verb:
            return None
        verb = verb.head
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.ent_type_ in labels and child.i < pronoun.i:
                span = mention_span(child)
                if span.label_ in labels:
                    return span
    return None


def resolve_speaker(token: Token, index: EntityIndex, method: str) -> Speaker:
    """Turn a subject token into a speaker, resolving he/she/it/they to the nearest fitting mention."""
    lower = token.lower_
    labels: frozenset[str] | None = None
    if lower in PERSON_PRONOUNS:
        labels = frozenset({"PERSON"})
    elif lower in THING_PRONOUNS:
        labels = frozenset({"ORG", "GPE"})
    elif lower in GROUP_PRONOUNS:
        labels = frozenset({"ORG", "NORP"})
    if labels is not None:
        antecedent = _clause_subject(token, labels) or index.nearest_before(token.idx, labels)
        if antecedent is None:
            return Speaker(token.text, token.idx, token.idx + len(token.text), None, method, pronoun=token.text)
        return Speaker(
            antecedent.text,
            antecedent.start_char,
            antecedent.end_char,
            entity_key(antecedent.text, antecedent.label_),
            method + "+pronoun",
            pronoun=token.text,
            mention_start=token.idx,
            mention_end=token.idx + len(token.text),
        )
    span = mention_span(token)
    key = entity_key(span.text, span.label_) if span.label_ in {"PERSON", "ORG", "GPE", "NORP"} else None
    named = _appositive_person(token) if key is None else None
    if named is not None:  # "A spokeswoman for China's Foreign Ministry, Hua Chunying, said ...": the name
        return Speaker(named.text, named.start_char, named.end_char, entity_key(named.text, "PERSON"),
                       method + "+appositive", mention_start=span.start_char, mention_end=span.end_char)
    return Speaker(span.text, span.start_char, span.end_char, key, method)


_NOT_PEOPLE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def _appositive_person(token: Token) -> Span | None:
    """The person a described speaker is named as in apposition ("A spokeswoman for China's Foreign Ministry,
    Hua Chunying,"), if any. Only one person (a singular noun), and only when nothing in the description's
    own "of"/"for" phrases could be the one named: in "the mother of the victim, Tamir Rice," the name is the
    victim's, so a phrase must name an organisation or a place (an entity of that kind), not a person."""
    if token.tag_ != "NN":
        return None
    holders = [token]  # the parser hangs the name on the phrase's organisation as often as on the noun
    for child in token.children:
        if child.dep_ != "prep":
            continue
        objects = [obj for obj in child.subtree if obj.dep_ == "pobj"]
        if any(obj.ent_type_ not in _NOT_PEOPLE for obj in objects):
            return None
        holders += objects
    for holder in holders:
        for child in holder.rights:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return next((ent for ent in entity_spans(token.doc) if ent.start <= child.i < ent.end), None)
    return None


def _entity_right_before(verb: Token, exclude: tuple[int, int] | None) -> Token | None:
    """A PERSON/ORG mention ending at most two tokens before the cue ("..., Chief Chuck Jordan said")."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 3) - 1, -1):
        token = doc[i]
        if exclude and exclude[0] <= token.idx < exclude[1]:
            return None
        if token.ent_type_ in {"PERSON", "ORG"}:
            return token
    return None


def passive_agent(verb: Token) -> Token | None:
    """The agent of a passive verb ("was told by X", "described by witnesses as"), or None."""
    return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)


def _as_saying(verb: Token) -> bool:
    """Whether a passive cue carries "as" + a gerund ("was quoted as saying", "was reported as telling")."""
    for child in verb.children:
        if child.lower_ == "as" and any(g.tag_ == "VBG" for g in child.subtree):
            return True
        if child.tag_ == "VBG" and any(c.lower_ == "as" for c in child.children):
            return True
    return False


_DASHES = frozenset({"-", "–", "—", "--"})


def spaced_dash(token: Token) -> bool:
    """A dash with spaces on both sides (a dateline's "SAN JOSE, Costa Rica — ..."; "Secretary-General" has none)."""
    return token.text in _DASHES and token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(
        token.whitespace_)


def past_dateline(head: Token) -> Token:
    """The subject itself when the parser made a dateline its head: in "SAN JOSE, Costa Rica — Costa Rican
    investigators said", "JOSE" is the subject and "investigators" an apposition after the spaced dash."""
    dashes = [c.i for c in head.rights if c.dep_ == "punct" and spaced_dash(c)]
    if not dashes:
        return head
    after = [c for c in head.rights if c.dep_ == "appos" and c.i > dashes[-1]]
    if after:
        return after[-1]
    # "PARIS — A spokesman ... said": the verb has a second subject after the dash
    second = [c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > dashes[-1]]
    return second[0] if second else head


def speaker_of_cue(verb: Token, index: EntityIndex, exclude: tuple[int, int] | None = None) -> Speaker | None:
    """The speaker of a cue verb: quoted object, subject (incl. inversions and appositives), a name right
    before the verb when the parse found no subject, or None."""
    quoted = quoted_person(verb)
    if quoted is not None:
        return resolve_speaker(quoted, index, "quoted as saying")
    subject = subject_of(verb, exclude)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head == verb and not _as_saying(verb):
        # the cue's own passive subject is what is spoken of, not who speaks: "The aftermath was described as
        # 'chaos'", "Reporters were told ..."; the agent speaks if named ("described by witnesses as"). Unless
        # the passive reports the subject's own words: "Smith was quoted as saying ...", "was reported as saying"
        agent = passive_agent(verb)
        return resolve_speaker(agent, index, "passive agent") if agent is not None else None
    if subject is None:
        named = _entity_right_before(verb, exclude)
        return resolve_speaker(named, index, "name before cue") if named is not None else None
    subject = past_dateline(subject)  # "NEW YORK — Actress Uma Thurman ... called ...": not the dateline
    if subject.lower_ in RELATIVE_PRONOUNS:
        clause = subject.head
        subject = clause.head if clause.dep_ == "relcl" else None  # "Marc Morial, who suggested ..."
    if subject is None or subject.lower_ in NOT_SPEAKERS or stray_letter(subject):
        return None
    method = "inverted subject" if subject.i > verb.i else "subject"
    return resolve_speaker(subject, index, method)
