"""Claims, dates, cross-outlet corroboration and the timeline.

A claim is one sentence that states an event or fact, with who tells it: the outlet's own
narration, a direct quote, or reported speech. Claims from different documents that tell the
same event are grouped into clusters, re-published copies are folded into their original so a
wire story run by five sites does not look like five independent confirmations, and dated
clusters become a timeline.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache, partial

import numpy as np
from spacy.tokens import Doc, Span, Token

from presslens.lexicon import kinds
from presslens.models import Claim, ClaimCluster, Document, Quote, TimelineEntry, When, make_id

# ---------------------------------------------------------------------------------------------
# Heuristics as data
# ---------------------------------------------------------------------------------------------

# Words that make a DATE entity useless as a date: no point in time can be read from them.
VAGUE_DATES = frozenset(
    """recently now currently soon lately nowadays earlier later then once previously
    formerly meanwhile eventually ago the past future present time moment
    daily weekly monthly annually yearly overnight""".split()
)
# Anchored to another event, not to the article date ("the next day", "a week later").
EVENT_RELATIVE_RE = re.compile(
    r"\b(?:next|following|previous|prior|same|that|preceding)\s+(?:day|morning|night|evening|afternoon|week|month|year)\b"
    r"|\b(?:later|earlier|before|after|afterwards|beforehand)$"
    r"|\bday\s+(?:before|after)\b",
    re.I,
)
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
}  # fmt: skip
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
# After the dateline place: ", Varesh, March 3 (Northwind) – " up to the dash.
DATELINE_LEAD_RE = re.compile(
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z0-9][\w.]*)*|\s*\([^)\n]{1,40}\))*\s*[–—-]+\s+"
    r"|\s*[:,]?\s*"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_RE = re.compile(
    r"^(?:on\s+)?(" + "|".join(WEEKDAYS) + r")(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?$",
    re.I,
)
PRECISION_OF_PERIOD = {"day": "day", "time": "day", "month": "month", "year": "year"}

# Verbs of saying: when one is the root and it has a clausal complement, the event is the
# complement and the sentence is attributed speech.
SPEECH_VERBS = kinds("speech_verbs", "claim-speech")
# Verbs that state a condition rather than an event: no dateline is assumed for them.
STATIVE_VERBS = frozenset(
    """be have seem appear remain belong contain consist know believe think want need like
    love hate hope feel mean own possess resemble""".split()
)
FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo"})
FUTURE_HEADS = frozenset({"plan", "intend", "schedule", "due", "set", "expect", "prepare"})
INTERVIEW_Q_RE = re.compile(r"^\s*Q\s*[:.]", re.M)
INTERVIEW_A_RE = re.compile(r"^\s*A\s*[:.]", re.M)
REPORTED_MARKERS = ("according to",)
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative", "agent")
PLACE_LABELS = ("GPE", "LOC", "FAC")
PLACE_PREPS = frozenset("in near at outside inside around across into from off".split())
NON_PLACE_LABELS = frozenset(
    "PERSON DATE TIME NORP CARDINAL ORDINAL MONEY PERCENT QUANTITY EVENT WORK_OF_ART LAW LANGUAGE".split()
)
DIRECT_KINDS = ("direct", "block", "post")
INDIRECT_KINDS = ("indirect", "mixed")
QUOTE_BOTH = ('"', "''")  # straight marks (and '' of some archives) open and close
QUOTE_OPEN = ("“", "«", "„", "``")
QUOTE_CLOSE = ("”", "»")
QUOTE_MARK_RE = re.compile(r"\n|''|``|[\"“”«»„]")

# Word families for comparing claims told in different words (stems after _stem()).
_FAMILY_WORDS = {
    "attack": "attack ambush assault raid strike storm bomb shell fire shoot target hit "
    "offensive incursion firefight clash skirmish",
    "kill": "kill die dead death slay slain murder fatal fatality casualty lose lost "
    "martyr martyrdom perish execute massacre",
    "wound": "wound injure injury hurt maim",
    "soldier": "soldier troop trooper serviceman servicemen personnel guard officer recruit",
    "militant": "militant gunman gunmen fighter insurgent rebel terrorist guerrilla assailant "
    "attacker resistance militia jihadist",
    "army": "army military armed force defence defense",
    "convoy": "convoy patrol column vehicle truck lorry",
    "arrest": "arrest detain detention apprehend capture seize custody nab round",
    "release": "release free freed liberate discharge",
    "protest": "protest demonstrate demonstration rally march demonstrator protester protestor",
    "gather": "gather assemble throng flock fill crowd converge mourner",
    "meet": "meet meeting talk negotiate negotiation summit",
    "elect": "elect election vote ballot poll",
    "sign": "sign agree agreement deal accord pact treaty",
    "resign": "resign resignation quit step leave depart",
    "close": "close closure shut shutdown block blockade",
    "open": "open reopen reopening",
    "ban": "ban prohibit outlaw forbid",
    "dismiss": "dismiss sack oust remove",
    "flee": "flee fled evacuate displace escape",
    "build": "build construct construction erect",
    "destroy": "destroy demolish raze flatten destruction demolition",
    "kidnap": "kidnap abduct abduction hostage captive",
    "investigate": "investigate investigation probe inquiry inquire",
    "approve": "approve pass adopt ratify endorse",
    "reject": "reject refuse decline veto",
    "fund": "fund funding grant budget aid finance",
    "truce": "ceasefire truce armistice",
    "funeral": "funeral burial bury procession",
}
WORD_FAMILIES: dict[str, tuple[str, ...]] = {k: tuple(v.split()) for k, v in _FAMILY_WORDS.items()}
# Irregular forms the light stemmer cannot reach.
IRREGULAR = {
    "died": "die", "dying": "die", "fled": "flee", "struck": "strike", "shot": "shoot",
    "fought": "fight", "led": "lead", "held": "hold", "began": "begin", "begun": "begin",
    "met": "meet", "won": "win", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "told": "tell", "said": "say", "built": "build", "sent": "send",
    "left": "leave", "came": "come", "went": "go", "gone": "go", "ran": "run",
    "stood": "stand", "caught": "catch", "brought": "bring", "bought": "buy", "hit": "hit",
    "women": "woman", "children": "child",
    "burnt": "burn", "blew": "blow", "blown": "blow", "broke": "break", "broken": "break",
    "seen": "see", "saw": "see", "knew": "know", "known": "know", "spoke": "speak",
    "spoken": "speak", "chose": "choose", "chosen": "choose", "rose": "rise", "risen": "rise",
    "fell": "fall", "fallen": "fall", "wounded": "wound", "lost": "lose", "slain": "slay",
}  # fmt: skip
FAMILY_OF: dict[str, str] = {w: fam for fam, words in WORD_FAMILIES.items() for w in words}
# Predicates too common to say anything about which event a claim tells.
LIGHT_PREDICATES = frozenset(
    """be have do say make get go come take give tell know think want believe seem sound
    look feel need like hope mean""".split()
)
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from into onto over under near as is
    are was were be been being has have had do does did this that these those it its they them
    their he him his she her we us our you your i me my who whom whose which what when where
    why how not no nor so than too very can could will would shall should may might must
    there here also just only about after before while during since until up down out off
    again further then once all any both each few more most other some such own same s said
    says say told tells according last this next ago near outside inside across against
    per via around among amid through between don didn doesn isn wasn aren weren won wouldn
    couldn shouldn hasn haven hadn ll re ve d m t""".split()
)

