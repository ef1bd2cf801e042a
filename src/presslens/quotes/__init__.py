"""Quote extraction: who said what, with character-exact spans of content and speaker.

The body text (`Document.text`) is already free of reader comments and boilerplate, so every
quote found here is either the outlet's report of someone's words or an embedded post; nothing
is ever credited to the outlet itself. The work is done in linear passes:

1. find quotation-mark spans (typed and straight marks, multi-paragraph quotes, unclosed marks);
2. find embedded social posts ("— Name (@handle) Month D, YYYY") and interview answers;
3. attribute each marked span to a cue verb next to it (after, before, colon intro), fall back
   to the previous paragraph's quote, and drop short scare quotes with no cue;
4. turn the remaining cue verbs ("said that", "according to") into indirect / mixed quotes;
5. resolve pronoun and role-noun speakers to the latest compatible named mention (the speaker
   of the previous quote for "he added", the interviewee inside a Q&A).

Every step looks at a bounded window around a mark or a cue, so the work is linear in the
length of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from presslens.entities import NAME_PARTICLES  # surname particles: "van der Holt said"
from presslens.lexicon import kinds
from presslens.models import Document, Quote, Speaker, make_id

# --------------------------------------------------------------------------------------------
# Heuristics as data
# --------------------------------------------------------------------------------------------

# Lemmas of verbs that report speech. A cue verb next to a quotation mark attributes it.
CUE_VERBS = kinds("speech_verbs", "cue")
# Verbs that are cues only with their particle: "went on", "fired back".
PARTICLE_CUES = {"go": "on", "fire": "back", "shoot": "back"}
# Cue verbs strong enough to make an indirect quote from their complement clause ("X said that").
INDIRECT_VERBS = kinds("speech_verbs", "indirect")
# Cue verbs that continue the previous speaker when their subject is a pronoun.
CHAIN_VERBS = kinds("speech_verbs", "chain")

# Leading titles left out of a speaker's name span.
TITLES = kinds("titles", "name-prefix")

# Role nouns that, with "the", refer back to a named person mentioned earlier.
ROLE_PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson expert analyst minister president general commander
    leader chief director secretary senator lawmaker candidate mayor governor professor
    researcher lawyer attorney man woman activist author writer officer doctor ambassador
    envoy diplomat politician chairman chairwoman founder executive negotiator mediator
    father mother son daughter brother sister husband wife colonel captain sheikh cleric
    scholar economist historian ceo congressman congresswoman lieutenant premier mufti
    pastor priest imam""".split()
)
# Role nouns that, with "the", refer back to a named organisation.
ROLE_ORG_NOUNS = frozenset(
    """group ministry movement organization organisation army agency company party campaign
    committee department office government council militia faction brigade brigades force
    forces union association administration embassy commission foundation network channel
    newspaper paper outlet broadcaster firm bank court institute coalition alliance
    authority authorities police military regime cabinet parliament""".split()
)

# Verbs that quote a fragment of someone's words without being verbs of saying:
# 'X called the vote "a farce"', 'X dismissed the report as "absurd"'.
FRAGMENT_VERBS = frozenset(
    """call describe dub label brand term dismiss decry praise criticize criticise denounce
    hail slam mock accuse thank blame condemn reject welcome applaud laud characterize
    characterise portray question challenge defend refer cite invoke vow pledge promise
    apologize apologise offer chant shout sing tout champion""".split()
)
# Cue verbs that are not speech when they take a "to" infinitive ("continue to be").
NOT_SPEECH_WITH_XCOMP = frozenset(
    {"continue", "read", "answer", "call", "charge", "promise", "vow"}
)

# Title abbreviations as the role noun a later "the governor said" uses.
ROLE_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "congressman",
    "gen": "general",
    "pres": "president",
    "sec": "secretary",
    "prof": "professor",
    "dr": "doctor",
    "col": "colonel",
    "capt": "captain",
    "cmdr": "commander",
    "lt": "lieutenant",
}

# Words that make a capitalised name an organisation, not a person.
ORG_WORDS = kinds("org_words", "speaker-org")

# Cue verbs whose reported content is a prepositional phrase: "accused X of …".
PREP_CONTENT = {"accuse": "of", "blame": "for", "charge": "with", "credit": "with"}

PERSON_PRONOUNS = frozenset({"he", "she"})
ORG_PRONOUNS = frozenset({"it", "they"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})

# Heads of "in a statement" / "in a post on X" / "told Example TV": the medium of the quote.
MEDIA_NOUNS = {
    "statement": "statement",
    "post": "post",
    "tweet": "post",
    "message": "message",
    "interview": "interview",
    "conference": "press conference",
    "briefing": "briefing",
    "speech": "speech",
    "address": "speech",
    "letter": "letter",
    "email": "email",
    "e-mail": "email",
    "video": "video",
    "broadcast": "broadcast",
    "communique": "statement",
    "communiqué": "statement",
    "release": "statement",
    "op-ed": "op-ed",
    "column": "column",
    "blog": "post",
    "podcast": "podcast",
    "rally": "rally",
    "hearing": "hearing",
    "testimony": "testimony",
    "sermon": "speech",
    "twitter": "post",
    "x": "post",
    "facebook": "post",
    "telegram": "post",
    "instagram": "post",
}
MEDIA_PREPS = frozenset({"in", "on", "during", "at", "via", "through", "to"})
# "read a message from the command of the Brigades:", "on behalf of the Union:": the words
# that follow are the organisation's, not the reader's.
ON_BEHALF_NOUNS = frozenset({"behalf"}) | frozenset(MEDIA_NOUNS)
ON_BEHALF_PREPS = frozenset({"from", "of", "by"})
# A name in these roles before a colon modifies the introduced speaker, it is not the speaker.
COLON_NOT_SPEAKER_DEPS = frozenset({"pobj", "compound", "poss", "npadvmod", "nmod"})
# An organisation's mouthpiece: "its press office said" quotes the organisation itself.
MOUTHPIECE_NOUNS = frozenset(
    """office spokesman spokeswoman spokesperson spokespeople spokesmen
    spokeswomen representative""".split()
)

# Phrases that close a sentence announcing an unmarked block statement.
BLOCK_INTRO_RE = re.compile(
    r"(?:\bthe following[^.!?\n]{0,40}|\bas follows|\b(?:said|wrote|stated|read|reads|declared|announced|"
    r"added|posted|tweeted|says|writes|states)\b[^.!?\n]{0,60})\s*:\s*$",
    re.IGNORECASE,
)

# Opening/closing quotation marks. Single quotes are never top-level marks: they are nested
# quotes or apostrophes (don't, Okonjo's).
OPEN_MARKS = frozenset("“«„")
CLOSE_MARKS = frozenset("”»")
STRAIGHT = '"'
MARK_RE = re.compile(r"[\"“”«»„‘’]")
SINGLE_MARKS = frozenset("‘’")
BEFORE_OPEN_CHARS = frozenset("([{—–―-/:;,")  # a straight mark after these opens a quote
AFTER_CLOSE_CHARS = frozenset(".,;:!?)]}—–―-'’…")  # a straight mark before these closes one

MIN_QUOTE_WORDS = 4  # fewer words and no cue: a scare quote or a title, not a quote
MAX_FRAME_CHARS = 300  # how far a cue may sit from the quote, in characters
MAX_CUE_DISTANCE = 10  # tokens between the quote mark and the cue verb
SENT_END_RE = re.compile(r"[.!?][\"”’)]?\s")
WORD_RE = re.compile(r"\w+")

# "— Name (@handle) March 3, 2024" under an embedded post.
POST_SIGNATURE_RE = re.compile(
    r"^[ \t]*[—–―-]{1,2}[ \t]*(?P<name>[A-Z][^\n()@,]{1,60}?)[ \t]*(?:\(@(?P<handle>\w{1,40})\))?"
    r"(?:[ \t]*,[^\n]{0,60}?)??[ \t]*,?[ \t]*"
    r"(?P<date>[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4})?[ \t]*$",
    re.MULTILINE,
)
# "— Name" / "-Name" right after a closing quotation mark.
DASH_NAME_RE = re.compile(r"^\s*[—–―-]{1,2}\s*(?=[A-Z])")

# The agency part of a dateline: "Washington (AFP) – ", "Paris, Jan. 3 (Reuters) - ".
DATELINE_AGENCY_RE = re.compile(r"(?:,[^()\n]{1,20})?\s*\([A-Z][\w .&-]{0,30}\)\s*[—–―-]")

# Interview transcripts: question and answer prefixes.
QUESTION_RE = re.compile(r"(?:Q|Question)\s*[:.)–—-]\s*", re.IGNORECASE)
ANSWER_RE = re.compile(r"(?:A|Answer)\s*[:.)–—-]\s*", re.IGNORECASE)
# Speaker-labelled transcripts: "INTERVIEWER: …", "ABU SAMI: …", "Dr. Vance: …".
SPEAKER_LABEL_RE = re.compile(
    r"(?P<label>[A-Z][A-Za-z.'’ -]{0,40}?)(?:\s*\((?P<role>[A-Za-z.'’ -]{1,30})\))?"
    r"\s*:[ \t]+(?=\S)"
)
# Labels of the person asking: their questions are not quotes of the interviewee.
INTERVIEWER_LABELS = frozenset(
    """interviewer host presenter anchor moderator reporter correspondent journalist q question
    editor""".split()
)
# Broadcaster furniture under a transcript: handles, links, "Watch … live", "Follow us".
PROMO_RE = re.compile(
    r"@\w|https?://|www\.|\b(?:watch|listen)\b[^.\n]{0,40}\blive\b|\bfollow us\b|\bsubscribe\b",
    re.IGNORECASE,
)
# An unlabelled paragraph after an answer continues it only while it speaks in the first person.
FIRST_PERSON = frozenset("i we me us my our mine ours myself ourselves".split())

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}

CONFIDENCE = {
    "subject-of-cue": 0.9,
    "according-to": 0.85,
    "colon-intro": 0.85,
    "post-author": 0.95,
    "dash-attribution": 0.85,
    "interviewee": 0.8,
    "chain-he-added": 0.75,
    "pronoun→previous-person": 0.7,
    "pronoun→previous-org": 0.6,
    "role-noun→only-person-nearby": 0.5,
    "role-noun→previous-person": 0.65,
    "role-noun→previous-org": 0.65,
    "relative→antecedent": 0.85,
    "block-previous-sentence": 0.7,
    "previous-quote-paragraph": 0.55,
    "unnamed-source": 0.6,
    "subject-noun-phrase": 0.5,
    "subject-of-verb": 0.55,
}


# --------------------------------------------------------------------------------------------
# Internal records
# --------------------------------------------------------------------------------------------


