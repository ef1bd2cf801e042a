"""What the learners of word lists share: which lemmas a train split marks often enough.

    from learned_lemmas import learned_rows, train_records

Each learner counts, per (lemma, kind), how often the split marks it and how often it occurs,
then keeps the lemmas over both thresholds that its hand-written lists do not already take.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path


def train_records(shared: Path, dataset: str) -> list[dict] | None:
    """The records of `shared/<dataset>/train.jsonl`, or None after one line saying it is
    missing (the learners read train splits only)."""
    path = shared / dataset / "train.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found ({dataset} train split)", file=sys.stderr)
        return None
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def learned_rows(
    seen: Counter,
    marked: Counter,
    min_marked: int,
    min_share: float,
    taken: Callable[[str, str], bool],
    word_ok: Callable[[str], bool] = str.isalpha,
) -> list[tuple[str, str, int, int]]:
    """(lemma, kind, marked, seen) of every lemma marked at least `min_marked` times and in at
    least `min_share` of its uses, spelt as a word, that `taken` (the hand lists) does not hold.

    >>> learned_rows(Counter({("raid", "noun"): 4, ("table", "noun"): 9}),
    ...              Counter({("raid", "noun"): 3, ("table", "noun"): 1}), 2, 0.5, lambda l, k: False)
    [('raid', 'noun', 3, 4)]
    """
    rows = []
    for (lemma, kind), n in sorted(seen.items()):
        hits = marked[(lemma, kind)]
        if hits < min_marked or hits / n < min_share or not word_ok(lemma):
            continue
        if not taken(lemma, kind):
            rows.append((lemma, kind, hits, n))
    return rows
