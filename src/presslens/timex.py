"""Every time expression of an article body, normalised like a TIMEX3 value against its date.

A pure extractor: ``extract_time_mentions(document)`` reads ``document.text`` (the cleaned body:
captions, comment forms and furniture are already gone) and returns one `TimeMention` per
expression, with its exact span, its value, its precision and the rule that found it::

    >>> doc = Document(id="d", source="d.txt", text="Talks resumed on Friday.", published="2024-03-06")
    >>> [(m.text, m.value) for m in extract_time_mentions(doc)]
    [('Friday', '2024-03-01')]

Each rule of the "timex" stage finds its own kind of expression ("Oct. 15, 1999", "last month",
"the third quarter", "now", ...) and reads it against the article's own date, never today.
Where two rules' spans overlap the longer one wins ("last June" over "June"), ties going to
the earlier rule. The clause's tense decides the direction of an expression that does not
say it: "will meet on Friday" is the next Friday, "met on Friday" the last one. An article
without a date keeps its relative expressions with no value (``anchor == "none"``).

Arithmetic only: no dateparser here (presslens.dates holds every dateparser call).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from presslens.dates import NUMBER_WORDS
from presslens.lexicon import pairs, words
from presslens.models import Document, TimeMention, make_id
from presslens.nlp import token_starting_at
from presslens.rules import Rules, stage

TIMEX = stage(
    "timex",
    "Time expressions in an article body, each with a TIMEX3-like value read from the article "
    "date: every rule finds its kind of expression; where spans overlap the longest wins, "
    "ties going to the earlier rule.",
)

Date = datetime.date
MONTHS: dict[str, int] = {name: int(n) for name, n in pairs("month_names").items()}
SEASONS: dict[str, str] = pairs("season_names")
HOLIDAYS: dict[str, str] = pairs("holiday_dates")
REFERENCES: dict[str, str] = pairs("time_reference_words")
TENSE_CUES: dict[str, str] = pairs("tense_cue_words")
FUTURE_AUX = frozenset(words("future_auxiliaries"))
PAST_PLAN = frozenset(words("past_plan_markers"))
PLAN_PARTICIPLES = frozenset(words("plan_participles"))
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
ORDINALS["4th"] = 4
MODS = {
    "early": "START",
    "late": "END",
    "mid": "MID",
    "the end of": "END",
    "the beginning of": "START",
    "the start of": "START",
    "the middle of": "MID",
    "about": "APPROX",
    "around": "APPROX",
}
PAST_DAY_REACH = 300  # days back a day named without its year may lie in a past clause
UNIT_PRECISION = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _alternation(names) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


_MONTH_NAMES = _alternation(n.capitalize() for n in MONTHS)
MONTH = rf"(?P<month>{_MONTH_NAMES})(?![a-z])\.?"
FULL_MONTH = _alternation(n.capitalize() for n in MONTHS if len(n) > 3 or n == "may")
MOD = rf"(?:(?P<mod>(?i:{_alternation(MODS)}))[\s-]+)?"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d,.]\d|\s*(?:%|percent|per\b))"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|\s*(?:%|percent|p\.m|a\.m))"
WEEKDAY = rf"(?P<weekday>{'|'.join(WEEKDAYS)})"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
NUMBER = rf"(?P<n>\d+|(?i:a|an|one|{_alternation(NUMBER_WORDS)}))"
NOT_AFTER_MONEY = r"(?<![$£€#\d.,/-])"


@dataclass
class Found:
    """What a rule read at one span: the value and how it was reached."""

    start: int
    end: int
    value: str | None
    precision: str
    mod: str | None = None
    anchor: str = "article"
    tense: str | None = None
    rule: str = ""  # set by the runner: the rule whose find was kept


class ParsedTags:
    """{character offset: part-of-speech tag} of a parse, read only at the offsets asked for:
    a dict of every token's tag cost more than the whole scan.

    >>> from spacy.lang.en import English
    >>> doc = English()("It rained")
    >>> doc[1].tag_ = "VBD"
    >>> ParsedTags(doc).get(3), ParsedTags(doc).get(4, "none")
    ('VBD', 'none')
    """

    __slots__ = ("doc",)

    def __init__(self, doc: Doc):
        self.doc = doc

    def get(self, offset: int, default: str | None = None) -> str | None:
        tok = token_starting_at(self.doc, offset)
        return default if tok is None else tok.tag_


Tags = dict[int, str] | ParsedTags  # a tag by character offset


@dataclass
class Context:
    """The text a rule scans and the article date it reads relative expressions from."""

    text: str
    dct: Date | None
    tags: Tags | None = None  # {character offset: part-of-speech tag} of the parse

    def tense(self, start: int) -> str | None:
        """ "future" or "past" from the nearest tense cue before `start` in its clause."""
        return clause_tense(self.text, start, tags=self.tags)

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence holding [start, end), by the nearest full stops."""
        left = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start))
        right = self.text.find(". ", end)
        return self.text[left + 1 : right if right >= 0 else len(self.text)]