@dataclass
class _Marked:
    """One quotation-mark span: content offsets plus where the marks sit."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int  # index just past the closing mark (content end if unclosed)
    para: int  # paragraph index of the opening mark
    end_para: int


@dataclass
class _Attr:
    """A chosen speaker with its rule, before it becomes a Quote."""

    speaker: Speaker | None
    rule: str | None
    confidence: float
    candidates: list[dict] = field(default_factory=list)
    label: str | None = None  # PERSON / ORG when known, for later pronoun chains


@dataclass
class _Ctx:
    """Per-document lookup tables, all built in one linear pass."""

    doc: Doc
    text: str
    document: Document
    tok_starts: list[int]
    para_starts: list[int]
    para_ends: list[int]
    ent_of: list[Span | None]
    in_quote: list[bool]
    persons: list[tuple[int, int, int, bool]]  # (start, end, token index of root, is_subject)
    person_starts: list[int]
    orgs: list[tuple[int, int, int, bool]]
    org_starts: list[int]
    fullest: dict[
        str, tuple[int, int, str] | None
    ]  # surname -> fullest name span (None: two people)
    gender: dict[str, str] = field(default_factory=dict)  # surname -> "he"/"she"
    # speakers of quotes found so far, sorted by quote end: (end char, speaker, label, para)
    speaker_log: list[tuple[int, Speaker, str, int]] = field(default_factory=list)
    log_ends: list[int] = field(default_factory=list)
    interview: tuple[int, Speaker] | None = None  # (first question offset, interviewee)
    full_labels: list[re.Match] = field(default_factory=list)  # "MIRIAM FALK (HOST):" labels
    mixed_cues: set[int] = field(default_factory=set)  # cues whose quote is part of a clause


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def extract_quotes(parsed: Doc, document: Document) -> list[Quote]:
    """All quotes of one document (direct, block, post, indirect, mixed), ordered by where they
    end in the text, so a quote nested in a post or in another quote precedes its container.

    `parsed` must be the parse of `document.text`: every offset indexes that text."""
    text = parsed.text
    paras = _paragraphs(text)
    marked = _marked_spans(text, paras)
    ctx = _context(parsed, document, paras, marked)

    found: list[Quote] = []
    used_cues: set[int] = set()
    covered: list[tuple[int, int]] = []  # spans already taken by posts / interview answers

    posts = _posts(ctx, paras)
    # a post wholly in quotation marks is the post, not a separate quote; quotes inside a post
    # are attributed by the post's own words ("X used to say '…'")
    covered.extend(
        (q.start, q.end)
        for q in posts
        if q.start > 0 and ctx.text[q.start - 1] in OPEN_MARKS | {STRAIGHT}
    )
    answers = _interview_answers(ctx, paras, marked)
    covered.extend((q.start, q.end) for q in answers)
    found.extend(posts)
    found.extend(answers)
    covered.sort()

    _log_named_cues(ctx)
    answer_spans = sorted((q.start, q.end) for q in answers)
    found.extend(_direct_quotes(ctx, paras, marked, used_cues, covered, answer_spans))
    found.extend(_block_statements(ctx, paras, marked, covered))
    found.extend(_indirect_quotes(ctx, marked, used_cues, found))

    # text order of ends: a quote nested in a post or another quote comes before its container
    found.sort(key=lambda q: (q.end, q.start))
    unique: dict[str, Quote] = {}
    for quote in found:
        unique.setdefault(quote.id, quote)
    return list(unique.values())


# --------------------------------------------------------------------------------------------
# Pass 1: paragraphs and quotation-mark spans
# --------------------------------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), whitespace-trimmed: the unit a quote mark lives in."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _mark_role(text: str, pos: int, ch: str, is_open: bool) -> str:
    """Whether a mark opens or closes: typed marks say so, straight ones by their neighbours.
    A typed mark of the wrong kind in the wrong place is a typo: '“It is,“ said X' closes."""
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[pos + 1] if pos + 1 < len(text) else "\n"
    prev_open = prev.isspace() or prev in BEFORE_OPEN_CHARS or prev in OPEN_MARKS
    next_close = nxt.isspace() or nxt in AFTER_CLOSE_CHARS
    if ch in OPEN_MARKS:
        closes_here = is_open and prev in ".,!?…" and nxt.isspace()
        return "close" if closes_here else "open"
    if ch in CLOSE_MARKS:
        opens_here = not is_open and prev.isspace() and nxt.isalpha()
        return "open" if opens_here else "close"
    if is_open:
        if next_close or not prev_open:
            return "close"
        return "open"
    if prev.isdigit():  # 5'10" or 12" : inches
        return "none"
    if prev_open:
        return "open"
    if next_close:
        return "close"
    return "open"


def _marked_spans(text: str, paras: list[tuple[int, int]]) -> list[_Marked]:
    """Pair opening and closing marks; an unclosed quote ends with its paragraph unless the next
    paragraph opens with a mark (the convention for a quote running over paragraphs). Whichever
    mark opens first is the outer quote: marks of the other kind inside it are nested quotes."""
    spans: list[_Marked] = []
    open_at: int | None = None
    single = False  # the open quote uses ‘ ’ (British style), not double marks
    open_para = 0
    for index, (ps, pe) in enumerate(paras):
        for match in MARK_RE.finditer(text, ps, pe):
            pos, ch = match.start(), match.group()
            if ch in SINGLE_MARKS:
                role = _single_role(text, pos, ch)
                if open_at is None and role == "open":
                    open_at, open_para, single = pos, index, True
                elif open_at is not None and single and role == "close":
                    _add_span(spans, text, open_at, pos, pos + 1, open_para, index)
                    open_at = None
                continue
            if single and open_at is not None:
                continue  # a double quote nested in a single-quoted one
            role = _mark_role(text, pos, ch, open_at is not None)
            if role == "open" and open_at is None:
                open_at, open_para, single = pos, index, False
            elif role == "close" and open_at is not None:
                _add_span(spans, text, open_at, pos, pos + 1, open_para, index)
                open_at = None
        if open_at is not None:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            first = text[nxt[0]] if nxt is not None else ""
            if (single and first == "‘") or (
                not single and first and (first in OPEN_MARKS or first == STRAIGHT)
            ):
                continue  # the quote runs on into the next paragraph
            _add_span(spans, text, open_at, pe, pe, open_para, index)
            open_at = None
    return spans


def _single_role(text: str, pos: int, ch: str) -> str:
    """‘ opens after a space or at a paragraph start; ’ closes before a space or punctuation
    when it follows a word (otherwise it is an apostrophe: don’t, Okonjo’s)."""
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[pos + 1] if pos + 1 < len(text) else "\n"
    if ch == "‘":
        return (
            "open" if prev.isspace() or prev in BEFORE_OPEN_CHARS or prev in OPEN_MARKS else "none"
        )
    if not prev.isspace() and (nxt.isspace() or nxt in AFTER_CLOSE_CHARS or nxt in CLOSE_MARKS):
        return "close"
    return "none"


def _add_span(spans, text, open_at, content_end, close_at, para, end_para) -> None:
    start = open_at + 1
    while start < content_end and text[start].isspace():
        start += 1
    end = content_end
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(_Marked(start, end, open_at, close_at, para, end_para))


# --------------------------------------------------------------------------------------------
# Context tables
# --------------------------------------------------------------------------------------------


def _context(doc: Doc, document: Document, paras, marked: list[_Marked]) -> _Ctx:
    n = len(doc)
    tok_starts = [t.idx for t in doc]
    ent_of: list[Span | None] = [None] * n
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    in_quote = [False] * n
    for span in marked:
        lo = bisect_left(tok_starts, span.open_at)
        hi = bisect_left(tok_starts, span.close_at)
        for i in range(lo, hi):
            in_quote[i] = True
    persons, orgs = [], []
    fullest: dict[str, tuple[int, int, str] | None] = {}
    for ent in doc.ents:
        if in_quote[ent.start]:
            continue
        name = _strip_title(ent)
        if name is None:
            continue
        is_subject = any(
            t.dep_ in ("nsubj", "nsubjpass")
            or (t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass"))
            for t in name
        )
        row = (name.start_char, name.end_char, name.root.i, is_subject)
        if _ent_label(ent) == "PERSON":
            persons.append(row)
            _note_fullest(fullest, name)
        elif _ent_label(ent) == "ORG":
            orgs.append(row)
    # names the entity recogniser missed: a multi-word proper-noun subject ("Ilan Tarro said")
    for tok in doc:
        if (
            tok.dep_ in ("nsubj", "nsubjpass")
            and tok.pos_ == "PROPN"
            and not in_quote[tok.i]
            and (ent_of[tok.i] is None or _ent_label(ent_of[tok.i]) == "ORG")
        ):
            left = tok.i
            while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].head.i == tok.i:
                left -= 1
            name = _strip_title(doc[left : tok.i + 1])
            full = fullest.get(tok.lower_)
            known_surname = left == tok.i and full is not None and tok.idx > full[0]
            if ent_of[tok.i] is not None and (len(ent_of[tok.i]) > 1 or left == tok.i):
                if not known_surname:
                    continue  # a real organisation name, not a first name + surname
            if (
                name is not None
                and len(name) >= 2
                and not any(t.lower_ in ORG_WORDS or t.is_upper for t in name)
            ):
                persons.append((name.start_char, name.end_char, tok.i, True))
                _note_fullest(fullest, name)
            elif name is not None and known_surname:
                # "Simic closed the bakery": the surname of someone named in full earlier
                persons.append((name.start_char, name.end_char, tok.i, True))
    persons.sort()
    ctx = _Ctx(
        doc=doc,
        text=doc.text,
        document=document,
        tok_starts=tok_starts,
        para_starts=[p[0] for p in paras],
        para_ends=[p[1] for p in paras],
        ent_of=ent_of,
        in_quote=in_quote,
        persons=persons,
        person_starts=[p[0] for p in persons],
        orgs=orgs,
        org_starts=[o[0] for o in orgs],
        fullest=fullest,
    )
    return ctx


def _ent_label(ent: Span) -> str:
    """spaCy's label, except that a bare two- or three-word name it calls ORG ("Ilan Tarro")
    is a person: no organisation word, every word capitalised, no article before it."""
    label = ent.label_
    if label != "ORG" or not 1 <= len(ent) <= 3:
        return label
    words = [t.text for t in ent]
    if any(w.lower() in ORG_WORDS or not w[:1].isupper() or w.isupper() for w in words):
        return label
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before == "the":
        return label
    if len(ent) == 1 and before not in ("as", "named", "called"):
        return label
    return "PERSON"


def _strip_title(span: Span) -> Span | None:
    """The name without a leading title ("Maj. Gen. Omar Haddad" -> "Omar Haddad")."""
    start = span.start
    doc = span.doc
    while start < span.end - 1:
        word = doc[start].lower_.rstrip(".")
        if word in TITLES or word in ("", ".") or doc[start].is_punct:
            start += 1
        else:
            break
    while start < span.end and (doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    while start > 0 and doc[start - 1].lower_ in NAME_PARTICLES and doc[start - 1].is_lower:
        start -= 1  # "van der Holt said": the particles belong to the name
    end = span.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


def _para_of(ctx: _Ctx, char: int) -> int:
    return max(0, bisect_right(ctx.para_starts, char) - 1)


def _tokens_between(ctx: _Ctx, start: int, end: int) -> range:
    return range(bisect_left(ctx.tok_starts, start), bisect_left(ctx.tok_starts, end))


def _is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in CUE_VERBS:
        return False
    if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
        return False
    if lemma in NOT_SPEECH_WITH_XCOMP and any(c.dep_ == "xcomp" for c in tok.children):
        return False
    if lemma in PARTICLE_CUES:
        return any(
            c.dep_ in ("prt", "advmod", "prep") and c.lower_ == PARTICLE_CUES[lemma]
            for c in tok.children
        )
    return True


def _make_quote(ctx: _Ctx, start: int, end: int, kind: str, attr: _Attr | None, **extra) -> Quote:
    doc_id = ctx.document.id
    attr = attr or _Attr(None, None, 0.0)
    return Quote(
        id=make_id("quote", doc_id, start, end),
        doc_id=doc_id,
        start=start,
        end=end,
        text=ctx.text[start:end],
        kind=kind,
        speaker=attr.speaker,
        speaker_rule=attr.rule,
        confidence=attr.confidence,
        candidates=attr.candidates,
        **extra,
    )


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted spans (looks back a bounded window)."""
    i = bisect_left(spans, (end, end)) - 1
    for j in range(i, max(-1, i - 30), -1):
        if spans[j][1] > start and spans[j][0] < end:
            return True
    return False


