"""Claims out of a parsed document: one per sentence that states an event or fact.

For each sentence the event verb is picked (`claims-event-verb`), then who tells it
(`claims-source-kind`, in claims.sources), when (`claims-date`) and where (`claims-place`);
each stage is a table of registered rules tried in order, first answer wins.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from presslens.claims.clauses import CLAIM_CLAUSE, clause_subject, told_in_passing
from presslens.claims.sources import CLAIM_SOURCE, Marks, Telling, source_of
from presslens.dates import resolve_date
from presslens.lexicon import kinds, words
from presslens.models import Claim, Document, Quote, When, make_id
from presslens.rules import Rule, Rules, stage
from presslens.timex import Found, find_time_expressions, value_range

# Verbs of saying: when one is the root and it has a clausal complement, the event is the
# complement and the sentence is attributed speech.
SPEECH_VERBS = kinds("speech_verbs", "claim-speech")
# Verbs that state a condition rather than an event: no dateline is assumed for them.
STATIVE_VERBS = words("stative_verbs")
FUTURE_AUX = words("future_auxiliaries")
FUTURE_HEADS = words("future_intent_heads")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative", "agent")
PLACE_LABELS = ("GPE", "LOC", "FAC")
PLACE_PREPS = words("place_prepositions")
NON_PLACE_LABELS = frozenset(
    "PERSON DATE TIME NORP CARDINAL ORDINAL MONEY PERCENT QUANTITY EVENT WORK_OF_ART LAW LANGUAGE".split()
)
MAX_SENTENCE_TOKENS = (
    250  # longer "sentences" are unpunctuated dumps, not claims; the parse walk grows with length²
)
# After the dateline place: ", Varesh, March 3 (Northwind) – " up to the dash.
DATELINE_LEAD_RE = re.compile(
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z0-9][\w.]*)*|\s*\([^)\n]{1,40}\))*\s*[–—-]+\s+"
    r"|\s*[:,]?\s*"
)

CLAUSE_TRAILING = " .,;:"  # stripped from the end of a clause told in passing
CLAIM_EVENT = stage(
    "claims-event-verb", "Which verb carries a sentence's event: tried in order, first answer wins."
)
CLAIM_DATE = stage(
    "claims-date", "When a claim's event happened: tried in order, first date that resolves wins."
)
CLAIM_PLACE = stage(
    "claims-place", "Where a claim's event happened: tried in order, first answer wins."
)

# ---------------------------------------------------------------------------------------------
# The event verb
# ---------------------------------------------------------------------------------------------


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in tok.children)


@CLAIM_EVENT.rule("claim-verb-speech-complement")
def verb_speech_complement(sent: Span) -> tuple[Token, bool] | None:
    """A verb of saying at the root: the event is its clause, `Police said gunmen burned the
    depot` -> "burned" (and the sentence is attributed speech)."""
    root = sent.root
    if root.lemma_.lower() in SPEECH_VERBS:
        for child in root.children:
            if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX"):
                if _has_subject(child):
                    return child, True
    return None


@CLAIM_EVENT.rule("claim-verb-root")
def verb_root(sent: Span) -> tuple[Token, bool] | None:
    """The sentence's root verb: `Gunmen burned the depot on Monday.` -> "burned"."""
    root = sent.root
    return (root, False) if root.pos_ in ("VERB", "AUX") else None


@CLAIM_EVENT.rule("claim-verb-in-fragment")
def verb_in_fragment(sent: Span) -> tuple[Token, bool] | None:
    """A fragment rooted on a noun: its first verb with a subject, `Fresh violence as gunmen
    burned the depot` -> "burned"."""
    for tok in sent:
        if tok.pos_ == "VERB" and _has_subject(tok):
            return tok, False
    return None


# ---------------------------------------------------------------------------------------------
# Subject, object, place: the parse around the event verb
# ---------------------------------------------------------------------------------------------


def _segments(parsed: Doc) -> Iterator[Span]:
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


# ---------------------------------------------------------------------------------------------
# What the rules read: the document once, each sentence in turn
# ---------------------------------------------------------------------------------------------


