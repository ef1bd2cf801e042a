"""Metadata read from lines: publication dates, author names from bylines, outlet names.

Dates: header dates are parsed with dateparser (English, day+month+year required). For
all-numeric dates we decide the order ourselves: "31/03/2024" is day-first because 31 cannot be
a month, "03/31/2024" is month-first; when both readings are possible ("04/03/2024") we read
month-first (`AMBIGUOUS_NUMERIC_ORDER`), except for dotted dates ("04.03.2024"), which are a
day-first convention. A pasted page not in English reads them day-first (`_page_date`). Month
names are English, or Portuguese, Spanish, French and Italian ones in the forms those languages
write ("22 de janeiro de 2018", "3 mars 2024": `FOREIGN_DATE`).
"""

from __future__ import annotations

import re

from presslens.lexicon import pairs, words

from ..dates import absolute_day
from .lines import WHITESPACE, _norm, _words

AMBIGUOUS_NUMERIC_ORDER = "MDY"
FOLLOW_PREFIX = re.compile(r"^(?:follow|like|subscribe to)\s+(?:us\s+on\s+)?", re.IGNORECASE)

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
FOREIGN_MONTH_NUMBERS: dict[str, int] = {
    name: int(n) for name, n in pairs("foreign_month_names").items()
}
FOREIGN_MONTHS = "(?i:" + "|".join(sorted(FOREIGN_MONTH_NUMBERS, key=len, reverse=True)) + ")"
# "22 de janeiro de 2018", "5 de mayo del 2019", "3 mars 2024", "1º de abril de 2024".
FOREIGN_DATE_SHAPE = (
    r"({g}\d{{1,2}})(?:º|°|er)?\s+(?:de\s+)?({g}{m})\s+(?:de\s+|del\s+)?({g}\d{{4}})"
)
FOREIGN_DATE = re.compile(
    "^" + FOREIGN_DATE_SHAPE.format(g="", m=FOREIGN_MONTHS)
)  # day, month, year
FOREIGN_DATE_CORE = FOREIGN_DATE_SHAPE.format(g="?:", m=FOREIGN_MONTHS)  # the same, without groups
WEEKDAYS = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
TIME_PART = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?|,?\s*(?:at\s+)?\d{1,2}\s*[ap]\.?m\.?)?"
DATE_CORE = (
    rf"(?:{WEEKDAYS}\s+)?(?:"
    rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 4, 2024
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS},?\s+\d{{4}}"  # 4 March 2024
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"  # 2024-03-04
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"  # 04/03/2024
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2}"  # 2024/03/04
    rf"|{FOREIGN_DATE_CORE}"  # 22 de janeiro de 2018
    rf"){TIME_PART}"
)
DATE_IN_TEXT = re.compile(DATE_CORE, re.IGNORECASE)
TODAY_LINE = re.compile(
    rf"\s*{WEEKDAYS}\s+{DATE_CORE}", re.IGNORECASE
)  # "Wednesday, March 6, 2024"
DATE_LABEL = (
    r"(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|date(?:d)?|"
    r"last\s+updated|updated(?:\s+on)?|modified|on)"
)
DATE_LINE = re.compile(
    rf"^\s*(?P<label>{DATE_LABEL})?\s*[:\-–—]?\s*(?P<date>{DATE_CORE})\s*"
    r"(?:[|·•]\s*\d+\s*min(?:ute)?s?\s+read)?\s*$",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
ISO_DATE = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
DATE_LINE_MAX_WORDS = 14
DATE_RESIDUE = re.compile(
    rf"^(?:\s|[,|·•:;()\-–—/]|{DATE_LABEL}\b|at\b|{WEEKDAYS}|"
    r"\d{1,2}[:.]\d{2}|[ap]\.?m\.?|\b(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)\b|[+-]\d{1,2}\b|"
    r"\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b|"  # "Updated 2 hours ago"
    r"(?:live(?:\s+updates?|\s+blog)?|opinion|analysis|commentary|breaking|exclusive|news)\b|"  # section labels
    r"\d+\s*min(?:ute)?s?\s+read)*$",
    re.IGNORECASE,
)

UPDATED_LABEL = re.compile(r"^\s*(?:last\s+)?(?:updated|modified)", re.IGNORECASE)
RELATIVE_TIME = re.compile(
    r"^(?:\d+|an?|one)\s+(?:second|minute|min|hour|day|week|month|year)s?\s+ago$|^(?:yesterday|today|just now)$",
    re.IGNORECASE,
)

BYLINE = re.compile(
    r"^\s*(?:by|written by|interview(?:ed)? by|interviews? by|words by|story by|reporting by|author:?|authors:?|"
    r"posted by|published by)\s*[:\-]?\s+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
NAME_TOKEN = (
    r"(?:[A-Z][a-zA-Z'’\-]+\.?|[A-Z]\.|(?:de|da|van|von|der|del|la|le|al|bin|ibn|el)(?=\s))"
)
PERSON_NAME = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,4}}$")
NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*|\s*;\s*)\s*", re.IGNORECASE)
AUTHOR_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+)+", re.IGNORECASE
)
AUTHOR_ROLES = words("author_roles")
ROLE_PREFIX = re.compile(
    r"^(?:(?:senior|chief|special|foreign|political|security|defen[cs]e|diplomatic|staff|"
    r"regional|local|investigative|contributing)\s+)*"
    r"(?:correspondent|reporter|editor|writer|columnist|contributor|analyst)\b",
    re.IGNORECASE,
)

