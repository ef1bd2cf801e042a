"""Reader comments in pasted text: where the section starts, and who said what when."""

from __future__ import annotations

import re

from presslens.models import Comment

from .lines import SENTENCE_END, _is_body_like, _Line, _words
from .meta import DATE_CORE, _clean_name, _is_date_only
from .patterns import _is_boilerplate
from .stages import CLEAN_PASS

COMMENTS_MIN_PROSE_ABOVE = 12  # words of article prose (one sentence) before reader comments

# "3 comments", "two thoughts": a count of reader comments, alone or before "on <title>".
COMMENT_COUNT = r"(?:\d+|one|two|three)\s+(?:comments?|responses?|replies|thoughts?|reactions?)"
COMMENT_MARKER = re.compile(
    rf"^(?:{COMMENT_COUNT}(?:\s+(?:on|to)\s+.*)?|comments?(?:\s*\(\d+\))?|"
    r"leave a (?:reply|comment)|reader(?:s'?)? comments?|readers'? (?:comments|reactions|views)|"
    r"join the (?:discussion|conversation)|discussion|"
    r"(?:what|here's what) (?:our )?readers (?:say|said|think)|your comments|"
    r"(?:show|view|load) (?:all )?comments.*|responses|comments are closed\.?)\s*:?$",
    re.IGNORECASE,
)
COMMENT_COUNT_ON_TITLE = re.compile(rf"^{COMMENT_COUNT}\s+(?:on|to)\s", re.IGNORECASE)
STRONG_COMMENT_MARKER = re.compile(
    r"\d|\b(?:one|two|three)\b|leave a|reader|join the|thoughts?\b|closed|show|view|load|repl",
    re.IGNORECASE,
)
COMMENT_NOISE = re.compile(
    r"^(?:reply|report|like|likes?\s*\(?\d*\)?|\d+\s+likes?|\d+\s+repl(?:y|ies)|"
    r"leave a (?:reply|comment)|cancel reply|log in to reply|"
    r"(?:upvote|downvote|flag)|↑|↓|\d+|load more comments?|newest|oldest|most voted|"
    r"sort by.*|inline feedbacks?|view all comments|notify of.*|log ?in|sign in|"
    r"(?:\d+\s+)?(?:likes?|dislikes?|points?))\s*:?$",
    re.IGNORECASE,
)
COMMENT_HEADER_INLINE = re.compile(
    rf"^(?P<author>[^\n]{{1,60}}?)\s*(?:says|said|wrote)?\s*(?:[|·•,]|\s[-–—]|\bon\b)\s*"
    rf"(?P<date>{DATE_CORE}|(?:\d+|an?)\s+\w+\s+ago)\s*(?:says|said|wrote)?\s*:?$",
    re.IGNORECASE,
)
COMMENT_SAYS = re.compile(
    r"^(?P<author>[^\n]{1,60}?)\s+(?:says|said|wrote|commented)\s*:$", re.IGNORECASE
)


def _comment_header(lines: list[_Line], i: int) -> tuple[str | None, str | None, int] | None:
    """(author, date, lines used) if a comment starts at line i."""
    plain = lines[i].plain
    match = COMMENT_SAYS.match(plain)
    if match:
        date = None
        used = 1
        if i + 1 < len(lines) and _is_date_only(lines[i + 1].plain):
            date = lines[i + 1].plain
            used = 2
        return _clean_name(match.group("author")), date, used
    match = COMMENT_HEADER_INLINE.match(plain)
    if match and len(_words(match.group("author"))) <= 6:
        return _clean_name(match.group("author")), match.group("date").strip(), 1
    if len(_words(plain)) <= 6 and not SENTENCE_END.search(plain) and i + 1 < len(lines):
        nxt = lines[i + 1].plain
        if _is_date_only(nxt) and not _is_date_only(plain):
            return _clean_name(plain.rstrip(":")), nxt, 2
    return None


def _parse_comments(lines: list[_Line]) -> list[Comment]:
    """Commenter name + date + text blocks; text without a header is one anonymous comment."""
    comments: list[Comment] = []
    current: Comment | None = None
    body: list[str] = []
    last_block = -1

    def flush() -> None:
        nonlocal current, body
        if body:
            text = "\n".join(body).strip()
            if current is None:
                current = Comment(author=None, date=None, text="")
            current.text = text
            comments.append(current)
        current, body = None, []

    i = 0
    while i < len(lines):
        plain = lines[i].plain
        if COMMENT_NOISE.match(plain) or COMMENT_MARKER.match(plain) or _is_boilerplate(plain):
            i += 1
            continue
        header = _comment_header(lines, i)
        if header:
            flush()
            author, date, used = header
            current = Comment(author=author or None, date=date, text="")
            i += used
            last_block = lines[i - 1].block
            continue
        if current is None and body and lines[i].block != last_block:
            flush()  # anonymous comments: one per paragraph
        body.append(lines[i].text.strip())
        last_block = lines[i].block
        i += 1
    flush()
    return comments


@CLEAN_PASS.rule("comment-section")
def comment_section(lines: list[_Line], body_start: int) -> int | None:
    """The line that opens the reader comments, which run to the end: "3 comments on ...".

    A weak marker ("Comments", "Discussion") counts only when a commenter header follows it, so
    a subheading does not swallow the rest of an article. A marker with hardly any prose above
    it is a link in the page header ("Leave a comment" under the byline), not the comments."""
    prose_above = 0
    for i in range(max(body_start + 1, 1), len(lines)):
        plain = lines[i].plain
        if _is_body_like(lines[i - 1].plain):
            prose_above += len(_words(lines[i - 1].plain))
        if prose_above < COMMENTS_MIN_PROSE_ABOVE:
            continue
        long_ok = len(plain) <= 250 and COMMENT_COUNT_ON_TITLE.match(plain)  # "2 thoughts on "…""
        if (len(plain) > 80 and not long_ok) or not COMMENT_MARKER.match(plain):
            continue
        if STRONG_COMMENT_MARKER.search(plain) or i == len(lines) - 1:
            return i
        nxt = next(
            (j for j in range(i + 1, len(lines)) if not COMMENT_NOISE.match(lines[j].plain)),
            None,
        )
        if nxt is not None and _comment_header(lines, nxt):
            return i
    return None
