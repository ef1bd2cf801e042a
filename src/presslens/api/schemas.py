"""Response models: the export records (docs/export-format.md) plus what a page joins to them.

They exist for the OpenAPI schema and to keep responses to a known shape; field names and
meanings are those of the export, so a client of `presslens export` reads the API unchanged.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `next` is the URL of the following page, null on the last."""

    total: int = Field(description="items matching the filters, on every page")
    limit: int
    offset: int
    next: str | None
    items: list[T]


class ErrorBody(BaseModel):
    status: int
    message: str
    detail: Any | None = Field(None, description="FastAPI's validation detail, for 422")


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class Index(BaseModel):
    name: str
    documents: int
    entities: int
    quotes: int
    claims: int
    clusters: int
    events: int
    endpoints: list[str]
    schema_url: str = Field(alias="schema")


class DocumentRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str = Field(description="relative to the common folder of the inputs, or a URL")


class Document(BaseModel):
    """documents.jsonl without `text` (the detail endpoint adds it)."""

    id: str
    source: str = Field(description="relative to the common folder of the inputs, or a URL")
    outlet: str | None
    title: str | None
    header: str | None = Field(
        None, description="lines removed from the body that are the article's words (names only)"
    )
    authors: list[str]
    published: str | None
    language: str | None
    dateline: str | None
    comments: list[dict]
    captions: list[str]
    removed: list[dict]
    republished_from: str | None
    provenance: dict[str, str]
    snippet: str | None = Field(None, description="with `q`: the match, words in [brackets]")


class Mention(BaseModel):
    id: str
    doc_id: str
    entity_id: str | None
    start: int
    end: int
    text: str
    type: str
    descriptor: str | None
    field: str = Field(
        "body",
        description='"body": offsets into `text`; "title": into `title`; "header": into `header`',
    )


class Speaker(BaseModel):
    text: str
    entity_id: str | None
    start: int | None
    end: int | None


class RecycledFrom(BaseModel):
    """The first appearance of a quote told again long after (rule recycled-quote)."""

    quote_id: str
    doc_id: str
    published: str
    days_later: int
    rule: str


class Quote(BaseModel):
    """quotes.jsonl, plus the outlet and date of its document."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None
    cue: str | None
    via: str | None
    date: str | None
    speaker_rule: str | None
    confidence: float | None
    candidates: list[dict]
    recycled_from: RecycledFrom | None = None
    outlet: str | None = None
    published: str | None = None


class When(BaseModel):
    start: str
    end: str
    precision: str
    text: str | None
    char_start: int | None
    char_end: int | None


class ClaimSource(BaseModel):
    kind: str | None
    entity_id: str | None
    quote_id: str | None


class Claim(BaseModel):
    """claims.jsonl, plus its document's outlet and the original it copies (if a copy)."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    subject_entity_id: str | None
    predicate: str | None
    object: str | None
    when: When | None
    where_entity_id: str | None
    source: ClaimSource
    cluster_id: str | None
    outlet: str | None = None
    republished_from: str | None = None


class EventMention(BaseModel):
    """events.jsonl (one predicate naming an event), plus its document's outlet, date and the
    original it copies (if a copy). `sentence_start`/`sentence_end` span its sentence."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    lemma: str | None
    kind: str | None
    sentence_start: int | None
    sentence_end: int | None
    rule: str | None
    who: str | None
    whom: str | None
    where: str | None
    when: str | None
    negated: bool | None
    hedged: bool | None
    source: ClaimSource
    cluster_id: str | None
    field: str = Field(
        "body",
        description='"body": offsets into `text`; "title": into `title`; "header": into `header`',
    )
    outlet: str | None = None
    published: str | None = None
    republished_from: str | None = None


class EventDate(BaseModel):
    """One date an event's mentions give: how many say it, in which outlets, which mentions."""

    value: str = Field(description='a TIMEX3-like value: "2024-03-03", "2024-03", "2024-W09"')
    mentions: int
    outlets: list[str]
    event_ids: list[str]


