"""Re-published copies: a wire story run by five sites is one telling, not five.

Documents whose bodies are near-duplicates are joined (`republication-near-duplicate`) and
each group's original is chosen (`republication-earliest-original`); only a MinHash signature
per document is kept, never its text.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from presslens.claims.words import _WORD_RE
from presslens.rules import Rules, stage
from presslens.unionfind import UnionFind

REPUBLICATION_JACCARD = 0.6
SHINGLE_SIZE = 5
MINHASH_BANDS = 32
MINHASH_ROWS = 4
_PRIME32 = 4294967311
_rng = np.random.RandomState(20240301)
_HASH_A = _rng.randint(1, 1 << 31, size=MINHASH_BANDS * MINHASH_ROWS, dtype=np.int64).astype(
    np.uint64
)
_HASH_B = _rng.randint(0, 1 << 31, size=MINHASH_BANDS * MINHASH_ROWS, dtype=np.int64).astype(
    np.uint64
)

REPUBLICATION = stage(
    "claims-republication",
    "Which documents are copies of one original, and which of them is the original.",
)

# (published is None, published, position): the sort key of a document in its group
Order = tuple[bool, str, int]


def _shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    if len(words) < size:
        grams = [" ".join(words)]
    else:
        grams = list({" ".join(words[i : i + size]) for i in range(len(words) - size + 1)})
    return np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )


def _minhash(text: str, size: int = SHINGLE_SIZE) -> np.ndarray | None:
    """A 128-value MinHash signature of word `size`-gram shingles: all that is kept of a text."""
    hashes = _shingle_hashes(text, size)
    if hashes.size == 0:
        return None
    # (a*x + b) mod p with a < 2^31, x < 2^32: no uint64 overflow
    values = (np.outer(_HASH_A, hashes) + _HASH_B[:, None]) % np.uint64(_PRIME32)
    return values.min(axis=1)


@REPUBLICATION.rule("republication-near-duplicate", version=1)
def near_duplicate(sig_a: np.ndarray, sig_b: np.ndarray) -> bool:
    """Two bodies are one story when the estimated Jaccard of their word 5-gram shingles is
    at least 0.6: a wire story "Gunmen burned the depot in Tarsk on Monday, ..." run with a
    different last line -> one copy of the other."""
    return float(np.mean(sig_a == sig_b)) >= REPUBLICATION_JACCARD


@REPUBLICATION.rule("republication-earliest-original")
def earliest_original(members: list[int], order: list[Order]) -> int:
    """The original is the earliest published copy (undated ones last, ties: first seen):
    "2024-03-04" before "2024-03-05" -> the 4 March copy is the original."""
    return min(members, key=lambda k: order[k])


def _signatures(
    docs: Iterable[tuple[str, str, str | None]],
) -> tuple[list[str], list[np.ndarray], list[Order], dict[tuple, list[int]]]:
    """Ids, signatures and sort keys of the documents that have words, and their LSH buckets."""
    sigs: list[np.ndarray] = []
    ids: list[str] = []
    order: list[Order] = []
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for doc_id, text, published in docs:
        sig = _minhash(text or "")
        if sig is None:
            continue
        k = len(ids)
        ids.append(doc_id)
        sigs.append(sig)
        order.append((published is None, published or "", k))
        for band in range(MINHASH_BANDS):
            key = (band, sig[band * MINHASH_ROWS : (band + 1) * MINHASH_ROWS].tobytes())
            buckets[key].append(k)
    return ids, sigs, order, buckets


def _join_copies(
    sigs: list[np.ndarray], buckets: dict[tuple, list[int]], same: Callable[..., bool]
) -> UnionFind:
    """Documents joined when `same` says their signatures are one story."""
    uf = UnionFind(range(len(sigs)))
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        # each member against the bucket's first and its predecessor: linear per bucket, and
        # union-find joins the rest transitively
        for i in range(1, len(members)):
            for a in {members[0], members[i - 1]}:
                b = members[i]
                if uf.find(a) == uf.find(b) or (a, b) in checked:
                    continue
                checked.add((a, b))
                if same(sigs[a], sigs[b]):
                    uf.attach(b, a)
    return uf


def find_republications(
    docs: Iterable[tuple[str, str, str | None]],
    rules: Rules = REPUBLICATION,
    passages: list[Copy] | None = None,
) -> dict[str, str]:
    """Map each re-published copy to its original: near-duplicate bodies (estimated Jaccard of
    word 5-gram shingles >= 0.6), original = earliest published (ties: first seen); and each
    document whose copied paragraphs (`find_copies`, or the `passages` given) hold most of it.

    MinHash + LSH banding finds candidate pairs without comparing all pairs; only a signature
    per document is kept, never its text.
    """
    docs = list(docs)
    if passages is None:
        passages = find_copies(docs)
    if not rules.enabled("republication-near-duplicate"):
        return {}
    copies = _near_duplicates(docs, rules)
    best: dict[str, Copy] = {}
    for copy in passages:
        if copy.whole and copy.copy_id not in copies:
            held = best.get(copy.copy_id)
            if held is None or len(copy.paragraphs) > len(held.paragraphs):
                best[copy.copy_id] = copy
    copies.update({c: copy.original_id for c, copy in best.items()})
    return copies


def _near_duplicates(docs: list[tuple[str, str, str | None]], rules: Rules) -> dict[str, str]:
    ids, sigs, order, buckets = _signatures(docs)
    uf = _join_copies(sigs, buckets, rules["republication-near-duplicate"].fn)
    pick = _first_seen
    if rules.enabled("republication-earliest-original"):
        pick = rules["republication-earliest-original"].fn
    copies: dict[str, str] = {}
    for group in uf.groups().values():
        if len(group) < 2:
            continue
        original = pick(group, order)
        for k in group:
            if k != original:
                copies[ids[k]] = ids[original]
    return copies


def _first_seen(members: list[int], order: list[Order]) -> int:
    return members[0]


# ---------------------------------------------------------------------------------------------
# Copied passages: paragraphs of one document reproduced in another
# ---------------------------------------------------------------------------------------------

MIN_PARAGRAPH_WORDS = 8
PARAGRAPH_SHINGLE_SIZE = 3
PARAGRAPH_JACCARD = 0.5
WHOLE_COPY_SHARE = 0.5

PASSAGE = stage(
    "claims-copied-passage",
    "Which paragraphs of a document copy another's: wire copies, pasted articles, copied blocks.",
)


@dataclass(frozen=True)
class Copy:
    """One document's paragraphs copied from another: `paragraphs` pairs (copy's paragraph,
    original's paragraph), numbered from 0 among the body's lines; `spans` are the copied
    paragraphs' character spans in the copy; `whole` when the copy is mostly the original."""

    copy_id: str
    original_id: str
    paragraphs: tuple[tuple[int, int], ...]
    spans: tuple[tuple[int, int], ...]
    whole: bool
    rule: str


