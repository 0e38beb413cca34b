"""The typed contract between the stages: what extraction, deduplication and comparison return.

The source of truth for the shapes in docs/analysis-contract.md. Every stage entry point is annotated with
these types, and shared/result_schemas.py mirrors each one as a marshmallow schema (what the gateway
publishes in OpenAPI); tests/unit/test_contract.py checks that both name the same keys. All offsets are
into an article's clean `text`, Python string indices, `end` exclusive. Everything is plain JSON.
"""

from typing import Any, Literal, NotRequired, TypedDict

# --- Stage 1: extraction, one record per article -------------------------------------------------------


class Fetched(TypedDict):
    """How an article submitted as a URL only was fetched."""

    url: str
    final_url: str
    status: int
    content_type: str
    bytes: int
    redirects: int


class RemovedLine(TypedDict):
    """A line of page furniture the cleaning removed, and why."""

    text: str
    reason: str
    signals: list[str]


class Clause(TypedDict):
    """A clause of a long sentence (workers/analysis/clauses.py): its span, predicate and polarity."""

    start: int
    end: int
    predicate: str | None
    negated: bool


class Sentence(TypedDict):
    """A sentence span; English sentences also carry their main predicate, polarity and clauses."""

    start: int
    end: int
    predicate: NotRequired[str | None]  # lemma of the main (content) verb
    negated: NotRequired[bool]
    clauses: NotRequired[list[Clause]]  # the clauses of a sentence of >= 14 words, at most 4


class Entity(TypedDict):
    """A named entity (or date, money, ...) with its normalised linking key."""

    text: str
    label: str
    start: int
    end: int
    key: str


class Quote(TypedDict):
    """A quotation (marks excluded), its speaker and cue when found, and the reported clause around it."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_key: str | None
    speaker_method: str | None  # "subject", "dash attribution", "previous quote in paragraph", ...
    speaker_mention_start: int | None  # the words naming the speaker in the sentence ("he")
    speaker_mention_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    sentence: int
    partial: bool  # a quoted fragment inside running prose
    content_start: int
    content_end: int


Hedge = Literal["exact", "at_least", "at_most", "about", "more_than", "less_than", "range"]


class MeasureUnit(TypedDict):
    """The unit of a measure or an amount of money (workers/analysis/units.py)."""

    name: str  # "foot", "kilogram", "dollar", "pound sterling"
    dimension: str  # "length" | "mass" | "speed" | "area" | "age" | "money:<currency>"
    per_unit: float  # the unit's size in the dimension's base unit (metre, kilogram, m/s, m², year; 1 for money)


class NumberHolder(TypedDict):
    """Whose figure a count is: the mention of the named subject that has or did the counted thing
    ("Echenique" of "Echenique grabbed 11 rebounds"; for "he grabbed ...", the person "he" is read as)."""

    text: str
    start: int
    end: int


class NumericClaim(TypedDict):
    """A number with its counted noun ("two South Korean ships"), hedge, event and sentence; or a measure
    ("fell 10 to 12 feet", "a 181-kg gorilla", "$6,000") with its unit, value and bounds as written."""

    text: str
    start: int
    end: int
    number_text: str
    value: float
    low: float | None
    high: float | None
    hedge: Hedge
    kind: Literal["count", "proportion", "measure"]
    counted: str
    counted_lemma: str
    counted_phrase: str
    counted_inferred: bool
    partitive: bool  # a part of a set named elsewhere ("two of them", "20 of those injured")
    event: str | None
    event_class: str | None
    event_lemma: str | None  # the lemma of `event`'s word ("fall" of "fell 15 feet", "condition" of "were in
    # critical condition"), None when there is none
    holder: NumberHolder | None  # a count's named holder (numbers._holder_of); None for measures and most counts
    sentence: int
    excerpt: str
    unit: MeasureUnit | None  # a measure's unit; None for counts and proportions


class Attribution(TypedDict):
    """Who a statement is attributed to, by which cue, and the span of what is reported."""

    text: str
    start: int
    end: int
    source: str
    source_start: int
    source_end: int
    source_key: str | None
    kind: Literal["named", "anonymous"]
    cue: str
    cue_start: int
    cue_end: int
    method: str  # "according to", "reporting verb", "cue noun", "quote speaker (...)"
    frame: Literal["clause", "to", "other", "noun", "quote"]
    cites: NotRequired[str]  # "Citing X, Reuters reported"
    cites_kind: NotRequired[Literal["named", "anonymous"]]
    sentence: int
    content_start: int
    content_end: int
    quotes: list[int]  # indices into the extraction's quotes
    numeric_claims: list[int]  # indices into the extraction's numeric_claims


class DateMention(TypedDict):
    """A date expression, normalised to ISO when it can be pinned down."""

    text: str
    start: int
    end: int
    value: str | None
    kind: Literal["date", "duration", "other", "time"]  # "time": a clock time, value "HH:MM" (24 h, "Z" for UTC)
    granularity: str | None  # "day" | "week" | "month" | "year" | "decade"; "minute" for a clock time


class ExtractionStats(TypedDict):
    """Sizes of the clean text."""

    chars: int
    words: int
    sentences: int
    removed_lines: int


class Extraction(TypedDict):
    """Stage 1's output for one article."""

    article_id: str
    source: str
    title: str | None
    url: str | None
    published_at: str | None
    author: str | None
    site_name: str | None
    input_format: Literal["text", "html"]
    fetched: Fetched | None
    language: str
    warnings: list[str]
    text: str
    removed: list[RemovedLine]
    sentences: list[Sentence]
    entities: list[Entity]
    quotes: list[Quote]
    numeric_claims: list[NumericClaim]
    attributions: list[Attribution]
    dates: list[DateMention]
    stats: ExtractionStats


