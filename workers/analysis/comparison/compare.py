"""compare_sources: the comparison stage over one job's extractions and its dedup result."""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

from workers.analysis.comparison.alignment import Link, candidate_pairs, cluster, embed, score_pairs
from workers.analysis.comparison.claims import Claim, build_claims
from workers.analysis.comparison.count_facts import count_drafts
from workers.analysis.comparison.entities import MentionIndex, entity_summaries, entity_variants, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.facts import FactDraft, build_fact, has_disagreement, quantity_drafts, sort_facts
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.measure_facts import measure_drafts
from workers.analysis.comparison.numbers import agree, comparable, figures_disagree
from workers.analysis.comparison.occasions import day_of, minor_occasion_articles, occasions_of, other_occasions
from workers.analysis.comparison.profiles import source_profiles
from workers.analysis.comparison.quotes import compare_quotes
from workers.analysis.comparison.salience import MAX_EXCLUSIVES_PER_ARTICLE, salience
from workers.analysis.comparison.scorer import ClaimScorer, load_scorer
from workers.analysis.comparison.summary import summarize
from workers.analysis.contract import Comparison, Duplicates, ExtractionSlot
from workers.analysis.union_find import UnionFind

CENTRAL_SHARE = 0.5  # an entity named by at least this share of sources (and two) is central to the event
MAX_SINGLE_FACTS = 200  # lone figures listed as "single" (beyond that they are counted, not listed)


def _central_entities(entities: list[dict[str, Any]], n_sources: int) -> set[str]:
    """Entities most sources name: the event's main actors and places."""
    need = max(2, int(n_sources * CENTRAL_SHARE + 0.999))
    return {e["id"] for e in entities if len(e["sources"]) >= need}


def _event_days(claims: list[Claim]) -> list[date | None]:
    """Each claim's article day (its occasion) when the claim is about that occasion (role "event"), else
    None. Two claims whose event days are other_occasions come from articles reporting different occasions:
    "North Korea fired a ballistic missile over Japan" of September 2017 and "North Korea fired three ballistic
    missiles toward Japan" of September 2016 tell of two launches (Giveme5W1H reporting-half event 70, read for
    a closing note: see the README, which discloses it; the rule was decided on the tuning half). Statements
    about an earlier time (role "context") may still meet: background is what articles of different occasions
    share. Read once per claim: a 1,000-article job filters half a million links by them."""
    return [None if claim.time.context else claim.occasion for claim in claims]