# --------------------------------------------------------------------------------------------
# Pass 2: embedded posts and interviews
# --------------------------------------------------------------------------------------------


def _posts(ctx: _Ctx, paras) -> list[Quote]:
    """A paragraph of post text followed by "— Name (@handle) Month D, YYYY"."""
    out = []
    for match in POST_SIGNATURE_RE.finditer(ctx.text):
        if not (match.group("handle") or match.group("date")):
            continue  # "— Name" alone signs a quote, not a post
        para = _para_of(ctx, match.start("name"))
        if para == 0:
            continue
        ps, pe = paras[para - 1]
        start, end = ps, pe
        if ctx.text[start] in OPEN_MARKS or ctx.text[start] == STRAIGHT:
            start += 1
        if ctx.text[end - 1] in CLOSE_MARKS or ctx.text[end - 1] == STRAIGHT:
            end -= 1
        name_start, name_end = match.start("name"), match.end("name")
        speaker = Speaker(ctx.text[name_start:name_end], name_start, name_end)
        attr = _Attr(speaker, "post-author", CONFIDENCE["post-author"], label="PERSON")
        post_date = _parse_month_date(match.group("date")) if match.group("date") else None
        out.append(
            _make_quote(ctx, start, end, "post", attr, cue="posted", via="post", date=post_date)
        )
    return out


def _parse_month_date(value: str) -> str | None:
    m = re.match(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if not m or m.group(1).lower() not in MONTHS:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))).isoformat()
    except ValueError:
        return None


def _interview_answers(ctx: _Ctx, paras, marked: list[_Marked]) -> list[Quote]:
    """Q&A and speaker-labelled transcripts: each answer paragraph is a block quote of the
    labelled person ("A:" = the interviewee named in the introduction); questions are skipped."""
    text = ctx.text
    for ps, pe in paras:
        m = SPEAKER_LABEL_RE.match(text, ps, pe)
        if m and m.group("label").isupper() and len(m.group("label").split()) >= 2:
            ctx.full_labels.append(m)
    rows = [_transcript_row(ctx, ps, pe) for ps, pe in paras]
    q_paras = [i for i, row in enumerate(rows) if row is not None and row[0] == "q"]
    named = [i for i, row in enumerate(rows) if row is not None and row[0] == "a" and row[2]]
    if not q_paras and len(named) < 2:
        return []  # one "Name: …" line is a caption or a heading, not a transcript
    first_q = min(q_paras + named)
    interviewee = _interviewee(ctx, paras[first_q][0])
    labelled = [row[2] for row in rows if row is not None and row[2] is not None]
    if labelled and all(sp.start == labelled[0].start for sp in labelled):
        interviewee = labelled[0]  # one labelled answerer: that is the interviewee
    if interviewee is not None:
        ctx.interview = (paras[first_q][0], interviewee)
    answers_labelled = any(row is not None and row[0] == "a" for row in rows)
    out = []
    speaker: Speaker | None = None
    for i in range(first_q, len(paras)):
        ps, pe = paras[i]
        row = rows[i]
        if row is not None and row[0] == "q":
            speaker = None
            continue
        if row is not None:
            start, speaker = row[1], row[2] or interviewee
        elif speaker is not None and _continues_answer(ctx, ps, pe, speaker):
            start = ps
        elif (
            not answers_labelled
            and i - 1 >= first_q
            and rows[i - 1] is not None
            and rows[i - 1][0] == "q"
        ):
            # an answer after a question needs no prefix when the transcript omits "A:"
            speaker, start = interviewee, ps
        else:
            speaker = None
            continue
        if speaker is None:
            continue
        kind = "block"
        if text[start] in OPEN_MARKS or text[start] == STRAIGHT:
            start += 1
            kind = "direct"
        end = pe
        if text[end - 1] in CLOSE_MARKS or text[end - 1] == STRAIGHT:
            end -= 1
        if end > start:
            attr = _Attr(speaker, "interviewee", CONFIDENCE["interviewee"], label="PERSON")
            quote = _make_quote(ctx, start, end, kind, attr, via="interview")
            out.append(quote)
            _remember(ctx, quote, attr)
    return out


def _transcript_row(ctx: _Ctx, ps: int, pe: int) -> tuple[str, int, Speaker | None] | None:
    """("q", …) for a question paragraph, ("a", answer start, labelled speaker or None for the
    interviewee) for an answer, None for a paragraph without a speaker label."""
    text = ctx.text
    if QUESTION_RE.match(text, ps, pe):
        return ("q", ps, None)
    m = ANSWER_RE.match(text, ps, pe)
    if m:
        return ("a", m.end(), None)
    m = SPEAKER_LABEL_RE.match(text, ps, pe)
    if not m:
        return None
    words = [w.strip(".").lower() for w in m.group("label").split()]
    if len(words) == 1 and words[0] in INTERVIEWER_LABELS:
        return ("q", ps, None)  # an unnamed host asks: the outlet's questions, no quote
    words = [w for w in words if w and w not in TITLES]
    if not words or len(words) > 4:
        return None
    speaker = _label_speaker(ctx, words, ps)
    if speaker is None and len(words) >= 2 and m.group("label").isupper():
        # "MIRIAM FALK (HOST): …": the label is the only place the name is given
        speaker = Speaker(m.group("label"), m.start("label"), m.end("label"))
    return ("a", m.end(), speaker) if speaker is not None else None


def _label_speaker(ctx: _Ctx, words: list[str], at: int) -> Speaker | None:
    """The named mention a transcript label stands for: same surname (or kunya), earliest
    outside the label itself, so the speaker span points at a real name in the text."""
    key = " ".join(words)
    best = None
    for row in ctx.persons:
        if row[0] >= at and best is not None:
            break
        mention = ctx.text[row[0] : row[1]]
        if row[0] <= at < row[1] + 2 or mention.isupper():
            continue  # the label itself is not the name mention
        low = " ".join(w.strip(".").lower() for w in mention.split())
        if low == key or low.endswith(" " + key) or _surname(low) == words[-1]:
            best = row
            if row[0] < at:
                break
    if best is None:
        # named only in a fuller label: "MIRIAM FALK (HOST): …" then "FALK: …"
        for m in ctx.full_labels:
            label = m.group("label")
            if m.start() < at and len(label.split()) >= 2 and label.split()[-1].lower() == key:
                return Speaker(label, m.start("label"), m.end("label"))
        return None
    return _fullest_speaker(ctx, best[0], best[1])


def _continues_answer(ctx: _Ctx, ps: int, pe: int, speaker: Speaker) -> bool:
    """A further unlabelled answer paragraph: first person, and not about the speaker."""
    words = {w.lower() for w in WORD_RE.findall(ctx.text[ps:pe])}
    if _surname(speaker.text) in words:
        return False
    if PROMO_RE.search(ctx.text, ps, pe):
        return False  # "Watch us live … Follow us on @…": the broadcaster's furniture
    return bool(words & FIRST_PERSON) and ctx.text[ps] not in OPEN_MARKS | {STRAIGHT}


def _interviewee(ctx: _Ctx, before: int) -> Speaker | None:
    """The person the introduction is about: the most often named, the first on ties."""
    candidates = [p for p in ctx.persons if p[1] <= before]
    if not candidates:
        return None

    def key(person: tuple) -> str:
        name = ctx.text[person[0] : person[1]]
        surname = _surname(name)
        if surname in ctx.fullest and ctx.fullest[surname] is None:
            return name.lower()  # siblings: "Lale Kerimzade" is not "Arslan Kerimzade"
        return surname

    # score: how often named, plus being the subject of a sentence ("Yevgenia Tashkova, 52, …
    # was declared"), plus being named in the headline ("Tashkova speaks to Kaldrun Voice")
    title_words = {w.lower() for w in WORD_RE.findall(ctx.document.title or "")}
    counts: dict[str, float] = {}
    subject: set[str] = set()
    for person in candidates:
        counts[key(person)] = counts.get(key(person), 0) + 1
        if person[3]:
            subject.add(key(person))
    for k in subject:  # places the recogniser took for people are seldom subjects
        counts[k] += 0.5 + 2 * (k.split()[-1] in title_words)
    best = max(counts.values())
    chosen = next(p for p in candidates if counts[key(p)] == best)
    return _fullest_speaker(ctx, chosen[0], chosen[1])


def _fullest_speaker(ctx: _Ctx, start: int, end: int) -> Speaker:
    """Point at the fullest form of a person's name in the document (same surname), unless
    two people share the surname ("Lale Kerimzade" and her brother "Arslan Kerimzade")."""
    text = ctx.text[start:end]
    words = text.split()
    key = words[-1].lower() if words else text.lower()
    full = ctx.fullest.get(key)
    if full and len(full[2]) > len(text) and full[2].endswith(text):
        return Speaker(full[2], full[0], full[1])
    return Speaker(text, start, end)


def _note_fullest(fullest: dict[str, tuple[int, int, str] | None], name: Span) -> None:
    """Keep the longest form per surname; a second given name for it makes the surname
    ambiguous (None), so a bare surname is never expanded to the wrong sibling."""
    key = name[-1].lower_
    if key in fullest and fullest[key] is None:
        return
    old = fullest.get(key)
    new = (name.start_char, name.end_char, name.text)
    if old is None:
        fullest[key] = new
    elif old[2].endswith(name.text) or name.text.endswith(old[2]):
        if len(name.text) > len(old[2]):
            fullest[key] = new
    elif len(name) > 1 and len(old[2].split()) > 1:
        fullest[key] = None  # two different full names with this surname


# --------------------------------------------------------------------------------------------
# Pass 3: direct quotes
# --------------------------------------------------------------------------------------------


