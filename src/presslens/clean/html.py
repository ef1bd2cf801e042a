"""HTML: trafilatura for the body, lxml for what it drops or gets wrong (captions, title, byline,
comments, leftovers), then the text rules over the paragraphs.
"""

from __future__ import annotations

import re

from presslens.models import Comment, Removed

from .comments import COMMENT_MARKER, COMMENT_NOISE
from .lines import WHITESPACE, Cleaned, _norm
from .meta import (
    _byline_from_line,
    _copyright_owner,
    _date_from_line,
    _normalise_meta_date,
    _split_title_outlet,
    parse_byline,
    parse_date,
)
from .patterns import BIO_LINE, EMBED_SPLIT, HEADER_METADATA, NAV_LINE, _caption_text, _is_image
from .text import clean_text

COMMENT_CONTAINER = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-list|comments-area|discussion|disqus)(?:$|[\s_-])",
    re.IGNORECASE,
)
COMMENT_ITEM = re.compile(
    r"(?:^|\s)(?:comment|comment-body|comment-item|single-comment|reader-comment)(?:$|\s)",
    re.IGNORECASE,
)
COMMENT_AUTHOR_CLASS = re.compile(r"author|name|user|fn", re.IGNORECASE)
COMMENT_DATE_CLASS = re.compile(r"date|time", re.IGNORECASE)
COMMENT_SKIP_CLASS = re.compile(r"reply|respond|vote|like|report|actions", re.IGNORECASE)
COMMENT_SAYS_SUFFIX = re.compile(r"\s*(?:says|said|wrote)?\s*:?\s*$", re.IGNORECASE)
BYLINE_CLASS = re.compile(r"byline|author", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
COMMENT_HINT = re.compile(r"comment", re.IGNORECASE)
SITE_NAME_CLASS = re.compile(r"site-?title|site-?name|brand|masthead|logo", re.IGNORECASE)
LEAF_BLOCK_TAGS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "div",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "time",
    "address",
    "pre",
)
SKIP_TAGS = {"script", "style", "noscript", "template"}


def _el_text(el) -> str:
    return WHITESPACE.sub(" ", el.text_content() or "").strip()


def _innermost(elements: list) -> list:
    chosen = set(elements)
    return [el for el in elements if not any(d in chosen for d in el.iterdescendants())]


