"""The lines above the article body: where the body starts, the title, and what each header
line is (title, byline, date, outlet, image ...).
"""

from __future__ import annotations

from . import furniture  # noqa: F401 - registers CLEAN_FURNITURE before the header tables
from .lines import (
    KEEP,
    SENTENCE_END,
    _At,
    _first_kind,
    _is_body_like,
    _is_short_sentence,
    _Line,
    _norm,
    _State,
    _walk,
    _words,
)
from .meta import (
    BYLINE,
    DATE_IN_TEXT,
    NAME_SPLIT,
    PERSON_NAME,
    SEGMENT_SPLIT,
    _author_name,
    _byline_from_line,
    _clean_name,
    _date_from_line,
    _is_date_only,
    _split_title_outlet,
    is_today_line,
    looks_like_outlet,
    parse_byline,
    parse_date,
)
from .outlet import masthead_outlet
from .patterns import (
    DATELINE_ALONE,
    DATELINE_LABELS,
    HEADER_METADATA,
    NAV_LINE,
    _caption_text,
    _dateline,
    _is_boilerplate,
    _is_header_furniture,
)
from .stages import CLEAN_FURNITURE, CLEAN_HEADER, CLEAN_HEADER_LABEL, CLEAN_PASS

HEADER_MAX_LINES = 15  # a header longer than this is not a header

HEADLINE_MAX_WORDS = 30  # a first line standing alone and no longer than this is the headline
TITLE_MIN_WORDS = 3  # "World News" above a headline is a section label


def _bare_author_line(lines: list[_Line], i: int, plain: str) -> bool:
    """A header line that is just a person's name, next to a date line ("Jane Roe" / "May 2")."""
    if (
        not PERSON_NAME.match(plain)
        or plain.isupper()  # "MORNING EDITION": a programme name, not a person
        or looks_like_outlet(plain, strict=False)
        and len(plain.split()) > 3
    ):
        return False
    if looks_like_outlet(plain):
        return False
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(_date_from_line(n.plain) for n in neighbours)


def _header_segments(segments: list[str]) -> tuple[list[str], str | None, str | None] | None:
    """'Jane Roe, Staff Writer · 7 min read · 04.03.2024': every segment must be metadata."""
    authors: list[str] = []
    outlet = published = None
    for seg in segments:
        if _is_date_only(seg):
            published = published or parse_date(seg)
            continue
        if HEADER_METADATA.match(seg):
            continue
        byline = _byline_from_line(seg)
        if byline:
            authors.extend(byline[0])
            outlet = outlet or byline[1]
            published = published or byline[2]
            continue
        if looks_like_outlet(seg, strict=True):
            outlet = outlet or seg
            continue
        names, role_outlet, _ = parse_byline(seg)
        head = NAME_SPLIT.split(seg)[0]
        if names and PERSON_NAME.match(_clean_name(head)):
            authors.extend(names)
            outlet = outlet or role_outlet
            continue
        if looks_like_outlet(seg, strict=False):
            outlet = outlet or seg
            continue
        return None
    return authors, outlet, published


MASTHEAD_LINES = 3  # a masthead is one of the first lines


def _header_title(plains: list[str]) -> tuple[str | None, str | None]:
    """Title (and outlet) from header lines: a 'Title | Outlet' line or a line printed twice
    (a masthead line is neither)."""
    plains = [p for p in plains if not _is_header_furniture(p)]
    plains = [p for i, p in enumerate(plains) if i >= MASTHEAD_LINES or not masthead_outlet(p)]
    norms = [_norm(p) for p in plains]
    others = set(norms)
    for plain in plains:
        title, outlet = _split_title_outlet(plain, others)
        if outlet:
            return title, outlet
    for i, n in enumerate(norms):
        if len(_words(plains[i])) >= 3 and n in norms[i + 1 :]:
            return plains[i], None
    return None, None


def _headline_first(lines: list[_Line]) -> bool:
    """Whether a long first line standing alone is a headline (pasted text often has no
    header furniture): short enough, not a dateline lede, and headline-like."""
    if len(lines) < 2 or lines[0].block == lines[1].block:
        return False
    plain = lines[0].plain
    words = _words(plain)
    if len(words) > HEADLINE_MAX_WORDS or _dateline(plain) or plain.endswith(":"):
        return False
    capitalised = sum(1 for w in words if w[0].isupper()) / max(len(words), 1)
    return (
        not SENTENCE_END.search(plain)
        or capitalised >= 0.5
        or len(words) <= 20
        or bool(_dateline(lines[1].plain))
    )


