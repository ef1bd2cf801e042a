"""Records that flow through the pipeline: plain dataclasses, one per thing a user can see.

Ids are deterministic (a hash of what identifies the record) so a re-run over the same
input produces the same ids and adds nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def make_id(*parts: object) -> str:
    """A short stable id from the parts that identify a record."""
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


@dataclass
class RawDocument:
    """One article as read from disk, before any cleaning."""

    source: str  # input path (with ":line" for jsonl) or the URL given in a jsonl record
    text: str  # decoded, NFC-normalised file content (HTML stays HTML here)
    format: str  # "txt", "md", "html" or "jsonl"
    content_hash: str  # hash of the normalised content; exact duplicates share it
    encoding: str = "utf-8"
    meta: dict = field(default_factory=dict)  # url, title, outlet, authors, published from jsonl


@dataclass
class Removed:
    """A piece of the input that is not the article body, kept so a user can audit it."""

    kind: str  # image, caption, boilerplate, bio, comments, title, metadata, embed, furniture ...
    text: str
    rule: str | None = None  # the rule that removed it, where one rule did ("line-model")


@dataclass
class Comment:
    """A reader comment: never the outlet's words."""

    author: str | None
    date: str | None
    text: str


@dataclass
class Document:
    """A cleaned article: `text` is the body every character offset refers to."""

    id: str
    source: str
    text: str
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date
    language: str = "en"
    dateline: str | None = None  # the "CITY –" place that opens the body
    comments: list[Comment] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    format: str = "txt"
    content_hash: str = ""
    # Where each metadata field came from, so a user can check it:
    # {"outlet": "manifest", "published": "html-meta article:published_time", "title": "text line 3"}
    provenance: dict[str, str] = field(default_factory=dict)
    # The article's own lines cleaning took out of the body (a sub-headline, a pull quote), one
    # paragraph each, read for names and events: mentions and events with field "header".
    header: str | None = None


@dataclass(slots=True)
class Mention:
    """A named-entity mention in one document's cleaned text."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str  # the name as written, without honorific prefix
    type: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    descriptor: str | None = (
        None  # prefix or role that came with it: "General", "Martyr", "the terrorist"
    )
    entity_id: str | None = None  # set by entity resolution
    # The text the offsets are in: "body" (the cleaned text), "title" (the document's title) or
    # "header" (`Document.header`: lines removed from the body that are the article's words)
    field: str = "body"
    # The corpus rule that made it ("story-wide-name": a name tagged in another article); None
    # for the mentions found in the article itself (rebuilt with the corpus when set)
    rule: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[dict] = field(default_factory=list)  # [{text, count}]
    descriptors: list[dict] = field(default_factory=list)  # [{text, doc_id, outlet}]
    mention_count: int = 0
    document_ids: list[str] = field(default_factory=list)
    reasons: list[dict] = field(
        default_factory=list
    )  # [{alias, rule, evidence}] why each alias joined
    external_id: str | None = None  # from a user-supplied reference list (no network lookups)


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: a span of the document, possibly resolved from a pronoun."""

    text: str
    start: int | None = None
    end: int | None = None
    entity_id: str | None = None


@dataclass(slots=True)
class Quote:
    id: str
    doc_id: str
    start: int
    end: int
    text: str
    kind: str  # direct, indirect, mixed, block, post
    speaker: Speaker | None = None
    cue: str | None = None  # the verb or phrase of saying: "said", "according to", "wrote"
    via: str | None = None  # the medium: "told Example TV", "in a statement", "on X"
    date: str | None = None  # ISO date of the statement when the text gives it
    speaker_rule: str | None = None  # which rule chose the speaker (for explanations)
    confidence: float = 0.0
    candidates: list[dict] = field(default_factory=list)  # [{text, start, end, score, rule}]


@dataclass(slots=True)
class When:
    """A resolved time: a date range with its precision and the text it came from."""

    start: str  # ISO date
    end: str  # ISO date
    precision: str  # day, month, year, decade
    text: str = ""
    char_start: int | None = None
    char_end: int | None = None


@dataclass(slots=True)
class TimeMention:
    """A time expression in a document's cleaned body, normalised like a TIMEX3 value.

    `value` is "1998-02-27", "1998-02", "1998", "199X" (decade), "19" (century), "1998-W09",
    "1998-Q1", "1998-H2", "1998-SU", or "PRESENT_REF"/"PAST_REF"/"FUTURE_REF"; None when the
    expression is relative and the article has no date to read it from (`anchor` "none").
    `start_date`/`end_date` is the calendar range the value covers (None for the _REF values).
    """

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    value: str | None
    precision: str  # day, month, year, decade, century, week, quarter, half, season, ref
    rule: str
    start_date: str | None = None
    end_date: str | None = None
    mod: str | None = None  # START, MID, END, APPROX, AFTER, BEFORE
    anchor: str = "absolute"  # absolute | article (read from the article date) | none (no date)
    tense: str | None = None  # future / past when the clause decided the direction