def _direct_quotes(ctx, paras, marked, used_cues, covered, answers=()) -> list[Quote]:
    """Attribute each marked span; merge split quotes; drop scare quotes. Inside a transcript
    turn only a quote someone else is said to have said counts ('Tashkova said: "…"')."""
    out: list[Quote] = []
    prev_quote: Quote | None = None
    prev_span: _Marked | None = None
    prev_cue_after = False
    for index, span in enumerate(marked):
        nxt = marked[index + 1] if index + 1 < len(marked) else None
        before = marked[index - 1] if index else None  # frames stop at the previous mark
        found = _find_cue(ctx, span, before, nxt, paras)
        if _overlaps(covered, span.start, span.end):
            inside = any(s < span.open_at and span.close_at <= e for s, e in answers)
            if not (inside and found is not None and _named_subject(ctx, found[0])):
                continue
        words = len(WORD_RE.findall(ctx.text, span.start, span.end))
        if found is not None:
            cue, where = found
            if (
                where == "before"
                and cue.i in used_cues
                and prev_quote is not None
                and prev_span is not None
                and prev_cue_after
                and prev_span.end_para == span.para
            ):
                merged = _merge(ctx, prev_quote, span.end)
                out[-1] = merged
                prev_quote, prev_span = merged, span
                continue
            if cue.i in used_cues:
                found = None
        if found is not None:
            mixed = _mixed_clause(ctx, cue, span, where)
            if mixed is not None:
                ctx.mixed_cues.add(cue.i)
                continue  # the indirect pass emits the whole clause as a mixed quote
            if (
                words < MIN_QUOTE_WORDS
                and not _whole_utterance(ctx, span, cue)
                and not _governs(ctx, cue, span)
            ):
                continue  # a quoted term inside narration
            used_cues.add(cue.i)
            attr, via, when, cue_text = _attribute_cue(ctx, cue, span.start)
            if (
                where == "before"
                and _colon_between(ctx, cue, span)
                and attr.rule == "subject-of-cue"
            ):
                attr.rule = "colon-intro"
                attr.confidence = CONFIDENCE["colon-intro"]
            start, end, kind = span.start, span.end, "direct"
            if (
                (words < MIN_QUOTE_WORDS or cue.lemma_.lower() in FRAGMENT_VERBS)
                and where == "before"
                and not _whole_utterance(ctx, span, cue)
            ):
                start, end, kind = _predicate_span(ctx, cue, span)
            quote = _make_quote(ctx, start, end, kind, attr, cue=cue_text, via=via, date=when)
            out.append(quote)
            prev_quote, prev_span, prev_cue_after = quote, span, where == "after"
            _remember(ctx, quote, attr)
            continue
        dash = _dash_attribution(ctx, span)
        if dash is not None:
            quote = _make_quote(ctx, span.start, span.end, "direct", dash)
            out.append(quote)
            prev_quote, prev_span, prev_cue_after = quote, span, True
            _remember(ctx, quote, dash)
            continue
        # no cue of its own: continuation of the previous quote in the same paragraph
        if (
            prev_quote is not None
            and prev_span is not None
            and prev_span.end_para == span.para
            and prev_cue_after
            and _gap_is_cue_frame(ctx, prev_span, span)
        ):
            merged = _merge(ctx, prev_quote, span.end)
            out[-1] = merged
            prev_quote, prev_span = merged, span
            continue
        colon = _colon_intro_previous(ctx, span, paras, used_cues)
        if colon is not None:
            attr, cue_text, via, when = colon
            quote = _make_quote(
                ctx, span.start, span.end, "direct", attr, cue=cue_text, via=via, date=when
            )
            out.append(quote)
            prev_quote, prev_span, prev_cue_after = quote, span, False
            _remember(ctx, quote, attr)
            continue
        para_start = ctx.para_starts[span.para]
        lo = (
            ctx.para_starts[span.para - 1]
            if span.open_at == para_start and span.para
            else para_start
        )
        named = _colon_named(ctx, max(lo, prev_span.close_at if prev_span else 0), span.open_at)
        if named is not None:
            quote = _make_quote(ctx, span.start, span.end, "direct", named)
            out.append(quote)
            prev_quote, prev_span, prev_cue_after = quote, span, False
            _remember(ctx, quote, named)
            continue
        speech = _speech_ancestor(ctx, span)
        if speech is not None and speech.i not in used_cues and _mixed_clause(ctx, speech, span):
            continue  # a fragment deep inside a reported clause: the indirect pass makes it mixed
        governed = _governing_verb(ctx, span, words >= MIN_QUOTE_WORDS)
        if governed is not None:
            verb, attr = governed
            start, end, kind = span.start, span.end, "direct"
            # 'X bemoaned the climate in which people "hate each other"': the words between
            # the verb and the quote are X's claim too, so the whole predicate is the quote
            embedded = verb.idx < span.open_at and (
                len(WORD_RE.findall(ctx.text, verb.idx + len(verb.text), span.open_at)) >= 2
            )
            if words < MIN_QUOTE_WORDS or verb.lemma_.lower() in FRAGMENT_VERBS or embedded:
                start, end, kind = _predicate_span(ctx, verb, span)
            quote = _make_quote(
                ctx,
                start,
                end,
                kind,
                attr,
                cue=_cue_phrase(verb),
                via=_via(ctx, verb),
            )
            out.append(quote)
            prev_quote, prev_span, prev_cue_after = quote, span, False
            _remember(ctx, quote, attr)
            continue
        if words < MIN_QUOTE_WORDS:
            continue  # scare quote / title
        attr = _previous_paragraph_speaker(ctx, span, prev_quote, prev_span)
        if attr is None:
            attr = _clause_subject(ctx, span, marked[index - 1] if index else None)
        quote = _make_quote(ctx, span.start, span.end, "direct", attr)
        out.append(quote)
        prev_quote, prev_span, prev_cue_after = quote, span, False
    return out


def _clause_subject(ctx: _Ctx, span: _Marked, before: _Marked | None) -> _Attr | None:
    """'Trump finished his speech, "…"': no cue, but the sentence leading into the quote has a
    named subject right before it. Low confidence; only a name or a pronoun qualifies."""
    lo = max(ctx.para_starts[span.para], before.close_at if before is not None else 0)
    ends = _sentence_ends(ctx.text, lo, span.open_at)
    lo = ends[-1] if ends else lo
    if not ctx.text[lo : span.open_at].rstrip().endswith((",", ":", "—", "–")):
        return None
    for i in _tokens_between(ctx, lo, span.open_at):
        tok = ctx.doc[i]
        if tok.dep_ != "nsubj" or ctx.in_quote[i]:
            continue
        if tok.pos_ in ("PROPN", "PRON") or ctx.ent_of[i] is not None:
            attr = _speaker_from_subject(ctx, tok, tok.head)
            if attr.speaker is None:
                return None
            if attr.rule == "subject-of-cue":
                attr.rule = "subject-of-verb"
            attr.confidence = min(attr.confidence, 0.45)
            return attr
        return None
    return None


def _log_named_cues(ctx: _Ctx) -> None:
    """Log every cue verb with a named subject, in text order, before quotes are attributed:
    a later "he said" then follows the last person seen speaking, whatever kind of quote."""
    for tok in ctx.doc:
        if ctx.in_quote[tok.i] or not _is_cue(tok):
            continue
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        ent = ctx.ent_of[subject.i] or _person_in_subject(ctx, subject, tok)
        label = _ent_label(ent) if ent is not None and ent.label_ else "PERSON"
        if ent is not None and label in ("PERSON", "ORG"):
            name = _strip_title(ent) or ent
            speaker = Speaker(name.text, name.start_char, name.end_char)
            _log_speaker(ctx, tok.idx + len(tok.text), speaker, label)
        elif subject.tag_ == "NN" and subject.lemma_.lower() not in ROLE_ORG_NOUNS:
            det = next((c.lower_ for c in subject.children if c.dep_ == "det"), None)
            if det in ("a", "an", "one"):  # "A shepherd who saw the strike said": he, later
                attr = _speaker_from_subject(ctx, subject, tok)
                if attr.speaker is not None:
                    _log_speaker(ctx, tok.idx + len(tok.text), attr.speaker, "PERSON")


def _person_in_subject(ctx: _Ctx, subject: Token, cue: Token) -> Span | None:
    """'One farmer, who gave his name only as Abu Sami, said': the person named inside."""
    limit = cue.i - 1 if subject.i < cue.i else len(ctx.doc) - 1  # '"…," said a man who …'
    hi = min(subject.right_edge.i, limit, subject.i + 15)
    for i in range(subject.i + 1, hi + 1):
        ent = ctx.ent_of[i]
        before = ctx.doc[i - 1].lower_
        mislabelled = ent is not None and ent.label_ not in ("PERSON", "ORG") and i == ent.start
        if (
            (ent is None or mislabelled)
            and before in ("as", "named", "called")
            and ctx.doc[i].pos_ == "PROPN"
        ):
            j = i
            while j + 1 <= hi and ctx.doc[j + 1].pos_ == "PROPN":
                j += 1
            return ctx.doc[i : j + 1]  # "a shopkeeper who gave his name as Rashed"
        if ent is None or ent.label_ not in ("PERSON", "ORG") or i != ent.start:
            continue
        if before in ("as", "named", "called") or ent.root.dep_ == "appos":
            return ent
    return None


def _merge(ctx: _Ctx, first: Quote, end: int) -> Quote:
    """A split quote ("A," he said, "B.") as one quote from A's start to B's end."""
    attr = _Attr(first.speaker, first.speaker_rule, first.confidence, first.candidates)
    if first.speaker is not None and first.speaker.start is not None:
        _log_speaker(ctx, end, first.speaker, "")
    return _make_quote(
        ctx, first.start, end, first.kind, attr, cue=first.cue, via=first.via, date=first.date
    )


def _remember(ctx: _Ctx, quote: Quote, attr: _Attr) -> None:
    if quote.speaker is not None and quote.speaker.start is not None:
        _log_speaker(ctx, quote.end, quote.speaker, attr.label or "")


def _log_speaker(ctx: _Ctx, end: int, speaker: Speaker, label: str) -> None:
    """Record a quote's speaker so a later "he added" can continue it."""
    i = bisect_right(ctx.log_ends, end)
    ctx.log_ends.insert(i, end)
    ctx.speaker_log.insert(i, (end, speaker, label, _para_of(ctx, end)))


def _last_speaker(ctx: _Ctx, at: int) -> tuple[int, Speaker, str, int] | None:
    i = bisect_right(ctx.log_ends, at) - 1
    return ctx.speaker_log[i] if i >= 0 else None


def _whole_utterance(ctx: _Ctx, span: _Marked, cue: Token) -> bool:
    """A short quote is still a quote when it is the whole thing said ("Never," he said)."""
    before = ctx.text[max(0, span.open_at - 2) : span.open_at].strip()
    para_start = ctx.para_starts[span.para]
    starts_clause = span.open_at == para_start or before[-1:] in (":", ",", ".", "")
    content = ctx.text[span.start : span.end]
    ends_clause = content[-1:] in (",", ".", "!", "?")
    return starts_clause and ends_clause


def _quote_token(ctx: _Ctx, span: _Marked) -> Token | None:
    """The syntactic head of the quoted words (the token whose head lies outside the quote)."""
    rng = _tokens_between(ctx, span.start, span.end)
    if not rng:
        return None
    for i in rng:
        head = ctx.doc[i].head
        if not (span.start <= head.idx < span.end) or head.i == i:
            return ctx.doc[i]
    return ctx.doc[rng[0]]


def _governs(ctx: _Ctx, cue: Token, span: _Marked) -> bool:
    """Whether the cue verb is an ancestor of the quoted words (at most 4 steps up)."""
    tok = _quote_token(ctx, span)
    for _ in range(4):
        if tok is None or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == cue.i:
            return True
        if tok.pos_ in ("VERB", "AUX") and not ctx.in_quote[tok.i] and tok.dep_ != "xcomp":
            return False  # another verb outside the quote governs it first
    return False


