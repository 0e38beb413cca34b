"""Articles without a publication time: a dateline dates a plain text (dates.dateline_date), the job's dated
articles tell an undated one's background from its story (timing.job_reference), and a clash between reports
whose times are unknown is not called a same-time contradiction (facts._disagreement). Invented texts."""

from __future__ import annotations

from datetime import datetime

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.claimants import Claimant
from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.facts import FactDraft, disagreements
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.timing import ClaimTime, claim_time, job_reference
from workers.analysis.extraction import extract_articles
from workers.analysis.tokens import content_words

QUAKE = ("A strong earthquake struck the Lundberg valley on Tuesday, killing five people. "
         "In 2004 a flood in the valley killed 300 people. Last year a smaller quake killed one person.")


def _one(text: str, published_at: str | None = None) -> dict:
    return extract_articles([{"id": "a", "source": "Valley Post", "text": text,
                              **({"published_at": published_at} if published_at else {})}])[0]


def test_a_dateline_under_the_headline_dates_a_plain_text() -> None:
    record = _one("Quake strikes Lundberg valley\nTuesday, July 2, 2013\n\n" + QUAKE)
    assert record["published_at"] == "2013-07-02"
    assert any("dateline" in w and "2013-07-02" in w for w in record["warnings"])
    last_year = next(d for d in record["dates"] if d["text"].lower().startswith("last year"))
    assert last_year["value"] == "2012"  # read again against the dateline


def test_a_date_inside_prose_or_far_down_or_in_a_headline_is_no_dateline() -> None:
    assert _one("July 2, 2013 was a dark day.\nA strong earthquake struck the Lundberg valley on Tuesday, killing "
                "five people.")["published_at"] is None
    assert _one("Remembering July 2, 2004\nTen years ago a strong earthquake struck the Lundberg valley, killing "
                "five people.")["published_at"] is None
    assert _one("Quake strikes Lundberg\nPosted: 27 NOVEMBER, 2005\n\n" + QUAKE)["published_at"] == "2005-11-27"
    assert _one("On July 2, 2013, a strong earthquake struck the Lundberg valley, killing five people and "
                "injuring dozens of residents in the old town.")["published_at"] is None
    assert _one("Quake strikes\nA strong earthquake struck the valley.\nIt killed five people.\nRescuers worked "
                "through the night.\nJuly 2, 2013")["published_at"] is None


def test_a_given_publication_time_is_never_replaced_by_a_dateline() -> None:
    record = _one("Quake strikes\nTuesday, July 2, 2013\n\n" + QUAKE, "2013-07-03T08:00:00+00:00")
    assert record["published_at"] == "2013-07-03T08:00:00+00:00"
    assert not any("dateline" in w for w in record["warnings"])


def test_the_job_reference_is_the_median_publication_time_of_the_dated_articles() -> None:
    rows = [{"published_at": "2013-07-02T10:00:00+00:00"}, {"published_at": None}, {"published_at": "2013-07-03"},
            {"published_at": "2013-07-05T01:00:00+02:00"}]
    assert job_reference(rows) == datetime(2013, 7, 3)
    assert job_reference([{"published_at": None}]) is None


def test_an_undated_articles_past_year_is_background_once_the_job_is_dated() -> None:
    record = _one(QUAKE)
    assert record["published_at"] is None
    text = record["text"]
    flood = text.index("In 2004")
    flood_end = text.index(".", flood) + 1
    quake_end = text.index(".") + 1
    last = text.index("Last year")
    reference = datetime(2013, 7, 2)
    assert not claim_time(record, flood, flood_end).context  # nothing to tell it by
    assert claim_time(record, flood, flood_end, reference).context
    assert claim_time(record, last, len(text), reference).context  # "last year", read against the reference
    assert not claim_time(record, 0, quake_end, reference).context  # "on Tuesday": the story itself
    assert claim_time(record, flood, flood_end, reference).basis == "text"  # its own value is not borrowed


