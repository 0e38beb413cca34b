"""The same quotation across articles, with a word-level diff of the variants."""

from __future__ import annotations

import pytest

from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.quotes import diff_variant, speaker_names, word_tokens

SADR_A = "return Iraq to a state of chaos to be controlled by non-state forces."
SADR_B = ("state of chaos to be controlled by non-governmental forces, so that Iraq lives under the pain of "
          "riots, violence and terrorism")


def _articles() -> list[dict]:
    return [
        make_extraction("a0", "SOFREP", f"Instead, al-Sadr said the forces aimed to “{SADR_A}”",
                        quotes=[(SADR_A, "al-Sadr")], entities=[("al-Sadr", "PERSON")]),
        make_extraction("a1", "Overt Defense", f"Moqtada Al-Sadr described it as an attempt to return Iraq to a "
                        f"“{SADR_B}”. Biden called it a “terrorist attack” on Sunday.",
                        quotes=[(SADR_B, "Moqtada Al-Sadr"), ("terrorist attack", "Biden")],
                        entities=[("Moqtada Al-Sadr", "PERSON"), ("Biden", "PERSON")]),
        make_extraction("a2", "Global News", "Al-Sadr denounced the “terrorist attack,” he said.",
                        quotes=[("terrorist attack,", "Al-Sadr")], entities=[("Al-Sadr", "PERSON")]),
    ]


def test_sadr_quote_variants_are_grouped_and_the_changed_word_flagged() -> None:
    """'non-state forces' vs 'non-governmental forces': one quotation, wording changed, evidence kept."""
    quotes = compare_sources(_articles(), {})["quotes"]
    sadr = next(q for q in quotes if "a0" in q["article_ids"])
    assert sadr["article_ids"] == ["a0", "a1"]
    assert sadr["wording_changed"] is True
    assert {"op": "replace", "from": "non-governmental", "to": "non-state", "key": True} in [
        {k: change[k] for k in ("op", "from", "to", "key")} for change in sadr["changes"]]
    variant = next(v for v in sadr["variants"] if v["article_id"] == "a0")
    assert variant["text"] == SADR_A
    assert "al-Sadr said" in variant["sentence"]


def test_short_quotes_of_different_speakers_are_not_merged() -> None:
    """'terrorist attack' said by Biden and by al-Sadr are different quotations (and too short anyway)."""
    quotes = compare_sources(_articles(), {})["quotes"]
    assert not any({"a1", "a2"} <= set(q["article_ids"]) and "terrorist" in q["reference"] for q in quotes)


def test_diff_marks_partial_quotes_as_outside_not_changed() -> None:
    """Words only one outlet quoted (beyond the shared stretch) are 'outside', inner swaps are 'changed'."""
    reference = word_tokens(SADR_B)
    variant = word_tokens(SADR_A)
    segments, changes = diff_variant(reference, variant)
    ops = {s["text"]: s["op"] for s in segments}
    assert ops["return Iraq to a"] == "outside"
    assert ops["non-state"] == "changed"
    assert ops["state of chaos to be controlled by"] == "equal"
    assert changes == [{"op": "replace", "from": "non-governmental", "to": "non-state", "key": True,
                        # each side with three words around it: where the change is
                        "from_context": "be controlled by non-governmental forces, so that",
                        "to_context": "be controlled by non-state forces."}]


def test_identical_quotes_have_no_changes() -> None:
    """Punctuation and case differences are not wording changes."""
    segments, changes = diff_variant(word_tokens("Calm and restraint from everyone."),
                                     word_tokens("calm and restraint from everyone"))
    assert changes == []
    assert [s["op"] for s in segments] == ["equal"]


