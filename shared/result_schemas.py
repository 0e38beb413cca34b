"""The result's parts as marshmallow schemas: what GET /v1/jobs/{id}/result returns, published in OpenAPI.

Each schema mirrors the TypedDict of the same name (without "Schema") in workers/analysis/contract.py, the
source of truth; tests/unit/test_contract.py checks that both name the same keys, required and optional,
and validates the real stages' output on the seeds through these schemas. Unknown keys are refused, so
output that grows a key without the contract fails that test. The gateway only serialises stored JSON: these
schemas document the result and validate it in tests; they are not run on every response.
"""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields, validate

REQUIRED: dict[str, Any] = {"required": True}
NULLABLE: dict[str, Any] = {"required": True, "allow_none": True}


def _one_of(*choices: str, nullable: bool = False) -> dict[str, Any]:
    """Field options for a required string that takes one of a few values."""
    return {**(NULLABLE if nullable else REQUIRED), "validate": validate.OneOf(choices)}


def _ids(**metadata: Any) -> fields.List:
    """A required list of strings (ids, sources, lines)."""
    return fields.List(fields.Str(), required=True, metadata=metadata)


def _indices(**metadata: Any) -> fields.List:
    """A required list of integer indices."""
    return fields.List(fields.Int(), required=True, metadata=metadata)


class ContractSchema(Schema):
    """A part of the result: unknown keys are an error."""

    class Meta:
        unknown = RAISE


class SpanSchema(ContractSchema):
    """start/end offsets into the article's clean text (end exclusive)."""

    start = fields.Int(**REQUIRED)
    end = fields.Int(**REQUIRED)


class TextSpanSchema(SpanSchema):
    """A span and its words."""

    text = fields.Str(**REQUIRED)


# --- Stage 1: extraction -------------------------------------------------------------------------------


class FetchedSchema(ContractSchema):
    """How an article submitted as a URL only was fetched."""

    url = fields.Str(**REQUIRED)
    final_url = fields.Str(**REQUIRED)
    status = fields.Int(**REQUIRED)
    content_type = fields.Str(**REQUIRED)
    bytes = fields.Int(**REQUIRED)
    redirects = fields.Int(**REQUIRED)


class RemovedLineSchema(ContractSchema):
    """A line of page furniture the cleaning removed, and why."""

    text = fields.Str(**REQUIRED)
    reason = fields.Str(**REQUIRED)
    signals = _ids()


class ClauseSchema(SpanSchema):
    """A clause of a long sentence: its span, predicate and polarity."""

    predicate = fields.Str(required=True, allow_none=True, metadata={"description": "Lemma of its verb."})
    negated = fields.Bool(**REQUIRED)


class SentenceSchema(SpanSchema):
    """A sentence; English sentences also carry their main predicate, polarity and clauses."""

    predicate = fields.Str(allow_none=True, metadata={"description": "Lemma of the main (content) verb."})
    negated = fields.Bool()
    clauses = fields.List(fields.Nested(ClauseSchema), metadata={
        "description": "Clauses of a sentence of 14 words or more (relative, adverbial, complement, "
                       "coordinated, main), at most 4."})


class EntitySchema(TextSpanSchema):
    """A named entity (or date, money, ...) with its normalised linking key."""

    label = fields.Str(**REQUIRED)
    key = fields.Str(**REQUIRED)


class QuoteSchema(TextSpanSchema):
    """A quotation (marks excluded), its speaker and cue when found, and the reported clause around it."""

    speaker = fields.Str(**NULLABLE)
    speaker_start = fields.Int(**NULLABLE)
    speaker_end = fields.Int(**NULLABLE)
    speaker_key = fields.Str(**NULLABLE)
    speaker_method = fields.Str(**NULLABLE, metadata={"description": "How the speaker was found: 'subject', "
                                                      "'dash attribution', 'previous quote in paragraph', ..."})
    speaker_mention_start = fields.Int(**NULLABLE)
    speaker_mention_end = fields.Int(**NULLABLE)
    cue = fields.Str(**NULLABLE)
    cue_start = fields.Int(**NULLABLE)
    cue_end = fields.Int(**NULLABLE)
    sentence = fields.Int(**REQUIRED)
    partial_ = fields.Bool(data_key="partial", **REQUIRED,
                           metadata={"description": "A quoted fragment inside running prose."})
    content_start = fields.Int(**REQUIRED)
    content_end = fields.Int(**REQUIRED)