def _governing_verb(ctx: _Ctx, span: _Marked, long_quote: bool) -> tuple[Token, _Attr] | None:
    """A quote with no speech cue next to it, inside a clause whose verb names its source:
    'X dismissed the report as "absurd"', 'X thanked him for "stepping up"'."""
    tok = _quote_token(ctx, span)
    for _ in range(4):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if ctx.in_quote[tok.i] or tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if not (long_quote or lemma in CUE_VERBS or lemma in FRAGMENT_VERBS):
            return None
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and tok.dep_ in ("conj", "advcl", "xcomp"):
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if not long_quote or subject.pos_ in ("PROPN", "PRON") or ctx.ent_of[subject.i] is not None:
            attr = _speaker_from_subject(ctx, subject, tok)
            if attr.speaker is None:
                return None
            if attr.rule == "subject-of-cue" and lemma not in CUE_VERBS:
                attr.rule = "subject-of-verb"
                attr.confidence = CONFIDENCE["subject-of-verb"]
            return tok, attr
        return None
    return None


def _speech_ancestor(ctx: _Ctx, span: _Marked) -> Token | None:
    """The nearest verb of saying above the quoted words, however deep (8 steps at most)."""
    tok = _quote_token(ctx, span)
    for _ in range(8):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if not ctx.in_quote[tok.i] and tok.lemma_.lower() in INDIRECT_VERBS and _is_cue(tok):
            return tok
    return None


def _predicate_span(ctx: _Ctx, verb: Token, span: _Marked) -> tuple[int, int, str]:
    """'called Y "crazy"', 'mocked X for "having a tough night"': the verb's complements
    holding the fragment, as a mixed quote; the fragment alone when that fails."""
    right = verb.i
    for child in verb.children:
        if child.i > verb.i and child.dep_ not in ("conj", "cc", "punct", "advcl", "parataxis"):
            right = max(right, child.right_edge.i)
    bounds = _trim(ctx, verb.i + 1, right) if right > verb.i else None
    if bounds is None:
        return span.start, span.end, "direct"
    start, end = bounds
    end = max(end, span.close_at)  # the fragment with its closing mark
    if start > span.start or start == span.start and end == span.end:
        return span.start, span.end, "direct"
    return start, end, "mixed"


def _colon_between(ctx: _Ctx, cue: Token, span: _Marked) -> bool:
    return ctx.text[cue.idx : span.open_at].rstrip().endswith(":")


def _find_cue(ctx, span: _Marked, prev: _Marked | None, nxt: _Marked | None, paras):
    """The cue verb attributing a marked span: right after it, else right before it."""
    text = ctx.text
    content = text[span.start : span.end]
    # after the closing mark, up to the sentence end / next quote / paragraph end
    a_lo = span.close_at
    a_hi = min(
        ctx.para_ends[span.end_para],
        nxt.open_at if nxt is not None else len(text),
        a_lo + MAX_FRAME_CHARS,
    )
    after_text = text[a_lo:a_hi]
    m = _sentence_end(after_text)
    if m:
        a_hi = a_lo + m.start() + 1
    ends_sentence = content.rstrip("’'\"”)").endswith(".")
    lowercase_next = after_text.strip()[:1].islower()
    # '"…." Haddad said.' : a complete short sentence after the quote is its attribution, but
    # '"…." The mayor called it "…"' runs into the next quote and is a new sentence
    frame_closed = m is not None or a_hi == ctx.para_ends[span.end_para]
    short_frame = frame_closed and len(WORD_RE.findall(text, a_lo, a_hi)) <= 4
    if span.close_at > span.end and (not ends_sentence or lowercase_next or short_frame):
        count = 0
        for i in _tokens_between(ctx, a_lo, a_hi):
            tok = ctx.doc[i]
            if tok.is_punct:
                continue
            count += 1
            if count > 3 * MAX_CUE_DISTANCE:
                break
            if not _is_cue(tok) or ctx.in_quote[i]:
                continue
            if _reports_own_clause(ctx, tok, span):
                break
            if count <= MAX_CUE_DISTANCE and _after_shape(ctx, tok, span, a_lo):
                return tok, "after"
            # '"…," Trump, the front-runner and a former host of a TV show, said': far cue,
            # but its subject opens the frame
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if (
                subject is not None
                and subject.idx >= a_lo
                and not WORD_RE.search(text, a_lo, subject.idx)
            ):
                return tok, "after"
    # before the opening mark, back to the sentence start / previous quote / paragraph start
    b_hi = span.open_at
    b_lo = max(
        ctx.para_starts[span.para],
        prev.close_at if prev is not None else 0,
        b_hi - MAX_FRAME_CHARS,
    )
    ends = _sentence_ends(text, b_lo, b_hi)
    if ends:
        b_lo = ends[-1]
    toks = _tokens_between(ctx, b_lo, b_hi)
    count = 0
    nearest = None
    for i in reversed(toks):
        tok = ctx.doc[i]
        if tok.is_punct:
            continue
        count += 1
        if count > MAX_CUE_DISTANCE + 4:
            break
        if ctx.in_quote[i]:
            continue
        is_according = (
            tok.lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to"
        )
        if _is_cue(tok) or is_according:
            if is_according or _governs(ctx, tok, span):
                return tok, "before"
            nearest = nearest or tok
    return (nearest, "before") if nearest is not None else None


def _reports_own_clause(ctx: _Ctx, cue: Token, span: _Marked) -> bool:
    """'"…," one prosecutor said the cases differ': a cue after the quote with a reported
    clause of its own is not the quote's attribution."""
    own = any(c.dep_ == "ccomp" and c.i > cue.i and c.pos_ in ("VERB", "AUX") for c in cue.children)
    return own and not _governs(ctx, cue, span)


def _sentence_end(text: str) -> re.Match | None:
    """First sentence end in `text` (see `_sentence_ends`)."""
    for m in SENT_END_RE.finditer(text):
        if _ends_sentence(text, m):
            return m
    return None


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    """Offsets just after each sentence end in text[lo:hi]."""
    return [m.end() for m in SENT_END_RE.finditer(text, lo, hi) if _ends_sentence(text, m)]


def _ends_sentence(text: str, m: re.Match) -> bool:
    """Not the stop of a title ("Dr. Vance said"), nor one followed by a lowercase word
    ('Rep. Jon Mela (R-Fla.) said')."""
    if _abbreviation_before(text, m.start()):
        return False
    following = text[m.end() : m.end() + 2].lstrip()
    return not following[:1].islower()


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the character at `dot` the stop of a title or an initial ("Dr.", "Gen.", "J.")?"""
    if text[dot] != ".":
        return False
    lo = dot
    while lo > 0 and text[lo - 1].isalpha():
        lo -= 1
    word = text[lo:dot]
    return word.lower() in TITLES or (len(word) == 1 and word.isupper())


def _after_shape(ctx: _Ctx, cue: Token, span: _Marked, frame_start: int) -> bool:
    """'"…," Haddad said' / '"…," said Haddad': the cue's subject sits next to it in the frame
    (or the parser hangs the quote under the cue); not '"…" and called on residents'."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return False  # "… to report": an infinitive is never the attribution
    if _governs(ctx, cue, span):
        return True
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.idx >= frame_start:
            # '"…," Haddad said', not '"…" and promised arrests, though none has been …'
            lead = ctx.text[frame_start : child.left_edge.idx]
            if not re.search(r"\b(?:and|but|or|then|though|although|while|as|when)\b", lead):
                return True
    between = ctx.text[frame_start : cue.idx]
    near = len(WORD_RE.findall(between)) <= 5
    coordinated = re.search(r"\b(?:and|but|or|then)\b", between) is not None
    return near and not coordinated and _frame_subject(ctx, cue) is not None


def _mixed_clause(
    ctx: _Ctx, cue: Token, span: _Marked, where: str = "before"
) -> tuple[int, int] | None:
    """When the quote is a fragment of the cue's reported clause, the clause (for "mixed"):
    'The deal "…," X wrote', '"Boots on the ground" would do, X said'."""
    clause = _content_clause(ctx, cue)
    if clause is None:
        return None
    start, end = clause
    if not (start <= span.start and span.end <= end + 2):
        return None
    if where == "after":
        frame = [c.left_edge.idx for c in cue.children if c.dep_ == "nsubj" and c.idx > span.end]
        end = min(end, cue.idx, *frame)  # never into the frame after the quote
    outside = (
        ctx.text[start : span.open_at] + " " + ctx.text[span.close_at : max(end, span.close_at)]
    )
    words = [w for w in WORD_RE.findall(outside) if w.lower() not in ("that", "whether", "if")]
    return clause if len(words) >= 3 else None


def _dash_attribution(ctx: _Ctx, span: _Marked) -> _Attr | None:
    """ "…" — Name  /  "…" -Name : the name after a dash is the speaker."""
    if span.close_at <= span.end:
        return None
    start = span.close_at
    para_end = ctx.para_ends[span.end_para]
    if not ctx.text[start:para_end].strip() and span.end_para + 1 < len(ctx.para_starts):
        # the signature on its own line under the quote: "— Name, Institute"
        start = ctx.para_starts[span.end_para + 1]
        para_end = ctx.para_ends[span.end_para + 1]
        if len(WORD_RE.findall(ctx.text, start, para_end)) > 12:
            return None
    hi = min(para_end, start + 120)
    tail = ctx.text[start:hi]
    m = DASH_NAME_RE.match(tail)
    if not m:
        return None
    lo = start + m.end()
    for i in _tokens_between(ctx, lo, lo + 60):
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            name = _strip_title(ent) or ent
            speaker = Speaker(name.text, name.start_char, name.end_char)
            return _Attr(
                speaker, "dash-attribution", CONFIDENCE["dash-attribution"], label=ent.label_
            )
        break
    # no entity: take the capitalised words after the dash
    m2 = re.match(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", ctx.text[lo:hi])
    if m2:
        speaker = Speaker(m2.group(), lo, lo + m2.end())
        return _Attr(speaker, "dash-attribution", 0.6, label="PERSON")
    return None


def _gap_is_cue_frame(ctx: _Ctx, prev: _Marked, span: _Marked) -> bool:
    """Between two quotes only an attribution frame (", he said, "): they are one quote."""
    gap = ctx.text[prev.close_at : span.open_at]
    if "\n" in gap or len(gap) > 160:
        return False
    return any(_is_cue(ctx.doc[i]) for i in _tokens_between(ctx, prev.close_at, span.open_at))


def _colon_intro_previous(ctx: _Ctx, span: _Marked, paras, used_cues):
    """A quote opening its paragraph after a paragraph ending "X said:" / "said the following:"."""
    if span.open_at != ctx.para_starts[span.para] or span.para == 0:
        return None
    ps, pe = paras[span.para - 1]
    if not ctx.text[ps:pe].rstrip().endswith(":"):
        return None
    cue = _last_cue(ctx, ps, pe)
    if cue is None:
        return None
    used_cues.add(cue.i)
    attr, via, when, cue_text = _attribute_cue(ctx, cue, span.start)
    if attr.rule == "subject-of-cue":
        attr.rule = "colon-intro"
        attr.confidence = CONFIDENCE["colon-intro"]
    return attr, cue_text, via, when


def _intro_verb(ctx: _Ctx, start: int, end: int) -> Token | None:
    """The main verb of a paragraph's last sentence ("The Front issued the following:")."""
    for i in reversed(_tokens_between(ctx, start, end)):
        tok = ctx.doc[i]
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in tok.children):
            return tok
    return None


