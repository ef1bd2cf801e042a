"""The resolver: joins names into entities step by step, each join on recorded evidence."""

from __future__ import annotations

from collections import Counter, defaultdict

from presslens.models import AliasLink, Entity, Mention
from presslens.unionfind import UnionFind

from .build import _build_entities, _canonical
from .heuristics import ACRONYM_GUESS_MIN_LETTERS, CLASS_TYPE, NAME_FUNCTION_WORDS, TYPE_CLASS
from .names import _looks_like_acronym, is_kunya, normalise_name
from .org_forms import _attach_org_short_forms
from .pins import Pins, _apply_pins
from .short_names import _attach_short_person_names
from .state import _Name, _org_shaped, _person_shaped_org, _split_by_class, _State
from .variants import _join_variants


def resolve_entities(
    mentions: list[Mention],
    links: list[AliasLink],
    outlet_of: dict[str, str | None],
    pins: Pins | None = None,
    *,
    stats: dict[str, int] | None = None,
) -> list[Entity]:
    """Join mentions into entities on evidence, keeping distinct actors apart.

    Order: same normalised name -> alias links (acronyms, known-as) -> transliteration and
    corroborated typo variants (inside blocks) -> middle-name variants -> surname-only and
    first-name-only mentions (per document, else corpus) -> short forms of organisations ->
    pins. `stats`, when given, is filled with work counts (names, blocks, candidate pairs)
    that show the cost stays linear.
    """
    state = _names_of(mentions)
    acronym_defs = _join_links(state, links)
    _join_reordered_org_names(state)
    work = _join_variants(state, outlet_of)
    _join_middle_names(state)
    _join_undefined_acronyms(state, acronym_defs)
    _attach_short_person_names(state)
    _attach_ambiguous_acronyms(state, links, acronym_defs)
    _attach_org_short_forms(state)
    if stats is not None:
        stats.update(mentions=len(mentions), names=len(state.names), **work)

    names, uf, reasons = state.names, state.uf, state.reasons
    groups: dict[str, list[Mention]] = defaultdict(list)
    type_of: dict[str, str] = {}  # labels voted by resolved class, not spaCy's slips
    person_roots = {uf.find(k) for k, n in names.items() if n.cls == "person"}
    attached, per_document = state.mention_root, state.per_document
    for key, n in names.items():
        root = uf.find(key)
        labels = Counter(m.type for m in n.mentions if TYPE_CLASS.get(m.type) == n.cls)
        label = CLASS_TYPE.get(n.cls) or (labels.most_common(1)[0][0] if labels else None)
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
                reasons[m.id] = {
                    "rule": "surname shared by several people: kept to its article",
                    "evidence": m.doc_id,
                }
            else:
                groups[root].append(m)
                if name_reason and m.id not in reasons:
                    reasons[m.id] = name_reason
    for m_id, root in state.mention_root.items():
        root = uf.find(root)
        type_of[m_id] = (
            "PERSON" if root in person_roots else CLASS_TYPE.get(names[root].cls)
        ) or type_of[m_id]
    group_list = list(groups.values())
    if pins:
        group_list = _apply_pins(group_list, pins, reasons)
    return _build_entities(group_list, outlet_of, reasons, type_of)


