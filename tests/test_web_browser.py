"""The web app in a real browser: Playwright driving Debian's Chromium against `presslens serve`.

The store is the fictional example corpus plus one fictional article whose title, outlet,
speaker and quote carry script, event-handler, javascript: and template payloads. Screenshots
of the main pages go to docs/screenshots/. Skips (saying why) when /usr/bin/chromium or the
playwright package is missing: `make test` installs Chromium (scripts/chromium-for-tests.sh).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import CORPUS

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium: install it with `make browser` (apt-get install chromium)",
        allow_module_level=True,
    )

HOSTILE_TITLE = (
    '<script>window.__pwned = 1</script> Convoy {{ 7*7 }} <img src=x onerror="window.__pwned=2">'
)
HOSTILE_OUTLET = "<b onmouseover=window.__pwned=4>Zarnov</b> Gazette {% raw %}"
HOSTILE_TEXT = """ZARNOV, March 14 - A convoy was stopped near the village of Olk on Thursday, witnesses said.

"<script>window.__pwned = 3</script> we saw nothing {{ config }} and {% raw %}" said Doran Velik, a farmer from Olk. He added that the road was "closed since dawn <a href=javascript:alert(1)>here</a>".

Doran Velik said the trucks turned back before noon.
"""
HOSTILE = {
    "title": HOSTILE_TITLE,
    "outlet": HOSTILE_OUTLET,
    "published": "2024-03-14",
    "authors": ["<svg onload=window.__pwned=5>"],
    "text": HOSTILE_TEXT,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def web_store(tmp_path_factory) -> Path:
    """The example corpus plus the hostile article, analysed."""
    from presslens.pipeline import analyze

    folder = tmp_path_factory.mktemp("web") / "story"
    shutil.copytree(CORPUS, folder)
    (folder / "99-hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder.parent / "web.db"
    assert analyze([folder], db).added
    return db


@pytest.fixture(scope="module")
def server(web_store: Path):
    """`presslens serve` on a free port over `web_store`."""
    db = web_store
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    command = [sys.executable, "-c", "from presslens.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--db", str(db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api", timeout=60).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
    else:
        process.terminate()
        pytest.fail("presslens serve did not answer")
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except Exception as error:  # a broken install: say so instead of failing every test
            pytest.skip(f"chromium would not start: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def _highlighted(page) -> str:
    page.wait_for_selector("#reader .target")
    return "".join(page.locator("#reader .target").all_text_contents())


def test_overview_to_entity_to_quote_lands_on_the_highlighted_sentence(server, page) -> None:
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "The story at a glance"
    assert page.locator("table.coverage tr").count() > 3
    _shoot(page, "overview")
    overview = httpx.get(server + "/api/overview").json()
    speaker = next(
        a
        for a in overview["top_actors"]
        if httpx.get(server + f"/api/quotes?speaker={a['id']}").json()["total"]
    )
    page.locator("ol.actors a.entity", has_text=speaker["name"]).first.click()
    page.wait_for_url(re.compile(r"/entities/" + speaker["id"]))
    assert speaker["name"] in page.locator("h1").inner_text()
    _shoot(page, "entity")
    first = httpx.get(server + f"/api/quotes?speaker={speaker['id']}&limit=1").json()["items"][0]
    link = page.locator("table.quotes a.evidence").first
    href = link.get_attribute("href")
    assert href == f"/documents/{first['doc_id']}#span-{first['start']}-{first['end']}"
    link.click()
    page.wait_for_url(re.compile(r"/documents/" + first["doc_id"]))
    assert _highlighted(page) == first["text"]
    text = httpx.get(server + f"/api/documents/{first['doc_id']}").json()["text"]
    assert first["text"] == text[first["start"] : first["end"]]
    assert page.locator("#reader .target").first.is_visible()
    _shoot(page, "document")


def test_search_then_claims_timeline_and_events(server, page) -> None:
    page.goto(server + "/")
    page.fill("header input[name=q]", "ambush")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/documents\?q=ambush"))
    titles = page.locator("a.doc").all_text_contents()
    hits = httpx.get(server + "/api/documents?q=ambush").json()["items"]
    assert titles and titles == [h["title"] for h in hits]
    page.goto(server + "/clusters")
    _shoot(page, "claims")
    cluster = httpx.get(server + "/api/clusters?limit=1").json()["items"][0]
    page.locator("section.cluster h2 a").first.click()
    page.wait_for_url(re.compile(r"/clusters/" + cluster["id"]))
    assert page.locator("h1").inner_text() == cluster["label"]
    copies = page.locator("li.claim.copy .badge")
    if any(c["republished_from"] for c in cluster["claims"]["items"]):
        assert copies.count() > 0 and "copy of" in copies.first.inner_text()
    page.locator("li.claim a.evidence").first.click()
    first_claim = cluster["claims"]["items"][0]
    assert _highlighted(page) == first_claim["text"]
    page.goto(server + "/timeline")
    dates = page.locator("ol.timeline .date").all_text_contents()
    assert dates and dates == sorted(dates)
    _shoot(page, "timeline")
    for path, name in (("/events", "events"), ("/framing", "framing"), ("/network", "network")):
        page.goto(server + path)
        assert page.locator("h1").count() == 1
        _shoot(page, name)
    page.goto(server + "/quotes")
    _shoot(page, "quotes")


def test_hostile_source_text_renders_inert(server, page) -> None:
    hits = httpx.get(server + "/api/documents?q=convoy Olk").json()["items"]
    hostile = next(h for h in hits if h["outlet"] == HOSTILE_OUTLET)
    assert hostile["title"] == HOSTILE_TITLE
    page.goto(server + f"/documents/{hostile['id']}")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert HOSTILE_OUTLET in page.locator("p.meta").inner_text()
    reader = page.locator("#reader").inner_text()
    assert "<script>window.__pwned = 3</script>" in reader
    assert "<a href=javascript:alert(1)>here</a>" in reader
    assert (
        page.locator("main script, main img, main b, main svg, main a[href^=javascript]").count()
        == 0
    )
    assert page.evaluate("window.__pwned === undefined")
    for path in ("/", "/quotes?limit=500", "/documents?limit=500", "/entities?limit=500"):
        page.goto(server + path)
        page.locator("main").hover()
        assert page.evaluate("window.__pwned === undefined"), path
    page.goto(server + "/")
    assert HOSTILE_OUTLET in page.locator("table.coverage").inner_text()
    page.goto(server + "/quotes?limit=500")
    said = page.locator("table.quotes a.evidence", has_text="we saw nothing")
    assert said.count() == 1 and "<script>" in said.inner_text()
    assert "{{ config }}" in said.inner_text()
    assert page.dialogs == []  # type: ignore[attr-defined]
    policy = httpx.get(server + "/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_static_site_works_from_file_urls(web_store: Path, page, tmp_path: Path) -> None:
    """`presslens report OUT_DIR` opened from disk: overview → entity → quote → sentence."""
    from presslens.web import write_site

    index = write_site(web_store, tmp_path / "site")
    page.goto(index.as_uri())
    assert page.locator("h1").inner_text() == "The story at a glance"
    page.locator("ol.actors a.entity").first.click()
    page.wait_for_url(re.compile(r"entity-[0-9a-f]+\.html$"))
    link = page.locator("table.quotes a.evidence").first
    expected = link.inner_text().strip("“”")
    link.click()
    page.wait_for_url(re.compile(r"document-[0-9a-f]+\.html#span-\d+-\d+$"))
    assert _highlighted(page) == expected
    _shoot(page, "static-site-document")