def _class_of(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _html_comment(item) -> Comment | None:
    """One comment element -> Comment(author, date, text)."""
    inner = [el for el in item.iterdescendants() if isinstance(el.tag, str)]
    authors = _innermost(
        [el for el in inner if el.tag == "cite" or COMMENT_AUTHOR_CLASS.search(el.get("class", ""))]
    )
    author_el = authors[0] if authors else None
    date_el = next((el for el in inner if el.tag == "time"), None)
    if date_el is None:
        dates = _innermost([el for el in inner if COMMENT_DATE_CLASS.search(el.get("class", ""))])
        date_el = next((el for el in dates if el is not author_el), None)
    skip = [el for el in (author_el, date_el) if el is not None]
    skip += [el for el in inner if COMMENT_SKIP_CLASS.search(el.get("class", ""))]

    def outside(el) -> bool:
        return not any(el is s or s in el.iterancestors() for s in skip)

    paras = [_el_text(p) for p in item.iter("p") if outside(p)]
    text = "\n".join(p for p in paras if p)
    if not text:
        text = _el_text(item)
        for el in skip:
            text = text.replace(_el_text(el), " ", 1)
        text = WHITESPACE.sub(" ", text).strip()
    author = _el_text(author_el) if author_el is not None else ""
    author = COMMENT_SAYS_SUFFIX.sub("", author).strip() or None
    date = None
    if date_el is not None:
        date = date_el.get("datetime") or _el_text(date_el) or None
    return Comment(author=author, date=date, text=text) if text else None


def _html_comments(tree) -> tuple[list[Comment], list[str]]:
    """Reader comments from comment sections/lists, and their raw texts (kept out of the body)."""
    comments: list[Comment] = []
    texts: list[str] = []
    containers = [
        el
        for el in tree.iter("section", "div", "ol", "ul", "aside")
        if COMMENT_CONTAINER.search(_class_of(el)) and not COMMENT_ITEM.search(el.get("class", ""))
    ]
    chosen = set(containers)
    outer = [el for el in containers if not any(a in chosen for a in el.iterancestors())]
    for container in outer:
        inner = [el for el in container.iterdescendants() if isinstance(el.tag, str)]
        items = _innermost([el for el in inner if COMMENT_ITEM.search(el.get("class", ""))])
        if not items:
            items = _innermost([el for el in inner if el.tag == "li"])
        for item in items:
            comment = _html_comment(item)
            if comment:
                comments.append(comment)
        texts.append("\n".join(t.strip() for t in container.itertext() if t.strip()))
    return comments, texts


def _block_texts(tree, skip_norms: set[str]) -> list[str]:
    """Texts of the innermost block elements (or the whole page), outside comment sections."""
    texts: list[str] = []
    for el in tree.iter(*LEAF_BLOCK_TAGS):
        if any(d.tag in LEAF_BLOCK_TAGS for d in el.iterdescendants() if isinstance(d.tag, str)):
            continue
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            continue
        text = _el_text(el)
        if (
            text
            and _norm(text) not in skip_norms
            and not any(COMMENT_CONTAINER.search(_class_of(a)) for a in el.iterancestors())
        ):
            texts.append(text)
    if not texts:
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        whole = _el_text(tree)
        texts = [whole] if whole else []
    return texts


def _leftover_kind(plain: str) -> str:
    if BIO_LINE.match(plain):
        return "bio"
    if _byline_from_line(plain):
        return "byline"
    if _date_from_line(plain) or HEADER_METADATA.match(plain) or NAV_LINE.match(plain):
        return "metadata"
    if _is_image(plain):
        return "image"
    return "boilerplate"


def _html_leftovers(tree, seen: set[str]) -> list[Removed]:
    """Page text trafilatura left out (menus, footers, bylines): listed so nothing goes silently."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    seen_text = "\n".join(seen)
    removed: list[Removed] = []
    for el in root.iter(*LEAF_BLOCK_TAGS):
        if any(d.tag in LEAF_BLOCK_TAGS for d in el.iterdescendants() if isinstance(d.tag, str)):
            continue
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            continue
        text = _el_text(el)
        n = _norm(text)
        if not n or n in seen_text:
            continue
        kind = _leftover_kind(text)
        if removed and removed[-1].kind == kind:
            removed[-1].text += "\n" + text
        else:
            removed.append(Removed(kind, text))
        seen_text += "\n" + n
    return removed


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


def _trafilatura_comments(html: str) -> tuple[list[Comment], list[str]]:
    """Fallback when no comment markup was recognised: trafilatura's own comment extraction
    (one Comment per paragraph, author and date unknown)."""
    import trafilatura  # noqa: PLC0415

    doc = trafilatura.bare_extraction(html, include_comments=True, with_metadata=False)
    text = getattr(doc, "comments", None) if doc is not None else None
    if not text:
        return [], []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    comments = [
        Comment(author=None, date=None, text=ln)
        for ln in lines
        if not COMMENT_MARKER.match(ln) and not COMMENT_NOISE.match(ln)
    ]
    return comments, ["\n".join(lines)]


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
    elif doc.text:
        paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    return paragraphs, doc


def clean_html(html: str, known_title: str | None = None) -> Cleaned:
    """trafilatura for the body, lxml for what it drops or gets wrong (captions, title, byline)."""
    import lxml.etree  # noqa: PLC0415
    import lxml.html  # noqa: PLC0415

    html = XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return Cleaned(text="")
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return clean_text(re.sub(r"<[^>]+>", "", html), known_title=known_title)

    h1 = next((_el_text(el) for el in tree.iter("h1") if _el_text(el)), None)
    og_title = _meta(tree, "og:title", "twitter:title")
    head_title = _el_text(tree.find(".//title")) if tree.find(".//title") is not None else None
    site_name = _meta(tree, "og:site_name", "application-name", "publisher")
    meta_author = _meta(tree, "author", "article:author", "byl", "parsely-author", "dc.creator")
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

    raw_captions = [_el_text(el) for el in tree.iter("figcaption") if _el_text(el)]
    captions = [_caption_text(c) or c for c in raw_captions]
    comments, comment_texts = _html_comments(tree)
    if not comments and COMMENT_HINT.search(html):
        comments, comment_texts = _trafilatura_comments(html)

    paragraphs, tdoc = _trafilatura_paragraphs(html)
    if not paragraphs:  # trafilatura gives up on tiny or odd pages: take the blocks ourselves
        paragraphs = _block_texts(tree, {_norm(t) for t in comment_texts})
    title = known_title or h1 or og_title
    if not title and head_title:
        title = _split_title_outlet(head_title)[0]
    if not title and tdoc is not None and tdoc.title and tdoc.title != site_name:
        title = tdoc.title

    caption_norms = {_norm(c) for c in raw_captions + captions}
    comment_norms = [_norm(t) for t in comment_texts]
    removed: list[Removed] = []
    kept: list[str] = []
    for para in paragraphs:
        para = EMBED_SPLIT.sub(
            "\n", para
        )  # "Stay safe.— Name (@handle)": signature on its own line
        n = _norm(para)
        if n in caption_norms:
            continue
        if n != _norm(title or "") and len(n) > 20 and any(n in ct for ct in comment_norms):
            removed.append(Removed("comments", para))
            continue
        kept.append(para)

    result = clean_text("\n\n".join(kept), known_title=title, pasted=False)
    result.removed = removed + result.removed
    for raw_cap, cap in zip(raw_captions, captions, strict=True):
        result.removed.append(Removed("caption", raw_cap))
        if cap not in result.captions:
            result.captions.append(cap)
    if comments:
        result.comments = comments + [
            c for c in result.comments if c.text not in {x.text for x in comments}
        ]
        result.removed.append(Removed("comments", "\n".join(comment_texts)))

    # Metadata: structured HTML wins over what the text rules guessed.
    result.title = title or result.title
    if title and not any(r.kind == "title" for r in result.removed):
        result.removed.insert(0, Removed("title", title))
    seen = {_norm(result.text)} | caption_norms | set(comment_norms)
    seen |= {_norm(r.text) for r in result.removed}
    result.removed.extend(_html_leftovers(tree, seen))
    html_authors = _html_authors(tree, meta_author)
    if html_authors:
        result.authors = html_authors
    elif not result.authors and tdoc is not None and tdoc.author:
        result.authors = parse_byline(tdoc.author.replace(";", ","))[0]
    date_source = meta_date or (time_el.get("datetime") if time_el is not None else None)
    published = _normalise_meta_date(date_source) if date_source else None
    if not published and tdoc is not None and tdoc.date:
        published = parse_date(tdoc.date)
    result.published = published or result.published
    outlet = site_name
    if not outlet and head_title:
        outlet = _split_title_outlet(head_title, {_norm(title or "")})[1]
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
        owners = (_copyright_owner(ln) for r in result.removed for ln in r.text.split("\n"))
        outlet = next((o for o in owners if o), None)
    result.outlet = outlet or result.outlet
    return result
