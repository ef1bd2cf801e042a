"""A static, self-contained HTML report of a store: one file to open, send or archive.

Article text is untrusted: the template autoescapes everything, and the page has no scripts
and loads nothing from the network.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from . import views
from .api.corpus import display_sources
from .store import DEFAULT_DB, Store

CONTEXT_CHARS = 90


def _snippet(text: str, start: int, end: int) -> tuple[str, str, str]:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    return text[left:start], text[start:end], text[end:right]


def report_data(db: str | Path = DEFAULT_DB) -> dict:
    """Everything the report shows, as plain data (the same shapes the API serves)."""
    store = Store(db)
    meta = store.document_meta()
    shown = display_sources(d["source"] for d in meta.values())
    meta = {doc_id: {**d, "source": shown[d["source"]]} for doc_id, d in meta.items()}
    texts = {d.id: d.text for d in store.iter_documents()}
    entities = {e.id: e for e in store.iter_entities()}
    name_of = {e.id: e.name for e in entities.values()}

    quotes = []
    for row in views.list_quotes(db):
        quote = row["quote"]
        quotes.append({"row": row, "quote": quote, "source": meta[quote.doc_id]})

    clusters = _corroborated_clusters(store, meta, texts)
    timeline = _timeline_rows(store, meta, name_of)

    framing: defaultdict[str, defaultdict[str, list[tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in store.iter_rows("framing"):
        framing[name_of.get(row["entity_id"], row["entity_id"])][row["outlet"]].append(
            (row["term"], row["count"])
        )

    return {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": views.summary(db, top=25),
        "entities": views.list_entities(db),
        "quotes": quotes,
        "clusters": clusters,
        "timeline": timeline,
        "framing": {k: dict(v) for k, v in sorted(framing.items())},
        "documents": sorted(meta.values(), key=lambda d: (d["outlet"] or "", d["published"] or "")),
    }


def _corroborated_clusters(store: Store, meta: dict, texts: dict) -> list[dict[str, Any]]:
    """Claim clusters told by two or more independent outlets, with every sentence behind them."""
    claims_by_id = {c.id: c for c in store.iter_claims()}
    clusters: list[dict[str, Any]] = []
    for row in store.iter_rows("claim_clusters"):
        if row["independent_outlets"] < 2:
            continue
        evidence = []
        for claim_id in row["claim_ids"]:
            claim = claims_by_id.get(claim_id)
            if claim:
                evidence.append(
                    {
                        "outlet": meta[claim.doc_id]["outlet"],
                        "doc": meta[claim.doc_id],
                        "claim": claim,
                        "context": _snippet(texts[claim.doc_id], claim.start, claim.end),
                    }
                )
        worded_by = next((e["outlet"] for e in evidence if e["claim"].text == row["label"]), None)
        clusters.append(
            {"cluster": row, "evidence": evidence, "worded_by": worded_by or "one of the sources"}
        )
    clusters.sort(key=lambda c: -c["cluster"]["independent_outlets"])

    return clusters


def _timeline_rows(store: Store, meta: dict, name_of: dict) -> list[dict[str, Any]]:
    """Timeline entries with their actors' names and the outlets that date them."""
    timeline = []
    for row in store.iter_rows("timeline", order_by="date"):
        timeline.append(
            {
                "entry": row,
                "entities": [name_of.get(e, e) for e in row["entity_ids"]],
                "outlets": sorted({meta[d]["outlet"] or "?" for d in row["doc_ids"] if d in meta}),
            }
        )
    return timeline


def write_report(out: str | Path, db: str | Path = DEFAULT_DB) -> Path:
    env = Environment(
        loader=PackageLoader("presslens", "templates"), autoescape=select_autoescape(default=True)
    )
    html = env.get_template("report.html").render(**report_data(db))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out
