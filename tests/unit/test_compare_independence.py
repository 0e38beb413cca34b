"""Independence: copies of one story, or a passage taken from another outlet, count once."""

from __future__ import annotations

from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence

WIRE = "Seven guards were wounded in the drone attack on the residence in Baghdad on Sunday."


def _three_articles() -> list[dict]:
    claim = [("Seven guards", 7, "exact", "guards", "wounded")]
    return [
        make_extraction("wire", "AP", WIRE, claims=claim, entities=[("Baghdad", "GPE")]),
        make_extraction("copy", "Local Paper", WIRE, claims=claim, entities=[("Baghdad", "GPE")]),
        make_extraction("other", "Reuters", "In Baghdad, seven guards were wounded when drones struck the "
                        "residence.", claims=[("seven guards", 7, "exact", "guards", "wounded")],
                        entities=[("Baghdad", "GPE")]),
    ]


def test_two_copies_do_not_corroborate_each_other() -> None:
    """A wire story and its copy are one independent source: the fact stays uncorroborated."""
    articles = _three_articles()[:2]
    duplicates = {"independent_groups": [["wire", "copy"]], "reused_passages": []}
    result = compare_sources(articles, duplicates)
    fact = next(f for f in result["facts"] if f["kind"] == "numeric")
    assert fact["sources"] == ["AP", "Local Paper"]
    assert fact["independent_sources"] == 1
    assert fact["status"] != "corroborated"


def test_without_the_dedup_groups_the_copies_would_count_twice() -> None:
    """The same pair with no dedup information is (wrongly, but by design) two sources: the groups matter."""
    result = compare_sources(_three_articles()[:2], {"independent_groups": [["wire"], ["copy"]]})
    fact = next(f for f in result["facts"] if f["kind"] == "numeric")
    assert fact["independent_sources"] == 2
    assert fact["status"] == "corroborated"


def test_an_independent_third_source_corroborates() -> None:
    """Copy group + an independent outlet: two independent sources, corroborated."""
    duplicates = {"independent_groups": [["wire", "copy"], ["other"]]}
    fact = next(f for f in compare_sources(_three_articles(), duplicates)["facts"] if f["kind"] == "numeric")
    assert fact["independent_sources"] == 2
    assert fact["status"] == "corroborated"
    assert {c["independent_group"] for c in fact["claims"] if c["article_id"] in ("wire", "copy")} == {0}


def _reused(a: str, b: str, *passages: tuple[int, int, int, int, str]) -> dict:
    """A dedup `reused_passages` record (the typed contract's shape)."""
    return {"a": a, "b": b, "relation": "partial", "passages": [
        {"a_start": a0, "a_end": a1, "b_start": b0, "b_end": b1, "kind": kind} for a0, a1, b0, b1, kind in passages]}


def test_reused_passage_makes_claims_dependent_only_inside_the_passage() -> None:
    """A claim inside a passage B took from A does not corroborate A; one outside it does; a passage the two
    merely quote in common (kind shared_quote) is not copying."""
    duplicates = {"exact": [], "near_duplicates": [], "independent_groups": [["x"], ["y"]], "reused_passages": [
        _reused("x", "y", (0, 50, 100, 150, "verbatim"), (60, 90, 200, 230, "shared_quote"))]}
    independence = Independence(["x", "y"], duplicates)
    assert independence.dependent(("x", 10, 20), ("y", 110, 120))
    assert not independence.dependent(("x", 10, 20), ("y", 10, 20))
    assert independence.count([("x", 10, 20), ("y", 110, 120)]) == 1
    assert independence.count([("x", 10, 20), ("y", 300, 320)]) == 2
    assert not independence.dependent(("x", 65, 70), ("y", 205, 210))
    assert independence.links == [{"a": "x", "b": "y", "relation": "partial", "passages": 1}]