def _split_weak_pairs(groups: list[list[int]], links: list[Link], claims: list[Claim], independence: Independence,
                      threshold: float) -> list[list[int]]:
    """Groups whose claims make exactly two independent reports (counted as the facts count them:
    Independence.components, so a passage one outlet copied from another is one report) split back into their
    claims unless the best link between the two reports reaches `threshold` (the scorer's pair_threshold).

    Two sources agree through one link, and that link is the whole of the evidence; with three or more, each
    claim is held by several. On the tuning half, two-source facts (join 0.85) were in the gold 20/56 times when
    their link scored 0.85-0.96 and 40/55 times at 0.97 or above, three-source facts 45/49
    (eval/fit_claim_scorer.py chooses the threshold)."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    inside: dict[int, list[Link]] = defaultdict(list)
    for item in links:
        if group_of[item.a] == group_of[item.b]:
            inside[group_of[item.a]].append(item)
    out: list[list[int]] = []
    for g, members in enumerate(groups):
        if len({claims[i].group for i in members}) < 2:
            out.append(members)  # one copy group: one report, nothing to split
            continue
        components = independence.components([(claims[i].article_id, claims[i].start, claims[i].end)
                                               for i in members])
        if len(components) != 2:
            out.append(members)
            continue
        report_of = {members[k]: n for n, component in enumerate(components) for k in component}
        best = max((item.score for item in inside[g] if report_of[item.a] != report_of[item.b]), default=0.0)
        if best < threshold:
            out += [[i] for i in members]
        else:
            out.append(members)
    return out


def _merge_disagreeing(groups: list[list[int]], links: list[Link], claims: list[Claim],
                       scorer: ClaimScorer) -> list[list[list[int]]]:
    """Join facts whose claims are about the same thing but state values that cannot both be true.

    Clustering keeps one claim per article in a fact, so when every outlet reports both sides of a dispute
    ("A says six, B says three") each side forms its own fact; they meet again here, through a link as strong
    as a join (a merely related pair, "two flight crew members" / "four of his family members", would pull a
    different count of the same noun into the fact). Returns the merged groups, each as the clustered groups
    it joins (they stay facts of their own: a merge adds the figure they disagree on, it takes nothing away)."""
    union = UnionFind()
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    for g in range(len(groups)):
        union.find(g)
    for item in links:
        ga, gb = group_of[item.a], group_of[item.b]
        if (ga != gb and item.score >= scorer.join_threshold
                and claims[item.a].role == claims[item.b].role == "event"
                and figures_disagree(claims[item.a], claims[item.b])):
            union.union(ga, gb)
    merged: dict[int, list[list[int]]] = defaultdict(list)
    for g, members in enumerate(groups):
        merged[union.find(g)].append(members)
    return list(merged.values())


def _merged_drafts(parts: list[list[Claim]], links: list[Link], independence: Independence,
                   hours: float) -> list[FactDraft]:
    """The facts of clustered groups joined by a disagreement: the figures they disagree on, and each group's
    own facts unless a disagreeing figure already holds all of that fact's claims. A group of outlets agreeing
    that the Security Council banned four ships stays corroborated when another group reports that ten were
    proposed (2017 Giveme5W1H sanctions event, tuning half)."""
    members = [c for part in parts for c in part]
    disagreeing = [d for d in quantity_drafts(members, links) if has_disagreement(d, independence, hours)]
    held = [{c.index for c in d.members} for d in disagreeing]
    drafts = list(disagreeing)
    for part in parts:
        if len(part) < 2:
            continue
        ids = {c.index for c in part}
        own = [lk for lk in links if lk.a in ids and lk.b in ids]
        drafts += [d for d in _drafts(part, own, independence, hours)
                   if not any({c.index for c in d.members} <= h for h in held)]
    return drafts


def _drafts(members: list[Claim], links: list[Link], independence: Independence, hours: float) -> list[FactDraft]:
    """The facts one group of aligned claims makes: each figure on which they disagree is a fact of its own
    (a toll that conflicts or changed); otherwise the group is one fact, about its most stated figure if it
    has one."""
    figures = quantity_drafts(members, links)
    disagreeing = [d for d in figures if has_disagreement(d, independence, hours)]
    if disagreeing:
        covered = {c.index for d in disagreeing for c in d.members}
        rest = [d for d in figures if d not in disagreeing and {c.index for c in d.members} - covered]
        return disagreeing + rest[:1]
    parts = _occasion_parts(members, figures)
    if len(parts) > 1:
        out: list[FactDraft] = []
        for part in parts:
            ids = {c.index for c in part}
            own = [lk for lk in links if lk.a in ids and lk.b in ids]
            out += _drafts(part, own, independence, hours) if len(part) > 1 else [FactDraft(part)]
        return out
    whole = FactDraft(members, links)
    if figures and len(figures[0].members) == len(members) and _values_agree(figures[0]):
        # a figure only when every claim's value agrees: "the launch used three boosters" and "two boosters
        # landed" (Falcon Heavy, Feb. 2018; no one event to set them against each other) are aligned statements,
        # not one figure corroborated at two values
        whole.quantity = figures[0].quantity
    return [whole]


def _occasion_parts(members: list[Claim], figures: list[FactDraft]) -> list[list[Claim]]:
    """The group split by occasion when two of its claims state values of one figure that cannot both be true
    and report different occasions ("Twelve people were killed when the bridge collapsed" and, of the rebuilt
    bridge's collapse three weeks later, "Nine people were killed when the bridge collapsed": not one statement
    two sources make, and not a figure that changed), else the group whole (numbers.comparable says which two
    values can clash, as for conflicts). Claims whose occasion is unknown go with the largest part."""
    clash = any(comparable(qa, qb) and not agree(qa, qb) and other_occasions(a.occasion, b.occasion)
                for draft in figures for k, a in enumerate(draft.members) for b in draft.members[k + 1:]
                if (qa := draft.value_of(a)) is not None and (qb := draft.value_of(b)) is not None)
    if not clash:
        return [members]
    by_index = {c.index: c for c in members}
    parts = [[by_index[int(i)] for i in ids]
             for _, _, ids in occasions_of({str(c.index): c.occasion for c in members})]
    unknown = [c for c in members if c.occasion is None]
    if unknown:
        max(parts, key=len).extend(unknown)
    return parts


def _values_agree(draft: FactDraft) -> bool:
    """True when every two values the draft's claims state of its figure can both be true."""
    values = [q for q in (draft.value_of(c) for c in draft.members) if q is not None]
    return all(agree(a, b) for k, a in enumerate(values) for b in values[k + 1:])


