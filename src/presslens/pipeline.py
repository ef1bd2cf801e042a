"""Runs the stages in order over a stream of documents: ingest → clean → nlp → extractors → store.

Per-document stages run in `nlp.pipe` batches and are stored one transaction per document;
corpus-level stages (entity resolution, republications, claim clustering, timeline, framing)
then rebuild their tables from what is stored, so adding one file re-derives them consistently.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import claims as claims_stage
from . import entities as entities_stage
from . import events as events_stage
from . import framing as framing_stage
from . import quotes as quotes_stage
from . import sources as sources_stage
from . import timex as timex_stage
from .budget import DOCUMENT_SECONDS, OverBudget, time_budget
from .clean import clean_document
from .ingest import Problem, iter_raw_documents
from .models import Document, Quote
from .nlp import MAX_TEXT_CHARS, load_model, parse_many
from .store import DEFAULT_DB, Store


@dataclass
class AnalyzeReport:
    added: list[str] = field(default_factory=list)  # sources of newly stored documents
    duplicates: list[tuple[str, str]] = field(
        default_factory=list
    )  # (source, source it duplicates)
    unchanged: list[str] = field(default_factory=list)  # sources already stored under the same path
    problems: list[Problem] = field(default_factory=list)
    read: int = 0  # documents read (new + duplicates)
    seconds: dict[str, float] = field(
        default_factory=lambda: defaultdict(float)
    )  # per stage, for bench/

    @property
    def ok(self) -> bool:
        """False when no input ended up in the store: nothing could be read, or every document
        read had a problem (a run that stored nothing must not look like a success)."""
        return bool(self.added or self.unchanged or self.duplicates)


REBUILD_ATTEMPTS = 3
# Analysed documents stored per transaction: one commit per document was a third of storing. An
# interrupted run loses at most this many analysed documents; the next run analyses them again.
STORE_BATCH = 16


# What a hand-edited or foreign pins or reference file raises when it is read.
BAD_FILE_ERRORS = (OSError, ValueError, TypeError, KeyError, AttributeError, csv.Error)


class UserFileError(Exception):
    """A pins or reference file beside a store cannot be read: a user error, said in one line."""


def _load_pins(db: str | Path):
    path = pins_path(db)
    try:
        return entities_stage.load_pins(path)
    except BAD_FILE_ERRORS as error:
        raise UserFileError(
            f"{path}: cannot read the entity pins file ({_short(error)}); "
            "fix it or move it away (stored documents are kept)"
        ) from None


def _load_references(path: Path) -> dict[str, set[str]]:
    try:
        return entities_stage.load_references(path)
    except BAD_FILE_ERRORS as error:
        raise UserFileError(
            f"{path}: cannot read as a reference list (CSV with columns name, aliases, id; "
            f"UTF-8): {_short(error)}"
        ) from None


def _short(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"[:200]


def pins_path(db: str | Path) -> Path:
    """User-pinned merges and splits live beside the database and survive re-runs."""
    db = str(db)
    if "://" in db:
        return Path("presslens-pins.json")
    return Path(db).with_name(Path(db).stem + ".pins.json")


def pin_entities(
    db: str | Path, merge: tuple[str, str] | None = None, split: tuple[str, str] | None = None
) -> Path:
    """Record a user's merge (A = B) or split (alias ≠ entity) and re-resolve; pins survive re-runs."""
    path = pins_path(db)
    pins = _load_pins(db)
    if merge:
        pins.merges.append(merge)
    if split:
        pins.splits.append(split)
    entities_stage.save_pins(pins, path)
    rebuild(Store(db), db)
    return path


def link_references(db: str | Path, references: str | Path) -> int:
    """Remember a reference list (CSV: name, aliases, id) for this store and link entities to it."""
    store = Store(db)
    _load_references(Path(references))  # a bad file fails here, before anything changes
    store.set_meta("references", str(Path(references).resolve()))
    rebuild(store, db)
    return sum(1 for e in store.iter_entities() if e.external_id)


def outlet_renames(store: Store) -> dict[str, str]:
    """The user's outlet renames and merges (old name → new), kept in the store."""
    return json.loads(store.get_meta("outlet_renames") or "{}")


def rename_outlet(db: str | Path, old: str, new: str) -> int:
    """Outlet `old` becomes `new`: in the user's outlets file, stored documents and future runs."""
    store = Store(db)
    table = sources_stage.checked_outlets(db)
    sources_stage.rename_in_table(table, old, new)
    sources_stage.save_outlets(table, sources_stage.outlets_path(db))
    renames = sources_stage.add_renaming(outlet_renames(store), old, new)
    store.set_meta("outlet_renames", json.dumps(renames, ensure_ascii=False))
    changed = store.rename_outlet(old, new)
    rebuild(store, db)
    return changed


