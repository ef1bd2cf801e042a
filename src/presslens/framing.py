"""How each outlet names each actor: the titles and labels attached to a name, counted per outlet.

A term comes from `Mention.descriptor` ("Martyr", "terrorist group", "militia commander"), which
the mention extractor reads off the noun phrase around the name. Every count keeps the spans
behind it so a user can check each use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .models import FramingTerm, Mention

MAX_EXAMPLES = 20
UNKNOWN_OUTLET = "(unknown outlet)"


def normalise_term(descriptor: str) -> str:
    """Lowercase and drop leading articles so "The terrorist group" and "terrorist group" count once."""
    words = descriptor.lower().replace("’", "'").split()
    while words and words[0] in {"the", "a", "an", "its", "their", "his", "her"}:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


def framing_terms(mentions: Iterable[Mention], outlet_of: dict[str, str | None]) -> list[FramingTerm]:
    """Count each (outlet, entity, term) with up to MAX_EXAMPLES evidence spans."""
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
            record = counts[key] = FramingTerm(outlet=outlet, entity_id=mention.entity_id, term=term, count=0)
        record.count += 1
        if len(record.examples) < MAX_EXAMPLES:
            record.examples.append({"doc_id": mention.doc_id, "start": mention.start, "end": mention.end})
    return sorted(counts.values(), key=lambda f: (f.outlet, f.entity_id, -f.count, f.term))


def terms_by_outlet(terms: Iterable[FramingTerm]) -> dict[str, dict[str, int]]:
    """outlet → term → total count, for summaries."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for term in terms:
        table[term.outlet][term.term] += term.count
    return {outlet: dict(counts) for outlet, counts in table.items()}
