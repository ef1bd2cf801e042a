"""The one date resolver of presslens: a date expression, read against a publication date.

``resolve_date("on Tuesday", "2024-03-06")`` is the most recent Tuesday on or before that day;
``resolve_date("in the 1990s", None)`` is a decade; durations ("three days") and vague words
("recently") are not dates and give None. dateparser does the reading; the checks around it
reject what it would happily turn into a wrong date.

>>> resolve_date("yesterday", "2024-03-06").start
'2024-03-05'
>>> resolve_date("three days", "2024-03-06") is None
True
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache

from presslens.lexicon import pairs, words
from presslens.models import When

# Words that make a DATE entity useless as a date: no point in time can be read from them.
VAGUE_DATES = words("vague_date_words")
# Anchored to another event, not to the article date ("the next day", "a week later").
EVENT_RELATIVE_RE = re.compile(
    r"\b(?:next|following|previous|prior|same|that|preceding)\s+(?:day|morning|night|evening|afternoon|week|month|year)\b"
    r"|\b(?:later|earlier|before|after|afterwards|beforehand)$"
    r"|\bday\s+(?:before|after)\b",
    re.I,
)
NUMBER_WORDS: dict[str, int] = {word: int(value) for word, value in pairs("number_words").items()}
_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centuries|century)"
_QUANT = r"(?:\d+|a|an|one|several|few|many|some|a\s+few|" + "|".join(NUMBER_WORDS) + r")"
# "three days", "24 hours", "the past week", "the last two years", "a decade": spans, not dates.
DURATION_RE = re.compile(
    rf"^(?:for\s+|over\s+|within\s+|in\s+)?(?:"
    rf"(?:the\s+)?(?:(?:past|last|next|previous|coming|first|final|following)\s+)?{_QUANT}[\s-]+(?:more\s+)?{_UNITS}"
    rf"|the\s+(?:past|last|next|previous|coming|first|final|following)\s+{_UNITS}"
    rf"|{_UNITS}"
    rf")(?:[\s-]+long)?$",
    re.I,
)
BARE_UNIT_PERIOD_RE = re.compile(r"^(?:last|this|next)\s+" + _UNITS + r"$", re.I)
AGE_RE = re.compile(r"\d+[\s-]*(?:years?|months?|days?|weeks?)[\s-]*old|\bage[ds]?\b", re.I)
# Prefixes that do not change which day/month/year is meant.
DATE_PREFIX_RE = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|as\s+of|of|around|about|circa|"
    r"the|early|late|mid|middle|end|start|beginning|earlier|later|this\s+past|sometime)\b[\s-]*)+",
    re.I,
)
TIME_OF_DAY_RE = re.compile(
    r"(?:,?\s+(?:morning|afternoon|evening|night|overnight|midday|noon|midnight|dawn|dusk))+$",
    re.I,
)
DECADE_RE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(\d{3})0|'(\d)0)'?s$", re.I)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_RE = re.compile(
    r"^(?:on\s+)?(" + "|".join(WEEKDAYS) + r")(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?$",
    re.I,
)
PRECISION_OF_PERIOD = {"day": "day", "time": "day", "month": "month", "year": "year"}

_ABSOLUTE_PROBES = (datetime.datetime(2001, 7, 15, 12), datetime.datetime(2013, 2, 20, 12))


@lru_cache(maxsize=64)
def _parser_for(base: datetime.datetime, prefer: str = "past"):
    """A parser anchored at `base` (few distinct bases per corpus: one per publication day);
    building one is costly, so they are kept."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