HEDGES = ("exact", "at_least", "at_most", "about", "more_than", "less_than", "range")


class MeasureUnitSchema(ContractSchema):
    """The unit of a measure or an amount of money."""

    name = fields.Str(**REQUIRED, metadata={"description": "\"foot\", \"kilogram\", \"dollar\", ..."})
    dimension = fields.Str(**REQUIRED, metadata={"description": "length | mass | speed | area | age | "
                                                                "money:<currency>"})
    per_unit = fields.Float(**REQUIRED, metadata={"description": "size in the dimension's base unit (metre, "
                                                                 "kilogram, m/s, m², year of age; 1 for money)"})


class NumberHolderSchema(TextSpanSchema):
    """Whose figure a count is: the mention of the named subject that has or did the counted thing."""


class NumericClaimSchema(TextSpanSchema):
    """A number with its counted noun ("three armed drones"), hedge, event and sentence."""

    number_text = fields.Str(**REQUIRED)
    value = fields.Float(**REQUIRED)
    low = fields.Float(**NULLABLE)
    high = fields.Float(**NULLABLE)
    hedge = fields.Str(**_one_of(*HEDGES))
    kind = fields.Str(**_one_of("count", "proportion", "measure"))
    counted = fields.Str(**REQUIRED, metadata={"description": "Compounds + head noun as written; '' if implicit."})
    counted_lemma = fields.Str(**REQUIRED)
    counted_phrase = fields.Str(**REQUIRED)
    counted_inferred = fields.Bool(**REQUIRED)
    partitive = fields.Bool(**REQUIRED, metadata={"description": "a part of a set named elsewhere "
                                                               "(\"two of them\", \"20 of those injured\")"})
    event = fields.Str(**NULLABLE)
    event_class = fields.Str(**NULLABLE)
    event_lemma = fields.Str(**NULLABLE, metadata={"description": "the lemma of the event's word (\"fall\" of "
                                                                  "\"fell 15 feet\", \"condition\" of \"were in "
                                                                  "critical condition\"); null when there is none"})
    holder = fields.Nested(NumberHolderSchema, **NULLABLE, metadata={
        "description": "whose figure a count is: the named subject that has or did the counted thing "
                       "(\"Echenique\" of \"Echenique grabbed 11 rebounds\"); null when there is none"})
    sentence = fields.Int(**REQUIRED)
    excerpt = fields.Str(**REQUIRED)
    unit = fields.Nested(MeasureUnitSchema, **NULLABLE, metadata={"description": "a measure's unit; null for "
                                                                                "counts and proportions"})


class AttributionSchema(TextSpanSchema):
    """Who a statement is attributed to, by which cue, and the span of what is reported."""

    source = fields.Str(**REQUIRED)
    source_start = fields.Int(**REQUIRED)
    source_end = fields.Int(**REQUIRED)
    source_key = fields.Str(**NULLABLE)
    kind = fields.Str(**_one_of("named", "anonymous"))
    cue = fields.Str(**REQUIRED)
    cue_start = fields.Int(**REQUIRED)
    cue_end = fields.Int(**REQUIRED)
    method = fields.Str(**REQUIRED)
    frame = fields.Str(**_one_of("clause", "to", "other", "noun", "quote"))
    cites = fields.Str(metadata={"description": "'Citing X, Reuters reported': X."})
    cites_kind = fields.Str(validate=validate.OneOf(["named", "anonymous"]))
    sentence = fields.Int(**REQUIRED)
    content_start = fields.Int(**REQUIRED)
    content_end = fields.Int(**REQUIRED)
    quotes = _indices(description="Indices into the article's quotes.")
    numeric_claims = _indices(description="Indices into the article's numeric_claims.")


