"""The rules of the "timex" stage, in the order they are tried (see presslens.timex).

Each rule scans the body for one kind of expression and reads its value from the article date
(``ctx.dct``); a relative one in an article without a date comes back with no value.
"""

from __future__ import annotations

import datetime
import re

from presslens.lexicon import words
from presslens.timex import (
    DAY,
    FULL_MONTH,
    HOLIDAYS,
    MOD,
    MONTH,
    MONTHS,
    NOT_AFTER_MONEY,
    NUMBER,
    ORDINALS,
    PART_OF_DAY,
    REFERENCES,
    SEASONS,
    TIMEX,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    Context,
    Found,
    _alternation,
    _day_value,
    _mod,
    _month_value,
    _number,
    _safe_date,
    _unresolved,
    add_months,
    day_in_direction,
    latest_quarter,
    month_in_direction,
    quarter_of,
    scan,
    shifted,
    thanksgiving,
    week_value,
    weekday_date,
)

Date = datetime.date


def _month(m: re.Match) -> int:
    return MONTHS[m["month"].lower().rstrip(".")]


SET_QUANTIFIERS = words("set_quantifiers")


def _in_a_set(text: str, start: int) -> bool:
    """Whether "each" or "every" goes just before `start`: `each Thursday`, `every July` name a
    repeating set (TIMEX3 SET), no date."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower() in SET_QUANTIFIERS


# --- absolute dates -------------------------------------------------------------------------


@TIMEX.rule("timex-numeric-date")
@scan(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")
def numeric_date(ctx: Context, m: re.Match) -> Found | None:
    """An ISO date: `filed on 2031-04-09` -> 2031-04-09."""
    day = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return Found(m.start(), m.end(), _day_value(day), "day", anchor="absolute") if day else None


@TIMEX.rule("timex-month-day-year")
@scan(
    rf"{MONTH}\s+{DAY},?\s+{YEAR}|(?P<day2>[0-3]?\d)\s+{MONTH.replace('month', 'month2')},?\s+(?P<year2>(?:1[5-9]|20)\d\d)"
)
def month_day_year(ctx: Context, m: re.Match) -> Found | None:
    """A full date: `signed on Oct. 15, 2031` -> 2031-10-15 (also `15 October 2031`)."""
    month = MONTHS[(m["month"] or m["month2"]).lower().rstrip(".")]
    day = _safe_date(int(m["year"] or m["year2"]), month, int(m["day"] or m["day2"]))
    return Found(m.start(), m.end(), _day_value(day), "day", anchor="absolute") if day else None


@TIMEX.rule("timex-weekday-date")
@scan(rf"\b{WEEKDAY},?\s+{MONTH}\s+{DAY}(?:,?\s+{YEAR})?")
def weekday_date_rule(ctx: Context, m: re.Match) -> Found | None:
    """A weekday with its date: `on Saturday, April 25` (article of 2031-04-24) -> 2031-04-25,
    the year read as for a date without one."""
    if m["year"]:
        day = _safe_date(int(m["year"]), _month(m), int(m["day"]))
        anchor = "absolute"
    elif ctx.dct is None:
        return _unresolved(m, "day")
    else:
        day = day_in_direction(ctx.dct, _month(m), int(m["day"]), None)
        anchor = "article"
    return Found(m.start(), m.end(), _day_value(day), "day", anchor=anchor) if day else None


@TIMEX.rule("timex-week-of")
@scan(rf"\b(?i:the)\s+week\s+of\s+{MONTH}\s+{DAY}(?:,?\s+{YEAR})?", anchor=r"week\s+of")
def week_of(ctx: Context, m: re.Match) -> Found | None:
    """A week named by one of its days is that ISO week: `a hearing the week of March 6`
    (article of 2031-02-20) -> 2031-W10."""
    if m["year"]:
        day = _safe_date(int(m["year"]), _month(m), int(m["day"]))
    elif ctx.dct is None:
        return _unresolved(m, "week")
    else:
        day = day_in_direction(ctx.dct, _month(m), int(m["day"]), ctx.tense(m.start()))
    return Found(m.start(), m.end(), week_value(day), "week") if day else None


@TIMEX.rule("timex-month-year")
@scan(rf"{MOD}{MONTH}\s+(?:of\s+)?{YEAR}")
def month_year(ctx: Context, m: re.Match) -> Found | None:
    """A month of a year: `in early August 2031` -> 2031-08 (START)."""
    value = _month_value(int(m["year"]), _month(m))
    return Found(m.start(), m.end(), value, "month", _mod(m), anchor="absolute")


@TIMEX.rule("timex-year")
@scan(
    rf"{NOT_AFTER_MONEY}\b(?:{MOD}|(?P<pre>(?i:fiscal|calendar|post|pre))[\s-]+)?{YEAR}\b(?!-\d|\s*(?:{FULL_MONTH}))"
)
def year(ctx: Context, m: re.Match) -> Found | None:
    """A year: `elected in 2029`, `fiscal 2030`, `by the end of 2031` -> 2031 (END)."""
    mod = {"post": "AFTER", "pre": "BEFORE"}.get((m["pre"] or "").lower()) or _mod(m)
    return Found(m.start(), m.end(), m["year"], "year", mod, anchor="absolute")


@TIMEX.rule("timex-decade")
@scan(
    rf"(?:\b(?i:the)\s+)?{MOD}(?:\b(?P<dec>1[5-9]\d|20\d)0|['’](?P<short>\d)0)['’]?s\b",
    anchor=r"0['’]?s\b",
    start=r"(?<!\w)(?=[\w'’])",  # "the 1990s", "'80s"
)
def decade(ctx: Context, m: re.Match) -> Found | None:
    """A decade: `the 1990s`, `the early '80s` (1980s when the article date gives no other
    century) -> 199X."""
    value = f"{m['dec']}X" if m["dec"] else _past_decade(ctx, int(m["short"]))
    return Found(m.start(), m.end(), value, "decade", _mod(m), anchor="absolute")


@TIMEX.rule("timex-century")
@scan(
    r"(?:\b(?i:the)\s+)?\b(?P<n>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century\b", anchor=r"century"
)
def century(ctx: Context, m: re.Match) -> Found | None:
    """A century: `the 20th century` -> 19 (its years 1900-1999)."""
    return Found(m.start(), m.end(), f"{int(m['n']) - 1:02d}", "century", anchor="absolute")


_SPELLED_TENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_UNITS_WORDS |= {"eight": 8, "nine": 9}


SPELLED_YEAR = (
    rf"(?i:\b(?P<hi>nineteen|twenty)[\s-]+(?P<tens>{_alternation(_SPELLED_TENS)})"
    rf"(?:[\s-]+(?P<unit>{_alternation(_UNITS_WORDS)}))?\b|\b(?P<k>two\s+thousand)"
    rf"(?:\s+(?:and\s+)?(?P<unit2>{_alternation(_UNITS_WORDS)}))?\b)"
)  # "nineteen ninety-six", "two thousand and one"


def _spelled_value(m: re.Match) -> int | None:
    """The year a `SPELLED_YEAR` match says (None when that part did not match, or for
    "nineteen eleven five")."""
    if m["hi"]:
        tens = _SPELLED_TENS[m["tens"].lower()]
        if tens < 20 and m["unit"]:
            return None
        value = int(m["hi"].lower() == "nineteen" and 1900 or 2000) + tens
        return value + _UNITS_WORDS.get((m["unit"] or "").lower(), 0)
    if m["k"]:
        return 2000 + _UNITS_WORDS.get((m["unit2"] or "").lower(), 0)
    return None


_UNITS_AFTER = re.compile(rf"\s+(?:{_alternation(words('period_nouns'))})\b")
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")


def _counted(text: str, m: re.Match) -> bool:
    """Whether a spelled year is a count: a span of time after it ("nineteen fifty days"), or
    any plural after a bare "two thousand" ("two thousand delegates")."""
    if _UNITS_AFTER.match(text, m.end()):
        return True
    bare = m["k"] and not m["unit2"] and not m.group().lower().startswith("the year")
    return bool(bare and _PLURAL_AFTER.match(text, m.end()))


@TIMEX.rule("timex-spelled-year")
@scan(
    rf"(?:(?P<month>{FULL_MONTH})\s+(?:of\s+)?)?(?:(?i:the\s+year)\s+)?{SPELLED_YEAR}",
    anchor=r"nineteen|twenty|thousand",
)
def spelled_year(ctx: Context, m: re.Match) -> Found | None:
    """A year said in words (transcripts): `nineteen ninety-six` -> 1996, `the year two
    thousand` -> 2000; with a month before it, that month: `January nineteen ninety-seven` ->
    1997-01."""
    value = _spelled_value(m)
    if value is None or _counted(ctx.text, m):
        return None  # "two thousand years", "nineteen fifty days": a number of things
    if m["month"]:
        return Found(m.start(), m.end(), _month_value(value, _month(m)), "month", anchor="absolute")
    return Found(m.start(), m.end(), str(value), "year", anchor="absolute")


# --- dates read from the article date -------------------------------------------------------


@TIMEX.rule("timex-month-day")
@scan(
    rf"(?:{MOD}{MONTH}\s+{DAY}\b|\b(?P<day2>[0-3]?\d)\s+(?P<month2>{FULL_MONTH})\b)"
    r"(?:,?\s+(?P<yrel>last|next|this)\s+year\b(?!['’]s))?"
)
def month_day(ctx: Context, m: re.Match) -> Found | None:
    """A day of a month without its year: the closest one to the article date, the next one in
    a future clause: `will vote on Nov. 16` (article of 2031-10-30) -> 2031-11-16; `died on
    Nov. 3 last year` -> 2030-11-03."""
    if ctx.dct is None:
        return _unresolved(m, "day")
    month = MONTHS[(m["month"] or m["month2"]).lower().rstrip(".")]
    tense = ctx.tense(m.start())
    number = int(m["day"] or m["day2"])
    if m["yrel"]:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["yrel"]]
        dated = _safe_date(year, month, number)
        return Found(m.start(), m.end(), _day_value(dated), "day", _mod(m)) if dated else None
    day = day_in_direction(ctx.dct, month, number, tense)
    if day is None:
        return None
    return Found(m.start(), m.end(), _day_value(day), "day", _mod(m), tense=tense)


@TIMEX.rule("timex-named-month")
@scan(
    rf"{MOD}(?:(?P<rel>(?i:last|this|next|this\s+past))\s+)?(?P<month>{FULL_MONTH})\b"
    rf"(?:\s+(?P<yrel>last|this|next)\s+year)?"
)
def named_month(ctx: Context, m: re.Match) -> Found | None:
    """A month without its year: the last one, or the next in a future clause: `talks resumed
    in March` (article of 2031-10-30) -> 2031-03; `will open in February` -> 2032-02. The month
    or two right after the article's, with no tense cue, are the coming ones (a month nearly a
    year back is said "last November"): `a cut in November` (2031-10-30) -> 2031-11. `each
    July` is a repeating set, no date."""
    word = m["month"]
    if not (m["rel"] or m["mod"]) and _in_a_set(ctx.text, m.start()):
        return None  # "each July": a repeating set
    if word == "May" and not (m["rel"] or m["mod"] or _after_preposition(ctx.text, m.start())):
        return None  # "May" is mostly a verb
    if word == "March" and not (m["rel"] or m["mod"] or _after_preposition(ctx.text, m.start())):
        return None
    if ctx.dct is None:
        return _unresolved(m, "month")
    month = MONTHS[word.lower()]
    rel = (m["rel"] or "").lower().replace("this past", "last") or None
    tense = None if rel else ctx.tense(m.start())
    if m["yrel"]:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["yrel"]]
    elif rel is None and tense is None and (month - ctx.dct.month) % 12 in NEXT_MONTHS_AHEAD:
        year = month_in_direction(ctx.dct, month, "future", None)
    else:
        year = month_in_direction(ctx.dct, month, tense, rel)
    return Found(m.start(), m.end(), _month_value(year, month), "month", _mod(m), tense=tense)


NEXT_MONTHS_AHEAD = (1, 2)  # months after the article's read as the coming ones without a cue


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in {"in", "since", "until", "by", "of", "from", "through"}


_PREVIOUS_WORDS = re.compile(r"([\w'’.-]+)[\"“”'‘\s]*$")


def _in_a_name(ctx: Context, start: int) -> bool:
    """Whether a capitalised "Today" or "This Week" at `start` goes on a name in running prose
    (a paper, a programme): `told USA Today`, `on ABC's "This Week"`. The word before it is
    capitalised and not the end of a sentence, and a lowercase word comes shortly before (a
    headline in title case keeps its dates)."""
    if not ctx.text[start : start + 1].isupper():
        return False
    before = ctx.text[max(0, start - 60) : start]
    prev = _PREVIOUS_WORDS.search(before)
    if prev is None or not prev[1][:1].isupper() or prev[1].endswith("."):
        return False
    return any(w[:1].islower() for w in before[: prev.start()].split()[-4:])


ERA_NOUNS = words("era_nouns")
_ERA_AFTER = re.compile(r"['’]s\s+([a-z]+)(?:\s+([a-z]+))?")
_OF_BEFORE = re.compile(r"\b(?P<noun>[a-z]+)\s+of\s+$")


def _an_era(text: str, m: re.Match) -> bool:
    """Whether "today" or "tomorrow" names an era: "today's [young] people", "the world of
    today", "the leaders of tomorrow" (an era noun before "of" or after the possessive)."""
    word = m["w"].lower()
    if word not in ("today", "tomorrow"):
        return False
    after = _ERA_AFTER.match(text, m.end())
    if after and ERA_NOUNS & {after[1], after[2]}:
        return True
    before = _OF_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return before is not None and before["noun"] in ERA_NOUNS