class ArticleErrorInfo(TypedDict):
    """Why an article could not be processed."""

    code: str
    message: str


class ExtractionFailure(TypedDict):
    """The slot of an article that failed in a batch extraction."""

    article_id: str
    source: str
    error: ArticleErrorInfo


ExtractionSlot = Extraction | ExtractionFailure  # one article's place in a batch: its extraction or its error


# --- Stage 2: deduplication, once per job --------------------------------------------------------------


class ExactGroup(TypedDict):
    """Articles identical once their words are normalised."""

    articles: list[str]
    normalised_sha1: str


class PairSimilarity(TypedDict):
    """How much two articles share."""

    minhash_jaccard: float
    jaccard: float
    containment: float
    coverage_a: float
    coverage_b: float
    score: float
    content_cosine: float


class Passage(TypedDict):
    """A passage two articles share (a_* into article a, b_* into b)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int
    excerpt: str
    kind: Literal["verbatim", "reworded", "shared_quote"]
    wording: Literal["verbatim", "reworded"]
    score: float


class DuplicatePair(TypedDict):
    """Two articles that are near duplicates or one contains the other."""

    a: str
    b: str
    relation: Literal["near_duplicate", "containment", "partial"]
    lsh_candidate: bool
    earlier: str | None
    similarity: PairSimilarity
    passages: list[Passage]


class ReusedPair(DuplicatePair):
    """Two articles that share passages without being duplicates as wholes."""

    kinds: dict[str, int]  # passage kind -> count


class DuplicateGroup(TypedDict):
    """Articles joined by exact or near duplication, with the one that stands for them."""

    id: str
    articles: list[str]
    representative: str
    representative_reason: Literal["earliest_published", "earliest_published_then_longest", "most_complete"]


class SeenSimilarity(TypedDict):
    """How an article matches one the client's corpus index holds."""

    estimated_jaccard: float
    matching_bands: int
    bands: int
    coverage: float
    earlier_coverage: float


class SeenPassage(TypedDict):
    """Matched sentences: start/end into this article, earlier_* into the earlier job's article."""

    start: int
    end: int
    earlier_start: int
    earlier_end: int
    sentences: int
    kind: Literal["verbatim", "reworded"]
    score: float


class SeenBefore(TypedDict):
    """An article of this job that matches one of the client's earlier jobs."""

    article_id: str
    earlier_job_id: str
    earlier_article_id: str
    earlier_source: str
    earlier_published_at: str | None
    relation: Literal["near_duplicate", "containment", "partial"]
    similarity: SeenSimilarity
    passages: list[SeenPassage]


class DedupParams(TypedDict):
    """The parameters the stage ran with."""

    shingle_words: int
    num_perm: int
    reword_threshold: float
    near_duplicate_coverage: float
    containment_coverage: float


class IndexReport(TypedDict):
    """What the stage did with the client's corpus index."""

    checked: bool
    remembered: bool
    articles: int
    bytes_added: int
    bytes_per_article: int
    purged_expired_articles: int