def test_function_word_edits_are_shown_but_are_not_drift() -> None:
    """Two translations of Hollande on Nice (Giveme5W1H): 'clearly' / 'quite clearly' is one quotation, the
    dropped intensifier listed as a change but not marked key; 'did not' -> 'did' is key (a negation)."""
    reference = word_tokens("human rights are denied by fanatics and France is quite clearly their target")
    _, changes = diff_variant(reference, word_tokens("Human rights are denied by fanatics, and France is clearly "
                                                     "their target."))
    assert changes == [{"op": "delete", "from": "quite", "to": "", "key": False,
                        "from_context": "and France is quite clearly their target",
                        "to_context": "and France is clearly their target."}]
    _, changes = diff_variant(word_tokens("the reports did not accord with the facts"),
                              word_tokens("the reports did accord with the facts"))
    assert [c["key"] for c in changes] == [True]
    _, changes = diff_variant(word_tokens("the blast wounded six sailors on board"),
                              word_tokens("the blast wounded three sailors on board"))
    assert [c["key"] for c in changes] == [True]


def test_one_quotation_under_two_namings_of_its_speaker_is_joined() -> None:
    """'Mr Zhu' and 'Zhu Congpeng' (Tiangong-1 coverage, Giveme5W1H) share a name word; 'the statement' names
    nobody; two different names keep two quotations apart."""
    text = "We have been continuously monitoring the station and expect it to fall within the first half of the year"
    def article(article_id: str, speaker: str) -> dict:
        return make_extraction(article_id, f"outlet {article_id}", f"“{text},” {speaker} said.",
                               quotes=[(text, speaker)])
    assert speaker_names("Mr Zhu") == {"zhu"}
    assert speaker_names("a spokeswoman for China’s Foreign Ministry") == {"china", "ministry"}
    assert speaker_names("the statement") == frozenset()
    joined = compare_sources([article("a0", "Mr Zhu"), article("a1", "Zhu Congpeng"),
                              article("a2", "the statement")], {})["quotes"]
    assert [q["article_ids"] for q in joined] == [["a0", "a1", "a2"]]
    assert joined[0]["wording_changed"] is False
    short = "We are monitoring the station closely"  # under MIN_RUN_WORDS: the names decide
    def brief(article_id: str, speaker: str) -> dict:
        return make_extraction(article_id, f"outlet {article_id}", f"“{short},” {speaker} said.",
                               quotes=[(short, speaker)])
    apart = compare_sources([brief("a0", "Hollande"), brief("a1", "Clinton")], {})["quotes"]
    assert apart == []
    assert [q["article_ids"] for q in compare_sources([brief("a0", "Mr Zhu"), brief("a1", "Zhu Congpeng")],
                                                      {})["quotes"]] == [["a0", "a1"]]


def test_a_long_verbatim_run_is_one_quotation_whoever_the_outlets_say_spoke() -> None:
    """Speakers are the weakest reading: a tweet quoted whole by three outlets, one of which the extraction put
    to the astronomer commenting on it (unannotated Giveme5W1H event 18). Eight words or more in one order
    join the quotes, and the quotation's speaker is the one most variants name."""
    text = "Will be in deep space for a billion years or so if it does not blow up on ascent"
    def article(article_id: str, speaker: str) -> dict:
        return make_extraction(article_id, f"outlet {article_id}", f"“{text},” {speaker} said.",
                               quotes=[(text, speaker)])
    quotes = compare_sources([article("a0", "Elon Musk"), article("a1", "Phil Plait"), article("a2", "Musk")],
                             {})["quotes"]
    assert [q["article_ids"] for q in quotes] == [["a0", "a1", "a2"]]
    assert quotes[0]["speaker"] == "Elon Musk"


def test_copies_of_one_story_name_the_speaker_once() -> None:
    """Three copies of a wire story putting the words to the commentator are one report against two
    independent outlets naming the author."""
    text = "Will be in deep space for a billion years or so if it does not blow up on ascent"
    speakers = ["Phil Plait", "Phil Plait", "Phil Plait", "Elon Musk", "Musk"]
    articles = [make_extraction(f"a{n}", f"outlet {n}", f"“{text},” {speaker} said.", quotes=[(text, speaker)])
                for n, speaker in enumerate(speakers)]
    copies = {"exact": [{"articles": ["a0", "a1", "a2"]}], "near_duplicates": [], "reused_passages": [],
              "groups": [], "independent_groups": [["a0", "a1", "a2"], ["a3"], ["a4"]]}
    quotes = compare_sources(articles, copies)["quotes"]
    assert len(quotes) == 1 and quotes[0]["speaker"] == "Elon Musk"


