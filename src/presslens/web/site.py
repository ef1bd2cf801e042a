"""`presslens report OUT_DIR`: the web app's pages as a static site that works from file://.

The pages are rendered by the app itself (in-process, with links to files instead of routes),
so the static site shows exactly what `presslens serve` shows: one file per page, flat in
OUT_DIR (`index.html`, `entity-ID.html`, `document-ID.html`, ...), plus `static/` with the
script and style sheet. Lists show their first MAX_LIMIT rows (the app pages through the rest).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from ..api.routes import MAX_LIMIT
from .pages import STATIC, STATIC_TYPES
from .render import Links

LISTS = ["documents", "entities", "quotes", "clusters", "events", "timeline", "framing"]


def write_site(db: str | Path, out_dir: str | Path) -> Path:
    """Write every page of the store's web app into `out_dir`; returns its index.html."""
    from ..api import create_app

    app = create_app(db)
    links = Links(static=True)
    app.state.links = links
    served = Links()
    out = Path(out_dir)
    (out / "static").mkdir(parents=True, exist_ok=True)
    with TestClient(app) as client:
        current = app.state.cache.get()

        def save(route: str, id: str | None = None, query: str = "") -> None:
            response = client.get(served.url(route, id) + query)
            response.raise_for_status()
            (out / links.url(route, id)).write_text(response.text, encoding="utf-8")

        save("overview")
        save("network")
        for route in LISTS:
            save(route, query=f"?limit={MAX_LIMIT}")
        for route, ids in (
            ("entity", current.entities),
            ("document", current.documents),
            ("cluster", current.clusters),
            ("event", current.event_clusters),
        ):
            for record_id in ids:
                save(route, record_id)
    for name in (n for n in (p.name for p in STATIC.iterdir()) if Path(n).suffix in STATIC_TYPES):
        (out / "static" / name).write_bytes((STATIC / name).read_bytes())
    return out / "index.html"
