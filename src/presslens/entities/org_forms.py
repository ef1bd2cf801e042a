"""Short forms of organisation names ("the Brigades", "Sentinel Force") joined to the full name."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from presslens.lexicon import words
from presslens.models import Mention
from presslens.unionfind import UnionFind

from .heuristics import NAME_FUNCTION_WORDS, QUALIFIER_CLASSES, SHORT_FORM_CORPUS_FACTOR
from .name_spans import FACILITY_MODIFIERS, FACILITY_WORDS
from .names import END_OF_TEXT, _is_acronym, read_at, refers_at
from .qualified_names import GENERIC_ORG_TOKENS
from .stages import ENTITY_SIEVE
from .state import _Name, _State

FACILITY_TOKENS = FACILITY_WORDS | FACILITY_MODIFIERS  # lower case, as name tokens are


def _full_name_always_first(
    short: _Name, fulls: list[_Name], first_seen: dict[tuple[str, str], int]
) -> bool:
    """Every article naming both introduces the full name before the short form, and at
    least one article does."""
    first_short: dict[str, int] = {}
    for m in short.mentions:
        first_short[m.doc_id] = min(first_short.get(m.doc_id, refers_at(m)), refers_at(m))
    shared = 0
    for f in fulls:
        for d, start in first_short.items():
            full_start = first_seen.get((f.key, d))
            if full_start is None:
                continue
            if full_start > start:
                return False
            shared += 1
    return shared > 0


def _genitive_part(outer: list[str]) -> tuple[str, ...] | None:
    """The organisation named after "of (the)" in "Command of the Northern Liberation Front"."""
    if "of" not in outer[1:-1]:
        return None
    rest = outer[outer.index("of", 1) + 1 :]
    if rest and rest[0] == "the":
        rest = rest[1:]
    return tuple(rest) if len(rest) >= 2 else None


def _innermost(fulls: list[_Name], uf: UnionFind) -> list[_Name]:
    """Drop names whose "of the" part is another candidate: the "Front" of "Command of the
    Northern Liberation Front" is the Northern Liberation Front's."""
    inner = {tuple(f.tokens): uf.find(f.key) for f in fulls}
    return [
        f
        for f in fulls
        if inner.get(_genitive_part(f.tokens) or (), uf.find(f.key)) == uf.find(f.key)
    ]


def _nested_names_seen(state: _State, first_seen: dict[tuple[str, str], int]) -> None:
    """ "Command of the Northern Liberation Front" also names the Northern Liberation Front:
    record the inner organisation as seen where the outer one is."""
    orgs = {tuple(n.tokens): n for n in state.long_names() if n.cls == "org" and len(n.tokens) >= 2}
    for tokens, outer in orgs.items():
        inner = orgs.get(_genitive_part(list(tokens)) or ())
        if inner is None:
            continue
        for d in outer.docs:
            k, seen = (inner.key, d), first_seen[(outer.key, d)]
            first_seen[k] = min(first_seen.get(k, seen), seen)


@dataclass
class _OrgNames:
    """The corpus's organisation names indexed by the short forms they contain."""

    qualifiers: set[str]  # places and nationalities outlets drop from a name
    index: dict[tuple[str, ...], list[_Name]]  # short form -> names containing it
    first_seen: dict[tuple[str, str], int]  # (name, doc) -> its first mention there
    group_size: Counter[str] = field(default_factory=Counter)  # group -> its mentions


def _glued_words(n: _Name) -> set[str]:
    """The words of a name written after a hyphen inside a word ("Microsoft" of
    "Computerworld-Microsoft"), lower case."""
    return {
        part.casefold()
        for m in n.mentions[:1]
        for word in m.text.split()
        for part in word.split("-")[1:]
        if part[:1].isupper()
    }


@ENTITY_SIEVE.rule("no-short-form-after-hyphen")
def after_hyphen(suffix: list[str], glued: set[str]) -> bool:
    """A name's end that starts after a hyphen inside a word is no short form of it: two names
    glued ("Computerworld-Microsoft" from "Computerworld - Microsoft said") -> "Microsoft" is
    not short for it (nor "Vance Technologies" for "Dahl-Vance Technologies"); "Technologies"
    still is."""
    return suffix[0] in glued