def paragraphs_of(text: str) -> list[tuple[int, int, int]]:
    """(start, end, words) of each non-blank line of a body: its paragraphs."""
    found = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            found.append((start, start + len(stripped), len(_WORD_RE.findall(stripped))))
        offset += len(line) + 1
    return found


@PASSAGE.rule("passage-same-paragraph")
def same_paragraph(sig_a: np.ndarray, sig_b: np.ndarray) -> bool:
    """Two paragraphs of at least 8 words are one when the estimated Jaccard of their word
    3-gram shingles is at least 0.5: a wire paragraph "Gunmen burned the depot in Tarsk on
    Monday, police said." run with "local police said" -> the same paragraph."""
    return float(np.mean(sig_a == sig_b)) >= PARAGRAPH_JACCARD


@PASSAGE.rule("passage-copied-block")
def copied_block(pairs: list[tuple[int, int]], original_paragraphs: int) -> bool:
    """A copy needs two paragraphs or more of one original, or all of a one-paragraph
    original: a weekly running paragraphs 3 and 4 of a wire story -> a partial copy; one
    shared paragraph of a longer story ("Gunmen burned the depot", run by both) -> no copy."""
    return len(pairs) >= 2 or (len(pairs) == 1 and original_paragraphs == 1)


@PASSAGE.rule("passage-whole-copy")
def whole_copy(copied_words: int, body_words: int) -> bool:
    """A copy is a re-publication of the whole story when the copied paragraphs hold at least
    half its words: a wire story with the outlet's own last paragraph, or an article pasted
    into a blog under two lines of comment -> `republished_from` the original."""
    return body_words > 0 and copied_words >= WHOLE_COPY_SHARE * body_words


# a paragraph: (document's position, paragraph's number, start, end, words)
_Para = tuple[int, int, int, int, int]