class EventCluster(BaseModel):
    """Mentions of one event across documents, with a first page of them."""

    id: str
    lemma: str = Field(description="the predicate most mentions share, nouns folded to verbs")
    mention_count: int
    doc_ids: list[str]
    outlets: list[str]
    independent_outlets: int = Field(description="outlets telling it, copies not counted")
    negated: int = Field(description="mentions that deny it")
    hedged: int = Field(description="mentions that hedge it")
    date: str | None = Field(None, description="the date value most of its dated mentions give")
    dates: list[EventDate] = Field(
        default_factory=list, description="every date its mentions give, most told first"
    )
    dates_differ: bool = Field(False, description="two of its dates cannot be the same day")
    mentions: Page[EventMention]


class Annotations(BaseModel):
    """Spans into `text` (end exclusive): `text[start:end]` is each record's `text`; a mention
    with `field` "title" is a span of the document's `title` instead, "header" of its `header`."""

    mentions: list[Mention]
    quotes: list[Quote]
    claims: list[Claim]
    events: list[EventMention] = Field(default_factory=list)
    removed: list[dict] = Field(description="taken out of the input, so not in `text`")


class DocumentDetail(Document):
    text: str
    annotations: Annotations


class Entity(BaseModel):
    """entities.jsonl."""

    id: str
    name: str
    type: str
    aliases: list[dict]
    descriptors: list[dict]
    mention_count: int
    document_ids: list[str]
    reasons: list[dict]
    external_id: str | None


class EntityRef(BaseModel):
    id: str
    name: str
    type: str


class EntityDetail(Entity):
    mentions_by_outlet: dict[str, int]
    descriptors_by_outlet: dict[str, dict[str, int]]
    labels_by_outlet: dict[str, dict[str, int]] = Field(description="framing terms per outlet")
    quotes_by: Page[Quote]
    quotes_about: Page[Quote]
    documents: Page[DocumentRef]


class Cluster(BaseModel):
    """claim_clusters.jsonl, with a first page of its claims (copies marked `republished_from`)."""

    id: str
    label: str | None
    claim_ids: list[str]
    doc_ids: list[str]
    outlets: list[str]
    independent_outlets: int
    claims: Page[Claim]


class TimelineEntry(BaseModel):
    id: str
    date: str
    date_precision: str | None
    description: str | None
    entity_ids: list[str]
    doc_ids: list[str]
    claim_ids: list[str]


class FramingTerm(BaseModel):
    term: str
    count: int
    examples: list[dict] = Field(description="[{doc_id, start, end}] behind the count")


class OutletFraming(BaseModel):
    mentions: int
    terms: list[FramingTerm]


class Framing(BaseModel):
    """How each outlet names one actor: its labels per outlet, next to how often it names it."""

    entity: EntityRef
    by_outlet: dict[str, OutletFraming]


class Outlet(BaseModel):
    name: str
    documents: int


class Node(BaseModel):
    id: str
    name: str
    type: str
    mention_count: int


class Edge(BaseModel):
    source: str
    target: str
    kind: str = Field(
        description="co-occurrence (same document) or quotes (source speaks, target named)"
    )
    weight: int = Field(description="documents (co-occurrence) or quotes (quotes)")


class Network(BaseModel):
    total_nodes: int
    limit: int
    nodes: list[Node]
    edges: list[Edge]


class MergeRequest(BaseModel):
    a: str = Field(description="an entity id or name")
    b: str = Field(description="an entity id or name")


class SplitRequest(BaseModel):
    entity: str = Field(description="an entity id or name")
    alias: str = Field(description="the alias that is not that entity")


class RenameOutletRequest(BaseModel):
    old: str
    new: str = Field(min_length=1)


class WriteResult(BaseModel):
    done: str
    entity: Entity | None = None
    documents_changed: int | None = None


class ClusterRef(BaseModel):
    id: str
    label: str | None
    outlets: list[str]
    independent_outlets: int


class CoverageCell(BaseModel):
    outlet: str
    date: str
    documents: int


class Overview(BaseModel):
    """The story at a glance: counts, documents per outlet and date, the most named actors."""

    counts: dict[str, int]
    outlets: list[str]
    dates: list[str] = Field(description="publication dates, oldest first (undated left out)")
    coverage: list[CoverageCell]
    undated: dict[str, int] = Field(description="outlet → documents without a date")
    top_actors: list[Node]
    top_clusters: list[ClusterRef] = Field(description="claims told by the most outlets")
    top_events: list[ClusterRef] = Field(description="events told by the most outlets")