def _range(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The calendar range a date of this precision covers."""
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if precision == "decade":
        start = day.year - day.year % 10
        return datetime.date(start, 1, 1), datetime.date(start + 9, 12, 31)
    return day, day


def _when(day: datetime.date, precision: str, text: str) -> When:
    start, end = _range(day, precision)
    return When(start=start.isoformat(), end=end.isoformat(), precision=precision, text=text)


def _normalise_date_text(text: str) -> str:
    """Drop prepositions, hedges and times of day that do not change the date meant."""
    t = " ".join(text.replace("’", "'").split()).strip(" ,.;:")
    t = re.sub(r"'s$", "", t)
    t = DATE_PREFIX_RE.sub("", t) if not DECADE_RE.match(t) else t
    t = TIME_OF_DAY_RE.sub("", t).strip(" ,.;:-")
    return t


def _is_rejected(raw: str, t: str) -> bool:
    low = t.lower()
    if not low or low in VAGUE_DATES or raw.lower().strip() in VAGUE_DATES:
        return True
    if all(w in VAGUE_DATES for w in low.split()):
        return True
    if AGE_RE.search(raw) or EVENT_RELATIVE_RE.search(raw.strip()):
        return True
    if DURATION_RE.match(raw.strip()) or DURATION_RE.match(t):
        return True
    if re.fullmatch(r"\d{1,2}", low):  # a bare day number: "15"
        return True
    return False


def _decade(t: str, text: str) -> When | None:
    m = DECADE_RE.match(t) or DECADE_RE.match(text.strip())
    if not m:
        return None
    year = int(m.group(1)) * 10 if m.group(1) else 1900 + int(m.group(2)) * 10
    return _when(datetime.date(year, 1, 1), "decade", text)


def _weekday(t: str, text: str, base_day: datetime.date, future: bool) -> When | None:
    """ "on Tuesday": the most recent Tuesday on or before the article date (or, in a future
    clause, the next one on or after)."""
    wd = WEEKDAY_RE.match(t)
    if not wd:
        return None
    back = (base_day.weekday() - WEEKDAYS.index(wd.group(1).lower())) % 7
    if future:  # "will be held on Tuesday": the next Tuesday on or after
        return _when(base_day + datetime.timedelta(days=(7 - back) % 7), "day", text)
    return _when(base_day - datetime.timedelta(days=back), "day", text)


def _parsed(t: str, text: str, base_day: datetime.date, future: bool) -> When | None:
    """dateparser's reading of `t` from the article date, at a precision we can state."""
    low = t.lower()
    if BARE_UNIT_PERIOD_RE.match(low) and low.split()[-1].startswith("week"):
        return None  # "last week": a week is no precision we can state
    base = datetime.datetime.combine(base_day, datetime.time(12))
    data = _parser_for(base, "future" if future else "past").get_date_data(t)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period == "week":
        if "ago" not in low:
            return None
        period = "day"  # "a week ago" is a day
    precision = PRECISION_OF_PERIOD.get(period)
    if precision is None:
        return None
    return _when(data.date_obj.date(), precision, text)


@lru_cache(maxsize=65536)
def _resolve_cached(text: str, base_iso: str | None, future: bool = False) -> When | None:
    t = _normalise_date_text(text)
    if _is_rejected(text, t):
        return None
    decade = _decade(t, text)
    if decade is not None:
        return decade
    if base_iso is None:
        return _resolve_absolute(t, text)
    base_day = datetime.date.fromisoformat(base_iso)
    if WEEKDAY_RE.match(t):
        return _weekday(t, text, base_day, future)
    return _parsed(t, text, base_day, future)


def _resolve_absolute(t: str, text: str) -> When | None:
    """Without a publication date only dates that read the same from any base are kept."""
    found = []
    for base in _ABSOLUTE_PROBES:
        if WEEKDAY_RE.match(t):
            return None
        data = _parser_for(base).get_date_data(t)
        if data is None or data.date_obj is None:
            return None
        precision = PRECISION_OF_PERIOD.get(data.period or "day")
        if precision is None:
            return None
        found.append(_when(data.date_obj.date(), precision, text))
    if found[0].start != found[1].start or found[0].precision != found[1].precision:
        return None
    return found[0]


def _base_iso(published: datetime.date | str | None) -> str | None:
    """The publication day as an ISO date, or None when there is none to read."""
    if isinstance(published, datetime.datetime):
        published = published.date()
    if isinstance(published, datetime.date):
        return published.isoformat()
    if isinstance(published, str) and published.strip():
        try:
            return datetime.date.fromisoformat(published.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def resolve_date(
    text: str, published: datetime.date | str | None, future: bool = False
) -> When | None:
    """Resolve a date expression against the article's own publication date.

    Relative forms ("yesterday", "on Tuesday", "two years ago") need `published`; without it
    only absolute dates are returned. A bare weekday is the most recent one on or before the
    article date, or with `future` (the clause is in the future tense) the next one on or
    after. Durations and vague words give None. Cached on (text, published, future) because
    dateparser is slow.
    """
    if not text or not text.strip():
        return None
    cached = _resolve_cached(text.strip(), _base_iso(published), future)
    if cached is None:
        return None
    return When(cached.start, cached.end, cached.precision, text)


# --- the other stages' dates: post signatures, days of saying, page headers -----------------

MONTH_NUMBERS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


def month_day_year(value: str) -> str | None:
    """The ISO day of a post signature's date: "March 4, 2025" -> "2025-03-04"."""
    m = re.match(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if not m or m.group(1).lower() not in MONTH_NUMBERS:
        return None
    try:
        return datetime.date(
            int(m.group(3)), MONTH_NUMBERS[m.group(1).lower()], int(m.group(2))
        ).isoformat()
    except ValueError:
        return None


# Absolute dates only: "yesterday" or "2 hours ago" as a publication date would be read against
# the machine's clock, making results depend on the day of the run.
HEADER_DATE_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def absolute_day(text: str) -> str | None:
    """The ISO day of a textual date with day, month and year: "18 Nov 2025, 10:02" -> "2025-11-18"."""
    import dateparser  # noqa: PLC0415 - slow import, only when a textual date is seen

    cleaned = re.sub(r"\bat\b", " ", text)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=HEADER_DATE_SETTINGS)
    return parsed.date().isoformat() if parsed else None
