"""The in-job matchers on constructed cases: verbatim, reworded, shared quotes, containment, near and exact
duplicates, and same-event articles that are not copies."""

from __future__ import annotations

import random

from tests.unit.test_dedup_support import extraction, perturb, seed_extractions
from workers.analysis.dedup import deduplicate
from workers.analysis.dedup.text import split_sentences
from workers.analysis.tokens import tokenize

FILLER = ("The city council met on Tuesday to discuss the new budget for parks. Members argued about the cost "
          "of repairs to the old library roof. A vote is expected next month after a public hearing.")


def _pair(result: dict, key: str, a: str, b: str) -> dict:
    found = [p for p in result[key] if {p["a"], p["b"]} == {a, b}]
    assert found, f"no {key} entry for {a}/{b}: {result[key]}"
    return found[0]


def test_same_event_seeds_are_not_duplicates() -> None:
    result = deduplicate(seed_extractions())
    assert result["exact"] == []
    assert result["near_duplicates"] == []
    assert result["groups"] == []


def test_quote_carried_by_two_outlets_is_a_shared_quote() -> None:
    ex = seed_extractions()
    result = deduplicate(ex)
    pair = _pair(result, "reused_passages", "000", "001")
    kinds = {p["kind"] for p in pair["passages"]}
    assert kinds == {"shared_quote"}
    text0 = ex[0]["text"]
    passage = max(pair["passages"], key=lambda p: p["words"])
    a_text = text0[passage["a_start"]:passage["a_end"]] if pair["a"] == "000" else ""
    assert "redemption project" in a_text


def test_reworded_background_paragraph_is_found_with_offsets_in_both() -> None:
    ex = seed_extractions()
    result = deduplicate(ex)
    pair = _pair(result, "reused_passages", "002", "004")
    texts = {e["article_id"]: e["text"] for e in ex}
    hits = [p for p in pair["passages"]
            if "intelligence chief" in texts[pair["a"]][p["a_start"]:p["a_end"]]
            and "intelligence chief" in texts[pair["b"]][p["b_start"]:p["b_end"]]]
    assert hits and hits[0]["kind"] == "reworded" and 0.75 <= hits[0]["score"] < 1.0
    assert any("Khatibzadeh" in texts[pair["a"]][p["a_start"]:p["a_end"]] for p in pair["passages"])
    # a copied background paragraph does not make two whole articles one source (claims inside it are
    # counted once by the comparison stage), and a shared quote does not either
    groups = result["independent_groups"]
    assert not any({"002", "004"} <= set(g) for g in groups)
    assert not any({"000", "001"} <= set(g) for g in groups)
    assert sorted(a for g in groups for a in g) == sorted(texts)


def test_verbatim_copied_paragraph_inside_other_text() -> None:
    source = seed_extractions()[2]["text"]
    paragraph = source.split("\n\n")[10] if source.count("\n\n") > 10 else source[:600]
    other = FILLER + "\n\n" + paragraph + "\n\n" + FILLER.replace("Tuesday", "Friday")
    result = deduplicate([extraction("src", source), extraction("copy", other)])
    pair = _pair(result, "reused_passages", "src", "copy")
    verbatim = [p for p in pair["passages"] if p["kind"] == "verbatim"]
    assert verbatim
    p = verbatim[0]
    first, second = (source, other) if pair["a"] == "src" else (other, source)
    assert " ".join(first[p["a_start"]:p["a_end"]].split()) == " ".join(second[p["b_start"]:p["b_end"]].split())
    assert result["near_duplicates"] == []


def test_exact_duplicate_after_normalisation() -> None:
    text = seed_extractions()[1]["text"]
    noisy = "  " + text.upper().replace("\n", "\n\n  ") + "\n"
    result = deduplicate([extraction("a", text), extraction("b", noisy), extraction("c", FILLER)])
    assert [sorted(g["articles"]) for g in result["exact"]] == [["a", "b"]]
    assert result["groups"][0]["articles"] == ["a", "b"]


def test_edited_shuffled_copy_with_furniture_is_a_near_duplicate_and_earliest_represents() -> None:
    rng = random.Random(7)
    text = seed_extractions()[2]["text"]
    paragraphs = perturb(text, 0.1, rng).split("\n\n")
    rng.shuffle(paragraphs)
    copy = "Subscribe to our newsletter\n\n" + "\n\n".join(paragraphs) + "\n\nShare this article on Facebook"
    result = deduplicate([extraction("wire", text, published_at="2021-11-07T08:00:00Z"),
                          extraction("copy", copy, published_at="2021-11-07T10:00:00Z"),
                          *[e for e in seed_extractions() if e["article_id"] != "002"]])
    pair = _pair(result, "near_duplicates", "wire", "copy")
    assert pair["relation"] == "near_duplicate"
    assert pair["similarity"]["coverage_a"] >= 0.6 and pair["similarity"]["coverage_b"] >= 0.6
    assert pair["passages"] and all(p["a_end"] > p["a_start"] for p in pair["passages"])
    assert pair["earlier"] == "wire"
    (group,) = result["groups"]
    assert set(group["articles"]) == {"wire", "copy"} and group["representative"] == "wire"
    assert len(result["near_duplicates"]) == 1


