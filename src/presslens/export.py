"""Writers for the export contract: one file per record type, streamed from the store.

The contract is `export_schema.json` (shipped in the package, documented in
docs/export-format.md). Every record type is always written, empty if nothing was found, so
consumers never break.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .store import Store

RECORD_TYPES = (
    "documents",
    "entities",
    "mentions",
    "quotes",
    "claims",
    "events",
    "dates",
    "claim_clusters",
    "timeline",
    "framing",
)
FORMATS = ("jsonl", "csv")


@lru_cache(maxsize=1)
def export_schema() -> dict:
    """The JSON Schema of every exported record type: {"$defs": {record_type: schema}}."""
    return json.loads(
        resources.files("presslens").joinpath("export_schema.json").read_text("utf-8")
    )


def _documents(store: Store) -> Iterator[dict]:
    original_of = {
        row["copy_id"]: row["original_id"]
        for row in store.iter_rows("republications", order_by="copy_id")
    }
    copied: dict[str, dict[str, dict]] = {}
    for row in store.iter_copied_passages():
        held = copied.setdefault(row["copy_id"], {}).setdefault(
            row["original_id"],
            {"original_id": row["original_id"], "paragraphs": [], "whole": bool(row["whole"])},
        )
        held["paragraphs"].append([row["copy_paragraph"], row["original_paragraph"]])
    for row in store.iter_rows("documents"):
        yield {
            "id": row["id"],
            "source": row["source"],
            "outlet": row["outlet"],
            "title": row["title"],
            "header": row.get("header"),
            "authors": row["authors"] or [],
            "published": row["published"],
            "language": row["language"],
            "dateline": row["dateline"],
            "text": row["text"],
            "comments": row["comments"] or [],
            "captions": row["captions"] or [],
            "removed": row["removed"] or [],
            "republished_from": original_of.get(row["id"]),
            "copies": list(copied.get(row["id"], {}).values()),
            "provenance": row.get("provenance") or {},
        }


def _entities(store: Store) -> Iterator[dict]:
    for row in store.iter_rows("entities"):
        yield {
            key: row[key]
            for key in (
                "id",
                "name",
                "type",
                "aliases",
                "descriptors",
                "mention_count",
                "document_ids",
                "reasons",
                "external_id",
            )
        }


def _mentions(store: Store) -> Iterator[dict]:
    for row in store.iter_rows("mentions"):
        yield mention_record(row)


def mention_record(row: dict) -> dict:
    """The exported mention of a stored mentions row."""
    return {
        key: row[key]
        for key in ("id", "doc_id", "entity_id", "start", "end", "text", "type", "descriptor")
    } | {"field": row["field"] or "body", "rule": row.get("rule")}


def _quotes(store: Store) -> Iterator[dict]:
    recycled = store.recycled_quotes()
    for row in store.iter_rows("quotes"):
        yield quote_record(row, recycled)


def quote_record(row: dict, recycled: dict[str, dict] | None = None) -> dict:
    """The exported quote of a stored quotes row; `recycled`: quote id -> its first appearance
    (Store.recycled_quotes)."""
    first = (recycled or {}).get(row["id"])
    speaker = None
    if row["speaker_text"] is not None:
        speaker = {
            "text": row["speaker_text"],
            "entity_id": row["speaker_entity_id"],
            "start": row["speaker_start"],
            "end": row["speaker_end"],
        }
    return {
        **{key: row[key] for key in ("id", "doc_id", "start", "end", "text", "kind")},
        "speaker": speaker,
        **{key: row[key] for key in ("cue", "via", "date", "speaker_rule", "confidence")},
        "candidates": row["candidates"] or [],
        "recycled_from": first
        and {
            "quote_id": first["first_quote_id"],
            "doc_id": first["first_doc_id"],
            "published": first["first_published"],
            "days_later": first["days_later"],
            "rule": first["rule"],
        },
    }


def _claims(store: Store) -> Iterator[dict]:
    speaker_of = {row["id"]: row["speaker_entity_id"] for row in store.iter_rows("quotes")}
    for row in store.iter_rows("claims"):
        yield claim_record(row, speaker_of.get(row["quote_id"]) if row["quote_id"] else None)


def claim_record(row: dict, quote_speaker: str | None) -> dict:
    """The exported claim of a stored claims row; `quote_speaker` is the entity id of the
    speaker of the quote it was told in (None outside quotes)."""
    when = None
    if row["when_start"]:
        when = {
            "start": row["when_start"],
            "end": row["when_end"],
            "precision": row["when_precision"],
            "text": row["when_text"],
            "char_start": row["when_char_start"],
            "char_end": row["when_char_end"],
        }
    return {
        **{
            key: row[key]
            for key in (
                "id",
                "doc_id",
                "start",
                "end",
                "text",
                "subject_entity_id",
                "predicate",
                "object",
            )
        },
        "when": when,
        "where_entity_id": row["where_entity_id"],
        "source": {
            "kind": row["source_kind"],
            "entity_id": quote_speaker if row["quote_id"] else None,
            "quote_id": row["quote_id"],
        },
        "cluster_id": row["cluster_id"],
        "rules": row["rules"] or {},
    }


def _events(store: Store) -> Iterator[dict]:
    """Event mentions as stored; `source` says whose voice tells each one, like a claim's."""
    speaker_of = {row["id"]: row["speaker_entity_id"] for row in store.iter_rows("quotes")}
    for row in store.iter_rows("events"):
        yield event_record(row, speaker_of.get(row["quote_id"]) if row["quote_id"] else None)


