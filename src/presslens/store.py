"""The schema and the only place that writes SQL.

SQLAlchemy Core over SQLite (WAL, FTS5) by default; every table uses portable types so the same
schema runs on PostgreSQL. SQLite-only SQL lives in `_sqlite_*` helpers and is skipped elsewhere.

Per-document records (documents, mentions, alias links, quotes, claims) are written in one
transaction per document, so a crash loses at most the document in progress. Corpus-level
results (entities, clusters, timeline, framing) are derived from them and rebuilt as a whole.
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from .claims.republication import Copy
from .models import (
    AliasLink,
    Claim,
    ClaimCluster,
    Document,
    Entity,
    EventMention,
    FramingTerm,
    Mention,
    Naming,
    Quote,
    TimelineEntry,
    TimeMention,
)
from .quotes.recycled import Recycled
from .store_rows import (
    _claim_from_row,
    _claim_row,
    _document_from_row,
    _passage_rows,
    _quote_from_row,
    _quote_row,
    record_row,
)

DEFAULT_DB = "presslens.db"
SCHEMA_VERSION = "1"

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("format", String(16)),
    Column("outlet", Text),
    Column("title", Text),
    Column("authors", JSON),
    Column("published", String(10)),
    Column("language", String(8)),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("comments", JSON),
    Column("captions", JSON),
    Column("removed", JSON),
    Column("provenance", JSON),  # field → where it was read (added after v1: _add_missing_columns)
    Column("header", Text),  # removed lines still the article's words (Document.header)
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("descriptor", Text),
    Column("entity_id", String(32), index=True),
    Column("field", String(16)),  # "body", "title" or "header": the text the offsets are in
    Column("rule", String(48)),  # the corpus rule that made it (rebuilt with the corpus)
)

alias_links = Table(
    "alias_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("alias", Text, nullable=False),
    Column("rule", String(32)),
    Column("start", Integer),
    Column("end", Integer),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity_id", String(32), index=True),
    Column("cue", Text),
    Column("via", Text),
    Column("date", String(10)),
    Column("speaker_rule", String(64)),
    Column("confidence", Float),
    Column("candidates", JSON),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("predicate", Text),
    Column("object", Text),
    Column("subject_text", Text),
    Column("subject_start", Integer),
    Column("subject_end", Integer),
    Column("subject_entity_id", String(32)),
    Column("where_text", Text),
    Column("where_start", Integer),
    Column("where_end", Integer),
    Column("where_entity_id", String(32)),
    Column("when_start", String(10)),
    Column("when_end", String(10)),
    Column("when_precision", String(8)),
    Column("when_text", Text),
    Column("when_char_start", Integer),
    Column("when_char_end", Integer),
    Column("source_kind", String(16)),
    Column("quote_id", String(32)),
    Column("cluster_id", String(32), index=True),
    Column("rules", JSON),
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("lemma", String(64)),
    Column("kind", String(16)),  # "verb", "noun", "adjective" (widened from 8: WIDENED_COLUMNS)
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("rule", String(64)),
    Column("who", Text),
    Column("whom", Text),
    Column("where", Text),
    Column("when", Text),
    Column("negated", Boolean),
    Column("hedged", Boolean),
    Column("quote_id", String(32)),
    Column("cluster_id", String(32), index=True),
    Column("field", String(16)),  # "body" or "title": the text the offsets are in
    Column("when_value", String(32)),
    Column("when_rule", String(64)),
)

# Every time expression of a document's cleaned body, with its TIMEX3-like value.
time_mentions = Table(
    "time_mentions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(32)),
    Column("precision", String(16), nullable=False),
    Column("rule", String(64), nullable=False),
    Column("start_date", String(10)),
    Column("end_date", String(10)),
    Column("mod", String(8)),
    Column("anchor", String(16), nullable=False),
    Column("tense", String(8)),
)

# How the outlet names actors in each document, in its own voice: the input of framing.
namings = Table(
    "namings",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("term", Text, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("rule", String(64), nullable=False),
    Column("actor_start", Integer),
    Column("actor_end", Integer),
    Column("concept", Text),
    Column("lemma", String(64)),
)

# What each document is about, as weighted terms: the input of story grouping.
document_terms = Table(
    "document_terms",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("terms", JSON),
)

# Corpus-level results: rebuilt as a whole from the per-document tables.
entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("aliases", JSON),
    Column("descriptors", JSON),
    Column("mention_count", Integer),
    Column("document_ids", JSON),
    Column("reasons", JSON),
    Column("external_id", Text),
)

claim_clusters = Table(
    "claim_clusters",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("label", Text),
    Column("claim_ids", JSON),
    Column("doc_ids", JSON),
    Column("outlets", JSON),
    Column("independent_outlets", Integer),
)

timeline = Table(
    "timeline",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("date", String(10), nullable=False),
    Column("date_precision", String(8)),
    Column("description", Text),
    Column("entity_ids", JSON),
    Column("doc_ids", JSON),
    Column("claim_ids", JSON),
    Column("event_ids", JSON),
)

framing = Table(
    "framing",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("outlet", Text, nullable=False),
    Column("entity_id", String(32), nullable=False),
    Column("term", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Column("examples", JSON),
    Column("kind", String(24)),
    Column("rule", String(64)),
    Column("subject", Text),
    Column("event_id", String(32)),
    Column("z", Float),
    Column("ratio", Float),
)

republications = Table(
    "republications",
    metadata,
    Column("copy_id", String(32), primary_key=True),
    Column("original_id", String(32), nullable=False),
)

copied_passages = Table(
    "copied_passages",
    metadata,
    Column("copy_id", String(32), nullable=False, index=True),
    Column("copy_paragraph", Integer, nullable=False),
    Column("original_id", String(32), nullable=False),
    Column("original_paragraph", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("whole", Boolean, nullable=False),
    Column("rule", String(64), nullable=False),
)

recycled_quotes = Table(
    "recycled_quotes",
    metadata,
    Column("quote_id", String(32), primary_key=True),
    Column("first_quote_id", String(32), nullable=False),
    Column("first_doc_id", String(32), nullable=False),
    Column("first_published", String(10), nullable=False),
    Column("days_later", Integer, nullable=False),
    Column("rule", String(64), nullable=False),
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

Index("ix_mentions_doc_span", mentions.c.doc_id, mentions.c.start)

CORPUS_TABLES = (
    entities,
    claim_clusters,
    timeline,
    framing,
    republications,
    copied_passages,
    recycled_quotes,
)
ADDED_COLUMNS = (
    documents.c.provenance,
    documents.c.header,
    claims.c.rules,
    mentions.c.field,
    mentions.c.rule,
    events.c.field,
    events.c.when_value,
    events.c.when_rule,
    timeline.c.event_ids,
    *(framing.c[name] for name in ("kind", "rule", "subject", "event_id", "z", "ratio")),
)  # migrated into older stores


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_fts_create(conn) -> None:
    conn.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts "
            "USING fts5(doc_id UNINDEXED, title, text)"
        )
    )


def _add_missing_columns(conn) -> None:
    """Columns added after a store was created: ALTER TABLE the ones an older store lacks."""
    for column in ADDED_COLUMNS:
        table = column.table.name
        present = {col["name"] for col in inspect(conn).get_columns(table)}
        if column.name not in present:
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}"))


WIDENED_COLUMNS = ((events.c.kind, 16),)  # (column, its length now): made longer since


def _widen_columns(conn) -> None:
    """Columns made longer since a store was created: ALTER their type to the current one."""
    for column, length in WIDENED_COLUMNS:
        stored = {c["name"]: c["type"] for c in inspect(conn).get_columns(column.table.name)}
        if getattr(stored.get(column.name), "length", None) in (None, length):
            continue  # already as long (or unbounded)
        kind = column.type.compile(dialect=conn.dialect)
        conn.execute(
            text(f'ALTER TABLE {column.table.name} ALTER COLUMN "{column.name}" TYPE {kind}')
        )


def _row_dict(row) -> dict:
    return dict(row._mapping)


SHARED_MAX_CHARS = 40  # ids, rule ids, labels, lemmas: written again on row after row


def _sharing_columns(table: Table) -> tuple[list[str], list[str]]:
    """(short-string columns, text columns) whose values `_share_strings` makes one object per
    distinct value; the primary key (one value per row) and numbers are left alone."""
    short, texts = [], []
    for column in table.columns:
        if column.primary_key or not isinstance(column.type, String):
            continue
        if isinstance(column.type, Text) or not column.type.length:
            texts.append(column.name)
        else:
            short.append(column.name)
    return short, texts


def _share_strings(row: dict, short: list[str], texts: list[str]) -> dict:
    """A short string as one object however many rows hold it (the corpus rebuild holds every
    record at once: a document id or a rule id read 100,000 times is stored once)."""
    for name in short:
        value = row[name]
        if value is not None:
            row[name] = sys.intern(value)
    for name in texts:
        value = row[name]
        if value is not None and len(value) <= SHARED_MAX_CHARS:
            row[name] = sys.intern(value)
    return row


# What SQLite and PostgreSQL say when two runs create one store's tables at the same moment.
CREATE_RACE_WORDS = ("already exists", "locked", "duplicate key", "UNIQUE constraint")
CREATE_ATTEMPTS = 30  # runs creating one new store at once: each retry finds more tables made
SQLITE_BUSY_SECONDS = 300  # a second run waits this long for the first one's write to finish
# SQLAlchemy's bare "postgresql://" means psycopg2; presslens ships psycopg 3.
URL_ALIASES = {"postgresql://": "postgresql+psycopg://", "postgres://": "postgresql+psycopg://"}


def _database_url(location: str) -> str:
    """The SQLAlchemy URL for a --db value: a file path is SQLite; postgresql:// uses psycopg 3."""
    if "://" not in location:
        try:
            Path(location).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"{location}: cannot create the folder for the store ({error.strerror or error}; is a file in the way?)"
            ) from None
        return f"sqlite:///{location}"
    for alias, url in URL_ALIASES.items():
        if location.startswith(alias):
            return url + location[len(alias) :]
    return location


