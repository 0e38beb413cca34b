"""An embedded post's signature line ("— Name (@handle) March 3, 2018") is no statement: outlets that embed
the same tweet do not corroborate its signature."""

from __future__ import annotations

from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.claims import build_claims
from workers.analysis.comparison.entities import MentionIndex, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence

POST = "We just live in different countries and the harbour storm kept us apart for most of the year."
SIGNATURE = "— Dana Ruiz (@danaruiz) February 5, 2026"


def _articles() -> list[dict]:
    return [make_extraction(f"a{n}", f"outlet {n}", f"{lead} {POST}\n{SIGNATURE}")
            for n, lead in enumerate(("The singer announced the split on Twitter.",
                                      "Ruiz broke the news to her followers on Monday."))]


def test_a_signature_line_makes_no_claim_and_the_post_still_does() -> None:
    extractions = _articles()
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    claims = build_claims(extractions, texts, MentionIndex(linked), Independence(texts, None))
    assert [c.text for c in claims if c.text.startswith("—")] == []
    assert sum(c.text == POST for c in claims) == 2
    # a sentence that ends with the signature (the post and its signature in one) stays a statement
    whole = f"{POST.rstrip('.')} {SIGNATURE}"
    joined = [make_extraction("b", "outlet b", whole)]
    texts = {e["article_id"]: ArticleText(e) for e in joined}
    claims = build_claims(joined, texts, MentionIndex(link(joined)[0]), Independence(texts, None))
    assert [c.text for c in claims] == [whole]


def test_outlets_embedding_one_post_do_not_corroborate_its_signature() -> None:
    facts = compare_sources(_articles(), {})["facts"]
    assert not any(claim["excerpt"].startswith("—") for fact in facts for claim in fact["claims"])
    assert any(fact["status"] == "corroborated" and any(c["excerpt"] == POST for c in fact["claims"])
               for fact in facts)