@TIMEX.rule("timex-deictic-day")
@scan(
    r"\b(?P<w>(?i:today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|"
    r"the\s+day\s+after\s+tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night))\b"
)
def deictic_day(ctx: Context, m: re.Match) -> Found | None:
    """Today, yesterday, tomorrow (and tonight, last night): `the court ruled yesterday`
    (article of 2031-10-30) -> 2031-10-29. An era is no day: `in today's world`, `the
    people of tomorrow`."""
    if _in_a_name(ctx, m.start()) or _an_era(ctx.text, m):
        return None
    if ctx.dct is None:
        return _unresolved(m, "day")
    word = " ".join(m["w"].lower().split())
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    shift = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word, shift)
    day = ctx.dct + datetime.timedelta(days=shift)
    return Found(m.start(), m.end(), _day_value(day), "day")


ORDINAL_WORDS = words("ordinal_words")


@TIMEX.rule("timex-nth-day-today")
@scan(
    r"\b(?i:today\s+is|it['’]s|it\s+is|this\s+is)\s+(?P<span>(?i:the)\s+"
    rf"(?i:\d+(?:st|nd|rd|th)|{_alternation(ORDINAL_WORDS)})\s+day)\b(?!-)",
    anchor=r"\sday\b",
)
def nth_day_today(ctx: Context, m: re.Match) -> Found | None:
    """A day counted in a running event, said in the present, is the article's day: `Today is
    the eighth day of the strike`, `It's the second day of talks` (article of 2031-10-30) ->
    2031-10-30."""
    if ctx.dct is None:
        return Found(m.start("span"), m.end(), None, "day", anchor="none")
    return Found(m.start("span"), m.end(), _day_value(ctx.dct), "day")


