"""The resolver's joins on whole names: one name per normalised text, alias links, reordered
organisation names, middle names and acronyms (the variant, short-name and short-form steps
have their own modules)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from presslens.lexicon import table
from presslens.models import AliasLink, Mention
from presslens.rules import Rules
from presslens.unionfind import UnionFind

from .build import _canonical
from .heuristics import (
    ACRONYM_GUESS_MIN_LETTERS,
    GENERATIONAL_SUFFIXES,
    NAME_FUNCTION_WORDS,
    ORG_NAME_WORDS,
)
from .links import acronym, known_as, nom_de_guerre
from .mentions import _person_descriptor
from .names import _looks_like_acronym, is_kunya, name_tokens, normalise_name
from .stages import ENTITY_SHORT_NAME, ENTITY_SIEVE
from .state import _Name, _org_shaped, _person_shaped_org, _split_by_class, _State


def _names_of(
    mentions: list[Mention],
    rules: Rules = ENTITY_SIEVE,
    short_name_rules: Rules = ENTITY_SHORT_NAME,
) -> _State:
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
        and not (rules.enabled(org_word_ends_name.id) and org_word_ends_name(norm.split(), group))
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
        if (
            one_word_org
            and rules.enabled(bare_place_no_person.id)
            and bare_place_no_person(by_class)
        ):
            by_class["place"].extend(by_class.pop("person"))
        tokens = norm.split()
        if "person" in by_class and (
            _org_shaped(tokens)  # "General Command of the Northern Front" labelled PERSON
            or (rules.enabled(org_word_ends_name.id) and org_word_ends_name(tokens, group))
        ):
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
    state.rules, state.short_name_rules = rules, short_name_rules
    if state.uses(other_label):
        other_label(state)
    if state.uses(place_labelled_org):
        place_labelled_org(state)
    return state


@ENTITY_SIEVE.rule("bare-place-no-person")
def bare_place_no_person(by_class: dict[str, list[Mention]]) -> bool:
    """A bare word the parser labels a place more often than a person, that no person of the
    corpus carries as a first name or surname, is the place in all its mentions: "Varesh"
    (GPE five times, PERSON three, no "... Varesh" anywhere) -> one place ("Jordan" beside
    "Jordan Hale" keeps its person)."""
    places, people = by_class.get("place", []), by_class.get("person", [])
    return len(places) > len(people) > 0


@ENTITY_SIEVE.rule("org-word-ends-person-label")
def org_word_ends_name(tokens: list[str], mentions: list[Mention]) -> bool:
    """A name of two or more words ending in an organisation word ("watch", "union", "council")
    that spaCy labelled PERSON is an organisation's, unless a mention carries a person's title:
    "Ballot Watch" (PERSON) -> organisation; "Senator Amos Church" stays a person."""
    if len(tokens) < 2 or tokens[-1] not in ORG_NAME_WORDS:
        return False
    return not any(_person_descriptor(m.descriptor) for m in mentions)


@ENTITY_SIEVE.rule("same-name-other-label")
def other_label(state: _State) -> None:
    """One multi-word name spaCy labels a person in one article and an organisation in
    another is still one name: "Selene Okafor" (PERSON) and "Selene Okafor" (ORG) -> one."""
    names = state.names
    for keys in state.norm_to_keys.values():
        social = [k for k in keys if names[k].cls in {"person", "org", "norp"}]
        if len(social) > 1 and len(names[social[0]].tokens) >= 2:
            for k in social[1:]:
                state.join(social[0], k, other_label, names[k].norm)


PLACE_SHARE_FOR_FOLD = 1 / 3  # of a name's mentions labelled a place, for its ORG ones to join


@ENTITY_SIEVE.rule("place-name-labelled-org")
def place_labelled_org(state: _State) -> None:
    """A name the parser labels a place in a good share of its mentions (a third or more) and an
    organisation in the rest, with no organisation word in it, is the place: "Kaldrun" (GPE) in
    six articles and "Kaldrun" (ORG) in five -> one place ("Kaldrun Civic Union" stays apart)."""
    names = state.names
    for keys in state.norm_to_keys.values():
        place = [k for k in keys if names[k].cls == "place"]
        org = [k for k in keys if names[k].cls == "org"]
        if len(place) != 1 or len(org) != 1 or set(names[org[0]].tokens) & ORG_NAME_WORDS:
            continue
        n_place, n_org = len(names[place[0]].mentions), len(names[org[0]].mentions)
        if n_place >= PLACE_SHARE_FOR_FOLD * (n_place + n_org):
            state.join(place[0], org[0], place_labelled_org, names[org[0]].norm)
            labels = Counter(m.type for m in names[place[0]].mentions)
            state.as_place[org[0]] = labels.most_common(1)[0][0]


def _acronym_definitions(links: list[AliasLink]) -> dict[str, set[str]]:
    """Each defined acronym's full forms, normalised: two of them make it ambiguous."""
    acronym_defs: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.rule == acronym.ref:
            acronym_defs[normalise_name(link.alias)].add(normalise_name(link.name))
    return acronym_defs


