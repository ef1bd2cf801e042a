"""Paged reads of the big annotation tables (mentions, claims, event mentions) for the API.

Each page is one query with a stable ORDER BY and LIMIT/OFFSET in the database, so what the API
holds does not grow with the corpus and a page costs about the same on 20 or 20,000 articles.
With store.py, this is the only module that writes SQL. Rows come back as the store keeps them,
plus `quote_speaker`: the entity id of the speaker of the quote the row was told in (if any),
which the export records name as `source.entity_id`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import FromClause, Table, and_, func, or_, select

from .store import Store, claims, documents, events, framing, mentions, quotes

TABLES: dict[str, Table] = {
    "claims": claims,
    "events": events,
    "mentions": mentions,
    "quotes": quotes,
    "framing": framing,
}
UNDATED = "9999"  # sorts after every ISO date, as the in-memory orders put undated last


@dataclass(frozen=True)
class Filter:
    """What a page is restricted to; None means any."""

    cluster: str | None = None  # claims: cluster_id; events: cluster_id, else its own id
    doc: str | None = None
    entity: str | None = None  # claims: the subject's or the place's entity id
    source: str | None = None  # claims: source_kind
    docs: tuple[str, ...] | None = None  # in one of these documents


def _conditions(table: Table, where: Filter) -> list:
    found = []
    if where.cluster is not None:
        in_cluster = table.c.cluster_id == where.cluster
        if table is events:  # a mention without a cluster is a cluster of one
            in_cluster = or_(
                in_cluster, and_(table.c.cluster_id.is_(None), table.c.id == where.cluster)
            )
        found.append(in_cluster)
    if where.doc is not None:
        found.append(table.c.doc_id == where.doc)
    if where.docs is not None:
        found.append(table.c.doc_id.in_(where.docs))
    if where.entity is not None:
        found.append(
            or_(table.c.subject_entity_id == where.entity, table.c.where_entity_id == where.entity)
        )
    if where.source is not None:
        found.append(table.c.source_kind == where.source)
    return found


def _order(table: Table, order: str) -> list:
    """story: document date (undated last), document, offset, id; offset: within one document;
    id: by id (a claim cluster's own order, its sorted claim ids)."""
    if order == "story":
        published = func.coalesce(func.nullif(documents.c.published, ""), UNDATED)
        return [published, table.c.doc_id, table.c.start, table.c.id]
    if order == "offset":
        return [table.c.start, table.c.id]
    return [table.c.id]


def annotation_page(
    store: Store,
    table_name: str,
    where: Filter = Filter(),
    order: str = "story",
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    """(rows matching `where` in all, the rows of this page in `order`)."""
    table = TABLES[table_name]
    conditions = _conditions(table, where)
    joined = table.outerjoin(documents, documents.c.id == table.c.doc_id)
    columns: list = [table]
    if "quote_id" in table.c:
        joined = joined.outerjoin(quotes, quotes.c.id == table.c.quote_id)
        columns.append(quotes.c.speaker_entity_id.label("quote_speaker"))
    rows = (
        select(*columns)
        .select_from(joined)
        .where(*conditions)
        .order_by(*_order(table, order))
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(table).where(*conditions))
        count = total.scalar_one()
        page = [dict(row._mapping) for row in conn.execute(rows)] if count > offset else []
    return count, page


def counts_by_doc(store: Store, table_name: str) -> dict[str, int]:
    """doc id → its rows in the table (documents without any left out)."""
    table = TABLES[table_name]
    query = select(table.c.doc_id, func.count()).group_by(table.c.doc_id)
    with store.engine.connect() as conn:
        return {doc_id: n for doc_id, n in conn.execute(query)}


def rows_by_id(store: Store, table_name: str, ids: list) -> list[dict]:
    """The rows with these ids, in the order given (as annotation_page gives them)."""
    table = TABLES[table_name]
    joined: FromClause = table
    columns: list = [table]
    if "quote_id" in table.c:
        joined = table.outerjoin(quotes, quotes.c.id == table.c.quote_id)
        columns.append(quotes.c.speaker_entity_id.label("quote_speaker"))
    query = select(*columns).select_from(joined).where(table.c.id.in_(ids))
    with store.engine.connect() as conn:
        found = {row.id: dict(row._mapping) for row in conn.execute(query)}
    return [found[i] for i in ids if i in found]


DOCUMENT_DETAIL = (
    "header",
    "authors",
    "dateline",
    "comments",
    "captions",
    "removed",
    "provenance",
)
EMPTY_DETAIL: dict[str, object] = {
    "header": None,
    "authors": [],
    "dateline": None,
    "comments": [],
    "captions": [],
    "removed": [],
}


def document_details(store: Store, ids: list[str]) -> dict[str, dict]:
    """doc id → the columns of its export row the API does not hold (no `text`), read by id;
    empty lists and maps as the export writes them."""
    query = select(documents.c.id, *(documents.c[k] for k in DOCUMENT_DETAIL)).where(
        documents.c.id.in_(ids)
    )
    with store.engine.connect() as conn:
        found = {}
        for row in conn.execute(query):
            detail = {k: getattr(row, k) for k in DOCUMENT_DETAIL}
            for key in ("authors", "comments", "captions", "removed"):
                detail[key] = detail[key] or []
            detail["provenance"] = detail["provenance"] or {}
            found[row.id] = detail
    return found


def iter_event_summaries(store: Store) -> Iterator[dict]:
    """Every event mention's cluster, document, start, lemma, text, marks and date value (no
    roles), in the story order: what the event clusters are counted from."""
    published = func.coalesce(func.nullif(documents.c.published, ""), UNDATED)
    cluster = func.coalesce(events.c.cluster_id, events.c.id).label("cluster")
    query = (
        select(
            cluster,
            events.c.id,
            events.c.doc_id,
            events.c.start,
            events.c.lemma,
            events.c.text,
            events.c.negated,
            events.c.hedged,
            events.c.when_value,
        )
        .select_from(events.outerjoin(documents, documents.c.id == events.c.doc_id))
        .order_by(published, events.c.doc_id, events.c.start, events.c.id)
    )
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=2000).execute(query):
            yield dict(row._mapping)


def iter_claim_entities(store: Store) -> Iterator[tuple[str, str | None, str | None]]:
    """(claim id, subject entity id, place entity id) of every claim."""
    query = select(claims.c.id, claims.c.subject_entity_id, claims.c.where_entity_id)
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=2000).execute(query):
            yield row.id, row.subject_entity_id, row.where_entity_id


def iter_named_mentions(store: Store) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """(doc id, [(start, end, entity id)] by start then id) for every document's mentions that
    name an entity, one document at a time."""
    query = (
        select(mentions.c.doc_id, mentions.c.start, mentions.c.end, mentions.c.entity_id)
        .where(mentions.c.entity_id.is_not(None))
        .order_by(mentions.c.doc_id, mentions.c.start, mentions.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=2000).execute(query)
        for doc_id, group in itertools.groupby(rows, key=lambda row: row.doc_id):
            yield doc_id, [(row.start, row.end, row.entity_id) for row in group]


def mention_doc_order(store: Store) -> list[str]:
    """Document ids by their first mention's id: the order mentions are counted in."""
    query = (
        select(mentions.c.doc_id, func.min(mentions.c.id).label("first"))
        .group_by(mentions.c.doc_id)
        .order_by("first")
    )
    with store.engine.connect() as conn:
        return [row.doc_id for row in conn.execute(query)]
