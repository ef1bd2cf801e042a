"""Building entities from groups of mentions: canonical name, type, aliases and reasons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from presslens.models import Entity, Mention, make_id

from .heuristics import ORG_NAME_WORDS
from .names import _is_honorific, is_kunya, name_tokens, normalise_name, read_at
from .stages import ENTITY_SIEVE, reason

# --------------------------------------------------------------------------------------------
# Building entities from groups of mentions
# --------------------------------------------------------------------------------------------


def _is_full_form(text: str, type_: str, others: list[list[str]] | None = None) -> bool:
    """A form fit to name the entity: a person's first+last name, an organisation's name
    that is neither an acronym nor a short form of a longer alias in the group."""
    tokens = name_tokens(text)
    if not tokens:
        return False
    if _is_honorific(text.split()[0]) and not (type_ != "PERSON" and tokens[-1] in ORG_NAME_WORDS):
        return False  # "Minister Olen" is no name, "Defence Ministry" is one
    if type_ == "PERSON":
        one_word = " " not in text.strip()  # "Kessel-Ambry": a hyphenated surname alone
        return len(tokens) >= 2 and not is_kunya(tokens) and not one_word
    letters = [ch for ch in text if ch.isalpha()]
    if len(tokens) == 1 and letters and all(ch.isupper() for ch in letters):
        return False
    k = len(tokens)
    return not any(
        len(o) > k and any(o[i : i + k] == tokens for i in range(len(o) - k + 1))
        for o in others or []
    )


def _canonical(mentions: list[Mention], type_: str, counts: Counter[str] | None = None) -> str:
    """The most frequent full form; `counts` (text -> mentions) when the caller has them."""
    counts = counts or Counter(m.text for m in mentions)
    others = [name_tokens(t) for t in counts]
    full = {t: _is_full_form(t, type_, others) for t in counts}
    return max(counts, key=lambda t: (full[t], counts[t], len(t), t))


def POSITION(m: Mention) -> tuple[str, int, int]:  # noqa: N802 - used as a sort key
    """Reading order: by document, the title first, then by offset."""
    return m.doc_id, read_at(m), m.start


@ENTITY_SIEVE.rule("same-normalised-name")
def same_normalised_name(text: str, name: str) -> bool:
    """Two spellings that normalise alike (case, diacritics, apostrophes, hyphens, "al-") are
    one name: "al-Rashid" and "Al Rashid" -> one name.

    The resolver's unit: its names are normalised texts, so this rule is always applied; it is
    also the reason of an alias nothing else explains."""
    return normalise_name(text) == normalise_name(name)


def _vote_type(group: list[Mention], type_of: dict[str, str]) -> str:
    """The group's most common type; of tied types, the earliest mention's."""
    votes = Counter(type_of.get(m.id, m.type) for m in group)
    best = max(votes.values())
    tied = {t for t, c in votes.items() if c == best}
    type_ = next(iter(tied))
    if len(tied) > 1:  # ties: the earliest mention's
        first = min((m for m in group if type_of.get(m.id, m.type) in tied), key=POSITION)
        type_ = type_of.get(first.id, first.type)
    return type_


def _label_group(
    group: list[Mention], name: str, entity_id: str, outlet_of: dict[str, str | None]
) -> tuple[dict[str, Mention], list[dict]]:
    """Set each mention's entity id; the first mention of each alias, and the descriptors
    (one per wording and document, in document order)."""
    descriptors: dict[tuple[str, str], dict] = {}
    descriptor_start: dict[tuple[str, str], int] = {}
    first_of_alias: dict[str, Mention] = {}
    for m in group:
        m.entity_id = entity_id
        if m.text != name:
            seen = first_of_alias.get(m.text)
            if seen is None or POSITION(m) < POSITION(seen):
                first_of_alias[m.text] = m
        if m.descriptor:
            key = (m.descriptor, m.doc_id)
            if key not in descriptors:
                descriptors[key] = {
                    "text": m.descriptor,
                    "doc_id": m.doc_id,
                    "outlet": outlet_of.get(m.doc_id),
                    "count": 0,
                }
                descriptor_start[key] = m.start
            descriptors[key]["count"] += 1
            descriptor_start[key] = min(descriptor_start[key], m.start)
    order = sorted(descriptors, key=lambda k: (k[1], descriptor_start[k]))
    return first_of_alias, [descriptors[k] for k in order]


def _alias_reasons(
    first_of_alias: dict[str, Mention], name: str, reasons_of: dict[str, dict]
) -> list[dict]:
    """Why each alias joined, in order of first mention."""
    reasons: list[dict] = []
    for text, m in sorted(first_of_alias.items(), key=lambda kv: POSITION(kv[1])):
        same = reason(same_normalised_name, name)
        if same_normalised_name(text, name):
            why = same  # "al Qaeda" beside "Al Qaeda": whatever joined their group
        else:
            why = reasons_of.get(m.id) or same
        reasons.append({"alias": text, **why})
    return reasons


def _build_entities(
    groups: Iterable[list[Mention]],
    outlet_of: dict[str, str | None],
    reasons_of: dict[str, dict] | None = None,
    type_of: dict[str, str] | None = None,
) -> list[Entity]:
    """Turn groups of mentions into Entities with deterministic ids; sets mention.entity_id.

    `type_of` (mention id -> type) lets the resolver vote with corrected labels."""
    type_of = type_of or {}
    reasons_of = reasons_of or {}
    entities: list[Entity] = []
    used_ids: Counter[str] = Counter()
    # no sort of each group's mentions: only its first mention, first aliases and first
    # descriptors need an order (this stage runs on every mention of the corpus)
    firsts = sorted(((min(g, key=POSITION), g) for g in groups if g), key=lambda f: POSITION(f[0]))
    for _, group in firsts:
        type_ = _vote_type(group, type_of)
        alias_counts = Counter(m.text for m in group)
        name = _canonical(group, type_, alias_counts)
        base = make_id("entity", type_, normalise_name(name))
        used_ids[base] += 1
        entity_id = (
            base
            if used_ids[base] == 1
            else make_id("entity", type_, normalise_name(name), used_ids[base])
        )
        first_of_alias, descriptors = _label_group(group, name, entity_id, outlet_of)
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=type_,
                aliases=[
                    {"text": t, "count": c}
                    for t, c in sorted(alias_counts.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
                descriptors=descriptors,
                mention_count=len(group),
                document_ids=sorted({m.doc_id for m in group}),
                reasons=_alias_reasons(first_of_alias, name, reasons_of),
            )
        )
    return entities