@dataclass
class DocClaims:
    """What every sentence of one document needs: its entities, chunks, dateline and quotes."""

    parsed: Doc
    document: Document
    quotes: list[Quote]  # by start
    published: str | None = None
    ent_of: dict[int, Span] = field(default_factory=dict)
    chunk_of: dict[int, Span] = field(default_factory=dict)
    dateline: tuple[int, int] | None = None
    dl_text: str | None = None
    body_from: int = 0  # where the body starts after the dateline's lead
    marks: Marks = field(default_factory=lambda: Marks([], []))
    next_quote: int = 0  # the sweep over `quotes`, sentence by sentence
    times: list[Found] = field(default_factory=list)  # the body's time expressions (timex)

    @classmethod
    def of(cls, parsed: Doc, document: Document, quotes: list[Quote]) -> DocClaims:
        text = document.text
        d = cls(parsed, document, sorted(quotes, key=lambda q: q.start))
        d.published = _published_iso(document)
        for ent in parsed.ents:
            for i in range(ent.start, ent.end):
                d.ent_of[i] = ent
        for chunk in parsed.noun_chunks:
            d.chunk_of[chunk.root.i] = chunk
        d.dateline = _dateline_span(document)
        if d.dateline:
            d.dl_text = text[d.dateline[0] : d.dateline[1]]
            d.body_from = _dateline_lead_end(text, d.dateline[1])
        d.marks = Marks.of(text)
        tags = {tok.idx: tok.tag_ for tok in parsed}
        d.times = find_time_expressions(text, document.published, tags=tags)
        return d

    def bounds(self, sent: Span) -> tuple[int, int]:
        """The sentence's character span without surrounding space or the dateline's lead."""
        text = self.document.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < self.body_from < end:
            start = self.body_from
        return start, end

    def telling(self, sent: Span, start: int, end: int, verb: Token, via_speech: bool) -> Telling:
        """What the source-kind rules read of this sentence."""
        para = self.marks.paragraph(sent.start_char)
        quotes = self.quotes_over(start, end)
        return Telling(sent.text.strip(), start, end, verb, via_speech, para, quotes, self.marks)

    def quotes_over(self, start: int, end: int) -> list[Quote]:
        """The quotes that may overlap [start, end), sweeping forward sentence by sentence."""
        ordered = self.quotes
        while self.next_quote < len(ordered) and ordered[self.next_quote].end <= start:
            self.next_quote += 1
        j = self.next_quote
        while j < len(ordered) and ordered[j].start < end:
            j += 1
        return ordered[self.next_quote : j]


@dataclass
class Sentence:
    """One sentence with its event verb, as the date and place rules read it."""

    sent: Span
    ents: list[Span]  # the entities inside the sentence
    verb: Token
    via_speech: bool
    clause: set[int]  # token indices of the event verb's subtree
    predicate: str
    source_kind: str = "outlet"


# ---------------------------------------------------------------------------------------------
# When and where
# ---------------------------------------------------------------------------------------------


CALENDAR_PRECISIONS = ("day", "month", "year", "decade")


def _time_mention_when(d: DocClaims, ent: Span) -> When | None:
    """The calendar value the timex stage gave the time expression inside a DATE entity (the
    same reading as the document's dates.jsonl), or None."""
    for found in d.times:
        if found.start >= ent.end_char:
            break
        if found.end <= ent.start_char or found.precision not in CALENDAR_PRECISIONS:
            continue
        span = value_range(found.value)
        if span is not None:
            text = d.document.text[found.start : found.end]
            return When(span[0], span[1], found.precision, text, found.start, found.end)
    return None


def _first_resolved(d: DocClaims, dates: list[Span]) -> When | None:
    for ent in dates:
        from_timex = _time_mention_when(d, ent)
        if from_timex is not None:
            return from_timex
        future = _is_future(_governing_verb(ent.root))
        resolved = resolve_date(ent.text, d.published, future)
        if resolved is not None:
            resolved.char_start, resolved.char_end = ent.start_char, ent.end_char
            return resolved
    return None


def _body_dates(d: DocClaims, s: Sentence) -> list[Span]:
    """DATE entities of the sentence after the dateline (whose date is the filing's)."""
    return [e for e in s.ents if e.label_ == "DATE" and e.start_char >= d.body_from]


@CLAIM_DATE.rule("claim-date-in-clause")
def date_in_clause(d: DocClaims, s: Sentence) -> When | None:
    """A date in the event verb's own clause: `Gunmen burned the depot on Monday.` -> Monday
    (a future clause reads a weekday forward: `will open on Friday`)."""
    return _first_resolved(d, [e for e in _body_dates(d, s) if e.root.i in s.clause])


