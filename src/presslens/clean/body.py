"""The body pass: trailing sections, furniture, bios, signatures and credits from the body
start to the comments; then pull quotes.
"""

from __future__ import annotations

import re
from collections import Counter

from . import furniture  # noqa: F401 - registers CLEAN_FURNITURE
from .lines import KEEP, _At, _first_kind, _is_body_like, _Line, _norm, _State, _walk, _words
from .meta import _byline_from_line, _date_from_line, looks_like_outlet, parse_byline
from .patterns import (
    BIO_CONTACT,
    BIO_LINE,
    EMBED_ATTRIBUTION,
    OUTLET_SELF_DESCRIPTION,
    SECTION_MARKERS,
    SIGNATURE_NAMES,
    SIGNATURE_OUTLET,
    WIRE_SIGNATURE,
    _dateline,
)
from .stages import CLEAN_BODY, CLEAN_FURNITURE, CLEAN_PASS, CLEAN_TAIL

PULL_QUOTE_MIN_WORDS = 6  # shorter repeats ("Politics is a tough game.") are often a refrain
PULL_QUOTE_MAX_WORDS = 30
PULL_QUOTE_SKIP_STARTS = {"•", "-", "*", "–", "·"}  # key-point bullets summarise on purpose

DATE_LABEL_WORD = re.compile(r"\b(?:published|posted|updated|modified)\b", re.IGNORECASE)

BIO_TAIL_BLOCKS = 2  # an author bio is one of the last paragraphs


# --- the body rules, tried in order (CLEAN_BODY, CLEAN_FURNITURE, CLEAN_TAIL) ------------------


@CLEAN_BODY.rule("section-marker")
def section_marker(at: _At) -> str | None:
    """A short line opening a trailing section: "Related stories", "About the author"."""
    plain = at.plain
    marker = next((kind for pattern, kind in SECTION_MARKERS if pattern.match(plain)), None)
    if not marker or len(plain) > 60:
        return None
    at.state.section = marker
    return marker


@CLEAN_BODY.rule("bio-section")
def bio_section(at: _At) -> str | None:
    """Every line after "About the author" is the bio: "Jane Roe is a reporter ..." -> author."""
    if at.state.section != "bio":
        return None
    out = at.state.out
    bio = BIO_LINE.match(at.plain)
    if bio and not out.authors:
        out.authors.append(bio.group("name"))
    return "bio"


@CLEAN_BODY.rule("section-tail")
def section_tail(at: _At) -> str | None:
    """Short lines after a section marker ("Related stories") are that section, up to prose."""
    section = at.state.section
    if not section:
        return None
    if not _is_body_like(at.plain):
        return section
    at.state.section = None
    return None


@CLEAN_BODY.rule("title-repeat")
def title_repeat(at: _At) -> str | None:
    """The title printed again just inside the body: "Port strike ends" under the byline."""
    title_norm = at.state.title_norm
    if title_norm and _norm(at.plain) == title_norm and at.i < at.body_start + 5:
        return "title"
    return None


@CLEAN_BODY.rule("embed-attribution")
def embed_attribution(at: _At) -> str | None:
    """A quoted social-media post's attribution stays in the body: "— Jane Roe (@janeroe)"."""
    return KEEP if EMBED_ATTRIBUTION.match(at.plain) else None


@CLEAN_BODY.rule("labelled-date-line")
def labelled_date_line(at: _At) -> str | None:
    """A line inside the body that is only a labelled date, printed again below the article or
    between its parts: "Published 11:11 PM EST March 4, 2024", "First published on March 4, 2024
    / 1:07 AM" -> metadata. An unlabelled date alone ("March 4, 2024" in a timeline) stays, and
    so does a stamp the article itself writes in parentheses ("(Published Monday, March 4, 2024)")."""
    plain = at.plain
    if plain.startswith("(") or not DATE_LABEL_WORD.search(plain):
        return None
    info = _date_from_line(plain)
    return "metadata" if info and info[0] else None


@CLEAN_TAIL.rule("bio-line")
def bio_line(at: _At) -> str | None:
    """An author bio near the end: "Jane Roe is a reporter for The Vessa Courier." -> author."""
    bio = BIO_LINE.match(at.plain)
    if not (bio and at.near_end and len(_words(at.plain)) <= 80):
        return None
    out = at.state.out
    if not out.authors:
        out.authors.append(bio.group("name"))
    return "bio"


@CLEAN_TAIL.rule("bio-contact")
def bio_contact(at: _At) -> str | None:
    """An author's contact line near the end: "Follow Jane on Twitter @janeroe"."""
    return "bio" if at.near_end and BIO_CONTACT.match(at.plain) else None


@CLEAN_TAIL.rule("outlet-self-description")
def outlet_self_description(at: _At) -> str | None:
    """An outlet describing itself near the end: "The Vessa Courier is an independent ..."."""
    self_desc = OUTLET_SELF_DESCRIPTION.match(at.plain)
    if self_desc and at.near_end and looks_like_outlet(self_desc.group("outlet"), strict=False):
        return "boilerplate"
    return None


