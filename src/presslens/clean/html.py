"""HTML: trafilatura for the body, lxml for what it drops or gets wrong (captions, title, byline,
comments, leftovers), then the text rules over the paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.models import Comment, Removed
from presslens.rules import Rule

from .lines import WHITESPACE, Cleaned, _norm, _removed
from .meta import (
    _byline_from_line,
    _copyright_owner,
    _normalise_meta_date,
    _split_title_outlet,
    parse_byline,
    parse_date,
)
from .patterns import EMBED_SPLIT, _caption_text
from .stages import CLEAN_HTML
from .text import clean_text
from .tree import (
    COMMENT_CONTAINER,
    _block_texts,
    _el_text,
    _html_comments,
    _html_leftovers,
    _trafilatura_comments,
)

BYLINE_CLASS = re.compile(r"byline|author", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
COMMENT_HINT = re.compile(r"comment", re.IGNORECASE)
SITE_NAME_CLASS = re.compile(r"site-?title|site-?name|brand|masthead|logo", re.IGNORECASE)


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            content = (el.get("content") or "").strip()
            if content:
                return content
    return None


def _html_authors(tree, meta_author: str | None) -> list[str]:
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "html", "body", "article", "main"):
            continue
        if el.get("rel") == "author" or BYLINE_CLASS.search(
            f"{el.get('class', '')} {el.get('itemprop', '')}"
        ):
            if any(
                COMMENT_CONTAINER.search(f"{a.get('class', '')} {a.get('id', '')}")
                for a in el.iterancestors()
            ):
                continue
            text = _el_text(el)
            if not text or len(text) > 200:
                continue
            byline = _byline_from_line(text)
            authors = byline[0] if byline else parse_byline(text)[0]
            if authors:
                return authors
    if meta_author:
        return parse_byline(meta_author.replace(";", ","))[0]
    return []


def _table_row_text(row) -> str:
    """A table row as one line, its cells separated by spaces."""
    cells = (WHITESPACE.sub(" ", "".join(c.itertext())).strip() for c in row.iter("cell"))
    return " ".join(c for c in cells if c)


def _trafilatura_paragraphs(html: str):
    import trafilatura  # noqa: PLC0415 - heavy import, HTML only

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
    )
    if doc is None:
        return [], None
    paragraphs: list[str] = []
    body = getattr(doc, "body", None)
    if body is not None:
        for el in body:
            if el.tag == "list":
                items = [
                    WHITESPACE.sub(" ", "".join(i.itertext())).strip() for i in el.iter("item")
                ]
                text = "\n".join(i for i in items if i)
            elif el.tag == "table":  # one line a row, cells apart: "Pos. Driver Points"
                text = "\n".join(_table_row_text(row) for row in el.iter("row")).strip()
            else:
                text = WHITESPACE.sub(" ", "".join(el.itertext())).strip()
            if text:
                paragraphs.append(text)
            tail = WHITESPACE.sub(" ", el.tail or "").strip()
            if tail:  # text after a heading, outside any paragraph element: the paragraph
                paragraphs.append(tail)
    elif doc_text := getattr(doc, "text", None):
        paragraphs = [p.strip() for p in doc_text.split("\n") if p.strip()]
    return paragraphs, doc


# --- what the page says about itself ------------------------------------------------------


@dataclass
class _PageMeta:
    """What the page's markup states: titles, site name, author, date."""

    h1: str | None
    og_title: str | None
    head_title: str | None
    site_name: str | None
    meta_author: str | None
    date_source: str | None  # a <meta> date, else the first <time datetime> outside comments