# Similarity (mean of idf-weighted Dice and containment of content words) needed for two
# claims to tell the same event, by evidence: shared entity 1, same day 1, same action 1 (or
# 0.5 when one's action only appears among the other's words).
SIM_NEEDED = ((3.0, 0.25), (2.5, 0.3), (2.0, 0.35), (1.0, 0.5), (0.0, 0.75))
MAX_NAME_LOOKUPS = 10
NAME_RE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]+)*")
MIN_SHARED_WORDS = 3
MIN_SHARED_COMMON = 2  # lower-case words (what happened, not only who); 1 with strong evidence
TITLE_WORDS = kinds("titles", "claim-title")
MAX_BLOCK = 200  # blocks larger than this are too generic to compare within
MAX_SENTENCE_TOKENS = (
    250  # longer "sentences" are unpunctuated dumps, not claims; the parse walk grows with length²
)
REPUBLICATION_JACCARD = 0.6
SHINGLE_SIZE = 5
MINHASH_BANDS = 32
MINHASH_ROWS = 4
_PRIME32 = 4294967311
_rng = np.random.RandomState(20240301)
_HASH_A = _rng.randint(1, 1 << 31, size=MINHASH_BANDS * MINHASH_ROWS, dtype=np.int64).astype(
    np.uint64
)
_HASH_B = _rng.randint(0, 1 << 31, size=MINHASH_BANDS * MINHASH_ROWS, dtype=np.int64).astype(
    np.uint64
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)

# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

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


