"""Cue verbs: finding the one next to a quote, its subject, its reported clause, its medium."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Token

from ..timex import find_time_expressions
from .context import (
    QUOTE_CLAUSE,
    QUOTE_SPEAKER,
    _Ctx,
    _cue_phrase,
    _has_subj,
    _is_cue,
    _para_of,
    _tokens_between,
    _trim,
)
from .marks import (
    CLOSE_MARKS,
    OPEN_MARKS,
    STRAIGHT,
    WORD_RE,
    _Marked,
    _sentence_end,
    _sentence_ends,
)
from .vocab import (
    DATELINE_AGENCY_RE,
    INDIRECT_VERBS,
    MAX_CUE_DISTANCE,
    MAX_FRAME_CHARS,
    MEDIA_NOUNS,
    MEDIA_PREPS,
    MIN_QUOTE_WORDS,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    PREP_CONTENT,
    RELATIVE_PRONOUNS,
)


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
                return statement_day(ent.text, published)
    return None


@lru_cache(maxsize=4096)
def statement_day(phrase: str, published: str | None) -> str | None:
    """The day a cue's date phrase names, read by the timex rules against the article date; a
    statement is never made after publication, and a week, month or year is no day, so those
    give None (unknown rather than a guess): ("Tuesday", "2031-03-06") -> "2031-03-04";
    ("last year", "2031-03-06") -> None."""
    for found in find_time_expressions(phrase, published):
        day = found.value if found.precision == "day" and found.value else None
        if day and (published is None or day[:10] <= published[:10]):
            return day[:10]
    return None


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
    after = _cue_after(ctx, span, nxt)
    if after is not None:
        return after, "after"
    return _cue_before(ctx, span, prev)


def _cue_after(ctx: _Ctx, span: _Marked, nxt: _Marked | None) -> Token | None:
    """A cue in the frame after the closing mark, up to the sentence end / next quote /
    paragraph end: '"…," Haddad said', '"…," said Haddad'."""
    text = ctx.text
    content = text[span.start : span.end]
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
    if not (span.close_at > span.end and (not ends_sentence or lowercase_next or short_frame)):
        return None
    according = according_to_after(ctx, span, a_lo, a_hi)
    if according is not None:
        return according
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
            return tok
        # '"…," Trump, the front-runner and a former host of a TV show, said': far cue,
        # but its subject opens the frame
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is not None and ctx.in_quote[subject.i]:
            subject = name_opening_frame(ctx, tok)
        opens = subject.left_edge.idx if subject is not None else 0
        if subject is None:
            subject = noun_before_cue(ctx, tok)
            opens = subject.left_edge.idx if subject is not None else 0
        long_quote = len(WORD_RE.findall(content)) >= MIN_QUOTE_WORDS  # not a title's name
        if (
            subject is not None
            and long_quote
            and subject.idx >= a_lo
            and not WORD_RE.search(text, a_lo, opens)
        ):
            return tok
    return None


@QUOTE_SPEAKER.rule("according-to-after")
def according_to_after(ctx: _Ctx, span: _Marked, a_lo: int, a_hi: int) -> Token | None:
    """ "according to" opening the frame after a quote that opens its sentence is its cue:
    '"The ferry will not run before June," according to Ilo Marsh.' -> speaker "Ilo Marsh"
    (rule according-to); not for a fragment in a clause of its own ('The board called for "a
    review", according to …': the board's words)."""
    if not QUOTE_SPEAKER.enabled("according-to-after") or _mid_sentence(ctx, span):
        return None
    words = [i for i in _tokens_between(ctx, a_lo, a_hi) if not ctx.doc[i].is_punct]
    if len(words) < 3:
        return None
    first, second = ctx.doc[words[0]], ctx.doc[words[1]]
    if first.lower_ != "according" or second.lower_ != "to" or ctx.in_quote[first.i]:
        return None
    return first


LEAD_INS = frozenset(",:;—–-(") | OPEN_MARKS | {STRAIGHT}  # what opens a quote as a whole


def _mid_sentence(ctx: _Ctx, span: _Marked) -> bool:
    """Whether words come before the quote's opening mark in its sentence, other than a
    lead-in ('X said:', 'X said,'): then the quote is a fragment of that sentence."""
    para_start = ctx.para_starts[span.para]
    ends = _sentence_ends(ctx.text, para_start, span.open_at)
    lead = ctx.text[ends[-1] if ends else para_start : span.open_at].rstrip()
    return bool(lead) and lead[-1] not in LEAD_INS


def _cue_before(ctx: _Ctx, span: _Marked, prev: _Marked | None) -> tuple[Token, str] | None:
    """A cue before the opening mark, back to the sentence start / previous quote / paragraph
    start: the nearest one that governs the quote, else the nearest one."""
    b_hi = span.open_at
    b_lo = max(
        ctx.para_starts[span.para],
        prev.close_at if prev is not None else 0,
        b_hi - MAX_FRAME_CHARS,
    )
    ends = _sentence_ends(ctx.text, b_lo, b_hi)
    if ends:
        b_lo = ends[-1]
    count = 0
    nearest = None
    for i in reversed(_tokens_between(ctx, b_lo, b_hi)):
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


PLACES = frozenset({"GPE", "LOC", "FAC"})  # entity labels that name a place, never a speaker


@QUOTE_SPEAKER.rule("name-opening-frame")
def name_opening_frame(ctx: _Ctx, cue: Token) -> Token | None:
    """When the parser takes the quoted words for the cue's subject, the name opening the
    frame after the quote is the subject: '"Very good pilot, this guy," Marsh, the front-runner
    in Velmora by a wide margin, said.' -> the subject of "said" is "Marsh" (speaker "Marsh",
    subject-of-cue), not the quoted "pilot"."""
    if not QUOTE_SPEAKER.enabled("name-opening-frame"):
        return None
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not ctx.in_quote[subject.i] or subject.i > cue.i:
        return None
    k = cue.i - 1
    while k >= 0 and not ctx.in_quote[k]:
        k -= 1
    first = k + 1
    while first < cue.i and ctx.doc[first].is_punct:
        first += 1
    ent = ctx.ent_of[first] if first < cue.i else None
    if ent is None or ent.label_ not in ("PERSON", "ORG") or ent.start != first:
        return None
    root = ent.root
    if root.i > cue.i or not any(a.i == subject.i for a in root.ancestors):
        return None  # the name must hang on the quoted "subject" (conj / appos of it)
    return root


@QUOTE_SPEAKER.rule("noun-before-cue", confidence=0.9)
def noun_before_cue(ctx: _Ctx, cue: Token) -> Token | None:
    """A cue the parser hung on the noun before it (acl) has that noun as its subject:
    '"…!" the Green nominee, Ilo Marsh, tweeted Sunday.' -> the cue is "tweeted", its
    subject "the Green nominee, Ilo Marsh" (the speaker "Ilo Marsh", subject-of-cue)."""
    if not QUOTE_SPEAKER.enabled("noun-before-cue"):
        return None
    head = cue.head
    if cue.dep_ != "acl" or head.i >= cue.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # "a statement describing …", "a report released …" modify the noun
    return head if not ctx.in_quote[head.i] else None


def _reports_own_clause(ctx: _Ctx, cue: Token, span: _Marked) -> bool:
    """'"…," one prosecutor said the cases differ': a cue after the quote with a reported
    clause of its own is not the quote's attribution."""
    own = any(
        c.dep_ == "ccomp"
        and c.i > cue.i
        and c.pos_ in ("VERB", "AUX")
        and "\n" not in ctx.text[cue.idx : c.left_edge.idx]  # not a clause on the next line
        for c in cue.children
    )
    return own and not _governs(ctx, cue, span)


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
    if QUOTE_CLAUSE.enabled("parenthetical-cue-clause"):
        around = _parenthetical_span(ctx, cue)
        if around is not None:
            return around
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


@QUOTE_CLAUSE.rule("parenthetical-cue-clause")
def parenthetical_cue_clause(ctx: _Ctx, tok: Token) -> tuple[tuple[int, int], str] | None:
    """A cue set off by commas inside the clause it reports makes the whole clause the quote:
    'The ferry, Ilo Marsh said, will run again in June.' -> quote "The ferry, Ilo Marsh said,
    will run again in June" (speaker "Ilo Marsh")."""
    if tok.lemma_.lower() not in INDIRECT_VERBS or not _is_cue(tok):
        return None
    around = _parenthetical_span(ctx, tok)
    return (around, _cue_phrase(tok)) if around is not None else None


def _parenthetical_span(ctx: _Ctx, cue: Token) -> tuple[int, int] | None:
    """'<part>, X said, <rest>': the cue hangs (parataxis) on a verb after it, with commas on
    both sides and its subject inside the commas; the clause of that verb, cue included."""
    head = cue.head
    if cue.dep_ != "parataxis" or head.i <= cue.i or ctx.in_quote[head.i]:
        return None
    left, right = cue.left_edge.i, cue.right_edge.i
    if left == 0 or right + 1 >= len(ctx.doc):
        return None
    if ctx.doc[left - 1].text != "," and ctx.doc[left].text != ",":
        return None
    if ctx.doc[right].text != "," and ctx.doc[right + 1].text != ",":
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i for c in cue.children):
        return None
    lo, hi = head.left_edge.i, head.right_edge.i
    if lo >= left or ctx.in_quote[lo] and ctx.in_quote[hi]:
        return None  # nothing before the cue, or a split quote ('"A," he said, "B."')
    return _trim(ctx, lo, hi)