@ENTITY_SIEVE.rule("acronym-defined-in-doc")
def defined_acronym(name: _Name, alias: _Name, link: AliasLink) -> bool:
    """An acronym an article defines joins its full name when no article defines it
    otherwise: "the Northern Liberation Front (NLF)" -> "NLF" joins "Northern Liberation Front".

    A person is never an acronym, unless the "person" is a name of three or more words
    ("Civic Ballot Watch (CBW)" labelled PERSON names an organisation)."""
    relabelled = name.cls == "person" and len(name.tokens) >= 3 and alias.cls == "org"
    return (name.cls == "person") == (alias.cls == "person") or relabelled


@ENTITY_SIEVE.rule("alias-link-in-doc")
def linked_alias(name: _Name, alias: _Name, link: AliasLink) -> bool:
    """A known-as, called-by-others, nom-de-guerre or real-name link joins two names of one
    class: "Arslan Kerimzade, known as Chopan" -> "Chopan" joins "Arslan Kerimzade" (the
    evidence names the link: "Arslan Kerimzade = Chopan; known-as in doc d1").

    A nickname spaCy took for a place is still the person's after "known as" or a nom de
    guerre."""
    relabelled = (
        link.rule in (known_as.ref, nom_de_guerre.ref)
        and name.cls == "person"
        and alias.cls == "place"
    )
    return name.cls == alias.cls or relabelled


def _join_links(state: _State, links: list[AliasLink]) -> dict[str, set[str]]:
    """Step 2: alias links. An acronym applies corpus-wide when it has one meaning; a person
    is never linked to an organisation or a place. Returns each acronym's full forms."""
    names = state.names
    acronym_defs = _acronym_definitions(links)
    full_in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, surname) -> names
    for n in state.long_names():
        if n.cls == "person" and not n.kunya:
            for d in n.docs:
                full_in_doc[(d, n.surname)].add(n.key)
    for link in links:
        rule = defined_acronym if link.rule == acronym.ref else linked_alias
        a_norm, n_norm = normalise_name(link.alias), normalise_name(link.name)
        if not state.uses(rule) or (rule is defined_acronym and len(acronym_defs[a_norm]) > 1):
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
                if rule(names[nk], names[ak], link):
                    evidence = f"{link.name} = {link.alias}"
                    where = f"in doc {link.doc_id}"
                    detail = where if rule is defined_acronym else f"{link.rule} {where}"
                    state.join(nk, ak, rule, evidence, detail)
    return acronym_defs


@ENTITY_SIEVE.rule("org-words-reordered")
def reordered_org_names(state: _State) -> None:
    """Step 2a: one organisation when the content words are the same, only their order and
    "of/the/and/for" differ: "Ministry of Defence" ~ "Defence Ministry"."""
    by_words: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    for n in state.long_names():
        content = [t for t in n.tokens if t not in NAME_FUNCTION_WORDS]
        if n.cls == "org" and len(content) >= 2:
            by_words[tuple(sorted(content))].append(n)
    for group in by_words.values():
        for other in group[1:]:
            evidence = f"{group[0].norm} = {other.norm}"
            state.join(group[0].key, other.key, reordered_org_names, evidence)


def _initials_index(state: _State) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Organisation groups by the initials of their content words ("nlf"), and by those
    initials after a "t" for a leading "The" ("thr" of "The Hollywood Reporter")."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    with_the: dict[str, set[str]] = defaultdict(set)
    for n in state.long_names():
        content = [t for t in n.tokens if t not in NAME_FUNCTION_WORDS]
        if n.cls == "org" and len(content) >= 2:
            initials = "".join(t[0] for t in content)
            by_initials[initials].add(state.uf.find(n.key))
            with_the["t" + initials].add(state.uf.find(n.key))
    return by_initials, with_the


