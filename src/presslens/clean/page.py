"""Pasted page text: furniture told apart by the learned line model, the page's date, and the
outlet named in its first (<title>) line.
"""

from __future__ import annotations

import re

from presslens.linemodel import (
    BODY_THRESHOLD,
    body_probabilities,
    line_features,
    main_prose_run,
    page_language,
)
from presslens.linemodel import load_model as load_line_model

from .lines import _is_body_like, _Line, _norm, _words
from .meta import (
    DATE_IN_TEXT,
    MONTHS,
    TITLE_OUTLET_SPLIT,
    is_today_line,
    looks_like_outlet,
    parse_date,
)
from .outlet import LOWER_NAME
from .stages import CLEAN_PASS

DASHES = re.compile(r"[-‐‑‒–—―]")

MENU_ITEM_MAX_WORDS = 4
MENU_ITEM_EXCLUDES = re.compile(r"\d|[.!?:;\"”]\s*$")
PAGE_MENU_ITEMS = 6  # a text with fewer menu items left is an article, not a pasted page

# A paragraph this long between article paragraphs is the article's.
MAIN_RUN_PARAGRAPH_MIN_WORDS = 25
TEASER_CUT = re.compile(r"(?:\.\.\.|…)\s*$")  # a teaser's text cut short
HOLE_REACH = 5  # lines above and below searched for the article's kept prose

PAGE_DATE_MAX_WORDS = 25  # a longer line is prose: its dates are not the page's
PAGE_DATE_LINES_INTO_BODY = 8  # a date line may sit just inside the article's first paragraphs
PAGE_DATE_LABEL_REACH = 40  # characters before a date searched for its label
PUBLISHED_NEAR = re.compile(r"\b(?:published|posted|first\s+published)\b", re.IGNORECASE)
EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w+\)")  # "— Jane Roe (@janeroe) May 2, 2024"
MONTH_DAY_LINE = re.compile(rf"^\s*{MONTHS}\s+\d{{1,2}}\s*$", re.IGNORECASE)  # "November 20"
YEAR_LINE = re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}\s+)?(?P<year>(?:19|20)\d{2})\s*$")  # "15:23 2024"
UPDATED_NEAR = re.compile(r"\b(?:updated|modified)\b\W*(?:on|at)?\W*$", re.IGNORECASE)


def _is_menu_item(line: _Line) -> bool:
    """A kept line of at most a few words, without a digit or a sentence's end: "World", "Sign In"."""
    plain = line.plain
    return (
        line.kind is None
        and len(_words(plain)) <= MENU_ITEM_MAX_WORDS
        and not MENU_ITEM_EXCLUDES.search(plain)
    )


@CLEAN_PASS.rule("line-model", version=2)
def line_model(lines: list[_Line]) -> list[tuple[_Line, str | None]]:
    """Pasted page text: a line the rules kept but the learned line model calls furniture (a
    menu item "Sign In", a teaser headline, a footer) becomes `furniture`, and a "pull quote" it
    calls an article line goes back to the body. An article pasted on its own (few menu items
    left) is left alone."""
    model = load_line_model()
    if model is None or sum(map(_is_menu_item, lines)) < PAGE_MENU_ITEMS:
        return []
    rows = line_features([ln.plain for ln in lines], [ln.kind is not None for ln in lines])
    found: list[tuple[_Line, str | None]] = []
    for line, p in zip(lines, body_probabilities(rows, model), strict=True):
        if line.kind is None and p < BODY_THRESHOLD:
            found.append((line, "furniture"))
        elif line.kind == "pull-quote" and p >= BODY_THRESHOLD:  # a page repeats its own
            found.append((line, None))  # lines in teasers: the article's copy is not a pull quote
    return found


@CLEAN_PASS.rule("main-run-paragraph")
def main_run_paragraph(lines: list[_Line]) -> list[tuple[_Line, str | None]]:
    """A long paragraph of the page's main run of prose that the line model called furniture
    goes back to the article when it is a hole in it, article prose kept a few lines above and
    below it: "The agency said on Monday that its researchers had examined how a long sleep
    would change the design of a crewed mission, and found ..." between two of the article's
    paragraphs is not a menu or a teaser. When the model kept no prose on the whole page, the
    run's longest paragraph goes back: an article is never left empty. Shorter lines are left
    to the model."""
    first, last = main_prose_run([ln.plain for ln in lines])
    kept = [i for i, ln in enumerate(lines) if ln.kind is None and _is_body_like(ln.plain)]
    dropped = [i for i in range(first, last + 1) if _dropped_paragraph(lines[i])]
    if not dropped:
        return []
    if not kept:
        return [(max((lines[i] for i in dropped), key=lambda ln: len(ln.plain)), None)]
    return [(lines[i], None) for i in dropped if _is_hole(i, kept, dropped)]


def _dropped_paragraph(line: _Line) -> bool:
    """A long paragraph of prose the line model took out."""
    return line.kind == "furniture" and line.rule == "line-model" and _is_run_paragraph(line.plain)