@QUOTE_CLAUSE.rule("clause-before-quote")
def clause_before_quote(
    ctx: _Ctx, tok: Token, span: _Marked | None = None
) -> tuple[tuple[int, int], str] | None:
    """A reported clause that starts before the quotation marks open is the quote, marks and
    all: 'Ilo Marsh says no matter what the board decides, "his word stands."' -> mixed quote
    'no matter what the board decides, "his word stands."'. The direct pass asks it with the
    quote (`span`); for a bare token (the indirect pass) it answers nothing."""
    if span is None or span.open_at <= tok.idx:
        return None
    if ctx.text[tok.idx : span.open_at].rstrip().endswith(":"):
        return None  # 'X said: "…"' introduces the words themselves
    doc = ctx.doc
    start = tok.i + 1
    skip: tuple[str, ...] = (
        "prep",
        "npadvmod",
        "advmod",
    )  # "said on Tuesday", "says, win or lose,"
    if tok.lemma_.lower() in ("tell", "ask", "assure", "inform"):
        skip += ("dobj", "dative")  # "told Example TV": the listener, not the content
    for child in tok.children:
        if child.left_edge.i == start and child.dep_ in skip:
            start = child.right_edge.i + 1
    while start < len(doc) and (doc[start].lower_ == "that" or doc[start].is_punct):
        start += 1
    if start >= len(doc) or ctx.in_quote[start]:
        return None
    gap = range(start, bisect_right(ctx.tok_starts, span.open_at - 1))
    if not any(doc[i].pos_ in ("VERB", "AUX") and not ctx.in_quote[i] for i in gap):
        return None  # no clause of its own before the marks ("said Tuesday that …")
    sent_end = doc[tok.sent.end - 1].idx + len(doc[tok.sent.end - 1])
    if span.end > sent_end + 2 or len(WORD_RE.findall(ctx.text, doc[start].idx, span.open_at)) < 2:
        return None
    bounds = _trim(ctx, start, tok.sent.end - 1)
    if bounds is None:
        return None
    return (bounds[0], max(bounds[1], span.close_at)), _cue_phrase(tok)


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