@TIMEX.rule("timex-weekday")
@scan(
    rf"(?:\b(?P<soonest>(?i:as\s+(?:early|soon)\s+as))\s+)?"
    rf"(?:\b(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|coming))\s+)?\b{WEEKDAY}\b{PART_OF_DAY}"
)
def weekday(ctx: Context, m: re.Match) -> Found | None:
    """A weekday: the last one on or before the article date, the next one in a future clause:
    `will meet on Friday` (article of Wednesday 2031-10-29) -> 2031-10-31; `met on Friday`
    -> 2031-10-24; `could return as early as Monday` (a soonest time lies ahead) ->
    2031-11-03. `departs each Thursday` (or `on Tuesday nights`) names a repeating set, no
    date: left out."""
    start = m.start("rel") if m["rel"] else m.start("weekday")
    if (not m["rel"] and _in_a_set(ctx.text, start)) or ctx.text.startswith("s", m.end()):
        return None  # "each Thursday", "on Tuesday nights": a repeating set
    if ctx.dct is None:
        return Found(start, m.end(), None, "day", anchor="none")
    rel = (m["rel"] or "").lower().replace("this past", "last").replace("this coming", "coming")
    possessive = ctx.text.startswith(("'s", "’s"), m.end())  # "Friday's vote": a past event
    tense = None if rel in ("last", "next") or possessive else ctx.tense(m.start())
    if m["soonest"] and not rel:
        tense = "future"
    day = weekday_date(ctx.dct, WEEKDAYS.index(m["weekday"]), rel or None, tense)
    return Found(start, m.end(), _day_value(day), "day", tense=tense)


