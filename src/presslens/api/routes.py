"""The read endpoints under /api: each filters the in-memory corpus and returns one page.

Every list takes `limit` (default 50, at most 500) and `offset`, returns `total`, `next` (the
URL of the following page, null on the last) and `items`, in a stable, documented order.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BeforeValidator

from ..evaluate import normalise
from ..framing import UNKNOWN_OUTLET
from ..store_pages import Filter
from . import schemas
from .corpus import Corpus, matches_name

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorEnvelope, "description": "a body that is not JSON"},
    401: {"model": schemas.ErrorEnvelope, "description": "no or wrong bearer token"},
    403: {"model": schemas.ErrorEnvelope, "description": "writes are disabled"},
    404: {"model": schemas.ErrorEnvelope, "description": "no such record"},
    422: {"model": schemas.ErrorEnvelope, "description": "a bad parameter"},
}
MAX_LIMIT = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]


def iso_date(value: object) -> object:
    """A date parameter must be written YYYY-MM-DD: pydantic alone would also take a number as
    seconds since 1970 (`until=0`), silently filtering everything out."""
    if value is not None and not (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        raise ValueError("an ISO date is required, like 2024-03-01")
    return value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[datetime.date | None, BeforeValidator(iso_date)]
Since = Annotated[IsoDate, Query(description="on or after this ISO date (YYYY-MM-DD)")]
Until = Annotated[IsoDate, Query(description="on or before this ISO date (YYYY-MM-DD)")]
Kind = Literal["direct", "indirect", "mixed", "block", "post"]


def corpus(request: Request) -> Corpus:
    return request.app.state.cache.get()


Current = Annotated[Corpus, Depends(corpus)]
router = APIRouter(prefix="/api", tags=["read"], responses={404: ERRORS[404], 422: ERRORS[422]})


def page(
    request: Request,
    items: list,
    limit: int,
    offset: int,
    path: str | None = None,
    params: dict | None = None,
    transform=None,
    expand=None,
) -> dict:
    """One page of `items` with the total and a `next` link keeping the request's filters;
    `expand` turns the page's items into full records at once (e.g. slim quotes)."""
    chunk = items[offset : offset + limit]
    if expand is not None:
        chunk = expand(chunk)
    return read_page(request, len(items), chunk, limit, offset, path, params, transform)


def read_page(
    request: Request,
    total: int,
    chunk: list,
    limit: int,
    offset: int,
    path: str | None = None,
    params: dict | None = None,
    transform=None,
) -> dict:
    """The page of `chunk` (already cut, e.g. by the store) out of `total` items."""
    following = None
    if offset + limit < total:
        query = dict(request.query_params) if params is None else dict(params)
        query.update(offset=offset + limit, limit=limit)
        following = f"{path or request.url.path}?{urlencode(query)}"
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": following,
        "items": [transform(item) for item in chunk] if transform else chunk,
    }


def _in_range(day: str | None, since: datetime.date | None, until: datetime.date | None) -> bool:
    if since is None and until is None:
        return True
    if not day:
        return False
    return (since is None or day >= since.isoformat()) and (
        until is None or day <= until.isoformat()
    )


def _same_outlet(a: str | None, b: str) -> bool:
    return normalise(a or UNKNOWN_OUTLET) == normalise(b)