@lru_cache(maxsize=65536)
def _resolve_cached(text: str, base_iso: str | None, future: bool = False) -> When | None:
    t = _normalise_date_text(text)
    if _is_rejected(text, t):
        return None
    m = DECADE_RE.match(t) or DECADE_RE.match(text.strip())
    if m:
        year = int(m.group(1)) * 10 if m.group(1) else 1900 + int(m.group(2)) * 10
        return _when(datetime.date(year, 1, 1), "decade", text)
    if base_iso is None:
        return _resolve_absolute(t, text)
    base_day = datetime.date.fromisoformat(base_iso)
    wd = WEEKDAY_RE.match(t)
    if wd:  # "on Tuesday": the most recent Tuesday on or before the article date
        back = (base_day.weekday() - WEEKDAYS.index(wd.group(1).lower())) % 7
        if future:  # "will be held on Tuesday": the next Tuesday on or after
            return _when(base_day + datetime.timedelta(days=(7 - back) % 7), "day", text)
        return _when(base_day - datetime.timedelta(days=back), "day", text)
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
    if isinstance(published, datetime.datetime):
        published = published.date()
    if isinstance(published, datetime.date):
        base_iso = published.isoformat()
    elif isinstance(published, str) and published.strip():
        try:
            base_iso = datetime.date.fromisoformat(published.strip()[:10]).isoformat()
        except ValueError:
            base_iso = None
    else:
        base_iso = None
    cached = _resolve_cached(text.strip(), base_iso, future)
    if cached is None:
        return None
    return When(cached.start, cached.end, cached.precision, text)


# ---------------------------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------------------------


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks over the whole body, a fallback when no Quote covers a
    sentence. A quote may run over several sentences; a paragraph that closes a quote it did
    not open continues one from the paragraph before (the "no closing mark" convention)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    para_start = 0
    for m in QUOTE_MARK_RE.finditer(text):
        mark, i = m.group(0), m.start()
        if mark == "\n":
            if open_at is not None:  # unclosed at paragraph end: keep it, bounded
                regions.append((open_at, i))
                open_at = None
            para_start = i + 1
        elif mark in QUOTE_BOTH:
            if open_at is None:
                open_at = i
            else:
                regions.append((open_at, m.end()))
                open_at = None
        elif mark in QUOTE_OPEN:
            if open_at is None:
                open_at = i
        elif open_at is not None:  # a closing mark
            regions.append((open_at, m.end()))
            open_at = None
        else:
            after = regions[-1][1] if regions and regions[-1][1] > para_start else para_start
            regions.append((after, m.end()))
    if open_at is not None:
        regions.append((open_at, len(text)))
    return regions


def _interview_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """Paragraphs of a Q&A interview: "Q" for the interviewer's, "A" for the answers (the
    interviewee's words, not the outlet's). Narration between them stays the outlet's."""
    if not (INTERVIEW_Q_RE.search(text) and INTERVIEW_A_RE.search(text)):
        return []
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if INTERVIEW_Q_RE.match(line):
            out.append((pos, end, "Q"))
        elif INTERVIEW_A_RE.match(line):
            out.append((pos, end, "A"))
        pos = end + 1
    return out


def _in_paragraph(
    pos: int, paragraphs: list[tuple[int, int, str]], starts: list[int]
) -> tuple[int, int, str] | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and paragraphs[k][0] <= pos <= paragraphs[k][1]:
        return paragraphs[k]
    return None


def _segments(parsed: Doc) -> Iterable[Span]:
    """Sentences, split where the parser ran a sentence over a line break ("...?\n\nA: ...")."""
    for sent in parsed.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    yield parsed[start : tok.i]
                start = tok.i + 1
        if start < sent.end:
            yield parsed[start : sent.end]