def _last_cue(ctx: _Ctx, start: int, end: int) -> Token | None:
    for i in reversed(_tokens_between(ctx, start, end)):
        tok = ctx.doc[i]
        if ctx.in_quote[i]:
            continue
        if _is_cue(tok):
            return tok
        if tok.lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to":
            return tok
    return None


def _previous_paragraph_speaker(ctx, span: _Marked, prev_quote, prev_span) -> _Attr | None:
    """A whole-paragraph quote with no cue right after a paragraph quoting X: X goes on."""
    if prev_quote is None or prev_quote.speaker is None or prev_span is None:
        return None
    if span.open_at != ctx.para_starts[span.para] or prev_span.end_para != span.para - 1:
        return None
    # the previous paragraph must end with that quote's attribution, not narration
    prev_para_end = ctx.para_ends[span.para - 1]
    tail = ctx.text[prev_quote.end : prev_para_end]
    if len(tail) > 120:
        return None
    return _Attr(
        prev_quote.speaker,
        "previous-quote-paragraph",
        CONFIDENCE["previous-quote-paragraph"],
        label=None,
    )


# --------------------------------------------------------------------------------------------
# Pass 4: block statements
# --------------------------------------------------------------------------------------------


def _block_statements(ctx, paras, marked: list[_Marked], covered) -> list[Quote]:
    """Unmarked paragraphs after "In a statement, the spokesman wrote:" -> one block quote."""
    out = []
    text = ctx.text
    marked_paras = {s.para for s in marked} | {s.end_para for s in marked}
    for index, (ps, pe) in enumerate(paras[:-1]):
        line = text[ps:pe]
        if not line.endswith(":") or not BLOCK_INTRO_RE.search(line):
            continue
        nxt = index + 1
        if nxt in marked_paras or _overlaps(covered, paras[nxt][0], paras[nxt][1]):
            continue
        cue = _last_cue(ctx, ps, pe) or _intro_verb(ctx, ps, pe)
        if cue is not None:
            attr, via, when, cue_text = _attribute_cue(ctx, cue, paras[nxt][0])
        else:
            attr, via, when, cue_text = _Attr(None, None, 0.0), None, None, "said the following"
        if attr.speaker is not None:
            attr.rule = "block-previous-sentence"
            attr.confidence = CONFIDENCE["block-previous-sentence"]
        attr = _on_behalf_of(ctx, ps, pe) or attr
        last = nxt
        # further unmarked paragraphs in the statement's voice (first person, no cue verbs)
        while last + 1 < len(paras) and last - nxt < 6:
            cand = last + 1
            cs, ce = paras[cand]
            if cand in marked_paras or _overlaps(covered, cs, ce):
                break
            body = text[cs:ce]
            if not re.search(r"\b(?:we|our|us|I|my)\b", body, re.IGNORECASE):
                break
            if any(_is_cue(ctx.doc[i]) for i in _tokens_between(ctx, cs, ce)):
                break
            last = cand
        start, end = paras[nxt][0], paras[last][1]
        out.append(_make_quote(ctx, start, end, "block", attr, cue=cue_text, via=via, date=when))
    return out


def _on_behalf_of(ctx: _Ctx, ps: int, pe: int) -> _Attr | None:
    """'X read a message from the command of the Brigades:' -> the Brigades speak, not X."""
    for i in _tokens_between(ctx, ps, pe):
        tok = ctx.doc[i]
        if tok.lower_ not in ON_BEHALF_NOUNS:
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ON_BEHALF_PREPS:
                continue
            for sub in prep.subtree:
                ent = ctx.ent_of[sub.i]
                if ent is not None and _ent_label(ent) == "ORG":
                    attr = _named(ent, "subject-of-cue")
                    attr.rule = "block-previous-sentence"
                    attr.confidence = CONFIDENCE["block-previous-sentence"]
                    return attr
    return None


# --------------------------------------------------------------------------------------------
# Pass 5: indirect and mixed quotes
# --------------------------------------------------------------------------------------------


def _indirect_quotes(ctx: _Ctx, marked: list[_Marked], used_cues: set[int], taken) -> list[Quote]:
    """Each unused cue verb with a reported clause ("said that …", "according to X, …")."""
    out = []
    taken_spans = sorted((q.start, q.end) for q in taken if q.via != "interview")
    answers = sorted((q.start, q.end) for q in taken if q.via == "interview")
    mark_starts = [s.start for s in marked]
    for tok in ctx.doc:
        if (tok.i in used_cues and tok.i not in ctx.mixed_cues) or ctx.in_quote[tok.i]:
            continue
        lemma = tok.lemma_.lower()
        if tok.i in ctx.mixed_cues or (
            lemma in INDIRECT_VERBS and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))
        ):
            clause = _content_clause(ctx, tok)
            cue_text = _cue_phrase(tok)
        elif (
            tok.lower_ == "according"
            and tok.i + 1 < len(ctx.doc)
            and ctx.doc[tok.i + 1].lower_ == "to"
        ):
            clause = _according_clause(ctx, tok)
            cue_text = "according to"
        else:
            continue
        if clause is None:
            continue
        start, end = _within_line(ctx.text, *clause, tok.idx)
        if len(WORD_RE.findall(ctx.text, start, end)) < 2:
            continue
        if ctx.text[start:end].rstrip().endswith(":"):
            continue  # "said the following:": the statement below is the quote (block pass)
        if _mostly_taken(taken_spans, start, end):
            continue
        if _mostly_taken(answers, start, end) and (start < tok.idx or not _named_subject(ctx, tok)):
            continue  # "I told them …" inside an answer is the answer itself
        inner = []
        for k in range(bisect_left(mark_starts, start), len(marked)):
            if marked[k].start >= end:
                break
            inner.append(marked[k])
        kind = "mixed" if any(s.end <= end + 2 for s in inner) else "indirect"
        for s in inner:
            start = min(start, s.open_at)  # the opening mark hung on the cue by the parser
            if s.end > end:  # a quote running past the clause: extend to include it
                end = s.end
        attr, via, when, _ = _attribute_cue(ctx, tok, start)
        quote = _make_quote(ctx, start, end, kind, attr, cue=cue_text, via=via, date=when)
        out.append(quote)
        _remember(ctx, quote, attr)
    return out


def _named_subject(ctx: _Ctx, cue: Token) -> bool:
    """Whether someone other than the answering speaker reports here: a name, a noun or
    "he"/"she" ("Governor Vell told me that …"), not "I" or "anyone who tells you"."""
    subject = _subject(ctx, cue)
    if subject is None:
        return False
    return subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in PERSON_PRONOUNS