def _open_engine(location: str) -> Engine:
    url = _database_url(location)
    scheme = url.split("://", 1)[0]
    try:
        if url.startswith("sqlite"):
            return create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        return create_engine(url)
    except ModuleNotFoundError as error:
        raise StoreError(
            f"{_hide_password(location)}: the database driver {error.name!r} for {scheme}:// "
            "is not installed"
        ) from None
    except (ArgumentError, NoSuchModuleError):
        raise StoreError(
            f"{_hide_password(location)}: unknown database URL scheme {scheme!r} "
            "(use a file path for SQLite or postgresql://user@host/name)"
        ) from None


def _hide_password(location: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", location)


def describe_database_error(error: DatabaseError) -> str:
    """One line for a database error a user can act on (corrupt, read-only, not a store)."""
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    hints = {
        "malformed": "the file is corrupted: restore a backup or analyse into a new store",
        "not a database": "not a SQLite database (or encrypted): pass another --db",
        "readonly": "the store is read-only: make it writable or copy it",
        "unable to open": "cannot open the file: check the path and its folder's permissions",
        "locked": "the store is busy with another run: try again when it finishes",
    }
    hint = next((h for key, h in hints.items() if key in reason.replace("-", "")), None)
    return f"cannot use as a presslens database ({reason})" + (f": {hint}" if hint else "")


class StoreError(Exception):
    """The database cannot be opened or is not a presslens store: a user error, said in one line."""


class Store:
    """A presslens database: `Store("presslens.db")` or `Store("postgresql://...")`."""

    def __init__(self, location: str | Path = DEFAULT_DB) -> None:
        location = str(location)
        self.engine: Engine = _open_engine(location)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            for attempt in range(CREATE_ATTEMPTS):
                try:
                    self._create_schema()
                    break
                except DatabaseError as error:  # another run created a table meanwhile
                    racing = any(w in str(error.orig) for w in CREATE_RACE_WORDS)
                    if not racing or attempt == CREATE_ATTEMPTS - 1:
                        raise
                    time.sleep(0.01 * (attempt + 1))
        except (OperationalError, DatabaseError) as error:
            raise StoreError(f"{location}: {describe_database_error(error)}") from None

    def _create_schema(self) -> None:
        """Tables that are missing, the FTS index and the schema version: idempotent."""
        with self.engine.begin() as conn:
            metadata.create_all(conn)
            _add_missing_columns(conn)
            if self.is_sqlite:
                _sqlite_fts_create(conn)
            else:  # SQLite does not enforce a length; PostgreSQL does
                _widen_columns(conn)
            schema = select(store_meta.c.value).where(store_meta.c.key == "schema")
            if conn.execute(schema).first() is None:
                conn.execute(insert(store_meta).values(key="schema", value=SCHEMA_VERSION))

    # ---- per-document writes -------------------------------------------------------------

    def known_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return {row[0] for row in conn.execute(select(documents.c.content_hash))}

    def source_of_hash(self, content_hash: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(documents.c.source).where(documents.c.content_hash == content_hash)
            ).first()
            return row[0] if row else None

    def add_document(
        self,
        document: Document,
        doc_mentions: Iterable[Mention] = (),
        links: Iterable[AliasLink] = (),
        doc_quotes: Iterable[Quote] = (),
        doc_claims: Iterable[Claim] = (),
        doc_events: Iterable[EventMention] = (),
        terms: dict[str, int] | None = None,
        doc_times: Iterable[TimeMention] = (),
        doc_namings: Iterable[Naming] = (),
    ) -> bool:
        """Write one document and everything extracted from it, all or nothing; False (and
        nothing written) when a concurrent run stored the same content first."""
        records = (
            doc_mentions,
            links,
            doc_quotes,
            doc_claims,
            doc_events,
            terms,
            doc_times,
            doc_namings,
        )
        try:
            with self.engine.begin() as conn:
                _write_documents(conn, self.is_sqlite, [(document, records)])
        except IntegrityError:
            if self.source_of_hash(document.content_hash) is None:
                raise
            return False
        return True

    def add_documents(self, batch: list[tuple[Document, tuple]]) -> list[bool]:
        """Write several (document, records) pairs in one transaction (one commit, not one per
        document: the commit was a third of storing); each as `add_document` would, records in
        its argument order. When any of them clashes, each is written on its own instead, so a
        duplicate stored by a concurrent run costs only itself."""
        try:
            with self.engine.begin() as conn:
                _write_documents(conn, self.is_sqlite, batch)
        except IntegrityError:
            return [self.add_document(document, *records) for document, records in batch]
        return [True] * len(batch)

    # ---- corpus-level rebuild ------------------------------------------------------------

    def replace_corpus_results(
        self,
        mention_entities: dict[str, str | None],
        entity_records: Iterable[Entity],
        quote_speakers: dict[str, str | None],
        claim_updates: list[dict],
        clusters: Iterable[ClaimCluster],
        timeline_entries: Iterable[TimelineEntry],
        framing_terms: Iterable[FramingTerm],
        copies: dict[str, str],
        event_clusters: dict[str, str | None] | None = None,
        documents_read: int | None = None,
        passages: Iterable[Copy] = (),
        recycled: Iterable[Recycled] = (),
        corpus_mentions: Iterable[Mention] = (),
    ) -> None:
        """Swap in a new resolution in one transaction: readers see the old or the new, never half.
        `documents_read` is how many documents the resolution saw: when a concurrent run stored
        more meanwhile, the corpus stays marked stale so the next rebuild covers them.
        `corpus_mentions` (made by a corpus rule, `Mention.rule` set) replace the earlier ones."""
        with self.engine.begin() as conn:
            _set_meta(conn, "corpus_stale", "1")  # a write first: SQLite takes its lock here
            stored = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            if documents_read is None or stored == documents_read:
                _set_meta(conn, "corpus_stale", "0")
            for table in CORPUS_TABLES:
                conn.execute(delete(table))
            conn.execute(delete(mentions).where(mentions.c.rule.is_not(None)))
            _insert_all(conn, mentions, (record_row(m) for m in corpus_mentions))
            _bulk_update(conn, mentions, "entity_id", mention_entities)
            _bulk_update(conn, quotes, "speaker_entity_id", quote_speakers)
            _bulk_update(conn, events, "cluster_id", event_clusters or {})
            if claim_updates:
                conn.execute(
                    update(claims)
                    .where(claims.c.id == bindparam("_id"))
                    .values(
                        subject_entity_id=bindparam("subject_entity_id"),
                        where_entity_id=bindparam("where_entity_id"),
                        cluster_id=bindparam("cluster_id"),
                    ),
                    claim_updates,
                )
            _insert_all(conn, entities, (record_row(e) for e in entity_records))
            _insert_all(conn, claim_clusters, (record_row(c) for c in clusters))
            _insert_all(conn, timeline, (record_row(t) for t in timeline_entries))
            _insert_all(conn, framing, (record_row(f) for f in framing_terms))
            _insert_all(
                conn, republications, ({"copy_id": c, "original_id": o} for c, o in copies.items())
            )
            _insert_all(conn, copied_passages, _passage_rows(passages))
            _insert_all(conn, recycled_quotes, (record_row(r) for r in recycled))

    def recycled_quotes(self) -> dict[str, dict]:
        """Recycled quote id -> its row of recycled_quotes (first appearance, days later)."""
        return {row["quote_id"]: row for row in self.iter_rows("recycled_quotes", "quote_id")}

    def iter_copied_passages(self) -> Iterator[dict]:
        """Copied paragraphs, by copy and paragraph."""
        with self.engine.connect() as conn:
            query = select(copied_passages).order_by(
                copied_passages.c.copy_id, copied_passages.c.copy_paragraph
            )
            for row in conn.execute(query):
                yield dict(row._mapping)

    # ---- reads -----------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(store_meta.c.value).where(store_meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            _set_meta(conn, key, value)

    def needs_rebuild(self) -> bool:
        """True when documents were added after the last corpus rebuild (e.g. a run was interrupted)."""
        return self.get_meta("corpus_stale") == "1"

    def count(self, table_name: str) -> int:
        table = metadata.tables[table_name]
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

    def iter_rows(self, table_name: str, order_by: str = "id", *then_by: str) -> Iterator[dict]:
        """Stream a table's rows as dicts (server-side where the driver supports it)."""
        table = metadata.tables[table_name]
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=500).execute(
                select(table).order_by(*(table.c[c] for c in (order_by, *then_by)))
            )
            keys = list(result.keys())
            short, texts = _sharing_columns(table)
            for row in result:  # zip over the plain tuple: much cheaper than `row._mapping`
                yield _share_strings(dict(zip(keys, row, strict=True)), short, texts)

    def iter_documents(self) -> Iterator[Document]:
        for row in self.iter_rows("documents"):
            yield _document_from_row(row)

    def document_meta(self) -> dict[str, dict]:
        """id → {source, outlet, title, published} without the texts (cheap, for joins)."""
        cols = [
            documents.c.id,
            documents.c.source,
            documents.c.outlet,
            documents.c.title,
            documents.c.published,
        ]
        with self.engine.connect() as conn:
            return {row.id: _row_dict(row) for row in conn.execute(select(*cols))}

    def outlet_counts(self) -> dict[str, int]:
        """Stored documents per outlet name (documents without an outlet left out)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents.c.outlet, func.count())
                .where(documents.c.outlet.is_not(None))
                .group_by(documents.c.outlet)
            )
            return {outlet: n for outlet, n in rows}

    def rename_outlet(self, old: str, new: str) -> int:
        """Stored documents of outlet `old` become `new` (provenance notes it); returns how many."""
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(documents.c.id, documents.c.provenance).where(documents.c.outlet == old)
            ).all()
            for doc_id, provenance in rows:
                provenance = dict(provenance or {})
                provenance["outlet"] = f"{provenance.get('outlet', '?')}, renamed from {old}"
                conn.execute(
                    update(documents)
                    .where(documents.c.id == doc_id)
                    .values(outlet=new, provenance=provenance)
                )
            if rows:
                _set_meta(conn, "corpus_stale", "1")
            return len(rows)

    def document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
            return _document_from_row(_row_dict(row)) if row else None

    def iter_mentions(self) -> Iterator[Mention]:
        for row in self.iter_rows("mentions"):
            row["field"] = row.get("field") or "body"  # stored before titles were read
            yield Mention(**row)

    def iter_alias_links(self) -> Iterator[AliasLink]:
        for row in self.iter_rows("alias_links"):
            row.pop("id")
            yield AliasLink(**row)

    def iter_quotes(self) -> Iterator[Quote]:
        for row in self.iter_rows("quotes"):
            yield _quote_from_row(row)

    def iter_claims(self) -> Iterator[Claim]:
        for row in self.iter_rows("claims"):
            yield _claim_from_row(row)

    def iter_namings(self) -> Iterator[Naming]:
        for row in self.iter_rows("namings"):
            yield Naming(**row)

    def iter_events(self) -> Iterator[EventMention]:
        for row in self.iter_rows("events"):
            row["field"] = row.get("field") or "body"  # stored before titles were read
            yield EventMention(**row)

    def iter_time_mentions(self) -> Iterator[TimeMention]:
        """Every stored time expression, document by document in text order."""
        for row in self.iter_rows("time_mentions", "doc_id", "start"):
            yield TimeMention(**row)

    def document_terms(self) -> dict[str, Counter]:
        """{doc id: its story terms} (documents analysed before events were stored have none)."""
        return {
            row["doc_id"]: Counter(row["terms"] or {})
            for row in self.iter_rows("document_terms", "doc_id")
        }

    def iter_entities(self) -> Iterator[Entity]:
        for row in self.iter_rows("entities"):
            yield Entity(**row)

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over titles and bodies (FTS5 on SQLite, LIKE elsewhere)."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                rows = conn.execute(
                    text(
                        "SELECT doc_id, snippet(documents_fts, 2, '[', ']', '…', 12) AS snippet "
                        "FROM documents_fts WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"
                    ),
                    {"q": _fts_phrase_query(query), "n": limit},
                )
            else:
                rows = conn.execute(
                    select(
                        documents.c.id.label("doc_id"),
                        func.substr(documents.c.text, 1, 80).label("snippet"),
                    )
                    .where(documents.c.text.ilike(f"%{query.replace(chr(0), '')}%"))
                    .limit(limit)
                )
            return [_row_dict(r) for r in rows]


def _fts_phrase_query(query: str) -> str:
    """Every word as a quoted FTS5 string, so user input is never parsed as FTS5 syntax. Control
    characters separate words: SQLite reads a NUL as the string's end ("unterminated string").

    >>> print(_fts_phrase_query("ceasefire" + chr(0) + "talks"))
    "ceasefire" "talks"
    """
    words = "".join(" " if unicodedata.category(c) == "Cc" else c for c in query).split()
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) or '""'


RECORD_KINDS = 8  # mentions, links, quotes, claims, events, terms, times, namings


def _write_documents(conn, is_sqlite: bool, batch: list[tuple[Document, tuple]]) -> None:
    """Insert documents and their records inside the caller's transaction, one statement per
    table for the whole batch; each document's `records` in the order of
    `Store.add_document`'s arguments after the document (missing ones are empty)."""
    _set_meta(conn, "corpus_stale", "1")  # corpus tables no longer cover every document
    conn.execute(insert(documents), [record_row(document) for document, _ in batch])
    if is_sqlite:
        conn.execute(
            text("INSERT INTO documents_fts(doc_id, title, text) VALUES (:d, :t, :x)"),
            [{"d": d.id, "t": d.title or "", "x": d.text} for d, _ in batch],
        )
    rows: dict[Table, list[dict]] = defaultdict(list)
    terms_rows = []
    for document, records in batch:
        padded = (*records, *[()] * (RECORD_KINDS - len(records)))
        doc_mentions, links, doc_quotes, doc_claims, doc_events, terms, times, doc_namings = padded
        rows[mentions] += [record_row(m) for m in doc_mentions]
        rows[alias_links] += [record_row(link) for link in links]
        rows[quotes] += [_quote_row(q) for q in doc_quotes]
        rows[claims] += [_claim_row(c) for c in doc_claims]
        rows[events] += [record_row(e) for e in doc_events]
        rows[namings] += [record_row(n) for n in doc_namings]
        rows[time_mentions] += [record_row(t) for t in times]
        if terms:
            terms_rows.append({"doc_id": document.id, "terms": terms})
    for table, table_rows in rows.items():
        if table_rows:
            conn.execute(insert(table), table_rows)
    if terms_rows:
        conn.execute(insert(document_terms), terms_rows)


def _set_meta(conn, key: str, value: str) -> None:
    if (
        conn.execute(update(store_meta).where(store_meta.c.key == key).values(value=value)).rowcount
        == 0
    ):
        conn.execute(insert(store_meta).values(key=key, value=value))


def _bulk_update(conn, table: Table, column: str, values: dict[str, str | None]) -> None:
    if not values:
        return
    stmt = update(table).where(table.c.id == bindparam("_id")).values({column: bindparam("_value")})
    conn.execute(stmt, [{"_id": k, "_value": v} for k, v in values.items()])


def _insert_all(conn, table: Table, rows: Iterable[dict], chunk: int = 1000) -> None:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            conn.execute(insert(table), batch)
            batch = []
    if batch:
        conn.execute(insert(table), batch)
