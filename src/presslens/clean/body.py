"""The body pass: furniture, bios, signatures and section tails from the body start to the
comments; pull quotes.
"""

from __future__ import annotations

from .lines import _is_body_like, _Line, _norm, _State, _words
from .meta import _byline_from_line, _copyright_owner, looks_like_outlet, parse_byline
from .patterns import (
    BIO_CONTACT,
    BIO_LINE,
    EMBED_ATTRIBUTION,
    OUTLET_SELF_DESCRIPTION,
    SECTION_MARKERS,
    SIGNATURE_NAMES,
    SIGNATURE_OUTLET,
    WIRE_SIGNATURE,
    _caption_text,
    _dateline,
    _is_boilerplate,
    _is_image,
)

PULL_QUOTE_MIN_WORDS = 6  # shorter repeats ("Politics is a tough game.") are often a refrain
PULL_QUOTE_MAX_WORDS = 30
PULL_QUOTE_SKIP_STARTS = {"•", "-", "*", "–", "·"}  # key-point bullets summarise on purpose

BIO_TAIL_BLOCKS = 2  # an author bio is one of the last paragraphs


def _body_pass(lines: list[_Line], body_start: int, end: int, state: _State) -> None:
    """Classify lines from the body start to the comments: furniture, bios, signatures."""
    out = state.out
    section: str | None = None
    body_blocks = sorted({ln.block for ln in lines[body_start:end] if _is_body_like(ln.plain)})
    tail_blocks = set(body_blocks[-BIO_TAIL_BLOCKS:])
    last_body_block = body_blocks[-1] if body_blocks else -1
    dateline_checked = False
    for i in range(body_start, end):
        line = lines[i]
        plain = line.plain
        marker = next((kind for pattern, kind in SECTION_MARKERS if pattern.match(plain)), None)
        if marker and len(plain) <= 60:
            line.kind = section = marker
            continue
        if section == "bio":  # an "About the author" section runs to the end
            line.kind = "bio"
            bio = BIO_LINE.match(plain)
            if bio and not out.authors:
                out.authors.append(bio.group("name"))
            continue
        if section:
            if not _is_body_like(plain):
                line.kind = section
                continue
            section = None
        if state.title_norm and _norm(plain) == state.title_norm and i < body_start + 5:
            line.kind = "title"
            continue
        if EMBED_ATTRIBUTION.match(plain):
            continue  # quoted social-media post: stays in the body
        in_tail = line.block > last_body_block or i >= end - 3
        line.kind = _body_line_kind(plain, line.block in tail_blocks or in_tail, in_tail, state)
        if line.kind is None and not dateline_checked:
            dateline_checked = True
            match = _dateline(plain)
            if match:
                out.dateline = match.group("place").strip()
                if match.group("wire"):
                    state.outlets.append((7, match.group("wire").strip()))


def _furniture_kind(plain: str, state: _State) -> str | None:
    """Images, captions, copyright lines and boilerplate: the same wherever they stand."""
    if _is_image(plain):
        return "image"
    caption = _caption_text(plain)
    if caption:
        state.out.captions.append(caption)
        return "caption"
    owner = _copyright_owner(plain)
    if owner:
        state.outlets.append((5, owner))
        return "metadata"
    if _is_boilerplate(plain):
        return "boilerplate"
    return None


def _body_line_kind(plain: str, near_end: bool, in_tail: bool, state: _State) -> str | None:
    """Kind of one body-zone line, or None to keep it in the body."""
    out = state.out
    furniture = _furniture_kind(plain, state)
    if furniture:
        return furniture
    bio = BIO_LINE.match(plain)
    if bio and near_end and len(_words(plain)) <= 80:
        if not out.authors:
            out.authors.append(bio.group("name"))
        return "bio"
    if BIO_CONTACT.match(plain) and near_end:
        return "bio"
    self_desc = OUTLET_SELF_DESCRIPTION.match(plain)
    if self_desc and near_end and looks_like_outlet(self_desc.group("outlet"), strict=False):
        return "boilerplate"
    if not in_tail:
        return None
    signature = SIGNATURE_OUTLET.match(plain)
    if signature and looks_like_outlet(signature.group("outlet"), strict=False):
        state.outlets.append((4, signature.group("outlet").strip()))
        return "signature"
    if WIRE_SIGNATURE.match(plain):  # "(Reporting by X; Writing by Y; Editing by Z)"
        if not out.authors:  # a byline wins; editors are never authors
            for names in SIGNATURE_NAMES.finditer(plain):
                state.add_authors(parse_byline(names.group("names"))[0])
        return "credits"
    byline = _byline_from_line(plain)
    if byline:
        if not out.authors:
            out.authors.extend(byline[0])
        return "byline"
    if looks_like_outlet(plain) and len(_words(plain)) <= 5:
        state.outlets.append((6, plain.strip("()[] ")))
        return "metadata"
    return None


def _mark_pull_quotes(lines: list[_Line]) -> None:
    """A short standalone paragraph repeating words of another body paragraph is a pull quote
    (design furniture): removed once, the body sentence stays. One C-speed scan per candidate."""
    kept = [ln for ln in lines if ln.kind is None]
    blocks: dict[int, int] = {}
    for ln in kept:
        blocks[ln.block] = blocks.get(ln.block, 0) + 1
    norms = [" ".join(_words(ln.plain)).casefold() for ln in kept]
    joined = " | " + " | ".join(norms) + " | "
    for ln, norm in zip(kept, norms, strict=True):
        n = len(norm.split())
        if not PULL_QUOTE_MIN_WORDS <= n <= PULL_QUOTE_MAX_WORDS or blocks[ln.block] != 1:
            continue
        if ln.plain[:1] in PULL_QUOTE_SKIP_STARTS:
            continue
        if joined.count(f" {norm} ") > 1:  # its own paragraph plus another occurrence
            ln.kind = "pull-quote"
            joined = joined.replace(f" | {norm} | ", " | ", 1)