def _mod(m: re.Match) -> str | None:
    word = (m.groupdict().get("mod") or "").lower()
    return MODS.get(" ".join(word.split())) if word else None


def _unresolved(m: re.Match, precision: str) -> Found:
    """A relative expression in an article without a date: kept, with no value."""
    return Found(m.start(), m.end(), None, precision, _mod(m), anchor="none")


# --- calendar arithmetic --------------------------------------------------------------------


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) moved by k months: (1999, 12) + 1 -> (2000, 1)."""
    n = year * 12 + month - 1 + k
    return n // 12, n % 12 + 1


def week_value(day: Date) -> str:
    """The ISO week holding the day: "1998-W09"."""
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def quarter_of(day: Date) -> int:
    return (day.month - 1) // 3 + 1


def _day_value(day: Date) -> str:
    return day.isoformat()


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def thanksgiving(year: int) -> Date:
    """The fourth Thursday of November (US)."""
    first = Date(year, 11, 1)
    return first + datetime.timedelta(days=(3 - first.weekday()) % 7 + 21)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def value_range(value: str | None) -> tuple[str, str] | None:
    """The calendar range a value covers: "1998-Q1" -> ("1998-01-01", "1998-03-31")."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m:
        y = int(m[1])
        if m[3]:
            return value, value
        if m[2]:
            last = calendar.monthrange(y, int(m[2]))[1]
            return f"{value}-01", f"{value}-{last:02d}"
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    if m := re.fullmatch(r"(\d{3})X", value):
        return f"{m[1]}0-01-01", f"{m[1]}9-12-31"
    if m := re.fullmatch(r"(\d{2})", value):
        return f"{m[1]}00-01-01", f"{m[1]}99-12-31"
    return _period_range(value)


