"""The web pages in-process: each renders its JSON twin; escaping, headers, the static site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.web import write_site
from presslens.web.render import reader_segments


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(corpus_db))


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_every_page_has_its_json_twin(client: TestClient) -> None:
    entity = client.get("/api/entities?limit=1").json()["items"][0]
    doc = client.get("/api/documents?limit=1").json()["items"][0]
    for path in (
        "/",
        "/quotes?kind=direct",
        f"/entities/{entity['id']}",
        f"/documents/{doc['id']}",
    ):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        twin = "/api/overview" if path == "/" else "/api" + path
        assert f'href="{html.escape(twin)}"' in page.text
        assert client.get(twin).status_code == 200


def test_entity_page_shows_what_its_api_returns(client: TestClient) -> None:
    entity = client.get("/api/entities?limit=1").json()["items"][0]
    data = client.get(f"/api/entities/{entity['id']}").json()
    page = _text(client.get(f"/entities/{entity['id']}").text)
    assert data["name"] in page
    for outlet in data["mentions_by_outlet"]:
        assert outlet in page
    for quote in data["quotes_by"]["items"]:
        assert quote["text"] in page


def test_quote_links_open_the_reader_at_the_quote(client: TestClient) -> None:
    quote = client.get("/api/quotes?limit=1").json()["items"][0]
    page = client.get("/quotes").text
    assert f'href="/documents/{quote["doc_id"]}#span-{quote["start"]}-{quote["end"]}"' in page
    reader = client.get(f"/documents/{quote['doc_id']}").text
    assert f'id="span-{quote["start"]}-{quote["end"]}"' in reader


def test_reader_segments_cut_the_text_at_every_span() -> None:
    text = 'Mayor Ilka Dorn said "the bridge opens Monday" to reporters.'
    annotations = {
        "mentions": [{"start": 6, "end": 15, "entity_id": "e1"}],
        "quotes": [{"start": 22, "end": 45}],
        "claims": [{"start": 0, "end": len(text)}],
        "events": [
            {"start": 33, "end": 38, "sentence_start": 0, "sentence_end": len(text)},
        ],
    }
    segments = reader_segments(text, annotations)
    assert "".join(s.text for s in segments) == text
    mention = next(s for s in segments if "mention" in s.kinds)
    assert (mention.text, mention.entity_id) == ("Ilka Dorn", "e1")
    quoted = "".join(s.text for s in segments if "quote" in s.kinds)
    assert quoted == "the bridge opens Monday"
    assert [s.text for s in segments if "event" in s.kinds] == ["opens"]
    assert "span-22-45" in next(s for s in segments if s.start == 22).anchors


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/api/overview", "/static/app.js"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
    page = client.get("/").text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert " style=" not in page and "<style" not in page


def test_missing_pages_are_pages_and_missing_api_records_json(client: TestClient) -> None:
    page = client.get("/entities/nope")
    assert page.status_code == 404 and "no entity with id" in page.text and "<h1>" in page.text
    assert client.get("/api/entities/nope").json()["error"]["status"] == 404


def test_static_site_works_from_files(corpus_db: Path, tmp_path: Path) -> None:
    index = write_site(corpus_db, tmp_path / "site")
    site = index.parent
    assert (site / "static" / "app.js").is_file() and (site / "static" / "app.css").is_file()
    page = index.read_text()
    links = set(re.findall(r'href="([^"#]+)', page))
    assert links and all(not link.startswith(("/", "http")) for link in links)
    assert all((site / link).is_file() for link in links), links - {
        link for link in links if (site / link).is_file()
    }
    client = TestClient(create_app(corpus_db))
    doc = client.get("/api/documents?limit=1").json()["items"][0]
    reader = (site / f"document-{doc['id']}.html").read_text()
    assert doc["source"] in reader and str(Path.cwd()) not in reader
    documents = (site / "documents.html").read_text()
    assert "/tmp" not in documents and "/work" not in documents