def _find_body_start(lines: list[_Line]) -> int:
    """Index of the first body line: the first long, sentence-like line within the header
    window; failing that, the first sentence after the first line (short texts keep a body)."""
    window = lines[:HEADER_MAX_LINES]
    for i, line in enumerate(window):
        plain = line.plain
        if BYLINE.match(plain) and _byline_from_line(plain):
            continue
        if _caption_text(plain) or _is_boilerplate(plain):
            continue
        if _is_body_like(plain) or (_dateline(plain) and len(_words(plain)) >= 6):
            return i
    for i, line in enumerate(window[1:], start=1):
        plain = line.plain
        if (
            len(_words(plain)) >= 4
            and SENTENCE_END.search(plain)
            and not _is_header_furniture(plain)
        ):
            return i
    if len(lines) > HEADER_MAX_LINES:
        return HEADER_MAX_LINES
    return min(1, len(lines) - 1) if len(lines) > 1 else 0


# --- the header rules, tried in order (CLEAN_HEADER, CLEAN_FURNITURE, CLEAN_HEADER_LABEL) -------


@CLEAN_HEADER.rule("title-line")
def title_line(at: _At) -> str | None:
    """The title (given, or printed twice / beside the outlet in the header): "Port strike ends"."""
    title_norm = at.state.title_norm
    return "title" if title_norm and _norm(at.plain) == title_norm else None


@CLEAN_HEADER.rule("outlet-line")
def outlet_line(at: _At) -> str | None:
    """The outlet named beside the title ("Port strike ends | The Vessa Courier") on its own line."""
    outlet_norm = at.state.outlet_norm
    return "metadata" if outlet_norm and _norm(at.plain) == outlet_norm else None


@CLEAN_HEADER.rule("title-outlet-line")
def title_outlet_line(at: _At) -> str | None:
    """The title with the outlet after a bar or dash: "Port strike ends | The Vessa Courier"."""
    state = at.state
    split_title, split_outlet = _split_title_outlet(at.plain, state.header_norms)
    if not (state.title_norm and split_outlet and _norm(split_title) == state.title_norm):
        return None
    state.outlets.append((1, split_outlet))
    return "title"


@CLEAN_HEADER.rule("byline-line")
def byline_line(at: _At) -> str | None:
    """A byline: "By Jane Roe and Tomas Brell, The Vessa Courier" -> authors, outlet."""
    byline = _byline_from_line(at.plain)
    if not byline:
        return None
    authors, b_outlet, b_date = byline
    at.state.add_authors(authors)
    if b_outlet:
        at.state.outlets.append((3, b_outlet))
    at.state.set_published(b_date)
    return "byline"


@CLEAN_HEADER.rule("date-line", version=3)
def date_line(at: _At) -> str | None:
    """A line that is only a date: "Published March 4, 2024 | 5 min read", "22 de março de
    2024" -> published. A site's "today" line ("Thursday, March 7, 2024" above the menus) is
    the date only when the page states no other (`_State.published_today`)."""
    date_info = _date_from_line(at.plain)
    if not date_info:
        return None
    if is_today_line(at.plain) and not date_info[1]:
        at.state.published_today = at.state.published_today or date_info[0]
    else:
        at.state.set_published(*date_info)
    return "metadata"


@CLEAN_HEADER.rule("dateline-alone-line")
def dateline_alone_line(at: _At) -> str | None:
    """A wire dateline on its own line above the first paragraph: "KESSARA, March 3 (Wire) --"
    -> dateline place "KESSARA", outlet "Wire", kept as the body's first line (as when it opens
    the paragraph), so the date it gives is one of the body's time expressions."""
    match = DATELINE_ALONE.match(at.plain)
    if not match or not (match.group("wire") or match.group("date")):
        return None
    if match.group("place").casefold() in DATELINE_LABELS:
        return None
    at.state.out.dateline = at.state.out.dateline or match.group("place").strip()
    if match.group("wire"):
        at.state.outlets.append((7, match.group("wire").strip()))
    if match.group("date") and (date_info := _date_from_line(match.group("date"))):
        at.state.set_published(*date_info)
    return KEEP


@CLEAN_HEADER_LABEL.rule("header-metadata-line")
def header_metadata_line(at: _At) -> str | None:
    """A navigation trail or a section / reading-time label: "Home > World > Kessara"."""
    plain = at.plain
    return "metadata" if NAV_LINE.match(plain) or HEADER_METADATA.match(plain) else None


@CLEAN_HEADER.rule("masthead-line")
def masthead_line(at: _At) -> str | None:
    """One of the first three lines naming the outlet beside a section or programme: "The
    Kestrel | Live" -> outlet "The Kestrel" (see `masthead_outlet`)."""
    name = masthead_outlet(at.plain) if at.i < MASTHEAD_LINES else None
    if name is None:
        return None
    at.state.outlets.append((1, name))
    return "metadata"