def _best_partner(links: list[Link], claims: list[Claim]) -> dict[int, float]:
    """Each claim's best score against a claim of another independent group."""
    best: dict[int, float] = defaultdict(float)
    for item in links:
        if claims[item.a].group != claims[item.b].group:
            best[item.a] = max(best[item.a], item.score)
            best[item.b] = max(best[item.b], item.score)
    return best


def _facts(claims: list[Claim], independence: Independence, central: set[str], timings: dict[str, float],
           scorer: ClaimScorer) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Align the claims and build every fact record."""
    mark = time.perf_counter()
    vectors = embed(claims)
    timings["embeddings"] = time.perf_counter() - mark
    mark = time.perf_counter()
    candidates = candidate_pairs(claims, vectors)
    days = _event_days(claims)
    links = [lk for lk in score_pairs(claims, candidates, scorer) if not other_occasions(days[lk.a], days[lk.b])]
    clustered = _split_weak_pairs(cluster(claims, links, scorer.join_threshold), links, claims, independence,
                                  scorer.pair_threshold)
    merged = _merge_disagreeing(clustered, links, claims, scorer)
    groups = [sorted(i for part in parts for i in part) for parts in merged]
    timings["alignment"] = time.perf_counter() - mark
    links_of: dict[int, list[Link]] = defaultdict(list)
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    for item in links:
        if group_of[item.a] == group_of[item.b] and item.score >= scorer.related_threshold:
            links_of[group_of[item.a]].append(item)
    partner = _best_partner(links, claims)
    facts: list[dict[str, Any]] = []
    lone: list[tuple[float, Claim]] = []
    hours = scorer.same_time_hours
    for g, members in enumerate(groups):
        if len(members) > 1:
            parts = [[claims[i] for i in part] for part in merged[g]]
            drafts = (_drafts(parts[0], links_of[g], independence, hours) if len(parts) == 1
                      else _merged_drafts(parts, links_of[g], independence, hours))
            for draft in drafts:
                score = max(salience(c, central) for c in draft.members)
                facts.append(build_fact(draft, independence, score, exclusive=False, same_time_hours=hours))
        else:
            lone.append((salience(claims[members[0]], central), claims[members[0]]))
    in_measure_facts: set[int] = set()
    related = {(lk.a, lk.b) if lk.a < lk.b else (lk.b, lk.a) for lk in links if lk.score >= scorer.related_threshold}
    for draft in [*measure_drafts(claims, independence, related, central),
                  *count_drafts(claims, independence, group_of)]:
        score = max(salience(c, central) for c in draft.members)
        fact = build_fact(draft, independence, score, exclusive=False, same_time_hours=hours)
        # a measure's disagreement is news even inside one fact (its sentences' fact is a statement), its
        # agreement only across facts; a count draft is an agreement no fact holds yet (count_drafts)
        aligned = len({group_of[c.index] for c in draft.members}) == 1
        if (not draft.measured and fact["status"] == "corroborated") \
                or (draft.measured and (fact["status"] != "corroborated" or not aligned)):
            facts.append(fact)  # an agreed measure whose sentences were aligned is already in their fact
            in_measure_facts |= {c.index for c in draft.members}
    per_article: dict[str, int] = defaultdict(int)
    singles = 0
    # what an article about another occasion says alone is not news of this event (an article on last year's
    # launch beside this year's reports): such claims are single, not exclusive
    off_occasion = minor_occasion_articles({c.article_id: c.occasion for c in claims},
                                           {c.article_id: c.group for c in claims},
                                           {c.article_id: day_of(c.time.published_at) for c in claims})
    for score, claim in sorted(lone, key=lambda t: -t[0]):
        if claim.index in in_measure_facts:
            continue  # another source states its measure: neither exclusive nor single
        exclusive = (score >= scorer.exclusive_salience and partner[claim.index] < scorer.related_threshold
                     and per_article[claim.article_id] < MAX_EXCLUSIVES_PER_ARTICLE
                     and claim.article_id not in off_occasion)
        if exclusive:
            per_article[claim.article_id] += 1
        elif not claim.quantities or singles >= MAX_SINGLE_FACTS:
            continue
        else:
            singles += 1
        facts.append(build_fact(FactDraft([claim]), independence, score, exclusive=exclusive,
                                same_time_hours=scorer.same_time_hours))
    facts = sort_facts(facts)
    for number, fact in enumerate(facts, start=1):
        fact["id"] = f"f{number}"
    stats = {"claims": len(claims), "candidate_pairs": len(candidates.cosine), "links": len(links),
             "scorer": scorer.provenance}
    return facts, stats


@contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, and back to its previous state after it (even on an
    error): the comparison allocates millions of small objects that live to its end (features, links, sets),
    and each full collection walks them all again (4.4 of 32 s outside the encoder at 1,000 articles,
    bench/compare.py). Reference counting still frees what is not in a cycle; cycles wait for the next
    collection after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compare_sources(extractions: Sequence[ExtractionSlot], duplicates: Duplicates | None,
                    scorer: ClaimScorer | None = None) -> Comparison:
    """Facts (corroborated / conflicting / disputed / updated / exclusive), shared quotes, entity variants,
    source profiles and the account of which articles are independent. `scorer`: the fitted one by default."""
    with paused_collector():
        return _compare(extractions, duplicates, scorer)


def _compare(extractions: Sequence[ExtractionSlot], duplicates: Duplicates | None,
             scorer: ClaimScorer | None) -> Comparison:
    """compare_sources' work (with the garbage collector paused by its caller)."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    # Articles that failed extraction carry an "error" and no text: they take no part in the comparison.
    rows = [cast(dict[str, Any], e) for e in extractions if e and e.get("article_id") and "error" not in e
            and "text" in e]
    texts = {e["article_id"]: ArticleText(e) for e in rows}
    source_of = {a.article_id: a.source for a in texts.values()}
    sources = sorted(set(source_of.values()))
    independence = Independence(texts, duplicates, source_of, {e["article_id"]: e.get("published_at") for e in rows},
                                texts)

    linked, linker = link(rows)
    mentions = MentionIndex(linked)
    entities = entity_summaries(linked, source_of)
    central = _central_entities(entities, len(sources))
    timings["entities"] = time.perf_counter() - started

    mark = time.perf_counter()
    claims = build_claims(rows, texts, mentions, independence)
    timings["claims"] = time.perf_counter() - mark
    facts, fact_stats = _facts(claims, independence, central, timings, scorer or load_scorer())

    mark = time.perf_counter()
    quotes = compare_quotes(rows, texts, mentions, independence,
                            paraphrase_threshold=(scorer or load_scorer()).quote_paraphrase_cosine)
    timings["quotes"] = time.perf_counter() - mark

    profiles = source_profiles(rows, facts, quotes, independence)
    account = independence.account(source_of, duplicates)
    own_days = {article_id: None for article_id in texts} | {c.article_id: c.occasion for c in claims}
    occasions = [{"first_day": first.isoformat(), "last_day": last.isoformat(), "articles": articles}
                 for first, last, articles in occasions_of(own_days)]
    summary = summarize(facts, quotes, sources, account, occasions)
    timings["total"] = time.perf_counter() - started
    return cast(Comparison, {
        "sources": sources,
        "entities": entities,
        "entity_variants": entity_variants(linked, source_of),
        "facts": facts,
        "quotes": quotes,
        "profiles": profiles,
        "independence": account,
        "summary": summary,
        "occasions": occasions,
        "stats": {"articles": len(rows), **fact_stats, "quotes_shared": len(quotes), "facts": len(facts),
                  "linker": linker, "seconds": {k: round(v, 4) for k, v in timings.items()}},
    })