def _paragraph_signatures(
    docs: Iterable[tuple[str, str, str | None]],
) -> tuple[list[str], list[Order], list[list[_Para]], list[_Para], list[np.ndarray]]:
    ids: list[str] = []
    order: list[Order] = []
    per_doc: list[list[_Para]] = []
    paras: list[_Para] = []
    sigs: list[np.ndarray] = []
    for doc_id, text, published in docs:
        k = len(ids)
        ids.append(doc_id)
        order.append((published is None, published or "", k))
        own: list[_Para] = []
        for n, (start, end, words) in enumerate(paragraphs_of(text or "")):
            para = (k, n, start, end, words)
            own.append(para)
            sig = (
                _minhash(text[start:end], PARAGRAPH_SHINGLE_SIZE)
                if words >= MIN_PARAGRAPH_WORDS
                else None
            )
            if sig is not None:
                paras.append(para)
                sigs.append(sig)
        per_doc.append(own)
    return ids, order, per_doc, paras, sigs


def _shared_bands(sigs: list[np.ndarray]) -> Iterator[list[int]]:
    """The LSH buckets holding two paragraphs or more: per band, the paragraphs whose four
    rows of the signature are equal (one sort per band, no Python loop over every paragraph)."""
    if not sigs:
        return
    bands = np.stack(sigs).reshape(len(sigs), MINHASH_BANDS, MINHASH_ROWS)
    for band in range(MINHASH_BANDS):
        rows = np.ascontiguousarray(bands[:, band, :])
        keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * MINHASH_ROWS))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1], True])
        for lo, hi in zip(starts[:-1], starts[1:], strict=True):
            if hi - lo > 1:
                yield sorted(order[lo:hi].tolist())


def _paragraph_groups(paras: list[_Para], sigs: list[np.ndarray], same: Callable) -> UnionFind:
    """Paragraphs of different documents joined when `same` says they are one (LSH buckets
    give the candidates: never all pairs)."""
    uf = UnionFind(range(len(paras)))
    for members in _shared_bands(sigs):
        for i in range(1, len(members)):
            b = members[i]
            for a in {members[0], members[i - 1]}:
                if paras[a][0] == paras[b][0] or uf.find(a) == uf.find(b):
                    continue
                if same(sigs[a], sigs[b]):
                    uf.attach(b, a)
    return uf


def find_copies(docs: Iterable[tuple[str, str, str | None]], rules: Rules = PASSAGE) -> list[Copy]:
    """Every copied passage: paragraphs (lines of at least 8 words) of one document that are
    near-duplicates of another's, each traced to the earliest published document holding it
    (ties: first seen), so two outlets running one wire story both copy the first to run it,
    not each other; a trimmed, re-headed or extended copy still matches paragraph by paragraph,
    and a block of paragraphs inside a longer article is a partial copy."""
    ids, order, per_doc, paras, sigs = _paragraph_signatures(docs)
    if not rules.enabled("passage-same-paragraph"):
        return []
    uf = _paragraph_groups(paras, sigs, rules["passage-same-paragraph"].fn)
    pick = _first_seen
    if REPUBLICATION.enabled("republication-earliest-original"):
        pick = REPUBLICATION["republication-earliest-original"].fn
    copied: dict[tuple[int, int], list[tuple[_Para, _Para]]] = defaultdict(list)
    for group in uf.groups().values():
        doc_of = {paras[p][0]: paras[p] for p in sorted(group, reverse=True)}
        if len(doc_of) < 2:
            continue
        original = pick(sorted(doc_of), order)
        for k, para in doc_of.items():
            if k != original:
                copied[(k, original)].append((para, doc_of[original]))
    found = []
    for (k, original), pairs in sorted(copied.items()):
        pairs.sort()
        numbers = [(c[1], o[1]) for c, o in pairs]
        if rules.enabled("passage-copied-block") and not rules["passage-copied-block"].fn(
            numbers, len(per_doc[original])
        ):
            continue
        body_words = sum(p[4] for p in per_doc[k])
        copied_words = sum(c[4] for c, _ in pairs)
        whole = rules.enabled("passage-whole-copy") and rules["passage-whole-copy"].fn(
            copied_words, body_words
        )
        found.append(
            Copy(
                copy_id=ids[k],
                original_id=ids[original],
                paragraphs=tuple(numbers),
                spans=tuple((c[2], c[3]) for c, _ in pairs),
                whole=bool(whole),
                rule="passage-whole-copy" if whole else "passage-copied-block",
            )
        )
    return found
