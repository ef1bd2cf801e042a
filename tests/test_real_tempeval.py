"""TempEval-3 adapter: scorer arithmetic on invented inputs, and floors on the real dev split."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.real import tempeval as T

SHARED = Path(
    os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)


def _timex(start, end, value, kind="DATE", text="x"):
    return {"start": start, "end": end, "value": value, "type": kind, "text": text}


def test_gold_range_at_each_precision():
    assert T.gold_range("2003-02-14") == ("2003-02-14", "2003-02-14")
    assert T.gold_range("2003-02-14TEV") == ("2003-02-14", "2003-02-14")
    assert T.gold_range("2004-02") == ("2004-02-01", "2004-02-29")
    assert T.gold_range("2003") == ("2003-01-01", "2003-12-31")
    assert T.gold_range("198") == ("1980-01-01", "1989-12-31")
    assert T.gold_range("198X") == ("1980-01-01", "1989-12-31")
    for value in ("2003-Q2", "2003-W07", "PAST_REF", "2003-SU", "XXXX-10", "19", "P1D"):
        assert T.gold_range(value) is None
    assert T.unscorable_kind("2003-Q2") == "quarter"
    assert T.unscorable_kind("FUTURE_REF") == "ref"
    assert T.unscorable_kind("XXXX-10") == "unanchored"


def test_score_document_counts_by_hand():
    timexes = [
        _timex(0, 5, "2003-02-14"),  # detected, right
        _timex(10, 15, "2003"),  # detected, stated as a day: wrong
        _timex(20, 25, "2003-Q1"),  # detected but unscorable
        _timex(30, 35, "2003-02"),  # missed
        _timex(40, 45, "2003-02-13T10:00", kind="TIME"),  # not counted in recall
    ]
    preds = [
        T.Pred(2, 4, ("2003-02-14", "2003-02-14")),
        T.Pred(12, 14, ("2003-05-01", "2003-05-01")),
        T.Pred(21, 23, ("2003-01-01", "2003-03-31")),
        T.Pred(41, 44, ("2003-02-13", "2003-02-13")),  # right against the TIME timex
        T.Pred(50, 55, ("2003-01-01", "2003-12-31")),  # no gold there
    ]
    tally = T.score_document(timexes, preds)
    assert (tally.gold, tally.detected, tally.correct) == (4, 3, 1)
    assert (tally.predicted, tally.predicted_correct) == (5, 2)
    assert tally.unscorable == {"quarter": 1}
    fig = tally.figures()
    assert fig["recall"] == pytest.approx(0.75)
    assert fig["accuracy"] == pytest.approx(0.25)
    assert fig["precision"] == pytest.approx(0.4)
    assert fig["f1"] == pytest.approx(2 * 0.4 * 0.25 / 0.65)


def test_tally_add_and_empty():
    a, b = T.Tally(gold=2, detected=1), T.Tally(gold=1, detected=1, predicted=3)
    a.add(b)
    assert (a.gold, a.detected, a.predicted) == (3, 2, 3)
    assert set(T.Tally().figures().values()) == {0.0}
    assert set(T.Tally().figures()) == {
        "recall",
        "accuracy",
        "precision",
        "f1",
        "value_accuracy",
        "value_precision",
        "value_f1",
    }


def test_timex_values_count_weeks_quarters_and_refs():
    timexes = [
        _timex(0, 5, "2003-Q1"),  # right by value
        _timex(10, 15, "PRESENT_REF"),  # right by value
        _timex(20, 25, "2003-W07"),  # right: "2003-W7" is the same week
        _timex(30, 35, "2003-WXX"),  # unknown digits: a miss
        _timex(40, 45, "2003-02-14"),  # right by range
    ]
    preds = [
        T.Pred(0, 5, ("2003-01-01", "2003-03-31"), "quarter", "2003-Q1"),
        T.Pred(10, 15, None, "ref", "PRESENT_REF"),
        T.Pred(20, 25, ("2003-02-10", "2003-02-16"), "week", "2003-W7"),
        T.Pred(30, 35, ("2003-02-03", "2003-02-09"), "week", "2003-W06"),
        T.Pred(40, 45, ("2003-02-14", "2003-02-14"), "day", "2003-02-14"),
    ]
    tally = T.score_document(timexes, preds)
    assert (tally.value_correct, tally.value_predicted, tally.value_predicted_correct) == (4, 5, 4)
    assert (tally.correct, tally.predicted, tally.predicted_correct) == (1, 1, 1)  # day only


def test_offset_map_finds_stored_text_and_aligns_changes():
    source = "Published: 2003-02-14\n\nHead\n\nBody text here."
    assert T.offset_map("Body text", source)[0] == source.index("Body")
    mapping = T.offset_map("Head Body text here.", source)
    assert mapping[5] == source.index("Body")
    assert T._mapped_span(mapping, 5, 9, 10) == (
        source.index("Body") - 10,
        source.index("Body") - 6,
    )


def test_header_and_split_are_fixed():
    assert T.header({"published": "2003-02-14", "title": ""}) == "Published: 2003-02-14\n\n"
    assert T.header({"published": "2003-02-14", "title": "T"}) == "Published: 2003-02-14\n\nT\n\n"
    assert T.is_dev_doc("a") == T.is_dev_doc("a")
    dev = sum(T.is_dev_doc(f"doc{n}") for n in range(400))
    assert 60 < dev < 140  # about a quarter


def test_error_kinds():
    assert T.expression_kind("Friday") == "weekday"
    assert T.expression_kind("the 1980s") == "decade"
    assert T.expression_kind("2003") == "bare year"
    assert T.expression_kind("last year") == "last/next/this unit"
    assert T.wrong_value_kind(("2003-02-14",) * 2, ("2003-01-01", "2003-12-31")) == (
        "coarser than gold"
    )
    assert T.wrong_value_kind(("2003-01-01", "2003-12-31"), ("2002-01-01", "2002-12-31")) == (
        "other year, same precision"
    )


def test_skipped_row_without_the_set(tmp_path):
    rows = T.run(tmp_path)
    assert len(rows) == 1 and rows[0].value is None and "skipped" in rows[0].note


def test_dev_floors():
    if not (SHARED / "tempeval3" / "train.jsonl").exists():
        pytest.skip(f"TempEval-3 set not found under {SHARED} (set PRESSLENS_SHARED)")
    rows = {r.metric: r for r in T.run(SHARED, "dev")}
    floors = {
        "date detection recall": 0.912,  # measured 0.916 (time mentions, dates.jsonl)
        "date value accuracy": 0.595,  # 0.598
        "date value F1": 0.71,  # 0.714
        "precision of stated dates": 0.88,  # 0.885
        "TIMEX value accuracy": 0.798,  # 0.801
        "TIMEX value precision": 0.809,  # 0.812
        "TIMEX value F1": 0.803,  # 0.806
    }
    for metric, floor in floors.items():
        assert rows[metric].value >= floor, (metric, rows[metric].value)
        assert rows[metric].baseline is not None


def test_error_examples_name_misses_wrong_values_and_spurious_mentions():
    text = "Vesk met Friday and again in May; talks resume now."
    doc = {
        "id": "doc-a",
        "published": "2031-05-10",
        "text": text,
        "timexes": [
            _timex(9, 15, "2031-05-09", text="Friday"),  # stated right
            _timex(29, 32, "2031-05", text="May"),  # stated as another year
            _timex(47, 50, "PRESENT_REF", text="now"),  # missed
        ],
    }
    preds = [
        T.Pred(9, 15, ("2031-05-09", "2031-05-09"), "day", "2031-05-09"),
        T.Pred(29, 32, ("2030-05-01", "2030-05-31"), "month", "2030-05"),
        T.Pred(34, 39, None, "ref", "PAST_REF"),  # no gold there
    ]
    out = T.error_examples(doc, preds)
    assert out["missed"] == [
        "doc-a 'now'=PRESENT_REF in 't Friday and again in May; talks resume now.'"
    ]
    assert out["wrong"] == ["doc-a 'May'=2031-05 <- 'May'=2030-05 (published 2031-05-10)"]
    assert [line.split(" (")[0] for line in out["spurious"]] == [
        "doc-a 'May'=2030-05",
        "doc-a 'talks'=PAST_REF",
    ]