class DateMentionSchema(TextSpanSchema):
    """A date expression, normalised to ISO when it can be pinned down."""

    value = fields.Str(**NULLABLE)
    kind = fields.Str(**_one_of("date", "duration", "other", "time"))
    granularity = fields.Str(**NULLABLE)


class ExtractionStatsSchema(ContractSchema):
    """Sizes of the clean text."""

    chars = fields.Int(**REQUIRED)
    words = fields.Int(**REQUIRED)
    sentences = fields.Int(**REQUIRED)
    removed_lines = fields.Int(**REQUIRED)


class ExtractionSchema(ContractSchema):
    """One article's extraction: clean text, sentences, entities, quotes, numbers, attributions, dates."""

    article_id = fields.Str(**REQUIRED)
    source = fields.Str(**REQUIRED)
    title = fields.Str(**NULLABLE)
    url = fields.Str(**NULLABLE)
    published_at = fields.Str(**NULLABLE)
    author = fields.Str(**NULLABLE)
    site_name = fields.Str(**NULLABLE)
    input_format = fields.Str(**_one_of("text", "html"))
    fetched = fields.Nested(FetchedSchema, **NULLABLE)
    language = fields.Str(**REQUIRED)
    warnings = _ids()
    text = fields.Str(**REQUIRED, metadata={"description": "The clean text every offset points into."})
    removed = fields.List(fields.Nested(RemovedLineSchema), **REQUIRED)
    sentences = fields.List(fields.Nested(SentenceSchema), **REQUIRED)
    entities = fields.List(fields.Nested(EntitySchema), **REQUIRED)
    quotes = fields.List(fields.Nested(QuoteSchema), **REQUIRED)
    numeric_claims = fields.List(fields.Nested(NumericClaimSchema), **REQUIRED)
    attributions = fields.List(fields.Nested(AttributionSchema), **REQUIRED)
    dates = fields.List(fields.Nested(DateMentionSchema), **REQUIRED)
    stats = fields.Nested(ExtractionStatsSchema, **REQUIRED)


class ArticleErrorInfoSchema(ContractSchema):
    """Why an article could not be processed."""

    code = fields.Str(**REQUIRED)
    message = fields.Str(**REQUIRED)


class ExtractionFailureSchema(ContractSchema):
    """The slot of an article that failed in a batch extraction."""

    article_id = fields.Str(**REQUIRED)
    source = fields.Str(**REQUIRED)
    error = fields.Nested(ArticleErrorInfoSchema, **REQUIRED)


# --- Stage 2: deduplication ----------------------------------------------------------------------------


class ExactGroupSchema(ContractSchema):
    """Articles identical once their words are normalised."""

    articles = _ids()
    normalised_sha1 = fields.Str(**REQUIRED)


class PairSimilaritySchema(ContractSchema):
    """How much two articles share (coverage: share of each text inside the passages)."""

    minhash_jaccard = fields.Float(**REQUIRED)
    jaccard = fields.Float(**REQUIRED)
    containment = fields.Float(**REQUIRED)
    coverage_a = fields.Float(**REQUIRED)
    coverage_b = fields.Float(**REQUIRED)
    score = fields.Float(**REQUIRED)
    content_cosine = fields.Float(**REQUIRED)


class PassageSchema(ContractSchema):
    """A passage two articles share (a_* into article a, b_* into b)."""

    a_start = fields.Int(**REQUIRED)
    a_end = fields.Int(**REQUIRED)
    b_start = fields.Int(**REQUIRED)
    b_end = fields.Int(**REQUIRED)
    words = fields.Int(**REQUIRED)
    excerpt = fields.Str(**REQUIRED)
    kind = fields.Str(**_one_of("verbatim", "reworded", "shared_quote"))
    wording = fields.Str(**_one_of("verbatim", "reworded"))
    score = fields.Float(**REQUIRED)