@CLEAN_TAIL.rule("signature-line")
def signature_line(at: _At) -> str | None:
    """An outlet's signature after the last paragraph: "(The Vessa Courier)" -> outlet."""
    if not at.in_tail:
        return None
    signature = SIGNATURE_OUTLET.match(at.plain)
    if not (signature and looks_like_outlet(signature.group("outlet"), strict=False)):
        return None
    at.state.outlets.append((4, signature.group("outlet").strip()))
    return "signature"


@CLEAN_TAIL.rule("wire-credits")
def wire_credits(at: _At) -> str | None:
    """Wire credits after the last paragraph: "(Reporting by Jane Roe; Editing by Ned Voss)"."""
    if not at.in_tail or not WIRE_SIGNATURE.match(at.plain):
        return None
    if not at.state.out.authors:  # a byline wins; editors are never authors
        for names in SIGNATURE_NAMES.finditer(at.plain):
            at.state.add_authors(parse_byline(names.group("names"))[0])
    return "credits"


@CLEAN_TAIL.rule("tail-byline")
def tail_byline(at: _At) -> str | None:
    """A byline after the last paragraph: "By Jane Roe" -> author when none was found above."""
    if not at.in_tail:
        return None
    byline = _byline_from_line(at.plain)
    if not byline:
        return None
    if not at.state.out.authors:
        at.state.out.authors.extend(byline[0])
    return "byline"


@CLEAN_TAIL.rule("tail-outlet")
def tail_outlet(at: _At) -> str | None:
    """An outlet's name alone after the last paragraph: "The Vessa Courier" -> outlet."""
    plain = at.plain
    if not at.in_tail or not looks_like_outlet(plain) or len(_words(plain)) > 5:
        return None
    at.state.outlets.append((6, plain.strip("()[] ")))
    return "metadata"


BODY_TABLES = (CLEAN_BODY, CLEAN_FURNITURE, CLEAN_TAIL)


def _body_pass(
    lines: list[_Line], body_start: int, end: int, state: _State, tables=BODY_TABLES
) -> None:
    """Classify lines from the body start to the comments: furniture, bios, signatures."""
    body_blocks = sorted({ln.block for ln in lines[body_start:end] if _is_body_like(ln.plain)})
    tail_blocks = set(body_blocks[-BIO_TAIL_BLOCKS:])
    last_body_block = body_blocks[-1] if body_blocks else -1
    dateline_checked = False
    rules = _walk(tables)
    for i in range(body_start, end):
        line = lines[i]
        in_tail = line.block > last_body_block or i >= end - 3
        near_end = line.block in tail_blocks or in_tail
        at = _At(lines, i, state, body_start, near_end, in_tail)
        kind, rule = _first_kind(at, rules)
        line.mark(kind, rule)
        if rule is None and not dateline_checked:  # the first line no rule answered for
            dateline_checked = True
            _read_dateline(line.plain, state)


def _read_dateline(plain: str, state: _State) -> None:
    """The dateline's place (and wire) opening the body's first kept line: "KESSARA, March 3 (Wire) -"."""
    match = _dateline(plain)
    if match:
        state.out.dateline = match.group("place").strip()
        if match.group("wire"):
            state.outlets.append((7, match.group("wire").strip()))


@CLEAN_PASS.rule("pull-quote")
def pull_quotes(lines: list[_Line]) -> list[tuple[_Line, str | None]]:
    """A short standalone paragraph repeating a body sentence is a pull quote, removed once:
    "The port will not close." printed again between paragraphs. Linear: a count of every run of
    PULL_QUOTE_MIN_WORDS words rules out the candidates whose opening words occur only once, and
    only the rest are counted in the whole text."""
    kept = [ln for ln in lines if ln.kind is None]
    blocks: dict[int, int] = {}
    for ln in kept:
        blocks[ln.block] = blocks.get(ln.block, 0) + 1
    norms = [" ".join(_words(ln.plain)).casefold() for ln in kept]
    joined = " | " + " | ".join(norms) + " | "
    tokens = joined.split()
    k = PULL_QUOTE_MIN_WORDS
    openings = Counter(tuple(tokens[i : i + k]) for i in range(len(tokens) - k + 1))
    found: list[tuple[_Line, str | None]] = []
    for ln, norm in zip(kept, norms, strict=True):
        words = norm.split()
        if not PULL_QUOTE_MIN_WORDS <= len(words) <= PULL_QUOTE_MAX_WORDS or blocks[ln.block] != 1:
            continue
        if ln.plain[:1] in PULL_QUOTE_SKIP_STARTS or openings[tuple(words[:k])] < 2:
            continue  # (its opening words once in the text: the line cannot repeat)
        if joined.count(f" {norm} ") > 1:  # its own paragraph plus another occurrence
            found.append((ln, "pull-quote"))
            joined = joined.replace(f" | {norm} | ", " | ", 1)
    return found