OUTLET_WORDS = words("outlet_words")
OUTLET_CONNECTORS = words("outlet_connectors")
DOMAIN_LINE = re.compile(
    r"^(?:www\.)?[a-z0-9][a-z0-9-]*\.(?:com|net|org|news|info|co\.uk|tv|media)$", re.IGNORECASE
)
COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<owner>[^.|·•,]+?)\s*(?:[.|·•,].*)?$",
    re.IGNORECASE,
)

SEGMENT_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+")
TITLE_OUTLET_SPLIT = re.compile(r"^(?P<title>.+)\s+(?P<sep>[|]|[-–—])\s+(?P<outlet>[^|]{2,60})$")


def looks_like_outlet(text: str, strict: bool = True) -> bool:
    """A short capitalised name with a newsy word ("The Meridian Post", "Kessara Wire")."""
    text = text.strip().strip("()[]").strip()
    if DOMAIN_LINE.match(text):
        return True
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return False
    if any(ch in text for ch in '.,:;!?"“”') and not re.search(r"\.(?:com|net|org)\b", text):
        return False
    for word in words:
        if word.casefold() in OUTLET_CONNECTORS:
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            return False
    has_outlet_word = any(
        w.casefold().strip("'’s") in OUTLET_WORDS or w.casefold() in OUTLET_WORDS for w in words
    )
    if strict:
        return has_outlet_word
    return has_outlet_word or len(words) <= 4


def parse_date(text: str, ambiguous_order: str = AMBIGUOUS_NUMERIC_ORDER) -> str | None:
    """An ISO date from a date string, or None; numeric order decided as the module doc says
    (`ambiguous_order` for "04/03/2024"), month names in English or in `FOREIGN_MONTHS`.

    >>> parse_date("22 de janeiro de 2018"), parse_date("05/10/2018", ambiguous_order="DMY")
    ('2018-01-22', '2018-10-05')
    """
    text = text.strip()
    iso = ISO_DATE.match(text)
    if iso:
        return _iso(int(iso.group(1)), int(iso.group(3)), int(iso.group(4)))
    foreign = FOREIGN_DATE.match(text)
    if foreign:
        day, month, year = foreign.groups()
        return _iso(int(year), FOREIGN_MONTH_NUMBERS[month.casefold()], int(day))
    numeric = NUMERIC_DATE.match(text)
    if numeric:
        a, sep, b, year = numeric.groups()
        a_i, b_i, year_i = int(a), int(b), int(year)
        if a_i > 12:
            order = "DMY"
        elif b_i > 12:
            order = "MDY"
        else:
            order = "DMY" if sep == "." else ambiguous_order
        month, day = (b_i, a_i) if order == "DMY" else (a_i, b_i)
        return _iso(year_i, month, day)
    return absolute_day(text)


def _iso(year: int, month: int, day: int) -> str | None:
    import datetime as _dt

    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_today_line(plain: str) -> bool:
    """A site's "today" line: a weekday and a date opening a line that names no author nor
    label ("Wednesday, March 6, 2024", "Wednesday March 6, 2024 Morning briefing"), printed
    above the menus and again in sidebars, not the article's own date.

    >>> _is_today_line("Wednesday, March 6, 2024"), _is_today_line("By Jane Roe | March 6, 2024")
    (True, False)
    """
    found = TODAY_LINE.match(plain)
    return bool(found and found.start() == 0)


def _date_from_line(plain: str) -> tuple[str | None, bool] | None:
    """(iso date, is_update) when the whole line is a date header line, else None."""
    match = DATE_LINE.match(plain)
    if match:
        label = match.group("label") or ""
        return parse_date(match.group("date")), bool(UPDATED_LABEL.match(label))
    if len(_words(plain)) > DATE_LINE_MAX_WORDS:
        return None
    found = DATE_IN_TEXT.search(plain)
    if not found:
        return None
    residue = (plain[: found.start()] + " " + plain[found.end() :]).strip()
    if not DATE_RESIDUE.match(residue):
        return None  # "Updated 3:42 PM ET, Mon March 4, 2024" passes; a sentence does not
    return parse_date(found.group(0)), bool(UPDATED_LABEL.match(residue))


