"""Pages read from the store (claims, event mentions, mentions, quotes, framing examples): every
row exactly once across pages, in the documented order, whatever the page size."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presslens.api import corpus as api_corpus
from presslens.api import create_app
from presslens.store import Store


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(corpus_db))


def walk(client: TestClient, url: str) -> tuple[int, list[dict]]:
    body = client.get(url).json()
    total, items = body["total"], list(body["items"])
    while body["next"]:
        body = client.get(body["next"]).json()
        items += body["items"]
    return total, items


def story_key(client: TestClient):
    published = {d["id"]: d["published"] for d in walk(client, "/api/documents?limit=500")[1]}
    return lambda row: (published[row["doc_id"]] or "9999", row["doc_id"], row["start"], row["id"])


@pytest.mark.parametrize(
    "path, table", [("/api/claims", "claims"), ("/api/event-mentions", "events")]
)
def test_small_pages_cover_every_row_once_in_the_story_order(
    client: TestClient, corpus_db: Path, path: str, table: str
) -> None:
    total, items = walk(client, f"{path}?limit=7")
    assert total == len(items) == Store(corpus_db).count(table) > 7
    assert len({row["id"] for row in items}) == total
    assert items == sorted(items, key=story_key(client))
    _, big = walk(client, f"{path}?limit=500")
    assert [row["id"] for row in big] == [row["id"] for row in items]


def test_a_cluster_lists_its_claims_by_id(client: TestClient) -> None:
    cluster = max(walk(client, "/api/clusters?limit=500")[1], key=lambda c: len(c["claim_ids"]))
    total, claims = walk(client, f"/api/claims?cluster={cluster['id']}&limit=2")
    assert total == len(cluster["claim_ids"]) >= 2
    assert [c["id"] for c in claims] == cluster["claim_ids"] == sorted(cluster["claim_ids"])
    assert client.get("/api/claims?cluster=no-such-cluster").json()["total"] == 0


def test_an_event_past_its_kept_head_reads_the_same_mentions(
    client: TestClient, corpus_db: Path, monkeypatch
) -> None:
    event = max(walk(client, "/api/events?limit=500")[1], key=lambda e: e["mention_count"])
    assert event["mention_count"] >= 3
    monkeypatch.setattr(api_corpus, "HEAD", 1)  # a fresh app keeps one id per event
    short = TestClient(create_app(corpus_db)).get(f"/api/events/{event['id']}?limit=500").json()
    full = client.get(f"/api/events/{event['id']}?limit=500").json()
    assert short == full
    assert [m["id"] for m in full["mentions"]["items"]] == [
        m["id"] for m in walk(client, f"/api/event-mentions?cluster={event['id']}&limit=500")[1]
    ]


def test_a_document_lists_its_annotations_by_offset_with_their_texts(client: TestClient) -> None:
    doc_id = max(walk(client, "/api/claims?limit=500")[1], key=lambda c: c["start"])["doc_id"]
    body = client.get(f"/api/documents/{doc_id}").json()
    text, notes = body["text"], body["annotations"]
    for kind in ("mentions", "claims", "events", "quotes"):
        rows = notes[kind]
        assert rows == sorted(rows, key=lambda r: (r["start"], r["id"])) or kind == "quotes"
        for row in rows:
            if row.get("field", "body") == "body":
                assert text[row["start"] : row["end"]] == row["text"], (kind, row)
    assert notes["claims"] and notes["mentions"]


def test_quotes_and_framing_pages_carry_the_stored_texts(client: TestClient) -> None:
    quotes = walk(client, "/api/quotes?limit=50")[1]
    assert quotes and all(q["text"] and "candidates" in q for q in quotes)
    framing = client.get("/api/framing?limit=500").json()["items"]
    terms = [t for f in framing for o in f["by_outlet"].values() for t in o["terms"]]
    assert terms and all(isinstance(t["examples"], list) for t in terms)