def test_a_short_run_or_a_quote_inside_another_speakers_longer_one_keeps_the_speakers_apart() -> None:
    """Seven shared words are not a verbatim run; and a rebuttal quoting what it answers ("He keeps saying we
    will build a great wall ...") is another speaker's quotation, though it holds the first one whole."""
    def pair(first: tuple[str, str], second: tuple[str, str]) -> list[dict]:
        return compare_sources([make_extraction(f"a{n}", f"outlet {n}", f"“{text},” {speaker} said.",
                                                quotes=[(text, speaker)])
                                for n, (text, speaker) in enumerate((first, second))], {})["quotes"]

    seven = "many workers said the plant will close"
    assert pair((seven + " next spring", "Dana Ruiz"), (seven + " unless buyers appear", "Omar Okafor")) == []
    assert [q["article_ids"] for q in pair((seven + " soon", "Dana Ruiz"),
                                           (seven + " soon", "Omar Okafor"))] == [["a0", "a1"]]
    claim = "we will build a great wall and the neighbours will pay for it"
    rebuttal = f"He keeps saying {claim}, and everyone here knows it is a fantasy that will never happen"
    assert pair((claim, "Dana Ruiz"), (rebuttal, "Omar Okafor")) == []


def test_a_speaker_named_beside_a_description_meets_an_outlet_giving_the_description_alone() -> None:
    """'A spokeswoman for China's Foreign Ministry, Hua Chunying, said' (speaker Hua Chunying, named in the
    sentence by the description) and 'a spokeswoman for China's Foreign Ministry said' are one speaker."""
    text = "The reports do not accord with the facts and China fully implements the resolutions"
    named = (f"A spokeswoman for China’s Foreign Ministry, Hua Chunying, said: “{text}.”")
    described = f"A spokeswoman for China’s Foreign Ministry said: “{text}.”"
    first = make_extraction("a0", "outlet a0", named, quotes=[(text, "Hua Chunying")])
    first["quotes"][0]["speaker_mention_start"] = 0
    first["quotes"][0]["speaker_mention_end"] = named.index(", Hua")
    second = make_extraction("a1", "outlet a1", described,
                             quotes=[(text, "A spokeswoman for China’s Foreign Ministry")])
    joined = compare_sources([first, second], {})["quotes"]
    assert [q["article_ids"] for q in joined] == [["a0", "a1"]]


def test_a_word_written_two_ways_is_no_drift() -> None:
    """'frame-rate' / 'frame rate', '@michaelsheen' / 'Michael Sheen': the same letters, written two ways."""
    _, changes = diff_variant(word_tokens("the frame-rate may change in some games"),
                              word_tokens("the frame rate may change in some games"))
    assert changes and not any(c["key"] for c in changes)
    _, changes = diff_variant(word_tokens("The great @michaelsheen and I"),
                              word_tokens("The great Michael Sheen and I"))
    assert changes and not any(c["key"] for c in changes)
    _, changes = diff_variant(word_tokens("the frame rate may change"), word_tokens("the frame size may change"))
    assert [c["key"] for c in changes] == [True]
    _, changes = diff_variant(word_tokens("costs rose by 10.5 percent this year"),
                              word_tokens("costs rose by 105 percent this year"))
    assert [c["key"] for c in changes] == [True]  # a figure's punctuation is part of it


@pytest.mark.parametrize(("reference", "variant", "drift"), [
    ("President Obama has said that he is determined to stop it", "President Obama has said that he\u2019s determined "
     "to stop it", False),
    ("I would like to know who they are", "I\u2019d like to know who they are", False),
    ("we do not accept the deal", "we don't accept the deal", False),
    ("we will not accept the deal", "we won\u2019t accept the deal", False),
    ("nothing happened to her, the F.B.I. said", "nothing happened to her, the FBI, and said", False),
    ("we will not accept the deal", "we will never accept the deal", True),  # another negation is another word
    ("the union will not accept the deal", "the union will accept the deal", True),  # a negation dropped
    ("it left stockholders with losses", "it left shareholders with losses", True),
])
def test_contractions_and_function_words_are_no_drift(reference: str, variant: str, drift: bool) -> None:
    """The same content words, negations and numbers, written with or without a contraction or a function
    word, say the same thing; a changed content word or negation is drift."""
    _, changes = diff_variant(word_tokens(reference), word_tokens(variant))
    assert changes and any(c["key"] for c in changes) == drift, changes