class DuplicatePairSchema(ContractSchema):
    """Two articles that are near duplicates or one contains the other."""

    a = fields.Str(**REQUIRED)
    b = fields.Str(**REQUIRED)
    relation = fields.Str(**_one_of("near_duplicate", "containment", "partial"))
    lsh_candidate = fields.Bool(**REQUIRED)
    earlier = fields.Str(**NULLABLE, metadata={"description": "The article published first, if known."})
    similarity = fields.Nested(PairSimilaritySchema, **REQUIRED)
    passages = fields.List(fields.Nested(PassageSchema), **REQUIRED)


class ReusedPairSchema(DuplicatePairSchema):
    """Two articles that share passages without being duplicates as wholes."""

    kinds = fields.Dict(keys=fields.Str(), values=fields.Int(), **REQUIRED)


class DuplicateGroupSchema(ContractSchema):
    """Articles joined by exact or near duplication, with the one that stands for them."""

    id = fields.Str(**REQUIRED)
    articles = _ids()
    representative = fields.Str(**REQUIRED)
    representative_reason = fields.Str(**_one_of("earliest_published", "earliest_published_then_longest",
                                                 "most_complete"))


class SeenSimilaritySchema(ContractSchema):
    """How an article matches one the client's corpus index holds."""

    estimated_jaccard = fields.Float(**REQUIRED)
    matching_bands = fields.Int(**REQUIRED)
    bands = fields.Int(**REQUIRED)
    coverage = fields.Float(**REQUIRED)
    earlier_coverage = fields.Float(**REQUIRED)


class SeenPassageSchema(SpanSchema):
    """Matched sentences: start/end into this article, earlier_* into the earlier job's article."""

    earlier_start = fields.Int(**REQUIRED)
    earlier_end = fields.Int(**REQUIRED)
    sentences = fields.Int(**REQUIRED)
    kind = fields.Str(**_one_of("verbatim", "reworded"))
    score = fields.Float(**REQUIRED)


class SeenBeforeSchema(ContractSchema):
    """An article of this job that matches one of the client's earlier jobs."""

    article_id = fields.Str(**REQUIRED)
    earlier_job_id = fields.Str(**REQUIRED)
    earlier_article_id = fields.Str(**REQUIRED)
    earlier_source = fields.Str(**REQUIRED)
    earlier_published_at = fields.Str(**NULLABLE)
    relation = fields.Str(**_one_of("near_duplicate", "containment", "partial"))
    similarity = fields.Nested(SeenSimilaritySchema, **REQUIRED)
    passages = fields.List(fields.Nested(SeenPassageSchema), **REQUIRED)


class DedupParamsSchema(ContractSchema):
    """The parameters the stage ran with."""

    shingle_words = fields.Int(**REQUIRED)
    num_perm = fields.Int(**REQUIRED)
    reword_threshold = fields.Float(**REQUIRED)
    near_duplicate_coverage = fields.Float(**REQUIRED)
    containment_coverage = fields.Float(**REQUIRED)


class IndexReportSchema(ContractSchema):
    """What the stage did with the client's corpus index."""

    checked = fields.Bool(**REQUIRED)
    remembered = fields.Bool(**REQUIRED)
    articles = fields.Int(**REQUIRED)
    bytes_added = fields.Int(**REQUIRED)
    bytes_per_article = fields.Int(**REQUIRED)
    purged_expired_articles = fields.Int(**REQUIRED)


