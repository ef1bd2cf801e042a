"""ECB+ adapter: scorer arithmetic on invented chains, and dev floors when the set is present."""

import os
from pathlib import Path

import pytest

from bench.real.coref_scores import b_cubed, ceaf_e, conll_f1, hungarian_max, muc

SHARED = Path(
    os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
KEY = {"a": 1, "b": 1, "c": 2}  # {a,b},{c}
SPLIT = {"a": 1, "b": 2, "c": 2}  # {a},{b,c}


def test_muc_by_hand():
    assert muc(KEY, SPLIT).r == 0.0 and muc(KEY, SPLIT).p == 0.0
    assert muc(KEY, {"a": 1, "b": 1, "c": 1}).r == 1.0
    assert muc(KEY, {"a": 1, "b": 1, "c": 1}).p == pytest.approx(0.5)


def test_b_cubed_by_hand():
    s = b_cubed(KEY, SPLIT)
    assert s.p == pytest.approx(2 / 3) and s.r == pytest.approx(2 / 3)


def test_ceaf_e_by_hand():
    s = ceaf_e(KEY, SPLIT)  # φ({a,b},{a}) + φ({c},{b,c}) = 2/3 + 2/3 over 2 chains
    assert s.p == pytest.approx(2 / 3) and s.r == pytest.approx(2 / 3)
    assert conll_f1(KEY, SPLIT) == pytest.approx((0 + 2 / 3 + 2 / 3) / 3)


def test_hungarian_picks_best_assignment():
    assert hungarian_max([[1, 0.9], [0.9, 0]]) == pytest.approx(1.8)
    assert hungarian_max([[0.2, 0.5, 0.1]]) == pytest.approx(0.5)


def _article(rid: str, topic: str, entity_id: str) -> tuple[dict, object]:
    """An invented one-name article of `topic` whose name presslens resolved to `entity_id`."""
    from bench.real.ecbplus import Analysed, OffsetMap

    text = "Orla Venn spoke."
    gold = {"id": "1", "text": "Orla Venn", "type": "HUMAN_PART_PER", "validated": True}
    gold |= {"named": True, "chain": f"venn-{topic}", "head_start": 5, "head_end": 9}
    record = {"id": rid, "topic": topic, "text": text, "entity_mentions": [gold]}
    mention = {"id": "m", "entity_id": entity_id, "start": 0, "end": 9, "text": "Orla Venn"}
    return record, Analysed({"text": text}, [mention], offsets=OffsetMap(text, text))


def test_one_entity_id_in_two_topics_is_two_clusters():
    """Each topic is its own analysis: the same entity id in two of them is two entities."""
    from bench.real.ecbplus import response_clustering, score_mentions

    (ra, a), (rb, b) = _article("1_1", "1", "e1"), _article("2_1", "2", "e1")
    scored = score_mentions({"1": [ra], "2": [rb]}, {"1_1": a, "2_1": b}, "named")
    clusters = response_clustering(scored)
    assert clusters[("1_1", "1")] != clusters[("2_1", "1")]


def test_dev_floors():
    if not (SHARED / "ecbplus" / "dev.jsonl").exists():
        pytest.skip(f"ECB+ dev not found under {SHARED / 'ecbplus'}")
    from bench.real.ecbplus import run

    rows = {r.metric: r.value for r in run(SHARED, "dev")}
    floors = {
        "named-mention recall": 0.958,
        "name clusters B3 F1": 0.911,
        "name clusters CoNLL F1": 0.891,
        "name clusters on found mentions CoNLL F1": 0.913,
        "event-mention recall": 0.872,
        "event-mention precision (validated sentences)": 0.835,
        "event-mention clusters B3 F1": 0.776,
        "event-mention clusters CoNLL F1": 0.744,
        "event clusters B3 F1": 0.40,
        "event clusters CoNLL F1": 0.32,
        "event mention coverage": 0.76,
    }
    for metric, floor in floors.items():
        assert rows[metric] >= floor, (metric, rows[metric])