def test_a_closing_mark_run_into_the_next_word_is_no_drift() -> None:
    """One outlet's 'yeah'. I and another's ‘Yeah.’I (no space after the mark) are the same words."""
    _, changes = diff_variant(word_tokens("He said 'yeah'. I said to him 'what happened?'"),
                              word_tokens("He said ‘Yeah.’I said to him, ‘What happened?’"))
    assert not [c for c in changes if c["key"]]


def test_a_changed_last_word_is_a_change_not_words_quoted_beyond() -> None:
    """Both quotes end here and differ ('them' / its bracketed referent): a change; a further sentence only
    one outlet quoted stays 'outside'."""
    reference = word_tokens("We will be reaching out to [the two players and the coach]. We regret it deeply.")
    variant = word_tokens("We will be reaching out to them.")
    segments, changes = diff_variant(reference, variant)
    assert {"op": "outside", "text": ""} not in segments
    assert changes and changes[0]["from"] == "[the two players and the coach]." and changes[0]["to"] == "them."
    assert changes[0]["key"] is True
    assert all("regret" not in c["from"] for c in changes)


def test_a_lone_function_word_matched_far_away_does_not_stretch_the_shared_part() -> None:
    """A short quote against a long statement that holds it: 'So' matched at the statement's second sentence
    must not turn everything between it and the real match into a change."""
    reference = word_tokens("So no, the child was not under attack, and he certainly was at risk.")
    variant = word_tokens("So he certainly was at risk.")
    _, changes = diff_variant(reference, variant)
    assert not [c for c in changes if c["key"]]


def test_a_statement_quoted_whole_joins_both_pieces_another_outlet_quoted() -> None:
    """One outlet quotes a statement whole, another quotes two pieces of it in two places: the whole is a
    variant of both quotations (grouping alone gives it to one)."""
    first = "We take pride in bringing people together, and we let some of our customers down"
    second = "Our team is reviewing what happened and will be reaching out to the players"
    whole = f"{first}. {second}."
    texts = {
        "a": f"The spokesman said: “{whole}”",
        "b": f"“{first},” the spokesman said. He added: “{second}.”",
    }
    articles = [
        make_extraction("a", "Daily Planet", texts["a"], quotes=[(whole, "The spokesman")]),
        make_extraction("b", "Morning Star", texts["b"],
                        quotes=[(first, "the spokesman"), (f"{second}.", "He")]),
    ]
    quotes = compare_sources(articles, {})["quotes"]
    holding = [q for q in quotes if "a" in q["article_ids"] and "b" in q["article_ids"]]
    references = sorted(v["quote"] for q in holding for v in q["variants"] if v["article_id"] == "b")
    assert references == sorted([first, f"{second}."]), [(q["reference"], q["article_ids"]) for q in quotes]


def test_a_holder_does_not_make_one_repeated_quotation_two_groups() -> None:
    """An article quoting the same words twice: the whole statement another outlet quoted joins that
    quotation once, whichever order the quotes come in."""
    p0 = "We take pride in bringing people together"
    p1 = "we let some of our customers down"
    whole = f"{p0}, and {p1}. Our team is reviewing what happened and will be reaching out to the players."
    text_a = f"“{p0},” the spokesman said, admitting “{p1}.” Later he repeated that “{p1}.”"
    for order in ([(p0, "the spokesman"), (p1, "he"), (p1, "he")], [(p1, "he"), (p1, "he"), (p0, "the spokesman")]):
        articles = [make_extraction("a", "Morning Star", text_a, quotes=order),
                    make_extraction("b", "Daily Planet", f"The spokesman said: “{whole}”",
                                    quotes=[(whole, "The spokesman")])]
        result = compare_sources(articles, {})
        pieces = sorted(v["quote"] for q in result["quotes"] for v in q["variants"] if v["article_id"] == "a")
        assert sorted(pieces, key=str.lower) == sorted([p0, p1], key=str.lower), pieces
        assert result["summary"]["counts"]["quotes_shared"] == 2