class DuplicatesSchema(ContractSchema):
    """Exact and near duplicates, reused passages, seen-before and the independent groups."""

    exact = fields.List(fields.Nested(ExactGroupSchema), **REQUIRED)
    near_duplicates = fields.List(fields.Nested(DuplicatePairSchema), **REQUIRED)
    groups = fields.List(fields.Nested(DuplicateGroupSchema), **REQUIRED)
    reused_passages = fields.List(fields.Nested(ReusedPairSchema), **REQUIRED)
    seen_before = fields.List(fields.Nested(SeenBeforeSchema), **REQUIRED)
    independent_groups = fields.List(fields.List(fields.Str()), **REQUIRED,
                                     metadata={"description": "A partition of the job's articles."})
    params = fields.Nested(DedupParamsSchema, **REQUIRED)
    index = fields.Nested(IndexReportSchema)
    partial_ = fields.Bool(data_key="partial", metadata={"description": "The stage ran out of time: see warnings."})
    warnings = fields.List(fields.Str())


# --- Stage 3: comparison -------------------------------------------------------------------------------


class EntitySummarySchema(ContractSchema):
    """A canonical (job-wide linked) entity and who mentions it."""

    id = fields.Str(**REQUIRED)
    name = fields.Str(**NULLABLE)
    label = fields.Str(**NULLABLE)
    mentions = fields.Int(**REQUIRED)
    article_ids = _ids()
    sources = _ids()
    merged_by = _ids(description="Why mentions were merged into this entity.")


class SpellingSchema(ContractSchema):
    """One spelling of an entity and the sources (with counts) that use it."""

    text = fields.Str(**REQUIRED)
    sources = fields.Dict(keys=fields.Str(), values=fields.Int(), **REQUIRED)
    article_ids = _ids()


class EntityVariantsSchema(ContractSchema):
    """An entity that sources spell differently."""

    entity_id = fields.Str(**REQUIRED)
    name = fields.Str(**NULLABLE)
    label = fields.Str(**NULLABLE)
    spellings = fields.List(fields.Nested(SpellingSchema), **REQUIRED)
    distinct = fields.Int(**REQUIRED)
    sources = _ids()


class ClaimantSchema(ContractSchema):
    """Whom a claim is attributed to (the outlet itself when nobody is named)."""

    name = fields.Str(**REQUIRED)
    kind = fields.Str(**_one_of("outlet", "named", "anonymous"))
    key = fields.Str(**NULLABLE)
    start = fields.Int(**NULLABLE)
    end = fields.Int(**NULLABLE)


class ClaimTimeSchema(ContractSchema):
    """The time a claim refers to."""

    value = fields.Str(**NULLABLE)
    basis = fields.Str(**_one_of("text", "published", "unknown"))
    published_at = fields.Str(**NULLABLE)
    marker = fields.Str(**NULLABLE, metadata={"description": "An update marker: 'so far', 'up from', ..."})


class ClaimNumberSchema(SpanSchema):
    """A quantity a claim states."""

    label = fields.Str(**REQUIRED)
    value = fields.Float(**REQUIRED)
    low = fields.Float(**NULLABLE)
    high = fields.Float(**NULLABLE)
    hedge = fields.Str(**REQUIRED)
    counted = fields.Str(**REQUIRED)
    event = fields.Str(**NULLABLE)
    vague = fields.Bool(**REQUIRED)
    dimension = fields.Str(**NULLABLE, metadata={"description": "a measure's dimension ('mass', 'length'): value, "
                                                                "low and high are then in its base unit "
                                                                "(kilogram, metre); null for counts"})


class FactClaimSchema(SpanSchema):
    """One article's claim in a fact, with its evidence."""

    article_id = fields.Str(**REQUIRED)
    source = fields.Str(**REQUIRED)
    sentence = fields.Int(**REQUIRED)
    excerpt = fields.Str(**REQUIRED)
    claimant = fields.Nested(ClaimantSchema, **REQUIRED)
    time = fields.Nested(ClaimTimeSchema, **REQUIRED)
    polarity = fields.Str(**_one_of("affirmed", "negated"))
    numbers = fields.List(fields.Nested(ClaimNumberSchema), **REQUIRED)
    independent_group = fields.Int(**REQUIRED)
    role = fields.Str(**_one_of("event", "context"))