@CLAIM_DATE.rule("claim-date-in-sentence")
def date_in_sentence(d: DocClaims, s: Sentence) -> When | None:
    """A date elsewhere in the sentence, unless the event is what someone said (then a date
    outside its clause is the day of saying): `Monday: fresh violence as gunmen burned the
    depot` -> Monday."""
    if s.via_speech:
        return None
    return _first_resolved(d, [e for e in _body_dates(d, s) if e.root.i not in s.clause])


Where = tuple[str, int, int]


@CLAIM_PLACE.rule("claim-place-in-sentence")
def place_in_sentence(d: DocClaims, s: Sentence) -> Where | None:
    """A place the sentence names, best after in/near/at: `Gunmen burned a depot in Tarsk.`
    -> "Tarsk"."""
    place = _place(s.sent, s.ents, s.clause)
    return None if place is None else (place.text, place.start_char, place.end_char)


@CLAIM_PLACE.rule("claim-dateline-place")
def dateline_place(d: DocClaims, s: Sentence) -> Where | None:
    """The dateline's place for an event the outlet or a report tells (not a quote, not a
    state): `TARSK – Gunmen burned the depot.` -> "TARSK"."""
    if d.dateline and d.dl_text and s.predicate not in STATIVE_VERBS and s.source_kind != "quote":
        return d.dl_text.strip(" –—-:,"), d.dateline[0], d.dateline[1]
    return None


def _first(rules: list[Rule], *args) -> tuple[Any, str | None]:
    """The first answer of `rules` and the id of the rule that gave it ((None, None): none)."""
    for rule in rules:
        found = rule.fn(*args)
        if found is not None:
            return found, rule.ref
    return None, None


# ---------------------------------------------------------------------------------------------
# The runner
# ---------------------------------------------------------------------------------------------


def _sentences(parsed: Doc) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence with the entities inside it (Span.ents scans the whole doc: bucket once)."""
    doc_ents = list(parsed.ents)
    ei = 0
    for sent in _segments(parsed):
        while ei < len(doc_ents) and doc_ents[ei].start < sent.start:
            ei += 1
        sent_ents = []
        ej = ei
        while ej < len(doc_ents) and doc_ents[ej].end <= sent.end:
            sent_ents.append(doc_ents[ej])
            ej += 1
        yield sent, sent_ents


def _states_something(sent: Span, d: DocClaims) -> bool:
    """Not a dump, a question, a line without words or an interviewer's question."""
    if len(sent) > MAX_SENTENCE_TOKENS:
        return False
    s_text = sent.text.strip()
    if not s_text or s_text.endswith("?") or not any(t.is_alpha for t in sent):
        return False
    para = d.marks.paragraph(sent.start_char)
    return para is None or para[2] != "Q"


def _body_subject(d: DocClaims, sent: Span, verb: Token) -> Token | None:
    """The verb's subject, not a word of the dateline: "TARSK – Gunmen ambushed" -> Gunmen."""
    subj = _subject(verb)
    if subj is None or subj.idx >= d.body_from:
        return subj
    return next(
        (c for c in subj.children if c.dep_ == "appos" and c.idx >= d.body_from), None
    ) or next(
        (t for t in sent if t.idx >= d.body_from and (t.i in d.chunk_of or t.i in d.ent_of)),
        None,
    )


@dataclass
class ClaimRules:
    """The tables `extract_claims` walks, each enabled rule in order."""

    verbs: list[Rule]
    sources: list[Rule]
    dates: list[Rule]
    places: list[Rule]
    clauses: Rules  # the clauses told in passing (claims.clauses)


# Which rule decided each part of a claim: {"verb": …, "source": …, "when": …, "where": …}