def _within_line(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """A reported clause never runs over a line break ("Updated 11:40\nThe commander …"): keep
    the part on the line of the cue, or, if the cue is outside, the line next to it."""
    if "\n" not in text[start:end]:
        return start, end
    if start <= at <= end:
        lo, hi = at, at
    elif at < start:
        lo = hi = start
    else:
        lo = hi = end
    line_start = text.rfind("\n", start, lo) + 1 or start
    line_end = text.find("\n", hi, end)
    line_start = max(line_start, start)
    return line_start, (line_end if line_end != -1 else end)


def _mostly_taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether half the clause is already inside a direct quote, post or answer."""
    covered = 0
    i = bisect_left(spans, (end, end)) - 1
    for j in range(i, max(-1, i - 30), -1):
        s, e = spans[j]
        covered += max(0, min(e, end) - max(s, start))
    return covered >= 0.5 * (end - start)


def _content_clause(ctx: _Ctx, cue: Token) -> tuple[int, int] | None:
    """The reported clause of a cue verb: its ccomp, else the clause it is tacked onto."""
    if cue.lower_ == "according":
        return _according_clause(ctx, cue)
    clauses = [
        c
        for c in cue.children
        if (c.dep_ == "ccomp" and c.pos_ not in ("PART", "PUNCT", "ADP", "DET"))
        or (c.dep_ == "xcomp" and c.i > cue.i and _has_subj(c))
    ]
    if clauses:  # two complements ("X, a sight residents said would be …"): the one after
        child = next((c for c in clauses if c.i > cue.i), clauses[0])
        return _trim(ctx, child.left_edge.i, child.right_edge.i)
    prep = PREP_CONTENT.get(cue.lemma_.lower())
    if prep:  # "accused X of using drones"
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        for child in [*cue.children, *(g for o in objects for g in o.children)]:
            if child.dep_ == "prep" and child.lower_ == prep and child.i > cue.i:
                return _trim(ctx, child.i, child.right_edge.i)
    # "The plan failed, officials said." : said is the root, the clause before it is the ccomp;
    # the parser sometimes hangs "said" under the clause instead (parataxis)
    # "says the movement that … appeals to …": the clause's subject parsed as an object
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
    if cue.lemma_.lower() == "say" and any(
        t.pos_ in ("VERB", "AUX") for o in objects for t in o.subtree
    ):  # not "says a great many things", "say it plainly"
        return _trim(ctx, cue.i + 1, cue.right_edge.i)
    # "said in a statement that …" mis-attached under the noun: the first "that"-clause
    for j in range(cue.i + 1, min(cue.right_edge.i, cue.i + 12) + 1):
        tok = ctx.doc[j]
        if tok.dep_ == "mark" and tok.lower_ == "that" and tok.head.i > j:
            head = tok.head
            return _trim(ctx, j, head.right_edge.i)
        if ctx.text[tok.idx] in ".;:" or tok.dep_ == "punct" and tok.text in OPEN_MARKS:
            break
    sentence_final = all(t.is_punct or t.is_space for t in ctx.doc[cue.i + 1 : cue.sent.end])
    if (
        cue.dep_ in ("parataxis", "ccomp")
        or (cue.dep_ == "conj" and sentence_final and _has_subj(cue))
    ) and cue.head.i < cue.i:
        head = cue.head
        left = head.left_edge.i
        right = cue.left_edge.i - 1
        breaks = {",", *CLOSE_MARKS, STRAIGHT, "—", "–"}
        if cue.dep_ != "conj" and (
            right < 0 or not (ctx.doc[right].text in breaks or cue.left_edge.text in breaks)
        ):
            return None  # "did what the Code tells it to do" is no "…, officials said"
        return _trim(ctx, left, right)
    return None


def _has_subj(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _according_clause(ctx: _Ctx, tok: Token) -> tuple[int, int] | None:
    """ "According to X, <clause>" or "<clause>, according to X": the rest of the sentence."""
    sent = tok.sent
    phrase_lo = tok.i
    to = ctx.doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase_hi = source.right_edge.i if source is not None else to.i
    for j in range(to.i + 1, phrase_hi + 1):  # "according to people who knew him, as …"
        if ctx.doc[j].text == ",":
            phrase_hi = j - 1
            break
    before = (sent.start, phrase_lo - 1)
    after = (phrase_hi + 1, sent.end - 1)
    words_before = sum(1 for t in ctx.doc[before[0] : before[1] + 1] if not t.is_punct)
    words_after = sum(1 for t in ctx.doc[after[0] : after[1] + 1] if not t.is_punct)
    if words_before <= 1:
        return _trim(ctx, *after)
    if words_after <= 1:
        return _trim(ctx, *before)
    return _trim(ctx, sent.start, sent.end - 1)  # mid-sentence: the whole sentence


def _trim(ctx: _Ctx, left: int, right: int) -> tuple[int, int] | None:
    """Token range -> char span without surrounding punctuation and spaces."""
    doc = ctx.doc
    while (
        left <= right
        and (doc[left].is_punct or doc[left].is_space)
        and doc[left].text not in OPEN_MARKS
        and doc[left].text != STRAIGHT
    ):
        left += 1
    while (
        right >= left
        and (doc[right].is_punct or doc[right].is_space)
        and doc[right].text not in CLOSE_MARKS
        and doc[right].text != STRAIGHT
    ):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _cue_phrase(tok: Token) -> str:
    """The cue as written, with its particle ("pointed out") when there is one."""
    parts = [tok]
    parts.extend(c for c in tok.children if c.dep_ == "prt")
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


# --------------------------------------------------------------------------------------------
# Speaker, medium and date from a cue
# --------------------------------------------------------------------------------------------


def _attribute_cue(ctx: _Ctx, cue: Token, at: int) -> tuple[_Attr, str | None, str | None, str]:
    """(speaker attribution, via, ISO date, cue text) for a cue verb or "according to"."""
    if cue.lower_ == "according":
        to = ctx.doc[cue.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        attr = _speaker_from_subject(ctx, obj, cue) if obj is not None else _Attr(None, None, 0.0)
        if attr.rule == "subject-of-cue":
            attr.rule = "according-to"
            attr.confidence = CONFIDENCE["according-to"]
        via = _via(ctx, obj) if obj is not None else None
        return attr, via, None, "according to"
    subject = _subject(ctx, cue)
    if subject is not None and _is_dateline(ctx, subject):
        subject = _frame_subject(ctx, cue)
    if (
        subject is not None
        and "\n" in ctx.text[min(subject.idx, cue.idx) : max(subject.idx, cue.idx)]
    ):
        subject = _frame_subject(ctx, cue)  # a subject on another line is a parse error
    if subject is not None:
        attr = _speaker_from_subject(ctx, subject, cue)
    elif cue.tag_ in ("VBG", "VBN") or cue.lemma_.lower() in CHAIN_VERBS:
        attr = _chain(ctx, cue)  # "Adding, '…'" continues the previous speaker
    else:
        attr = _Attr(None, None, 0.0)
    return attr, _via(ctx, cue), _cue_date(ctx, cue), _cue_phrase(cue)


def _is_dateline(ctx: _Ctx, tok: Token) -> bool:
    """'LONDON (Reuters) - X said', 'Washington (AFP) – X said': the place opening the
    paragraph is no subject."""
    para_start = ctx.para_starts[_para_of(ctx, tok.idx)]
    if tok.idx - para_start > 2:
        return False
    if tok.is_upper and len(tok.text) >= 3:
        return True
    return DATELINE_AGENCY_RE.match(ctx.text, tok.idx + len(tok.text)) is not None


def _chain(ctx: _Ctx, cue: Token) -> _Attr:
    """A subjectless cue ("Adding, …") goes on with the previous quote's speaker, if close."""
    last = _last_speaker(ctx, cue.idx)
    if last is None or _para_of(ctx, cue.idx) - last[3] > 1:
        return _Attr(None, None, 0.0)
    return _Attr(last[1], "chain-he-added", CONFIDENCE["chain-he-added"], label=last[2] or None)


def _colon_named(ctx: _Ctx, lo: int, hi: int) -> _Attr | None:
    """'Republican pollster Ann Shaw: "…"' : a colon right after a name introduces its words."""
    if not ctx.text[lo:hi].rstrip().endswith(":"):
        return None
    for i in reversed(_tokens_between(ctx, lo, hi)):
        if ctx.in_quote[i]:
            continue
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            if ent.root.dep_ in COLON_NOT_SPEAKER_DEPS:
                continue  # "Mother of X, killed at the Y checkpoint:": X and Y do not speak
            attr = _named(ent, "colon-intro")
            attr.confidence = 0.6
            return attr
        tok = ctx.doc[i]
        if tok.is_punct:
            continue
        last_word = not WORD_RE.search(ctx.text, tok.idx + len(tok.text), hi)
        if last_word and tok.pos_ == "PROPN" and tok.is_title:  # a name the recogniser missed
            left = i
            while left > 0 and ctx.doc[left - 1].pos_ == "PROPN" and ctx.doc[left - 1].is_title:
                left -= 1
            name = ctx.doc[left : i + 1]
            speaker = Speaker(name.text, name.start_char, name.end_char)
            return _Attr(speaker, "colon-intro", 0.5, label="PERSON")
    return None


def _subject(ctx: _Ctx, cue: Token) -> Token | None:
    """The cue's subject; climbs "and said" / "adding" to the governing verb's subject."""
    tok = cue
    for _ in range(3):
        subjects = [
            child
            for child in tok.children
            if child.dep_ in ("nsubj", "nsubjpass")
            and not ctx.in_quote[child.i]
            and not _is_transcript_label(ctx, child)
            and not _is_dateline(ctx, child)
        ]
        # '<clause>, said Gert Wald': with two subjects the one after the cue is the speaker
        if len(subjects) > 1:
            subjects.sort(key=lambda child: (child.i < tok.i, child.i))
        for child in subjects:
            if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            return child
        if tok.dep_ in ("conj", "advcl", "xcomp", "relcl", "dep") and tok.head is not tok:
            if tok.dep_ == "relcl":
                return tok.head
            tok = tok.head
        else:
            break
    if cue.tag_ == "VBG":  # "X went after Y, calling him …": the sentence's subject
        root = cue.sent.root
        if root.i < cue.i:
            subject = next(
                (
                    c
                    for c in root.children
                    if c.dep_ in ("nsubj", "nsubjpass") and not _is_dateline(ctx, c)
                ),
                None,
            )
            if subject is not None:
                return subject
    return _frame_subject(ctx, cue)


def _is_transcript_label(ctx: _Ctx, tok: Token) -> bool:
    """ "Q: The ministry says …": a paragraph-opening "Q:" / "HOST:" names no subject."""
    nxt = tok.i + 1
    return (
        nxt < len(ctx.doc)
        and ctx.doc[nxt].text == ":"
        and ctx.para_starts[bisect_right(ctx.para_starts, tok.idx) - 1] == tok.idx
    )


def _frame_subject(ctx: _Ctx, cue: Token) -> Token | None:
    """The parser missed the subject: the nearest name or pronoun left of the cue within its
    clause ("Ramos, 58, told"), else a name right after it ("said Haddad")."""
    doc = ctx.doc
    for j in range(cue.i - 1, max(-1, cue.i - 9), -1):
        tok = doc[j]
        if ctx.in_quote[j] or tok.text in ":;.!?\n" or tok.is_space or tok.text in "–—-":
            break
        ent = ctx.ent_of[j]
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP"):
            return tok
        if tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS | ORG_PRONOUNS:
            return tok
        if tok.pos_ == "PROPN" and (
            tok.dep_ not in ("pobj", "compound", "poss") or tok.head.i == cue.i
        ):
            return tok
    if cue.lemma_.lower() == "tell":
        return None  # "told Example TV": what follows is the addressee
    for j in range(cue.i + 1, min(len(doc), cue.i + 5)):
        tok = doc[j]
        if ctx.in_quote[j] or tok.is_punct or tok.pos_ == "ADP":
            break  # "read on Nahra TV": a name after a preposition is not the speaker
        if tok.dep_ in ("dobj", "dative", "pobj"):
            break
        ent = ctx.ent_of[j]
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP"):
            return ent.root
        if tok.pos_ == "PROPN":
            return tok
    return None


def _speaker_from_subject(ctx: _Ctx, tok: Token, cue: Token) -> _Attr:
    """Name span for a subject token, resolving pronouns and role nouns to a named mention."""
    ent = ctx.ent_of[tok.i]
    if (
        ent is not None
        and ent.label_ in NAME_LABELS
        and (ent.label_ in ("PERSON", "ORG") or tok.pos_ == "PROPN")
    ):  # "Diplomats said" is no name even when tagged NORP
        return _named(ent, "subject-of-cue")
    for child in tok.children:
        # "the spokesman, Dan Ortel," names the speaker; "an NLF official" only affiliates him
        if child.dep_ in ("appos", "compound", "flat", "nmod", "npadvmod"):
            cent = ctx.ent_of[child.i]
            if cent is not None and (
                _ent_label(cent) == "PERSON" or (child.dep_ == "appos" and cent.label_ == "ORG")
            ):
                return _named(cent, "subject-of-cue")
    inner = _person_in_subject(ctx, tok, cue)
    if inner is not None:
        return _named(inner, "subject-of-cue")
    lower = tok.lower_
    if lower in PERSON_PRONOUNS:
        return _resolve(ctx, cue, "PERSON", "pronoun→previous-person", lower)
    if lower == "it":  # "they" is as often people as an organisation: left unresolved
        return _resolve(ctx, cue, "ORG", "pronoun→previous-org", lower)
    if tok.pos_ == "PRON":
        return _Attr(None, None, 0.0)
    if tok.lemma_.lower() in MEDIA_NOUNS and tok.tag_ == "NN":
        chained = _chain(ctx, cue)  # "The statement accused …": whoever issued the statement
        if chained.speaker is not None:
            chained.rule = "statement→its-author"
            chained.confidence = 0.6
            return chained
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), None)
    lemma = tok.lemma_.lower()
    if det in ("its", "their") and lemma in MOUTHPIECE_NOUNS:
        attr = _resolve(ctx, cue, "ORG", "pronoun→previous-org", "it")
        if attr.speaker is not None:
            return attr
    if det in ("the", "this", "that") and tok.tag_ in ("NN", "NNP"):
        if lemma in ROLE_PERSON_NOUNS:
            # inside an interview "the commander" is the interviewee, not an earlier commander
            in_interview = ctx.interview is not None and cue.idx > ctx.interview[0]
            attr = (None if in_interview else _by_role(ctx, cue, "PERSON", lemma)) or (
                _role_fallback(ctx, cue, "PERSON")
            )
            if attr is not None and attr.speaker is not None:
                return attr
        elif lemma in ROLE_ORG_NOUNS:
            attr = _by_role(ctx, cue, "ORG", lemma) or _role_fallback(ctx, cue, "ORG")
            if attr is not None and attr.speaker is not None:
                return attr
    if tok.pos_ == "PROPN":
        left = min([tok.i] + [c.i for c in tok.children if c.dep_ in ("compound", "flat")])
        span = ctx.doc[left : tok.i + 1]
        name = _strip_title(span) or span
        return _Attr(
            Speaker(name.text, name.start_char, name.end_char),
            "subject-of-cue",
            0.7,
            label="PERSON",
        )
    # an unnamed or generic source: "an official who asked not to be named", "witnesses"
    left, right = tok.left_edge.i, tok.right_edge.i
    right = min(right, tok.i + 12)
    if right >= cue.i > tok.i:
        right = cue.i - 1
    for j in range(left, right + 1):  # a subject never spans lines
        if "\n" in ctx.doc[j].text:
            left = j + 1
    for j in range(tok.i + 1, right + 1):  # stop at a non-restrictive ", which …"
        if ctx.doc[j].text in (",", "(", "—", "–"):
            right = j - 1
            break
    # modifiers after the head stay only while they name nobody: "an official who asked not to
    # be named" keeps its clause, "a local official in Brena" ends at "official" (a place or
    # outlet inside the description must not make the source look named)
    limit, right = right, tok.i
    for child in tok.rights:
        if child.i > limit or child.is_punct:
            break
        sub = ctx.doc[child.i : min(child.right_edge.i, limit) + 1]
        if any(t.ent_type_ in NAME_LABELS for t in sub):
            break
        right = sub.end - 1
    while right > left and ctx.doc[right].is_punct:
        right -= 1
    span = ctx.doc[left : right + 1]
    if not span.text.strip():
        return _Attr(None, None, 0.0)
    rule = (
        "unnamed-source"
        if det in (None, "a", "an", "some", "two", "three")
        else "subject-noun-phrase"
    )
    return _Attr(Speaker(span.text, span.start_char, span.end_char), rule, CONFIDENCE[rule])