@dataclass(slots=True)
class Claim:
    """A statement of fact or event as one document tells it, with who it comes from."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    predicate: str  # lemma of the main verb
    object: str | None = None
    subject_text: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    where_text: str | None = None
    where_start: int | None = None
    where_end: int | None = None
    when: When | None = None
    source_kind: str = (
        "outlet"  # outlet (the narration), quote (inside a quote), reported (attributed speech)
    )
    quote_id: str | None = None
    cluster_id: str | None = None
    # The registered rule that decided each part: {"verb": "claim-verb-root", "source":
    # "claim-outlet-narration", "when": "claim-date-in-clause", "where": None}
    rules: dict[str, str | None] = field(default_factory=dict)


@dataclass(slots=True)
class EventMention:
    """One predicate that names an event, in one document's cleaned text."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str  # the predicate as written: "entered", "ambush"
    lemma: str  # its lemma, nouns folded to their verb where the corpus has it: "shoot"
    kind: str  # "verb", "noun" or "adjective" (a state: "found dead")
    sentence_start: int
    sentence_end: int
    rule: str  # the registered rule that took the word for an event
    who: str | None = None  # the doer, as written: "Troops"
    whom: str | None = None  # the one it was done to: "two men"
    where: str | None = None  # a place the sentence attaches to it: "Tolvane"
    when: str | None = None  # a time expression attached to it: "on Friday"
    negated: bool = False  # "did not enter", "no attack"
    hedged: bool = False  # "reportedly entered", "the alleged attack"
    quote_id: str | None = None  # told inside this quote: a speaker's words, not the outlet's
    cluster_id: str | None = None
    field: str = "body"  # the text the offsets are in: "body", "title" or "header"
    when_value: str | None = None  # the TIMEX3-like value of the date its clause gives
    when_rule: str | None = None  # the event-date rule that gave it


@dataclass
class ClaimCluster:
    id: str
    label: str
    claim_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    independent_outlets: int = 0


@dataclass
class TimelineEntry:
    id: str
    date: str
    date_precision: str
    description: str
    entity_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)  # the dated event mentions it holds


@dataclass(slots=True)
class Naming:
    """One wording in an outlet's own voice about one actor: a title, a label, a predicate.

    `start`/`end` is the wording itself ("Deputy Foreign Minister"); `actor_start`/`actor_end`
    is the name it belongs to ("Abbas Tarvel"), or None for an actor with no name, which is then
    known by `concept` (its head noun and the modifiers that say which one: "transit official").
    """

    id: str
    doc_id: str
    start: int
    end: int
    text: str  # as written: "Deputy Foreign Minister"
    term: str  # normalised: "deputy foreign minister"
    kind: str  # title, label, apposition, predicate-nominal, attribute, predicate, loaded
    rule: str  # the registered rule that read it (framing-naming or framing-loaded stage)
    actor_start: int | None = None
    actor_end: int | None = None
    concept: str | None = None  # an unnamed actor: "protester", "transit official"
    lemma: str | None = None  # a predicate's lemma: "oust"


@dataclass(slots=True)
class FramingTerm:
    """How one outlet words one actor or event: the term, how often, and where.

    `entity_id` is the actor (a resolved entity, or a concept id for an unnamed actor: see
    `subject`); "" for a predicate or loaded word with no actor, the wording of its event
    (`event_id`)."""

    outlet: str
    entity_id: str
    term: str
    count: int
    examples: list[dict] = field(default_factory=list)  # [{doc_id, start, end}]
    kind: str = (
        "label"  # title, label, apposition, predicate-nominal, attribute, predicate, loaded,
        # distinctive
    )
    rule: str | None = None  # the registered rule behind the row (the first example's)
    subject: str | None = None  # who or what the row is about, as a reader sees it
    event_id: str | None = None  # a predicate's event cluster
    z: float | None = None  # distinctive rows: weighted log-odds z-score, outlet vs the rest
    ratio: float | None = None  # distinctive rows: plain frequency ratio, outlet vs the rest


@dataclass(slots=True)
class AliasLink:
    """Evidence in one document that two names are one actor: an acronym defined, "X, known as Y"."""

    doc_id: str
    name: str  # the full form: "Northern Liberation Front"
    alias: str  # the other form: "NLF"
    rule: str  # "acronym", "known-as"
    start: int
    end: int
