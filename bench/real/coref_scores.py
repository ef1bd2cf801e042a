"""Coreference scorers: MUC, B-cubed, CEAF-e and their CoNLL mean, over two clusterings.

A clustering is a mapping mention → cluster label. Both sides must cover the same mentions: a
mention the system did not find is given its own singleton label by the caller (see
`bench/real/ecbplus.py`), so every score is over the gold mentions. Singletons are kept, as in
the ECB+ literature (Cybulska and Vossen 2015; Cattan et al. 2021): MUC ignores them by its
definition, B-cubed and CEAF-e count them.

Definitions (Vilain et al. 1995; Bagga and Baldwin 1998; Luo 2005; Pradhan et al. 2014):
- MUC recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), p(K) the parts of key chain K cut by the
  response; precision the same with key and response swapped.
- B-cubed: per mention m, P = |K(m) ∩ R(m)| / |R(m)| and R = |K(m) ∩ R(m)| / |K(m)|, averaged
  over the mentions.
- CEAF-e: φ(K, R) = 2|K ∩ R| / (|K| + |R|); the best one-to-one alignment of key and response
  chains gives Φ; recall = Φ / #key chains, precision = Φ / #response chains.
- CoNLL F1 = mean of the three F1s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

Clustering = Mapping[Hashable, Hashable]  # mention → cluster label


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    p: float
    r: float

    @property
    def f1(self) -> float:
        """Harmonic mean of p and r (0 when both are 0)."""
        return 0.0 if self.p + self.r == 0 else 2 * self.p * self.r / (self.p + self.r)


def chains(clustering: Clustering) -> list[frozenset]:
    """The clusters of a clustering as sets of mentions, in a stable order."""
    groups: dict[Hashable, set] = defaultdict(set)
    for mention, label in clustering.items():
        groups[label].add(mention)
    return [frozenset(g) for _, g in sorted(groups.items(), key=lambda kv: str(kv[0]))]


def _check(key: Clustering, response: Clustering) -> None:
    if set(key) != set(response):
        raise ValueError("key and response must cover the same mentions")


def _muc_side(key: Clustering, response: Clustering) -> float:
    """MUC recall of `response` against `key` (precision when the two are swapped)."""
    num = den = 0
    for chain in chains(key):
        parts = {response[m] for m in chain}
        num += len(chain) - len(parts)
        den += len(chain) - 1
    return num / den if den else 0.0


def muc(key: Clustering, response: Clustering) -> PRF:
    """MUC link-based precision and recall."""
    _check(key, response)
    return PRF(_muc_side(response, key), _muc_side(key, response))


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    """B-cubed mention-averaged precision and recall."""
    _check(key, response)
    if not key:
        return PRF(0.0, 0.0)
    key_of = {m: c for c in chains(key) for m in c}
    resp_of = {m: c for c in chains(response) for m in c}
    p = r = 0.0
    for m in key:
        shared = len(key_of[m] & resp_of[m])
        p += shared / len(resp_of[m])
        r += shared / len(key_of[m])
    return PRF(p / len(key), r / len(key))


def hungarian_max(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Kuhn-Munkres).

    `weights` is a rectangular matrix of non-negative numbers; rows or columns may stay unassigned
    when the matrix is not square (padded with zeros).
    """
    n_rows, n_cols = len(weights), len(weights[0]) if weights else 0
    n = max(n_rows, n_cols)
    if n == 0:
        return 0.0
    top = max((w for row in weights for w in row), default=0.0)
    cost = [
        [top - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)]
        for i in range(n)
    ]
    match_col = _assign_min(cost)
    return sum(
        weights[i][j] for j, i in enumerate(match_col) if i < n_rows and j < n_cols and i >= 0
    )


def _assign_min(cost: list[list[float]]) -> list[int]:
    """Row assigned to each column in a minimum-cost perfect matching of a square matrix."""
    n = len(cost)
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    row_of = [0] * (n + 1)  # column j (1-based) → row (1-based), 0 = free
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        row_of[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while row_of[j0]:
            used[j0] = True
            i0, delta, j1 = row_of[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return [row_of[j] - 1 for j in range(1, n + 1)]


def _components(keys: list[frozenset], resps: list[frozenset]) -> list[tuple[list, list]]:
    """Groups of (key indices, response indices) linked by shared mentions; aligned separately."""
    resp_of = {m: j for j, c in enumerate(resps) for m in c}
    seen_k: set[int] = set()
    out = []
    key_of = {m: i for i, c in enumerate(keys) for m in c}
    for start in range(len(keys)):
        if start in seen_k:
            continue
        ks, rs, todo = {start}, set(), [start]
        while todo:
            i = todo.pop()
            for j in {resp_of[m] for m in keys[i]} - rs:
                rs.add(j)
                for i2 in {key_of[m] for m in resps[j]} - ks:
                    ks.add(i2)
                    todo.append(i2)
        seen_k |= ks
        out.append((sorted(ks), sorted(rs)))
    return out


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    """Entity-based CEAF (φ4 similarity) precision and recall."""
    _check(key, response)
    keys, resps = chains(key), chains(response)
    if not keys:
        return PRF(0.0, 0.0)
    total = 0.0
    for ks, rs in _components(keys, resps):
        weights = [
            [2 * len(keys[i] & resps[j]) / (len(keys[i]) + len(resps[j])) for j in rs] for i in ks
        ]
        total += hungarian_max(weights)
    return PRF(total / len(resps), total / len(keys))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """CoNLL F1: the mean of the MUC, B-cubed and CEAF-e F1s."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3