def _whole_utterance(ctx: _Ctx, span: _Marked, cue: Token) -> bool:
    """A short quote is still a quote when it is the whole thing said ("Never," he said)."""
    before = ctx.text[max(0, span.open_at - 2) : span.open_at].strip()
    para_start = ctx.para_starts[span.para]
    starts_clause = span.open_at == para_start or before[-1:] in (":", ",", ".", "")
    content = ctx.text[span.start : span.end]
    ends_clause = content[-1:] in (",", ".", "!", "?")
    return starts_clause and ends_clause


def _gap_is_cue_frame(ctx: _Ctx, prev: _Marked, span: _Marked) -> bool:
    """Between two quotes only an attribution frame (", he said, "): they are one quote."""
    gap = ctx.text[prev.close_at : span.open_at]
    if "\n" in gap or len(gap) > 160:
        return False
    return any(_is_cue(ctx.doc[i]) for i in _tokens_between(ctx, prev.close_at, span.open_at))


def _named_subject(ctx: _Ctx, cue: Token) -> bool:
    """Whether someone other than the answering speaker reports here: a name, a noun or
    "he"/"she" ("Governor Vell told me that …"), not "I" or "anyone who tells you"."""
    subject = _subject(ctx, cue)
    if subject is None:
        return False
    return subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in PERSON_PRONOUNS


