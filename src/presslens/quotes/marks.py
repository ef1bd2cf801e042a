"""Paragraphs, quotation-mark spans and sentence ends: the text-only first pass."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import TITLES

# Opening/closing quotation marks. Single quotes are never top-level marks: they are nested
# quotes or apostrophes (don't, Okonjo's).
OPEN_MARKS = frozenset("“«„")


CLOSE_MARKS = frozenset("”»")


STRAIGHT = '"'


MARK_RE = re.compile(r"[\"“”«»„‘’]")


SINGLE_MARKS = frozenset("‘’")


BEFORE_OPEN_CHARS = frozenset("([{—–―-/:;,")  # a straight mark after these opens a quote


AFTER_CLOSE_CHARS = frozenset(".,;:!?)]}—–―-'’…")  # a straight mark before these closes one


SENT_END_RE = re.compile(r"[.!?][\"”’)]?\s")


WORD_RE = re.compile(r"\w+")


@dataclass
class _Marked:
    """One quotation-mark span: content offsets plus where the marks sit."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int  # index just past the closing mark (content end if unclosed)
    para: int  # paragraph index of the opening mark
    end_para: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), whitespace-trimmed: the unit a quote mark lives in."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _mark_role(text: str, pos: int, ch: str, is_open: bool) -> str:
    """Whether a mark opens or closes: typed marks say so, straight ones by their neighbours.
    A typed mark of the wrong kind in the wrong place is a typo: '“It is,“ said X' closes."""
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[pos + 1] if pos + 1 < len(text) else "\n"
    prev_open = prev.isspace() or prev in BEFORE_OPEN_CHARS or prev in OPEN_MARKS
    next_close = nxt.isspace() or nxt in AFTER_CLOSE_CHARS
    if ch in OPEN_MARKS:
        closes_here = is_open and prev in ".,!?…" and nxt.isspace()
        return "close" if closes_here else "open"
    if ch in CLOSE_MARKS:
        opens_here = not is_open and prev.isspace() and nxt.isalpha()
        return "open" if opens_here else "close"
    if is_open:
        if next_close or not prev_open:
            return "close"
        return "open"
    if prev.isdigit():  # 5'10" or 12" : inches
        return "none"
    if prev_open:
        return "open"
    if next_close:
        return "close"
    return "open"


def _marked_spans(text: str, paras: list[tuple[int, int]]) -> list[_Marked]:
    """Pair opening and closing marks; an unclosed quote ends with its paragraph unless the next
    paragraph opens with a mark (the convention for a quote running over paragraphs). Whichever
    mark opens first is the outer quote: marks of the other kind inside it are nested quotes."""
    spans: list[_Marked] = []
    open_at: int | None = None
    single = False  # the open quote uses ‘ ’ (British style), not double marks
    open_para = 0
    for index, (ps, pe) in enumerate(paras):
        for match in MARK_RE.finditer(text, ps, pe):
            pos, ch = match.start(), match.group()
            if ch in SINGLE_MARKS:
                role = _single_role(text, pos, ch)
                if open_at is None and role == "open":
                    open_at, open_para, single = pos, index, True
                elif open_at is not None and single and role == "close":
                    _add_span(spans, text, open_at, pos, pos + 1, open_para, index)
                    open_at = None
                continue
            if single and open_at is not None:
                continue  # a double quote nested in a single-quoted one
            role = _mark_role(text, pos, ch, open_at is not None)
            if role == "open" and open_at is None:
                open_at, open_para, single = pos, index, False
            elif role == "close" and open_at is not None:
                _add_span(spans, text, open_at, pos, pos + 1, open_para, index)
                open_at = None
        if open_at is not None:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            first = text[nxt[0]] if nxt is not None else ""
            if (single and first == "‘") or (
                not single and first and (first in OPEN_MARKS or first == STRAIGHT)
            ):
                continue  # the quote runs on into the next paragraph
            _add_span(spans, text, open_at, pe, pe, open_para, index)
            open_at = None
    return spans


def _single_role(text: str, pos: int, ch: str) -> str:
    """‘ opens after a space or at a paragraph start; ’ closes before a space or punctuation
    when it follows a word (otherwise it is an apostrophe: don’t, Okonjo’s)."""
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[pos + 1] if pos + 1 < len(text) else "\n"
    if ch == "‘":
        if re.match(r"\d\d(?:s\b|\b)", text[pos + 1 : pos + 4]):
            return "none"  # "in ‘08", "the ‘90s": an elided century, not a quote
        return (
            "open" if prev.isspace() or prev in BEFORE_OPEN_CHARS or prev in OPEN_MARKS else "none"
        )
    if not prev.isspace() and (nxt.isspace() or nxt in AFTER_CLOSE_CHARS or nxt in CLOSE_MARKS):
        return "close"
    return "none"


def _add_span(spans, text, open_at, content_end, close_at, para, end_para) -> None:
    start = open_at + 1
    while start < content_end and text[start].isspace():
        start += 1
    end = content_end
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(_Marked(start, end, open_at, close_at, para, end_para))


def _sentence_end(text: str) -> re.Match | None:
    """First sentence end in `text` (see `_sentence_ends`)."""
    for m in SENT_END_RE.finditer(text):
        if _ends_sentence(text, m):
            return m
    return None


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    """Offsets just after each sentence end in text[lo:hi]."""
    return [m.end() for m in SENT_END_RE.finditer(text, lo, hi) if _ends_sentence(text, m)]


def _ends_sentence(text: str, m: re.Match) -> bool:
    """Not the stop of a title ("Dr. Vance said"), nor one followed by a lowercase word
    ('Rep. Jon Mela (R-Fla.) said')."""
    if _abbreviation_before(text, m.start()):
        return False
    following = text[m.end() : m.end() + 2].lstrip()
    return not following[:1].islower()


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the character at `dot` the stop of a title or an initial ("Dr.", "Gen.", "J.")?"""
    if text[dot] != ".":
        return False
    lo = dot
    while lo > 0 and text[lo - 1].isalpha():
        lo -= 1
    word = text[lo:dot]
    return word.lower() in TITLES or (len(word) == 1 and word.isupper())
