"""Transliteration and typo variants, compared only inside candidate blocks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

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


def _variant_verdict(
    a: _Name, b: _Name, diffs: list[tuple[int, str, float]], context: Callable[[], int]
) -> str | None:
    """Whether two spellings are one actor, as the reason to record, or None.

    Transliterations need less corroboration than typos; a differing surname needs more than
    a differing first name; a bare one-word name needs co-occurring entities."""
    kinds = {kind for _, kind, _ in diffs}
    if not diffs or len(kinds) > 1 or a.cls in NO_FUZZY_CLASSES:
        return None
    n = len(a.tokens)
    shared = n - len(diffs)
    surname_differs = a.cls == "person" and any(i == n - 1 for i, _, _ in diffs)
    shared_ctx = -1

    def ctx_at_least(k: int) -> bool:
        nonlocal shared_ctx
        if shared_ctx < 0:
            shared_ctx = context()
        return shared_ctx >= k

    if kinds == {"translit"}:
        low = min(r for _, _, r in diffs)
        if shared and not surname_differs:
            return f"transliteration variant (shared token {a.tokens[-1] if diffs[0][0] != n - 1 else a.tokens[0]})"
        if n >= 2 and low >= STRICT_TOKEN_RATIO and ctx_at_least(1):
            return f"transliteration variant (ratio {low:.0f}, {shared_ctx} co-occurring entities)"
        if (
            n == 1
            and a.cls == "org"
            and len(a.tokens[0]) >= 5
            and low >= STRICT_TOKEN_RATIO
            and ctx_at_least(2)
        ):
            return f"transliteration variant (ratio {low:.0f}, {shared_ctx} co-occurring entities)"
        return None
    if len(diffs) != 1:
        return None
    ratio = fuzz.ratio(a.norm, b.norm)
    if shared and not surname_differs:
        return f"fuzzy {ratio:.0f} + shared context (same {'surname' if a.cls == 'person' else 'other words'})"
    if ctx_at_least(2):
        return f"fuzzy {ratio:.0f} + shared context ({shared_ctx} co-occurring entities)"
    return None


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


def _join_variants(state: _State, outlet_of: dict[str, str | None]) -> dict[str, int]:
    """Step 3: transliterations and corroborated typos, compared only inside blocks and a
    sorted window of each block. Returns the work done (blocks, candidate pairs)."""
    names, uf = state.names, state.uf
    blocks = _variant_blocks(names.values())
    per_doc: dict[str, set[str]] = defaultdict(set)
    for key, n in names.items():
        if not n.is_short:
            for d in n.docs:
                per_doc[d].add(key)
    doc_outlets = {k: {outlet_of.get(d) for d in n.docs} - {None} for k, n in names.items()}

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
        """How many other full names appear in documents of both groups (only for candidates)."""
        ra, rb = uf.find(a), uf.find(b)
        both = names_near(ra) & names_near(rb)
        return sum(1 for k in both if uf.find(k) not in (ra, rb))

    tried: set[tuple[str, str]] = set()
    pairs = 0
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
                if diffs:
                    rule = _variant_verdict(
                        a, b, diffs, lambda a=a, b=b: shared_context(a.key, b.key)
                    )
                elif _given_names_joined(a, b):
                    rule = "transliteration variant (given names written together, same surname)"
                else:
                    continue
                if rule:
                    if doc_outlets[a.key] & doc_outlets[b.key]:
                        rule += ", same outlet"
                    if a.cls != b.cls:
                        rule += f", {b.cls.upper()} label read as {a.cls.upper()}"
                        b.cls = a.cls
                    state.join(a.key, b.key, rule, f"{a.norm} ~ {b.norm}")
    return {"blocks": sum(len(b) > 1 for b in blocks.values()), "candidate_pairs": pairs}
