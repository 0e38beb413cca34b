"""Which claims of different articles say the same thing: sentence embeddings to find candidates, then a
fitted scorer over meaning, words, entities, numbers and claimants, then one-claim-per-article clustering."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.neighbours import nearest_claim_pairs
from workers.analysis.comparison.pair_table import score_many
from workers.analysis.comparison.scorer import ClaimScorer, word_rarity
from workers.analysis.union_find import UnionFind

NEIGHBOURS = 24  # nearest claims kept per claim (cosine), before scoring
MIN_COSINE = 0.35  # below this two sentences share no meaning worth scoring (unrelated pairs: 0.05-0.15)


@dataclass(slots=True)
class Link:
    """A scored pair of claims."""

    a: int
    b: int
    score: float
    features: Mapping[str, float]  # read-only (pair_table.FeatureRow for scored pairs)


@dataclass
class Embedded:
    """A unit vector per claim (its sentence) and per clause of each claim (rows of `parts`, owned by
    `part_owner`), the clauses pooled from the sentence's own model run."""

    sentences: np.ndarray
    parts: np.ndarray
    part_owner: list[int]


def embed(claims: list[Claim]) -> Embedded:
    """Sentence and clause vectors of every claim, from one model run per distinct sentence."""
    if not claims:
        return Embedded(np.zeros((0, 384), dtype=np.float32), np.zeros((0, 384), dtype=np.float32), [])
    from workers.analysis.embeddings import get_encoder

    sentences, parts = get_encoder().encode_with_parts([c.text for c in claims], [c.parts for c in claims])
    owners = [c.index for c in claims for _ in c.parts]
    stacked = np.vstack(parts) if owners else np.zeros((0, sentences.shape[1]), dtype=np.float32)
    return Embedded(sentences, stacked, owners)


def nearest_pairs(claims: list[Claim], vectors: np.ndarray, k: int = NEIGHBOURS) -> dict[tuple[int, int], float]:
    """Each claim's k most similar claims in other articles, as {(i, j): cosine} with i < j.

    The similarity is computed between distinct texts (copies are encoded, compared and ranked once).
    """
    return nearest_claim_pairs([c.text for c in claims], [c.article_id for c in claims], vectors, k, MIN_COSINE)


@dataclass
class Candidates:
    """Candidate pairs of claims with the cosine of their sentences and the best cosine of their parts
    (sentence or clause against sentence or clause), and both again beyond the event (`beyond`: see
    beyond_event)."""

    cosine: dict[tuple[int, int], float]
    part_cosine: dict[tuple[int, int], float]
    beyond: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)


PAIR_BLOCK = 4096  # candidate pairs whose part-to-part cosines are computed at once
# The event's direction is the mean of the job's other distinct sentences; a mean of fewer than this many is
# theirs more than the event's (a noise of about 0.9/sqrt(n) against a shared component of about 0.5, so
# 0.3 at 10), and two sentences compared beyond it would be set apart or together by chance. Below it, the
# mean of all the job's distinct sentences, the pair's own included, stands for the event.
MIN_EVENT_SENTENCES = 10
# With fewer distinct sentences than this in the whole job there is nothing beyond the pair to tell the event
# by (a wire story, its copy and one other outlet's sentence): the raw cosines stand.
MIN_JOB_SENTENCES = 3