class Duplicates(TypedDict):
    """Stage 2's output; `index` is added by the stage glue, `partial`/`warnings` when it ran out of time."""

    exact: list[ExactGroup]
    near_duplicates: list[DuplicatePair]
    groups: list[DuplicateGroup]
    reused_passages: list[ReusedPair]
    seen_before: list[SeenBefore]
    independent_groups: list[list[str]]  # a partition of the job's articles
    params: DedupParams
    index: NotRequired[IndexReport]
    partial: NotRequired[bool]
    warnings: NotRequired[list[str]]


# --- Stage 3: comparison, once per job -----------------------------------------------------------------


class EntitySummary(TypedDict):
    """A canonical (job-wide linked) entity and who mentions it."""

    id: str
    name: str | None
    label: str | None
    mentions: int
    article_ids: list[str]
    sources: list[str]
    merged_by: list[str]


class Spelling(TypedDict):
    """One spelling of an entity and the sources (with counts) that use it."""

    text: str
    sources: dict[str, int]
    article_ids: list[str]


class EntityVariants(TypedDict):
    """An entity that sources spell differently."""

    entity_id: str
    name: str | None
    label: str | None
    spellings: list[Spelling]
    distinct: int
    sources: list[str]


class Claimant(TypedDict):
    """Whom a claim is attributed to (the outlet itself when nobody is named)."""

    name: str
    kind: Literal["outlet", "named", "anonymous"]
    key: str | None
    start: int | None
    end: int | None


class ClaimTime(TypedDict):
    """The time a claim refers to."""

    value: str | None
    basis: Literal["text", "published", "unknown"]
    published_at: str | None
    marker: str | None  # an update marker: "so far", "up from", ...


class ClaimNumber(TypedDict):
    """A quantity a claim states."""

    label: str
    value: float
    low: float | None
    high: float | None
    hedge: str
    counted: str
    event: str | None
    vague: bool
    start: int
    end: int
    dimension: str | None  # a measure's ("mass", "length"; value, low, high in its base unit); None for counts


class FactClaim(TypedDict):
    """One article's claim in a fact, with its evidence."""

    article_id: str
    source: str
    start: int
    end: int
    sentence: int
    excerpt: str
    claimant: Claimant
    time: ClaimTime
    polarity: Literal["affirmed", "negated"]
    numbers: list[ClaimNumber]
    independent_group: int
    role: Literal["event", "context"]


class FactValue(TypedDict):
    """A value the claims of a fact state (indices into the fact's claims)."""

    label: str
    claims: list[int]
    sources: list[str]
    claimants: list[str]


class FactConflict(TypedDict):
    """Two claims of a fact that cannot both be true (or a change over time)."""

    a: int
    b: int
    kind: Literal["conflict", "dispute", "update"]
    reason: str


class FactDispute(TypedDict):
    """One side of a dispute."""

    claimant: str
    value: str
    claims: list[int]


class TimelinePoint(TypedDict):
    """A value of an updated fact at one time."""

    time: str | None
    value: str
    source: str
    claim: int


class FactLink(TypedDict):
    """Why two claims were joined: the scorer's probability and its features."""

    a: int
    b: int
    score: float
    features: dict[str, float]


FactStatus = Literal["conflicting", "disputed", "updated", "corroborated", "exclusive", "single"]


class Fact(TypedDict):
    """A figure or statement the sources report, and how they agree on it."""

    id: str
    kind: Literal["numeric", "statement"]
    label: str  # a figure's "noun — event"; a statement's representative sentence (facts.representative)
    status: FactStatus
    salience: float
    independent_sources: int
    sources: list[str]
    article_ids: list[str]
    claims: list[FactClaim]
    values: list[FactValue]
    conflicts: list[FactConflict]
    disputes: list[FactDispute]
    timeline: list[TimelinePoint]
    # the one named party every claim is attributed to, or whose quoted words an outlet prints as its own text
    # (the outlets agree on what it said), else None
    one_claimant: str | None
    links: list[FactLink]


# `key`: the change touches a key word (a content word, a number or a negation); an edit of function words
# only ("the", "quite", "did"/"do") is shown but is not drift.
# A word-level change of a variant against the reference wording: the reference's words ("from"), the variant's
# ("to"), whether it is drift ("key"), and each side with up to three words around it ("from_context",
# "to_context"), so a reader sees where the change is.
QuoteChange = TypedDict("QuoteChange", {"op": str, "from": str, "to": str, "key": bool, "from_context": str,
                                        "to_context": str})


class QuoteSegment(TypedDict):
    """A run of a variant's words against the reference wording."""

    op: Literal["equal", "outside", "changed", "added"]
    text: str