def _named(ent: Span, rule: str) -> _Attr:
    name = _strip_title(ent) or ent
    return _Attr(
        Speaker(name.text, name.start_char, name.end_char),
        rule,
        CONFIDENCE[rule],
        label=_ent_label(ent),
    )


def _role_fallback(ctx: _Ctx, cue: Token, label: str) -> _Attr | None:
    """'the mayor said' with no one introduced as mayor: the interviewee inside a Q&A, or the
    speaker of the quote just before when nobody else spoke since; otherwise no guess."""
    if label == "PERSON" and ctx.interview is not None and cue.idx > ctx.interview[0]:
        speaker = ctx.interview[1]
        return _Attr(speaker, "interviewee", CONFIDENCE["interviewee"], label="PERSON")
    if label == "ORG":  # "the group said": the latest organisation, as for "it"
        return _resolve(ctx, cue, "ORG", "role-noun→previous-org", None)
    last = _last_speaker(ctx, cue.idx)
    if last is None or last[2] != label or _para_of(ctx, cue.idx) - last[3] > 1:
        return _only_person_nearby(ctx, cue) if label == "PERSON" else None
    rows, starts = ctx.persons, ctx.person_starts
    hi = bisect_left(starts, cue.idx)
    j = bisect_left(starts, last[1].start or 0)
    if j < len(rows) and rows[j][0] == last[1].start:
        root = ctx.doc[rows[j][2]]
        if any(c.dep_ == "appos" for c in root.children):
            return None  # introduced as something else ("Tavi Ronn, a driver"), not "the mayor"
    own = _surname(last[1].text)
    if any(
        r[0] >= last[0] and r[3] and _surname(ctx.text[r[0] : r[1]]) != own
        for r in rows[max(0, hi - 8) : hi]
    ):
        return None
    rule = "role-noun→previous-person"
    return _Attr(last[1], rule, CONFIDENCE[rule], [_cand(last[1], 0.6, rule)], label)


def _only_person_nearby(ctx: _Ctx, cue: Token) -> _Attr | None:
    """'Mrs Kessel-Ambry … welcomed the decision. "…," the governor said.': the one person
    named as a subject in this paragraph and the one before, when there is exactly one."""
    lo = ctx.para_starts[max(0, _para_of(ctx, cue.idx) - 1)]
    rows = [
        r
        for r in ctx.persons[
            bisect_left(ctx.person_starts, lo) : bisect_left(ctx.person_starts, cue.idx)
        ]
        if not ctx.in_quote[r[2]] and r[3]  # people doing something, not objects or places
    ]
    if not rows or len({_surname(ctx.text[r[0] : r[1]]) for r in rows}) != 1:
        return None
    speaker = _fullest_speaker(ctx, rows[-1][0], rows[-1][1])
    rule = "role-noun→only-person-nearby"
    return _Attr(speaker, rule, CONFIDENCE[rule], [_cand(speaker, 0.5, rule)], "PERSON")


def _by_role(ctx: _Ctx, cue: Token, label: str, role: str) -> _Attr | None:
    """'the ministry' -> the latest ORG named "… Ministry"; 'the sheikh' / 'the spokesman' ->
    the latest person introduced with that title or apposition ("NLF spokesman X")."""
    rows, starts = (
        (ctx.persons, ctx.person_starts) if label == "PERSON" else (ctx.orgs, ctx.org_starts)
    )
    hi = bisect_left(starts, cue.idx)
    for row in reversed(rows[max(0, hi - 40) : hi]):
        if role in _descriptors(ctx, row):
            if label == "PERSON":
                speaker = _fullest_speaker(ctx, row[0], row[1])
                rule = "role-noun→previous-person"
            else:
                speaker = Speaker(ctx.text[row[0] : row[1]], row[0], row[1])
                rule = "role-noun→previous-org"
            return _Attr(speaker, rule, CONFIDENCE[rule] + 0.1, [_cand(speaker, 0.75, rule)], label)
    if label == "ORG":
        return _capitalised_org(ctx, cue, role)
    return None


def _capitalised_org(ctx: _Ctx, cue: Token, role: str) -> _Attr | None:
    """'the movement said' after "The Movement for the Defence of the Highlands …", a name the
    entity recogniser missed: the latest capitalised name built on the role word, nearby."""
    lo = ctx.para_starts[max(0, _para_of(ctx, cue.idx) - 2)]
    word = role.capitalize()
    pattern = re.compile(rf"(?:[A-Z][\w’'-]+ )*{word}(?: (?:for|of|the|and|[A-Z][\w’'-]+))*")
    found = []
    for m in pattern.finditer(ctx.text, lo, cue.idx):
        name = re.sub(r"(?: (?:for|of|the|and))+$", "", m.group())
        if name.startswith("The "):
            name = name[4:]
        if " " in name:
            start = m.start() + m.group().index(name)
            found.append((start, start + len(name), name))
    if not found:
        return None
    start, end, name = found[-1]
    speaker = Speaker(name, start, end)
    rule = "role-noun→previous-org"
    return _Attr(speaker, rule, CONFIDENCE[rule], [_cand(speaker, 0.6, rule)], "ORG")


def _descriptors(ctx: _Ctx, row: tuple[int, int, int, bool]) -> set[str]:
    """Role words around a mention: its own words, up to 3 words before, its apposition."""
    doc = ctx.doc
    root = doc[row[2]]
    ent = ctx.ent_of[root.i]
    lo = ent.start if ent is not None else root.i
    hi = ent.end if ent is not None else root.i + 1
    words = {t.lemma_.lower().rstrip(".") for t in doc[max(0, lo - 3) : hi]}
    for child in root.children:
        if child.dep_ == "appos":
            words.update(t.lemma_.lower() for t in child.subtree if t.i < child.i + 4)
    if root.dep_ == "appos":
        words.add(root.head.lemma_.lower())
    return {ROLE_ABBREVIATIONS.get(w, w) for w in words}


def _resolve(ctx: _Ctx, cue: Token, label: str, rule: str, pronoun: str | None) -> _Attr:
    """Latest compatible named mention before the cue: the previous quote's speaker when no
    other person was the subject since, else the latest subject mention, else the latest one."""
    at = cue.idx
    if ctx.interview is not None and at > ctx.interview[0] and label == "PERSON":
        speaker = ctx.interview[1]
        return _Attr(
            speaker,
            "interviewee",
            CONFIDENCE["interviewee"],
            [_cand(speaker, 0.8, "interviewee")],
            "PERSON",
        )
    para = _para_of(ctx, at)
    rows, starts = (
        (ctx.persons, ctx.person_starts) if label == "PERSON" else (ctx.orgs, ctx.org_starts)
    )
    hi = bisect_left(starts, at)
    candidates: list[dict] = []
    chosen: tuple[Speaker, str, float] | None = None

    last = _last_speaker(ctx, at)
    same_kind = (label == "PERSON" and last is not None and last[2] in ("PERSON", "")) or (
        label == "ORG" and last is not None and last[2] == "ORG"
    )  # "The ministry said … It said …": the previous speaker goes on
    if last is not None and same_kind and para - last[3] <= 2:
        own = _surname(last[1].text)
        between = [
            r
            for r in rows[max(0, hi - 8) : hi]
            if r[0] >= last[0] and r[3] and _surname(ctx.text[r[0] : r[1]]) != own
        ]
        if not between and _gender_ok(ctx, last[1].text, pronoun):
            lemma = cue.lemma_.lower()
            chain_rule = "chain-he-added" if lemma in CHAIN_VERBS else rule
            chosen = (last[1], chain_rule, CONFIDENCE.get(chain_rule, 0.7))
            candidates.append(_cand(last[1], chosen[2], chain_rule))

    recent = [r for r in reversed(rows[max(0, hi - 12) : hi]) if para - _para_of(ctx, r[0]) <= 3]
    subjects = [r for r in recent if r[3]]
    for pool, score in ((subjects, 0.6), (recent, 0.45)):
        for row in pool:
            if label == "PERSON":
                speaker = _fullest_speaker(ctx, row[0], row[1])
            else:
                speaker = Speaker(ctx.text[row[0] : row[1]], row[0], row[1])
            if not _gender_ok(ctx, speaker.text, pronoun):
                continue
            candidates.append(_cand(speaker, score, rule))
            if chosen is None:
                chosen = (speaker, rule, CONFIDENCE[rule] * (1.0 if score > 0.5 else 0.85))
    if chosen is None:
        return _Attr(None, None, 0.0, candidates=candidates)
    speaker, used_rule, conf = chosen
    if pronoun in PERSON_PRONOUNS and label == "PERSON":
        ctx.gender.setdefault(_surname(speaker.text), pronoun)
    seen = set()
    unique = []
    for c in candidates:
        key = (c["start"], c["end"])
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return _Attr(speaker, used_rule, conf, candidates=unique[:4], label=label)


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""


def _gender_ok(ctx: _Ctx, name: str, pronoun: str | None) -> bool:
    if pronoun not in PERSON_PRONOUNS:
        return True
    known = ctx.gender.get(_surname(name))
    return known is None or known == pronoun


def _cand(speaker: Speaker, score: float, rule: str) -> dict:
    return {
        "text": speaker.text,
        "start": speaker.start,
        "end": speaker.end,
        "score": round(score, 2),
        "rule": rule,
    }


def _via(ctx: _Ctx, cue: Token) -> str | None:
    """The medium: "told Example TV" -> "Example TV", "in a statement" -> "statement"."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_.lower() == "tell":
            ent = ctx.ent_of[child.i]
            if ent is not None and ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "GPE"):
                return ent.text
            if child.pos_ == "PROPN":
                return child.text
        if child.dep_ == "prep" and child.lower_ in MEDIA_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            label = MEDIA_NOUNS.get(obj.lower_) or MEDIA_NOUNS.get(obj.lemma_.lower())
            if label:
                return label
            ent = ctx.ent_of[obj.i]
            if ent is not None and ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT"):
                return ent.text
    return None


def _cue_date(ctx: _Ctx, cue: Token) -> str | None:
    """ISO date of the statement when the cue's clause names the day ("said on Tuesday")."""
    published = ctx.document.published
    for child in cue.children:
        targets = [child]
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "at"):
            targets = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ not in ("npadvmod", "tmod", "obl"):
            continue
        for target in targets:
            ent = ctx.ent_of[target.i]
            if ent is not None and ent.label_ == "DATE":
                return _resolve_date(ent.text, published)
    return None


@lru_cache(maxsize=4096)
def _resolve_date(phrase: str, published: str | None) -> str | None:
    import dateparser  # slow import, only needed when a cue names a day

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        try:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
        except ValueError:
            pass
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input; a missing date is fine
        return None
    return parsed.date().isoformat() if parsed else None
