"""Read-only views over a store, shared by the CLI, the API and reports.

Each view returns plain data; every count comes with the ids or spans behind it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .evaluate import normalise
from .framing import UNKNOWN_OUTLET
from .models import Entity, Quote
from .store import DEFAULT_DB, Store


@dataclass
class Summary:
    documents_by_outlet: dict[str, list[dict]] = field(
        default_factory=dict
    )  # outlet → [{id, title, published}]
    top_entities: list[dict] = field(default_factory=list)  # [{id, name, type, total, by_outlet}]
    quotes_by_kind: dict[str, int] = field(default_factory=dict)
    claims: int = 0
    clusters_multi_outlet: int = 0
    removed_by_kind: dict[str, int] = field(default_factory=dict)
    comments: int = 0


def mentions_by_outlet(store: Store, outlet_of: dict[str, str]) -> dict[str, Counter]:
    """entity id → outlet → number of mentions (each one a row in mentions, with its span)."""
    per_entity: dict[str, Counter] = defaultdict(Counter)
    for mention in store.iter_mentions():
        if mention.entity_id:
            per_entity[mention.entity_id][outlet_of.get(mention.doc_id, UNKNOWN_OUTLET)] += 1
    return per_entity


def summary(db: str | Path = DEFAULT_DB, top: int = 12) -> Summary:
    store = Store(db)
    result = Summary()
    outlet_of = {}
    by_outlet = defaultdict(list)
    removed: Counter[str] = Counter()
    for document in store.iter_documents():
        outlet = document.outlet or UNKNOWN_OUTLET
        outlet_of[document.id] = outlet
        by_outlet[outlet].append(
            {"id": document.id, "title": document.title, "published": document.published}
        )
        removed.update(r.kind for r in document.removed)
        result.comments += len(document.comments)
    result.documents_by_outlet = dict(sorted(by_outlet.items()))
    result.removed_by_kind = dict(removed.most_common())

    per_entity = mentions_by_outlet(store, outlet_of)
    entities = {e.id: e for e in store.iter_entities()}
    ranked = sorted(per_entity.items(), key=lambda kv: -sum(kv[1].values()))
    for entity_id, counts in ranked[:top]:
        entity = entities.get(entity_id)
        if entity:
            result.top_entities.append(
                {
                    "id": entity_id,
                    "name": entity.name,
                    "type": entity.type,
                    "total": sum(counts.values()),
                    "by_outlet": dict(counts),
                }
            )
    result.quotes_by_kind = dict(Counter(q.kind for q in store.iter_quotes()).most_common())
    result.claims = store.count("claims")
    result.clusters_multi_outlet = sum(
        1 for row in store.iter_rows("claim_clusters") if row["independent_outlets"] >= 2
    )
    return result


def find_entity(store: Store, name: str) -> Entity | None:
    """An entity by id, canonical name or any alias (normalised), preferring the most mentioned."""
    key = normalise(name)
    best = None
    for entity in store.iter_entities():
        names = {entity.id, normalise(entity.name)} | {normalise(a["text"]) for a in entity.aliases}
        if name in names or key in names:
            if best is None or entity.mention_count > best.mention_count:
                best = entity
    return best


def list_quotes(
    db: str | Path = DEFAULT_DB,
    speaker: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
) -> list[dict]:
    """Quotes with speaker, outlet and date, filtered; each row keeps its document span."""
    store = Store(db)
    meta = store.document_meta()
    entity_names = {e.id: e.name for e in store.iter_entities()}
    speaker_entity = find_entity(store, speaker) if speaker else None
    rows = []
    for quote in store.iter_quotes():
        doc = meta[quote.doc_id]
        if kind and quote.kind != kind:
            continue
        if outlet and normalise(outlet) not in normalise(doc["outlet"]):
            continue
        if speaker:
            by_entity = (
                speaker_entity and quote.speaker and quote.speaker.entity_id == speaker_entity.id
            )
            by_text = quote.speaker and normalise(speaker) in normalise(quote.speaker.text)
            if not (by_entity or by_text):
                continue
        rows.append(
            {
                "quote": quote,
                "speaker": entity_names.get(quote.speaker.entity_id)
                if quote.speaker and quote.speaker.entity_id
                else (quote.speaker.text if quote.speaker else None),
                "outlet": doc["outlet"],
                "published": doc["published"],
                "source": doc["source"],
            }
        )
    rows.sort(key=lambda r: (r["published"] or "", r["outlet"] or "", r["quote"].start))
    return rows


def _paragraph_start(text: str, offset: int) -> int:
    """Offset of the first character of the paragraph holding `offset`."""
    found = text.rfind("\n\n", 0, offset)
    return 0 if found < 0 else found + 2


def quote_in_context(db: str | Path, quote_id: str) -> dict | None:
    """The paragraph around a quote, split into before / quote / after, with its attribution."""
    store = Store(db)
    quote: Quote | None = next(
        (q for q in store.iter_quotes() if q.id == quote_id or q.id.startswith(quote_id)), None
    )
    if quote is None:
        return None
    document = store.document(quote.doc_id)
    # quotes.doc_id is a non-null foreign key to documents, enforced (PRAGMA foreign_keys=ON)
    assert document is not None, f"quote {quote.id} names a missing document {quote.doc_id}"
    text = document.text
    para_start = _paragraph_start(text, quote.start)
    if quote.speaker and quote.speaker.start is not None:  # show the attribution too
        para_start = min(para_start, _paragraph_start(text, quote.speaker.start))
    para_end = text.find("\n\n", quote.end)
    para_end = len(text) if para_end < 0 else para_end
    return {
        "quote": quote,
        "document": document,
        "before": text[para_start : quote.start],
        "text": text[quote.start : quote.end],
        "after": text[quote.end : para_end],
    }


def list_entities(
    db: str | Path = DEFAULT_DB, type: str | None = None, outlet: str | None = None
) -> list[dict]:
    """Entities with aliases and per-outlet mention counts (and the mention ids behind them)."""
    store = Store(db)
    outlet_of = {
        doc_id: row["outlet"] or UNKNOWN_OUTLET for doc_id, row in store.document_meta().items()
    }
    per_entity = mentions_by_outlet(store, outlet_of)
    rows: list[dict[str, Any]] = []
    for entity in store.iter_entities():
        if type and entity.type != type.upper():
            continue
        counts = per_entity.get(entity.id, Counter())
        if outlet and not any(normalise(outlet) in normalise(o) for o in counts):
            continue
        rows.append({"entity": entity, "by_outlet": dict(counts)})
    rows.sort(key=lambda r: -r["entity"].mention_count)
    return rows


def entity_profile(db: str | Path, name: str) -> dict | None:
    """Everything about one actor: aliases, descriptors by outlet, quotes by it, documents."""
    store = Store(db)
    entity = find_entity(store, name)
    if entity is None:
        return None
    meta = store.document_meta()
    descriptors: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for d in entity.descriptors:
        descriptors[d.get("outlet") or UNKNOWN_OUTLET][d["text"]] += 1
    quotes_by = [q for q in store.iter_quotes() if q.speaker and q.speaker.entity_id == entity.id]
    return {
        "entity": entity,
        "descriptors_by_outlet": {o: dict(c) for o, c in descriptors.items()},
        "quotes_by": quotes_by,
        "documents": [meta[d] for d in entity.document_ids if d in meta],
    }


def framing_table(
    db: str | Path = DEFAULT_DB, entity: str | None = None, outlet: str | None = None
) -> dict:
    """How each outlet words each actor, side by side: {"outlets": [...], "rows": [{"subject",
    "entity_id", "by_outlet": {outlet: [{term, count, kind, z, examples}]}}]}, actors with the
    most uses first. `entity` keeps one actor (name, alias or id; an unnamed actor by its words),
    `outlet` the outlets whose name holds it. Predicates with no actor are the row "(events)";
    `z` is the term's weighted log-odds z-score, its outlet against the rest."""
    store = Store(db)
    wanted = find_entity(store, entity) if entity else None
    rows: dict[str, dict] = {}
    outlets: set[str] = set()
    for f in store.iter_rows("framing", "outlet", "entity_id", "term"):
        if outlet and normalise(outlet) not in normalise(f["outlet"]):
            continue
        subject = _framing_subject(f)
        if entity and not _is_wanted(f, subject, entity, wanted):
            continue
        outlets.add(f["outlet"])
        key = f["entity_id"] or subject
        row = rows.setdefault(
            key, {"subject": subject, "entity_id": f["entity_id"], "by_outlet": {}}
        )
        row["by_outlet"].setdefault(f["outlet"], []).append(
            {k: f[k] for k in ("term", "count", "kind", "z", "examples")}
        )
    for row in rows.values():
        for terms in row["by_outlet"].values():
            terms.sort(key=lambda t: (-t["count"], -(t["z"] or 0.0), t["term"]))
    ordered = sorted(rows.values(), key=lambda r: (-_uses(r), r["subject"]))
    return {"outlets": sorted(outlets), "rows": ordered}


