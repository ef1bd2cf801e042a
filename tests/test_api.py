"""The HTTP API in-process (FastAPI's TestClient) over the analysed example corpus."""

from __future__ import annotations

import doctest
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens import pipeline
from presslens.api import corpus as api_corpus
from presslens.api import create_app, display_sources
from presslens.store import StoreError

from .conftest import CORPUS

TOKEN = "test-token-not-a-secret"


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(corpus_db))


@pytest.fixture
def store_copy(corpus_db: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus store (the shared one must not be written)."""
    target = tmp_path / "copy.db"
    with sqlite3.connect(corpus_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def entity_named(client: TestClient, name: str) -> dict:
    items = client.get("/api/entities", params={"name": name}).json()["items"]
    return next(e for e in items if e["name"] == name)


def all_pages(client: TestClient, url: str) -> tuple[int, list[dict]]:
    body = client.get(url).json()
    total, items = body["total"], list(body["items"])
    while body["next"]:
        body = client.get(body["next"]).json()
        assert body["total"] == total
        items += body["items"]
    return total, items


# ---- sources shown without machine paths -------------------------------------------------


def test_display_sources_are_relative_to_the_common_folder() -> None:
    shown = display_sources(
        ["/home/ana/story/a.txt", "/home/ana/story/wire/b.jsonl:12", "https://example.org/x"]
    )
    assert shown == {
        "/home/ana/story/a.txt": "a.txt",
        "/home/ana/story/wire/b.jsonl:12": "wire/b.jsonl:12",
        "https://example.org/x": "https://example.org/x",
    }
    assert display_sources(["/srv/a/one.txt", "/tmp/two.txt"]) == {
        "/srv/a/one.txt": "one.txt",
        "/tmp/two.txt": "two.txt",
    }
    assert display_sources(["/data/only.html"]) == {"/data/only.html": "only.html"}
    assert display_sources(["in/a.txt", "in/sub/b.txt"]) == {
        "in/a.txt": "a.txt",
        "in/sub/b.txt": "sub/b.txt",
    }
    assert display_sources(["/abs/a.txt", "rel/b.txt"]) == {
        "/abs/a.txt": "a.txt",
        "rel/b.txt": "b.txt",
    }


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(api_corpus)
    assert result.attempted > 0 and result.failed == 0


def test_document_sources_are_file_names_not_machine_paths(client: TestClient) -> None:
    _, documents = all_pages(client, "/api/documents?limit=500")
    assert {d["source"] for d in documents} == {p.name for p in CORPUS.iterdir() if p.is_file()}
    assert str(CORPUS) not in client.get(f"/api/documents/{documents[0]['id']}").text


# ---- documents ----------------------------------------------------------------------------


def test_pages_are_disjoint_and_cover_the_total(client: TestClient) -> None:
    for url in ("/api/documents?limit=7", "/api/quotes?limit=40", "/api/entities?limit=10"):
        total, items = all_pages(client, url)
        ids = [item["id"] for item in items]
        assert len(ids) == total == len(set(ids)) and total > 10, url
    first = client.get("/api/documents?limit=7").json()
    assert first["next"] == "/api/documents?limit=7&offset=7"
    assert client.get("/api/documents?limit=7&offset=14").json()["next"] is None


def test_documents_are_ordered_by_date_then_id(client: TestClient) -> None:
    _, documents = all_pages(client, "/api/documents?limit=500")
    keys = [(d["published"] or "9999", d["id"]) for d in documents]
    assert keys == sorted(keys)


def test_documents_filter_by_outlet_dates_and_language(client: TestClient) -> None:
    body = client.get("/api/documents", params={"outlet": "nahra tv"}).json()
    assert body["total"] == 3 and {d["outlet"] for d in body["items"]} == {"Nahra TV"}
    body = client.get(
        "/api/documents", params={"since": "2024-03-05", "until": "2024-03-07"}
    ).json()
    assert body["total"] > 0
    assert all("2024-03-05" <= d["published"] <= "2024-03-07" for d in body["items"])
    assert client.get("/api/documents", params={"language": "en"}).json()["total"] == 20
    assert client.get("/api/documents", params={"language": "fr"}).json()["total"] == 0


def test_full_text_search_finds_the_word_and_marks_it(client: TestClient) -> None:
    body = client.get("/api/documents", params={"q": "ambush", "limit": 500}).json()
    assert body["total"] >= 10
    for hit in body["items"]:
        document = client.get(f"/api/documents/{hit['id']}").json()
        assert "ambush" in (document["title"] + document["text"]).lower()
        assert "[ambush]" in hit["snippet"].lower() or "ambush" in document["title"].lower()
    nahra = client.get(
        "/api/documents", params={"q": "ambush", "outlet": "Northwind News Agency"}
    ).json()
    assert 0 < nahra["total"] < body["total"]
    assert (
        client.get("/api/documents", params={"q": 'NEAR( "x'}).status_code == 200
    )  # no FTS syntax


def test_document_annotations_slice_its_text(client: TestClient) -> None:
    _, documents = all_pages(client, "/api/documents?limit=500")
    checked = 0
    for row in documents:
        document = client.get(f"/api/documents/{row['id']}").json()
        text, notes = document["text"], document["annotations"]
        for record in notes["mentions"] + notes["quotes"] + notes["claims"]:
            field_text = document["title"] if record.get("field") == "title" else text
            assert field_text[record["start"] : record["end"]] == record["text"]
            checked += 1
        for quote in notes["quotes"]:
            speaker = quote["speaker"]
            if speaker and speaker["start"] is not None:
                assert text[speaker["start"] : speaker["end"]] == speaker["text"]
        for claim in notes["claims"]:
            when = claim["when"]
            if when and when["char_start"] is not None:
                assert text[when["char_start"] : when["char_end"]] == when["text"]
        assert notes["removed"] == row["removed"]
        assert all(part["text"] not in text for part in notes["removed"] if part["kind"] == "bio")
    assert checked > 500


# ---- entities and quotes ------------------------------------------------------------------


def test_entity_detail_lists_its_quotes_aliases_and_labels(client: TestClient) -> None:
    vesk = entity_named(client, "Ilan Vesk")
    detail = client.get(f"/api/entities/{vesk['id']}", params={"limit": 100}).json()
    assert {a["text"] for a in detail["aliases"]} == {"Ilan Vesk", "Vesk"}
    assert any(r["alias"] == "Vesk" and r["rule"] for r in detail["reasons"])
    flour = next(q for q in detail["quotes_by"]["items"] if "delivering flour" in q["text"])
    assert flour["speaker"]["entity_id"] == vesk["id"] and flour["kind"] == "direct"
    text = client.get(f"/api/documents/{flour['doc_id']}").json()["text"]
    assert text[flour["start"] : flour["end"]] == flour["text"]
    assert "Vesk" in text[flour["speaker"]["start"] : flour["speaker"]["end"]]
    assert "army spokesman" in detail["labels_by_outlet"]["Tolvane Today"]
    assert detail["documents"]["total"] == len(vesk["document_ids"])
    assert sum(detail["mentions_by_outlet"].values()) == vesk["mention_count"]


def test_entity_sub_lists_link_to_the_full_lists(client: TestClient) -> None:
    halabek = entity_named(client, "Tamir Halabek")
    detail = client.get(f"/api/entities/{halabek['id']}", params={"limit": 2}).json()
    about = detail["quotes_about"]
    assert about["total"] > 2 and len(about["items"]) == 2
    assert about["next"] == f"/api/quotes?about={halabek['id']}&offset=2&limit=2"
    _, rest = all_pages(client, about["next"])
    assert len(rest) == about["total"] - 2
    assert all(halabek["id"] != (q["speaker"] or {}).get("entity_id") for q in rest)


def test_entities_filter_by_type_and_name(client: TestClient) -> None:
    body = client.get("/api/entities", params={"type": "org", "limit": 500}).json()
    assert body["total"] > 3 and {e["type"] for e in body["items"]} == {"ORG"}
    names = [
        e["name"] for e in client.get("/api/entities", params={"name": "qurvani"}).json()["items"]
    ]
    assert names == ["Rashed Qorvani"]  # found by a misspelt alias


def test_quotes_filter_by_speaker_outlet_kind_and_date(client: TestClient) -> None:
    vesk = entity_named(client, "Ilan Vesk")
    body = client.get("/api/quotes", params={"speaker": vesk["id"], "kind": "direct"}).json()
    assert body["total"] >= 2
    assert all(
        q["speaker"]["entity_id"] == vesk["id"] and q["kind"] == "direct" for q in body["items"]
    )
    body = client.get("/api/quotes", params={"outlet": "The Kessara Daily", "limit": 500}).json()
    assert body["total"] > 0 and {q["outlet"] for q in body["items"]} == {"The Kessara Daily"}
    body = client.get("/api/quotes", params={"since": "2024-03-11", "limit": 500}).json()
    assert all((q["date"] or q["published"]) >= "2024-03-11" for q in body["items"])


# ---- clusters, timeline, framing, network -------------------------------------------------


def test_clusters_count_a_copy_once(client: TestClient) -> None:
    _, clusters = all_pages(client, "/api/clusters?min_outlets=2&limit=500")
    assert clusters and all(c["independent_outlets"] >= 2 for c in clusters)
    with_copy = [c for c in clusters if any(k["republished_from"] for k in c["claims"]["items"])]
    assert with_copy, "the re-published article's claims sit beside their original"
    for cluster in with_copy:
        assert cluster["independent_outlets"] < len(cluster["outlets"])
        _, claims = all_pages(client, f"/api/claims?cluster={cluster['id']}&limit=3")
        assert [k["id"] for k in claims] == cluster["claim_ids"]
        assert cluster["claims"]["items"] == claims[:10]
    one = client.get(f"/api/clusters/{with_copy[0]['id']}", params={"limit": 10}).json()
    assert one["claims"]["next"] == with_copy[0]["claims"]["next"]
    assert {k: v for k, v in one.items() if k != "claims"} == {
        k: v for k, v in with_copy[0].items() if k != "claims"
    }


def test_claims_filter_by_document_and_source(client: TestClient) -> None:
    total, claims = all_pages(client, "/api/claims?limit=500")
    assert total == len(claims) > 100
    first = claims[0]
    body = client.get("/api/claims", params={"doc": first["doc_id"], "limit": 500}).json()
    assert body["total"] > 0 and {c["doc_id"] for c in body["items"]} == {first["doc_id"]}
    body = client.get("/api/claims", params={"source": "quote", "limit": 500}).json()
    assert body["total"] > 0 and all(c["source"]["kind"] == "quote" for c in body["items"])


def test_timeline_is_dated_and_filters_by_entity(client: TestClient) -> None:
    total, entries = all_pages(client, "/api/timeline?limit=5")
    assert total > 5 and [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    halabek = entity_named(client, "Tamir Halabek")
    body = client.get("/api/timeline", params={"entity": halabek["id"], "limit": 500}).json()
    assert body["total"] > 0 and all(halabek["id"] in e["entity_ids"] for e in body["items"])


def test_framing_shows_each_outlets_labels_with_their_spans(client: TestClient) -> None:
    nlf = entity_named(client, "Northern Liberation Front")
    item = client.get("/api/framing", params={"entity": nlf["id"]}).json()["items"][0]
    daily = item["by_outlet"]["The Kessara Daily"]
    terrorist = next(t for t in daily["terms"] if t["term"] == "terrorist")
    assert terrorist["count"] == len(terrorist["examples"])
    for example in terrorist["examples"]:
        text = client.get(f"/api/documents/{example['doc_id']}").json()["text"]
        assert text[example["start"] : example["end"]].lower() == "terrorist"  # the wording itself
    assert "terrorist" not in {t["term"] for t in item["by_outlet"]["Nahra TV"]["terms"]}


def test_network_edges_join_listed_nodes(client: TestClient) -> None:
    network = client.get("/api/network", params={"limit": 10}).json()
    ids = {n["id"] for n in network["nodes"]}
    assert (
        len(ids) == 10 and network["total_nodes"] == 48
    )  # "Varesh" one place; "Peace" a sign; "Kavi Raush" found
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    nlf, brigades = (
        entity_named(client, n) for n in ("Northern Liberation Front", "Tolvane Sentinel Brigades")
    )
    both = set(nlf["document_ids"]) & set(brigades["document_ids"])
    edge = next(
        e for e in network["edges"] if {e["source"], e["target"]} == {nlf["id"], brigades["id"]}
    )
    assert edge["kind"] == "co-occurrence" and edge["weight"] == len(both)
    quoting = client.get("/api/network", params={"kind": "quotes", "limit": 500}).json()["edges"]
    assert quoting and all(e["kind"] == "quotes" for e in quoting)


# ---- errors and schema --------------------------------------------------------------------


def test_unknown_ids_are_404_in_the_error_envelope(client: TestClient) -> None:
    response = client.get("/api/entities/x")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": "no entity with id 'x'"}}
    for url in ("/api/documents/nope", "/api/clusters/nope", "/api/no-such-endpoint"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_bad_parameters_are_422_with_fastapis_detail(client: TestClient) -> None:
    for url in (
        "/api/documents?limit=501",
        "/api/documents?limit=0",
        "/api/quotes?kind=rumour",
        "/api/documents?since=yesterday",
        "/api/documents?offset=-1",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        error = response.json()["error"]
        assert (
            error["status"] == 422 and error["message"] and error["detail"][0]["loc"][0] == "query"
        )


def test_openapi_schema_lists_the_endpoints(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/entities/{entity_id}",
        "/api/quotes",
        "/api/clusters",
        "/api/timeline",
        "/api/framing",
        "/api/network",
        "/api/entities/merge",
    ):
        assert path in schema["paths"], path
    assert "ErrorEnvelope" in str(
        schema["paths"]["/api/entities/{entity_id}"]["get"]["responses"]["404"]
    )


# ---- writes -------------------------------------------------------------------------------


def test_writes_are_refused_without_allow_writes_or_token(store_copy: Path) -> None:
    read_only = TestClient(create_app(store_copy))
    body = {"a": "Ilan Vesk", "b": "Ilan Tarro"}
    response = read_only.post(
        "/api/entities/merge", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403 and "allow-writes" in response.json()["error"]["message"]
    writable = TestClient(create_app(store_copy, allow_writes=True, token=TOKEN))
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = writable.post("/api/entities/merge", json=body, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert not pipeline.pins_path(store_copy).exists()
    with pytest.raises(ValueError):
        create_app(store_copy, allow_writes=True)


def test_merge_with_token_is_visible_and_pinned(store_copy: Path) -> None:
    client = TestClient(create_app(store_copy, allow_writes=True, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    tarro = entity_named(client, "Ilan Tarro")
    response = client.post(
        "/api/entities/merge", json={"a": "Ilan Vesk", "b": tarro["id"]}, headers=auth
    )
    assert response.status_code == 200, response.text
    merged = response.json()["entity"]
    assert {"Ilan Vesk", "Ilan Tarro"} <= {a["text"] for a in merged["aliases"]}
    listed = client.get("/api/entities", params={"name": "Tarro"}).json()["items"]
    assert [e["id"] for e in listed] == [merged["id"]]
    assert "Ilan Vesk" in pipeline.pins_path(store_copy).read_text("utf-8")
    response = client.post(
        "/api/entities/merge", json={"a": "Nobody Atall", "b": "Vesk"}, headers=auth
    )
    assert response.status_code == 404


def test_outlet_rename_with_token(store_copy: Path) -> None:
    client = TestClient(create_app(store_copy, allow_writes=True, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"old": "Tolvane Today", "new": "Tolvane Today Online"}
    response = client.post("/api/outlets/rename", json=body, headers=auth)
    assert response.status_code == 200 and response.json()["documents_changed"] == 3
    assert (
        client.get("/api/documents", params={"outlet": "Tolvane Today Online"}).json()["total"] == 3
    )
    response = client.post(
        "/api/outlets/rename", json={"old": "No Such Outlet", "new": "X"}, headers=auth
    )
    assert response.status_code == 404


def test_changes_made_outside_the_api_are_served(store_copy: Path) -> None:
    client = TestClient(create_app(store_copy))
    cache = client.app.state.cache
    cache.min_interval = 0  # by default at most one re-read a second
    assert client.get("/api/documents", params={"outlet": "Nahra TV"}).json()["total"] == 3
    pipeline.rename_outlet(store_copy, "Nahra TV", "Nahra Television")
    client.get("/api")  # served from the previous read while the new one starts
    cache.wait(timeout=60)
    assert client.get("/api/documents", params={"outlet": "Nahra TV"}).json()["total"] == 0
    assert client.get("/api/documents", params={"outlet": "Nahra Television"}).json()["total"] == 3


# ---- the command --------------------------------------------------------------------------


def test_serve_command_runs_the_app(store_copy: Path, monkeypatch, tmp_path: Path) -> None:
    import uvicorn

    from presslens.cli import app

    served = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda api, host, port: served.update(api=api, host=host, port=port)
    )
    result = CliRunner().invoke(app, ["serve", "--db", str(store_copy), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    assert TestClient(served["api"]).get("/api").json()["documents"] == 20
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")


# ---- events, overview, kept answers -------------------------------------------------------


def test_events_group_mentions_across_outlets_with_their_spans(client: TestClient) -> None:
    total, events = all_pages(client, "/api/events?min_outlets=2&limit=50&mentions=500")
    assert total == len(events) > 0
    order = [(-e["independent_outlets"], -e["mention_count"], e["id"]) for e in events]
    assert order == sorted(order)
    event = events[0]
    assert (
        event["independent_outlets"] >= 2 and event["mention_count"] == event["mentions"]["total"]
    )
    for mention in event["mentions"]["items"][:10]:
        document = client.get(f"/api/documents/{mention['doc_id']}").json()
        text = document[{"body": "text"}.get(mention["field"], mention["field"])]
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert (
            mention["sentence_start"]
            <= mention["start"]
            < mention["end"]
            <= mention["sentence_end"]
        )
        assert mention["outlet"] in event["outlets"] and mention["cluster_id"] == event["id"]
    one = client.get(f"/api/events/{event['id']}", params={"limit": 2}).json()
    _, mentions = all_pages(client, one["mentions"]["next"].replace("offset=2", "offset=0"))
    assert [m["id"] for m in mentions] == [m["id"] for m in event["mentions"]["items"]]
    assert client.get("/api/events/nope").status_code == 404


def test_an_event_told_by_a_copy_counts_its_outlet_once(client: TestClient) -> None:
    _, events = all_pages(client, "/api/events?limit=500&mentions=500")
    copied = [e for e in events if any(m["republished_from"] for m in e["mentions"]["items"])]
    assert copied, "the re-published article's events sit beside their original"
    for event in copied:
        originals = {m["outlet"] for m in event["mentions"]["items"] if not m["republished_from"]}
        assert event["independent_outlets"] == len(originals)


def test_document_annotations_include_its_events(client: TestClient) -> None:
    doc = client.get("/api/documents?limit=1").json()["items"][0]
    detail = client.get(f"/api/documents/{doc['id']}").json()
    events = detail["annotations"]["events"]
    assert events and all(e["doc_id"] == doc["id"] for e in events)
    for e in events:
        text = detail["title"] if e["field"] == "title" else detail["text"]
        assert text[e["start"] : e["end"]] == e["text"]


def test_overview_counts_coverage_and_top_actors(client: TestClient) -> None:
    overview = client.get("/api/overview", params={"top": 5}).json()
    documents = all_pages(client, "/api/documents?limit=500")[1]
    dated = [d for d in documents if d["published"]]
    assert sum(c["documents"] for c in overview["coverage"]) == len(dated)
    assert overview["counts"]["documents"] == len(documents)
    assert overview["dates"] == sorted({d["published"][:10] for d in dated})
    first = client.get("/api/entities?limit=5").json()["items"]
    assert [a["id"] for a in overview["top_actors"]] == [e["id"] for e in first]


def test_answers_are_kept_until_the_store_changes(store_copy: Path) -> None:
    api = TestClient(create_app(store_copy))
    api.get("/api")  # the first answer reads the store
    first = api.get("/api/outlets")
    etag = first.headers["etag"]
    assert api.get("/api/outlets").content == first.content
    assert api.get("/api/outlets", headers={"If-None-Match": etag}).status_code == 304
    old = first.json()["items"][0]["name"]
    with sqlite3.connect(store_copy) as conn:
        conn.execute("UPDATE documents SET outlet = 'Renamed Gazette' WHERE outlet = ?", (old,))
    api.app.state.cache.refresh()
    again = api.get("/api/outlets", headers={"If-None-Match": etag})
    assert again.status_code == 200 and "Renamed Gazette" in again.text