def _period_range(value: str) -> tuple[str, str] | None:
    """Weeks, quarters, halves and seasons as ranges."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        monday = Date.fromisocalendar(int(m[1]), int(m[2]), 1)
        opens = monday + datetime.timedelta(days=5 if m[3] else 0)  # a weekend opens on Saturday
        return opens.isoformat(), (monday + datetime.timedelta(days=6)).isoformat()
    spans = None
    y = int(value[:4]) if value[:4].isdigit() else 0
    if m := re.fullmatch(r"\d{4}-Q([1-4])", value):
        spans = ((y, 3 * int(m[1]) - 2), (y, 3 * int(m[1])))
    elif m := re.fullmatch(r"\d{4}-H([12])", value):
        spans = ((y, 6 * int(m[1]) - 5), (y, 6 * int(m[1])))
    elif m := re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        first, last = _SEASON_MONTHS[m[1]]
        spans = ((y, first), (y + (last < first), last))
    if spans is None:
        return None
    (y0, m0), (y1, m1) = spans
    return f"{y0:04d}-{m0:02d}-01", f"{y1:04d}-{m1:02d}-{calendar.monthrange(y1, m1)[1]:02d}"


# --- tense ----------------------------------------------------------------------------------

_CLAUSE_END = re.compile(
    r"(?<![ap]\.m)(?<!\b[A-Z])[.!?](?=\s)|[;:\n\"“”]|``|''|\s--\s|,\s+(?:but|while|although)\b"
)
_BE = frozenset({"be", "been", "being", "is", "are", "was", "were", "get", "got"})
_WORD = re.compile(r"[A-Za-z']+")
_NOT_VERBS_AFTER_TO = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this"})


def clause_tense(text: str, start: int, window: int = 14, tags: Tags | None = None) -> str | None:
    """The direction the clause before `start` gives: "will meet on" -> "future", "met" ->
    "past", None when no cue is found within `window` words. With the parse's part-of-speech
    `tags` ({character offset: tag}), "to" looks ahead only before a verb ("to resume on
    Monday", not "reopened to traffic on Monday")."""
    left = 0
    for m in _CLAUSE_END.finditer(text, max(0, start - 200), start):
        left = m.end()
    matches = list(_WORD.finditer(text, left, start))[-window:]
    found = [m.group() for m in matches]
    for i in range(len(found) - 1, -1, -1):
        word = found[i].lower()
        cue = TENSE_CUES.get(word)
        plan = word in PLAN_PARTICIPLES and found[i + 1 : i + 2] == ["for"]
        if plan:
            cue = "future"  # "a summit set for April", "is set for Friday": a plan
        if word == "to" and not _verb_follows(found, matches, i, tags):
            continue
        participle = cue == "past" or _past_form(found[i], matches[i], tags)
        if participle and not plan and i > 0 and found[i - 1].lower() in _BE | {"to"}:
            continue  # "would be held", "to be completed": the participle says nothing
        if (
            cue == "future"
            and word not in FUTURE_AUX
            and PAST_PLAN & {w.lower() for w in found[:i]}
        ):
            return "past"  # "had been due to expire Friday": a plan of the past
        if cue == "until":
            return _until_tense(text, matches, i, tags)
        if cue:
            return cue
        if participle:
            return "past"
    return None


def _until_tense(text: str, matches: list[re.Match], i: int, tags: Tags | None) -> str:
    """An "until" reaches ahead ("closed until Friday", "postponed until Friday": a deadline
    set in the past still lies ahead), except where it opens a sentence whose main clause is
    told in the past: "Until Friday, they had not met" -> past."""
    before = text[: matches[i].start()].rstrip(" \"“'‘")
    if i > 0 or before[-1:] not in ("", ".", "!", "?", "\n"):
        return "future"
    comma = text.find(",", matches[i].end(), matches[i].end() + 60)
    main = list(_WORD.finditer(text, comma + 1, comma + 60))[:4] if comma >= 0 else []
    for m in main:
        if TENSE_CUES.get(m.group().lower()) == "past" or _past_form(m.group(), m, tags):
            return "past"
    return "future"


def _past_form(word: str, match: re.Match, tags: Tags | None) -> bool:
    """Whether a word is a past form: by its tag (VBD, VBN) when the parse gives one ("succeed"
    is no past form), else by its "-ed" ending."""
    tag = tags.get(match.start()) if tags is not None else None
    if tag is not None:
        return tag in ("VBD", "VBN")
    return len(word) > 4 and word.endswith("ed") and not word.endswith("ceed") and word[0].islower()


def _verb_follows(found: list[str], matches: list[re.Match], i: int, tags) -> bool:
    """Whether the word after "to" is a verb: by its tag, or without a parse by its case."""
    if i + 1 >= len(found):
        return False
    if tags is not None:
        return tags.get(matches[i + 1].start(), "").startswith("VB")
    after = found[i + 1]
    return after[0].islower() and after not in _NOT_VERBS_AFTER_TO


# --- resolution helpers ---------------------------------------------------------------------


def month_in_direction(dct: Date, month: int, tense: str | None, relative: str | None) -> int:
    """The year of a month named without one: "last June", "in February" (the last one unless
    the clause is in the future), "next June"."""
    if relative == "this":
        return dct.year
    if relative == "next" or (relative is None and tense == "future"):
        return dct.year + (month < dct.month or (relative == "next" and month == dct.month))
    return dct.year - (month > dct.month or (relative == "last" and month == dct.month))


def day_in_direction(dct: Date, month: int, day: int, tense: str | None) -> Date | None:
    """The year of "Sept. 30": the one closest to the article date (a day named without its
    year is near it; the clause's tense is too weak a cue against that), the next one in a
    future clause when both are within a season."""
    options = [
        d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := _safe_date(y, month, day))
    ]
    if tense == "future":
        options = [d for d in options if 0 <= (d - dct).days <= 92] or options
    elif tense == "past":
        options = [d for d in options if 0 <= (dct - d).days <= PAST_DAY_REACH] or options
    return min(options, key=lambda d: abs((d - dct).days)) if options else None