def test_short_wire_version_inside_longer_rewrite_is_containment() -> None:
    text = seed_extractions()[2]["text"]
    cut = split_sentences(text)[12]["end"]
    short = text[:cut]
    long = FILLER + "\n\n" + short + "\n\n" + seed_extractions()[3]["text"] + "\n\n" + FILLER
    result = deduplicate([extraction("short", short), extraction("long", long)])
    pair = _pair(result, "near_duplicates", "short", "long")
    assert pair["relation"] == "containment"
    side = "a" if pair["a"] == "short" else "b"
    assert pair["similarity"][f"coverage_{side}"] >= 0.9


def test_representative_without_dates_is_the_most_complete() -> None:
    text = seed_extractions()[0]["text"]
    longer = text + "\n\nThe story was updated with more reactions from officials in Baghdad on Monday."
    result = deduplicate([extraction("short", text), extraction("long", longer)])
    (group,) = result["groups"]
    assert group["representative"] == "long" and group["representative_reason"] == "most_complete"


def test_tokenizer_keeps_offsets_and_normalises_abbreviations() -> None:
    text = "The U.S. and al-Kadhimi’s aides"
    tokens = tokenize(text)
    assert [t.norm for t in tokens] == ["the", "us", "and", "al-kadhimi's", "aides"]
    assert all(text[t.start:t.end] for t in tokens)
    assert text[tokens[1].start:tokens[1].end] == "U.S"


def test_pairs_come_in_job_order_whatever_the_hash_seed() -> None:
    """Pair records are listed in job order (a before b, then by b), not in the order of a set's hashes: the
    same job gives the same result in every worker process (PYTHONHASHSEED differs between them)."""
    import json
    import subprocess
    import sys

    shared = ("The council voted on Tuesday to close the old bridge over the river for repairs. The work "
              "will take at least six months and cost four million dollars, officials said.")
    texts = [f"{FILLER} {shared}", f"{shared} Residents were unhappy.", f"Traffic will be diverted. {shared}",
             f"{FILLER} Nothing else happened."]
    ids = ["d", "b", "c", "a"]
    result = deduplicate([extraction(i, t) for i, t in zip(ids, texts, strict=True)])
    position = {article_id: n for n, article_id in enumerate(ids)}
    found = 0
    for key in ("near_duplicates", "reused_passages"):
        pairs = [(p["a"], p["b"]) for p in result[key]]
        assert pairs == sorted(pairs, key=lambda p: (position[p[0]], position[p[1]]))
        found += len(pairs)
    assert found >= 3
    script = ("import json, sys; from tests.unit.test_dedup_support import extraction; "
              "from workers.analysis.dedup import deduplicate; ids, texts = json.loads(sys.argv[1]); "
              "print(json.dumps(deduplicate([extraction(i, t) for i, t in zip(ids, texts)])))")
    outputs = {subprocess.run([sys.executable, "-c", script, json.dumps([ids, texts])], capture_output=True,
                              text=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1


# Written for this test: one statement, quoted by two outlets.
STATEMENT = "We are in close contact with the local authorities and will share more details as soon as we can."


MORE_FILLER = (" The museum extends its opening hours for the winter season. A new bus route links the station "
               "with the hospital from March. Volunteers planted forty oak trees along the river path.")
OTHER_FILLER = ("Storms closed two mountain passes overnight and the regional train line ran with long delays. "
                "Schools in the valley will open an hour late, the district office said in a notice. Farmers "
                "moved their herds to lower pastures, and the weather service expects snow above 900 metres. "
                "Two ski lifts stayed shut while engineers checked the cables for ice damage.")


def _quoting(article_id: str, before: str, after: str) -> dict:
    filler = FILLER + MORE_FILLER if article_id == "a" else OTHER_FILLER
    text = f'{filler} {before}"{STATEMENT}"{after}'
    start = text.index(STATEMENT)
    return extraction(article_id, text, source=f"{article_id}.example",
                      quotes=[{"start": start, "end": start + len(STATEMENT), "text": STATEMENT}])


def test_one_statement_quoted_in_each_outlets_own_words_is_a_shared_quote() -> None:
    a = _quoting("a", "A spokeswoman for the ministry said: ", "")
    b = _quoting("b", "", " the ministry told our reporter.")
    pair = _pair(deduplicate([a, b]), "reused_passages", "a", "b")
    quoted = [p for p in pair["passages"] if STATEMENT[:20] in a["text"][p["a_start"]:p["a_end"]]
              or STATEMENT[:20] in b["text"][p["b_start"]:p["b_end"]]]
    assert quoted and {p["kind"] for p in quoted} == {"shared_quote"}


def test_a_quote_copied_with_the_narrative_sentence_around_it_is_copying_not_a_shared_quote() -> None:
    # the quotation is most of the passage (so it would pass for a shared quote), but the narrative sentence
    # before it is the same too
    frame = "The ministry confirmed on Sunday that two crew members were taken to hospital. "
    a = _quoting("a", frame, " The ferry service resumes on Friday.")
    b = _quoting("b", frame, " Crews are checking the hull.")
    pair = _pair(deduplicate([a, b]), "reused_passages", "a", "b")
    copied = [p for p in pair["passages"] if "crew members" in a["text"][p["a_start"]:p["a_end"]]]
    assert copied and STATEMENT[:20] in a["text"][copied[0]["a_start"]:copied[0]["a_end"]]
    assert copied[0]["kind"] in ("verbatim", "reworded")