def _in_regions(pos: int, regions: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def _main_clause(sent: Span) -> tuple[Token | None, bool]:
    """The verb that carries the event and whether it came from a verb of saying."""
    root = sent.root
    if root.lemma_.lower() in SPEECH_VERBS:
        for child in root.children:
            if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX"):
                if any(c.dep_ in SUBJECT_DEPS for c in child.children):
                    return child, True
    if root.pos_ in ("VERB", "AUX"):
        return root, False
    for tok in sent:  # a fragment rooted on a noun: the first verb with a subject
        if tok.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            return tok, False
    return None, False


def _governing_verb(tok: Token) -> Token:
    """The verb a date hangs from: "whose envoy arrived on Sunday" -> arrived."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 12:
        tok = tok.head
        steps += 1
    return tok


def _is_future(verb: Token) -> bool:
    """ "will be held", "would take place", "is due to open": the date lies ahead."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in FUTURE_AUX:
            return True
    head = verb.head if verb.dep_ == "xcomp" else None
    return head is not None and head.lemma_.lower() in FUTURE_HEADS


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def _object(verb: Token) -> str | None:
    best = None
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            best = child
            break
    if best is None:
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.i > verb.i:
                best = child
                break
    if best is None:
        return None
    doc = verb.doc
    return doc[best.left_edge.i : best.right_edge.i + 1].text


def _place(sent: Span, sent_ents: list[Span], clause_tokens: set[int]) -> Span | None:
    """A place in the sentence: GPE/LOC/FAC, preferring one after in/near/at, then one in the
    clause; else a capitalised object of a place preposition (the small model tags towns ORG)."""
    doc = sent.doc
    best, best_score = None, -1
    for ent in sent_ents:
        score = -1
        prev = doc[ent.start - 1].lower_ if ent.start > sent.start else ""
        if ent.label_ in PLACE_LABELS:
            score = 2
        elif (
            ent.label_ not in NON_PLACE_LABELS
            and prev in PLACE_PREPS
            and doc[ent.start].is_title
            and not doc[ent.start].is_sent_start
        ):
            score = 0
        else:
            continue
        if prev in PLACE_PREPS:
            score += 2
        if ent.root.i in clause_tokens:
            score += 1
        if score > best_score:
            best, best_score = ent, score
    return best


def _span_for(tok: Token, ent_of: dict[int, Span], chunk_of: dict[int, Span]) -> Span:
    """The subject's entity mention, else its noun chunk; a clausal subject ("Whoever
    planned this") is its whole clause."""
    if tok.dep_ in ("csubj", "csubjpass"):
        return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    if tok.i in ent_of:
        return ent_of[tok.i]
    if tok.i in chunk_of:
        return chunk_of[tok.i]
    return tok.doc[tok.i : tok.i + 1]


def _dateline_span(document: Document) -> tuple[int, int] | None:
    if not document.dateline:
        return None
    at = document.text.find(document.dateline, 0, 200)
    if at < 0:
        return None
    return at, at + len(document.dateline)


def _dateline_lead_end(text: str, dl_end: int) -> int:
    """Where the body starts after "KESSARA, March 1 (Agency) –": the dateline's date and
    agency tag are the filing's, not the event's."""
    m = DATELINE_LEAD_RE.match(text, dl_end)
    return m.end() if m else dl_end


def _published_iso(document: Document) -> str | None:
    if not document.published:
        return None
    try:
        return datetime.date.fromisoformat(document.published[:10]).isoformat()
    except ValueError:
        return None


def extract_claims(parsed: Doc, document: Document, quotes: list[Quote]) -> list[Claim]:
    """One claim per sentence that states an event or fact (a verb with a subject).

    Who tells it matters: a claim inside a direct quote is the speaker's, not the outlet's
    (source_kind "quote"), one inside reported speech is "reported", the rest is the outlet's
    own narration. One pass over the sentences; quotes are swept in order.
    """
    text = document.text
    published = _published_iso(document)
    ent_of: dict[int, Span] = {}
    for ent in parsed.ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    chunk_of: dict[int, Span] = {}
    for chunk in parsed.noun_chunks:
        chunk_of[chunk.root.i] = chunk
    dateline = _dateline_span(document)
    dl_text = dl_start = dl_end = None
    body_from = 0
    if dateline:
        dl_start, dl_end = dateline
        dl_text = text[dl_start:dl_end]
        body_from = _dateline_lead_end(text, dl_end)

    regions = _quote_regions(text)
    region_starts = [a for a, _ in regions]
    paragraphs = _interview_paragraphs(text)
    para_starts = [a for a, _, _ in paragraphs]
    ordered = sorted(quotes, key=lambda q: q.start)
    claims: list[Claim] = []
    qi = 0
    doc_ents = list(parsed.ents)  # Span.ents scans the whole doc: bucket once, in order
    ei = 0
    for sent in _segments(parsed):
        while ei < len(doc_ents) and doc_ents[ei].start < sent.start:
            ei += 1
        sent_ents = []
        ej = ei
        while ej < len(doc_ents) and doc_ents[ej].end <= sent.end:
            sent_ents.append(doc_ents[ej])
            ej += 1
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue
        s_text = sent.text.strip()
        if not s_text or s_text.endswith("?") or not any(t.is_alpha for t in sent):
            continue
        para = _in_paragraph(sent.start_char, paragraphs, para_starts)
        if para is not None and para[2] == "Q":  # an interviewer's question
            continue
        verb, via_speech = _main_clause(sent)
        if verb is None:
            continue
        subj = _subject(verb)
        if subj is None:
            continue
        if subj.idx < body_from:  # "TARSK – Gunmen ambushed": skip the dateline
            subj = next(
                (c for c in subj.children if c.dep_ == "appos" and c.idx >= body_from), None
            ) or next(
                (t for t in sent if t.idx >= body_from and (t.i in chunk_of or t.i in ent_of)),
                None,
            )
            if subj is None:
                continue
        start, end = sent.start_char, sent.end_char
        # strip whitespace the sentence may carry
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < body_from < end:
            start = body_from

        # which quote (if any) the claim sits in
        while qi < len(ordered) and ordered[qi].end <= start:
            qi += 1
        source_kind, quote_id = "outlet", None
        vpos = verb.idx
        j = qi
        while j < len(ordered) and ordered[j].start < end:
            q = ordered[j]
            if q.kind in DIRECT_KINDS and q.start <= vpos < q.end:
                source_kind, quote_id = "quote", q.id
                break
            if q.kind in INDIRECT_KINDS and source_kind == "outlet" and q.end > start:
                source_kind, quote_id = "reported", q.id
            j += 1
        if source_kind == "outlet":
            if _in_regions(vpos, regions, region_starts) or (para and para[2] == "A"):
                source_kind = "quote"
            elif via_speech or any(m in s_text.lower() for m in REPORTED_MARKERS):
                source_kind = "reported"

        subj_span = _span_for(subj, ent_of, chunk_of)
        clause = {t.i for t in verb.subtree}
        place = _place(sent, sent_ents, clause)
        predicate = verb.lemma_.lower()

        when = None
        dates = [e for e in sent_ents if e.label_ == "DATE" and e.start_char >= body_from]
        if via_speech:  # "..., she said on Saturday": the day of saying is not the event's
            dates = [e for e in dates if e.root.i in clause]
        dates.sort(key=lambda e: (e.root.i not in clause, e.start))
        for ent in dates:
            future = _is_future(_governing_verb(ent.root))
            resolved = resolve_date(ent.text, published, future)
            if resolved is not None:
                resolved.char_start, resolved.char_end = ent.start_char, ent.end_char
                when = resolved
                break

        where_text = where_start = where_end = None
        if place is not None:
            where_text, where_start, where_end = place.text, place.start_char, place.end_char
        elif dl_text and predicate not in STATIVE_VERBS and source_kind != "quote":
            where_text, where_start, where_end = dl_text.strip(" –—-:,"), dl_start, dl_end

        claims.append(
            Claim(
                id=make_id("claim", document.id, start, end),
                doc_id=document.id,
                start=start,
                end=end,
                text=text[start:end],
                predicate=predicate,
                object=_object(verb),
                subject_text=subj_span.text,
                subject_start=subj_span.start_char,
                subject_end=subj_span.end_char,
                where_text=where_text,
                where_start=where_start,
                where_end=where_end,
                when=when,
                source_kind=source_kind,
                quote_id=quote_id,
            )
        )
    return claims


# ---------------------------------------------------------------------------------------------
# Re-publications
# ---------------------------------------------------------------------------------------------


def _shingle_hashes(text: str) -> np.ndarray:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    if len(words) < SHINGLE_SIZE:
        grams = [" ".join(words)]
    else:
        grams = {
            " ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)
        }
    return np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )


