"""Which words are distinctive of one outlet against the rest: weighted log-odds with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", eq. 16 and 19).

For a word w, outlet i and the other outlets j, with counts y, totals n and prior counts a
(a_0 their sum):

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    z_w     = delta_w / sqrt(1 / (y_iw + a_w) + 1 / (y_jw + a_w))

The prior is the pooled counts of all outlets, so a word every outlet uses often gets no credit
for being frequent. The plain frequency ratio ((y_iw + 0.5) / n_i) / ((y_jw + 0.5) / n_j) sits
beside it, so a reader sees what the prior changes: a word used once by one outlet and never by
the others has a large ratio and a small z.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from ..models import FramingTerm

SMOOTHING = 0.5  # added to both counts of the plain ratio, so an unused word is no division by 0


def log_odds_z(counts_i: Counter, counts_j: Counter, prior: Counter) -> dict[str, float]:
    """z-score of each word of `counts_i`: group i against group j, prior counts `prior`.

    >>> z = log_odds_z(Counter(a=3, b=1), Counter(a=1, b=3), Counter(a=4, b=4))
    >>> round(z["a"], 3), round(z["b"], 3)
    (1.149, -1.149)
    """
    n_i, n_j, a0 = sum(counts_i.values()), sum(counts_j.values()), sum(prior.values())
    out = {}
    for word, y_i in counts_i.items():
        y_j, a = counts_j.get(word, 0), prior.get(word, 0)
        if a <= 0 or n_i + a0 - y_i - a <= 0 or n_j + a0 - y_j - a <= 0:
            continue  # a word outside the prior, or all of it: no odds against the other words
        delta = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log(
            (y_j + a) / (n_j + a0 - y_j - a)
        )
        out[word] = delta / math.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
    return out


def frequency_ratio(counts_i: Counter, counts_j: Counter) -> dict[str, float]:
    """The plain ratio of relative frequencies, each count smoothed by 0.5.

    >>> frequency_ratio(Counter(a=3, b=1), Counter(a=1, b=3))["a"]
    2.3333333333333335
    """
    n_i, n_j = sum(counts_i.values()) or 1, sum(counts_j.values()) or 1
    return {
        w: ((y + SMOOTHING) / n_i) / ((counts_j.get(w, 0) + SMOOTHING) / n_j)
        for w, y in counts_i.items()
    }


def distinctive_terms(rows: Iterable[FramingTerm], groups: dict[str, str] | None = None) -> None:
    """Set `z` and `ratio` on each row: its term's use by its outlet (or the outlet's group, as
    the user grouped outlets) against every other outlet, counted over all framing rows."""
    rows = list(rows)
    groups = groups or {}
    by_group: dict[str, Counter] = {}
    for row in rows:
        by_group.setdefault(groups.get(row.outlet, row.outlet), Counter())[row.term] += row.count
    if len(by_group) < 2:
        return
    prior: Counter = Counter()
    for counts in by_group.values():
        prior.update(counts)
    scores = {}
    for group, counts in by_group.items():
        rest = prior - counts
        scores[group] = (log_odds_z(counts, rest, prior), frequency_ratio(counts, rest))
    for row in rows:
        z, ratio = scores[groups.get(row.outlet, row.outlet)]
        row.z = round(z[row.term], 3) if row.term in z else None
        row.ratio = round(ratio[row.term], 3)