def test_words_after_a_sentence_end_at_an_edge_are_quoted_beyond_not_changed() -> None:
    """'... the facts first. Sad!' against '... the facts first before jumping to conclusions': the reference's
    sentence ended, its next one is not set against the variant's words."""
    _, changes = diff_variant(word_tokens("How about you teach people to get the facts first. Sad!"),
                              word_tokens("How about you teach people to get the facts first before jumping"))
    assert not [c for c in changes if c["key"]]


def test_only_the_variants_own_sentence_is_set_against_the_reference_at_an_edge() -> None:
    segments, changes = diff_variant(word_tokens("We will be reaching out to them"),
                                     word_tokens("We will be reaching out to the players. We regret it."))
    assert [(c["from"], c["to"]) for c in changes] == [("them", "the players.")]
    assert {"op": "outside", "text": "We regret it."} in segments
    _, changes = diff_variant(word_tokens("So our team is reviewing what happened"),
                              word_tokens("We regret it. Our team is reviewing what happened"))
    assert not [c for c in changes if c["key"]]


def test_a_statement_another_outlet_prints_without_quotation_marks_is_a_variant_of_the_quotation() -> None:
    """One outlet quotes a post, another runs its words as its own text: the bare print is a variant, marked
    False, and never the reference; a short common phrase printed bare is no variant."""
    post = "Four hours into an eleven hour flight and we are turning around because of a passenger mix-up"
    articles = [
        make_extraction("a", "Daily Planet", f"The singer wrote: “{post}.” The airline apologised.",
                        quotes=[(f"{post}.", "The singer")]),
        make_extraction("b", "Morning Star", f"The singer posted to her followers. {post}. The plane landed.",
                        quotes=[]),
        make_extraction("c", "Evening Sun", "The airline said the plane was turning around because of a delay.",
                        quotes=[]),
    ]
    quotes = compare_sources(articles, {})["quotes"]
    assert len(quotes) == 1 and quotes[0]["article_ids"] == ["a", "b"], quotes
    bare = next(v for v in quotes[0]["variants"] if v["article_id"] == "b")
    assert bare["marked"] is False and bare["is_reference"] is False and bare["speaker"] is None
    assert articles[1]["text"][bare["start"]:bare["end"]].startswith("Four hours into")
    assert quotes[0]["wording_changed"] is False
    assert next(v for v in quotes[0]["variants"] if v["article_id"] == "a")["marked"] is True


def test_a_bare_print_of_words_one_article_quotes_twice_is_one_variant_of_one_quotation() -> None:
    post = "Four hours into an eleven hour flight and we are turning around because of a passenger mix-up"
    quoted = f"The singer wrote: “{post}.” Later she repeated: “{post}.”"
    articles = [
        make_extraction("a", "Daily Planet", quoted, quotes=[(f"{post}.", "The singer"), (f"{post}.", "she")]),
        make_extraction("b", "Morning Star", f"The singer posted to her followers. {post}. The plane landed.",
                        quotes=[]),
    ]
    quotes = compare_sources(articles, {})["quotes"]
    assert len(quotes) == 1, [(q["id"], q["article_ids"]) for q in quotes]
    assert sum(1 for v in quotes[0]["variants"] if v["article_id"] == "b") == 1


def _one_pair(first: tuple[str, str, list[tuple[str, str]]],
              second: tuple[str, str, list[tuple[str, str]]]) -> list[dict]:
    """The shared quotations of two articles, each given as (text, source, quotes)."""
    return compare_sources([make_extraction(f"a{n}", source, text, quotes=quotes)
                            for n, (text, source, quotes) in enumerate((first, second))], {})["quotes"]


FULL = "Whoever came up with this idea sends a devastating message to women"


