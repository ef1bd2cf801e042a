"""Rendering helpers: the Jinja environment, links (served or static) and the reader's spans.

Article text is untrusted. Every template autoescapes; nothing from a source is marked safe;
the document reader splits the text at span boundaries in Python and the template escapes
each piece, so no markup from a source can ever reach the page as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

ENV = Environment(
    loader=PackageLoader("presslens", "templates/web"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)

# route name → (served path, static file); "{id}" is the record id.
ROUTES = {
    "overview": ("/", "index.html"),
    "documents": ("/documents", "documents.html"),
    "document": ("/documents/{id}", "document-{id}.html"),
    "entities": ("/entities", "entities.html"),
    "entity": ("/entities/{id}", "entity-{id}.html"),
    "quotes": ("/quotes", "quotes.html"),
    "clusters": ("/clusters", "clusters.html"),
    "cluster": ("/clusters/{id}", "cluster-{id}.html"),
    "events": ("/events", "events.html"),
    "event": ("/events/{id}", "event-{id}.html"),
    "timeline": ("/timeline", "timeline.html"),
    "framing": ("/framing", "framing.html"),
    "network": ("/network", "network.html"),
}
NAV = ["overview", "entities", "quotes", "clusters", "events", "timeline", "framing", "network"]


@dataclass
class Links:
    """Where a route lives: `/entities/ID` when served, `entity-ID.html` in a static site."""

    static: bool = False

    def url(self, route: str, id: str | None = None, fragment: str | None = None, **params) -> str:
        served, static_file = ROUTES[route]
        template = static_file if self.static else served
        url = template.replace("{id}", str(id)) if id is not None else template
        query = {k: v for k, v in params.items() if v is not None}
        if query and not self.static:  # a static site has one page per route: no filters
            url += "?" + urlencode(query)
        return url + (f"#{fragment}" if fragment else "")

    def asset(self, name: str) -> str:
        return f"static/{name}" if self.static else f"/static/{name}"

    def span(self, doc_id: str, start: int, end: int) -> str:
        """The reader scrolled to (and highlighting) text[start:end] of a document."""
        return self.url("document", doc_id, fragment=f"span-{start}-{end}")


@dataclass
class Segment:
    """A run of text with the same annotations over all of it."""

    start: int
    end: int
    text: str
    kinds: list[str] = field(default_factory=list)  # "mention", "quote", "event"
    entity_id: str | None = None
    anchors: list[str] = field(default_factory=list)  # span-S-E ids that start here


def fact_spans(annotations: dict) -> list[tuple[str, int, int, str | None]]:
    """(kind, start, end, entity id) of every annotated span of the body; an event adds its
    sentence. Mentions and events of the title (`field` "title") are spans of the title."""
    body = [m for m in annotations["mentions"] if m.get("field", "body") == "body"]
    spans = [("mention", m["start"], m["end"], m["entity_id"]) for m in body]
    spans += [("quote", q["start"], q["end"], None) for q in annotations["quotes"]]
    spans += [("claim", c["start"], c["end"], None) for c in annotations["claims"]]
    for event in annotations.get("events", ()):
        if event.get("field", "body") != "body":
            continue
        spans.append(("event", event["start"], event["end"], None))
        if event["sentence_start"] is not None and event["sentence_end"] is not None:
            spans.append(("sentence", event["sentence_start"], event["sentence_end"], None))
    return spans


def reader_segments(text: str, annotations: dict) -> list[Segment]:
    """The text cut at every span boundary, each piece knowing which spans cover it."""
    spans = [s for s in fact_spans(annotations) if 0 <= s[1] < s[2] <= len(text)]
    cuts = sorted({0, len(text), *(s[1] for s in spans), *(s[2] for s in spans)})
    starts: dict[int, list[str]] = {}
    for _, start, end, _ in spans:
        anchor = f"span-{start}-{end}"
        if anchor not in starts.setdefault(start, []):
            starts[start].append(anchor)
    segments = [
        Segment(a, b, text[a:b], anchors=starts.get(a, []))
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]
    by_start = {s.start: i for i, s in enumerate(segments)}
    for kind, start, end, entity_id in spans:
        if kind in ("claim", "sentence"):
            continue
        i = by_start[start]
        while i < len(segments) and segments[i].end <= end:
            if kind not in segments[i].kinds:
                segments[i].kinds.append(kind)
            if entity_id and segments[i].entity_id is None:
                segments[i].entity_id = entity_id
            i += 1
    return segments


def coverage_grid(overview: dict) -> list[tuple[str, list[int]]]:
    """Overview coverage as rows: (outlet, documents on each of overview["dates"])."""
    column = {day: i for i, day in enumerate(overview["dates"])}
    rows = {outlet: [0] * len(column) for outlet in overview["outlets"]}
    for cell in overview["coverage"]:
        rows.setdefault(cell["outlet"], [0] * len(column))[column[cell["date"]]] = cell["documents"]
    return list(rows.items())


def shade(n: int, peak: int) -> str:
    """A CSS class for a count: c0 (none) to c4 (the most), so no inline style is needed."""
    if n <= 0 or peak <= 0:
        return "c0"
    return f"c{min(4, 1 + (3 * n) // peak)}"


NETWORK_SIZE = 820


def circle_layout(ids: Iterable[str], size: int = NETWORK_SIZE) -> dict[str, tuple[int, int, str]]:
    """Nodes on a circle (most mentioned first, from the top) for the network's SVG: (x, y,
    the side its label goes: "start" on the right half, "end" on the left)."""
    import math

    ids = list(ids)
    centre, radius = size // 2, size // 2 - 150
    layout = {}
    for i, node in enumerate(ids):
        angle = 2 * math.pi * i / max(len(ids), 1)
        x = round(centre + radius * math.sin(angle))
        y = round(centre - radius * math.cos(angle))
        layout[node] = (x, y, "start" if x >= centre else "end")
    return layout