@TIMEX.rule("timex-holiday")
@scan(
    rf"(?:\b(?P<rel>(?i:last|next|this))\s+)?\b(?P<h>(?i:{_alternation(HOLIDAYS)}))\b",
    anchor=r"christmas|new year|independence|halloween|valentine|thanksgiving",
)
def holiday(ctx: Context, m: re.Match) -> Found | None:
    """A holiday: the last one, or the next in a future clause: `rescued on Thanksgiving Day`
    (article of 2032-01-07) -> 2031-11-27."""
    if ctx.dct is None:
        return _unresolved(m, "day")
    rule = HOLIDAYS[" ".join(m["h"].lower().split())]
    rel = (m["rel"] or "").lower() or None
    tense = ctx.tense(m.start())
    ahead = rel == "next" or (rel is None and tense == "future")

    def on(y: int) -> Date:
        if rule == "thanksgiving":
            return thanksgiving(y)
        return Date(y, int(rule[:2]), int(rule[3:]))

    day = on(ctx.dct.year)
    if ahead and day < ctx.dct:
        day = on(ctx.dct.year + 1)
    elif not ahead and rel != "this" and day > ctx.dct:
        day = on(ctx.dct.year - 1)
    return Found(m.start(), m.end(), _day_value(day), "day", tense=tense)


_UNIT = r"(?:(?i:fiscal)\s+)?(?P<unit>(?i:week|month|year|quarter|decade))"


@TIMEX.rule("timex-relative-period")
@scan(
    rf"(?:(?P<edge>(?i:earlier|later|early|late))\s+)?\b(?P<rel>(?i:last|this|next|this\s+past|"
    rf"the\s+current|the\s+coming|the\s+previous|the\s+past|the\s+last|the\s+next))\s+{_UNIT}\b"
    rf"(?!\s*(?:'s|’s)?\s*(?:of)\b)",
    anchor=r"\b(?:week|month|year|quarter|decade)\b",
)
def relative_period(ctx: Context, m: re.Match) -> Found | None:
    """A period named from the article date: `last month`, `this week`, `early next year`
    (article of 2031-10-30) -> 2031-09, 2031-W44, 2032 (START). "The past year" is a duration
    unless it stands alone as a time."""
    rel = " ".join(m["rel"].lower().split())
    if rel in ("the past", "the last", "the next", "the coming", "the previous"):
        return None  # "over the past year": a duration, not a date
    if _in_a_name(ctx, m.start()):
        return None  # `on ABC's "This Week"`
    if ctx.dct is None:
        return _unresolved(m, m["unit"].lower())
    k = {"last": -1, "this past": -1, "next": 1}.get(rel, 0)
    unit = m["unit"].lower()
    if unit == "quarter" and k == -1:
        y, q = latest_quarter(ctx.dct)
        value, precision = f"{y}-Q{q}", "quarter"
    else:
        value, precision = shifted(ctx.dct, unit, k)
    edge = (m["edge"] or "").lower()
    mod = {"early": "START", "late": "END", "earlier": "START", "later": "END"}.get(edge)
    return Found(m.start(), m.end(), value, precision, mod)


@TIMEX.rule("timex-in-the-period")
@scan(
    r"\b(?P<edge>(?i:earlier|later))\s+in\s+the\s+(?P<unit>(?i:day|week|month|year))\b",
    anchor=r"\bin\s+the\s",
)
def in_the_period(ctx: Context, m: re.Match) -> Found | None:
    """A part of the article's own day, week, month or year: `the vote slipped later in the
    day` (article of 2031-10-30) -> 2031-10-30; `earlier in the year` -> 2031 (START)."""
    unit = m["unit"].lower()
    if ctx.dct is None:
        return _unresolved(m, unit)
    value, precision = shifted(ctx.dct, unit, 0)
    mod = "START" if m["edge"].lower() == "earlier" else "END"
    return Found(m.start(), m.end(), value, precision, mod)


@TIMEX.rule("timex-past-year")
@scan(
    r"\b(?i:the)\s+(?i:past)\s+year\b(?!\s*(?:['’]s|of|or|and|alone)\b|[\s-]*\d)",
    anchor=r"past\s+year",
)
def past_year(ctx: Context, m: re.Match) -> Found | None:
    """ "The past year" standing alone (no count, no "of" after it) is the calendar year before
    the article's, as TimeML annotates it: `fines rose over the past year` (article of
    2031-10-30) -> 2030. "The past two years" is a duration and stays out."""
    if ctx.dct is None:
        return _unresolved(m, "year")
    return Found(m.start(), m.end(), f"{ctx.dct.year - 1:04d}", "year")


