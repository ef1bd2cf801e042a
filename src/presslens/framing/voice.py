"""Whose voice a stretch of text is in: the outlet's own, or a speaker's words it reports.

Framing counts only the outlet's own wording. A speaker's words are the text of a direct, block
or posted quote, the quoted fragment of a mixed quote, and anything between quotation marks in a
paragraph (read mark by mark, as a reader would: a title in quotation marks is not the outlet's
wording either). Indirect speech is the outlet's paraphrase, so its wording stays the outlet's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..models import Quote

OPENERS, CLOSERS, TOGGLES = "“«„", "”»", '"'
_MARK_RE = re.compile("[\n" + re.escape(OPENERS + CLOSERS + TOGGLES) + "]")
SPEAKER_KINDS = frozenset({"direct", "block", "post"})  # the whole span is the speaker's words


def quotation_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges between quotation marks (marks included), paragraph by paragraph.

    >>> quotation_ranges('He said "no deal" today.')
    [(8, 17)]
    """
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _MARK_RE.finditer(text):  # only the marks and line ends: the rest is skipped
        i, ch = mark.start(), mark.group()
        if ch == "\n":
            if opened is not None:
                ranges.append((opened, i))
            opened = None
        elif ch in OPENERS or (ch in TOGGLES and opened is None):
            opened = i if opened is None else opened
        elif opened is not None and (ch in CLOSERS or ch in TOGGLES):
            ranges.append((opened, i + 1))
            opened = None
    if opened is not None:
        ranges.append((opened, len(text)))
    return ranges


def _marked(text: str, start: int, end: int) -> bool:
    """Whether a quote is written with quotation marks (at its edges or inside it): then its
    marks say where the speaker's words are, and a quote told in two parts around its
    attribution ('"We won," said Tal Ren, the envoy. "It is over."') leaves the attribution
    between them to the outlet."""
    marks = OPENERS + CLOSERS + TOGGLES
    return any(ch in marks for ch in text[max(0, start - 1) : end + 1])


class OutletVoice:
    """Answers whether a character span of one document is in the outlet's own voice."""

    def __init__(self, text: str, quotes: Iterable[Quote] = ()) -> None:
        ranges = quotation_ranges(text)
        ranges += [
            (q.start, q.end)
            for q in quotes
            if q.kind in SPEAKER_KINDS and not _marked(text, q.start, q.end)
        ]
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._ranges = merged
        self._starts = [r[0] for r in merged]

    def is_outlets(self, start: int, end: int) -> bool:
        """True when no character of [start, end) is inside a speaker's words."""
        i = bisect.bisect_left(self._starts, end) - 1  # the last range starting before `end`
        return not (i >= 0 and self._ranges[i][1] > start)
