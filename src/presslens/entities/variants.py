"""Transliteration and typo variants, compared only inside candidate blocks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from rapidfuzz import fuzz

from .heuristics import (
    BLOCK_WINDOW,
    MAX_CONTEXT_DOCS,
    MAX_CONTEXT_PER_DOC,
    NO_FUZZY_CLASSES,
    STRICT_TOKEN_RATIO,
    TRANSLIT_MIN_RATIO,
    TRANSLIT_MIN_TOKEN_RATIO,
)
from .names import _token_diffs, skeleton
from .stages import ENTITY_SIEVE
from .state import _cross_class_pair, _Name, _person_shaped_org, _State


def _given_names_joined(a: _Name, b: _Name) -> bool:
    """ "Nour al-Din Zaki" ~ "Nureddin Zaki": same surname, given names equal once run together."""
    if a.cls != "person" or len(a.tokens) == len(b.tokens) or a.tokens[-1] != b.tokens[-1]:
        return False
    if a.kunya or b.kunya or min(len(a.tokens), len(b.tokens)) < 2 or a.tokens[0] == b.tokens[0]:
        return False  # same first name: a middle name or initial (step 4 decides), not a spelling
    x, y = "".join(a.tokens[:-1]), "".join(b.tokens[:-1])
    return (
        x[0] == y[0] and skeleton(x) == skeleton(y) and fuzz.ratio(x, y) >= TRANSLIT_MIN_TOKEN_RATIO
    )


@dataclass
class _Pair:
    """Two candidate spellings, the person (or the more common label) first, and how their
    tokens differ; `context` counts co-occurring entities only when a rule asks."""

    a: _Name
    b: _Name
    diffs: list[tuple[int, str, float]] | None
    count_context: Callable[[], int]
    _context: int = -1

    def context(self) -> int:
        if self._context < 0:
            self._context = self.count_context()
        return self._context

    @property
    def kinds(self) -> set[str]:
        return {kind for _, kind, _ in self.diffs or []}

    def comparable(self, kind: str) -> bool:
        """The tokens differ, all by `kind` ("translit" or "typo"), in a class spelt freely."""
        return bool(self.diffs) and self.kinds == {kind} and self.a.cls not in NO_FUZZY_CLASSES

    @property
    def shares_surname(self) -> bool:
        """Some token is shared, and for a person it is the surname."""
        n = len(self.a.tokens)
        surname_differs = self.a.cls == "person" and any(i == n - 1 for i, _, _ in self.diffs or [])
        return n - len(self.diffs or []) > 0 and not surname_differs

    @property
    def lowest_ratio(self) -> float:
        return min(r for _, _, r in self.diffs or [])


def _co_occurring(count: int) -> str:
    """The evidence detail "2 co-occurring entities" ("1 co-occurring entity")."""
    return f"{count} co-occurring {'entity' if count == 1 else 'entities'}"


# Transliterations need less corroboration than typos; a differing surname needs more than a
# differing first name; a bare one-word name needs co-occurring entities. Tried in order. Each
# rule answers None, or the details of its decision for the reason's evidence.


@ENTITY_SIEVE.rule("transliteration-shared-token")
def translit_shared_token(p: _Pair) -> tuple[str, ...] | None:
    """Two spellings of one sound in a differing token, the surname shared: "Mohammed
    Rashani" ~ "Muhammad Rashani" -> one person."""
    if not p.comparable("translit") or not p.shares_surname:
        return None
    n = len(p.a.tokens)
    token = p.a.tokens[-1] if p.diffs and p.diffs[0][0] != n - 1 else p.a.tokens[0]
    return (f"shared token {token}",)


@ENTITY_SIEVE.rule("transliteration-ratio-context")
def translit_in_context(p: _Pair) -> tuple[str, ...] | None:
    """A transliterated surname (or one-word organisation name) with entities both spellings
    appear beside: "Yevgenia Tashkova" ~ "Evgenia Tashkova" in articles naming the same
    others -> one person."""
    if not p.comparable("translit"):
        return None
    a, low = p.a, p.lowest_ratio
    if len(a.tokens) >= 2 and low >= STRICT_TOKEN_RATIO and p.context() >= 1:
        return (f"ratio {low:.0f}", _co_occurring(p.context()))
    if (
        len(a.tokens) == 1
        and a.cls == "org"
        and len(a.tokens[0]) >= 5
        and low >= STRICT_TOKEN_RATIO
        and p.context() >= 2
    ):
        return (f"ratio {low:.0f}", _co_occurring(p.context()))
    return None


@ENTITY_SIEVE.rule("fuzzy-shared-attribute")
def typo_shared_words(p: _Pair) -> tuple[str, ...] | None:
    """One typo in a token, the surname (or the other words) shared: "Selene Okafor" ~
    "Selen Okafor" -> one person."""
    if not p.comparable("typo") or len(p.diffs or []) != 1 or not p.shares_surname:
        return None
    ratio = fuzz.ratio(p.a.norm, p.b.norm)
    return (f"ratio {ratio:.0f}", "same surname" if p.a.cls == "person" else "same other words")


@ENTITY_SIEVE.rule("fuzzy-co-occurring")
def typo_in_context(p: _Pair) -> tuple[str, ...] | None:
    """One typo, corroborated by two or more entities both spellings appear beside: "Halvik
    Copper" ~ "Halvik Coper" in articles naming the same others -> one organisation."""
    if not p.comparable("typo") or len(p.diffs or []) != 1 or p.context() < 2:
        return None
    return (f"ratio {fuzz.ratio(p.a.norm, p.b.norm):.0f}", _co_occurring(p.context()))