YEAR_PART_NOUNS = words("year_part_nouns")


@TIMEX.rule("timex-the-year")
@scan(
    r"\b(?P<prep>(?i:for|of|during|throughout))\s+(?P<the>(?i:the))\s+year\b"
    r"(?![\s-]*(?:(?:['’]s|ago|earlier|before|after|ended|ending|end|that|when|in|to)\b|\d))"
    r"(?!\s+of\s+(?![$£€#\d]))",
    anchor=r"the\s+year",
)
def the_year(ctx: Context, m: re.Match) -> Found | None:
    """ "The year" of a report, after "for", "of" or "during": the article's own year: `a high
    for the year`, `the first nine months of the year` (article of 2031-10-30) -> 2031. Not
    "the year ended June 30" (a fiscal year), "the year before", "the year of his birth", a
    title ("Man of the Year"), nor the year of a half or quarter named before it."""
    before = ctx.text[max(0, m.start() - 30) : m.start()].split()
    if m["prep"].lower() == "of" and before and before[-1][:1].isupper():
        return None  # "Teacher of the year", "Man of the Year": an award
    if m["prep"].lower() == "of" and before and before[-1].lower() in YEAR_PART_NOUNS:
        return None  # "the first half of the year": timex-half reads the whole
    if ctx.dct is None:
        return _unresolved(m, "year")
    return Found(m.start("the"), m.end(), f"{ctx.dct.year:04d}", "year")


_BARE_ANCHOR_MONTHS = [n for n in FULL_MONTH.split("|") if n not in ("May", "March")]
_DATED_BEFORE = re.compile(
    rf"\b(?P<m1>{FULL_MONTH})\.?\s+(?:[0-3]?\d,?\s+)?(?P<y1>(?:1[5-9]|20)\d\d)\b"
    rf"|(?<![$\d.,])\b(?P<y2>(?:1[5-9]|20)\d\d)\b(?!\s*%)|\b(?P<m2>{'|'.join(_BARE_ANCHOR_MONTHS)})\b"
)


@TIMEX.rule("timex-following-period")
@scan(
    r"\b(?i:the)\s+(?P<rel>(?i:following|previous|prior))\s+(?P<unit>(?i:month|year))\b"
    r"(?!\s*(?:'s|’s)?\s*(?:of)\b)",
    anchor=r"\b(?:following|previous|prior)\s",
)
def following_period(ctx: Context, m: re.Match) -> Found | None:
    """ "The following year", "the previous month" of a narrative: a step from the last date the
    text named before it (TimeML anchors it there, not at the article date): `named general on
    May 22, 2027, and the following year envoy` -> 2028. Without such a date it is left out."""
    if ctx.dct is None:
        return _unresolved(m, m["unit"].lower())
    dated = list(_DATED_BEFORE.finditer(ctx.text, max(0, m.start() - 600), m.start()))
    if not dated:
        return None
    last, k = dated[-1], 1 if m["rel"].lower() == "following" else -1
    name = last["m1"] or last["m2"]
    year = int(last["y1"] or last["y2"] or 0) or None
    if name and year is None:
        year = month_in_direction(ctx.dct, MONTHS[name.lower()], None, None)
    if m["unit"].lower() == "year":
        return Found(m.start(), m.end(), f"{year + k:04d}", "year") if year else None
    if not name or year is None:
        return None
    return Found(
        m.start(), m.end(), _month_value(*add_months(year, MONTHS[name.lower()], k)), "month"
    )


@TIMEX.rule("timex-weekend")
@scan(r"\b(?:(?P<rel>(?i:last|this|next|the|over\s+the))\s+)weekend\b", anchor=r"weekend")
def weekend(ctx: Context, m: re.Match) -> Found | None:
    """A weekend: the last one, or the next in a future clause (`over the weekend`, article of
    Thursday 2031-10-30 -> 2031-W43-WE; `next weekend` -> 2031-W44-WE)."""
    if ctx.dct is None:
        return _unresolved(m, "week")
    rel = m["rel"].lower().split()[0]
    tense = None if rel in ("last", "next") else ctx.tense(m.start())
    saturday = weekday_date(ctx.dct, 5, rel if rel in ("last", "next") else None, tense)
    if rel == "this" and tense != "future":
        saturday = weekday_date(ctx.dct, 5, None, "future")
    start = m.start("rel") + (m["rel"].lower().rfind("the") if rel == "over" else 0)
    return Found(start, m.end(), week_value(saturday) + "-WE", "week", tense=tense)


@TIMEX.rule("timex-year-end")
@scan(
    r"\b(?:(?P<around>(?i:around|about))\s+)?(?i:year[\s-]end|year['’]s\s+end|the\s+end\s+of\s+the\s+year)\b"
)
def year_end(ctx: Context, m: re.Match) -> Found | None:
    """The end of the article's year: `the sale should close by year-end` (2031-10-30) -> 2031,
    END."""
    if ctx.dct is None:
        return _unresolved(m, "year")
    return Found(m.start(), m.end(), str(ctx.dct.year), "year", "END")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6}
_DECADE_WORDS |= {"seventies": 7, "eighties": 8, "nineties": 9}


