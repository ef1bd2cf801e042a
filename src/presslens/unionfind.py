"""One union-find (disjoint sets) for every stage that groups things: names, claims, copies.

>>> uf = UnionFind()
>>> uf.union("b", "a"), uf.find("b")
(True, 'a')
>>> uf.attach("c", "b"); uf.find("c")
'a'
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any


class UnionFind:
    """Disjoint sets over hashable keys, with path compression; keys are added on first use."""

    def __init__(self, keys: Iterable[Hashable] = ()) -> None:
        self.parent: dict[Any, Any] = {}
        for key in keys:
            self.add(key)

    def add(self, x: Hashable) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: Hashable) -> Any:
        parent = self.parent
        try:
            up = parent[x]
        except KeyError:
            parent[x] = x
            return x
        while up != x:  # path halving: every other node on the way points to its grandparent
            grand = parent[up]
            parent[x] = grand
            x, up = grand, parent[grand]
        return x

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Join the sets of a and b under the smaller root; False when already one set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def attach(self, child: Hashable, to: Hashable) -> None:
        """Join child's set under the root of `to` (the root that stays is `to`'s)."""
        rc, rt = self.find(child), self.find(to)
        if rc != rt:
            self.parent[rc] = rt

    def groups(self) -> dict[Any, list[Any]]:
        """{root: its keys, in the order they were added}."""
        out: dict[Any, list[Any]] = {}
        for key in self.parent:
            out.setdefault(self.find(key), []).append(key)
        return out