class FactValueSchema(ContractSchema):
    """A value the claims of a fact state."""

    label = fields.Str(**REQUIRED)
    claims = _indices(description="Indices into the fact's claims.")
    sources = _ids()
    claimants = _ids()


class FactConflictSchema(ContractSchema):
    """Two claims of a fact that cannot both be true (or a change over time)."""

    a = fields.Int(**REQUIRED)
    b = fields.Int(**REQUIRED)
    kind = fields.Str(**_one_of("conflict", "dispute", "update"))
    reason = fields.Str(**REQUIRED)


class FactDisputeSchema(ContractSchema):
    """One side of a dispute."""

    claimant = fields.Str(**REQUIRED)
    value = fields.Str(**REQUIRED)
    claims = _indices()


class TimelinePointSchema(ContractSchema):
    """A value of an updated fact at one time."""

    time = fields.Str(**NULLABLE)
    value = fields.Str(**REQUIRED)
    source = fields.Str(**REQUIRED)
    claim = fields.Int(**REQUIRED)


class FactLinkSchema(ContractSchema):
    """Why two claims were joined: the scorer's probability and its features."""

    a = fields.Int(**REQUIRED)
    b = fields.Int(**REQUIRED)
    score = fields.Float(**REQUIRED)
    features = fields.Dict(keys=fields.Str(), values=fields.Float(), **REQUIRED)


FACT_STATUSES = ("conflicting", "disputed", "updated", "corroborated", "exclusive", "single")


class FactSchema(ContractSchema):
    """A figure or statement the sources report, and how they agree on it."""

    id = fields.Str(**REQUIRED)
    kind = fields.Str(**_one_of("numeric", "statement"))
    label = fields.Str(**REQUIRED)
    status = fields.Str(**_one_of(*FACT_STATUSES))
    salience = fields.Float(**REQUIRED)
    independent_sources = fields.Int(**REQUIRED)
    sources = _ids()
    article_ids = _ids()
    claims = fields.List(fields.Nested(FactClaimSchema), **REQUIRED)
    values = fields.List(fields.Nested(FactValueSchema), **REQUIRED)
    conflicts = fields.List(fields.Nested(FactConflictSchema), **REQUIRED)
    disputes = fields.List(fields.Nested(FactDisputeSchema), **REQUIRED)
    timeline = fields.List(fields.Nested(TimelinePointSchema), **REQUIRED)
    one_claimant = fields.Str(**NULLABLE, metadata={
        "description": "The one named party (person or body) every claim is attributed to, or whose quoted "
                       "words a claim in an outlet's own voice prints whole: the outlets agree on what it said, not "
                       "independently on what was said. Null when a claim is the outlet's own otherwise, its source "
                       "is unnamed, or the claims name different parties."})
    links = fields.List(fields.Nested(FactLinkSchema), **REQUIRED)


class QuoteChangeSchema(ContractSchema):
    """A word-level change of a variant against the reference wording."""

    op = fields.Str(**REQUIRED)
    from_ = fields.Str(data_key="from", **REQUIRED)
    to = fields.Str(**REQUIRED)
    key = fields.Bool(**REQUIRED, metadata={"description": "the change touches a content word, a number or a "
                                                        "negation (drift); function-word edits are not drift"})
    from_context = fields.Str(**REQUIRED, metadata={"description": "the reference's changed words with up to "
                                                                   "three words either side"})
    to_context = fields.Str(**REQUIRED, metadata={"description": "the variant's changed words with up to three "
                                                                 "words either side"})


class QuoteSegmentSchema(ContractSchema):
    """A run of a variant's words against the reference wording."""

    op = fields.Str(**_one_of("equal", "outside", "changed", "added"))
    text = fields.Str(**REQUIRED)


