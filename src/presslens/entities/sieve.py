"""The resolver: joins names into entities step by step, each join on recorded evidence."""

from __future__ import annotations

from collections import Counter, defaultdict

from presslens.models import AliasLink, Entity, Mention
from presslens.rules import Rules

from .build import _build_entities
from .heuristics import CLASS_TYPE, THING_TYPES, TYPE_CLASS
from .joins import (
    _join_links,
    _names_of,
    ambiguous_acronym,
    given_name_forms,
    middle_name,
    reordered_org_names,
    suffix_dropped,
    undefined_acronym,
)
from .org_forms import (
    _attach_org_short_forms,
    facility_words_extended,
    person_label_ends_team_name,
    place_less_feature_word,
)
from .pins import Pins, _apply_pins
from .qualified_names import qualifier_before_name
from .short_names import _attach_short_person_names, shared_surname
from .stages import ENTITY_PINS, ENTITY_SHORT_NAME, ENTITY_SIEVE, reason
from .state import _person_shaped_org, _State
from .variants import _join_variants


def resolve_entities(
    mentions: list[Mention],
    links: list[AliasLink],
    outlet_of: dict[str, str | None],
    pins: Pins | None = None,
    *,
    stats: dict[str, int] | None = None,
    rules: Rules = ENTITY_SIEVE,
    short_name_rules: Rules = ENTITY_SHORT_NAME,
    pin_rules: Rules = ENTITY_PINS,
) -> list[Entity]:
    """Join mentions into entities on evidence, keeping distinct actors apart.

    Order: same normalised name -> alias links (acronyms, known-as) -> reordered and
    facility-extended organisation names -> names less a nationality or place glued before
    them -> transliteration and
    corroborated typo variants (inside blocks) -> middle-name variants -> surname-only and
    first-name-only mentions (per document, else corpus) -> short forms of organisations ->
    pins. Each step applies the rules of `rules` (`short_name_rules` for bare person names,
    `pin_rules` for pins) and records the rule on every alias it joins. `stats`, when given,
    is filled with work counts (names, blocks, candidate pairs) that show the cost stays
    linear.
    """
    state = _names_of(mentions, rules, short_name_rules)
    acronym_defs = _join_links(state, links)
    if state.uses(reordered_org_names):
        reordered_org_names(state)
    if state.uses(facility_words_extended):
        facility_words_extended(state)
    if state.uses(place_less_feature_word):
        place_less_feature_word(state)
    if state.uses(qualifier_before_name):
        qualifier_before_name(state)
    work = _join_variants(state, outlet_of)
    if state.uses(middle_name):
        middle_name(state)
    if state.uses(suffix_dropped):
        suffix_dropped(state)
    if state.uses(given_name_forms):
        given_name_forms(state)
    if state.uses(undefined_acronym):
        undefined_acronym(state, acronym_defs)
    _attach_short_person_names(state)
    if state.uses(ambiguous_acronym):
        ambiguous_acronym(state, links, acronym_defs)
    if state.uses(person_label_ends_team_name):
        person_label_ends_team_name(state)
    _attach_org_short_forms(state)
    if stats is not None:
        stats.update(mentions=len(mentions), names=len(state.names), **work)
    group_list, type_of = _groups_of(state)
    if pins:
        group_list = _apply_pins(group_list, pins, state.reasons, pin_rules)
    return _build_entities(group_list, outlet_of, state.reasons, type_of)


def _groups_of(state: _State) -> tuple[list[list[Mention]], dict[str, str]]:
    """The resolved groups of mentions, and each mention's type voted by its resolved class
    (not spaCy's slips); fills the reason of every mention its name's join brought in."""
    names, uf, reasons = state.names, state.uf, state.reasons
    groups: dict[str, list[Mention]] = defaultdict(list)
    type_of: dict[str, str] = {}  # labels voted by resolved class, not spaCy's slips
    person_roots = {uf.find(k) for k, n in names.items() if n.cls == "person"}
    attached, per_document = state.mention_root, state.per_document
    for key, n in names.items():
        root = uf.find(key)
        labels = Counter(m.type for m in n.mentions if TYPE_CLASS.get(m.type) == n.cls)
        label = CLASS_TYPE.get(n.cls) or (labels.most_common(1)[0][0] if labels else None)
        if labels and set(labels) <= THING_TYPES:
            label = labels.most_common(1)[0][0]  # "Dam Safety Act" is a law, not an ORG
        label = state.as_place.get(key, label)  # "Kaldrun" labelled ORG: the place
        if root in person_roots and (
            n.cls == "place"  # a nickname joined to its person by a "known as" link
            or _person_shaped_org(n)  # "Yevgenia Tashkova" labelled ORG
            or (n.cls == "org" and len(n.tokens) == 1 and n.tokens[0] in state.surnames)
        ):
            label = "PERSON"
        name_reason = state.name_reason.get(key)
        for m in n.mentions:
            type_of[m.id] = label or m.type
            if m.id in attached:
                groups[uf.find(attached[m.id])].append(m)
            elif m.id in per_document:
                groups[f"{root}@{per_document[m.id]}"].append(m)
                reasons[m.id] = reason(shared_surname, m.doc_id)
            else:
                groups[root].append(m)
                if name_reason and m.id not in reasons:
                    reasons[m.id] = name_reason
    for m_id, root in state.mention_root.items():
        root = uf.find(root)
        type_of[m_id] = (
            "PERSON" if root in person_roots else CLASS_TYPE.get(names[root].cls)
        ) or type_of[m_id]
    return list(groups.values()), type_of