def _page_meta(tree) -> _PageMeta:
    meta_date = _meta(
        tree,
        "article:published_time",
        "datePublished",
        "pubdate",
        "publish-date",
        "date",
        "dc.date",
    )
    time_el = next(
        (
            el
            for el in tree.iter("time")
            if el.get("datetime")
            and not any(
                COMMENT_CONTAINER.search(f"{a.get('class', '')} {a.get('id', '')}")
                for a in el.iterancestors()
            )
        ),
        None,
    )
    title_el = tree.find(".//title")
    return _PageMeta(
        h1=next((_el_text(el) for el in tree.iter("h1") if _el_text(el)), None),
        og_title=_meta(tree, "og:title", "twitter:title"),
        head_title=_el_text(title_el) if title_el is not None else None,
        site_name=_meta(tree, "og:site_name", "application-name", "publisher"),
        meta_author=_meta(tree, "author", "article:author", "byl", "parsely-author", "dc.creator"),
        date_source=meta_date or (time_el.get("datetime") if time_el is not None else None),
    )


def _page_title(known_title: str | None, meta: _PageMeta, tdoc) -> str | None:
    """The given title, else <h1>, og:title, the <title> before its outlet, trafilatura's."""
    title = known_title or meta.h1 or meta.og_title
    if not title and meta.head_title:
        title = _split_title_outlet(meta.head_title)[0]
    if not title and tdoc is not None and tdoc.title and tdoc.title != meta.site_name:
        title = tdoc.title
    return title


def _page_published(meta: _PageMeta, tdoc) -> str | None:
    published = _normalise_meta_date(meta.date_source) if meta.date_source else None
    if not published and tdoc is not None and tdoc.date:
        published = parse_date(tdoc.date)
    return published


def _page_outlet(tree, meta: _PageMeta, title: str | None, removed: list[Removed]) -> str | None:
    """og:site_name, else the <title>'s outlet part, a site-name element, a copyright owner."""
    outlet = meta.site_name
    if not outlet and meta.head_title:
        outlet = _split_title_outlet(meta.head_title, {_norm(title or "")})[1]
    if not outlet:
        outlet = next(
            (
                _el_text(el)
                for el in tree.iter()
                if isinstance(el.tag, str)
                and SITE_NAME_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}")
                and 0 < len(_el_text(el).split()) <= 6
            ),
            None,
        )
    if not outlet:
        owners = (_copyright_owner(ln) for r in removed for ln in r.text.split("\n"))
        outlet = next((o for o in owners if o), None)
    return outlet


# --- the HTML rules ---------------------------------------------------------------------------


@CLEAN_HTML.rule("html-figcaption")
def html_figcaptions(tree) -> list[str]:
    """Figure captions, removed and kept in `captions`: "<figcaption>The quay at dawn</figcaption>"."""
    return [_el_text(el) for el in tree.iter("figcaption") if _el_text(el)]


@CLEAN_HTML.rule("html-comment-section")
def html_comment_section(tree, html: str) -> tuple[list[Comment], list[str]]:
    """Reader comments in comment markup (else trafilatura's): "<ol class="comment-list">"."""
    comments, texts = _html_comments(tree)
    if not comments and COMMENT_HINT.search(html):
        comments, texts = _trafilatura_comments(html)
    return comments, texts


@CLEAN_HTML.rule("html-comment-paragraph")
def html_comment_paragraph(norm: str, title: str | None, comment_norms: list[str]) -> bool:
    """A body paragraph that stands in the reader comments: "Great piece, thank you!" twice."""
    return norm != _norm(title or "") and len(norm) > 20 and any(norm in ct for ct in comment_norms)


@CLEAN_HTML.rule("html-title")
def html_title(title: str | None, removed: list[Removed]) -> bool:
    """The page's title (<h1>, og:title) when the text rules removed none: "Port strike ends"."""
    return bool(title) and not any(r.kind == "title" for r in removed)


def _on(rule_id: str) -> Rule | None:
    """The HTML rule, or None when it is switched off."""
    return CLEAN_HTML[rule_id] if CLEAN_HTML.enabled(rule_id) else None


# --- the runner -------------------------------------------------------------------------------


