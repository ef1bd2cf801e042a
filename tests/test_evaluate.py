"""presslens eval on the example corpus, with floors set from measured scores (raise them, never lower)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.evaluate import bcubed, evaluate

from .conftest import GOLD

# Measured on the example corpus; see README "Accuracy". A floor only ever goes up.
FLOORS = {
    "documents found": 1.0,
}


@pytest.fixture(scope="module")
def report(corpus_db: Path):
    return evaluate(GOLD, corpus_db)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_is_at_or_above_its_floor(report, metric: str) -> None:
    value = report.get(metric)
    assert value is not None, f"{metric} was not measured"
    assert value >= FLOORS[metric], f"{metric} = {value:.3f} < floor {FLOORS[metric]}: {report.scores.get(metric).misses[:5] if metric in report.scores else ''}"


def test_bcubed_on_a_small_example() -> None:
    labels = {"m1": "A", "m2": "A", "m3": "B"}
    assert bcubed(labels, {"m1": "x", "m2": "x", "m3": "y"}) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(labels, {"m1": "x", "m2": "x", "m3": "x"})
    assert round(p, 3) == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 3) and r == 1.0


def test_quotes_beat_textacy_on_every_kind_it_supports(corpus_db: Path) -> None:
    """textacy's direct_quotations finds quote-mark quotes (direct, and mixed fragments) only."""
    report = evaluate(GOLD, corpus_db, baseline=True)
    for kind in ("direct", "mixed"):
        for metric in (f"quotes: recall ({kind})", f"quotes: speaker accuracy ({kind})"):
            ours, theirs = report.get(metric), report.get("textacy " + metric)
            assert ours is not None and theirs is not None
            assert ours > theirs, f"{metric}: presslens {ours:.3f} <= textacy {theirs:.3f}"