@TIMEX.rule("timex-spelled-decade")
@scan(rf"\b(?i:the)\s+(?:{MOD})?(?P<w>(?i:{_alternation(_DECADE_WORDS)}))\b", anchor=r"ties\b")
def spelled_decade(ctx: Context, m: re.Match) -> Found | None:
    """A decade in words: `the nineties` -> 199X (the last such decade before the article
    date: 1990s in a 2031 article when 2090s lie ahead)."""
    tens = _DECADE_WORDS[m["w"].lower()]
    return Found(m.start(), m.end(), _past_decade(ctx, tens), "decade", _mod(m), anchor="absolute")


def _past_decade(ctx: Context, tens: int) -> str:
    """The decade "the '80s" names: the last one with those tens up to the article's year (the
    1900s when the article has no date)."""
    year = ctx.dct.year if ctx.dct else 1999
    return f"{year // 100 - (tens * 10 > year % 100)}{tens}X"


@TIMEX.rule("timex-ago")
@scan(
    rf"\b{NUMBER}[\s-]+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))\s+"
    r"(?P<dir>(?i:ago|earlier|from\s+now|hence))\b",
    anchor=r"\b(?:ago|earlier|now|hence)\b",
)
def ago(ctx: Context, m: re.Match) -> Found | None:
    """So long before (or after) the article date, at that unit's precision: `two years ago`
    (article of 2031-10-30) -> 2029; `a year earlier` in a results story about a quarter ->
    the same quarter a year before."""
    n = _number(m["n"])
    if n is None:
        return None
    if ctx.dct is None:
        return _unresolved(m, "day")
    unit = m["unit"].lower().rstrip("s")
    k = n if m["dir"].lower() in ("from now", "hence") else -n
    if unit == "year" and n == 1 and k < 0 and _about_quarter(ctx, m.start(), m.end()):
        y, q = latest_quarter(ctx.dct)
        return Found(m.start(), m.end(), f"{y - 1}-Q{q}", "quarter")
    if unit == "decade":
        unit, k = "year", 10 * k
    value, precision = shifted(ctx.dct, unit, k)
    return Found(m.start(), m.end(), value, precision)


@TIMEX.rule("timex-vague-ago")
@scan(
    r"\b(?i:several|a\s+few|a\s+couple\s+of|many|some)\s+"
    r"(?i:days|weeks|months|years|decades)\s+(?i:ago|earlier)\b",
    anchor=r"\b(?:ago|earlier)\b",
)
def vague_ago(ctx: Context, m: re.Match) -> Found | None:
    """Some time back without a count: `the mill closed several years ago` -> PAST_REF."""
    return Found(m.start(), m.end(), "PAST_REF", "ref", anchor="absolute")


RESULTS_WORDS = re.compile(rf"\b(?:{_alternation(words('results_words'))})\b", re.I)


RESULTS_SPANS = re.compile(rf"\b(?:{_alternation(words('results_span_words'))})\b", re.I)


def _about_quarter(ctx: Context, start: int, end: int) -> bool:
    """Whether the sentence reports a quarter's results ("third-quarter", "net income", "a
    share"): there "a year ago" is the same quarter a year before. A sentence that first names
    a span of several quarters reports that span: `For the nine months, net rose from $4
    million a year earlier` -> the year before, no quarter."""
    sentence = ctx.sentence_around(start, end)
    if not RESULTS_WORDS.search(sentence):
        return False
    opens = max(ctx.text.rfind(". ", 0, start), ctx.text.rfind("\n", 0, start)) + 1
    return not RESULTS_SPANS.search(ctx.text, opens, start)


@TIMEX.rule("timex-year-ago")
@scan(
    r"(?:\b(?i:the)\s+)?\b(?i:year[\s-](?:ago|earlier))(?:\s+(?P<what>(?i:quarter|period|month|week)))?\b"
)
def year_ago(ctx: Context, m: re.Match) -> Found | None:
    """ "Year-ago", "the year-earlier quarter": the year before the article's (in a results story
    the same quarter a year before): `than the year-ago quarter` (2031-10-30) -> 2030-Q3."""
    if ctx.dct is None:
        return _unresolved(m, "year")
    if (m["what"] or "").lower() in ("quarter", "period") or _about_quarter(
        ctx, m.start(), m.end()
    ):
        y, q = latest_quarter(ctx.dct)
        return Found(m.start(), m.end(), f"{y - 1}-Q{q}", "quarter")
    return Found(m.start(), m.end(), str(ctx.dct.year - 1), "year")


_ORDINAL = rf"(?P<ord>(?i:{_alternation(ORDINALS)}))"


@TIMEX.rule("timex-quarter")
@scan(
    rf"(?:\b(?i:the)\s+)?(?:(?P<y1>(?:19|20)\d\d)(?:['’]s)?\s+|(?i:this\s+year['’]s)\s+|(?i:fiscal|calendar)\s+)*"
    rf"\b{_ORDINAL}[\s-]+(?i:quarter|period)\b"
    rf"(?:\s+(?:of\s+)?(?:(?i:fiscal|calendar)\s+)?(?P<y2>(?:19|20)\d\d)\b)?",
    anchor=r"quarter|period",
)
def quarter(ctx: Context, m: re.Match) -> Found | None:
    """A quarter: `third-quarter profit`, `the first quarter of 2031` (or `of fiscal 2031`,
    `fiscal 2031's first quarter`) -> 2031-Q1; without a year, the article's year (or the year
    before for a quarter not yet begun, unless the clause looks ahead)."""
    q = ORDINALS[m["ord"].lower()]
    year = m["y1"] or m["y2"]
    if year:
        return Found(m.start(), m.end(), f"{year}-Q{q}", "quarter", anchor="absolute")
    if ctx.dct is None:
        return _unresolved(m, "quarter")
    tense = ctx.tense(m.start())
    y = ctx.dct.year - (q > quarter_of(ctx.dct) and tense != "future")
    return Found(m.start(), m.end(), f"{y}-Q{q}", "quarter", tense=tense)