def _subject(ctx: _Ctx, cue: Token) -> Token | None:
    """The cue's subject; climbs "and said" / "adding" to the governing verb's subject."""
    opener = name_opening_frame(ctx, cue)
    if opener is not None:
        return opener
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
        # '<clause>, said Gert Wald': with two subjects the one after the cue is the speaker;
        # 'In Berea, OH, Gov. Ann Pell said': a place the parser took for one comes last
        if len(subjects) > 1:
            subjects.sort(key=lambda child: (child.i < tok.i, child.ent_type_ in PLACES, child.i))
        if subjects and tok is not cue and reported_it_no_speaker(tok, subjects[0]):
            tok = tok.head  # "X insisted it was …, adding, '…'": X adds, not "it"
            continue
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
    hung = noun_before_cue(ctx, cue)
    if hung is not None:
        return hung
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


@QUOTE_SPEAKER.rule("reported-it-no-speaker")
def reported_it_no_speaker(verb: Token, subject: Token) -> bool:
    """A cue with no subject of its own climbs past the "it" of a clause someone reports to
    that someone: 'Ilo Marsh said it was time to act, asking, "How long can we wait?"' ->
    the cue "asking" is Marsh's, not "it"'s (speaker "Ilo Marsh", not the last organisation)."""
    if not QUOTE_SPEAKER.enabled("reported-it-no-speaker"):
        return False
    return subject.lower_ == "it" and verb.dep_ == "ccomp" and _is_cue(verb.head)


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
    aside = subject_before_aside(ctx, cue)
    if aside is not None:
        return aside
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
        if ent is not None and ent.label_ in ("DATE", "TIME"):
            break  # 'an official … said Wednesday, "…"': a day never speaks
        if tok.pos_ == "PROPN":
            return tok
    return None


MAX_ASIDE_TOKENS = 30  # how long an aside between a subject and its cue may run


@QUOTE_SPEAKER.rule("subject-before-aside")
def subject_before_aside(ctx: _Ctx, cue: Token) -> Token | None:
    """A name set off before an aside is the subject of the cue after it, not a name inside
    the aside: 'Sen. Ilo Marsh (G-Bre.), noting the size of Venn's following, said, "…"' ->
    subject "Marsh", not "Venn" (the aside opens with a participle, a preposition or an
    adverb: "noting …", "in an attempt to …", "later alleging …")."""
    if not QUOTE_SPEAKER.enabled("subject-before-aside"):
        return None
    doc = ctx.doc
    if cue.i < 3 or doc[cue.i - 1].text != ",":
        return None
    k = cue.i - 2
    while k > max(0, cue.i - MAX_ASIDE_TOKENS) and doc[k].text != ",":
        if ctx.in_quote[k] or doc[k].text in (".", ";", ":", "!", "?") or "\n" in doc[k].text:
            return None
        k -= 1
    opener = doc[k + 1]
    if doc[k].text != "," or not (opener.tag_ in ("VBG", "VBN") or opener.pos_ in ("ADP", "ADV")):
        return None
    m = k - 1
    if m > 0 and doc[m].text == ")":  # "Sen. Ilo Marsh (G-Bre.),"
        while m > 0 and doc[m].text != "(":
            m -= 1
        m -= 1
    if m < 0 or ctx.in_quote[m]:
        return None
    ent = ctx.ent_of[m]
    if ent is not None and ent.label_ in ("PERSON", "ORG") and ent.end == m + 1:
        return ent.root
    return None


def _is_dateline(ctx: _Ctx, tok: Token) -> bool:
    """'LONDON (Reuters) - X said', 'Washington (AFP) – X said': the place opening the
    paragraph is no subject."""
    para_start = ctx.para_starts[_para_of(ctx, tok.idx)]
    if tok.idx - para_start > 2:
        return False
    if tok.is_upper and len(tok.text) >= 3:
        return True
    return DATELINE_AGENCY_RE.match(ctx.text, tok.idx + len(tok.text)) is not None