def test_a_two_word_fragment_of_the_same_named_speaker_is_one_quotation_with_the_full_quote() -> None:
    """Outlets quote an official's key phrase as a fragment: "devastating message" (Wendt) is a piece of another
    outlet's full sentence of Rainer Wendt's, shown as words quoted beyond, not as drift."""
    quotes = _one_pair(("Wendt said the plan sends a “devastating message”.", "outlet 0",
                        [("devastating message", "Wendt")]),
                       (f"“{FULL},” Rainer Wendt said.", "outlet 1", [(FULL, "Rainer Wendt")]))
    assert [q["article_ids"] for q in quotes] == [["a0", "a1"]]
    assert quotes[0]["wording_changed"] is False


def test_a_two_word_fragment_without_a_named_speaker_or_with_a_function_word_stays_apart() -> None:
    """Two words in quotation marks with no speaker are mostly a term or a name ("safe zone", "Wolf Moon"); a
    fragment with a function word ("a devastating") is too little to tell one quotation; another speaker's
    fragment is another's words."""
    full = (f"“{FULL},” Rainer Wendt said.", "outlet 1", [(FULL, "Rainer Wendt")])
    assert _one_pair(("The plan sends a “devastating message”, critics say.", "outlet 0",
                      [("devastating message", "")]), full) == []
    assert _one_pair(("Wendt said the plan sends “a devastating” signal.", "outlet 0",
                      [("a devastating", "Wendt")]), full) == []
    assert _one_pair(("Ruiz said the plan sends a “devastating message”.", "outlet 0",
                      [("devastating message", "Dana Ruiz")]), full) == []


def test_a_fragment_never_takes_the_place_of_its_articles_full_quotation() -> None:
    """An article quoting both a two-word piece and the whole sentence stands in the quotation with the whole:
    a group holds one quote per article, and fuller matches are joined first."""
    quotes = _one_pair((f"“{FULL},” Rainer Wendt said.", "outlet 0", [(FULL, "Rainer Wendt")]),
                       (f"Wendt spoke of a “devastating message”. “{FULL},” he said.", "outlet 1",
                        [("devastating message", "Wendt"), (FULL, "Wendt")]))
    assert len(quotes) == 1
    assert sorted(v["text"] for v in quotes[0]["variants"]) == [FULL, FULL]


def test_the_reference_is_the_wording_most_reports_print_and_the_drift_names_the_outlet_that_changed_it() -> None:
    """Two outlets print a statement as issued, a third changes a key word and quotes a little more (the
    fullest version), a fourth quotes a fragment: the reference is the wording most reports use, and the
    summary says which outlet changed it, not every outlet that printed it."""
    issued = "The harbour will reopen to fishing boats on Monday after the storm damage is repaired"
    altered = "The harbour will reopen to cargo boats on Monday after the storm damage is repaired, officials say"
    texts = [(issued, "Harbour Herald"), (issued, "Valley Courier"), (altered, "Coast News"),
             ("after the storm damage is repaired", "Port Radio")]
    articles = [make_extraction(f"a{n}", source, f"“{quote},” Mayor Dana Ruiz said.", quotes=[(quote, "Dana Ruiz")])
                for n, (quote, source) in enumerate(texts)]
    result = compare_sources(articles, {})
    quote = next(q for q in result["quotes"] if "Coast News" in q["sources"])
    reference = next(v for v in quote["variants"] if v["is_reference"])
    assert reference["source"] in ("Harbour Herald", "Valley Courier")
    changed = [v["source"] for v in quote["variants"] if any(c["key"] for c in v["changes"])]
    assert changed == ["Coast News"]
    assert result["summary"]["quote_drift"] == [
        f"Dana Ruiz: “will reopen to fishing boats on Monday” ({reference['source']}) → “will reopen to cargo boats "
        "on Monday” (Coast News)"]