def _author_name(name: str) -> str:
    """An author as a name: without "Dr."/"Prof." (gold and entity lists use bare names)."""
    return AUTHOR_HONORIFIC.sub("", name).strip()


def _clean_name(name: str) -> str:
    name = name.strip().strip(",;:|*_").strip()
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1].strip()
    name = re.sub(r"^(?:and|&)\s+", "", name)
    name = re.sub(r"^(?:posted|written|comment(?:ed)?)\s+by\s+", "", name, flags=re.IGNORECASE)
    return WHITESPACE.sub(" ", name)


def parse_byline(names: str) -> tuple[list[str], str | None, str | None]:
    """'X and Y', 'X, Outlet', 'X | March 4, 2024' -> (authors, outlet, iso date)."""
    outlet = None
    published = None
    date_match = DATE_IN_TEXT.search(names)
    if date_match:
        published = parse_date(date_match.group(0))
        names = (names[: date_match.start()] + names[date_match.end() :]).strip()
        names = re.sub(
            r"\s*(?:\bon\b|\bpublished\b|\bupdated\b|[|·•,—–-])\s*$", "", names, flags=re.I
        )
    names = re.sub(r"\s*[|·•]\s*\d+\s*min(?:ute)?s?\s+read.*$", "", names, flags=re.I)
    parts = [p for p in SEGMENT_SPLIT.split(names) if p.strip()]
    if not parts:
        return [], None, published
    authors: list[str] = []
    people = parts[0]
    for extra in parts[1:]:
        if looks_like_outlet(extra) and outlet is None:
            outlet = extra.strip()
    for piece in NAME_SPLIT.split(people):
        piece = _clean_name(piece)
        if not piece:
            continue
        if piece.isupper() and len(piece) > 3:  # "BY PAUL ESTER" house style
            piece = piece.title()
        low = piece.casefold()
        if low in AUTHOR_ROLES or ROLE_PREFIX.match(piece):
            continue
        if PERSON_NAME.match(piece) and not looks_like_outlet(piece):
            authors.append(_author_name(piece))
        elif looks_like_outlet(piece, strict=False) and authors and outlet is None:
            outlet = piece
        elif " in " in piece and PERSON_NAME.match(piece.split(" in ")[0]):
            authors.append(piece.split(" in ")[0])
    return authors, outlet, published


def _byline_from_line(plain: str) -> tuple[list[str], str | None, str | None] | None:
    match = BYLINE.match(plain)
    if not match or len(_words(plain)) > 20:
        return None
    authors, outlet, published = parse_byline(match.group("names"))
    if not authors:
        return None
    return authors, outlet, published


def _split_title_outlet(line: str, others: set[str] | None = None) -> tuple[str, str | None]:
    """'Title | Outlet' -> (title, outlet); a dash needs a newsy outlet name or corroboration
    from `others` (normalised header lines: the title or outlet printed on its own line)."""
    match = TITLE_OUTLET_SPLIT.match(line)
    if not match:
        return line, None
    title, outlet = match.group("title").strip(), match.group("outlet").strip()
    corroborated = (
        bool(others) and others is not None and (_norm(title) in others or _norm(outlet) in others)
    )
    strict = match.group("sep") != "|" and not corroborated
    if len(_words(title)) >= 2 and looks_like_outlet(outlet, strict=strict):
        return title, outlet
    return line, None


def _copyright_owner(plain: str) -> str | None:
    match = COPYRIGHT.match(plain)
    if not match:
        return None
    owner = match.group("owner").strip(" ,.")
    return owner if looks_like_outlet(owner, strict=False) else None


def _is_date_only(plain: str) -> bool:
    if RELATIVE_TIME.match(plain):
        return True
    match = DATE_IN_TEXT.match(plain.strip())
    return match is not None and match.end() >= len(plain.strip()) - 1


def _outlet_name(candidate: str) -> str | None:
    """An outlet candidate as a name: "Follow The Daily Vessa" is The Daily Vessa; a bare year
    ("© 2024") names nobody."""
    name = FOLLOW_PREFIX.sub("", candidate.strip())
    return name if re.search(r"[^\W\d_]", name) else None


def _normalise_meta_date(value: str) -> str | None:
    value = value.strip()
    return parse_date(value[:10]) if ISO_DATE.match(value) else parse_date(value)
