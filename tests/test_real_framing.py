"""The framing adapter on NewsWCL50 and BASIL dev (skipped without the shared sets), and its scorer."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from bench.real.framing_sets import (
    TermRow,
    found_gold,
    inside_quotes,
    locate_term,
    log_odds_z,
    normalise,
    on_span,
    run_set,
)

SHARED = Path(
    os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
FLOORS = {
    "newswcl50": {"framing-term recall": 0.69, "framing precision": 0.86},
    "basil": {"framing-term recall": 0.65, "framing precision": 0.020},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_figures_stay_above_floors(name: str) -> None:
    if not (SHARED / name / "dev.jsonl").is_file():
        pytest.skip(f"{SHARED / name / 'dev.jsonl'} not found")
    rows = {r.metric: r for r in run_set(name, SHARED, "dev")}
    for metric, floor in FLOORS[name].items():
        assert rows[metric].value >= floor, (metric, rows[metric])
    assert rows["rows inside quotes (share)"].value <= 0.05


def test_normalise_and_quotes() -> None:
    assert normalise("The Grim Warden,") == "grim warden"
    text = 'Tal said "the tyrant Vorn" left.\nThe tyrant Vorn'
    assert inside_quotes(text, text.index("tyrant"))
    assert not inside_quotes(text, text.rindex("tyrant"))


def test_locate_term_takes_the_nearest_occurrence() -> None:
    text = "warden Ulm met the grim warden Ulm"
    assert locate_term(text, "grim warden", 31, 34) == [(19, 30)]


def test_recall_and_precision_arithmetic() -> None:
    gold = [
        {"doc_id": "d", "outlet": "A", "start": 0, "end": 5, "text": "alpha"},
        {"doc_id": "d", "outlet": "A", "start": 10, "end": 15, "text": "The beta"},
        {"doc_id": "d", "outlet": "B", "start": 20, "end": 25, "text": "gamma"},
    ]
    rows = [TermRow("A", "x", "d", [(3, 7)]), TermRow("A", "beta", "d", [(40, 44)])]
    assert found_gold(gold, rows) == [True, True, False]
    assert on_span(rows, {"d": [(0, 5), (10, 15)]}) == [True, False]


def test_log_odds_favours_the_group_that_uses_a_word_more() -> None:
    z = log_odds_z(Counter(a=8, b=2), Counter(a=2, b=8), Counter(a=10, b=10))
    assert z["a"] > 0 > z["b"]
    assert z["a"] == pytest.approx(-z["b"])
