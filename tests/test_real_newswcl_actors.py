"""NewsWCL50 actor grouping (skipped without the shared set) and its matching of gold to mentions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.real.ecbplus import OffsetMap
from bench.real.newswcl_actors import response_of, run, single_actor

SHARED = Path(
    os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
FLOORS = {
    "actor mention coverage": 0.96,
    "actor grouping B3 F1 (single actors)": 0.92,
    "actor grouping B3 F1 (all concepts)": 0.60,
}


def test_dev_figures_stay_above_floors() -> None:
    if not (SHARED / "newswcl50" / "dev.jsonl").is_file():
        pytest.skip(f"{SHARED / 'newswcl50' / 'dev.jsonl'} not found")
    rows = {r.metric: r for r in run(SHARED, "dev")}
    for metric, floor in FLOORS.items():
        assert rows[metric].value >= floor, (metric, rows[metric])


def test_a_gold_mention_takes_the_entity_of_the_mention_overlapping_it_most() -> None:
    source = "Headline\n\nMinister Ilan Vesk spoke to Vesk aides."
    stored = source[len("Headline\n\n") :]
    offsets = OffsetMap(source, stored)
    mentions = [
        {"id": "m1", "start": 9, "end": 18, "entity_id": "e-vesk"},  # "Ilan Vesk"
        {"id": "m2", "start": 28, "end": 32, "entity_id": None},  # "Vesk" in "Vesk aides"
    ]
    gold = {"start": source.index("Ilan"), "end": source.index("Ilan") + 9}
    assert response_of(gold, offsets, mentions) == "e-vesk"
    second = source.index("Vesk aides")
    assert response_of({"start": second, "end": second + 4}, offsets, mentions) == "m2"
    assert response_of({"start": 0, "end": 8}, offsets, mentions) is None  # the removed headline


def test_single_actor_concepts_are_people_not_buckets() -> None:
    assert single_actor({"concept": "KSR\\Vesk", "concept_type": "ACTOR"})
    assert not single_actor({"concept": "KSR\\KSR-I", "concept_type": "ACTOR"})
    assert not single_actor({"concept": "KSR", "concept_type": "COUNTRY"})


def test_the_mention_at_the_head_of_a_gold_span_wins_over_a_longer_modifier() -> None:
    source = "Tolvanese Minister Ilan Vesk spoke."
    offsets = OffsetMap(source, source)
    mentions = [
        {"id": "m1", "start": 0, "end": 9, "entity_id": "e-tolvanese"},  # "Tolvanese"
        {"id": "m2", "start": 19, "end": 28, "entity_id": "e-vesk"},  # "Ilan Vesk"
    ]
    assert response_of({"start": 0, "end": 28}, offsets, mentions) == "e-vesk"