def _names_of(mentions: list[Mention]) -> _State:
    """Step 1: one name per normalised text and type class (spaCy's rare label slips fold
    into the dominant class); a multi-word name labelled PERSON and ORG is still one name."""
    by_norm: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        norm = normalise_name(m.text)
        if norm:
            by_norm[norm].append(m)
    person_like = {  # multi-word names mostly labelled PERSON, and shaped like one
        norm: norm.split()
        for norm, group in by_norm.items()
        if " " in norm
        and not _org_shaped(norm.split())
        and sum(m.type == "PERSON" for m in group) * 2 > len(group)
    }
    known_surnames = {tokens[-1] for tokens in person_like.values() if not is_kunya(tokens)}
    person_words = known_surnames | {tokens[0] for tokens in person_like.values()}
    bare_persons = {
        norm
        for norm, group in by_norm.items()
        if " " not in norm and sum(m.type == "PERSON" for m in group) * 2 > len(group)
    }
    names: dict[str, _Name] = {}
    uf = UnionFind()
    for norm, group in by_norm.items():
        one_word_org = " " not in norm and norm not in person_words
        by_class = _split_by_class(group, norm in known_surnames, one_word_org)
        if "person" in by_class and _org_shaped(norm.split()):
            # "General Command of the Northern Front" labelled PERSON: an organisation
            by_class.setdefault("org", []).extend(by_class.pop("person"))
        if set(by_class) == {"org"} and norm.split()[-1] in bare_persons:
            probe = _Name("", norm, norm.split(), "org", by_class["org"])
            if _person_shaped_org(probe):  # "Nadia Ferro" (ORG) beside "Ferro" (PERSON)
                by_class = {"person": by_class["org"]}
        for cls, members in by_class.items():
            key = f"{cls}|{norm}"
            names[key] = _Name(key, norm, norm.split(), cls, members, {m.doc_id for m in members})
            uf.add(key)
    norm_to_keys: dict[str, list[str]] = defaultdict(list)
    for key, name in names.items():
        norm_to_keys[name.norm].append(key)
    state = _State(names, uf, {k: set(n.docs) for k, n in names.items()}, norm_to_keys)
    state.surnames = frozenset(known_surnames)
    for keys in norm_to_keys.values():
        social = [k for k in keys if names[k].cls in {"person", "org", "norp"}]
        if len(social) > 1 and len(names[social[0]].tokens) >= 2:
            for k in social[1:]:
                state.join(social[0], k, "same normalised name, another spaCy label", names[k].norm)
    return state


def _join_links(state: _State, links: list[AliasLink]) -> dict[str, set[str]]:
    """Step 2: alias links. An acronym applies corpus-wide when it has one meaning; a person
    is never linked to an organisation or a place. Returns each acronym's full forms."""
    names = state.names
    acronym_defs: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.rule == "acronym":
            acronym_defs[normalise_name(link.alias)].add(normalise_name(link.name))
    full_in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, surname) -> names
    for n in state.long_names():
        if n.cls == "person" and not n.kunya:
            for d in n.docs:
                full_in_doc[(d, n.surname)].add(n.key)
    for link in links:
        a_norm, n_norm = normalise_name(link.alias), normalise_name(link.name)
        if link.rule == "acronym" and len(acronym_defs[a_norm]) > 1:
            continue
        for nk in state.norm_to_keys.get(n_norm, []):
            if names[nk].is_short:
                # "Oskuni, who is known as Abu Sayf": the full name the surname stands for
                # in that article, never the bare surname several people may carry
                full = full_in_doc.get((link.doc_id, names[nk].norm), set())
                if len(full) != 1:
                    continue
                nk = next(iter(full))
            for ak in state.norm_to_keys.get(a_norm, []):
                # "X, known as Chopan": a nickname spaCy took for a place is still X's
                relabelled = (
                    link.rule in ("known-as", "nom-de-guerre")
                    and names[nk].cls == "person"
                    and names[ak].cls == "place"
                )
                # "Civic Ballot Watch (CBW)" labelled PERSON: a defined acronym of three or
                # more words names an organisation
                relabelled = relabelled or (
                    link.rule == "acronym"
                    and names[nk].cls == "person"
                    and len(names[nk].tokens) >= 3
                    and names[ak].cls == "org"
                )
                if (names[nk].cls == "person") != (names[ak].cls == "person") and not relabelled:
                    continue
                if link.rule != "acronym" and names[nk].cls != names[ak].cls and not relabelled:
                    continue
                rule = (
                    f"acronym defined in doc {link.doc_id}"
                    if link.rule == "acronym"
                    else f"{link.rule} in doc {link.doc_id}"
                )
                state.join(nk, ak, rule, f"{link.name} = {link.alias}")
    return acronym_defs


