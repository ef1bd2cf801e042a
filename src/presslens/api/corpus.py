"""What the API serves, read from the store once and kept until the store changes.

Every record has the shape of its export row (`presslens.export.iter_records`, the JSONL users
already know), so the API and `presslens export` cannot drift apart. The store is read in full
through its public reads (no SQL here: store.py and store_pages.py are the only places that write SQL), indexed in
memory for filters and pages, and read again when the database file changes (another
`presslens analyze`, or a write through the API). A document's text is not kept: the detail
endpoint reads it by id. Claims and event mentions, the biggest tables, are not kept either:
their pages are read from the store one page at a time (`presslens.store_pages`), and only what
is counted from them (event clusters, the entities each claim cluster is about) stays here.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import logging
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath

from ..claims.cluster import PassagesOf, origin_of
from ..evaluate import normalise
from ..events import cluster_dates
from ..export import claim_record, event_record, iter_records, mention_record, quote_record
from ..framing import UNKNOWN_OUTLET
from ..store import Store
from ..store_pages import (
    EMPTY_DETAIL,
    Filter,
    annotation_page,
    counts_by_doc,
    document_details,
    iter_claim_entities,
    iter_event_summaries,
    iter_named_mentions,
    mention_doc_order,
    rows_by_id,
)

SLIM_DOCUMENT = (
    "id",
    "source",
    "outlet",
    "title",
    "published",
    "language",
    "republished_from",
    "copies",
)
DOCUMENT_KEYS = (  # the export row's order, without `text`
    "id",
    "source",
    "outlet",
    "title",
    "header",
    "authors",
    "published",
    "language",
    "dateline",
    "comments",
    "captions",
    "removed",
    "republished_from",
    "copies",
    "provenance",
)
SLIM_QUOTE = ("id", "doc_id", "start", "end", "kind", "date", "speaker")  # what filters need
SLIM_FRAMING = ("id", "outlet", "entity_id", "term", "count")  # examples are read per page
HEAD = 500  # an event's first mention ids kept, for the first page of its mentions (limit <= 500)

logger = logging.getLogger(__name__)
_JSONL_LINE = re.compile(r"^(?P<path>.*?)(?P<line>:\d+)?$", re.DOTALL)  # names may hold newlines


def display_sources(sources: Iterable[str]) -> dict[str, str]:
    """Each source as a user should see it: relative to the common parent folder of all file
    sources (or the bare file name when they share no folder), never an absolute machine path.
    URLs stay as they are; a JSON-lines source keeps its ":line" suffix.

    >>> shown = display_sources(["/home/ana/story/a.txt", "/home/ana/story/wire/b.jsonl:3"])
    >>> shown["/home/ana/story/a.txt"], shown["/home/ana/story/wire/b.jsonl:3"]
    ('a.txt', 'wire/b.jsonl:3')
    >>> display_sources(["/srv/x/one.txt", "/tmp/two.txt", "https://example.org/a"])
    {'/srv/x/one.txt': 'one.txt', '/tmp/two.txt': 'two.txt', 'https://example.org/a': 'https://example.org/a'}
    """
    sources = list(dict.fromkeys(sources))
    split: dict[str, tuple[PurePath, str]] = {}
    for source in sources:
        if "://" not in source:
            match = _JSONL_LINE.match(source)
            assert match is not None  # the pattern matches any string, newlines included
            split[source] = (PurePath(match["path"] or source), match["line"] or "")
    parent = _common_parent([path for path, _ in split.values()])
    shown = {}
    for source in sources:
        if source not in split:
            shown[source] = source
            continue
        path, line = split[source]
        relative = path.relative_to(parent) if parent is not None else PurePath(path.name)
        shown[source] = relative.as_posix() + line
    return shown


def _common_parent(paths: list[PurePath]) -> PurePath | None:
    """The deepest folder holding every path, or None when it is a root (or they mix kinds)."""
    if not paths or len({p.is_absolute() for p in paths}) > 1:
        return None
    parents = [p.parent.parts for p in paths]
    common: list[str] = []
    for parts in zip(*parents, strict=False):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    if paths[0].is_absolute():
        return PurePath(*common) if len(common) > 1 else None  # never relative to "/" or "C:\\"
    return PurePath(*common)


def _store_file(store: Store) -> Path | None:
    database = store.engine.url.database if store.is_sqlite else None
    return Path(database) if database and database != ":memory:" else None


def store_fingerprint(store: Store) -> tuple:
    """Changes whenever the SQLite file (or its write-ahead log) is written; () elsewhere, where
    only the API's own writes refresh what it serves."""
    path = _store_file(store)
    if path is None:
        return ()
    marks: list[tuple[int, int] | None] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            stat = part.stat()
            marks.append((stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            marks.append(None)
    return tuple(marks)


@dataclass
class Corpus:
    """The store's export records, indexed by id and by what the API filters on."""

    store: Store
    documents: dict[str, dict] = field(default_factory=dict)  # SLIM_DOCUMENT keys only
    entities: dict[str, dict] = field(default_factory=dict)
    quotes: dict[str, dict] = field(default_factory=dict)  # SLIM_QUOTE keys only
    claim_count: int = 0
    clusters: dict[str, dict] = field(default_factory=dict)
    timeline: list[dict] = field(default_factory=list)
    framing: list[dict] = field(default_factory=list)  # SLIM_FRAMING keys only

    @classmethod
    def read(cls, store: Store) -> Corpus:
        corpus = cls(store)
        for row in iter_records(store, "documents"):
            corpus.documents[row["id"]] = {key: row[key] for key in SLIM_DOCUMENT}
        shown = display_sources(row["source"] for row in corpus.documents.values())
        for row in corpus.documents.values():
            row["source"] = shown[row["source"]]
        corpus.entities = {row["id"]: row for row in iter_records(store, "entities")}
        for row in iter_records(store, "quotes"):
            corpus.quotes[row["id"]] = {key: row[key] for key in SLIM_QUOTE}
        corpus.claim_count = store.count("claims")
        corpus.clusters = {row["id"]: row for row in iter_records(store, "claim_clusters")}
        corpus.timeline = list(iter_records(store, "timeline"))
        corpus.framing = [
            {key: row[key] for key in SLIM_FRAMING} for row in store.iter_rows("framing")
        ]
        return corpus

    def warm(self) -> Corpus:
        """Build every index now (in the reading thread), not in the first request needing it."""
        for name, value in type(self).__dict__.items():
            if isinstance(value, cached_property):
                getattr(self, name)
        return self

    # ---- orderings (documented in docs/api.md) --------------------------------------------

    @cached_property
    def document_order(self) -> list[dict]:
        """By publication date (undated last), then id."""
        return sorted(self.documents.values(), key=lambda d: (d["published"] or "9999", d["id"]))

    @cached_property
    def entity_order(self) -> list[dict]:
        """Most mentioned first, then id."""
        return sorted(self.entities.values(), key=lambda e: (-e["mention_count"], e["id"]))

    @cached_property
    def quote_order(self) -> list[dict]:
        """By statement date (else the document's date), document, then offset."""
        return sorted(
            self.quotes.values(),
            key=lambda q: (self.quote_date(q) or "9999", q["doc_id"], q["start"]),
        )

    @cached_property
    def cluster_order(self) -> list[dict]:
        """Most independent outlets first, then most claims, then id."""
        return sorted(
            self.clusters.values(),
            key=lambda c: (-c["independent_outlets"], -len(c["claim_ids"]), c["id"]),
        )

    def full_documents(self, rows: list[dict]) -> list[dict]:
        """The export rows (without `text`) of these (slim) documents, the rest read by id;
        any other key of a row (a search `snippet`) is kept after them."""
        details = document_details(self.store, [d["id"] for d in rows])
        full = []
        for d in rows:
            merged = {**EMPTY_DETAIL, **details.get(d["id"], {}), **d}
            merged.setdefault("provenance", {})
            row = {key: merged[key] for key in DOCUMENT_KEYS}
            full.append({**row, **{k: v for k, v in d.items() if k not in row}})
        return full

    def full_quotes(self, quotes: list[dict]) -> list[dict]:
        """The export records of these (slim) quotes, read from the store, in the same order."""
        rows = rows_by_id(self.store, "quotes", [q["id"] for q in quotes])
        return [quote_record(row, self.recycled) for row in rows]

    @cached_property
    def recycled(self) -> dict[str, dict]:
        """Recycled quote id -> its first appearance (small: only recycled quotes)."""
        return self.store.recycled_quotes()

    def framing_examples(self, rows: list[dict]) -> list:
        """The examples of these (slim) framing rows, read from the store, in the same order."""
        found = {
            r["id"]: r["examples"]
            for r in rows_by_id(self.store, "framing", [r["id"] for r in rows])
        }
        return [found.get(r["id"]) for r in rows]

    def claims_page(
        self, where: Filter, limit: int | None, offset: int = 0, order: str = "story"
    ) -> tuple[int, list[dict]]:
        """Claims matching `where`, one page read from the store: (total, export records)."""
        total, rows = self._rows("claims", where, limit, offset, order)
        return total, [claim_record(row, row["quote_speaker"]) for row in rows]

    def events_page(
        self, where: Filter, limit: int | None, offset: int = 0, order: str = "story"
    ) -> tuple[int, list[dict]]:
        """Event mentions matching `where`, one page read from the store."""
        total, rows = self._rows("events", where, limit, offset, order)
        return total, [event_record(row, row["quote_speaker"]) for row in rows]

    def _rows(
        self, table: str, where: Filter, limit: int | None, offset: int, order: str
    ) -> tuple[int, list[dict]]:
        """The page from the store, the cheapest way: a whole cluster's claims by their ids
        (kept with the cluster), every row in the story order by walking the documents."""
        if limit is not None and table == "claims" and order == "id" and where.cluster:
            if where == Filter(cluster=where.cluster) and where.cluster in self.clusters:
                ids = self.clusters[where.cluster]["claim_ids"]
                return len(ids), rows_by_id(self.store, table, ids[offset : offset + limit])
        if limit is not None and order == "story" and where == Filter():
            return self._story_page(table, limit, offset)
        return annotation_page(self.store, table, where, order, limit, offset)

    def _story_page(self, table: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        """Rows `offset` to `offset + limit` of the whole table in the story order: only the
        documents the page falls in are read (the rows per document are counted on reading)."""
        counts = self._doc_counts[table]
        skipped, seen, docs = 0, 0, []
        for document in self.document_order:
            n = counts.get(document["id"], 0)
            if seen + n <= offset:
                skipped += n
            elif seen < offset + limit:
                docs.append(document["id"])
            else:
                break
            seen += n
        where = Filter(docs=tuple(docs))
        rows = annotation_page(self.store, table, where, "story", limit, offset - skipped)[1]
        return sum(counts.values()), rows

    @cached_property
    def _doc_counts(self) -> dict[str, dict[str, int]]:
        return {table: counts_by_doc(self.store, table) for table in ("claims", "events")}

    @cached_property
    def event_clusters(self) -> dict[str, dict]:
        """Event cluster id → {id, lemma, mentions, documents, outlets, independent_outlets}.
        A document that re-publishes another is a copy: its outlet is listed but not counted."""
        return self._event_index[0]

    def event_mentions(self, cluster_id: str, limit: int) -> tuple[int, list[dict]]:
        """An event's first `limit` mentions in the story order: (its mentions, the page)."""
        cluster = self.event_clusters.get(cluster_id)
        if cluster is None:
            return 0, []
        ids = self._event_index[1][cluster_id][:limit]
        if len(ids) < min(limit, cluster["mention_count"]):  # past the kept head
            return self.events_page(Filter(cluster=cluster_id), limit)
        rows = rows_by_id(self.store, "events", ids)
        return cluster["mention_count"], [event_record(r, r["quote_speaker"]) for r in rows]

    @cached_property
    def _event_index(self) -> tuple[dict[str, dict], dict[str, list[str]]]:
        """(the event clusters, each one's first HEAD mention ids), in one pass. A mention in a
        copied paragraph, or in a re-published copy, counts for its original's outlet."""
        counted: dict[str, dict] = {}
        heads: dict[str, list[str]] = defaultdict(list)
        for m in iter_event_summaries(self.store):  # in the story order: doc_ids keep it
            if len(heads[m["cluster"]]) < HEAD:
                heads[m["cluster"]].append(m["id"])
            c = counted.setdefault(
                m["cluster"], {"docs": {}, "origins": set(), "lemmas": Counter(), "dated": []}
            )
            c["docs"][m["doc_id"]] = None
            c["origins"].add(origin_of(m["doc_id"], m["start"], self._copies, self._passages_of))
            c["lemmas"][m["lemma"] or m["text"].lower()] += 1
            c["n"] = c.get("n", 0) + 1
            c["negated"] = c.get("negated", 0) + bool(m["negated"])
            c["hedged"] = c.get("hedged", 0) + bool(m["hedged"])
            if m["when_value"]:
                c["dated"].append((m["id"], m["when_value"], self.outlet_of(m["doc_id"])))
        clusters = {cid: self._event_cluster(cid, c) for cid, c in counted.items()}
        return clusters, heads

    def _event_cluster(self, cluster_id: str, c: dict) -> dict:
        doc_ids, lemmas = list(c["docs"]), c["lemmas"]
        return {
            "id": cluster_id,
            "lemma": min(lemmas, key=lambda k: (-lemmas[k], k)),
            "mention_count": c["n"],
            "doc_ids": doc_ids,
            "outlets": sorted({self.outlet_of(d) for d in doc_ids}),
            "independent_outlets": len({self.outlet_of(d) for d in c["origins"]}),
            "negated": c["negated"],
            "hedged": c["hedged"],
            **cluster_dates(c["dated"]),
        }

    @cached_property
    def _copies(self) -> dict[str, str]:
        """Re-published copy id -> its original's id."""
        return {
            d["id"]: d["republished_from"] for d in self.documents.values() if d["republished_from"]
        }

    @cached_property
    def _passages_of(self) -> PassagesOf:
        """Each document's copied paragraphs: (start, end, original id)."""
        found: PassagesOf = defaultdict(list)
        for row in self.store.iter_copied_passages():
            found[row["copy_id"]].append((row["start"], row["end"], row["original_id"]))
        return dict(found)

    @cached_property
    def event_cluster_order(self) -> list[dict]:
        """Most independent outlets first, then most mentions, then id."""
        return sorted(
            self.event_clusters.values(),
            key=lambda c: (-c["independent_outlets"], -c["mention_count"], c["id"]),
        )

    @cached_property
    def cluster_entities(self) -> dict[str, set[str]]:
        """Claim cluster id → the entity ids its claims are about (subject or place)."""
        cluster_of = {k: c["id"] for c in self.clusters.values() for k in c["claim_ids"]}
        about: dict[str, set[str]] = defaultdict(set)
        for claim_id, subject, place in iter_claim_entities(self.store):
            if claim_id in cluster_of:
                about[cluster_of[claim_id]].update(e for e in (subject, place) if e)
        return about

    @cached_property
    def timeline_order(self) -> list[dict]:
        return sorted(self.timeline, key=lambda t: (t["date"], t["id"]))

    # ---- derived indexes ------------------------------------------------------------------

    def outlet_of(self, doc_id: str) -> str:
        document = self.documents.get(doc_id)
        return (document and document["outlet"]) or UNKNOWN_OUTLET

    def quote_date(self, quote: dict) -> str | None:
        document = self.documents.get(quote["doc_id"])
        return quote["date"] or (document["published"] if document else None)

    @cached_property
    def quotes_by_doc(self) -> dict[str, list[dict]]:
        return _group(self.quote_order, "doc_id")

    @cached_property
    def quotes_by_speaker(self) -> dict[str, list[dict]]:
        spoken = [q for q in self.quote_order if q["speaker"] and q["speaker"]["entity_id"]]
        return _group(spoken, lambda q: q["speaker"]["entity_id"])

    @cached_property
    def framing_by_entity(self) -> dict[str, list[dict]]:
        return _group(self.framing, "entity_id")

    @cached_property
    def _mention_index(self) -> tuple[dict, dict, dict]:
        """One pass over the mentions naming an entity, one document at a time (none kept):
        (mention counts by outlet, quotes about each entity, edges)."""
        quotes_of = _group(
            sorted(self.quotes.values(), key=lambda q: (q["start"], q["id"])), "doc_id"
        )
        per_doc: dict[str, Counter] = {}
        about: dict[str, list[dict]] = defaultdict(list)
        weights: Counter = Counter()
        for doc_id, spans in iter_named_mentions(self.store):
            per_doc[doc_id] = Counter(entity for _, _, entity in spans)
            named = sorted(per_doc[doc_id])
            for i, a in enumerate(named):
                for b in named[i + 1 :]:
                    weights["co-occurrence", a, b] += 1
            starts = [start for start, _, _ in spans]
            for quote in quotes_of.get(doc_id, ()):
                for entity_id in _named_inside(spans, starts, quote):
                    about[entity_id].append(quote)
        rank = {q["id"]: i for i, q in enumerate(self.quote_order)}
        for entity_id, quotes in about.items():
            quotes.sort(key=lambda q: rank[q["id"]])
            for quote in quotes:
                speaker = (quote["speaker"] or {}).get("entity_id")
                if speaker:
                    weights["quotes", speaker, entity_id] += 1
        counts: dict[str, Counter] = defaultdict(Counter)
        for doc_id in mention_doc_order(self.store):  # outlets in the order they are first met
            for entity_id, n in per_doc.get(doc_id, Counter()).items():
                counts[entity_id][self.outlet_of(doc_id)] += n
        return counts, about, dict(weights)

    @cached_property
    def edges(self) -> dict[tuple[str, str, str], int]:
        """(kind, source, target) → weight: entities named in one document (co-occurrence, one
        per document, source < target) and a speaker naming an entity in a quote (quotes)."""
        return self._mention_index[2]

    @cached_property
    def edges_by_source(self) -> dict[str, list[tuple[str, str, str, int]]]:
        """source id → [(kind, source, target, weight)], for picking the edges among a few nodes."""
        index: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
        for (kind, a, b), weight in self.edges.items():
            index[a].append((kind, a, b, weight))
        return index

    @cached_property
    def outlet_keys(self) -> dict[str, str]:
        """doc id → its outlet name normalised, for outlet filters."""
        return {d: normalise(self.outlet_of(d)) for d in self.documents}

    @cached_property
    def mention_counts_by_outlet(self) -> dict[str, Counter]:
        """entity id → outlet → mentions (as views.mentions_by_outlet counts them)."""
        return self._mention_index[0]

    @cached_property
    def quotes_about(self) -> dict[str, list[dict]]:
        """entity id → quotes whose span holds a mention of it (said about it, by someone else),
        in the quotes' order."""
        return self._mention_index[1]

    def mentions_of(self, doc_id: str) -> list[dict]:
        """A document's mentions by offset, read from the store."""
        return [
            mention_record(row)
            for row in annotation_page(self.store, "mentions", Filter(doc=doc_id), "offset")[1]
        ]

    @cached_property
    def outlets(self) -> list[dict]:
        counts = Counter(d["outlet"] or UNKNOWN_OUTLET for d in self.documents.values())
        return [{"name": name, "documents": n} for name, n in sorted(counts.items())]

    def entity_ref(self, entity_id: str | None) -> dict | None:
        entity = self.entities.get(entity_id) if entity_id else None
        return (
            {"id": entity["id"], "name": entity["name"], "type": entity["type"]} if entity else None
        )

    def document_ref(self, doc_id: str) -> dict:
        d = self.documents[doc_id]
        return {k: d[k] for k in ("id", "title", "outlet", "published", "source")}

    # ---- search ---------------------------------------------------------------------------

    def search(self, query: str) -> list[dict]:
        """Every document matching `query` by the store's full-text search, best first."""
        cached = self._searches.get(query)
        if cached is None:
            cached = self.store.search(query, limit=max(len(self.documents), 1))
            if len(self._searches) >= 256:
                self._searches.pop(next(iter(self._searches)))
            self._searches[query] = cached
        return cached

    @cached_property
    def _searches(self) -> dict[str, list[dict]]:
        return {}


def _named_inside(spans: list[tuple[int, int, str]], starts: list[int], quote: dict) -> set[str]:
    """Entities named by a mention inside the quote's span, but its speaker."""
    inside = set()
    for start, end, entity_id in itertools.islice(
        spans, bisect.bisect_left(starts, quote["start"]), None
    ):
        if start >= quote["end"]:
            break
        if end <= quote["end"]:
            inside.add(entity_id)
    return inside - {(quote["speaker"] or {}).get("entity_id")}


def _group(rows: Iterable[dict], key: str | Callable[[dict], str]) -> dict[str, list[dict]]:
    """Rows by a key, each group in the order given."""
    by = key if callable(key) else (lambda row: row[key])
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[by(row)].append(row)
    return groups


def matches_name(entity: dict, fragment: str) -> bool:
    """`fragment` (case- and accent-insensitive) is part of the entity's name or of an alias."""
    key = normalise(fragment)
    names = [entity["name"], *(a["text"] for a in entity["aliases"])]
    return any(key in normalise(name) for name in names)


class CorpusCache:
    """The Corpus of the store's latest state. The first request waits for the read; after that,
    a change of the store's fingerprint starts a re-read in the background (at most one at a
    time, `min_interval` seconds apart) and requests are served from the previous read until it
    is done, so a long `presslens analyze` in another process never stalls the API."""

    def __init__(
        self,
        store: Store,
        reader: Callable[[Store], Corpus] = Corpus.read,
        min_interval: float = 1.0,
    ) -> None:
        self.store = store
        self.min_interval = min_interval
        self._reader = reader
        self._lock = threading.Lock()
        self._first_read = threading.Lock()
        self._corpus: Corpus | None = None
        self._fingerprint: tuple | None = None
        self._reads = 0  # reads started; a read older than the one served is dropped
        self._served = 0
        self._finished_at = 0.0
        self._background: threading.Thread | None = None

    def get(self) -> Corpus:
        fingerprint = store_fingerprint(self.store)
        with self._lock:
            corpus = self._corpus
            stale = fingerprint != self._fingerprint
            due = time.monotonic() - self._finished_at >= self.min_interval
            idle = self._background is None or not self._background.is_alive()
            if corpus is not None and stale and due and idle:
                self._background = threading.Thread(target=self._read_quietly, daemon=True)
                self._background.start()
        if corpus is not None:
            return corpus
        with self._first_read:  # concurrent first requests share one read
            return self._corpus if self._corpus is not None else self.refresh()

    def served_version(self) -> int | None:
        """A number that changes with the state served (None before the first read); also
        starts a re-read when the store has changed, as `get` does."""
        if self._corpus is None:
            return None
        self.get()
        return self._served

    def refresh(self) -> Corpus:
        """Read the store now and serve that (after the API's own writes, and at start)."""
        with self._lock:
            self._reads += 1
            number = self._reads
        fingerprint = store_fingerprint(self.store)
        corpus = self._reader(self.store).warm()
        # The read made millions of long-lived objects; freezing them keeps the collector from
        # walking them all on later collections (pauses of half a second on 2,000 articles).
        gc.collect()
        gc.freeze()
        with self._lock:
            if number > self._served:
                self._corpus, self._fingerprint, self._served = corpus, fingerprint, number
            self._finished_at = time.monotonic()
            return self._corpus or corpus

    def wait(self, timeout: float | None = None) -> None:
        """Until a background re-read (if any) is done: for tests and benchmarks."""
        background = self._background
        if background is not None:
            background.join(timeout)

    def _read_quietly(self) -> None:
        try:
            self.refresh()
        except Exception:  # keep serving the previous read; the next change tries again
            logger.exception("presslens api: re-reading the store failed")
