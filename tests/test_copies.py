"""Copies are not confirmations: the fictional corpus in tests/data/copies/.

Two wire stories each run by two outlets (one re-headed and trimmed with a paragraph of its
own, one with a sentence cut from a paragraph), an article pasted into a blog under a line of
comment, a block of one wire story inside a longer article, and one claim (the Vell bridge
closing) told by four outlets in their own words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.export import export
from presslens.pipeline import analyze
from presslens.store import Store

CORPUS = Path(__file__).parent / "data" / "copies" / "corpus.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("copies") / "copies.db"
    assert analyze([CORPUS], db).ok
    return db


@pytest.fixture(scope="module")
def store(db: Path) -> Store:
    return Store(db)


def _outlets(store: Store) -> dict[str, str]:
    return {d.id: d.outlet for d in store.iter_documents()}


def test_every_copy_is_recognised_with_its_original(store: Store) -> None:
    outlet = _outlets(store)
    whole = {
        outlet[r["copy_id"]]: outlet[r["original_id"]]
        for r in store.iter_rows("republications", order_by="copy_id")
    }
    assert whole == {
        "Orlan Daily": "Tarsk Courier",
        "Velmora Ledger": "Harrow Post",
        "Fenwick Notes": "Brennic Times",
    }
    copied: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for row in store.iter_copied_passages():
        key = (outlet[row["copy_id"]], outlet[row["original_id"]])
        copied.setdefault(key, []).append((row["copy_paragraph"], row["original_paragraph"]))
    assert copied == {
        # the Courier's own last paragraph and the Daily's last two are not the wire's
        ("Orlan Daily", "Tarsk Courier"): [(0, 0), (1, 1), (2, 2), (3, 3)],
        ("Velmora Ledger", "Harrow Post"): [(0, 0), (1, 1), (2, 2)],
        ("Fenwick Notes", "Brennic Times"): [(1, 0), (2, 1), (3, 2), (4, 3)],
        # a partial copy: paragraphs 2 and 3 of a five-paragraph article
        ("Lowmarsh Herald", "Harrow Post"): [(2, 0), (3, 1)],
    }


def test_independent_counts_fold_every_copy_into_its_original(store: Store) -> None:
    clusters = list(store.iter_rows("claim_clusters"))
    shared = [c for c in clusters if c["independent_outlets"] >= 2]
    (bridge,) = shared
    assert "Vell bridge" in bridge["label"]
    assert bridge["independent_outlets"] == 4
    # the blog's pasted copy of the Brennic Times is there, and adds nothing
    assert bridge["outlets"] == [
        "Brennic Times",
        "Dunmore Gazette",
        "Fenwick Notes",
        "Lowmarsh Herald",
        "Quill Review",
    ]
    water = [c for c in clusters if "Harrowgate water board agreed" in c["label"]]
    (water_cluster,) = water
    assert water_cluster["outlets"] == ["Harrow Post", "Lowmarsh Herald", "Velmora Ledger"]
    assert water_cluster["independent_outlets"] == 1


def test_documents_export_what_they_copy(db: Path, tmp_path: Path) -> None:
    export(db, tmp_path, "jsonl")
    rows = [json.loads(line) for line in (tmp_path / "documents.jsonl").read_text().splitlines()]
    by_outlet = {r["outlet"]: r for r in rows}
    herald = by_outlet["Lowmarsh Herald"]
    assert herald["republished_from"] is None
    (copy,) = herald["copies"]
    assert copy["original_id"] == by_outlet["Harrow Post"]["id"]
    assert copy["paragraphs"] == [[2, 0], [3, 1]] and copy["whole"] is False
    assert by_outlet["Fenwick Notes"]["copies"][0]["whole"] is True
    assert by_outlet["Quill Review"]["copies"] == []


def test_event_clusters_count_copied_passages_once_and_show_differing_dates(db: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.api import create_app

    client = TestClient(create_app(db))
    events = client.get("/api/events", params={"limit": 500, "mentions": 50}).json()["items"]
    water = {"Harrow Post", "Lowmarsh Herald", "Velmora Ledger"}
    # the Herald tells the water charges only in the two paragraphs it copied from the Post
    told = [e for e in events if {m["outlet"] for m in e["mentions"]["items"]} == water]
    assert len(told) >= 3
    assert all(e["independent_outlets"] == 1 for e in told)
    # "agreed to raise ... from July" and "last raised charges in 2021" sit in one cluster:
    # the cluster says so rather than picking one date
    (raise_,) = [e for e in told if e["dates_differ"]]
    assert raise_["date"] == "2024-07"
    assert [(d["value"], d["outlets"]) for d in raise_["dates"]] == [
        ("2024-07", sorted(water)),
        ("2021", ["Harrow Post"]),
    ]