def _index_org_names(state: _State) -> _OrgNames:
    names, uf = state.names, state.uf
    # places and nationalities (by any article's label): the qualifier outlets drop from an
    # organisation's name
    qualifiers = state.norms_labelled(QUALIFIER_CLASSES)
    org_index: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    by_first: dict[str, list[_Name]] = defaultdict(list)
    first_seen: dict[tuple[str, str], int] = {}
    for n in state.long_names():
        if n.cls != "org" or len(n.tokens) < 2:
            continue
        glued = _glued_words(n) if state.uses(after_hyphen) else set()
        for k in range(1, len(n.tokens)):
            if not (glued and after_hyphen(n.tokens[-k:], glued)):
                org_index[tuple(n.tokens[-k:])].append(n)  # suffixes
        first = n.tokens[0]
        if first not in qualifiers and first not in NAME_FUNCTION_WORDS and len(first) > 3:
            by_first[first].append(n)
        if "of" in n.tokens[1:]:
            org_index[tuple(n.tokens[: n.tokens.index("of", 1)])].append(n)  # head before "of"
        for m in n.mentions:
            seen = (n.key, m.doc_id)
            first_seen[seen] = min(first_seen.get(seen, read_at(m)), read_at(m))
    _nested_names_seen(state, first_seen)
    for first, fulls in by_first.items():
        # "Greyfell" for "Greyfell Minerals Consortium" only when no other organisation in
        # the corpus starts with the word ("Greyfell Foundation" makes it ambiguous)
        if (first,) not in org_index and len({uf.find(f.key) for f in fulls}) == 1:
            org_index[(first,)].extend(fulls)
    orgs = _OrgNames(qualifiers, org_index, first_seen)
    for n in names.values():
        orgs.group_size[uf.find(n.key)] += len(n.mentions)
    return orgs


@ENTITY_SIEVE.rule("org-short-form-less-place")
def one_word_less_place(uf: UnionFind, orgs: _OrgNames, n: _Name, longer: list[_Name]) -> bool:
    """One word, no organisation word, that ends the corpus's one organisation name containing
    it after a place's name, stands for that name in every article when each article naming
    both gives the full name first: "Harriers" alone, "Tolvane Harriers" in other articles ->
    the Tolvane Harriers ("Council" of "Tolvane Council" is no short form of it this way)."""
    if n.tokens[0] in GENERIC_ORG_TOKENS:
        return False
    after_place = [
        f
        for f in longer
        if f.tokens[-1:] == n.tokens and " ".join(f.tokens[:-1]) in orgs.qualifiers
    ]
    roots = {uf.find(f.key) for f in longer}
    return (
        len(roots) == 1
        and roots == {uf.find(f.key) for f in after_place}
        and _full_name_always_first(n, after_place, orgs.first_seen)
    )


def _longer_names(
    uf: UnionFind, orgs: _OrgNames, n: _Name, less_place: bool = False
) -> tuple[list[_Name], bool]:
    """The full names `n` may be short for, shortest first, and whether `n` is one full name
    less a place or nationality ("Sentinel Force" of "Tolvane Sentinel Force"; one word too,
    with `less_place`: "Harriers" of "Tolvane Harriers")."""
    longer = _innermost(orgs.index[tuple(n.tokens)], uf)
    trailing = less_place and len(n.tokens) == 1 and one_word_less_place(uf, orgs, n, longer)
    if len(n.tokens) >= 2:
        # a multi-word short form must be the rarer name: "European Union" is not short for
        # a one-off "Remain In European Union" -- unless it is the full name less a place
        # ("Tolvane Sentinel Force") and every article naming both gives the full name first
        rarer = [f for f in longer if orgs.group_size[uf.find(f.key)] >= len(n.mentions)]
        k = len(n.tokens)
        suffix_of = [
            f
            for f in longer
            if f.tokens[-k:] == n.tokens and " ".join(f.tokens[:-k]) in orgs.qualifiers
        ]
        if not rarer and _full_name_always_first(n, suffix_of, orgs.first_seen):
            rarer = suffix_of
        longer = rarer
        if not longer:
            return [], False
        suffix_roots = {uf.find(f.key) for f in suffix_of}
        trailing = len(suffix_roots) == 1 and {uf.find(f.key) for f in longer} <= suffix_roots
    return sorted(longer, key=lambda f: len(f.tokens)), trailing  # evidence names the longest