_OTHER_YEAR_BEFORE = (
    r"(?P<before>(?i:year[\s-]ago|year[\s-]earlier|prior[\s-]year|last\s+year['’]s|"
    r"next\s+year['’]s))"
)
_OTHER_YEAR_AFTER = (
    r"(?P<after>(?i:last\s+year|next\s+year|a\s+year\s+(?:ago|earlier)|"
    r"the\s+(?:previous|prior|following)\s+year))"
)


def _ord(name: str) -> str:
    return _ORDINAL.replace("?P<ord>", f"?P<{name}>")


@TIMEX.rule("timex-other-year-quarter")
@scan(
    rf"(?:\b(?i:the)\s+)?(?:(?i:comparable|same|corresponding)\s+)?\b{_OTHER_YEAR_BEFORE}\s+"
    rf"(?:{_ord('ord')}[\s-]+)?(?i:quarter|period)\b"
    rf"|\b(?i:the)\s+(?:(?i:same|corresponding|comparable)\s+)?(?:{_ord('ord2')}[\s-]+)?"
    rf"(?i:quarter|period)\s+(?:(?i:of)\s+)?{_OTHER_YEAR_AFTER}\b",
    anchor=r"quarter|period",
)
def other_year_quarter(ctx: Context, m: re.Match) -> Found | None:
    """A quarter of the year before (or after), named from a results story: `the year-ago third
    quarter`, `last year's quarter`, `the quarter a year ago`, `the fourth quarter of next year`
    (article of 2031-10-30) -> 2030-Q3, 2030-Q3, 2030-Q3, 2032-Q4 (the latest finished quarter,
    or the one named, a year away)."""
    if ctx.dct is None:
        return _unresolved(m, "quarter")
    which = (m["before"] or m["after"]).lower()
    step = 1 if re.match(r"next|the\s+following", which) else -1
    y, q = latest_quarter(ctx.dct)
    named = m["ord"] or m["ord2"]
    if named:
        q = ORDINALS[named.lower()]
        y = ctx.dct.year - (q > quarter_of(ctx.dct) and step < 0)
        if re.match(r"(?:last|next)\s+year", which):  # "last year's fourth quarter": that year's
            y = ctx.dct.year
    elif step > 0:
        y, q = ctx.dct.year, quarter_of(ctx.dct)
    return Found(m.start(), m.end(), f"{y + step}-Q{q}", "quarter")


@TIMEX.rule("timex-the-quarter")
@scan(
    r"\b(?i:the)\s+(?:(?P<which>(?i:latest|last|recent|most\s+recent|current|past))\s+)?(?P<what>(?i:quarter|period))\b"
    r"(?!-to-)"
)
def the_quarter(ctx: Context, m: re.Match) -> Found | None:
    """ "The quarter", "the latest period" of a results story: the last quarter finished by the
    article date (`the current quarter`: the one under way): 2031-10-30 -> 2031-Q3. "The
    quarter-to-quarter comparison" names no quarter. A quarter named by its last day is the
    calendar quarter holding most of its three months: `the quarter ended July 31` -> 2031-Q2
    (May to July)."""
    which = (m["which"] or "").lower()
    named_by_end = not which and m["what"].lower() == "quarter"
    ended = _quarter_ended(ctx, m.end()) if named_by_end else None
    if ended is not None:
        return Found(m.start(), m.end(), f"{ended[0]}-Q{ended[1]}", "quarter")
    if m["what"].lower() == "period" and which not in ("latest", "recent", "most recent"):
        return None
    if not which and not _about_quarter(ctx, m.start(), m.end()):
        return None
    if ctx.dct is None:
        return _unresolved(m, "quarter")
    if which == "current":
        return Found(m.start(), m.end(), f"{ctx.dct.year}-Q{quarter_of(ctx.dct)}", "quarter")
    y, q = latest_quarter(ctx.dct)
    return Found(m.start(), m.end(), f"{y}-Q{q}", "quarter")


_ENDED = re.compile(rf"\s*,?\s+(?i:ended|ending)\s+{MONTH}\s+{DAY}(?:,?\s+{YEAR})?")


def _quarter_ended(ctx: Context, at: int) -> tuple[int, int] | None:
    """(year, quarter) of "the quarter ended Sept. 30" read from the end date at `at`: the
    calendar quarter of the middle one of its three months (a fiscal quarter ended July 31 runs
    May to July: Q2); the end date without a year is the last one before the article date."""
    e = _ENDED.match(ctx.text, at)
    if e is None or ctx.dct is None:
        return None
    if e["year"]:
        end = _safe_date(int(e["year"]), _month(e), int(e["day"]))
    else:
        end = day_in_direction(ctx.dct, _month(e), int(e["day"]), "past")
    if end is None:
        return None
    year, middle = add_months(end.year, end.month, -1 if end.day >= 15 else -2)
    return year, (middle - 1) // 3 + 1