class QuoteVariantSchema(TextSpanSchema):
    """One article's wording of a shared quotation."""

    article_id = fields.Str(**REQUIRED)
    source = fields.Str(**REQUIRED)
    sentence_start = fields.Int(**REQUIRED)
    sentence_end = fields.Int(**REQUIRED)
    sentence = fields.Str(**REQUIRED)
    quote = fields.Str(**REQUIRED)
    speaker = fields.Str(**NULLABLE)
    cue = fields.Str(**NULLABLE)
    marked = fields.Bool(**REQUIRED, metadata={"description": "false when the article prints the quotation's "
                                                "words without quotation marks (a statement run as its own text)"})
    is_reference = fields.Bool(**REQUIRED)
    segments = fields.List(fields.Nested(QuoteSegmentSchema), **REQUIRED)
    changes = fields.List(fields.Nested(QuoteChangeSchema), **REQUIRED)


class SharedQuoteSchema(ContractSchema):
    """A quotation found in two or more articles."""

    id = fields.Str(**REQUIRED)
    speaker = fields.Str(**NULLABLE)
    reference = fields.Str(**REQUIRED)
    sources = _ids()
    article_ids = _ids()
    independent_sources = fields.Int(**REQUIRED)
    match = fields.Str(**_one_of("wording", "meaning"))
    wording_changed = fields.Bool(**REQUIRED)
    changes = fields.List(fields.Nested(QuoteChangeSchema), **REQUIRED)
    variants = fields.List(fields.Nested(QuoteVariantSchema), **REQUIRED)


class ProfileConflictSchema(ContractSchema):
    """A fact on which a source disagrees with others."""

    fact_id = fields.Str(**REQUIRED)
    label = fields.Str(**REQUIRED)
    value = fields.Str(**REQUIRED)
    against = _ids()


class AttributionCountsSchema(ContractSchema):
    """How a source attributes what it reports."""

    named = fields.Int(**REQUIRED)
    anonymous = fields.Int(**REQUIRED)
    anonymous_share = fields.Float(**REQUIRED)


class SourceProfileSchema(ContractSchema):
    """One source's part in the story."""

    source = fields.Str(**REQUIRED)
    article_ids = _ids()
    facts_reported = fields.Int(**REQUIRED)
    facts_total = fields.Int(**REQUIRED)
    fact_share = fields.Float(**REQUIRED)
    corroborated = fields.Int(**REQUIRED)
    exclusives = _ids()
    conflicts = fields.List(fields.Nested(ProfileConflictSchema), **REQUIRED)
    attributions = fields.Nested(AttributionCountsSchema, **REQUIRED)
    quotes = fields.Int(**REQUIRED)
    quotes_shared = fields.Int(**REQUIRED)
    words = fields.Int(**REQUIRED)
    furniture_share = fields.Float(**REQUIRED)
    reused_share = fields.Float(**REQUIRED)
    reused_with = _ids()
    copies_of = _ids()


class IndependentGroupSchema(ContractSchema):
    """Articles that count as one source."""

    id = fields.Int(**REQUIRED)
    articles = _ids()
    sources = _ids()
    relation = fields.Str(**_one_of("alone", "exact", "near_duplicate", "same_outlet"))
    representative = fields.Str(**REQUIRED)


class SharedPassageLinkSchema(ContractSchema):
    """Two independent articles that share copied passages."""

    a = fields.Str(**REQUIRED)
    b = fields.Str(**REQUIRED)
    relation = fields.Str(**REQUIRED)
    passages = fields.Int(**REQUIRED)


class IndependenceAccountSchema(ContractSchema):
    """The one account of which articles are independent."""

    groups = fields.List(fields.Nested(IndependentGroupSchema), **REQUIRED)
    independent_sources = fields.Int(**REQUIRED)
    shared_passages = fields.List(fields.Nested(SharedPassageLinkSchema), **REQUIRED)