@ENTITY_SIEVE.rule("acronym-undefined-with-the")
def acronym_with_the(with_the: dict[str, set[str]], acronym: str) -> set[str]:
    """An acronym that spells no name's initials but "The" and a name's ("THR" for "The
    Harbour Review", the article dropped from the name as written): that name."""
    return with_the.get(acronym, set())


@ENTITY_SIEVE.rule("acronym-undefined")
def undefined_acronym(state: _State, acronym_defs: dict[str, set[str]]) -> None:
    """Step 4a: an acronym no article defines joins the one organisation name in the corpus
    whose initials spell it: "NLF" -> "Northern Liberation Front"; two such names (or a
    definition) leave it alone."""
    names, uf = state.names, state.uf
    by_initials, with_the = _initials_index(state)
    group_names = Counter(uf.find(k) for k in names)
    for n in list(names.values()):
        if n.cls != "org" or len(n.tokens) != 1 or n.norm in acronym_defs:
            continue
        if len(n.norm) < ACRONYM_GUESS_MIN_LETTERS:
            continue  # "FL", "BS": two letters spell too many names
        if not all(_looks_like_acronym(m.text) and "." not in m.text for m in n.mentions):
            continue
        rule, roots = undefined_acronym, by_initials.get(n.norm, set())
        if not roots and state.uses(acronym_with_the):
            rule, roots = acronym_with_the, acronym_with_the(with_the, n.norm)
        if len(roots) != 1 or group_names[uf.find(n.key)] > 1:
            continue  # none or several: no guess; joined to something else: that evidence wins
        root = next(iter(roots))
        root_docs = state.group_docs[uf.find(root)]
        if not n.docs & root_docs and len(root_docs) < 2:
            # never beside a name only one article gives: "NBC" is not a local convention;
            # a name several outlets use is a known actor of the story
            continue
        full = _canonical(names[root].mentions, "ORG")
        spelt = f"The {full}" if rule is acronym_with_the else full
        state.join(root, n.key, rule, f"initials of {spelt}, unique in corpus")


@ENTITY_SIEVE.rule("middle-name-form")
def middle_name(state: _State) -> None:
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
            state.join(target.key, two[0].key, middle_name, target.norm)


@ENTITY_SIEVE.rule("generational-suffix-dropped")
def suffix_dropped(state: _State) -> None:
    """Step 4: a person's full name with "Jr" (II, III) and the same name without it are one
    person when no article names both (an article naming both tells a father from his son):
    "Arno Vesk Jr" in one article, "Arno Vesk" in another -> one person."""
    plain = {tuple(n.tokens): n for n in state.long_names() if n.cls == "person"}
    for n in state.long_names():
        if n.cls != "person" or not _generation(n):
            continue
        other = plain.get(tuple(n.tokens[:-1]))
        if other is None or len(other.tokens) < 2 or other.docs & n.docs:
            continue
        state.join(n.key, other.key, suffix_dropped, f"{n.norm} = {other.norm}")


GIVEN_NAME_SHORT_FORMS = table("given_name_short_forms")  # "katie" -> {"kathryn", ...}
QUOTED_NICKNAME = re.compile(r"[\"“”][^\"“”]{1,40}[\"“”]")
MAX_SURNAME_GROUP = 40  # more full names with one surname than this: a common name, no guessing
MIN_SHORT_GIVEN = 3  # "Fred" for "Frederick"; "Al" is too short to tell
MAX_SHORT_GIVEN = 5  # a short form is short: "Alex", "Fred", "Chris"


def _given_names(n: _Name) -> list[str]:
    """A person name's given names and initials without a quoted nickname: 'W. Mark "Deep"
    Felt' -> ["w", "mark"]."""
    text = QUOTED_NICKNAME.sub(" ", n.mentions[0].text) if n.mentions else n.norm
    tokens = name_tokens(text)
    if len(tokens) > 2 and tokens[-1] in GENERATIONAL_SUFFIXES:
        tokens = tokens[:-1]
    surname = n.surname.split()
    if tokens[-len(surname) :] != surname:
        return []
    return tokens[: -len(surname)]