def analyze(
    paths: Iterable[str | Path],
    db: str | Path = DEFAULT_DB,
    on_problem: Callable[[Problem], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
    sources: str | Path | None = None,
    doc_seconds: float | None = DOCUMENT_SECONDS,
) -> AnalyzeReport:
    """Analyse files and folders into the store at `db`; idempotent, only new content is processed.
    `sources` is a sources manifest; without it a sources.csv/.jsonl in an input folder is used.
    `doc_seconds` bounds cleaning and extracting each document (each step on its own; None: no
    bound); a document over it is skipped with one line."""
    store = Store(db)
    report = AnalyzeReport()
    paths = [paths] if isinstance(paths, str | Path) else list(paths)

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    context = sources_stage.source_context(paths, sources, db, outlet_renames(store))
    for p in context.problems:
        problem(p)

    nlp = load_model()
    run_started = time.perf_counter()
    documents = _new_documents(paths, store, context, report, problem, doc_seconds)
    pending: list[tuple[Document, tuple]] = []  # analysed, not stored yet: one commit per batch
    for parsed, parsed_title, parsed_header, document in parse_with_titles(documents, nlp):
        try:
            with time_budget(doc_seconds):
                records = extract_all(parsed, document, report.seconds, parsed_title, parsed_header)
        except OverBudget as over:
            problem(Problem(document.source, _over_budget("analysing", over)))
            continue
        except Exception as error:
            problem(
                Problem(document.source, f"could not be analysed ({type(error).__name__}: {error})")
            )
            continue
        pending.append((document, records))
        if len(pending) >= STORE_BATCH:
            _store_pending(store, pending, report, on_document)
    _store_pending(store, pending, report, on_document)

    report.seconds["documents"] = time.perf_counter() - run_started
    if report.added or store.needs_rebuild():
        started = time.perf_counter()
        rebuild(store, db, report.seconds)
        for _ in range(REBUILD_ATTEMPTS - 1):  # a concurrent run stored documents meanwhile
            if not store.needs_rebuild():
                break
            rebuild(store, db, report.seconds)
        report.seconds["rebuild"] = time.perf_counter() - started
    return report


def _store_pending(store: Store, pending: list, report: AnalyzeReport, on_document) -> None:
    """Store the analysed documents held in `pending` in one transaction, then empty it."""
    if not pending:
        return
    started = time.perf_counter()
    stored = store.add_documents(pending)
    report.seconds["store"] += time.perf_counter() - started
    for (document, _records), was_stored in zip(pending, stored, strict=True):
        if not was_stored:  # a concurrent run stored the same content first
            report.duplicates.append(
                (document.source, store.source_of_hash(document.content_hash) or "?")
            )
            continue
        report.added.append(document.source)
        if on_document:
            on_document(document)
    pending.clear()


def _over_budget(step: str, over: OverBudget) -> str:
    return (
        f"{step} it took over {over.seconds:g} s, the per-document time budget "
        "(--doc-seconds raises it): skipped, nothing stored for it"
    )


def _new_documents(
    paths, store: Store, context, report: AnalyzeReport, problem, doc_seconds: float | None
) -> Iterator:
    """(text, cleaned document) for each input not stored yet; repeats are only counted."""
    known: dict[str, str] = {}  # content hash → source, stored earlier in this run
    stored_hashes = store.known_hashes()
    for item in iter_raw_documents(paths, skip=context.skip):
        if isinstance(item, Problem):
            problem(item)
            continue
        report.read += 1
        if item.content_hash in stored_hashes or item.content_hash in known:
            original = known.get(item.content_hash) or store.source_of_hash(item.content_hash)
            if original == item.source:
                report.unchanged.append(item.source)
            else:
                report.duplicates.append((item.source, original or "?"))
            continue
        known[item.content_hash] = item.source
        document = _clean_one(item, context, report, problem, doc_seconds)
        if document is not None:
            yield document.text, document


def _clean_one(
    item, context, report: AnalyzeReport, problem, doc_seconds: float | None
) -> Document | None:
    """The cleaned document, or None after reporting why there is none."""
    try:
        started = time.perf_counter()
        with time_budget(doc_seconds):
            context.annotate(item)
            document = clean_document(item)
            context.finish(document, item)
        report.seconds["clean"] += time.perf_counter() - started
    except OverBudget as over:
        problem(Problem(item.source, _over_budget("cleaning", over)))
        return None
    except Exception as error:  # one bad file must not stop the run
        problem(Problem(item.source, f"could not be cleaned ({type(error).__name__}: {error})"))
        return None
    if len(document.text) > MAX_TEXT_CHARS:
        problem(
            Problem(
                item.source,
                f"article text too long to parse ({len(document.text):,} characters > "
                f"{MAX_TEXT_CHARS:,}): split the file, skipped",
            )
        )
        return None
    if not document.text.strip():
        problem(
            Problem(
                item.source, "no article text left after removing titles, boilerplate and comments"
            )
        )
        return None
    return document


PARSED_FIELDS = ("title", "header")  # read beside the body, in the same nlp.pipe batches


def parse_with_titles(documents: Iterable[tuple[str, Document]], nlp) -> Iterator[tuple]:
    """(parsed body, parsed title or None, parsed header or None, document) for each (text,
    document), streaming: the title and the header (`Document.header`) go through the same
    `nlp.pipe` batches, as `entities.title_text_for_parsing` writes them (same length, so
    offsets carry over)."""

    def items() -> Iterator[tuple[str, tuple[Document, str]]]:
        for text, document in documents:
            yield text, (document, "body")
            for name in PARSED_FIELDS:
                value = getattr(document, name)
                if value and value.strip():
                    yield entities_stage.title_text_for_parsing(value, text), (document, name)

    held: dict | None = None  # the document being gathered: its body and fields parsed so far
    for parsed, (document, field_name) in parse_many(items(), nlp):
        if field_name != "body" and held is not None and held["document"] is document:
            held[field_name] = parsed
            continue
        if held is not None:
            yield _parsed_fields(held)
        held = {"document": document, "body": parsed}
    if held is not None:
        yield _parsed_fields(held)


def _parsed_fields(held: dict) -> tuple:
    return held["body"], held.get("title"), held.get("header"), held["document"]


def extract_all(
    parsed,
    document: Document,
    seconds: dict[str, float] | None = None,
    parsed_title=None,
    parsed_header=None,
) -> tuple[list, list, list, list, list, dict, list, list]:
    """Every per-document extractor on one parsed document (and its parsed title, whose
    mentions and events carry `field="title"`, and its parsed header, whose mentions and events
    carry `field="header"`): pure, no database. Time expressions are read from the
    cleaned body only (captions, comments and furniture are not in it)."""
    seconds = seconds if seconds is not None else defaultdict(float)
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] += now - clock
        clock = now

    doc_mentions = entities_stage.extract_mentions(parsed, document)
    links = entities_stage.find_alias_links(parsed, document)
    body_mentions = list(doc_mentions)
    doc_mentions += entities_stage.title_mentions(parsed_title, document, body_mentions)
    doc_mentions += entities_stage.header_mentions(parsed_header, document, body_mentions)
    lap("mentions")
    doc_quotes = quotes_stage.extract_quotes(parsed, document)
    lap("quotes")
    doc_claims = claims_stage.extract_claims(parsed, document, doc_quotes)
    lap("claims")
    doc_events = events_stage.extract_events(parsed, document, doc_quotes)
    body_verbs = events_stage.verb_forms(parsed)
    if parsed_title is not None:
        doc_events += events_stage.extract_title_events(parsed_title, document, body_verbs)
    if parsed_header is not None:
        doc_events += events_stage.extract_field_events(
            parsed_header, document, "header", body_verbs=body_verbs
        )
    terms = dict(events_stage.story_terms(parsed))
    lap("events")
    doc_times = timex_stage.extract_time_mentions(document, parsed=parsed)
    lap("timex")
    doc_namings = framing_stage.extract_namings(parsed, document, doc_quotes)
    lap("framing")
    return doc_mentions, links, doc_quotes, doc_claims, doc_events, terms, doc_times, doc_namings