def test_a_title_or_name_in_quotation_marks_is_no_shared_quotation() -> None:
    """Outlets that name one series, song or nickname in quotation marks do not share anyone's words; a short
    quotation in ordinary words still is one."""
    from workers.analysis.comparison.quotes import is_title

    for title in ("Masters of Sex.", "Red Planet", "REALITY, NOT A THREAT", "The Truth About Tech"):
        assert is_title(word_tokens(title)), title
    for words in ("Thank you.", "a terror attack", "deeply deplorable", "Donald Trump is a liar", "We Love You",
                  "It was a vintage performance from start to finish", "Witch Hunt!", "TOTAL EXONERATION!"):
        assert not is_title(word_tokens(words)), words

    def shared(quote: str) -> list[dict]:
        return compare_sources([make_extraction(f"a{n}", f"outlet {n}", f"She starred in “{quote}” for years, "
                                                "Dana Ruiz said.", quotes=[(quote, "Dana Ruiz")])
                                for n in range(2)], {})["quotes"]

    assert shared("Masters of Sex") == []
    assert [q["article_ids"] for q in shared("a truly terrible show")] == [["a0", "a1"]]


def _drift_line(match: str, change: dict, reference_quote: str, variant_quote: str, equal: str = "") -> str:
    """The summary's drift line for a two-variant quotation with one key change (`equal`: the variant's words
    that are the reference's, the rest changed)."""
    from workers.analysis.comparison.summary import summarize

    change = {**change, "op": "replace", "key": True}
    quote = {"speaker": "Dana Ruiz", "match": match, "wording_changed": True, "changes": [change],
             "sources": ["Coast News", "Harbour Herald"],
             "variants": [{"source": "Harbour Herald", "is_reference": True, "quote": reference_quote, "changes": []},
                          {"source": "Coast News", "is_reference": False, "quote": variant_quote,
                           "changes": [change], "segments": [{"op": "equal", "text": equal},
                                                             {"op": "changed", "text": change["to"]}]}]}
    [line] = summarize([], [quote], ["Coast News", "Harbour Herald"], {})["quote_drift"]
    return line


def test_the_drift_line_says_what_was_left_out_added_or_reworded_and_by_whom() -> None:
    said = "The harbour will reopen on Monday, we need the boats out"
    assert _drift_line("wording", {"from": "we need the boats out", "to": ""}, said, "The harbour will reopen") \
        == "Dana Ruiz: “we need the boats out” (Harbour Herald) left out (Coast News)"
    assert _drift_line("wording", {"from": "", "to": "fishing"}, said, "The fishing harbour will reopen") \
        == "Dana Ruiz: “fishing” added (Coast News)"
    other = "Boats can go out from Monday"
    assert _drift_line("meaning", {"from": said, "to": other}, said, other) \
        == f"Dana Ruiz: reworded: “{said}” (Harbour Herald) / “{other}” (Coast News)"
    # in a group joined by meaning, a variant that is mostly the reference's words shows its one change
    edited = "The harbour will reopen on Tuesday, we need the boats out"
    assert _drift_line("meaning", {"from": "Monday", "to": "Tuesday"}, said, edited,
                       equal="The harbour will reopen on we need the boats out") \
        == "Dana Ruiz: “Monday” (Harbour Herald) → “Tuesday” (Coast News)"


def test_the_drift_line_shows_each_wording_around_its_change() -> None:
    """A changed word alone ("of" → "people,") does not say where it is: the line shows each side's words
    around the change, from the diff of the two quotations."""
    said = "We are shocked by the death of three of our citizens who were victims of a murderous act"
    printed = "We are shocked by the death of three people, our citizens who were victims of a murderous act"
    _, changes = diff_variant(word_tokens(said), word_tokens(printed))
    [change] = [c for c in changes if c["key"]]
    assert _drift_line("wording", change, said, printed, equal="We are shocked by the death of three our citizens") \
        == "Dana Ruiz: “death of three of our citizens who” (Harbour Herald) → “death of three people, our citizens " \
           "who” (Coast News)"
    _, [dropped] = diff_variant(word_tokens(said), word_tokens(said.replace(" murderous", "")))
    assert dropped["from_context"] == "victims of a murderous act"
    assert _drift_line("wording", {**dropped, "to": ""}, said, said.replace(" murderous", "")) \
        == "Dana Ruiz: “victims of a murderous act” (Harbour Herald): “murderous” left out (Coast News)"