def event_record(row: dict, quote_speaker: str | None) -> dict:
    """The exported event mention of a stored events row (`quote_speaker` as for claims)."""
    row = dict(row)
    row.pop("quote_speaker", None)
    quote_id = row.pop("quote_id")
    row["field"] = row["field"] or "body"
    row["source"] = {
        "kind": "quote" if quote_id else "outlet",
        "entity_id": quote_speaker if quote_id else None,
        "quote_id": quote_id,
    }
    return row


def _dates(store: Store) -> Iterator[dict]:
    """Every time expression of the cleaned bodies, with its value, range and rule."""
    yield from store.iter_rows("time_mentions", "doc_id", "start")


def _claim_clusters(store: Store) -> Iterator[dict]:
    yield from store.iter_rows("claim_clusters")


def _timeline(store: Store) -> Iterator[dict]:
    for row in store.iter_rows("timeline", order_by="date"):
        yield {**row, "event_ids": row.get("event_ids") or []}


def _framing(store: Store) -> Iterator[dict]:
    for row in store.iter_rows("framing"):
        row.pop("id")
        yield row


RECORDS: dict[str, Callable[[Store], Iterator[dict]]] = {
    "documents": _documents,
    "entities": _entities,
    "mentions": _mentions,
    "quotes": _quotes,
    "claims": _claims,
    "events": _events,
    "dates": _dates,
    "claim_clusters": _claim_clusters,
    "timeline": _timeline,
    "framing": _framing,
}


def iter_records(store: Store, record_type: str) -> Iterator[dict]:
    """The exported form of one record type, as the API and the writers see it."""
    return RECORDS[record_type](store)


def export(db: str | Path, out_dir: str | Path, format: str = "jsonl") -> dict[str, int]:
    """Write every record type to OUT_DIR/<type>.<format>; returns the row count per file."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (choose from {', '.join(FORMATS)})")
    store = Store(db)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for record_type in RECORD_TYPES:
        path = out / f"{record_type}.{format}"
        rows = iter_records(store, record_type)
        counts[record_type] = (_write_jsonl if format == "jsonl" else _write_csv)(
            rows, path, record_type
        )
    return counts


def _write_jsonl(rows: Iterator[dict], path: Path, record_type: str) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_csv(rows: Iterator[dict], path: Path, record_type: str) -> int:
    """One CSV per record type; nested values (lists, objects) are JSON-encoded in their cell."""
    columns = list(export_schema()["$defs"][record_type]["properties"])
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
            n += 1
    return n


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell: nested values JSON-encoded; text a spreadsheet would run as a formula gets a
    leading apostrophe, which spreadsheets show as plain text (numbers stay numbers).

    >>> csv_cell("=HYPERLINK(1)"), csv_cell(-3), csv_cell(["a"])
    ("'=HYPERLINK(1)", -3, '["a"]')
    """
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