def _framing_subject(row: dict) -> str:
    if not row["entity_id"]:
        return "(events)"
    return row["subject"] or row["entity_id"]


def _is_wanted(row: dict, subject: str, asked: str, wanted: Entity | None) -> bool:
    if wanted is not None:
        return row["entity_id"] == wanted.id
    return normalise(asked) in normalise(subject)


def _uses(row: dict) -> int:
    return sum(t["count"] for terms in row["by_outlet"].values() for t in terms)


def _outlets_of(meta: dict[str, dict], doc_ids: list[str]) -> list[str]:
    return sorted({meta[d]["outlet"] or UNKNOWN_OUTLET for d in doc_ids if d in meta})


def list_timeline(
    db: str | Path = DEFAULT_DB,
    entity: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Timeline entries by date (`since`/`until` are ISO dates or their prefixes, both
    inclusive), each with its outlets, the names of its entities and the ids behind it; with
    `entity`, only the entries that involve it (None when no entity has that name)."""
    store = Store(db)
    meta = store.document_meta()
    names = {e.id: e.name for e in store.iter_entities()}
    wanted = find_entity(store, entity) if entity else None
    if entity and wanted is None:
        return []
    rows = []
    for row in store.iter_rows("timeline", "date"):
        if wanted is not None and wanted.id not in (row["entity_ids"] or []):
            continue
        if (since and row["date"] < since) or (until and row["date"][: len(until)] > until):
            continue
        row["outlets"] = _outlets_of(meta, row["doc_ids"] or [])
        row["entities"] = [names[e] for e in row["entity_ids"] or [] if e in names]
        rows.append(row)
    return rows


def list_claim_clusters(
    db: str | Path = DEFAULT_DB, entity: str | None = None, single_source: bool = False
) -> list[dict]:
    """Claim clusters, most independent outlets first: label, outlets, independent outlets and
    the claim ids behind them; `entity` keeps the clusters a claim of which is about it (its
    subject or place), `single_source` those told by one independent outlet only."""
    store = Store(db)
    wanted = find_entity(store, entity) if entity else None
    if entity and wanted is None:
        return []
    about: set[str] | None = None
    if wanted is not None:
        about = {
            row["cluster_id"]
            for row in store.iter_rows("claims")
            if row["cluster_id"] and wanted.id in (row["subject_entity_id"], row["where_entity_id"])
        }
    rows = []
    for row in store.iter_rows("claim_clusters"):
        if about is not None and row["id"] not in about:
            continue
        if single_source and row["independent_outlets"] > 1:
            continue
        rows.append(row)
    rows.sort(key=lambda r: (-r["independent_outlets"], -len(r["claim_ids"]), r["id"]))
    return rows


def claim_cluster_detail(db: str | Path, ident: str) -> dict | None:
    """One claim cluster (by its id, a claim's id, or a prefix of either) with every claim
    behind it: the sentence, its document, outlet, date, source and character span."""
    store = Store(db)
    clusters = {row["id"]: row for row in store.iter_rows("claim_clusters")}
    claims = list(store.iter_claims())
    cluster_id = next((c for c in clusters if c == ident or c.startswith(ident)), None)
    if cluster_id is None:
        claim = next((c for c in claims if c.id == ident or c.id.startswith(ident)), None)
        cluster_id = claim.cluster_id if claim else None
    if cluster_id is None or cluster_id not in clusters:
        return None
    meta = store.document_meta()
    members = sorted(
        (c for c in claims if c.cluster_id == cluster_id),
        key=lambda c: (meta[c.doc_id]["published"] or "", c.doc_id, c.start),
    )
    return {
        "cluster": clusters[cluster_id],
        "claims": [
            {"claim": c, **{k: meta[c.doc_id][k] for k in ("outlet", "published", "source")}}
            for c in members
        ],
    }