def _not_found(kind: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {kind} with id {key!r}")


@router.get(
    "",
    summary="What this API serves, with counts",
    response_model=schemas.Index,
    response_model_by_alias=True,
)
def index(current: Current) -> dict:
    return {
        "name": "presslens",
        "documents": len(current.documents),
        "entities": len(current.entities),
        "quotes": len(current.quotes),
        "claims": current.claim_count,
        "clusters": len(current.clusters),
        "events": len(current.event_clusters),
        "endpoints": [
            "/api/overview",
            "/api/documents",
            "/api/entities",
            "/api/quotes",
            "/api/clusters",
            "/api/claims",
            "/api/events",
            "/api/event-mentions",
            "/api/timeline",
            "/api/framing",
            "/api/network",
            "/api/outlets",
        ],
        "schema": "/openapi.json",
    }


# ---- documents ----------------------------------------------------------------------------


@router.get("/documents", response_model=schemas.Page[schemas.Document])
def list_documents(
    request: Request,
    current: Current,
    q: Annotated[str | None, Query(description="full-text search; orders by relevance")] = None,
    outlet: str | None = None,
    language: str | None = None,
    entity: Annotated[str | None, Query(description="an entity id it mentions")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Documents by publication date (undated last) then id; with `q`, best match first."""
    if q is not None and q.strip():
        hits = current.search(q)
        rows = [
            {**current.documents[h["doc_id"]], "snippet": h["snippet"]}
            for h in hits
            if h["doc_id"] in current.documents
        ]
    else:
        rows = current.document_order
    with_entity = (
        set(current.entities[entity]["document_ids"]) if entity in current.entities else set()
    )
    key = normalise(outlet) if outlet is not None else None
    rows = [
        d
        for d in rows
        if (key is None or current.outlet_keys[d["id"]] == key)
        and (language is None or d["language"] == language)
        and (entity is None or d["id"] in with_entity)
        and _in_range(d["published"], since, until)
    ]
    return page(request, rows, limit, offset, expand=current.full_documents)


@router.get("/documents/{doc_id}", response_model=schemas.DocumentDetail)
def get_document(doc_id: str, current: Current) -> dict:
    """A document's cleaned text with every annotation as character offsets into it."""
    row = current.documents.get(doc_id)
    document = current.store.document(doc_id) if row else None
    if row is None or document is None:
        raise _not_found("document", doc_id)
    full = current.full_documents([row])[0]
    return {
        **full,
        "text": document.text,
        "annotations": {
            "mentions": current.mentions_of(doc_id),
            "quotes": [
                quote_item(current, q)
                for q in current.full_quotes(current.quotes_by_doc.get(doc_id, []))
            ],
            "claims": [claim_item(current, c) for c in _of_doc(current.claims_page, doc_id)],
            "events": [event_item(current, e) for e in _of_doc(current.events_page, doc_id)],
            "removed": full["removed"],
        },
    }


def _of_doc(read_page, doc_id: str) -> list[dict]:
    """Every claim or event mention of one document, by offset."""
    return read_page(Filter(doc=doc_id), None, 0, "offset")[1]


def quote_item(current: Corpus, quote: dict) -> dict:
    document = current.documents.get(quote["doc_id"]) or {}
    return {**quote, "outlet": document.get("outlet"), "published": document.get("published")}


def claim_item(current: Corpus, claim: dict) -> dict:
    document = current.documents.get(claim["doc_id"]) or {}
    return {
        **claim,
        "outlet": document.get("outlet"),
        "republished_from": document.get("republished_from"),
    }


# ---- entities -----------------------------------------------------------------------------


@router.get("/entities", response_model=schemas.Page[schemas.Entity])
def list_entities(
    request: Request,
    current: Current,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, NORP, ...")] = None,
    name: Annotated[str | None, Query(description="part of the name or of an alias")] = None,
    outlet: Annotated[str | None, Query(description="named by this outlet")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Entities, most mentioned first (then id)."""
    rows = [
        e
        for e in current.entity_order
        if (type is None or e["type"] == type.upper())
        and (name is None or matches_name(e, name))
        and (
            outlet is None
            or any(
                _same_outlet(o, outlet) for o in current.mention_counts_by_outlet.get(e["id"], ())
            )
        )
    ]
    return page(request, rows, limit, offset)


@router.get("/entities/{entity_id}", response_model=schemas.EntityDetail)
def get_entity(
    request: Request,
    entity_id: str,
    current: Current,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items in each sub-list")] = 20,
) -> dict:
    """An actor: aliases and why they joined, how each outlet names it, quotes by and about it,
    its documents. Each sub-list is the first page of the list endpoint its `next` points to."""
    entity = current.entities.get(entity_id)
    if entity is None:
        raise _not_found("entity", entity_id)
    descriptors: dict[str, dict[str, int]] = {}
    for d in entity["descriptors"]:
        terms = descriptors.setdefault(d.get("outlet") or UNKNOWN_OUTLET, {})
        terms[d["text"]] = terms.get(d["text"], 0) + d.get("count", 1)
    labels: dict[str, dict[str, int]] = {}
    for row in current.framing_by_entity.get(entity_id, ()):
        labels.setdefault(row["outlet"], {})[row["term"]] = row["count"]
    document_ids = set(entity["document_ids"])
    documents = [d for d in current.document_order if d["id"] in document_ids]

    def sub_page(items, path, key, transform, expand=None):
        return page(request, items, limit, 0, path, {key: entity_id}, transform, expand)

    return {
        **entity,
        "mentions_by_outlet": dict(current.mention_counts_by_outlet.get(entity_id, {})),
        "descriptors_by_outlet": descriptors,
        "labels_by_outlet": labels,
        "quotes_by": sub_page(
            current.quotes_by_speaker.get(entity_id, []),
            "/api/quotes",
            "speaker",
            lambda q: quote_item(current, q),
            current.full_quotes,
        ),
        "quotes_about": sub_page(
            current.quotes_about.get(entity_id, []),
            "/api/quotes",
            "about",
            lambda q: quote_item(current, q),
            current.full_quotes,
        ),
        "documents": sub_page(
            documents, "/api/documents", "entity", lambda d: current.document_ref(d["id"])
        ),
    }


# ---- quotes, clusters, timeline -----------------------------------------------------------


@router.get("/quotes", response_model=schemas.Page[schemas.Quote])
def list_quotes(
    request: Request,
    current: Current,
    speaker: Annotated[str | None, Query(description="the speaker's entity id")] = None,
    about: Annotated[str | None, Query(description="an entity id named inside the quote")] = None,
    outlet: str | None = None,
    kind: Kind | None = None,
    doc: Annotated[str | None, Query(description="a document id")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Quotes by date (the statement's, else the document's), then document and offset."""
    rows = current.quote_order
    if speaker is not None:
        rows = current.quotes_by_speaker.get(speaker, [])
    if about is not None:
        named = {q["id"] for q in current.quotes_about.get(about, ())}
        rows = [q for q in rows if q["id"] in named]
    if kind is not None:
        rows = [q for q in rows if q["kind"] == kind]
    if doc is not None:
        rows = [q for q in rows if q["doc_id"] == doc]
    if outlet is not None:
        key = normalise(outlet)
        rows = [q for q in rows if current.outlet_keys.get(q["doc_id"]) == key]
    if since is not None or until is not None:
        rows = [q for q in rows if _in_range(current.quote_date(q), since, until)]
    return page(
        request,
        rows,
        limit,
        offset,
        transform=lambda q: quote_item(current, q),
        expand=current.full_quotes,
    )


def cluster_item(request: Request, current: Corpus, cluster: dict, limit: int) -> dict:
    """The cluster row with the first page of its claims (the rest at /api/claims?cluster=ID)."""
    total, claims = current.claims_page(Filter(cluster=cluster["id"]), limit, 0, "id")
    return {
        **cluster,
        "claims": read_page(
            request,
            total,
            claims,
            limit,
            0,
            "/api/claims",
            {"cluster": cluster["id"]},
            lambda c: claim_item(current, c),
        ),
    }


@router.get("/clusters", response_model=schemas.Page[schemas.Cluster])
def list_clusters(
    request: Request,
    current: Current,
    min_outlets: Annotated[int, Query(ge=0, description="independent outlets at least")] = 0,
    outlet: str | None = None,
    entity: Annotated[str | None, Query(description="an entity id a claim is about")] = None,
    claims: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="claims shown per cluster")] = 10,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Claims told across documents: most independent outlets first, then most claims, then id.
    A re-published copy is listed with its `republished_from` and adds no independent outlet."""

    def about(cluster: dict) -> bool:
        return entity in current.cluster_entities.get(cluster["id"], ())

    rows = [
        c
        for c in current.cluster_order
        if c["independent_outlets"] >= min_outlets
        and (outlet is None or any(_same_outlet(o, outlet) for o in c["outlets"]))
        and (entity is None or about(c))
    ]
    return page(
        request, rows, limit, offset, transform=lambda c: cluster_item(request, current, c, claims)
    )


@router.get("/clusters/{cluster_id}", response_model=schemas.Cluster)
def get_cluster(request: Request, cluster_id: str, current: Current, limit: Limit = 50) -> dict:
    """One cluster with the first `limit` of its claims."""
    cluster = current.clusters.get(cluster_id)
    if cluster is None:
        raise _not_found("claim cluster", cluster_id)
    return cluster_item(request, current, cluster, limit)


@router.get("/claims", response_model=schemas.Page[schemas.Claim])
def list_claims(
    request: Request,
    current: Current,
    cluster: Annotated[str | None, Query(description="a claim cluster id")] = None,
    doc: Annotated[str | None, Query(description="a document id")] = None,
    entity: Annotated[str | None, Query(description="its subject or place")] = None,
    source: Annotated[Literal["outlet", "quote", "reported"] | None, Query()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Claims by document date, document, then offset (in a cluster: the cluster's own order)."""
    if cluster is not None and cluster not in current.clusters:
        return read_page(request, 0, [], limit, offset)
    where = Filter(cluster=cluster, doc=doc, entity=entity, source=source)
    order = "id" if cluster is not None else "story"
    total, rows = current.claims_page(where, limit, offset, order)
    return read_page(
        request, total, rows, limit, offset, transform=lambda c: claim_item(current, c)
    )


@router.get("/timeline", response_model=schemas.Page[schemas.TimelineEntry])
def list_timeline(
    request: Request,
    current: Current,
    entity: Annotated[str | None, Query(description="an entity id involved")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Dated events by date, then id."""
    rows = [
        t
        for t in current.timeline_order
        if (entity is None or entity in t["entity_ids"]) and _in_range(t["date"], since, until)
    ]
    return page(request, rows, limit, offset)


# ---- framing, network, outlets ------------------------------------------------------------


def framing_item(current: Corpus, entity_id: str, outlet: str | None) -> dict:
    by_outlet: dict[str, dict] = {}
    for name, n in sorted(current.mention_counts_by_outlet.get(entity_id, {}).items()):
        if outlet is None or _same_outlet(name, outlet):
            by_outlet[name] = {"mentions": n, "terms": []}
    rows = [r for r in current.framing_by_entity.get(entity_id, ()) if r["outlet"] in by_outlet]
    for row, examples in zip(rows, current.framing_examples(rows), strict=True):
        terms = by_outlet[row["outlet"]]["terms"]
        terms.append({"term": row["term"], "count": row["count"], "examples": examples})
    return {"entity": current.entity_ref(entity_id), "by_outlet": by_outlet}


@router.get("/framing", response_model=schemas.Page[schemas.Framing])
def list_framing(
    request: Request,
    current: Current,
    entity: Annotated[str | None, Query(description="one entity id")] = None,
    outlet: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Actor × outlet: the labels each outlet attaches to each actor it names (actors with at
    least one label, most mentioned first), beside how often that outlet names it."""
    rows = [
        e["id"]
        for e in current.entity_order
        if (entity is None or e["id"] == entity)
        and any(
            outlet is None or _same_outlet(r["outlet"], outlet)
            for r in current.framing_by_entity.get(e["id"], ())
        )
    ]
    return page(request, rows, limit, offset, transform=lambda e: framing_item(current, e, outlet))


@router.get("/network", response_model=schemas.Network)
def get_network(
    current: Current,
    type: Annotated[str | None, Query(description="only entities of this type")] = None,
    kind: Literal["co-occurrence", "quotes"] | None = None,
    min_weight: Annotated[int, Query(ge=1)] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="most mentioned nodes")] = 50,
) -> dict:
    """The actor network: the `limit` most mentioned entities and the edges among them."""
    candidates = [e for e in current.entity_order if type is None or e["type"] == type.upper()]
    nodes = candidates[:limit]
    kept = {e["id"] for e in nodes}
    found = [
        (k, a, b, w)
        for source in kept
        for (k, a, b, w) in current.edges_by_source.get(source, ())
        if b in kept and w >= min_weight and (kind is None or k == kind)
    ]
    found.sort(key=lambda e: (-e[3], e[0], e[1], e[2]))
    edges = [{"source": a, "target": b, "kind": k, "weight": w} for k, a, b, w in found]
    return {
        "total_nodes": len(candidates),
        "limit": limit,
        "nodes": [{k: e[k] for k in ("id", "name", "type", "mention_count")} for e in nodes],
        "edges": edges,
    }


@router.get("/outlets", response_model=schemas.Page[schemas.Outlet])
def list_outlets(request: Request, current: Current, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Outlets by name, with their stored documents."""
    return page(request, current.outlets, limit, offset)


# ---- events -------------------------------------------------------------------------------


def event_item(current: Corpus, mention: dict) -> dict:
    document = current.documents.get(mention["doc_id"]) or {}
    return {
        **mention,
        "outlet": document.get("outlet"),
        "published": document.get("published"),
        "republished_from": document.get("republished_from"),
    }


def event_cluster_item(request: Request, current: Corpus, cluster: dict, limit: int) -> dict:
    """The cluster with the first page of its mentions (the rest at /api/event-mentions)."""
    total, mentions = current.event_mentions(cluster["id"], limit)
    return {
        **cluster,
        "mentions": read_page(
            request,
            total,
            mentions,
            limit,
            0,
            "/api/event-mentions",
            {"cluster": cluster["id"]},
            lambda m: event_item(current, m),
        ),
    }


@router.get("/events", response_model=schemas.Page[schemas.EventCluster])
def list_events(
    request: Request,
    current: Current,
    min_outlets: Annotated[int, Query(ge=0, description="independent outlets at least")] = 0,
    outlet: str | None = None,
    lemma: Annotated[str | None, Query(description="the predicate, e.g. shoot")] = None,
    doc: Annotated[str | None, Query(description="told in this document")] = None,
    mentions: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="mentions per event")] = 10,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Events told across documents (mentions of one predicate in one story): most independent
    outlets first, then most mentions, then id. A copy's outlet adds no independent outlet."""
    key = lemma.strip().lower() if lemma is not None else None
    rows = [
        c
        for c in current.event_cluster_order
        if c["independent_outlets"] >= min_outlets
        and (key is None or c["lemma"] == key)
        and (outlet is None or any(_same_outlet(o, outlet) for o in c["outlets"]))
        and (doc is None or doc in c["doc_ids"])
    ]
    return page(
        request,
        rows,
        limit,
        offset,
        transform=lambda c: event_cluster_item(request, current, c, mentions),
    )


@router.get("/events/{event_id}", response_model=schemas.EventCluster)
def get_event(request: Request, event_id: str, current: Current, limit: Limit = 50) -> dict:
    """One event with the first `limit` of its mentions."""
    cluster = current.event_clusters.get(event_id)
    if cluster is None:
        raise _not_found("event", event_id)
    return event_cluster_item(request, current, cluster, limit)


@router.get("/event-mentions", response_model=schemas.Page[schemas.EventMention])
def list_event_mentions(
    request: Request,
    current: Current,
    cluster: Annotated[str | None, Query(description="an event id")] = None,
    doc: Annotated[str | None, Query(description="a document id")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Event mentions by document date, document, then offset."""
    total, rows = current.events_page(Filter(cluster=cluster, doc=doc), limit, offset)
    return read_page(
        request, total, rows, limit, offset, transform=lambda m: event_item(current, m)
    )


# ---- overview -----------------------------------------------------------------------------


def _ref(cluster: dict) -> dict:
    label = cluster.get("label", cluster.get("lemma"))
    return {
        "id": cluster["id"],
        "label": label,
        "outlets": cluster["outlets"],
        "independent_outlets": cluster["independent_outlets"],
    }


@router.get("/overview", response_model=schemas.Overview)
def get_overview(
    current: Current,
    top: Annotated[int, Query(ge=1, le=100, description="actors, claims and events listed")] = 10,
) -> dict:
    """The story at a glance: what the overview page shows."""
    cells: dict[tuple[str, str], int] = {}
    undated: dict[str, int] = {}
    for document in current.documents.values():
        outlet = document["outlet"] or UNKNOWN_OUTLET
        day = (document["published"] or "")[:10]
        if day:
            cells[outlet, day] = cells.get((outlet, day), 0) + 1
        else:
            undated[outlet] = undated.get(outlet, 0) + 1
    return {
        "counts": {
            "documents": len(current.documents),
            "outlets": len(current.outlets),
            "entities": len(current.entities),
            "quotes": len(current.quotes),
            "claims": current.claim_count,
            "clusters": len(current.clusters),
            "events": len(current.event_clusters),
            "timeline": len(current.timeline),
        },
        "outlets": [o["name"] for o in current.outlets],
        "dates": sorted({day for _, day in cells}),
        "coverage": [
            {"outlet": o, "date": d, "documents": n} for (o, d), n in sorted(cells.items())
        ],
        "undated": dict(sorted(undated.items())),
        "top_actors": [
            {k: e[k] for k in ("id", "name", "type", "mention_count")}
            for e in current.entity_order[:top]
        ],
        "top_clusters": [_ref(c) for c in current.cluster_order[:top]],
        "top_events": [_ref(c) for c in current.event_cluster_order[:top]],
    }