class QuoteVariant(TypedDict):
    """One article's wording of a shared quotation."""

    article_id: str
    source: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str
    quote: str
    speaker: str | None
    cue: str | None
    marked: bool  # False: the article prints the words without quotation marks (a statement run as its text)
    # the variant the others are diffed against: the wording most independent reports print (ties: the fullest;
    # comparison.quotes._reference)
    is_reference: bool
    segments: list[QuoteSegment]
    changes: list[QuoteChange]


class SharedQuote(TypedDict):
    """A quotation found in two or more articles."""

    id: str
    speaker: str | None
    reference: str
    sources: list[str]
    article_ids: list[str]
    independent_sources: int
    match: Literal["wording", "meaning"]
    wording_changed: bool
    changes: list[QuoteChange]
    variants: list[QuoteVariant]


class ProfileConflict(TypedDict):
    """A fact on which a source disagrees with others."""

    fact_id: str
    label: str
    value: str
    against: list[str]


class AttributionCounts(TypedDict):
    """How a source attributes what it reports."""

    named: int
    anonymous: int
    anonymous_share: float


class SourceProfile(TypedDict):
    """One source's part in the story."""

    source: str
    article_ids: list[str]
    facts_reported: int
    facts_total: int
    fact_share: float
    corroborated: int
    exclusives: list[str]
    conflicts: list[ProfileConflict]
    attributions: AttributionCounts
    quotes: int
    quotes_shared: int
    words: int
    furniture_share: float
    reused_share: float
    reused_with: list[str]
    copies_of: list[str]


class IndependentGroup(TypedDict):
    """Articles that count as one source."""

    id: int
    articles: list[str]
    sources: list[str]
    relation: Literal["alone", "exact", "near_duplicate", "same_outlet"]
    representative: str


class SharedPassageLink(TypedDict):
    """Two independent articles that share copied passages."""

    a: str
    b: str
    relation: str
    passages: int


class IndependenceAccount(TypedDict):
    """The one account of which articles are independent."""

    groups: list[IndependentGroup]
    independent_sources: int
    shared_passages: list[SharedPassageLink]


class SummaryCounts(TypedDict):
    """The headline numbers."""

    sources: int
    independent_sources: int
    corroborated: int
    conflicting: int
    disputed: int
    updated: int
    exclusive: int
    quotes_shared: int
    quotes_reworded: int
    occasions: int  # occasions the articles report (Comparison.occasions); 0 when no article names its day


class FactLine(TypedDict):
    """How the summary words one fact (comparison.summary.fact_line)."""

    said: str  # what the outlets or claimants say of it: values and outlets, sides, a timeline, sources
    line: str  # the fact's label, then `said`


class Summary(TypedDict):
    """The comparison in words."""

    text: str
    headline: str
    agreed: list[str]
    conflicts: list[str]
    disputes: list[str]
    updates: list[str]
    quote_drift: list[str]
    fact_lines: dict[str, FactLine]  # fact id -> its words, for every conflicting, disputed, updated, corroborated
    counts: SummaryCounts


class StageSeconds(TypedDict):
    """Where the comparison's time went."""

    entities: float
    claims: float
    embeddings: float
    alignment: float
    quotes: float
    total: float


class ComparisonStats(TypedDict):
    """Sizes, the scorer's provenance and timings."""

    articles: int
    claims: int
    candidate_pairs: int
    links: int
    scorer: dict[str, Any]  # the fitted scorer's provenance (claim_scorer.json)
    quotes_shared: int
    facts: int
    linker: str
    seconds: StageSeconds


class Occasion(TypedDict):
    """Articles reporting one occasion: their own days (the day each one's story sentences name most) lie
    within comparison.occasions.OCCASION_DAYS of the next. Figures are set against each other only between
    articles whose own days lie within OCCASION_DAYS of each other: never across occasions, nor between the ends
    of an occasion that spans more than that."""

    first_day: str  # ISO date
    last_day: str
    articles: list[str]


class Comparison(TypedDict):
    """Stage 3's output; `partial`/`warnings` when it ran out of time."""

    sources: list[str]
    entities: list[EntitySummary]
    entity_variants: list[EntityVariants]
    facts: list[Fact]
    quotes: list[SharedQuote]
    profiles: list[SourceProfile]
    independence: IndependenceAccount
    summary: Summary
    stats: ComparisonStats
    occasions: list[Occasion]
    partial: NotRequired[bool]
    warnings: NotRequired[list[str]]