def _join_reordered_org_names(state: _State) -> None:
    """Step 2a: "Ministry of Defence" ~ "Defence Ministry": one organisation when the
    content words are the same, only their order and "of/the/and/for" differ."""
    by_words: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    for n in state.long_names():
        content = [t for t in n.tokens if t not in NAME_FUNCTION_WORDS]
        if n.cls == "org" and len(content) >= 2:
            by_words[tuple(sorted(content))].append(n)
    for group in by_words.values():
        for other in group[1:]:
            rule = "same organisation words in another order"
            state.join(group[0].key, other.key, rule, f"{group[0].norm} = {other.norm}")


def _join_undefined_acronyms(state: _State, acronym_defs: dict[str, set[str]]) -> None:
    """Step 4a: an acronym no article defines ("NLF") joins the one organisation name in
    the corpus whose initials spell it; two such names (or a definition) leave it alone."""
    names, uf = state.names, state.uf
    by_initials: dict[str, set[str]] = defaultdict(set)
    for n in state.long_names():
        content = [t for t in n.tokens if t not in NAME_FUNCTION_WORDS]
        if n.cls == "org" and len(content) >= 2:
            by_initials["".join(t[0] for t in content)].add(uf.find(n.key))
    group_names = Counter(uf.find(k) for k in names)
    for n in list(names.values()):
        if n.cls != "org" or len(n.tokens) != 1 or n.norm in acronym_defs:
            continue
        if len(n.norm) < ACRONYM_GUESS_MIN_LETTERS:
            continue  # "FL", "BS": two letters spell too many names
        if not all(_looks_like_acronym(m.text) and "." not in m.text for m in n.mentions):
            continue
        roots = by_initials.get(n.norm, set())
        if len(roots) != 1:
            continue
        root = next(iter(roots))
        if group_names[uf.find(n.key)] > 1:
            continue  # already joined to something else: that evidence wins
        root_docs = state.group_docs[uf.find(root)]
        if not n.docs & root_docs and len(root_docs) < 2:
            # never beside a name only one article gives: "NBC" is not a local convention;
            # a name several outlets use is a known actor of the story
            continue
        full = _canonical(names[root].mentions, "ORG")
        state.join(
            root, n.key, "acronym not defined in text", f"initials of {full}, unique in corpus"
        )


def _join_middle_names(state: _State) -> None:
    """Step 4: "Yara Idris Kassem" ~ "Yara Kassem" when only one such longer form exists."""
    by_ends: dict[tuple[str, str], list[_Name]] = defaultdict(list)
    for n in state.long_names():
        if n.cls == "person" and not n.kunya:
            by_ends[(n.tokens[0], n.tokens[-1])].append(n)
    for group in by_ends.values():
        if len(group) < 2:
            continue
        two = [n for n in group if len(n.tokens) == 2]
        longer = {state.uf.find(n.key) for n in group if len(n.tokens) > 2}
        if len(two) == 1 and len(longer) == 1:
            target = next(n for n in group if len(n.tokens) > 2)
            rule = "same first and last name, one middle-name form"
            state.join(target.key, two[0].key, rule, target.norm)


def _attach_ambiguous_acronyms(
    state: _State, links: list[AliasLink], acronym_defs: dict[str, set[str]]
) -> None:
    """Step 5a: an acronym that articles define differently means, in each defining article,
    that article's full name."""
    names = state.names
    for link in links:
        a_norm = normalise_name(link.alias)
        if link.rule != "acronym" or len(acronym_defs[a_norm]) < 2:
            continue
        targets = [
            k
            for k in state.norm_to_keys.get(normalise_name(link.name), [])
            if names[k].cls != "person"
        ]
        if not targets:
            continue
        for ak in state.norm_to_keys.get(a_norm, []):
            for m in names[ak].mentions:
                if m.doc_id == link.doc_id and m.id not in state.mention_root:
                    state.attach(
                        m,
                        state.uf.find(targets[0]),
                        f"acronym defined in doc {link.doc_id} (it means other names elsewhere)",
                        f"{link.name} = {link.alias}",
                    )
