"""Bare person names (a surname or first name alone) joined to the full name they stand for.

The rules of `ENTITY_SHORT_NAME` are tried in order for each bare mention (its article first,
the corpus after); the first rule with candidates decides: one candidate is joined, several
leave the mention its own name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from presslens.lexicon import words
from presslens.models import Mention
from presslens.rules import Rule
from presslens.unionfind import UnionFind

from .build import _canonical
from .heuristics import CLASS_FOLD_FACTOR, GENERATIONAL_SUFFIXES, INTRODUCED_AS, PLACE_TYPES
from .names import (
    END_OF_TEXT,
    _is_transposition,
    _looks_like_acronym,
    is_typo,
    name_tokens,
    read_at,
    refers_at,
)
from .stages import ENTITY_SHORT_NAME, ENTITY_SIEVE
from .state import _dominant, _Name, _State, _titles

FAMILY_NAMES_FIRST = words("family_names_first")


@dataclass
class _FullNames:
    """The corpus's full person names, indexed for the bare names that may stand for them
    (values are union-find groups)."""

    uf: UnionFind
    by_doc_last: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    by_doc_first: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    in_doc: dict[str, list[_Name]] = field(default_factory=lambda: defaultdict(list))
    by_last: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_first: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    size: Counter[str] = field(default_factory=Counter)  # group -> its mentions
    text: dict[str, tuple[int, str]] = field(default_factory=dict)  # group -> most named name
    titles_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_full: dict[tuple[str, str], int] = field(default_factory=dict)  # (group, doc) -> start
    in_doc_size: Counter[tuple[str, str]] = field(default_factory=Counter)  # (group, doc) -> count
    dominant: dict[str, set[str]] = field(default_factory=dict)  # surname -> its dominant group
    blocks: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _index_full_names(state: _State) -> _FullNames:
    uf = state.uf
    full = _FullNames(uf)
    # a person's group, whatever spaCy called some of its mentions ("Vera Ferenc" as ORG once)
    person_roots = {uf.find(n.key) for n in state.long_names() if n.cls == "person"}
    people = {tuple(n.tokens): uf.find(n.key) for n in state.long_names() if n.cls == "person"}
    nested_on = state.uses(name_holding_a_name)
    team_first = _bare_org_words(state) if state.uses(org_name_before_person) else {}
    for n in state.long_names():
        root = uf.find(n.key)
        if root not in person_roots or n.cls not in ("person", "org"):
            continue
        full.size[root] += len(n.mentions)
        full.text[root] = max(full.text.get(root, (0, "")), (len(n.mentions), n.mentions[0].text))
        full.titles_of[root] |= {t for m in n.mentions for t in _titles(m.descriptor)}
        if n.kunya or (nested_on and name_holding_a_name(n, root, people)):
            continue
        full.by_last[n.surname].add(root)
        if team_first and org_name_before_person(n, team_first):
            continue  # "Harriers QB Tavo Renn": "Harriers" is no given name of his
        full.by_first[n.tokens[0]].add(root)
        for m in n.mentions:
            k = (root, m.doc_id)
            full.first_full[k] = min(full.first_full.get(k, read_at(m)), read_at(m))
            full.in_doc_size[k] += 1
        for d in n.docs:
            full.by_doc_last[(d, n.surname)].add(root)
            full.in_doc[d].append(n)
            if root in full.by_first[n.tokens[0]]:
                full.by_doc_first[(d, n.tokens[0])].add(root)
    for surname in full.by_last:  # a typo keeps the head or both ends
        full.blocks[surname[:2]].add(surname)
        full.blocks[surname[0] + surname[-1]].add(surname)
    return full


def _bare_org_words(state: _State) -> dict[str, tuple[int, int]]:
    """One-word names by how often the corpus gives them as an organisation and as a person."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n in state.names.values():
        if len(n.tokens) == 1 and n.cls in ("org", "person"):
            counts[n.tokens[0]][n.cls == "person"] += len(n.mentions)
    return {word: (org, person) for word, (org, person) in counts.items() if org}


@ENTITY_SIEVE.rule("org-name-before-person-name")
def org_name_before_person(n: _Name, bare_orgs: dict[str, tuple[int, int]]) -> bool:
    """A person's name of three or more words opening with a word the corpus gives alone as an
    organisation (three times or more, at least twice as often as a person) opens with the
    organisation, not a given name: "Harriers QB Tavo Renn" -> a bare "Harriers" in its
    article is the team, not him."""
    org, person = bare_orgs.get(n.tokens[0], (0, 0))
    return len(n.tokens) >= 3 and org >= 3 and org >= CLASS_FOLD_FACTOR * person


