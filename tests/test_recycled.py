"""Recycled quotes end to end: old words of the same speaker told again years later are marked
with their first appearance; a copy of the old article is a copy, not a recycling."""

from __future__ import annotations

import json
from pathlib import Path

from presslens.export import export
from presslens.pipeline import analyze

WORDS = '"The Vell bridge will reopen before the first snow falls," said Mayor Ilse Marrow.'
FIRST = {
    "outlet": "Harl Times",
    "published": "2021-03-02",
    "title": "Vell bridge shut",
    "text": "The Vell bridge was closed on Monday after cracks were found in its piers.\n\n"
    + WORDS
    + "\n\nEngineers from Lowmarsh began surveying the piers on Tuesday.",
}
LATER = {
    "outlet": "Brisk Post",
    "published": "2024-05-06",
    "title": "Vell bridge still closed",
    "text": "Three years on, the Vell bridge remains closed to traffic.\n\n"
    "Back then, the mayor was confident. "
    + WORDS
    + "\n\nThe council will vote on a new repair budget in June, officials said.",
}
COPY = {
    **FIRST,
    "outlet": "Tarn Ledger",
    "published": "2024-05-07",
    "title": "From the archive",
    "text": FIRST["text"] + "\n\nThis report first ran in March 2021.",
}


def test_a_quote_told_again_years_later_names_its_first_appearance(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in (FIRST, LATER, COPY)), "utf-8")
    db = tmp_path / "story.db"
    assert analyze([corpus], db).ok
    export(db, tmp_path / "out", "jsonl")
    out = tmp_path / "out"
    docs = {d["id"]: d for d in map(json.loads, (out / "documents.jsonl").open())}
    outlet = {doc_id: d["outlet"] for doc_id, d in docs.items()}
    quotes = [json.loads(line) for line in (out / "quotes.jsonl").open()]
    bridge = [q for q in quotes if "before the first snow falls" in q["text"]]
    told = sorted(outlet[q["doc_id"]] for q in bridge)
    assert told == ["Brisk Post", "Harl Times", "Tarn Ledger"]
    by_outlet = {outlet[q["doc_id"]]: q for q in bridge}
    recycled = by_outlet["Brisk Post"]["recycled_from"]
    first = by_outlet["Harl Times"]
    assert recycled == {
        "quote_id": first["id"],
        "doc_id": first["doc_id"],
        "published": "2021-03-02",
        "days_later": 1161,
        "rule": "recycled-quote",
    }
    assert first["recycled_from"] is None
    # the Ledger re-publishes the 2021 article whole: its quote is a copy, not a recycling
    assert docs[by_outlet["Tarn Ledger"]["doc_id"]]["republished_from"] == first["doc_id"]
    assert by_outlet["Tarn Ledger"]["recycled_from"] is None


def test_the_api_and_the_quote_explorer_show_the_first_appearance(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.api import create_app

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in (FIRST, LATER)), "utf-8")
    db = tmp_path / "story.db"
    assert analyze([corpus], db).ok
    client = TestClient(create_app(db))
    quotes = client.get("/api/quotes", params={"limit": 50}).json()["items"]
    (later,) = [q for q in quotes if q["recycled_from"]]
    assert later["outlet"] == "Brisk Post" and later["recycled_from"]["published"] == "2021-03-02"
    page = client.get("/quotes").text
    assert "recycled: first reported 2021-03-02, 1161 days before" in page