@ENTITY_SIEVE.rule("given-names-joined")
def given_names_together(p: _Pair) -> tuple[str, ...] | None:
    """Given names written apart and together, the surname shared: "Nour al-Din Zaki" ~
    "Nureddin Zaki" -> one person."""
    if p.diffs or not _given_names_joined(p.a, p.b):
        return None
    return ("same surname",)


VARIANT_RULES = (
    translit_shared_token,
    translit_in_context,
    typo_shared_words,
    typo_in_context,
    given_names_together,
)


def _variant_blocks(names: Iterable[_Name]) -> dict[tuple, list[_Name]]:
    """Candidate blocks: every token's consonant skeleton (transliterations), and for each
    position the other tokens exact plus this one's first letter (one typo), so pairs that
    can pass _token_diffs always share a block and blocks stay small."""
    blocks: dict[tuple, list[_Name]] = defaultdict(list)
    for n in names:
        cls = "kunya" if n.kunya else n.cls
        if cls in NO_FUZZY_CLASSES or n.is_short:
            continue  # a bare person name is matched to full names in step 5
        blocks[(cls, "skel", tuple(skeleton(t) for t in n.tokens))].append(n)
        if _person_shaped_org(n):  # "Jameel Erdawi" labelled ORG: meets the person spellings
            blocks[("person", "skel", tuple(skeleton(t) for t in n.tokens))].append(n)
        if len(n.tokens) == 1:
            tok = n.tokens[0]  # a one-word organisation or place: a typo keeps one end
            blocks[(cls, "typo-head", tok[:2])].append(n)
            blocks[(cls, "typo-tail", tok[0], tok[-2:])].append(n)
            continue
        for i, tok in enumerate(n.tokens):
            key = (cls, "typo", i, tuple(n.tokens[:i]), tok[0], tuple(n.tokens[i + 1 :]))
            blocks[key].append(n)
        if cls == "person":  # "Nour al-Din Zaki" ~ "Nureddin Zaki": given names run together
            blocks[(cls, "given", skeleton("".join(n.tokens[:-1])), n.tokens[-1])].append(n)
    return blocks


def _context_counter(state: _State) -> Callable[[str, str], int]:
    """How many other full names appear in documents of both groups (only for candidates)."""
    names, uf = state.names, state.uf
    per_doc: dict[str, set[str]] = defaultdict(set)
    for key, n in names.items():
        if not n.is_short:
            for d in n.docs:
                per_doc[d].add(key)
    seen_cache: dict[tuple[str, int], set[str]] = {}  # (group, its document count) -> names

    def names_near(root: str) -> set[str]:
        docs = state.group_docs[root]
        key = (root, len(docs))  # a join that adds documents changes the count
        if key not in seen_cache:
            names_seen: set[str] = set()
            for d in sorted(docs)[:MAX_CONTEXT_DOCS]:
                if len(per_doc[d]) <= MAX_CONTEXT_PER_DOC:
                    names_seen |= per_doc[d]
            seen_cache[key] = names_seen
        return seen_cache[key]

    def shared_context(a: str, b: str) -> int:
        ra, rb = uf.find(a), uf.find(b)
        both = names_near(ra) & names_near(rb)
        return sum(1 for k in both if uf.find(k) not in (ra, rb))

    return shared_context


def _block_pairs(blocks: dict[tuple, list[_Name]]) -> Iterator[tuple[_Name, _Name]]:
    """Each pair of names within a sorted window of a block, once."""
    tried: set[tuple[str, str]] = set()
    for block in blocks.values():
        if len(block) < 2:
            continue
        block.sort(key=lambda n: n.norm)
        for i, first in enumerate(block):
            for second in block[i + 1 : i + 1 + BLOCK_WINDOW]:
                pair = (
                    (first.key, second.key) if first.key < second.key else (second.key, first.key)
                )
                if pair in tried or first.key == second.key:
                    continue
                tried.add(pair)
                yield first, second


def _join_variants(state: _State, outlet_of: dict[str, str | None]) -> dict[str, int]:
    """Step 3: transliterations and corroborated typos, compared only inside blocks and a
    sorted window of each block; the first rule of VARIANT_RULES that accepts a pair joins it.
    Returns the work done (blocks, candidate pairs)."""
    names, uf = state.names, state.uf
    blocks = _variant_blocks(names.values())
    doc_outlets = {k: {outlet_of.get(d) for d in n.docs} - {None} for k, n in names.items()}
    shared_context = _context_counter(state)
    rules = [rule for rule in state.rules if rule in VARIANT_RULES]
    pairs = 0
    for first, second in _block_pairs(blocks):
        pairs += 1
        ratio = fuzz.ratio(first.norm, second.norm)
        if ratio < TRANSLIT_MIN_RATIO or first.docs & second.docs:
            continue  # two spellings in one article: most likely two actors
        if uf.find(first.key) == uf.find(second.key):
            continue
        ordered = _cross_class_pair(first, second, state.surnames)
        if ordered is None:
            continue
        a, b = ordered  # a person before a mislabelled one
        diffs = _token_diffs(a.tokens, b.tokens, fold=a.cls == "person")
        pair = _Pair(a, b, diffs, partial(shared_context, a.key, b.key))
        for rule in rules:
            details = rule(pair)
            if details is None:
                continue
            notes = ["same outlet"] if doc_outlets[a.key] & doc_outlets[b.key] else []
            if a.cls != b.cls:
                notes.append(f"{b.cls.upper()} label read as {a.cls.upper()}")
                b.cls = a.cls
            state.join(a.key, b.key, rule, f"{a.norm} ~ {b.norm}", *details, *notes)
            break
    return {"blocks": sum(len(b) > 1 for b in blocks.values()), "candidate_pairs": pairs}