def test_background_tolls_of_an_undated_article_stay_out_of_the_events_figure() -> None:
    """Two dated reports and an undated one of the same quake: the undated article's 2004 toll is background
    and cannot conflict with the story's toll."""
    extractions = extract(
        ("a", "Valley Post", "2013-07-02T09:00:00+00:00",
         "A strong earthquake struck the Lundberg valley on Tuesday, killing five people, officials said."),
        ("b", "Northern Herald", "2013-07-02T10:00:00+00:00",
         "Officials said a strong earthquake killed five people in the Lundberg valley on Tuesday."),
        ("c", "Coast Times", "",
         "A strong earthquake struck the Lundberg valley on Tuesday. In 2004 an earthquake in the Lundberg valley "
         "killed 300 people, officials said."))
    result = compare_sources(extractions, no_duplicates(extractions))
    assert not [f for f in result["facts"] if f["status"] in ("conflicting", "updated")], \
        [(f["status"], f["label"], f["values"]) for f in result["facts"]]
    roles = {c["excerpt"][:7]: c["role"] for f in result["facts"] for c in f["claims"] if c["article_id"] == "c"}
    assert all(role == "context" for start, role in roles.items() if start.startswith("In 2004")), roles


def _claim(index: int, article_id: str, text: str, predicate: str, negated: bool, published_at: str | None) -> Claim:
    return Claim(index=index, article_id=article_id, source=article_id, sentence=0, start=0, end=len(text),
                 text=text, words=frozenset(content_words(text)), entities=frozenset(), entity_labels={},
                 quantities=[], claimant=Claimant(name=article_id, kind="outlet"),
                 time=ClaimTime(value=published_at, basis="published" if published_at else "unknown",
                                published_at=published_at, marker=None, context=False),
                 negated=negated, predicate=predicate, position=0.0, group=index)


def _independence(*ids: str) -> Independence:
    texts = {i: _Text(i) for i in ids}
    return Independence(texts, None, {i: i for i in ids}, {i: None for i in ids}, texts)


class _Text:
    def __init__(self, article_id: str) -> None:
        self.article_id, self.source, self.text = article_id, article_id, ""


def test_a_statement_clash_needs_a_known_same_time() -> None:
    """"have not been released" and "were released" from undated reports may be a day apart: a change, not a
    contradiction. Dated at one time they are a contradiction."""
    withheld = "The results of the Lundberg bridge inspection have not been released by the council."
    released = "The results of the Lundberg bridge inspection have been released by the council."
    undated = [_claim(0, "a", withheld, "release", True, None), _claim(1, "b", released, "release", False, None)]
    assert not disagreements(FactDraft(undated), undated, _independence("a", "b"), 3.0)
    at = "2024-03-05T10:00:00+00:00"
    dated = [_claim(0, "a", withheld, "release", True, at), _claim(1, "b", released, "release", False, at)]
    found = disagreements(FactDraft(dated), dated, _independence("a", "b"), 3.0)
    assert [d.kind for d in found] == ["conflict"]


def _claims_of(*articles: tuple[str, str, str, str]) -> list[Claim]:
    from workers.analysis.comparison.claims import build_claims
    from workers.analysis.comparison.entities import MentionIndex, link
    from workers.analysis.comparison.evidence import ArticleText

    extractions = extract(*articles)
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    return build_claims(extractions, texts, MentionIndex(link(extractions)[0]), Independence(texts, None))


def test_an_undated_sentence_naming_the_storys_day_is_not_carried_into_the_background_before_it() -> None:
    """After "In 2004 a flood killed 300 people", "On Tuesday rescuers pulled 12 people ..." names a day of its
    own (read against the job's time): it is the story, though its article has no date."""
    claims = _claims_of(
        ("a", "Valley Post", "2013-07-03T09:00:00+00:00", "A strong earthquake struck the Lundberg valley on Tuesday."),
        ("b", "Coast Times", "", "A strong earthquake struck the Lundberg valley on Tuesday. In 2004 a flood in the "
                                 "valley killed 300 people. On Tuesday rescuers pulled 12 people from the rubble of "
                                 "the old school."))
    role = {c.text[:12]: c.role for c in claims if c.article_id == "b"}
    assert role["In 2004 a fl"] == "context"
    assert role["On Tuesday r"] == "event", role