def test_a_fragment_pairs_only_with_the_quotes_holding_it_not_those_quotes_with_each_other() -> None:
    """Two quotes sharing no run of three words stay apart though a third article quotes two words they both
    hold: the fragment's words are looked up for the fragment, not as a shingle every quote is paired on."""
    texts = [("they were red handed and guilty as sin", "Rainer Wendt"),
             ("caught red handed, guilty as charged", "Rainer Wendt"), ("red handed", "Kim Lee")]
    articles = [make_extraction(f"a{n}", f"outlet {n}", f"“{quote},” {speaker} said.", quotes=[(quote, speaker)])
                for n, (quote, speaker) in enumerate(texts)]
    assert not any({"a0", "a1"} <= set(q["article_ids"]) for q in compare_sources(articles, {})["quotes"])


def test_the_wording_most_reports_print_is_tried_as_reference_however_many_longer_wordings_there_are() -> None:
    """Four outlets print the statement as issued; thirteen print longer wordings, each changing a different
    word: the reference is still the issued wording (the candidates are the most printed wordings first)."""
    issued = "The harbour will reopen to fishing boats on Monday after the storm damage is repaired"
    words = issued.split()
    longer = [" ".join([*words[:k], "new", *words[k + 1:], "officials", "say"]) for k in range(1, 14)]
    quotes = [*[issued] * 4, *longer]
    articles = [make_extraction(f"a{n:02d}", f"Outlet {n:02d}", f"“{quote},” Mayor Dana Ruiz said.",
                                quotes=[(quote, "Dana Ruiz")]) for n, quote in enumerate(quotes)]
    [quote] = [q for q in compare_sources(articles, {})["quotes"] if "a00" in q["article_ids"]]
    reference = next(v for v in quote["variants"] if v["is_reference"])
    assert reference["quote"] == issued


LONG_STATEMENT = ("We have worked through the night with the fire service and the port authority, and we will keep the "
                  "quays closed until every warehouse has been inspected, because nothing matters more to this council "
                  "than the safety of the people of the harbour district")
OTHER_QUOTE = "keep the quays closed to the fishing fleet"
PIECE = "the safety of the people of the harbour district"


def test_a_short_quote_sharing_a_phrase_with_a_long_one_is_another_quotation_a_piece_of_it_is_not() -> None:
    """A reporter quoting part of a long statement takes it word for word; a short quote of the same speaker that
    shares only a phrase with it ("keep the quays closed") is something else she said."""
    speaker = [("Ellen Brooks", "PERSON")]
    articles = [
        make_extraction("a0", "Harbour Post", f"Mayor Ellen Brooks said: “{LONG_STATEMENT}.”",
                        quotes=[(LONG_STATEMENT, "Ellen Brooks")], entities=speaker),
        make_extraction("a1", "Coast Radio", f"Ellen Brooks said the council would “{OTHER_QUOTE}”.",
                        quotes=[(OTHER_QUOTE, "Ellen Brooks")], entities=speaker),
        make_extraction("a2", "Bay News", f"Ellen Brooks said nothing mattered more than “{PIECE}”.",
                        quotes=[(PIECE, "Ellen Brooks")], entities=speaker),
    ]
    quotes = compare_sources(articles, {})["quotes"]
    groups = [set(q["article_ids"]) for q in quotes]
    assert {"a0", "a2"} in groups
    assert not any("a1" in g for g in groups)


def test_a_number_in_words_or_in_digits_is_no_drift_a_different_number_is() -> None:
    """'this 11th hour regulation' / 'this eleventh hour regulation' (Ken Salazar, two outlets of one ECB+ event)
    is one wording; six sailors / three sailors is drift."""
    _, [change] = diff_variant(word_tokens("rolling back this 11th hour regulation"),
                               word_tokens("rolling back this eleventh hour regulation"))
    assert change["key"] is False
    _, [change] = diff_variant(word_tokens("twenty one sailors were wounded"), word_tokens("21 sailors were wounded"))
    assert change["key"] is False
    _, [change] = diff_variant(word_tokens("six sailors were wounded"), word_tokens("three sailors were wounded"))
    assert change["key"] is True
    # a plural magnitude is a vague word, not the number text2num would read in it (100)
    _, [change] = diff_variant(word_tokens("we saw hundreds of sailors wounded"),
                               word_tokens("we saw a hundred sailors wounded"))
    assert change["key"] is True