def _minhash(text: str) -> np.ndarray | None:
    """A 128-value MinHash signature: all that is kept of a document."""
    hashes = _shingle_hashes(text)
    if hashes.size == 0:
        return None
    # (a*x + b) mod p with a < 2^31, x < 2^32: no uint64 overflow
    values = (np.outer(_HASH_A, hashes) + _HASH_B[:, None]) % np.uint64(_PRIME32)
    return values.min(axis=1)


def _find_root(parent: list[int], x: int) -> int:
    """Union-find root with path halving (`parent[find(b)] = find(a)` joins two sets)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def find_republications(docs: Iterable[tuple[str, str, str | None]]) -> dict[str, str]:
    """Map each re-published copy to its original: near-duplicate bodies (estimated Jaccard of
    word 5-gram shingles >= 0.6), original = earliest published (ties: first seen).

    MinHash + LSH banding finds candidate pairs without comparing all pairs; only a signature
    per document is kept, never its text.
    """
    sigs: list[np.ndarray] = []
    ids: list[str] = []
    order: list[tuple] = []
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for doc_id, text, published in docs:
        sig = _minhash(text or "")
        if sig is None:
            continue
        k = len(ids)
        ids.append(doc_id)
        sigs.append(sig)
        order.append((published is None, published or "", k))
        for band in range(MINHASH_BANDS):
            key = (band, sig[band * MINHASH_ROWS : (band + 1) * MINHASH_ROWS].tobytes())
            buckets[key].append(k)

    parent = list(range(len(ids)))
    find = partial(_find_root, parent)

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        # each member against the bucket's first and its predecessor: linear per bucket, and
        # union-find joins the rest transitively
        for i in range(1, len(members)):
            for a in {members[0], members[i - 1]}:
                b = members[i]
                if find(a) == find(b) or (a, b) in checked:
                    continue
                checked.add((a, b))
                if float(np.mean(sigs[a] == sigs[b])) >= REPUBLICATION_JACCARD:
                    parent[find(b)] = find(a)

    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(ids)):
        groups[find(k)].append(k)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda k: order[k])
        for k in members:
            if k != original:
                copies[ids[k]] = ids[original]
    return copies


# ---------------------------------------------------------------------------------------------
# Clustering
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light stemmer, enough to meet "ambushed"/"ambush", "killed"/"kill", "announced"/
    "announce" and "soldiers"/"soldier"; family words are returned whole."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w in FAMILY_OF or len(w) <= 3 or w.endswith("ss"):
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("es") and w[:-2].endswith(("sh", "ch", "x", "ss", "z")):
        return w[:-2]
    base = w
    if w.endswith("s") and not w.endswith(("us", "is")):
        base = w[:-1]
    else:
        for suffix in ("ing", "ed"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                base = w[: -len(suffix)]
                if base + "e" in FAMILY_OF:
                    return base + "e"
                if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                    base = base[:-1]  # "shipped" -> "ship"
                break
    if base in FAMILY_OF:
        return base
    if base.endswith("e") and len(base) > 3:
        return base[:-1]  # "announce", "announced", "announcing" -> "announc"
    return base


def _content_words(text: str, skip: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """Normalised content words of a claim, and the subset written in lower case (what
    happened, as opposed to who: two claims sharing only names are not the same event)."""
    words: set[str] = set()
    common: set[str] = set()
    for i, raw in enumerate(_WORD_RE.findall(text)):
        low = raw.lower()
        if low in STOPWORDS or low in TITLE_WORDS or low in skip or low == "_":
            continue
        if low in NUMBER_WORDS:
            word = str(NUMBER_WORDS[low])
        else:
            stem = _stem(low)
            word = FAMILY_OF.get(stem, stem)
        words.add(word)
        if raw == low:
            common.add(word)
        elif i == 0:  # "Thousands of mourners": capitalised only by position
            common.add("^" + word)
    return words, common


def _family(predicate: str) -> str:
    stem = _stem(predicate)
    return FAMILY_OF.get(predicate, FAMILY_OF.get(stem, stem))


def _dates_conflict(a: Claim, b: Claim) -> bool:
    if a.when is None or b.when is None:
        return False
    return a.when.end < b.when.start or b.when.end < a.when.start


def _same_date(a: Claim, b: Claim) -> bool:
    return (
        a.when is not None
        and b.when is not None
        and a.when.start == b.when.start
        and a.when.precision == b.when.precision
    )


def cluster_claims(
    claims: list[Claim],
    outlet_of: dict[str, str | None],
    copies: dict[str, str],
    entity_at: Callable[[str, int, int], str | None],
) -> list[ClaimCluster]:
    """Group claims that tell the same event across documents; sets `claim.cluster_id`.

    Claims are blocked by predicate family, shared entity, date and their two rarest content
    words (compound keys, so one generic key never forms a corpus-wide block), then compared
    within blocks: an idf-weighted Dice overlap of content words (word families make "ambushed
    a convoy" meet "attacked a convoy"), with date and entity agreement as extra evidence and a
    conflicting date as a veto. `independent_outlets` folds each re-published copy into its
    original's outlet.
    """
    n = len(claims)
    outlet_words = frozenset(
        w.lower() for o in set(outlet_of.values()) if o for w in _WORD_RE.findall(o)
    )
    analysed = [_content_words(c.text, outlet_words) for c in claims]
    words = [w for w, _ in analysed]
    lower_vocab = {w for _, c in analysed for w in c if not w.startswith("^")}
    common = [
        {
            w[1:] if w.startswith("^") else w
            for w in c
            if not w.startswith("^") or w[1:] in lower_vocab
        }
        for _, c in analysed
    ]
    df = Counter(w for ws in words for w in ws)
    idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}
    families = [_family(c.predicate) for c in claims]
    outlet_names = frozenset(o for o in outlet_of.values() if o)
    ents = [_claim_entities(c, entity_at, outlet_names) for c in claims]

    blocks: dict[tuple, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        fam = families[k]
        date = c.when.start if c.when else None
        light = c.predicate in LIGHT_PREDICATES
        content_fams = {w for w in words[k] if w in WORD_FAMILIES}
        if not light:
            blocks[("f", fam)].append(k)
        for cf in content_fams:
            if date:
                blocks[("cd", cf, date)].append(k)
            for eid in ents[k]:
                blocks[("ce", cf, eid)].append(k)
        for eid in ents[k]:
            if date:
                blocks[("ed", eid, date)].append(k)
            if not light:
                blocks[("fe", fam, eid)].append(k)
        if date and not light:
            blocks[("fd", fam, date)].append(k)
        rare = sorted((w for w in words[k] if not w.isdigit()), key=lambda w: (-idf[w], w))[:3]
        for x in range(len(rare)):
            for y in range(x + 1, len(rare)):
                blocks[("w", *sorted((rare[x], rare[y])))].append(k)

    parent = list(range(n))
    find = partial(_find_root, parent)

    # a re-published copy tells what its original tells: join equal sentences directly (the
    # copy's own publication date may shift its relative dates)
    def root_doc(doc_id: str) -> str:
        seen_ids = set()
        while doc_id in copies and doc_id not in seen_ids:
            seen_ids.add(doc_id)
            doc_id = copies[doc_id]
        return doc_id

    if copies:
        by_text: dict[tuple[str, str], int] = {}
        for k, c in enumerate(claims):
            if c.doc_id not in copies:
                by_text.setdefault((c.doc_id, " ".join(c.text.split())), k)
        for k, c in enumerate(claims):
            if c.doc_id in copies:
                twin = by_text.get((root_doc(c.doc_id), " ".join(c.text.split())))
                if twin is not None:
                    parent[find(k)] = find(twin)

    # no global set of compared pairs: memory stays linear; a pair sharing several keys is
    # compared at most once per shared key (and not at all once joined)
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if find(a) == find(b):
                    continue
                shared_common = len(common[a] & common[b])
                if shared_common == 0:  # only names in common: not enough
                    continue
                if _same_event(
                    claims[a],
                    claims[b],
                    words[a],
                    words[b],
                    idf,
                    families,
                    ents,
                    a,
                    b,
                    shared_common,
                ):
                    parent[find(b)] = find(a)

    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        groups[find(k)].append(k)

    clusters: list[ClaimCluster] = []
    for members in groups.values():
        members_claims = [claims[k] for k in members]
        claim_ids = sorted(c.id for c in members_claims)
        cluster_id = make_id("cluster", *claim_ids)
        doc_ids = sorted({c.doc_id for c in members_claims})
        outlets = sorted({o for d in doc_ids if (o := outlet_of.get(d))})
        independent = set()
        for d in doc_ids:
            origin = root_doc(d)
            independent.add(outlet_of.get(origin) or outlet_of.get(d) or f"doc:{origin}")
        label = _label(members, claims, words)
        for c in members_claims:
            c.cluster_id = cluster_id
        clusters.append(
            ClaimCluster(
                id=cluster_id,
                label=label,
                claim_ids=claim_ids,
                doc_ids=doc_ids,
                outlets=outlets,
                independent_outlets=len(independent),
            )
        )
    clusters.sort(key=lambda cl: (-cl.independent_outlets, -len(cl.claim_ids), cl.id))
    return clusters


def _claim_entities(
    c: Claim,
    entity_at: Callable[[str, int, int], str | None],
    skip_names: frozenset[str] = frozenset(),
) -> set[str]:
    """Entity ids of the claim's subject, place and capitalised names in its text (not the
    outlets' own names: "told Varesh Free Voice" says nothing about the event)."""
    spans = [(c.subject_start, c.subject_end), (c.where_start, c.where_end)]
    for m in NAME_RE.finditer(c.text):
        if len(spans) >= MAX_NAME_LOOKUPS:
            break
        if m.group(0) in skip_names:
            continue
        spans.append((c.start + m.start(), c.start + m.end()))
    found = set()
    for s, e in spans:
        if s is not None and e is not None:
            eid = entity_at(c.doc_id, s, e)
            if eid:
                found.add(eid)
    return found


def _similarity(a: set[str], b: set[str], idf: dict[str, float]) -> tuple[float, int]:
    """Mean of idf-weighted Dice and containment: a short claim inside a long one still
    scores, two long claims need real overlap. Returns (score, shared word count)."""
    shared = a & b
    if not shared:
        return 0.0, 0
    wa, wb = sum(idf[w] for w in a), sum(idf[w] for w in b)
    ws = sum(idf[w] for w in shared)
    dice = 2 * ws / (wa + wb)
    containment = ws / min(wa, wb)
    return (dice + containment) / 2, len(shared)


def _same_event(
    a: Claim,
    b: Claim,
    wa: set[str],
    wb: set[str],
    idf: dict[str, float],
    families: list[str],
    ents: list[set[str]],
    ia: int,
    ib: int,
    shared_common: int = MIN_SHARED_COMMON,
) -> bool:
    if a.doc_id == b.doc_id:  # within one article, sentences are different statements
        return False
    if _dates_conflict(a, b) or _places_conflict(a, b, ents, ia, ib):
        return False
    sim, shared = _similarity(wa, wb, idf)
    if shared < MIN_SHARED_WORDS:
        return False
    evidence = 1.0 if ents[ia] & ents[ib] else 0.0
    if _same_date(a, b) and a.when.precision == "day":
        evidence += 1
    light_a, light_b = a.predicate in LIGHT_PREDICATES, b.predicate in LIGHT_PREDICATES
    if families[ia] == families[ib] and not light_a:
        evidence += 1  # the same action
    elif (not light_a and families[ia] in wb) or (not light_b and families[ib] in wa):
        evidence += 0.5  # one's action is mentioned somewhere in the other
    if shared_common < MIN_SHARED_COMMON and evidence < 2:
        return False  # one shared word of substance needs strong corroboration
    needed = next(sim_needed for ev, sim_needed in SIM_NEEDED if evidence >= ev)
    return sim >= needed


def _own_place(c: Claim) -> str | None:
    """The claim's place when the sentence names it (not the dateline fallback)."""
    if c.where_text and c.where_start is not None and c.start <= c.where_start < c.end:
        return c.where_text.lower().removeprefix("the ")
    return None


def _places_conflict(a: Claim, b: Claim, ents: list[set[str]], ia: int, ib: int) -> bool:
    """ "wins the primary in New York" vs "... in North Carolina": two named places that are
    not one another's variant (nor share a resolved entity) are two events."""
    pa, pb = _own_place(a), _own_place(b)
    if not pa or not pb or pa == pb or pa in pb or pb in pa:
        return False
    return not (ents[ia] & ents[ib] and pa in b.text.lower() and pb in a.text.lower())


def _label(members: list[int], claims: list[Claim], words: list[set[str]]) -> str:
    """The clearest telling: not a quote, whose verb is the members' most common action,
    dated, the outlet's own narration, about what most members are about (its words shared
    by many members), of a readable length, then the shortest."""
    if len(members) == 1:
        return claims[members[0]].text
    share = Counter(w for k in members for w in words[k])
    # the action most members speak of (in any words), among the members' own main verbs
    actions = {
        _family(claims[k].predicate) for k in members if claims[k].predicate not in LIGHT_PREDICATES
    }
    top_action = max(sorted(actions), key=lambda a: share[a]) if actions else None

    def rank(k: int) -> tuple:
        c = claims[k]
        central = sum(share[w] for w in words[k]) / (len(words[k]) or 1) / len(members)
        length = len(c.text)
        return (
            c.source_kind == "quote",
            c.predicate in LIGHT_PREDICATES,
            _family(c.predicate) != top_action,
            c.when is None,
            c.source_kind != "outlet",
            -round(central, 2),
            not 40 <= length <= 220,
            length,
            c.id,
        )

    return claims[min(members, key=rank)].text


# ---------------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------------


def build_timeline(
    claims: list[Claim],
    clusters: list[ClaimCluster],
    entity_at: Callable[[str, int, int], str | None],
) -> list[TimelineEntry]:
    """One entry per dated cluster (and per dated claim outside any cluster), by date."""
    by_id = {c.id: c for c in claims}
    entries: list[TimelineEntry] = []
    covered: set[str] = set()
    for cluster in clusters:
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        covered.update(c.id for c in members)
        entry = _entry(members, cluster.id, cluster.label, entity_at)
        if entry is not None:
            entries.append(entry)
    for c in claims:
        if c.id in covered or c.when is None:
            continue
        entry = _entry([c], c.id, c.text, entity_at)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: (e.date, e.description, e.id))
    return entries