# A phrase ending in a preposition (and an article) before a name: the name is its object.
AFTER_PREPOSITION = re.compile(
    r"\b(?:by|for|of|from|at|with|to|in|on|near|about|against)\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)


class SpanIndex:
    """(doc_id, start, end) → entity id of the mention overlapping that span, by binary search."""

    def __init__(self, mentions) -> None:
        self._by_doc: dict[str, list[tuple[int, int, str | None]]] = {}
        for m in mentions:
            if m.field != "body":
                continue  # quotes and claims are spans of the body
            self._by_doc.setdefault(m.doc_id, []).append((m.start, m.end, m.entity_id))
        for spans in self._by_doc.values():
            spans.sort()
        self._starts = {d: [s[0] for s in spans] for d, spans in self._by_doc.items()}

    def head(
        self, doc_id: str, start: int | None, end: int | None, text: str | None = None
    ) -> str | None:
        """The entity of a mention that covers the span's last character: "A Brigades official"
        is not the Brigades (its head is "official"), "General Ilan Vesk" is Ilan Vesk. With the
        span's `text`, a name after a preposition is no head: "witnesses interviewed by the
        Ledger", "a spokesman for the Brigades" name no entity."""
        if start is None or end is None or end <= start:
            return None
        found = self._covering(doc_id, end - 1, end)
        if found is None:
            return None
        mention_start, entity_id = found
        if text is not None and AFTER_PREPOSITION.search(text[: max(0, mention_start - start)]):
            return None
        return entity_id

    def _covering(self, doc_id: str, start: int, end: int) -> tuple[int, str] | None:
        """(start, entity id) of a mention overlapping the span, nearest the span's end first."""
        spans, starts = self._by_doc.get(doc_id), self._starts.get(doc_id)
        if not spans or starts is None:
            return None
        i = bisect.bisect_left(starts, end)  # spans starting before `end`
        for j in range(i - 1, max(-1, i - 8), -1):
            s, e, entity_id = spans[j]
            if s < end and e > start and entity_id:
                return s, entity_id
        return None

    def __call__(self, doc_id: str, start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        found = self._covering(doc_id, start, end)
        return found[1] if found else None


QUOTE_MARKS = '"“”«»'
SPEAKER_WORDS = {"direct", "block", "post"}  # the whole span is the speaker's own words


def _drop_quoted_descriptors(mentions: list, quotes: list) -> None:
    """A label in a speaker's own words is theirs, not the outlet's ("the terrorist X," the general
    said): keep it out of the outlet's framing and the entity's descriptors (in memory only).
    Indirect speech is the outlet's paraphrase, so its wording stays the outlet's; in a mixed
    quote only the fragment inside quotation marks is the speaker's. A title alone ("Minister
    Lasku") is how anyone addresses the person, no label: it stays, as evidence of who is meant."""
    by_doc: dict[str, list] = defaultdict(list)
    for quote in quotes:
        if quote.kind in SPEAKER_WORDS or quote.kind == "mixed":
            by_doc[quote.doc_id].append(quote)
    for mention in mentions:
        if not mention.descriptor or entities_stage.is_title_only(mention.descriptor):
            continue
        for quote in by_doc.get(mention.doc_id, ()):
            if not quote.start <= mention.start < quote.end:
                continue
            before = quote.text[: mention.start - quote.start]
            if quote.kind in SPEAKER_WORDS or sum(before.count(m) for m in QUOTE_MARKS) % 2 == 1:
                mention.descriptor = None
                break


def _outlet_voices(texts: dict[str, str], quotes: list) -> dict:
    """Per document, which of its text is the outlet's own voice (framing reads only that)."""
    by_doc: dict[str, list] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc_id].append(quote)
    return {d: framing_stage.OutletVoice(text, by_doc.get(d, ())) for d, text in texts.items()}


def _earliest_first(meta: dict[str, dict], link) -> tuple:
    """Order alias links by their document's publication date (undated last), then document
    id and offset, so the evidence an entity cites is the earliest document's whatever order
    the files were read in."""
    published = (meta.get(link.doc_id) or {}).get("published")
    return (published is None, published or "", link.doc_id, link.start)


def _recycled_quotes(
    quotes: list[Quote],
    meta: dict[str, dict],
    speakers: dict[str, str | None],
    copies: dict[str, str],
    passages: list,
) -> list[quotes_stage.Recycled]:
    """The recycled quotes of the corpus (quotes.recycled), copies told apart by their origin."""
    passages_of = claims_stage.passages_by_document(passages)

    def copied(q: Quote) -> bool:
        return claims_stage.origin_of(q.doc_id, q.start, copies, passages_of) != q.doc_id

    published = {doc_id: row["published"] for doc_id, row in meta.items()}
    return quotes_stage.find_recycled_quotes(quotes, published, speakers, copied)


def _field_texts(stored_docs: list[Document]) -> dict[tuple[str, str], str]:
    """(doc id, field) -> the text a mention's offsets in that field are in."""
    texts = {}
    for d in stored_docs:
        texts[(d.id, "body")] = d.text
        for name in PARSED_FIELDS:
            value = getattr(d, name)
            if value:
                texts[(d.id, name)] = value
    return texts


def rebuild(
    store: Store, db: str | Path = DEFAULT_DB, seconds: dict[str, float] | None = None
) -> None:
    """Re-derive the corpus-level tables from the stored per-document records."""
    seconds = seconds if seconds is not None else {}
    meta = store.document_meta()
    outlet_of = {doc_id: row["outlet"] for doc_id, row in meta.items()}
    stored_docs = list(store.iter_documents())
    all_mentions = [m for m in store.iter_mentions() if m.rule is None]
    corpus_mentions = entities_stage.story_wide_mentions(all_mentions, _field_texts(stored_docs))
    all_mentions += corpus_mentions
    links = sorted(store.iter_alias_links(), key=lambda link: _earliest_first(meta, link))
    all_quotes = list(store.iter_quotes())
    _drop_quoted_descriptors(all_mentions, all_quotes)
    pins = _load_pins(db)
    started = time.perf_counter()
    entity_records = entities_stage.resolve_entities(all_mentions, links, outlet_of, pins)
    seconds["resolve_entities"] = time.perf_counter() - started
    references = store.get_meta("references")
    if references and Path(references).is_file():
        entities_stage.link_references(entity_records, _load_references(Path(references)))
    entity_at = SpanIndex(all_mentions)

    quote_speakers = {
        q.id: entity_at.head(q.doc_id, q.speaker.start, q.speaker.end, q.speaker.text)
        for q in all_quotes
        if q.speaker is not None
    }
    stored = [(d.id, d.text, d.published) for d in stored_docs]
    del stored_docs
    texts = {doc_id: text for doc_id, text, _ in stored}
    started = time.perf_counter()
    story_of = events_stage.group_stories(store.document_terms())
    all_events = events_stage.cluster_events(store.iter_events(), story_of)
    seconds["cluster_events"] = time.perf_counter() - started
    passages = claims_stage.find_copies(stored)
    copies = claims_stage.find_republications(stored, passages=passages)
    recycled = _recycled_quotes(all_quotes, meta, quote_speakers, copies, passages)
    all_claims = list(store.iter_claims())
    main_events = claims_stage.main_event_mentions(all_claims, all_events)
    main_event_of = {claim_id: e.cluster_id or "" for claim_id, e in main_events.items()}
    clusters = claims_stage.cluster_claims(
        all_claims,
        outlet_of,
        copies,
        entity_at,
        passages=passages,
        main_events=main_events,
    )  # main_event_of not passed: event clusters (one lemma per story) merge incidents (the
    # evidence reads them with who, where and when agreeing)
    events = claims_stage.build_timeline(
        all_claims, clusters, entity_at, all_events, texts, main_event_of
    )
    claim_updates = [
        {
            "_id": c.id,
            "subject_entity_id": entity_at.head(c.doc_id, c.subject_start, c.subject_end),
            "where_entity_id": entity_at(c.doc_id, c.where_start, c.where_end),
            "cluster_id": c.cluster_id,
        }
        for c in all_claims
    ]
    # what later steps read of the events and claims, then the records themselves let go:
    # the corpus's largest lists are not all held at once
    event_clusters = {e.id: e.cluster_id for e in all_events}
    event_cluster_at = {(e.doc_id, e.start): e.cluster_id for e in all_events}
    del all_events, all_claims, main_event_of, main_events, stored
    started = time.perf_counter()
    voice_of = _outlet_voices(texts, all_quotes)
    namings = framing_stage.merge_namings(
        store.iter_namings(), framing_stage.descriptor_namings(all_mentions, texts, voice_of)
    )
    framing_rows = framing_stage.framing_terms(
        namings,
        outlet_of,
        entity_at.head,
        story_of,
        {e.id: e.name for e in entity_records},
        event_cluster_at,
        {e.id: e.mention_count for e in entity_records},
    )
    framing_stage.distinctive_terms(framing_rows)
    del namings
    seconds["framing_terms"] = time.perf_counter() - started
    store.replace_corpus_results(
        mention_entities={m.id: m.entity_id for m in all_mentions if m.rule is None},
        corpus_mentions=corpus_mentions,
        entity_records=entity_records,
        quote_speakers=quote_speakers,
        claim_updates=claim_updates,
        clusters=clusters,
        timeline_entries=events,
        framing_terms=framing_rows,
        copies=copies,
        passages=passages,
        recycled=recycled,
        event_clusters=event_clusters,
        documents_read=len(meta),
    )
