"""presslens eval on the example corpus, with floors set from measured scores (raise them, never lower)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.evaluate import bcubed, evaluate

from .conftest import GOLD

ROOT = GOLD.parent
HELDOUT = ROOT / "heldout" / "gold.json"

# Floors measured with `presslens eval` (see README "Accuracy"). A floor only ever goes up:
# never lower one to make a test pass; fix the code or report the gap.
FLOORS = {
    "examples": {
        "documents found": 1.0,
        "metadata: outlet": 1.0,
        "metadata: title": 1.0,
        "metadata: published": 1.0,
        "metadata: authors": 1.0,
        "body: kept": 1.0,
        "body: cleaned": 1.0,
        "comments separated": 1.0,
        "quotes: recall": 1.0,
        "quotes: precision": 0.97,
        "quotes: speaker accuracy": 0.96,
        "entities: clusters complete": 1.0,
        "entities: B-cubed F1": 1.0,
        "events: recall": 1.0,
        "claims: cross-outlet recall": 1.0,
        "claims: independent outlets right": 0.8,
        "framing: term recall": 1.0,
    },
    # held-out A: written after the extractors; first blind run in the README, then used to
    # find general failure patterns (so no longer blind).
    "heldout": {
        "documents found": 1.0,
        "metadata: outlet": 1.0,
        "metadata: title": 1.0,
        "metadata: published": 1.0,
        "metadata: authors": 1.0,
        "body: kept": 1.0,
        "body: cleaned": 1.0,
        "comments separated": 1.0,
        "quotes: recall": 0.94,
        "quotes: precision": 0.97,
        "quotes: speaker accuracy": 0.94,
        "entities: clusters complete": 1.0,
        "entities: B-cubed F1": 1.0,
        "events: recall": 0.82,
        "framing: term recall": 0.81,
        "claims: outlet coverage of best cluster": 0.86,
        "claims: cross-outlet recall": 0.66,
        "claims: independent outlets right": 1.0,
    },
    # held-out B: written blind (nobody read the code or its results); its blind entity score
    # (0.924) is in the README; from round three its entity errors were used to tune.
    "heldout-b": {
        "documents found": 1.0,
        "metadata: outlet": 1.0,
        "metadata: title": 0.83,
        "metadata: published": 0.83,
        "body: kept": 1.0,
        "body: cleaned": 0.86,
        "comments separated": 1.0,
        "quotes: recall": 0.91,
        "quotes: precision": 0.97,
        "quotes: speaker accuracy": 0.90,
        "entities: B-cubed F1": 0.98,
        "entities: B-cubed precision": 1.0,
        "events: recall": 0.61,
        "claims: outlet coverage of best cluster": 0.71,
    },
    # dev2: a development set written by a helper who did not read the code; tuned on.
    "dev2": {
        "documents found": 1.0,
        "metadata: outlet": 1.0,
        "metadata: title": 0.87,
        "body: kept": 1.0,
        "body: cleaned": 0.77,
        "comments separated": 1.0,
        "quotes: recall": 0.95,
        "quotes: precision": 0.94,
        "quotes: speaker accuracy": 0.86,
        "entities: B-cubed F1": 0.97,
        "entities: B-cubed precision": 1.0,
        "framing: term recall": 0.5,
        "events: recall": 0.75,
        "claims: cross-outlet recall": 0.75,
        "claims: independent outlets right": 1.0,
        "claims: outlet coverage of best cluster": 0.78,
    },
    # held-out C: written blind after dev2, never looked at; blind first run in the README.
    "heldout-c": {
        "documents found": 1.0,
        "metadata: outlet": 1.0,
        "body: kept": 1.0,
        "body: cleaned": 0.76,
        "comments separated": 1.0,
        "quotes: recall": 0.92,
        "quotes: precision": 0.94,
        "quotes: speaker accuracy": 0.73,
        "entities: B-cubed F1": 0.97,
        "entities: B-cubed precision": 1.0,
        "events: recall": 0.75,
        "claims: cross-outlet recall": 0.75,
        "claims: independent outlets right": 1.0,
        "claims: outlet coverage of best cluster": 0.93,
    },
    # dev3: a third development set (an election count), written by a helper who did not read
    # the code; tuned on after its first run.
    "dev3": {
        "documents found": 1.0,
        "metadata: outlet": 0.87,
        "metadata: title": 0.87,
        "body: kept": 1.0,
        "body: cleaned": 0.76,
        "comments separated": 0.81,
        "quotes: recall": 0.97,
        "quotes: precision": 0.92,
        "quotes: speaker accuracy": 0.83,
        "entities: B-cubed F1": 0.944,
        "entities: B-cubed precision": 1.0,
        "claims: cross-outlet recall": 0.25,
        "claims: outlet coverage of best cluster": 0.66,
    },
    # dev4: a development set (a prison break) with hard entity naming, written by a helper who
    # did not read the code; tuned on after its first run.
    "dev4": {
        "documents found": 1.0,
        "metadata: outlet": 1.0,
        "metadata: title": 1.0,
        "body: kept": 1.0,
        "body: cleaned": 0.81,
        "comments separated": 1.0,
        "quotes: recall": 0.93,
        "quotes: precision": 0.91,
        "quotes: speaker accuracy": 0.82,
        "entities: B-cubed F1": 0.96,
        "entities: B-cubed precision": 1.0,
        "claims: cross-outlet recall": 0.25,
        "claims: independent outlets right": 1.0,
        "claims: outlet coverage of best cluster": 0.55,
        "events: recall": 0.72,
    },
    # held-out D: written blind after dev3, never looked at; blind first run in the README.
    "heldout-d": {
        "documents found": 1.0,
        "metadata: outlet": 0.87,
        "metadata: title": 0.75,
        "body: kept": 1.0,
        "body: cleaned": 0.6,
        "comments separated": 1.0,
        "quotes: recall": 0.91,
        "quotes: precision": 0.94,
        "quotes: speaker accuracy": 0.81,
        "entities: B-cubed F1": 0.94,
        "entities: B-cubed precision": 1.0,
        "claims: outlet coverage of best cluster": 0.66,
        "events: recall": 0.82,
    },
}
HELDOUT_B = ROOT / "heldout-b" / "gold.json"
GOLD_FILES = {
    "examples": GOLD,
    "heldout": HELDOUT,
    "heldout-b": HELDOUT_B,
    "dev2": ROOT / "dev2" / "gold.json",
    "dev3": ROOT / "dev3" / "gold.json",
    "heldout-c": ROOT / "heldout-c" / "gold.json",
    "dev4": ROOT / "dev4" / "gold.json",
    "heldout-d": ROOT / "heldout-d" / "gold.json",
}


@pytest.fixture(scope="module")
def reports(corpus_db: Path, tmp_path_factory) -> dict:
    from presslens.pipeline import analyze

    reports = {"examples": evaluate(GOLD, corpus_db)}
    for name in ("heldout", "heldout-b", "dev2", "dev3", "heldout-c", "dev4", "heldout-d"):
        db = tmp_path_factory.mktemp(name) / "h.db"
        analyze([GOLD_FILES[name].parent / "corpus"], db)
        reports[name] = evaluate(GOLD_FILES[name], db)
    return reports


@pytest.mark.parametrize(
    "gold_set, metric", [(g, m) for g, floors in FLOORS.items() for m in sorted(floors)]
)
def test_score_is_at_or_above_its_floor(reports, gold_set: str, metric: str) -> None:
    report = reports[gold_set]
    value = report.get(metric)
    assert value is not None, f"{metric} was not measured"
    misses = report.scores[metric].misses[:5] if metric in report.scores else ""
    assert value >= FLOORS[gold_set][metric], (
        f"{gold_set} {metric} = {value:.3f} < {FLOORS[gold_set][metric]}: {misses}"
    )


@pytest.mark.parametrize("gold_set", sorted(GOLD_FILES))
def test_no_must_not_merge_pair_is_merged(reports, gold_set: str) -> None:
    report = reports[gold_set]
    assert report.get("entities: must-not-merge violations") == 0, report.scores[
        "entities: must-not-merge kept apart"
    ].misses


def test_resolver_beats_both_baselines(reports) -> None:
    for report in reports.values():
        ours = report.get("entities: B-cubed F1")
        assert (
            ours
            > report.get("entities (simple baseline): B-cubed F1")
            > report.get("entities (exact baseline): B-cubed F1")
        )


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


def test_gold_labels_use_the_title_before_a_shared_surname():
    from presslens.evaluate import _alias_owners, _gold_labels
    from presslens.models import Mention

    clusters = [
        {"name": "Arslan Kerimzade", "aliases": ["Arslan Kerimzade", "Kerimzade"]},
        {"name": "Lale Kerimzade", "aliases": ["Lale Kerimzade", "Dr Kerimzade"]},
    ]
    doctor = Mention("m1", "d", 0, 9, "Kerimzade", "PERSON", descriptor="Dr")
    bare = Mention("m2", "d", 20, 29, "Kerimzade", "PERSON")
    labels = _gold_labels([doctor, bare], _alias_owners(clusters))
    assert labels == {"m1": "Lale Kerimzade", "m2": "Arslan Kerimzade"}
