"""Re-published copies: a wire story run by five sites is one telling, not five.

Documents whose bodies are near-duplicates are joined (`republication-near-duplicate`) and
each group's original is chosen (`republication-earliest-original`); only a MinHash signature
per document is kept, never its text.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable

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


def _shingle_hashes(text: str) -> np.ndarray:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    if len(words) < SHINGLE_SIZE:
        grams = [" ".join(words)]
    else:
        grams = list(
            {" ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)}
        )
    return np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )


def _minhash(text: str) -> np.ndarray | None:
    """A 128-value MinHash signature: all that is kept of a document."""
    hashes = _shingle_hashes(text)
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
    docs: Iterable[tuple[str, str, str | None]], rules: Rules = REPUBLICATION
) -> dict[str, str]:
    """Map each re-published copy to its original: near-duplicate bodies (estimated Jaccard of
    word 5-gram shingles >= 0.6), original = earliest published (ties: first seen).

    MinHash + LSH banding finds candidate pairs without comparing all pairs; only a signature
    per document is kept, never its text.
    """
    ids, sigs, order, buckets = _signatures(docs)
    if not rules.enabled("republication-near-duplicate"):
        return {}
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
