"""RawDocument -> Document: separate the article body from everything around it.

Scraped news carries headers, bylines, captions, share buttons, author bios and reader
comments. Later stages attribute words to outlets, so anything that is not the outlet's body
must leave `text` -- but nothing is deleted silently: each piece goes to `removed` with a kind,
captions also to `captions` and reader comments also to `comments`.

The package, by what it holds: `lines` (the line record, the result, the rule runner, assembly),
`meta` (dates, authors, outlet names), `patterns` (the shapes of non-body lines), `stages` (the
rule tables), `header`, `furniture` and `body` (the line rules above and inside the body),
`comments` (reader comments), `page` (pasted pages: the line model, page date, <title> outlet),
`text` (the text cleaner), `html` and `tree` (the trafilatura path and what lxml reads).
Every line classifier is a registered rule (`presslens rules`); the runner names the rule that
decided each line on it.
"""

from __future__ import annotations

from presslens.linemodel import plainly_english
from presslens.models import Document, RawDocument, make_id

from .header_field import CLEAN_HEADER_FIELD, header_text
from .html import clean_html
from .lines import Cleaned, _words
from .meta import (
    ISO_DATE,
    _normalise_meta_date,
    _outlet_name,
    looks_like_outlet,
    parse_byline,
    parse_date,
)
from .text import classify_lines, clean_text

__all__ = [
    "CLEAN_HEADER_FIELD",
    "ISO_DATE",
    "Cleaned",
    "_outlet_name",
    "classify_lines",
    "clean_document",
    "clean_html",
    "clean_text",
    "detect_language",
    "header_text",
    "looks_like_outlet",
    "parse_byline",
    "parse_date",
]


LANGUAGE_MIN_WORDS = 8
LANGUAGE_SAMPLE_CHARS = 5000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the body's language (py3langid, offline); "en" for a text too short to
    tell. Later stages (quotes, entities, claims, framing) are English-only: a body in another
    language is kept and stored with its language, and those stages find little in it.

    >>> detect_language("O governo anunciou ontem novas medidas para a economia do país.")
    'pt'
    """
    words = _words(text[:LANGUAGE_SAMPLE_CHARS])
    if len(words) < LANGUAGE_MIN_WORDS:
        return "en"
    if plainly_english(words):
        return "en"
    import py3langid  # noqa: PLC0415 - loads its model once, on first use

    return py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])[0]


def clean_document(raw: RawDocument) -> Document:
    """Clean one RawDocument; metadata given with the input (a jsonl record, a sources manifest)
    wins over what the page says, and `provenance` records where each field was read."""
    if raw.format == "html":
        cleaned = clean_html(raw.text, known_title=raw.meta.get("title"))
    else:
        cleaned = clean_text(raw.text, known_title=raw.meta.get("title"))
    meta = raw.meta or {}
    given_by = meta.get("given_by", "jsonl")  # "jsonl" record or "manifest" row
    authors = meta.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    published = _normalise_meta_date(meta["published"]) if meta.get("published") else None
    provenance = dict(cleaned.provenance)
    language = detect_language(cleaned.text)
    given = {"outlet": meta.get("outlet"), "title": meta.get("title"), "authors": authors}
    given["published"] = published
    for name, value in given.items():
        if value:
            provenance[name] = given_by
    return Document(
        id=make_id("doc", raw.content_hash),
        source=raw.source,
        text=cleaned.text,
        outlet=meta.get("outlet") or cleaned.outlet,
        title=meta.get("title") or cleaned.title,
        authors=list(authors) if authors else cleaned.authors,
        published=published or cleaned.published,
        language=language,
        dateline=cleaned.dateline,
        comments=cleaned.comments,
        captions=cleaned.captions,
        removed=cleaned.removed,
        format=raw.format,
        content_hash=raw.content_hash,
        provenance={k: v for k, v in provenance.items() if v},
        header=header_text(cleaned.removed),
    )