@ENTITY_SIEVE.rule("org-short-form-in-doc")
def short_form_in_doc(
    uf: UnionFind, orgs: _OrgNames, longer: list[_Name], m: Mention
) -> dict[str, _Name]:
    """A short form joins the one organisation name containing it that its article gave
    before: "the Council" after "the Council of Coastal States" -> that council."""
    first_seen = orgs.first_seen
    return {
        uf.find(f.key): f
        for f in longer
        if first_seen.get((f.key, m.doc_id), END_OF_TEXT) < refers_at(m)
    }


@ENTITY_SIEVE.rule("org-short-form-in-corpus")
def short_form_in_corpus(
    uf: UnionFind,
    orgs: _OrgNames,
    n: _Name,
    longer: list[_Name],
    in_doc_votes: Counter[str],
    undecided: int,
) -> dict[str, _Name]:
    """A short form in an article without its full name joins the name it stands for in the
    articles that give both, or a full name used far more often: "the Brigades" alone, "Red
    Hand Brigades" named before it in other articles -> those brigades."""
    if in_doc_votes:
        root, votes = in_doc_votes.most_common(1)[0]
        # only when it usually stands for that name: "Congress" mostly stands alone
        total = sum(in_doc_votes.values())
        if votes < 2 or votes * 3 < total * 2 or votes * 2 < undecided:
            return {}
        return {root: next(f for f in longer if uf.find(f.key) == root)}
    need = max(3, SHORT_FORM_CORPUS_FACTOR * len(n.mentions))
    return {uf.find(f.key): f for f in longer if orgs.group_size[uf.find(f.key)] >= need}


def _attach_short_form(state: _State, orgs: _OrgNames, n: _Name) -> None:
    """Attach each mention of the short form `n`: in its article, else in the corpus; when all
    went to one organisation, the short name now stands for it."""
    uf = state.uf
    longer, trailing = _longer_names(uf, orgs, n, state.uses(one_word_less_place))
    if not longer:
        return
    in_doc_rule = state.uses(short_form_in_doc)
    assigned: set[str] = set()
    undecided: list[Mention] = []
    in_doc_votes: Counter[str] = Counter()
    for m in n.mentions:
        if m.id in state.mention_root:
            continue
        in_doc = short_form_in_doc(uf, orgs, longer, m) if in_doc_rule else {}
        if len(in_doc) == 1:
            root, full = next(iter(in_doc.items()))
            in_doc_votes[root] += 1
            assigned.add(root)
            state.attach(m, root, short_form_in_doc, f"{full.mentions[0].text} ({m.doc_id})")
        elif in_doc:
            assigned.add("")
        else:
            undecided.append(m)
    corpus: dict[str, _Name] = {}
    if state.uses(short_form_in_corpus):
        corpus = short_form_in_corpus(uf, orgs, n, longer, in_doc_votes, len(undecided))
        if trailing:  # the one full name in the corpus ending with these words
            corpus = {uf.find(f.key): f for f in longer}
    corpus_rule = one_word_less_place if trailing and len(n.tokens) == 1 else short_form_in_corpus
    for m in undecided:
        if len(corpus) != 1:
            assigned.add("")
            continue
        root, full = next(iter(corpus.items()))
        assigned.add(root)
        state.attach(m, root, corpus_rule, f"{full.mentions[0].text} ({m.doc_id})")
    if len(assigned) == 1 and "" not in assigned:
        # every mention went to one organisation: the short name now stands for it
        uf.union(n.key, next(iter(assigned)))


def _attach_org_short_forms(state: _State) -> None:
    """Step 5b: "the Brigades", "Sentinel Force", "the Council" (of Coastal States) join the
    one organisation name containing them that the article introduced earlier; elsewhere,
    the name they stand for where both appear, or a full name used far more often."""
    orgs = _index_org_names(state)
    for n in sorted(state.names.values(), key=lambda n: (-len(n.tokens), n.key)):
        if n.cls != "org" or tuple(n.tokens) not in orgs.index or _is_acronym(n.mentions[0].text):
            continue  # an acronym is its own name (links join it), not a short form
        _attach_short_form(state, orgs, n)