def _is_hole(i: int, kept: list[int], dropped: list[int]) -> bool:
    """Kept article prose within `HOLE_REACH` lines above and below line i, or on one side when
    no other dropped paragraph is that near (teasers come in rows of them)."""
    above = any(0 < i - j <= HOLE_REACH for j in kept)
    below = any(0 < j - i <= HOLE_REACH for j in kept)
    alone = not any(0 < abs(i - j) <= HOLE_REACH for j in dropped)
    return (above and below) or ((above or below) and alone)


def _is_run_paragraph(plain: str) -> bool:
    """Long prose, not a teaser cut short ("… at a considerable discount. The AirPods…")."""
    return (
        len(_words(plain)) >= MAIN_RUN_PARAGRAPH_MIN_WORDS
        and _is_body_like(plain)
        and not TEASER_CUT.search(plain)
    )


def _page_date(lines: list[_Line]) -> tuple[str, int] | None:
    """(ISO date, line index) of the publication date a pasted page states near its article:
    the date on a short line ("Published Nov 18, 2019 at 4:07 PM | Updated …", "Jane Roe -
    Nov 19, 2019, 10:31 pm CST", "21/06/2014 Jane Roe News, Reviews") closest to the article's
    start (`_article_start`), a "published" label first, an "updated" one and a site's "today"
    line ("Wednesday, March 6, 2024" alone above the menus, `meta.is_today_line`) last. Dates inside
    sentences of prose, and an embedded post's signature ("— Jane Roe (@janeroe) May 2, 2024"),
    are not page dates."""
    first = _article_start(lines)
    end = min(len(lines), first + PAGE_DATE_LINES_INTO_BODY)
    order = "MDY" if page_language([ln.plain for ln in lines]) == "en" else "DMY"
    best: tuple[int, int, str] | None = None
    for i in range(end):
        plain = lines[i].plain
        if len(_words(plain)) > PAGE_DATE_MAX_WORDS or EMBED_SIGNATURE.match(plain):
            continue  # prose, or an embedded post's own date
        prose = _is_body_like(plain)
        today = is_today_line(plain)
        for start, text in _line_dates(lines, i):
            if prose and start > 0:  # "said on April 2, 2024 that …"
                continue
            iso = parse_date(text, ambiguous_order=order)
            if not iso:
                continue
            before = plain[max(0, start - PAGE_DATE_LABEL_REACH) : start]
            rank = _date_rank(before, today)
            candidate = (rank, abs(first - i), iso)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
                index = i
    return (best[2], index) if best else None


def _line_dates(lines: list[_Line], i: int) -> list[tuple[int, str]]:
    """(offset, text) of the dates on line i; a month and day alone on it, with the year on the
    next short line ("November 20" above "15:23 2024"), is one date split in two."""
    plain = lines[i].plain
    found = [(m.start(), m.group(0)) for m in DATE_IN_TEXT.finditer(plain)]
    if not found and MONTH_DAY_LINE.match(plain) and i + 1 < len(lines):
        year = YEAR_LINE.match(lines[i + 1].plain)
        if year:
            found.append((0, f"{plain.strip()}, {year.group('year')}"))
    return found


def _date_rank(before: str, today: bool) -> int:
    """A page date's rank by its label (lower wins): published 0, none 1, updated 2, a site's
    "today" line 3."""
    if today:
        return 3
    if UPDATED_NEAR.search(before):
        return 2
    return 0 if PUBLISHED_NEAR.search(before) else 1


def _article_start(lines: list[_Line]) -> int:
    """The line the article starts on: the first prose line the cleaner kept in the body, else
    the first line of the page's densest run of prose (a cookie notice or a row of teasers can
    hold more prose than a short review)."""
    kept = next(
        (i for i, ln in enumerate(lines) if ln.kind is None and _is_body_like(ln.plain)), None
    )
    if kept is not None:
        return kept
    return main_prose_run([ln.plain for ln in lines])[0]


def _page_title_outlet(lines: list[_Line]) -> str | None:
    """The outlet a pasted page names in its first line, the HTML <title> a browser copies
    first ("Crane collapse halts port - The Vessa Courier"), when the headline part stands again
    on a line of its own further down: then the rest of that first line is the site's name."""
    if len(lines) < 2:
        return None
    match = TITLE_OUTLET_SPLIT.match(lines[0].plain)
    if not match:
        return None
    headline, outlet = _headline_key(match.group("title")), match.group("outlet").strip()
    repeated = any(_headline_key(ln.plain) == headline for ln in lines[1:])
    if repeated and (looks_like_outlet(outlet, strict=False) or LOWER_NAME.match(outlet)):
        return outlet  # a site spelled in lower case ("my6sense") is its name here too
    return None


def _headline_key(text: str) -> str:
    """A headline as two copies of it on one page share it: dashes of every length are one."""
    return DASHES.sub("-", _norm(text))