def test_one_reworded_sentence_alone_is_two_reports_but_a_run_or_a_verbatim_one_is_copying() -> None:
    """Two outlets wording one announcement alike share one reworded sentence and nothing else: that is
    corroboration. Two reworded passages, a reworded passage over two sentences, a verbatim passage, or a
    reworded sentence holding a verbatim run of eight words are copying. Unknown sentences: copying."""
    x_sentences = ["The mayor opened the town hall on Monday.", "Valls said France would observe three days of "
                   "national mourning from Saturday.", "Flags flew at half mast."]
    y_sentences = ["Crowds gathered in the square.", "Valls says the country will observe three days of mourning "
                   "starting on Saturday.", "Schools stayed closed."]

    def article(article_id: str, sentences: list[str]) -> ArticleText:
        text, spans = "", []
        for sentence in sentences:
            spans.append({"start": len(text), "end": len(text) + len(sentence)})
            text += sentence + " "
        return ArticleText({"article_id": article_id, "text": text, "sentences": spans})

    def count(*passages: dict, y: list[str] = y_sentences, known: bool = True) -> int:
        texts = {"x": article("x", x_sentences), "y": article("y", y)}
        xs, ys = texts["x"].sentences[1], texts["y"].sentences[1]
        if not known:
            texts = {k: ArticleText({**{"article_id": k, "text": v.text}, "sentences": []}) for k, v in texts.items()}
        duplicates = {"independent_groups": [["x"], ["y"]], "reused_passages": [
            {"a": "x", "b": "y", "relation": "partial", "passages": list(passages)}]}
        return Independence(["x", "y"], duplicates, texts=texts).count(
            [("x", xs["start"], xs["end"]), ("y", ys["start"], ys["end"])])

    x1 = article("x", x_sentences).sentences[1]
    y1 = article("y", y_sentences).sentences[1]
    lone = {"wording": "reworded", "kind": "reworded", "a_start": x1["start"], "a_end": x1["end"],
            "b_start": y1["start"], "b_end": y1["end"]}
    assert count(lone) == 2
    assert count(lone, {**lone, "a_start": 0, "a_end": 10, "b_start": 0, "b_end": 10}) == 1
    assert count({**lone, "a_start": 0}) == 1  # the passage runs over two sentences of x
    assert count({**lone, "wording": "verbatim", "kind": "verbatim"}) == 1
    assert count(lone, known=False) == 1
    copied_run = [y_sentences[0], "Officials said Valls said France would observe three days of national mourning "
                  "from Saturday onwards.", y_sentences[2]]
    y_run = article("y", copied_run).sentences[1]
    assert count({**lone, "b_start": y_run["start"], "b_end": y_run["end"]}, y=copied_run) == 1


def test_the_partition_is_dedups_independent_groups() -> None:
    """Copies as wholes come from dedup's `independent_groups`; the group's relation from its exact groups."""
    duplicates = {"exact": [{"articles": ["a", "b"], "normalised_sha1": "0"}], "near_duplicates": [],
                  "reused_passages": [], "independent_groups": [["a", "b"], ["c", "d"], ["e"]]}
    independence = Independence(["a", "b", "c", "d", "e", "f"], duplicates)
    assert independence.group_of("a") == independence.group_of("b")
    assert independence.group_of("c") == independence.group_of("d") != independence.group_of("a")
    assert len({independence.group_of(x) for x in "abcdef"}) == 4  # "f", unseen by dedup, stands alone
    account = independence.account({x: f"outlet {x}" for x in "abcdef"}, duplicates)
    assert [(g["articles"], g["relation"]) for g in account["groups"]] == [
        (["a", "b"], "exact"), (["c", "d"], "near_duplicate"), (["e"], "alone"), (["f"], "alone")]
    assert account["independent_sources"] == 4


