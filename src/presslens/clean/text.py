"""The text cleaner: every line classified by the rule passes, then body and removed assembled."""

from __future__ import annotations

from .body import _body_pass, _mark_pull_quotes
from .comments import _find_comment_start, _parse_comments
from .header import _find_body_start, _header_line_kind, _header_title, _headline_first
from .lines import Cleaned, _assemble, _Line, _norm, _split_lines, _State
from .meta import _outlet_name
from .page import _drop_page_furniture, _page_date, _page_title_outlet


def classify_lines(text: str, known_title: str | None = None) -> tuple[list[_Line], _State]:
    """The rule passes over scraped/pasted text: every line gets a kind (None: body)."""
    lines = _split_lines(text)
    body_start = _find_body_start(lines)
    if body_start == 0 and known_title is None and _headline_first(lines):
        body_start = 1
    comment_start = _find_comment_start(lines, body_start)
    end = comment_start if comment_start is not None else len(lines)
    header_end = min(body_start, end)

    state = _State(out=Cleaned(text=""))
    header_plains = [ln.plain for ln in lines[:header_end]]
    guessed_title, guessed_outlet = _header_title(header_plains)
    state.title = known_title or guessed_title
    state.title_norm = _norm(state.title) if state.title else None
    state.outlet_norm = _norm(guessed_outlet) if guessed_outlet else None
    state.header_norms = {_norm(p) for p in header_plains}
    if guessed_outlet:
        state.outlets.append((1, guessed_outlet))

    for i in range(header_end):
        lines[i].kind = _header_line_kind(lines, i, state)
    if state.title is None and state.fallback_title is not None:  # only short lines: take one
        lines[state.fallback_title].kind = "title"
        state.title = lines[state.fallback_title].plain
        state.title_norm = _norm(state.title)
    _body_pass(lines, body_start, end, state)
    _mark_pull_quotes(lines)
    if comment_start is not None:
        zone = lines[comment_start:]
        for line in zone:
            line.kind = "comments"
        state.out.comments = _parse_comments(zone)
    return lines, state


def clean_text(text: str, known_title: str | None = None, pasted: bool = True) -> Cleaned:
    """Rules for scraped/pasted plain text and markdown (see module data for the patterns);
    `pasted` text (not the paragraphs trafilatura took from HTML) also goes through the line model."""
    lines, state = classify_lines(text, known_title)
    if pasted:
        _drop_page_furniture(lines)
    out = state.out
    out.title = state.title
    if not out.published and state.published_update:
        out.published = state.published_update
    if pasted and (page_outlet := _page_title_outlet(lines)):
        state.outlets.append((0, page_outlet))
    names = sorted((rank, n) for rank, raw in state.outlets if (n := _outlet_name(raw)))
    if names:
        out.outlet = names[0][1]
    if out.published:
        out.provenance["published"] = "text date line"
    elif pasted and (page_date := _page_date(lines)):
        out.published = page_date[0]
        out.provenance["published"] = (
            f"text line {page_date[1] + 1}: {lines[page_date[1]].plain[:80]}"
        )
    if out.outlet:
        out.provenance["outlet"] = "text"
    out.text, out.removed = _assemble(lines)
    return out