def beyond_event(claims: list[Claim], embedded: Embedded, pairs: list[tuple[int, int]]
                 ) -> dict[tuple[int, int], tuple[float, float]]:
    """For each pair: the cosine of the two sentences, and the best cosine of their parts (sentence or clause),
    once the direction the job's other statements share (the event every article reports) is taken out.

    All claims of one job share their event, so raw cosines rank "about the same story" high; what is left
    beyond it says whether two sentences state the same thing (the device of "cosine beyond the question" on
    Discord Questions, measured in eval/compare_discord.py). The event's direction is the mean of the job's
    distinct sentences other than the pair's own two (so that in a job of a few dozen sentences the pair
    does not lean it their way); in a smaller job, the mean of all its distinct sentences (MIN_EVENT_SENTENCES,
    MIN_JOB_SENTENCES). On the tuning half, pair average precision (leave one event out) 0.423 -> 0.441 when
    these replace the raw cosines.

    Work: once per distinct pair of texts with their clauses (copies have the same vectors, so the same
    values), in blocks of pairs whose two claims have the same numbers of clauses, so that no pair is padded
    to another's clauses."""
    if not pairs:
        return {}
    sentences = embedded.sentences
    first: dict[str, int] = {}
    for claim in claims:
        first.setdefault(claim.text, claim.index)
    distinct = sorted(first.values())
    total = sentences[distinct].sum(axis=0)
    parts_of: dict[int, list[int]] = defaultdict(list)
    for row, owner in enumerate(embedded.part_owner):
        parts_of[owner].append(row)
    # each claim's rows of `stacked`: its sentence, then its clauses
    stacked = np.vstack([sentences, embedded.parts]) if len(embedded.part_owner) else sentences
    rows_of = [[claim.index, *(len(sentences) + r for r in parts_of.get(claim.index, []))] for claim in claims]
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    same_as = [seen.setdefault((claim.text, tuple(claim.parts)), claim.index) for claim in claims]
    blocks: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for key in dict.fromkeys((same_as[i], same_as[j]) for i, j in pairs):
        blocks[(len(rows_of[key[0]]), len(rows_of[key[1]]))].append(key)
    values: dict[tuple[int, int], tuple[float, float]] = {}
    for block in blocks.values():
        for start in range(0, len(block), PAIR_BLOCK):
            chunk = block[start:start + PAIR_BLOCK]
            values.update(zip(chunk, _beyond_block(claims, stacked, rows_of, chunk, total, len(distinct)),
                              strict=True))
    return {(i, j): values[(same_as[i], same_as[j])] for i, j in pairs}


def _beyond_block(claims: list[Claim], stacked: np.ndarray, rows_of: list[list[int]], chunk: list[tuple[int, int]],
                  total: np.ndarray, distinct: int) -> list[tuple[float, float]]:
    """beyond_event's two values for pairs whose left claims all have one number of rows, and right ones
    another (`stacked`: every claim's sentence and clause vectors, `rows_of` each claim's rows in it)."""
    left = np.array([i for i, _ in chunk])
    right = np.array([j for _, j in chunk])
    same_text = np.array([claims[i].text == claims[j].text for i, j in chunk])
    others = distinct - 2 + same_text
    # copies share their text's one vector, so the pair's own share of the total is one or two vectors;
    # with few other sentences it stays in (the whole job's mean stands for the event)
    own = stacked[left] + np.where(same_text[:, None], 0.0, stacked[right])
    topics = total - np.where((others >= MIN_EVENT_SENTENCES)[:, None], own, 0.0)
    norms = np.linalg.norm(topics, axis=1, keepdims=True)
    topics = topics / np.maximum(norms, 1e-12)
    # cosines of the parts once the topic's component is removed, from dot products alone: for unit x, y
    # and unit t, (x.y - (x.t)(y.t)) / (|x - (x.t)t| |y - (x.t)t|), the norms being sqrt(1 - (x.t)^2)
    x = stacked[np.array([rows_of[i] for i, _ in chunk])]
    y = stacked[np.array([rows_of[j] for _, j in chunk])]
    gram = np.matmul(x, y.transpose(0, 2, 1))
    xt, yt = np.einsum("pkd,pd->pk", x, topics), np.einsum("pld,pd->pl", y, topics)
    xn = np.sqrt(np.maximum(1.0 - xt**2, 1e-12))
    yn = np.sqrt(np.maximum(1.0 - yt**2, 1e-12))
    beyond = np.clip((gram - xt[:, :, None] * yt[:, None, :]) / (xn[:, :, None] * yn[:, None, :]), -1.0, 1.0)
    keep_raw = (distinct < MIN_JOB_SENTENCES) | (norms[:, 0] < 1e-6)
    beyond[keep_raw] = gram[keep_raw]
    sentence = beyond[:, 0, 0]  # row and column 0 are the sentences themselves
    best = beyond.max(axis=(1, 2))
    return list(zip(sentence.tolist(), best.tolist(), strict=True))


