"""PolNeAR benchmark: scorer arithmetic on invented spans, and dev floors when the set is present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.attribution import Gold, Pred, Scores

SHARED = Path(
    os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)

# measured on PolNeAR dev 2026-12-03 (bench/attribution.py): recall 0.925, speaker 0.952,
# reported 0.844, precision 0.971; floors only go up
DEV_FLOORS = {
    "direct-quote recall": 0.924,
    "speaker accuracy (named sources)": 0.951,
    "reported-speech recall": 0.844,
    "precision (all predicted quotes)": 0.970,
}


def _gold(start, end, source, direct=True, named=True):
    return Gold([(start, end)], [source] if source else [], direct, not direct, named)


def test_scores_by_hand():
    scores = Scores()
    gold = [
        _gold(0, 40, (50, 58, "Ilo Marsh")),  # found, speaker right by overlap
        _gold(60, 100, (110, 118, "Dala Venn")),  # found, wrong speaker
        _gold(120, 160, (170, 178, "Tam Vell")),  # half covered: still found
        _gold(200, 240, None, direct=False, named=False),  # reported speech, missed
    ]
    preds = [
        Pred(0, 40, (50, 58, "Ilo Marsh")),
        Pred(60, 100, (0, 8, "Ilo Marsh")),
        Pred(120, 140, (300, 304, "Vell")),  # right by surname
        Pred(400, 420, None),  # overlaps no attribution
    ]
    scores.add(gold, preds, "doc")
    assert (scores.n_direct, scores.found_direct) == (3, 3)
    assert (scores.n_named, scores.named_ok) == (3, 2)
    assert [g.source[0][2] for _, g, _ in scores.wrong] == ["Dala Venn"]
    assert (scores.n_reported, scores.found_reported) == (1, 0)
    assert scores.precision() == pytest.approx(3 / 4)


def test_a_prediction_covering_less_than_half_is_no_find():
    scores = Scores()
    scores.add([_gold(0, 100, (0, 4, "Vell"))], [Pred(0, 40, None)], "doc")
    assert scores.found_direct == 0 and scores.n_named == 0


def test_dev_floors():
    path = SHARED / "polnear" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"PolNeAR dev not found under {SHARED / 'polnear'} (set PRESSLENS_SHARED)")
    from bench.attribution import measure

    ours = measure(path, with_textacy=False)["ours"]
    values = {
        "direct-quote recall": ours.direct_recall(),
        "speaker accuracy (named sources)": ours.speaker_acc(),
        "reported-speech recall": ours.reported_recall(),
        "precision (all predicted quotes)": ours.precision(),
    }
    for metric, floor in DEV_FLOORS.items():
        assert values[metric] >= floor, (metric, values[metric])