def test_two_articles_of_one_outlet_are_one_source() -> None:
    """An outlet's two articles on a story (not copies of each other) do not corroborate each other."""
    articles = _three_articles()
    articles[1]["source"] = "AP"  # "copy" is now AP's second, separately written article
    duplicates = {"independent_groups": [["wire"], ["copy"], ["other"]]}
    result = compare_sources(articles[:2], {"independent_groups": [["wire"], ["copy"]]})
    fact = next(f for f in result["facts"] if f["kind"] == "numeric")
    assert fact["independent_sources"] == 1 and fact["status"] != "corroborated"
    independence = Independence(["wire", "copy", "other"], duplicates,
                                {"wire": "AP", "copy": "AP", "other": "Reuters"})
    account = independence.account({"wire": "AP", "copy": "AP", "other": "Reuters"}, duplicates)
    assert [(g["articles"], g["relation"]) for g in account["groups"]] == [
        (["copy", "wire"], "same_outlet"), (["other"], "alone")]


def test_an_outlets_reprint_of_a_wire_does_not_chain_the_wire_into_its_own_reporting() -> None:
    """A paper's later reprint of a wire story speaks for the wire: its own story stays a source apart, so the
    wire (with every outlet that copied it) and the paper's own reporting are two sources, not one."""
    sources = {"wire": "AP", "reprint": "Daily Planet", "mirror": "City Times", "own": "Daily Planet"}
    published = {"wire": "2024-03-05T06:00:00", "reprint": "2024-03-05T09:00:00", "mirror": "2024-03-05T08:00:00",
                 "own": "2024-03-05T07:00:00"}
    duplicates = {"independent_groups": [["wire", "reprint", "mirror"], ["own"]]}
    independence = Independence(list(sources), duplicates, sources, published)
    assert independence.group_of("reprint") == independence.group_of("wire")
    assert independence.group_of("own") != independence.group_of("wire")
    assert independence.count([("own", 0, 10), ("mirror", 0, 10)]) == 2
    # without publication times nothing is known to be a reprint: the cautious count, one source
    assert Independence(list(sources), duplicates, sources).count([("own", 0, 10), ("mirror", 0, 10)]) == 1


def test_an_outlets_own_story_copied_by_another_stays_one_source_with_its_other_story() -> None:
    """The paper wrote the first story (another outlet copied it later) and a second one: one source."""
    sources = {"first": "Daily Planet", "copy": "City Times", "second": "Daily Planet"}
    published = {"first": "2024-03-05T06:00:00", "copy": "2024-03-05T09:00:00", "second": "2024-03-05T12:00:00"}
    duplicates = {"independent_groups": [["first", "copy"], ["second"]]}
    independence = Independence(list(sources), duplicates, sources, published)
    assert independence.count([("first", 0, 10), ("second", 0, 10), ("copy", 0, 10)]) == 1


def test_components_join_exactly_the_spans_dependent_joins() -> None:
    """components() finds its groups without trying every pair of spans (copy groups, then the passages two
    articles share); on a random job it gives the partition that joining every dependent pair gives."""
    import random

    from workers.analysis.union_find import UnionFind

    rng = random.Random(5)
    ids = [f"a{i}" for i in range(12)]
    passages = []
    for _ in range(14):
        a, b = rng.sample(ids, 2)
        starts = (rng.randrange(0, 400), rng.randrange(0, 400))
        passages.append(_reused(a, b, (starts[0], starts[0] + 120, starts[1], starts[1] + 120, "verbatim")))
    duplicates = {"independent_groups": [["a0", "a1"], ["a2", "a3", "a4"], *[[i] for i in ids[5:]]],
                  "reused_passages": passages}
    independence = Independence(ids, duplicates)
    spans = []
    for _ in range(150):
        start = rng.randrange(0, 500)
        spans.append((rng.choice([*ids, "unseen"]), start, start + rng.randrange(10, 80)))
    union = UnionFind(range(len(spans)))
    for i in range(len(spans)):
        for j in range(i):
            if independence.dependent(spans[i], spans[j]):
                union.union(i, j)
    expected = sorted(sorted(m) for m in union.sets(range(len(spans))))
    got = independence.components(spans)
    assert sorted(sorted(m) for m in got) == expected
    assert 1 < len(got) < len(spans)  # the case is not trivial: some spans join, some stay apart