def _parse_tree(html: str):
    """The lxml tree, or None when lxml cannot read the page."""
    import lxml.etree  # noqa: PLC0415
    import lxml.html  # noqa: PLC0415

    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _body_paragraphs(
    paragraphs: list[str], title: str | None, skip_norms: set[str], comment_norms: list[str]
) -> tuple[list[str], list[Removed]]:
    """trafilatura's paragraphs without captions (listed apart) and reader comments."""
    rule = _on("html-comment-paragraph")
    removed: list[Removed] = []
    kept: list[str] = []
    for para in paragraphs:
        para = EMBED_SPLIT.sub(
            "\n", para
        )  # "Stay safe.— Name (@handle)": signature on its own line
        n = _norm(para)
        if n in skip_norms:
            continue
        if rule is not None and rule(n, title, comment_norms):
            removed.append(_removed("comments", para, rule))
            continue
        kept.append(para)
    return kept, removed


def _add_captions(result: Cleaned, raw_captions: list[str], captions: list[str]) -> None:
    rule = _on("html-figcaption")
    for raw_cap, cap in zip(raw_captions, captions, strict=True):
        result.removed.append(_removed("caption", raw_cap, rule))
        if cap not in result.captions:
            result.captions.append(cap)


def _add_comments(result: Cleaned, comments: list[Comment], comment_texts: list[str]) -> None:
    if not comments:
        return
    given = {x.text for x in comments}
    result.comments = comments + [c for c in result.comments if c.text not in given]
    result.removed.append(
        _removed("comments", "\n".join(comment_texts), _on("html-comment-section"))
    )


def _add_page_metadata(result: Cleaned, tree, meta: _PageMeta, title: str | None, tdoc) -> None:
    """Structured HTML wins over what the text rules guessed (authors, date, outlet)."""
    html_authors = _html_authors(tree, meta.meta_author)
    if html_authors:
        result.authors = html_authors
    elif not result.authors and tdoc is not None and tdoc.author:
        result.authors = parse_byline(tdoc.author.replace(";", ","))[0]
    result.published = _page_published(meta, tdoc) or result.published
    result.outlet = _page_outlet(tree, meta, title, result.removed) or result.outlet


def clean_html(html: str, known_title: str | None = None) -> Cleaned:
    """trafilatura for the body, lxml for what it drops or gets wrong (captions, title, byline)."""
    html = XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return Cleaned(text="")
    tree = _parse_tree(html)
    if tree is None:
        return clean_text(re.sub(r"<[^>]+>", "", html), known_title=known_title)
    meta = _page_meta(tree)
    raw_captions = html_figcaptions(tree) if _on("html-figcaption") else []
    captions = [_caption_text(c) or c for c in raw_captions]
    comments, comment_texts = [], []
    if _on("html-comment-section"):
        comments, comment_texts = html_comment_section(tree, html)

    paragraphs, tdoc = _trafilatura_paragraphs(html)
    if not paragraphs:  # trafilatura gives up on tiny or odd pages: take the blocks ourselves
        paragraphs = _block_texts(tree, {_norm(t) for t in comment_texts})
    title = _page_title(known_title, meta, tdoc)
    caption_norms = {_norm(c) for c in raw_captions + captions}
    comment_norms = [_norm(t) for t in comment_texts]
    kept, removed = _body_paragraphs(paragraphs, title, caption_norms, comment_norms)

    result = clean_text("\n\n".join(kept), known_title=title, pasted=False)
    result.removed = removed + result.removed
    _add_captions(result, raw_captions, captions)
    _add_comments(result, comments, comment_texts)
    result.title = title or result.title
    if (rule := _on("html-title")) is not None and rule(title, result.removed):
        result.removed.insert(0, _removed("title", title or "", rule))
    seen = {_norm(result.text)} | caption_norms | set(comment_norms)
    seen |= {_norm(r.text) for r in result.removed}
    result.removed.extend(_html_leftovers(tree, seen))
    _add_page_metadata(result, tree, meta, title, tdoc)
    return result