def _entry(
    members: list[Claim],
    key: str,
    label: str,
    entity_at: Callable[[str, int, int], str | None],
) -> TimelineEntry | None:
    dated = [c for c in members if c.when is not None]
    if not dated:
        return None
    counts = Counter(c.when.start for c in dated)
    # most common start; ties go to the finer precision, then the earlier date
    rank = {"day": 0, "month": 1, "year": 2, "decade": 3}
    date = min(
        counts,
        key=lambda d: (
            -counts[d],
            min(rank.get(c.when.precision, 9) for c in dated if c.when.start == d),
            d,
        ),
    )
    precision = Counter(c.when.precision for c in dated if c.when.start == date).most_common(1)[0][
        0
    ]
    entity_ids: list[str] = []
    for c in members:
        for s, e in ((c.subject_start, c.subject_end), (c.where_start, c.where_end)):
            if s is None or e is None:
                continue
            eid = entity_at(c.doc_id, s, e)
            if eid and eid not in entity_ids:
                entity_ids.append(eid)
    return TimelineEntry(
        id=make_id("event", date, key),
        date=date,
        date_precision=precision,
        description=label,
        entity_ids=sorted(entity_ids),
        doc_ids=sorted({c.doc_id for c in members}),
        claim_ids=sorted(c.id for c in members),
    )
