"""What lxml reads from the page tree: element text, reader comments in comment markup, the
block texts when trafilatura gives up, and the page text it left out (leftovers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presslens.models import Comment, Removed
from presslens.rules import Rules

from .comments import COMMENT_MARKER, COMMENT_NOISE
from .lines import WHITESPACE, _norm, _removed
from .meta import _byline_from_line, _date_from_line
from .patterns import BIO_LINE, HEADER_METADATA, NAV_LINE, _is_image
from .stages import CLEAN_LEFTOVER

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
    author_text = _el_text(author_el) if author_el is not None else ""
    author = COMMENT_SAYS_SUFFIX.sub("", author_text).strip() or None
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
    for el in _leaf_blocks(tree):
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


@CLEAN_LEFTOVER.rule("leftover-bio")
def leftover_bio(plain: str) -> str | None:
    """Left-out text that is an author bio: "Jane Roe is a reporter for The Vessa Courier."."""
    return "bio" if BIO_LINE.match(plain) else None


@CLEAN_LEFTOVER.rule("leftover-byline")
def leftover_byline(plain: str) -> str | None:
    """Left-out text that is a byline: "By Jane Roe"."""
    return "byline" if _byline_from_line(plain) else None


@CLEAN_LEFTOVER.rule("leftover-metadata")
def leftover_metadata(plain: str) -> str | None:
    """Left-out text that is a date, a label or a navigation trail: "Home > World > Kessara"."""
    if _date_from_line(plain) or HEADER_METADATA.match(plain) or NAV_LINE.match(plain):
        return "metadata"
    return None


@CLEAN_LEFTOVER.rule("leftover-image")
def leftover_image(plain: str) -> str | None:
    """Left-out text that is an image placeholder or credit: "Photo: Jane Roe"."""
    return "image" if _is_image(plain) else None


@CLEAN_LEFTOVER.rule("leftover-boilerplate")
def leftover_boilerplate(plain: str) -> str | None:
    """Any other left-out text is boilerplate (menus, footers): "Sign in  Subscribe  Contact"."""
    return "boilerplate"


def _leaf_blocks(root) -> Iterator:
    """The innermost block elements, outside scripts and styles."""
    for el in root.iter(*LEAF_BLOCK_TAGS):
        if any(d.tag in LEAF_BLOCK_TAGS for d in el.iterdescendants() if isinstance(d.tag, str)):
            continue
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            continue
        yield el


def _html_leftovers(tree, seen: set[str], rules: Rules = CLEAN_LEFTOVER) -> list[Removed]:
    """Page text trafilatura left out (menus, footers, bylines): listed so nothing goes silently,
    each with the kind the first answering leftover rule gives it."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    seen_text = "\n".join(seen)
    removed: list[Removed] = []
    for el in _leaf_blocks(root):
        text = _el_text(el)
        n = _norm(text)
        if not n or n in seen_text:
            continue
        answer = next(((kind, r) for r in rules if (kind := r(text)) is not None), None)
        if answer is None:
            continue
        record = _removed(answer[0], text, answer[1])
        if removed and (removed[-1].kind, removed[-1].rule) == (record.kind, record.rule):
            removed[-1].text += "\n" + text
        else:
            removed.append(record)
        seen_text += "\n" + n
    return removed


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