def weekday_date(dct: Date, weekday: int, relative: str | None, tense: str | None) -> Date:
    """ "last Friday" (strictly before), "next Friday" (strictly after), "Friday" (the last on or
    before the article date, or the next on or after in a future clause)."""
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if relative == "last":
        return dct - datetime.timedelta(days=back or 7)
    if relative == "next":
        return dct + datetime.timedelta(days=ahead or 7)
    if tense == "future" or relative == "coming":
        return dct + datetime.timedelta(days=ahead)
    return dct - datetime.timedelta(days=back)


def latest_quarter(dct: Date) -> tuple[int, int]:
    """The last quarter finished by the article date (what "the quarter" of a results story is)."""
    year, month = add_months(dct.year, 3 * quarter_of(dct) - 2, -3)
    return year, (month - 1) // 3 + 1


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ("a", "an", "one"):
        return 1
    return NUMBER_WORDS.get(word)


def shifted(dct: Date, unit: str, k: int) -> tuple[str, str]:
    """The value k units from the article date at that unit's precision: ("month", -1) ->
    last month."""
    if unit == "day":
        return _day_value(dct + datetime.timedelta(days=k)), "day"
    if unit == "week":
        return week_value(dct + datetime.timedelta(weeks=k)), "week"
    if unit == "month":
        return _month_value(*add_months(dct.year, dct.month, k)), "month"
    if unit == "quarter":
        y, mo = add_months(dct.year, 3 * quarter_of(dct) - 2, 3 * k)
        return f"{y}-Q{(mo - 1) // 3 + 1}", "quarter"
    if unit == "decade":
        return f"{(dct.year + 10 * k) // 10}X", "decade"
    return f"{dct.year + k:04d}", "year"


# --- the runner -----------------------------------------------------------------------------


def find_time_expressions(
    text: str,
    published: str | None,
    rules: Rules = TIMEX,
    tags: Tags | None = None,
) -> list[Found]:
    """Every rule's finds in `text`, overlaps settled (longest span, then earlier rule).

    The last few texts' answers are kept: the pipeline, the claims and the events of one parsed
    document all ask for it (callers must not change the returned records)."""
    key = (text, published, tuple(r.id for r in rules), tags is not None)
    if key in _RECENT:
        return _RECENT[key]
    found = _find_all(text, published, rules, tags)
    _RECENT[key] = found
    while len(_RECENT) > RECENT_TEXTS:
        del _RECENT[next(iter(_RECENT))]
    return found


RECENT_TEXTS = 4  # a document's body and title, read by claims, events and the timex stage
_RECENT: dict[tuple, list[Found]] = {}  # (text, date, rules, tagged) -> finds, oldest first


