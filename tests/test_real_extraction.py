"""Real pages (the shared article-extraction set): article bodies and page metadata above floors.

Floors are set a little below what was measured (README, "Real news"); they only go up. The
pasted-text figures are on the dev quarter of the pages, which the line model never saw.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

from bench.real import extraction  # noqa: E402

# (split, metric) → floor
FLOORS = {
    ("dev", "HTML shingle f1"): 0.98,
    ("dev", "pasted text shingle f1"): 0.94,
    ("dev", "pasted text shingle recall"): 0.97,
    ("dev", "pasted text published right"): 0.65,
    ("dev", "pasted text outlet right"): 0.64,
    ("all", "HTML shingle f1"): 0.965,
    ("all", "HTML outlet right"): 0.98,
    ("all", "HTML published right"): 0.88,
}


@pytest.fixture(scope="module")
def rows() -> dict:
    if not (SHARED / "article-extraction" / "gold.json").exists():
        pytest.skip(f"{SHARED}/article-extraction not found: real-page floors not checked")
    out = {}
    for split in ("dev", "all"):
        for row in extraction.run(SHARED, split):
            out[(split, row.metric)] = row
    return out


@pytest.mark.parametrize("key", sorted(FLOORS), ids=lambda k: f"{k[0]}: {k[1]}")
def test_real_pages_at_or_above_floor(rows, key) -> None:
    assert rows[key].value >= FLOORS[key], f"{key}: {rows[key].value:.3f} < {FLOORS[key]}"


def test_html_at_least_trafilatura_on_dev_pages(rows) -> None:
    row = rows[("dev", "HTML shingle f1")]
    assert row.value >= row.baseline, f"presslens {row.value:.3f} < trafilatura {row.baseline:.3f}"


def test_shingle_scoring_on_invented_text() -> None:
    # 5 tokens → 2 gold shingles; the prediction has one of them and nothing else.
    assert extraction.shingle_match("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    scores = extraction.benchmark_scores([(0.5, 0.0, 0.5), (1.0, 0.0, 0.0)])
    assert scores["precision"] == 1.0 and scores["recall"] == 0.75
    assert round(scores["f1"], 4) == round(2 * 0.75 / 1.75, 4)


def test_outlet_names_compare_without_case_article_or_domain() -> None:
    assert extraction.same_outlet("The Vessa Courier", "vessa courier")
    assert extraction.same_outlet("vessacourier.com", "Vessa Courier")
    assert not extraction.same_outlet("Vessa Courier", "Vessa Herald")
    assert not extraction.same_outlet(None, "Vessa Courier")


def test_gold_lines_are_the_lines_whose_words_are_in_the_article() -> None:
    gold = "The harbour of Vessa reopened on Monday.\nThe cranes were repaired by the port."
    lines = [
        "Home",
        "The harbour of Vessa reopened on Monday.",
        "The cranes were repaired",
        "Sport",
    ]
    assert extraction.gold_line_labels(lines, gold) == [False, True, True, False]