def _claim(
    d: DocClaims, sent: Span, sent_ents: list[Span], rules: ClaimRules
) -> tuple[Claim, Sentence] | None:
    """The sentence's claim of its main event, and the sentence as the rules read it."""
    if not _states_something(sent, d):
        return None
    found, verb_rule = _first(rules.verbs, sent)
    if found is None:
        return None
    verb, via_speech = found
    subj = _body_subject(d, sent, verb)
    if subj is None:
        return None
    start, end = d.bounds(sent)
    telling = d.telling(sent, start, end, verb, via_speech)
    source_kind, quote_id, source_rule = source_of(telling, rules.sources)
    s = Sentence(sent, sent_ents, verb, via_speech, {t.i for t in verb.subtree}, "")
    s.predicate, s.source_kind = verb.lemma_.lower(), source_kind
    claim = _claim_record(d, s, (start, end), subj, rules)
    claim.quote_id = quote_id
    claim.rules["verb"] = verb_rule
    claim.rules["source"] = source_rule.ref if source_rule else None
    return claim, s


def _claim_record(
    d: DocClaims, s: Sentence, bounds: tuple[int, int], subj: Token, rules: ClaimRules
) -> Claim:
    """The claim of `s`'s event over the characters `bounds`: its place and date by the
    rules (the verb and source rules are the caller's to name)."""
    start, end = bounds
    subj_span = _span_for(subj, d.ent_of, d.chunk_of)
    where, where_rule = _first(rules.places, d, s)
    where = where or (None, None, None)
    when, when_rule = _first(rules.dates, d, s)
    claim = Claim(
        id=make_id("claim", d.document.id, start, end),
        doc_id=d.document.id,
        start=start,
        end=end,
        text=d.document.text[start:end],
        predicate=s.predicate,
        object=_object(s.verb),
        subject_text=subj_span.text,
        subject_start=subj_span.start_char,
        subject_end=subj_span.end_char,
        where_text=where[0],
        where_start=where[1],
        where_end=where[2],
        when=when,
        source_kind=s.source_kind,
    )
    claim.rules = {"verb": None, "source": None, "when": when_rule, "where": where_rule}
    return claim


def _clause_claims(d: DocClaims, main: Claim, s: Sentence, rules: ClaimRules) -> list[Claim]:
    """A claim for each event the sentence tells in passing (`claims-clause-event`): the
    clause's text, told by whoever tells the sentence; its date and place from the clause."""
    out = []
    doc = s.sent.doc
    for verb, (first, last), clause_rule in told_in_passing(s.sent, s.verb, rules.clauses):
        span = doc[first:last]
        start, end = max(span.start_char, main.start), min(span.end_char, main.end)
        while end > start and d.document.text[end - 1] in CLAUSE_TRAILING:
            end -= 1
        if end <= start or (start, end) == (main.start, main.end):
            continue
        ents = [e for e in s.ents if first <= e.start and e.end <= last]
        clause = Sentence(
            s.sent, ents, verb, False, set(range(first, last)), verb.lemma_.lower(), s.source_kind
        )
        claim = _claim_record(d, clause, (start, end), clause_subject(verb), rules)
        claim.quote_id = main.quote_id
        claim.rules["verb"] = clause_rule
        claim.rules["source"] = main.rules.get("source")
        out.append(claim)
    return out


def extract_claims(
    parsed: Doc,
    document: Document,
    quotes: list[Quote],
    *,
    verbs: Rules = CLAIM_EVENT,
    sources: Rules = CLAIM_SOURCE,
    dates: Rules = CLAIM_DATE,
    places: Rules = CLAIM_PLACE,
    clauses: Rules = CLAIM_CLAUSE,
) -> list[Claim]:
    """One claim per sentence that states an event or fact (a verb with a subject), and one per
    clause that tells a further event in passing (`claims-clause-event`).

    Who tells it matters: a claim inside a direct quote is the speaker's, not the outlet's
    (source_kind "quote"), one inside reported speech is "reported", the rest is the outlet's
    own narration. One pass over the sentences; quotes are swept in order. Each stage's table
    can be given without a rule: `extract_claims(parsed, doc, [], dates=CLAIM_DATE.without(
    "claim-date-in-sentence"))`. Each claim's `rules` names the rule that decided each part:
    {"verb": "claim-verb-root", "source": "claim-outlet-narration", "when": None, ...}.
    """
    d = DocClaims.of(parsed, document, quotes)
    rules = ClaimRules(list(verbs), list(sources), list(dates), list(places), clauses)
    out = []
    for sent, sent_ents in _sentences(parsed):
        found = _claim(d, sent, sent_ents, rules)
        if found is not None:
            claim, s = found
            out.append(claim)
            out.extend(_clause_claims(d, claim, s, rules))
    return out