def candidate_pairs(claims: list[Claim], embedded: Embedded) -> Candidates:
    """Pairs worth scoring: nearest sentences, and claims one of whose clauses (or sentence) is among the k
    nearest of a clause (or sentence) of the other — a long sentence may state, among other things, what
    another source says alone. Each pair keeps its sentences' cosine and its best part-to-part cosine."""
    vectors = embedded.sentences
    cosine = nearest_pairs(claims, vectors)
    parts = [(c.index, text) for c in claims for text in c.parts]
    if not parts:
        return Candidates(cosine, dict(cosine), beyond_event(claims, embedded, list(cosine)))
    owners = list(range(len(claims))) + embedded.part_owner
    texts = [c.text for c in claims] + [text for _, text in parts]
    rows = np.vstack([vectors, embedded.parts])
    best: dict[tuple[int, int], float] = {}
    for (r, q), value in nearest_claim_pairs(texts, [claims[o].article_id for o in owners], rows, NEIGHBOURS,
                                             MIN_COSINE).items():
        i, j = (owners[r], owners[q]) if owners[r] <= owners[q] else (owners[q], owners[r])
        if value > best.get((i, j), -1.0):
            best[(i, j)] = value
    for i, j in best:
        if (i, j) not in cosine:
            cosine[(i, j)] = float(vectors[i] @ vectors[j])
    # the larger of the two, as max() takes it (the sentences' cosine on a tie), without a call per pair
    return Candidates(cosine, {key: part if (part := best.get(key, value)) > value else value
                               for key, value in cosine.items()},
                      beyond_event(claims, embedded, list(cosine)))


def score_pairs(claims: list[Claim], candidates: Candidates, scorer: ClaimScorer) -> list[Link]:
    """Every candidate pair scored (probability that the two claims state the same fact)."""
    return [Link(i, j, score, features) for i, j, score, features
            in score_many(claims, candidates, word_rarity(claims), scorer)]


def cluster(claims: list[Claim], links: list[Link], threshold: float, mutual_only: bool = True) -> list[list[int]]:
    """Claims grouped into facts: at most one claim per article in a fact, strongest links first.

    Only mutual best matches between two articles are joined (claim a's best partner in b's article is b,
    and the reverse), which keeps one sentence from pulling in every loosely related one (chaining).
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for link in links:
        if link.score < threshold:
            continue
        for x, y in ((link.a, link.b), (link.b, link.a)):
            key = (x, claims[y].article_id)
            if key not in best or link.score > best[key][0]:
                best[key] = (link.score, y)
    mutual = [link for link in links if link.score >= threshold and (not mutual_only or (
              best.get((link.a, claims[link.b].article_id), (0, -1))[1] == link.b
              and best.get((link.b, claims[link.a].article_id), (0, -1))[1] == link.a))]
    mutual.sort(key=lambda link: -link.score)
    union = UnionFind()
    articles: dict[int, set[str]] = {}
    for claim in claims:
        union.find(claim.index)
        articles[claim.index] = {claim.article_id}
    for link in mutual:
        ra, rb = union.find(link.a), union.find(link.b)
        if ra == rb or articles[ra] & articles[rb]:
            continue
        root = union.union(ra, rb)
        articles[root] = articles[ra] | articles[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for claim in claims:
        groups[union.find(claim.index)].append(claim.index)
    return [sorted(g) for g in groups.values()]