class SummaryCountsSchema(ContractSchema):
    """The headline numbers."""

    sources = fields.Int(**REQUIRED)
    independent_sources = fields.Int(**REQUIRED)
    corroborated = fields.Int(**REQUIRED)
    conflicting = fields.Int(**REQUIRED)
    disputed = fields.Int(**REQUIRED)
    updated = fields.Int(**REQUIRED)
    exclusive = fields.Int(**REQUIRED)
    quotes_shared = fields.Int(**REQUIRED)
    quotes_reworded = fields.Int(**REQUIRED)
    occasions = fields.Int(**REQUIRED, metadata={"description": "Occasions the articles report; 0 when none "
                                                                 "names its day."})


class FactLineSchema(ContractSchema):
    """How the summary words one fact; the terminal summary shows these words, the report on its conflict, dispute
    and timeline cards."""

    said = fields.Str(**REQUIRED, metadata={"description": "what the outlets or claimants say of the fact: "
                                                           "values with outlets, claimants' sides, a timeline"})
    line = fields.Str(**REQUIRED, metadata={"description": "the fact's label, then `said`"})


class SummarySchema(ContractSchema):
    """The comparison in words."""

    text = fields.Str(**REQUIRED)
    headline = fields.Str(**REQUIRED)
    agreed = _ids()
    conflicts = _ids()
    disputes = _ids()
    updates = _ids()
    quote_drift = _ids()
    fact_lines = fields.Dict(keys=fields.Str(), values=fields.Nested(FactLineSchema), **REQUIRED,
                             metadata={"description": "fact id -> its words, for every conflicting, disputed, "
                                                      "updated and corroborated fact"})
    counts = fields.Nested(SummaryCountsSchema, **REQUIRED)


class StageSecondsSchema(ContractSchema):
    """Where the comparison's time went."""

    entities = fields.Float(**REQUIRED)
    claims = fields.Float(**REQUIRED)
    embeddings = fields.Float(**REQUIRED)
    alignment = fields.Float(**REQUIRED)
    quotes = fields.Float(**REQUIRED)
    total = fields.Float(**REQUIRED)


class ComparisonStatsSchema(ContractSchema):
    """Sizes, the scorer's provenance and timings."""

    articles = fields.Int(**REQUIRED)
    claims = fields.Int(**REQUIRED)
    candidate_pairs = fields.Int(**REQUIRED)
    links = fields.Int(**REQUIRED)
    scorer = fields.Dict(**REQUIRED, metadata={"description": "The fitted scorer's provenance."})
    quotes_shared = fields.Int(**REQUIRED)
    facts = fields.Int(**REQUIRED)
    linker = fields.Str(**REQUIRED)
    seconds = fields.Nested(StageSecondsSchema, **REQUIRED)


class OccasionSchema(ContractSchema):
    """Articles reporting one occasion: their own days lie within a week of the next."""

    first_day = fields.Str(**REQUIRED, metadata={"description": "ISO date"})
    last_day = fields.Str(**REQUIRED, metadata={"description": "ISO date"})
    articles = _ids()


class ComparisonSchema(ContractSchema):
    """Entities, facts, shared quotes, source profiles and independence, compared across sources."""

    sources = _ids()
    entities = fields.List(fields.Nested(EntitySummarySchema), **REQUIRED)
    entity_variants = fields.List(fields.Nested(EntityVariantsSchema), **REQUIRED)
    facts = fields.List(fields.Nested(FactSchema), **REQUIRED)
    quotes = fields.List(fields.Nested(SharedQuoteSchema), **REQUIRED)
    profiles = fields.List(fields.Nested(SourceProfileSchema), **REQUIRED)
    independence = fields.Nested(IndependenceAccountSchema, **REQUIRED)
    summary = fields.Nested(SummarySchema, **REQUIRED)
    stats = fields.Nested(ComparisonStatsSchema, **REQUIRED)
    occasions = fields.List(fields.Nested(OccasionSchema), **REQUIRED, metadata={
        "description": "The occasions the articles report (by the days their story sentences name); figures of "
                       "two occasions are never set against each other. Articles that name no day are left out."})
    partial_ = fields.Bool(data_key="partial", metadata={"description": "The stage ran out of time: see warnings."})
    warnings = fields.List(fields.Str())