@CLEAN_HEADER_LABEL.rule("outlet-name-line")
def outlet_name_line(at: _At) -> str | None:
    """A line that is an outlet's name: "The Vessa Courier" -> outlet candidate."""
    plain, state = at.plain, at.state
    if not looks_like_outlet(plain):
        return None
    if not (state.title is None or at.i < 3 or len(_words(plain)) <= 4):
        return None
    state.outlets.append((2, plain.strip("()[] ")))
    return "metadata"


@CLEAN_HEADER_LABEL.rule("header-segments")
def header_segments(at: _At) -> str | None:
    """Metadata segments on one line: "Jane Roe, Staff Writer · 7 min read · 04.03.2024"."""
    state = at.state
    segments = [s.strip() for s in SEGMENT_SPLIT.split(at.plain) if s.strip()]
    if state.title is None or len(segments) <= 1:
        return None
    found = _header_segments(segments)
    if found is None:
        return None
    seg_authors, seg_outlet, seg_date = found
    state.add_authors(seg_authors)
    if seg_outlet:
        state.outlets.append((2, seg_outlet))
    state.set_published(seg_date)
    return "byline" if seg_authors else "metadata"


@CLEAN_HEADER_LABEL.rule("first-title")
def first_title(at: _At) -> str | None:
    """With no title yet, the first header line of a few words: "Crane collapse halts port"."""
    state = at.state
    if state.title is not None or len(_words(at.plain)) < TITLE_MIN_WORDS:
        return None
    state.title, t_outlet = _split_title_outlet(at.plain)
    state.title_norm = _norm(state.title)
    if t_outlet:
        state.outlets.append((1, t_outlet))
    return "title"


@CLEAN_HEADER_LABEL.rule("bare-author-line")
def bare_author_line(at: _At) -> str | None:
    """A person's name alone next to a date line: "Jane Roe" above "March 4, 2024"."""
    if at.state.title is None or not _bare_author_line(at.lines, at.i, at.plain):
        return None
    at.state.add_authors([_author_name(_clean_name(at.plain))])
    return "byline"


EXTRACTED_HEADER_MIN_WORDS = 6  # a header line this long, in an extractor's paragraphs, is prose


@CLEAN_HEADER_LABEL.rule("extracted-header-content")
def extracted_header_content(at: _At) -> str | None:
    """In the paragraphs an HTML extractor kept (its menus already gone), a header line that is
    an item of a list or table, or that runs to several words, is the article's own: "Better
    night lighting" in a list of the changes above the first long paragraph, "Tested by: Jane
    Roe. Price: 40 euros." stay. A line with a date (or a byline) is still metadata."""
    if not at.state.extracted:
        return None
    plain = at.plain
    if DATE_IN_TEXT.search(plain) or _byline_from_line(plain):
        return None
    block = at.line.block
    in_list = any(
        0 <= j < len(at.lines) and at.lines[j].block == block for j in (at.i - 1, at.i + 1)
    )
    return KEEP if in_list or len(_words(plain)) >= EXTRACTED_HEADER_MIN_WORDS else None


@CLEAN_HEADER_LABEL.rule("header-label")
def header_label(at: _At) -> str | None:
    """A short header line that is not a sentence of prose: "World News", "Analysis"."""
    state, plain = at.state, at.plain
    if state.title is not None and _is_short_sentence(plain):
        return None  # a standfirst or short lede: the outlet's prose
    if state.title is None and len(_words(plain)) >= 2 and state.fallback_title is None:
        state.fallback_title = at.i
    return "metadata"


HEADER_TABLES = (CLEAN_HEADER, CLEAN_FURNITURE, CLEAN_HEADER_LABEL)


def _header_pass(lines: list[_Line], header_end: int, state: _State, tables=HEADER_TABLES) -> None:
    """Classify the lines above the body: title, byline, date, outlet, image ... or body."""
    rules = _walk(tables)
    for i in range(header_end):
        kind, rule = _first_kind(_At(lines, i, state), rules)
        lines[i].mark(kind, rule)


@CLEAN_PASS.rule("fallback-title")
def fallback_title(lines: list[_Line], state: _State) -> list[tuple[_Line, str | None]]:
    """With only short lines above the body and no title, the first of them with two words or
    more is the title: "Harbour news" above the article."""
    if state.title is not None or state.fallback_title is None:
        return []
    line = lines[state.fallback_title]
    state.title = line.plain
    state.title_norm = _norm(state.title)
    return [(line, "title")]