@TIMEX.rule("timex-year-period")
@scan(r"\b(?i:the)\s+(?P<year>(?:19|20)\d\d)\s+(?i:quarter|period)\b", anchor=r"quarter|period")
def year_period(ctx: Context, m: re.Match) -> Found | None:
    """ "The 2030 quarter" of a results story: that year's quarter matching the latest one
    (article of 2031-10-30) -> 2030-Q3."""
    if ctx.dct is None:
        return _unresolved(m, "quarter")
    _, q = latest_quarter(ctx.dct)
    return Found(m.start(), m.end(), f"{m['year']}-Q{q}", "quarter")


HALF_OF_OTHER = re.compile(r"\s+of\s+(?!(?:the|this|last|next)\s+year\b)", re.I)


@TIMEX.rule("timex-half")
@scan(
    r"\b(?i:the)\s+(?P<h>(?i:first|second|last))\s+half"
    r"(?:\s+of\s+(?:(?i:fiscal)\s+)?(?P<year>(?:19|20)\d\d)|\b)",
    anchor=r"half",
)
def half(ctx: Context, m: re.Match) -> Found | None:
    """A half year: `the second half of 2031` -> 2031-H2 (without a year, the article's). The
    half of something else is no half year: `the last half of the '80s`, `the second half of
    the match`."""
    h = 1 if m["h"].lower() == "first" else 2
    if not m["year"] and HALF_OF_OTHER.match(ctx.text, m.end()):
        return None
    if m["year"]:
        return Found(m.start(), m.end(), f"{m['year']}-H{h}", "half", anchor="absolute")
    if ctx.dct is None:
        return _unresolved(m, "half")
    return Found(m.start(), m.end(), f"{ctx.dct.year}-H{h}", "half")


@TIMEX.rule("timex-season")
@scan(
    rf"{MOD}(?:(?P<rel>(?i:last|this|next|this\s+past|the|over\s+the))\s+)?\b"
    rf"(?P<season>(?i:{_alternation(SEASONS)}))\b(?:\s+(?:of\s+)?(?:{YEAR}|{SPELLED_YEAR}))?",
    anchor=r"spring|summer|fall|autumn|winter",
)
def season(ctx: Context, m: re.Match) -> Found | None:
    """A season: `this summer` (article of 2031-03-22) -> 2031-SU, `last fall` (2031-06-07) ->
    2030-FA, `the winter of 2029` (or `of twenty twenty-nine`) -> 2029-WI."""
    code = SEASONS[m["season"].lower()]
    rel = " ".join((m["rel"] or "").lower().split()).replace("over the", "the")
    if year := m["year"] or _spelled_value(m):
        return Found(m.start(), m.end(), f"{year}-{code}", "season", _mod(m), "absolute")
    if not rel or (rel == "the" and code == "FA"):
        return None  # a bare "fall" is mostly a verb
    if ctx.dct is None:
        return _unresolved(m, "season")
    year = _season_year(ctx.dct, code, rel.replace("this past", "last"))
    start = m.start("rel") if rel == "the" and m["rel"].lower().startswith("over") else m.start()
    if rel == "the":
        start = m.start("season")
    return Found(start, m.end(), f"{year}-{code}", "season", _mod(m))


def _season_year(dct: Date, code: str, rel: str) -> int:
    """The year of "this/last/next <season>": the one under way or of this year, the last one
    ended before the article date, or the next one not yet begun."""
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]

    def bounds(y: int) -> tuple[Date, Date]:
        end_y, end_m = (y + 1, 3) if code == "WI" else (y, first + 3)
        return Date(y, first, 1), Date(end_y, end_m, 1)

    this = dct.year - (code == "WI" and dct.month <= 2)
    if rel == "last":
        return this if bounds(this)[1] <= dct else this - 1
    if rel == "next":
        return this if bounds(this)[0] > dct else this + 1
    return this


@TIMEX.rule("timex-recent-period")
@scan(
    r"\b(?P<w>(?i:recent|past))\s+(?P<unit>(?i:years|months|weeks|days|decades))\b",
    anchor=r"\b(?:recent|past)\s",
)
def recent_period(ctx: Context, m: re.Match) -> Found | None:
    """Recent times without a count: `prices fell in recent years`, `in past years` ->
    PAST_REF ("the past two years" is a duration and stays out)."""
    return Found(m.start(), m.end(), "PAST_REF", "ref", anchor="absolute")


PERIOD_AFTER = re.compile(
    rf"\s+(?:[\w-]+\s+)?(?:{_alternation(words('period_nouns'))})\b", re.I
)  # "the past [two] quarters", "the past century": the period after "the past"


@TIMEX.rule("timex-reference")
@scan(rf"\b(?P<w>(?i:{_alternation(REFERENCES)}))\b(?!-)")
def reference(ctx: Context, m: re.Match) -> Found | None:
    """A time with no calendar value: `talks are now stalled` -> PRESENT_REF, `recently` ->
    PAST_REF, `in the future` -> FUTURE_REF."""
    word = " ".join(m["w"].lower().split())
    after = ctx.text[m.end() : m.end() + 20].lower()
    if word in ("the past", "in the past") and PERIOD_AFTER.match(ctx.text, m.end()):
        return None  # "the past year", "the past three summers": a period, not the past
    if word == "current" and re.match(r"\s+account", after):
        return None
    start = m.start() + 3 if word == "in the past" else m.start()
    return Found(start, m.end(), REFERENCES[word], "ref", anchor="absolute")