def _facility_parts(tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the words before the facility words ending a name, those facility words):
    "dora kell treatment center" -> (("dora", "kell"), ("treatment", "center"))."""
    end = len(tokens)
    while end > 1 and tokens[end - 1] in FACILITY_TOKENS:
        end -= 1
    return tuple(tokens[:end]), tuple(tokens[end:])


def _extends(short: tuple[str, ...], long: tuple[str, ...], at_end: bool = False) -> bool:
    """Facility words `long` that add to `short` before or after it (`at_end`: after only):
    ("center",) and ("treatment", "center"); ("recovery",) and ("recovery", "center")."""
    if len(short) >= len(long):
        return False
    return long[: len(short)] == short or (not at_end and long[-len(short) :] == short)


@ENTITY_SIEVE.rule("facility-words-extended")
def facility_words_extended(state: _State) -> None:
    """Step 2b: one institution when two names share the words before their facility words
    and one's facility words extend the other's, into one institution only: "Orsk Recovery"
    ~ "Orsk Recovery Center", "Dora Kell Center" ~ "Dora Kell Treatment Center". "Orsk
    Hospital" and "Orsk Prison" stay apart; after a place's name only a word added at the end
    joins ("Tolvane Recovery" ~ "Tolvane Recovery Center"; "Tolvane Clinic" and "Tolvane
    Medical Clinic" are two clinics of one town)."""
    qualifiers = state.norms_labelled(QUALIFIER_CLASSES)
    by_core: dict[tuple[str, ...], list[tuple[tuple[str, ...], _Name]]] = defaultdict(list)
    for n in state.long_names():
        core, facility = _facility_parts(n.tokens)
        if n.cls in ("org", "place") and facility:
            by_core[core].append((facility, n))
    uf = state.uf
    for core, names in by_core.items():
        at_end = " ".join(core) in qualifiers  # a place's name: words added at the end only
        for facility, n in names:
            longer = {uf.find(o.key): o for f, o in names if _extends(facility, f, at_end)}
            if len(longer) == 1:
                root, other = next(iter(longer.items()))
                state.join(root, n.key, facility_words_extended, f"{n.norm} ~ {other.norm}")


GEO_FEATURE_WORDS = words("geo_feature_words")


@ENTITY_SIEVE.rule("place-less-feature-word")
def place_less_feature_word(state: _State) -> None:
    """Step 2b: a place name that is the corpus's one feature name less the feature word ending
    it ("Sea", "River", "Lake") is that feature, when the parser always labels it a location
    (LOC: never a country's or a town's GPE): "Verran" (LOC) ~ "Verran Sea"; "Dunmar" (GPE)
    stays apart from the "Dunmar River", and "Verran" beside "Verran Sea" and "Verran Strait"
    is left alone."""
    longer: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for n in state.long_names():
        if n.cls == "place" and len(n.tokens) >= 2 and n.tokens[-1] in GEO_FEATURE_WORDS:
            longer[tuple(n.tokens[:-1])].add(state.uf.find(n.key))
    for n in state.long_names():
        roots = longer.get(tuple(n.tokens), set())
        if n.cls != "place" or len(roots) != 1 or any(m.type != "LOC" for m in n.mentions):
            continue
        root = next(iter(roots))
        full = state.names[root].norm
        state.join(root, n.key, place_less_feature_word, f"{n.norm} ~ {full}")


@ENTITY_SIEVE.rule("person-label-ends-team-name")
def person_label_ends_team_name(state: _State) -> None:
    """Step 5b: a bare word the parser labels a person, that no full person name of the corpus
    carries, and that ends the corpus's one organisation or facility name after a place's name,
    is that name's short form and no person: "Harriers" (PERSON, "the Harriers won") beside
    "Tolvane Harriers" (FAC) -> one team, an organisation; "Kessel" beside "Dunmar Kessel" and "Ines
    Kessel" stays the person."""
    person_words = {t for n in state.long_names() if n.cls == "person" for t in n.tokens}
    qualifiers = state.norms_labelled(QUALIFIER_CLASSES)
    after_place: dict[str, set[str]] = defaultdict(set)
    for n in state.long_names():
        if n.cls in ("org", "place") and len(n.tokens) >= 2 and n.tokens[-1] not in person_words:
            if " ".join(n.tokens[:-1]) in qualifiers:
                after_place[n.tokens[-1]].add(state.uf.find(n.key))
    for n in list(state.names.values()):
        roots = after_place.get(n.norm, set())
        if n.cls != "person" or len(n.tokens) != 1 or len(roots) != 1:
            continue
        if n.norm in GENERIC_ORG_TOKENS:
            continue
        root = next(iter(roots))
        n.cls = "org"  # typed by the names it joins, not by the parser's slip
        state.join(root, n.key, person_label_ends_team_name, f"{n.norm} ~ {state.names[root].norm}")