def _generation(n: _Name) -> str:
    """ "jr", "iii"... of a name ("sr" reads as no suffix: the father is named so plainly)."""
    last = n.tokens[-1] if len(n.tokens) > 2 else ""
    return last if last in GENERATIONAL_SUFFIXES and last != "sr" else ""


def _same_name(x: str, y: str, nicknames: bool = False) -> bool:
    """One given name, written in full, short or as an initial: "frederick"/"fred"/"f"; with
    `nicknames`, also a listed short form ("katie"/"kathryn")."""
    short, long_ = sorted((x, y), key=len)
    if len(short) == 1:
        return long_.startswith(short)
    return (
        x == y
        or (
            MIN_SHORT_GIVEN <= len(short) <= MAX_SHORT_GIVEN
            and len(long_) >= len(short) + 2  # "Samir" and "Samira" are two names
            and long_.startswith(short)
        )
        or (nicknames and given_name_nickname(x, y))
    )


@ENTITY_SIEVE.rule("given-name-nickname")
def given_name_nickname(x: str, y: str) -> bool:
    """A given name and its listed short form (the lexicon's given_name_short_forms, for forms
    no prefix tells) are one given name: "Kit Varle" ~ "Christopher Varle", "Katie" ~
    "Kathryn" (never "Kit" ~ "Katherine")."""
    return y in GIVEN_NAME_SHORT_FORMS.get(x, ()) or x in GIVEN_NAME_SHORT_FORMS.get(y, ())


def _same_given(a: list[str], b: list[str], nicknames: bool = False) -> bool:
    """Given names that may be one person's: the first two agree (in full, short or as an
    initial); a leading initial the other form leaves out is skipped ("W. Mark" ~ "Mark")."""
    if not a or not b:
        return False
    if not _same_name(a[0], b[0], nicknames):
        if len(a[0]) == 1 and len(a) > 1:
            return _same_given(a[1:], b, nicknames)
        if len(b[0]) == 1 and len(b) > 1:
            return _same_given(a, b[1:], nicknames)
        return False
    if len(a) > 1 and len(b) > 1 and not _same_name(a[1], b[1], nicknames):
        return False  # "Ansel Rey Vorn" and "Ansel Tomas Vorn": brothers, perhaps
    return not (len(a[0]) == 1 and len(b[0]) == 1 and len(a) == len(b) == 1)


@ENTITY_SIEVE.rule("given-name-forms")
def given_name_forms(state: _State) -> None:
    """Full names with one surname whose given names agree but for initials, a quoted nickname
    or a short form are one person: "W. Ansel Vorn" ~ "Ansel Vorn", "Fred Tallis" ~ "Frederick
    C. Tallis", 'Orrin "The Hawk" Sato' ~ "Orrin Sato" (never "Rustam Ferzali" ~ "Amina Ferzali")."""
    nicknames = state.uses(given_name_nickname)
    by_surname: dict[str, list[_Name]] = defaultdict(list)
    for n in state.long_names():
        if n.cls == "person" and not n.kunya:
            by_surname[n.surname].append(n)
    for group in by_surname.values():
        if not 2 <= len(group) <= MAX_SURNAME_GROUP:
            continue
        given = [(n, _given_names(n)) for n in group]
        for i, (a, ga) in enumerate(given):
            for b, gb in given[i + 1 :]:
                if not (ga and gb and _generation(a) == _generation(b)):
                    continue
                if _same_given(ga, gb):
                    state.join(a.key, b.key, given_name_forms, a.norm)
                elif nicknames and _same_given(ga, gb, nicknames=True):
                    state.join(a.key, b.key, given_name_nickname, f"{a.norm} = {b.norm}")


@ENTITY_SIEVE.rule("acronym-defined-in-doc-only")
def ambiguous_acronym(
    state: _State, links: list[AliasLink], acronym_defs: dict[str, set[str]]
) -> None:
    """Step 5a: an acronym that articles define differently means, in each defining article,
    that article's full name: "NLF (Northern Liberation Front)" in one, "NLF (National Labour
    Federation)" in another -> each article's "NLF" joins its own full name."""
    names = state.names
    for link in links:
        a_norm = normalise_name(link.alias)
        if link.rule != acronym.ref or len(acronym_defs[a_norm]) < 2:
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
                    root = state.uf.find(targets[0])
                    evidence = f"{link.name} = {link.alias}"
                    state.attach(m, root, ambiguous_acronym, evidence, f"in doc {link.doc_id}")
