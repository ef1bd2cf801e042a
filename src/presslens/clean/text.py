"""The text cleaner: every line classified by the rule passes, then body and removed assembled."""

from __future__ import annotations

from presslens.rules import Rules

from .body import _body_pass
from .comments import _parse_comments
from .header import _find_body_start, _header_pass, _header_title, _headline_first
from .lines import Cleaned, _assemble, _Line, _norm, _split_lines, _State
from .meta import _outlet_name
from .outlet import outlet_evidence
from .page import _page_date, _page_title_outlet
from .stages import CLEAN_PASS


def _run_pass(passes: Rules, rule_id: str, *args) -> None:
    """Run one whole-text pass if it is on: it returns (line, kind) pairs, marked by its rule."""
    if not passes.enabled(rule_id):
        return
    rule = passes[rule_id]
    for line, kind in rule(*args):
        line.mark(kind, rule)


def _new_state(
    lines: list[_Line], header_end: int, known_title: str | None, extracted: bool = False
) -> _State:
    """The state of the passes, with the title and outlet the header lines agree on."""
    state = _State(out=Cleaned(text=""), extracted=extracted)
    header_plains = [ln.plain for ln in lines[:header_end]]
    guessed_title, guessed_outlet = _header_title(header_plains)
    state.title = known_title or guessed_title
    state.title_norm = _norm(state.title) if state.title else None
    state.outlet_norm = _norm(guessed_outlet) if guessed_outlet else None
    state.header_norms = {_norm(p) for p in header_plains}
    if guessed_outlet:
        state.outlets.append((1, guessed_outlet))
    return state


def classify_lines(
    text: str, known_title: str | None = None, passes: Rules = CLEAN_PASS, extracted: bool = False
) -> tuple[list[_Line], _State]:
    """The rule passes over scraped/pasted text: every line gets a kind (None: body) and the
    rule that decided it (`_Line.rule`); `extracted`: the text is the paragraphs an HTML
    extractor kept."""
    lines = _split_lines(text)
    body_start = _find_body_start(lines)
    if body_start == 0 and known_title is None and _headline_first(lines):
        body_start = 1
    comment_start = None
    if passes.enabled("comment-section"):
        comment_start = passes["comment-section"](lines, body_start)
    end = comment_start if comment_start is not None else len(lines)
    header_end = min(body_start, end)

    state = _new_state(lines, header_end, known_title, extracted)
    _header_pass(lines, header_end, state)
    _run_pass(passes, "fallback-title", lines, state)
    _body_pass(lines, body_start, end, state)
    _run_pass(passes, "pull-quote", lines)
    if comment_start is not None:
        zone = lines[comment_start:]
        for line in zone:
            line.mark("comments", passes["comment-section"])
        state.out.comments = _parse_comments(zone)
    return lines, state


def _choose_outlet(
    state: _State, lines: list[_Line], pasted: bool, passes: Rules = CLEAN_PASS
) -> str | None:
    """The outlet candidate of best rank (a pasted page's <title> line first); on a pasted page,
    the name its evidence agrees on (`outlet-evidence`)."""
    if pasted and (page_outlet := _page_title_outlet(lines)):
        state.outlets.append((0, page_outlet))
    if pasted and passes.enabled("outlet-evidence"):
        return outlet_evidence(lines, state.outlets)
    names = sorted((rank, n) for rank, raw in state.outlets if (n := _outlet_name(raw)))
    return names[0][1] if names else None


def clean_text(
    text: str, known_title: str | None = None, pasted: bool = True, passes: Rules = CLEAN_PASS
) -> Cleaned:
    """Rules for scraped/pasted plain text and markdown (see `patterns` for the shapes);
    `pasted` text (not the paragraphs trafilatura took from HTML) also goes through the line model."""
    lines, state = classify_lines(text, known_title, passes, extracted=not pasted)
    if pasted:
        _run_pass(passes, "line-model", lines)
        _run_pass(passes, "main-run-paragraph", lines)
    out = state.out
    out.title = state.title
    if not out.published and state.published_update:
        out.published = state.published_update
    out.outlet = _choose_outlet(state, lines, pasted, passes) or out.outlet
    if out.published:
        out.provenance["published"] = "text date line"
    elif pasted and (page_date := _page_date(lines)):
        out.published = page_date[0]
        out.provenance["published"] = (
            f"text line {page_date[1] + 1}: {lines[page_date[1]].plain[:80]}"
        )
    elif state.published_today:
        out.published = state.published_today
        out.provenance["published"] = "text date line (the site's today)"
    if out.outlet:
        out.provenance["outlet"] = "text"
    out.text, out.removed = _assemble(lines)
    return out
