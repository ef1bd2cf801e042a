"""The HTML pages. Each is `twin(api_function, template)`: FastAPI sees the API function's own
parameters, the page calls that function and renders its result, and the page links to the
JSON it rendered (`/entities/ID` shows what `/api/entities/ID` returns)."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..api import routes
from .render import ENV, NAV, Links, circle_layout, coverage_grid, reader_segments, shade

# No script or style but our own files, nothing from elsewhere, no framing, no plugins.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
STATIC = files("presslens") / "static"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css"}

pages = APIRouter(include_in_schema=False)


def render(request: Request, template: str, data: dict, **extra) -> HTMLResponse:
    """The page for `data` (an API result), with the link to that same JSON."""
    current = routes.corpus(request)
    links: Links = getattr(request.app.state, "links", None) or Links()
    api_url = "/api" + (request.url.path if request.url.path != "/" else "/overview")
    if request.url.query:
        api_url += "?" + request.url.query
    html = ENV.get_template(template).render(
        data=data,
        links=links,
        nav=NAV,
        api_url=None if links.static else api_url,
        name_of=lambda entity_id: _name(current, entity_id),
        title_of=lambda doc_id: (current.documents.get(doc_id) or {}).get("title") or doc_id,
        **extra,
    )
    return HTMLResponse(html)


def _name(current, entity_id: str | None) -> str | None:
    entity = current.entities.get(entity_id) if entity_id else None
    return entity["name"] if entity else None


def twin(api_function: Callable, template: str, path: str, **extra_of) -> None:
    """Register the page at `path` that renders `api_function`'s result with `template`.
    `extra_of` are functions (data → value) for what the template derives from the data."""
    hints = typing.get_type_hints(api_function, include_extras=True)
    signature = inspect.signature(api_function)
    parameters = [
        p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()
    ]
    needs_request = "request" in signature.parameters
    if not needs_request:
        parameters.insert(
            0,
            inspect.Parameter(
                "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request
            ),
        )

    @functools.wraps(api_function)
    def page(**kwargs) -> HTMLResponse:
        request = kwargs["request"] if needs_request else kwargs.pop("request")
        data = api_function(**kwargs)
        extra = {name: make(data) for name, make in extra_of.items()}
        return render(request, template, data, **extra)

    page.__signature__ = signature.replace(parameters=parameters, return_annotation=HTMLResponse)  # type: ignore[attr-defined]
    del page.__wrapped__  # FastAPI must read __signature__, not the API function's
    pages.add_api_route(
        path, page, methods=["GET"], response_class=HTMLResponse, name=f"page:{template}"
    )


def _grid(data: dict) -> dict:
    rows = coverage_grid(data)
    peak = max((n for _, counts in rows for n in counts), default=0)
    return {"rows": [(o, [(n, shade(n, peak)) for n in counts]) for o, counts in rows]}


twin(routes.get_overview, "overview.html", "/", grid=_grid)
twin(routes.list_documents, "documents.html", "/documents")
twin(
    routes.get_document,
    "document.html",
    "/documents/{doc_id}",
    segments=lambda d: reader_segments(d["text"], d["annotations"]),
)
twin(routes.list_entities, "entities.html", "/entities")
twin(routes.get_entity, "entity.html", "/entities/{entity_id}")
twin(routes.list_quotes, "quotes.html", "/quotes")
twin(routes.list_clusters, "clusters.html", "/clusters")
twin(routes.get_cluster, "cluster.html", "/clusters/{cluster_id}")
twin(routes.list_events, "events.html", "/events")
twin(routes.get_event, "event.html", "/events/{event_id}")
twin(routes.list_timeline, "timeline.html", "/timeline")
twin(routes.list_framing, "framing.html", "/framing")
twin(
    routes.get_network,
    "network.html",
    "/network",
    layout=lambda d: circle_layout(n["id"] for n in d["nodes"]),
)


@pages.get("/static/{name}")
def static_file(name: str) -> Response:
    """app.js and app.css: the only script and style the pages load."""
    suffix = name[name.rfind(".") :] if "." in name else ""
    resource = STATIC / name
    if suffix not in STATIC_TYPES or "/" in name or not resource.is_file():
        return Response(status_code=404)
    return Response(resource.read_bytes(), media_type=STATIC_TYPES[suffix])


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An error as a page (the API answers the same error as JSON)."""
    links: Links = getattr(request.app.state, "links", None) or Links()
    html = ENV.get_template("error.html").render(
        status=status, message=message, links=links, nav=NAV, api_url=None
    )
    return HTMLResponse(html, status_code=status)
