"""Records as table rows and back: the one place a record's fields meet a store's columns.

`record_row` is `dataclasses.asdict` without its deep copy; quotes and claims flatten their
speaker and date into columns (`speaker_text`, `when_start`, ...) and are read back whole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from .claims.republication import Copy
from .models import Claim, Comment, Document, Quote, Removed, Speaker, When

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # record class -> its field names, read once


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)  # exact types: one set lookup per field


def _plain(value):
    """A field's value as a row holds it: nested records become dicts, the rest stays as is."""
    if isinstance(value, _SCALARS):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return record_row(value)
    if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
        return [record_row(v) for v in value]
    return value


def record_row(record) -> dict:
    """A record as a table row: `dataclasses.asdict` without its deep copy of every list and
    dict (a tenth of the time; the row is written at once, so nothing shares it for long).

    >>> record_row(Removed(kind="caption", text="A photo"))
    {'kind': 'caption', 'text': 'A photo', 'rule': None}
    """
    row = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        row[name] = value if type(value) in _SCALAR_TYPES else _plain(value)
    return row


def _document_from_row(row: dict) -> Document:
    row = dict(row)
    row["comments"] = [Comment(**c) for c in row.get("comments") or []]
    row["removed"] = [Removed(**r) for r in row.get("removed") or []]
    row["authors"] = row.get("authors") or []
    row["captions"] = row.get("captions") or []
    row["provenance"] = row.get("provenance") or {}
    return Document(**row)


def _quote_row(quote: Quote) -> dict:
    row = record_row(quote)
    speaker = row.pop("speaker")
    row["speaker_text"] = speaker["text"] if speaker else None
    row["speaker_start"] = speaker["start"] if speaker else None
    row["speaker_end"] = speaker["end"] if speaker else None
    row["speaker_entity_id"] = speaker["entity_id"] if speaker else None
    return row


def _quote_from_row(row: dict) -> Quote:
    row = dict(row)
    speaker = None
    if row.get("speaker_text") is not None:
        speaker = Speaker(
            text=row["speaker_text"],
            start=row["speaker_start"],
            end=row["speaker_end"],
            entity_id=row["speaker_entity_id"],
        )
    for key in ("speaker_text", "speaker_start", "speaker_end", "speaker_entity_id"):
        row.pop(key, None)
    row["candidates"] = row.get("candidates") or []
    return Quote(speaker=speaker, **row)


def _claim_row(claim: Claim) -> dict:
    row = record_row(claim)
    when = row.pop("when")
    for key in ("start", "end", "precision", "text", "char_start", "char_end"):
        row[f"when_{key}"] = when[key] if when else None
    return row


def _claim_from_row(row: dict) -> Claim:
    row = dict(row)
    when = None
    if row.get("when_start"):
        when = When(
            start=row["when_start"],
            end=row["when_end"],
            precision=row["when_precision"],
            text=row["when_text"] or "",
            char_start=row["when_char_start"],
            char_end=row["when_char_end"],
        )
    for key in ("start", "end", "precision", "text", "char_start", "char_end"):
        row.pop(f"when_{key}", None)
    row.pop("subject_entity_id", None)
    row.pop("where_entity_id", None)
    row["rules"] = row.get("rules") or {}
    return Claim(when=when, **row)


def _passage_rows(passages: Iterable[Copy]) -> Iterator[dict]:
    for copy in passages:
        for (mine, theirs), (start, end) in zip(copy.paragraphs, copy.spans, strict=True):
            yield {
                "copy_id": copy.copy_id,
                "copy_paragraph": mine,
                "original_id": copy.original_id,
                "original_paragraph": theirs,
                "start": start,
                "end": end,
                "whole": copy.whole,
                "rule": copy.rule,
            }