def _find_all(text: str, published: str | None, rules: Rules, tags) -> list[Found]:
    ctx = Context(text, story_date(text, _parse_dct(published)), tags)
    candidates = []
    for order, rule in enumerate(rules):
        for found in rule.fn(ctx):
            candidates.append((found, order, rule.ref))
    candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[1], c[0].start))
    taken: list[tuple[Found, str]] = []
    for found, _, ref in candidates:
        if all(found.end <= t.start or found.start >= t.end for t, _ in taken):
            taken.append((found, ref))
    taken.sort(key=lambda t: t[0].start)
    for found, ref in taken:
        found.rule = ref
    return [found for found, _ in taken]


_DATELINE_DATE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]+){0,3}"
    r"(?:[ \t]*,[ \t]*[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2})?"
    rf"[ \t]*,[ \t]*{MONTH}[ \t]+{DAY}[ \t]*(?:\([^)\n]{{2,40}}\))?[ \t]*(?:[–—_]|-{{1,2}})\s"
)
DATELINE_REACH = 3  # days before the article date a wire dateline's own date may lie
DATELINE_WITHIN = 300  # characters from the top where a dateline may open the body


def story_date(text: str, dct: Date | None) -> Date | None:
    """The date relative expressions are read from: the article date, or the date of a wire
    dateline opening the body when it lies a few days before it (a wire story filed late in its
    day carries the next day's date; its "Friday" and "today" are the dateline's):
    ``story_date("BELMORA, March 12 (Wire) -- Talks ended Friday.", Date(2031, 3, 13))`` ->
    2031-03-12."""
    if dct is None:
        return None
    m = _DATELINE_DATE.search(text, 0, DATELINE_WITHIN)
    if m is None:
        return dct
    month = MONTHS[m["month"].lower().rstrip(".")]
    for year in (dct.year, dct.year - 1):
        day = _safe_date(year, month, int(m["day"]))
        if day is not None and 0 <= (dct - day).days <= DATELINE_REACH:
            return day
    return dct


def _parse_dct(published: str | None) -> Date | None:
    if not published:
        return None
    try:
        return Date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def extract_time_mentions(
    document: Document, body_from: int = 0, rules: Rules = TIMEX, parsed: Doc | None = None
) -> list[TimeMention]:
    """One `TimeMention` per time expression of the document's cleaned body (from `body_from`,
    past a dateline), read against `document.published`; `parsed` (the spaCy parse of the
    body) sharpens the tense cues."""
    text = document.text
    tags = ParsedTags(parsed) if parsed is not None else None
    out = []
    for found in find_time_expressions(text, document.published, rules, tags):
        if found.start < body_from:
            continue
        span = value_range(found.value)
        out.append(
            TimeMention(
                id=make_id(document.id, "time", found.start, found.end),
                doc_id=document.id,
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                value=found.value,
                precision=found.precision,
                rule=found.rule,
                start_date=span[0] if span else None,
                end_date=span[1] if span else None,
                mod=found.mod,
                anchor=found.anchor,
                tense=found.tense,
            )
        )
    return out


WORD_START = r"\b(?=\w)"  # a match opens a word: the regex engine skips other positions fast


def scan(
    pattern: str, flags: int = 0, anchor: str | None = None, start: str = WORD_START
) -> Callable:
    """Decorate a rule body `fn(ctx, match) -> Found | None` into a rule scanning `pattern`.
    `anchor`, a cheap pattern every match contains, skips texts without it; `start`, where
    every match begins (a word, unless a rule says otherwise): both for speed only."""
    compiled = re.compile(f"{start}(?:{pattern})", flags)
    needed = re.compile(anchor, re.I) if anchor else None

    def wrap(fn: Callable) -> Callable:
        def rule(ctx: Context) -> Iterator[Found]:
            if needed is not None and needed.search(ctx.text) is None:
                return
            for m in compiled.finditer(ctx.text):
                found = fn(ctx, m)
                if found is not None:
                    yield found

        rule.__doc__ = fn.__doc__
        rule.__name__ = fn.__name__
        rule.__wrapped__ = fn  # type: ignore[attr-defined]
        rule.pattern = compiled  # type: ignore[attr-defined]
        return rule

    return wrap


from presslens import timex_rules  # noqa: E402, F401 - registers the rules of the stage
