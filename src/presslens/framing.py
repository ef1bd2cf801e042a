"""How each outlet names each actor: the titles and labels attached to a name, counted per outlet.

A term comes from `Mention.descriptor` ("Martyr", "terrorist group", "militia commander"), which
the mention extractor reads off the noun phrase around the name. Every count keeps the spans
behind it so a user can check each use.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import FramingTerm, Mention

UNKNOWN_OUTLET = "(unknown outlet)"


def normalise_term(descriptor: str) -> str:
    """Lowercase and drop leading articles so "The terrorist group" and "terrorist group" count once."""
    words = descriptor.lower().replace("’", "'").split()
    while words and words[0] in {"the", "a", "an", "its", "their", "his", "her"}:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


def framing_terms(
    mentions: Iterable[Mention], outlet_of: dict[str, str | None]
) -> list[FramingTerm]:
    """Count each (outlet, entity, term) with every evidence span behind the count."""
    counts: dict[tuple[str, str, str], FramingTerm] = {}
    for mention in mentions:
        if not mention.descriptor or not mention.entity_id:
            continue
        term = normalise_term(mention.descriptor)
        if not term:
            continue
        outlet = outlet_of.get(mention.doc_id) or UNKNOWN_OUTLET
        key = (outlet, mention.entity_id, term)
        record = counts.get(key)
        if record is None:
            record = counts[key] = FramingTerm(
                outlet=outlet, entity_id=mention.entity_id, term=term, count=0
            )
        record.count += 1
        record.examples.append(
            {"doc_id": mention.doc_id, "start": mention.start, "end": mention.end}
        )
    return sorted(counts.values(), key=lambda f: (f.outlet, f.entity_id, -f.count, f.term))