@ENTITY_SIEVE.rule("name-holding-a-name-no-bearer")
def name_holding_a_name(n: _Name, root: str, people: dict[tuple[str, ...], str]) -> bool:
    """A name the parser never labels a person that ends with another person's full name
    (a film, "The Notorious Selene Okafor") is no second bearer of her surname: "Okafor" in
    an article giving both -> Selene Okafor."""
    if any(m.type == "PERSON" for m in n.mentions):
        return False  # "Yara Idris Kassem" may be the daughter of "Idris Kassem"
    tails = (people.get(tuple(n.tokens[k:])) for k in range(1, len(n.tokens) - 1))
    return any(t is not None and t != root for t in tails)


@ENTITY_SHORT_NAME.rule("surname-in-doc")
def surname_in_doc(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """A bare surname stands for the one full name of its article ending with it: "Okafor
    said" after "Selene Okafor" -> "Selene Okafor"."""
    return full.by_doc_last.get((doc_id, tok))


@ENTITY_SHORT_NAME.rule("family-name-first")
def family_name_first(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """A family name written first (the lexicon's family_names_first: Chinese, Korean and
    Vietnamese order) stands for the full name starting with it, its article's first, else the
    corpus's one; of several, the one named far more often: "Kim" beside "Kim Jong Un" (named
    40 times) and "Kim Il Sung" (twice) -> Kim Jong Un, although "Dana Kim" ends with it."""
    if tok not in FAMILY_NAMES_FIRST:
        return None
    roots = full.by_doc_first.get((doc_id, tok)) or full.by_first.get(tok, set())
    return roots if len(roots) == 1 else _dominant(roots, full.size)


@ENTITY_SHORT_NAME.rule("first-name-in-doc")
def first_name_in_doc(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """A bare first name stands for the one full name of its article starting with it, unless
    it is somebody's surname: "Selene told us" after "Selene Okafor" -> "Selene Okafor"."""
    if tok in full.by_last:
        return None  # "Obama" is somebody's surname, not the first name of "Obama Says"
    return full.by_doc_first.get((doc_id, tok))


@ENTITY_SHORT_NAME.rule("misspelt-surname-in-doc")
def misspelt_surname_in_doc(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """A bare surname one typo away from the surname of one full name in its article:
    "Okafro said" after "Selene Okafor" -> "Selene Okafor"."""
    uf = full.uf
    return {uf.find(f.key) for f in full.in_doc.get(doc_id, []) if is_typo(tok, f.tokens[-1])}


@ENTITY_SHORT_NAME.rule("surname-in-corpus")
def surname_in_corpus(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """A bare surname whose article names no one by it stands for the one full name of the
    corpus ending with it: "Okafor" alone in an article, "Selene Okafor" elsewhere -> her."""
    return full.by_last.get(tok)


@ENTITY_SHORT_NAME.rule("surname-dominant-in-corpus")
def dominant_surname(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """Of several full names ending with a bare surname, the one named far more often than
    all others: "Okafor" with "Selene Okafor" named 12 times and "Tomas Okafor" once -> her."""
    if tok not in full.dominant:
        full.dominant[tok] = _dominant(full.by_last.get(tok, set()), full.size)
    return full.dominant[tok]


@ENTITY_SHORT_NAME.rule("surname-swapped-letters")
def swapped_letters(full: _FullNames, tok: str, doc_id: str) -> set[str] | None:
    """A bare name that is no one's surname but one with two letters swapped: "Okfaor" alone,
    "Selene Okafor" elsewhere -> her (not "Berman"/"Burman": only an unmistakable slip)."""
    if tok in full.by_last:
        return None  # real surname matches that were ambiguous: no guessing by spelling
    near = full.blocks.get(tok[:2], set()) | full.blocks.get(tok[0] + tok[-1], set())
    return {r for s in near if _is_transposition(tok, s) for r in full.by_last[s]}


IN_ARTICLE = (surname_in_doc, first_name_in_doc)  # all a bare name labelled ORG may use


@ENTITY_SIEVE.rule("bare-surname-not-junior")
def unsuffixed_names(state: _State, groups: set[str]) -> set[str]:
    """Of several people with one surname, a bare surname is not the one whose name carries a
    generational suffix (he is "Vesk Jr."): "Vesk" beside "Arno Vesk" and "Arno Vesk Jr" ->
    Arno Vesk."""
    return {g for g in groups if state.names[g].tokens[-1] not in GENERATIONAL_SUFFIXES}


@ENTITY_SIEVE.rule("surname-title-match")
def titled_surname(full: _FullNames, groups: set[str], titles: set[str]) -> set[str]:
    """Of several people with one surname, the one whose full name carries the bare name's
    title: "Dr Kerimzade" with "Dr Leyla Kerimzade" and "Arslan Kerimzade" -> her."""
    return {r for r in groups if full.titles_of[r] & titles}


@ENTITY_SIEVE.rule("surname-dominant-in-doc")
def dominant_in_article(full: _FullNames, groups: set[str], doc_id: str) -> set[str]:
    """Of several full names an article gives with a bare name's surname (or first name), the
    one the corpus names far more often than the others together, when the article also
    names it first and at least as often as each: "Okafor said" after "Selene Okafor" (named
    12 times in the corpus) and then her brother "Tomas Okafor" (twice) -> her. An article
    that introduces the rarer one first is about that one ("Lina Okafor ... no relation of
    Selene Okafor ... Okafor said" stays apart)."""
    top = _dominant(groups, full.size)
    if len(top) != 1:
        return set()
    root, rest = next(iter(top)), groups - top
    count, first = full.in_doc_size, full.first_full
    if any(count[(r, doc_id)] > count[(root, doc_id)] for r in rest):
        return set()
    starts = [first.get((r, doc_id), END_OF_TEXT) for r in rest]
    return top if first.get((root, doc_id), END_OF_TEXT) < min(starts) else set()


@ENTITY_SIEVE.rule("surname-only-one-named-yet")
def only_one_named_yet(full: _FullNames, groups: set[str], m: Mention) -> set[str]:
    """Of several full names an article gives with a bare name's surname (or family name
    written first), the only one it has named before the bare name: "Kim said" after "Kim
    Jong Un" and before "his father Kim Il Sung" is named -> Kim Jong Un (a reader knows only
    one Kim there); after both are named it stays undecided, and a bare given name ("Omar"
    after "Omar Salem", before "Omar Haddad") is left to the other rules."""
    at = refers_at(m)
    named = {g for g in groups if full.first_full.get((g, m.doc_id), END_OF_TEXT) < at}
    return named if len(named) == 1 else set()


@ENTITY_SIEVE.rule("headline-surname-lead")
def headline_lead(full: _FullNames, groups: set[str], m: Mention) -> set[str]:
    """Of several full names an article gives with a bare surname in its headline, the one its
    body names first, when the corpus names that one at least as often as each other: "Okafor
    cleared" over a story naming Selene Okafor first and her brother Tomas Okafor later -> her
    (a body that introduces the rarer one first leaves it undecided)."""
    if m.field != "title":
        return set()
    starts = {g: full.first_full.get((g, m.doc_id), END_OF_TEXT) for g in groups}
    lead = min(groups, key=lambda g: (starts[g], g))
    if starts[lead] == END_OF_TEXT or any(starts[g] == starts[lead] for g in groups - {lead}):
        return set()
    return {lead} if all(full.size[lead] >= full.size[g] for g in groups) else set()


@ENTITY_SIEVE.rule("place-label-kept-from-person")
def place_labelled_bare_name(n: _Name, m: Mention) -> bool:
    """A bare name mostly labelled other than a person, that its article still labels a place
    here (after the article's own relabelling), is no person's short name: "Orsk" (GPE, "in
    Orsk") beside "Orsk Ferrel" (PERSON) in the article stays the town."""
    return n.cls != "person" and m.type in PLACE_TYPES


@ENTITY_SIEVE.rule("surname-kept-to-article")
def shared_surname(m: Mention, titles: set[str]) -> str:
    """A bare surname several full names carry, that no rule joined, stays one name per
    article (and per title): "Kerimzade" for a brother and a sister -> one per article, never
    one corpus-wide "Kerimzade"."""
    return f"{m.doc_id}@{','.join(sorted(titles))}"


class _Plan(NamedTuple):
    """The short-name rules of this run, worked out once: all of them in order, those a bare
    name labelled ORG may use, those an acronym-like one may use, and the sieve rules."""

    steps: list[Rule]
    in_article: list[Rule]
    acronym_like: list[Rule]
    by_title: bool
    keep_apart: bool
    by_generation: bool
    by_dominance: bool
    by_order: bool
    place_kept: bool
    by_headline: bool


def _plan(state: _State) -> _Plan:
    steps = list(state.short_name_rules)
    return _Plan(
        steps,
        [r for r in steps if r in IN_ARTICLE],
        [r for r in steps if r is surname_in_doc],
        state.uses(titled_surname),
        state.uses(shared_surname),
        state.uses(unsuffixed_names),
        state.uses(dominant_in_article),
        state.uses(only_one_named_yet),
        state.uses(place_labelled_bare_name),
        state.uses(headline_lead),
    )


def _rules_for(plan: _Plan, n: _Name, m: Mention, tok: str) -> list[Rule] | None:
    """The short-name rules this mention may use, in order; None when it is no bare name."""
    if m.descriptor and INTRODUCED_AS.search(m.descriptor + " "):
        return None  # introduced by a given name only: someone the article names no further
    steps = plan.steps
    if plan.place_kept and place_labelled_bare_name(n, m):
        return None
    if n.cls == "org" and m.type != "PERSON":
        steps = plan.in_article  # spaCy often labels a bare surname ORG: trust its document only
    if _looks_like_acronym(m.text):
        # "U.N." is not the "Un" of "Kim Jong Un"; "RUELL:" labelling a transcript
        # turn is the surname of a full name in the same article
        if len(tok) < 4 or m.type != "PERSON":
            return None
        steps = plan.acronym_like
    return steps


def _narrowed(
    state: _State,
    plan: _Plan,
    full: _FullNames,
    found: tuple[Rule, set[str]],
    m: Mention,
    titles: set[str],
) -> tuple[set[str], Rule]:
    """Several candidates a rule found for a bare mention, narrowed by the sieve rules to
    one where they can (a title, no generational suffix, the article's far more named one,
    the only one the article has named yet), with the rule that decided."""
    rule, cands = found
    if plan.by_title:
        titled = titled_surname(full, cands, titles)
        if len(titled) == 1:  # "Dr Kerimzade": the one of them who is a doctor
            return titled, titled_surname
    if plan.by_generation:
        plain = unsuffixed_names(state, cands)
        if len(plain) == 1:  # "Vesk" beside "Arno Vesk" and "Arno Vesk Jr": the father
            return plain, unsuffixed_names
    if plan.by_dominance and rule in IN_ARTICLE and not titles:
        top = dominant_in_article(full, cands, m.doc_id)
        if top:  # "Okafor" beside "Selene Okafor" (the story's) and her brother
            return top, dominant_in_article
    by_order = rule is surname_in_doc or " ".join(name_tokens(m.text)) in FAMILY_NAMES_FIRST
    if plan.by_order and by_order and rule in IN_ARTICLE and not titles:
        named = only_one_named_yet(full, cands, m)
        if named:  # "Okafor said" after "Selene Okafor", before her brother is named
            return named, only_one_named_yet
    if plan.by_headline and rule is surname_in_doc and not titles:
        lead = headline_lead(full, cands, m)
        if lead:  # "Okafor cleared" over a story about Selene Okafor and her brother
            return lead, headline_lead
    return cands, rule


def _attach_one(
    state: _State, plan: _Plan, full: _FullNames, n: _Name, m: Mention, shared: bool
) -> None:
    """Try the short-name rules on one bare mention; the first with candidates decides."""
    tok = " ".join(n.tokens)
    steps = _rules_for(plan, n, m, tok)
    if steps is None:
        return
    titles = _titles(m.descriptor)  # "Dr", "Sheikh": evidence of which person
    by_title = plan.by_title
    for rule in steps:
        chosen = rule
        cands = rule(full, tok, m.doc_id)
        if cands and len(cands) == 1 and rule is surname_in_doc and shared and titles and by_title:
            # a surname several people carry, with a title the article's one full name
            # never has, before that name ("Imam Sorrel, whose nephew Nadim Sorrel"):
            # only a title one of them carries decides ("Sheikh Sorrel")
            root = next(iter(cands))
            if (
                full.first_full.get((root, m.doc_id), 0) > refers_at(m)
                and not full.titles_of[root] & titles
            ):
                cands, chosen = titled_surname(full, full.by_last[tok], titles), titled_surname
                if len(cands) != 1:
                    break
        if not cands:
            continue
        if len(cands) > 1:
            cands, chosen = _narrowed(state, plan, full, (rule, cands), m, titles)
        if len(cands) > 1 and rule is surname_in_corpus:
            continue  # several full names in the corpus: try dominance
        if len(cands) == 1:
            root = next(iter(cands))
            name = full.text.get(root, (0, _canonical(state.names[root].mentions, "PERSON")))[1]
            state.attach(m, root, chosen, f"{name} in doc {m.doc_id}")
        break  # ambiguous: stays its own name
    if shared and m.id not in state.mention_root and plan.keep_apart:
        # never one corpus-wide "Kerimzade" for both; "Mrs Ferenc" is not the bare
        # "Ferenc" of the same article either
        state.per_document[m.id] = shared_surname(m, titles)


@ENTITY_SIEVE.rule("surname-dominant-by-references")
def dominant_by_references(full: _FullNames, groups: set[str], refs: Counter[str]) -> set[str]:
    """Of several full names ending with a bare surname that an article without any of them
    uses, the one named far more often than all others together, counting the bare surnames
    other articles already gave it: "Okafor" alone, with Selene Okafor named 4 times in full
    and 30 times as "Okafor" beside it, her brother Tomas Okafor 3 times -> her."""
    top = _dominant(groups, Counter({g: full.size[g] + refs[g] for g in groups}))
    return top if any(refs[g] for g in top) else set()


def _attach_by_references(state: _State, full: _FullNames, n: _Name) -> None:
    """The bare mentions of `n` kept to their article for want of a full name there, joined
    to the surname's dominant bearer once the in-article references are counted."""
    tok = " ".join(n.tokens)
    groups = full.by_last.get(tok, set())
    refs = Counter(
        state.uf.find(state.mention_root[m.id]) for m in n.mentions if m.id in state.mention_root
    )
    top = dominant_by_references(full, groups, refs) if len(groups) > 1 else set()
    if len(top) != 1:
        return
    root = next(iter(top))
    for m in n.mentions:
        if m.id not in state.per_document or _titles(m.descriptor):
            continue
        if full.by_doc_last.get((m.doc_id, tok)) or n.cls != "person" or m.type != "PERSON":
            continue  # an article naming one of them in full: its own rules decided
        del state.per_document[m.id]
        state.attach(m, root, dominant_by_references, f"{full.text[root][1]} in doc {m.doc_id}")


CAMEL_CASE_PIECES = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")


@ENTITY_SIEVE.rule("two-piece-nickname")
def two_piece_nickname(full: _FullNames, text: str, doc_id: str) -> set[str]:
    """A one-word name written as two capitalised pieces ("ReKe"), no one's given name or
    surname, that begin the given name and the surname of one full name (its article's, else
    the corpus's) is that person's nickname: "ReKe" beside "Renata Kessel" -> her."""
    pieces = CAMEL_CASE_PIECES.fullmatch(text.strip())
    if pieces is None or text.lower() in full.by_first or text.lower() in full.by_last:
        return set()
    given, surname = (p.lower() for p in pieces.groups())
    in_doc = {
        full.uf.find(f.key)
        for f in full.in_doc.get(doc_id, [])
        if f.tokens[0].startswith(given) and f.surname.startswith(surname)
    }
    if in_doc:
        return in_doc
    surnames = [s for s in full.blocks.get(surname[:2], ()) if s.startswith(surname)]
    return {
        root
        for s in surnames
        for root in full.by_last[s]
        if name_tokens(full.text[root][1])[:1]
        and name_tokens(full.text[root][1])[0].startswith(given)
    }


def _attach_two_piece_nicknames(state: _State, full: _FullNames, n: _Name) -> None:
    """Each still unattached mention of a one-word name written in two pieces ("ReKe")."""
    for m in n.mentions:
        if m.id in state.mention_root or m.id in state.per_document:
            continue
        roots = two_piece_nickname(full, m.text, m.doc_id)
        if len(roots) == 1:
            root = next(iter(roots))
            state.attach(m, root, two_piece_nickname, f"{full.text[root][1]} in doc {m.doc_id}")


def _attach_short_person_names(state: _State) -> None:
    """Step 5: a one-word person name joins the one full name it can stand for, by the rules
    of ENTITY_SHORT_NAME (its article first, the corpus after); ambiguous ones stay apart."""
    full = _index_full_names(state)
    plan = _plan(state)
    for n in state.names.values():
        if n.cls not in {"person", "org"} or (len(n.tokens) != 1 and not n.is_short):
            continue
        shared = len(full.by_last.get(" ".join(n.tokens), ())) > 1  # a brother and a sister
        for m in n.mentions:
            _attach_one(state, plan, full, n, m, shared)
        if len(n.tokens) == 1 and state.uses(two_piece_nickname):
            _attach_two_piece_nicknames(state, full, n)
        if shared and state.uses(dominant_by_references):
            _attach_by_references(state, full, n)
