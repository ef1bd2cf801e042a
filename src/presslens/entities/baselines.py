"""The baselines `presslens eval` compares the resolver with: identical strings, and
normalised names plus surname-only mentions in their article."""

from __future__ import annotations

from collections import defaultdict

from presslens.models import Entity, Mention

from .build import _build_entities
from .names import normalise_name
from .short_names import surname_in_doc
from .stages import ENTITY_BASELINE, reason


@ENTITY_BASELINE.rule("same-string")
def same_string(m: Mention) -> str:
    """Baseline 1: mentions with the identical string are one entity: "Vesk" and "Vesk" ->
    one, "Vesk" and "Ilan Vesk" -> two."""
    return m.text


def group_exact(mentions: list[Mention], outlet_of: dict[str, str | None]) -> list[Entity]:
    """Baseline 1: mentions with the identical string are one entity."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[same_string(m)].append(m)
    reasons = {m.id: reason(same_string, m.text) for m in mentions}
    return _build_entities(groups.values(), outlet_of, reasons)


def group_simple(mentions: list[Mention], outlet_of: dict[str, str | None]) -> list[Entity]:
    """Baseline 2: same normalised name, plus a surname-only mention joined to the single
    full name in its document that ends with it."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    reasons: dict[str, dict] = {}
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        key = normalise_name(m.text)
        if m.type == "PERSON" and len(key.split()) >= 2:
            by_doc[m.doc_id].add(key)
    for m in mentions:
        key = normalise_name(m.text)
        if m.type == "PERSON" and len(key.split()) == 1:
            full = [f for f in by_doc[m.doc_id] if f.split()[-1] == key]
            if len(full) == 1:
                reasons[m.id] = reason(surname_in_doc, f"{full[0]} in {m.doc_id}")
                key = full[0]
        groups[key].append(m)
    return _build_entities(groups.values(), outlet_of, reasons)
