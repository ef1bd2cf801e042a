"""Per-document lookup tables and the small records shared by every pass."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from presslens.entities import NAME_PARTICLES
from presslens.models import Document, Quote, Speaker, make_id
from presslens.rules import Rule, Rules, stage

from .marks import CLOSE_MARKS, OPEN_MARKS, STRAIGHT, _Marked
from .vocab import (
    CUE_VERBS,
    NOT_SPEECH_WITH_XCOMP,
    ORG_WORDS,
    PARTICLE_CUES,
    PERSON_PRONOUNS,
    TITLES,
)

QUOTE_FINDER = stage(
    "quote-finder",
    "Which passes find quotes: run in order, each sees the spans the earlier ones took.",
)
QUOTE_CLAUSE = stage(
    "quote-clause",
    "Which reported clauses are indirect quotes: tried in order for each token, first answer wins.",
)
QUOTE_SPEAKER = stage(
    "quote-speaker",
    "Who said a quote: the rule that found the speaker is written on the quote (speaker_rule).",
)


@dataclass
class _Attr:
    """A chosen speaker with its rule, before it becomes a Quote."""

    speaker: Speaker | None
    rule: Rule | None
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
    rules: Rules = QUOTE_SPEAKER  # the speaker rules this run may use
    enabled: frozenset[str] = frozenset()  # their ids, less those switched off (set per run)


def _on(ctx: _Ctx, rule: Rule) -> bool:
    """Whether this run uses the speaker rule (it is in the table and not switched off)."""
    return rule.id in ctx.enabled


def _ask(ctx: _Ctx, rule: Rule, *args):
    """The rule's answer (`rule(ctx, *args)`), or None when this run does not use the rule."""
    return rule.fn(ctx, *args) if _on(ctx, rule) else None


def _claim(attr: _Attr, rule: Rule) -> _Attr:
    """The speaker found on the way, credited to the rule that asked for it, at its confidence."""
    attr.rule = rule
    attr.confidence = rule.confidence or 0.0
    if attr.speaker is not None:  # the chosen candidate now names the rule that took it
        for cand in attr.candidates:
            if (cand["start"], cand["end"]) == (attr.speaker.start, attr.speaker.end):
                cand["rule"] = rule.ref
    return attr


def _context(doc: Doc, document: Document, paras, marked: list[_Marked]) -> _Ctx:
    tok_starts = [t.idx for t in doc]
    ent_of: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    in_quote = _in_quote(doc, tok_starts, marked)
    persons, orgs, fullest = _named_mentions(doc, in_quote)
    _add_missed_persons(doc, in_quote, ent_of, persons, fullest)
    persons.sort()
    return _Ctx(
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


Fullest = dict[str, tuple[int, int, str] | None]


def _in_quote(doc: Doc, tok_starts: list[int], marked: list[_Marked]) -> list[bool]:
    """Per token: whether it sits inside quotation marks (marks included)."""
    in_quote = [False] * len(doc)
    for span in marked:
        lo = bisect_left(tok_starts, span.open_at)
        hi = bisect_left(tok_starts, span.close_at)
        for i in range(lo, hi):
            in_quote[i] = True
    return in_quote


def _named_mentions(doc: Doc, in_quote: list[bool]):
    """Person and organisation mentions outside quotes, as (start, end, root, is subject)
    rows, and the fullest name per surname."""
    persons: list[tuple[int, int, int, bool]] = []
    orgs: list[tuple[int, int, int, bool]] = []
    fullest: Fullest = {}
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
        ) or _named_in_subject(name)
        row = (name.start_char, name.end_char, name.root.i, is_subject)
        if _ent_label(ent) == "PERSON":
            persons.append(row)
            _note_fullest(fullest, name)
        elif _ent_label(ent) == "ORG":
            orgs.append(row)
    return persons, orgs, fullest


def _add_missed_persons(doc: Doc, in_quote, ent_of, persons, fullest: Fullest) -> None:
    """Names the entity recogniser missed: a multi-word proper-noun subject ("Ilan Tarro
    said"), or the bare surname of someone named in full earlier ("Simic closed the bakery")."""
    for tok in doc:
        ent = ent_of[tok.i]
        if not (
            tok.dep_ in ("nsubj", "nsubjpass")
            and (tok.pos_ == "PROPN" or _surname_as_noun(tok, fullest))
            and not in_quote[tok.i]
            and (ent is None or _ent_label(ent) == "ORG")
        ):
            continue
        left = tok.i
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].head.i == tok.i:
            left -= 1
        name = _strip_title(doc[left : tok.i + 1])
        full = fullest.get(tok.lower_)
        known_surname = left == tok.i and full is not None and tok.idx > full[0]
        if ent is not None and (len(ent) > 1 or left == tok.i) and not known_surname:
            continue  # a real organisation name, not a first name + surname
        if (
            name is not None
            and len(name) >= 2
            and not any(t.lower_ in ORG_WORDS or t.is_upper for t in name)
        ):
            persons.append((name.start_char, name.end_char, tok.i, True))
            _note_fullest(fullest, name)
        elif name is not None and known_surname:
            persons.append((name.start_char, name.end_char, tok.i, True))


@QUOTE_SPEAKER.rule("introduced-subject")
def introduced_subject(tok: Token, fullest: Fullest | None = None) -> bool:
    """A person the sentence is about counts as its subject for later pronouns: 'A teacher
    named Ilo Marsh is less hopeful. Her pupils, she says, …' -> "she" is Ilo Marsh; so does
    a known surname the tagger took for a common noun ("Marsh, reached by phone, is unmoved")."""
    if fullest is not None:
        return tok.pos_ == "NOUN" and tok.is_title and bool(fullest.get(tok.lower_))
    named = tok.head
    return tok.dep_ == "oprd" and named.dep_ == "acl" and named.head.dep_ in ("nsubj", "nsubjpass")


INTRODUCED_SUBJECT: Rule = introduced_subject


def _named_in_subject(name: Span) -> bool:
    """'a schoolteacher named Ilo Marsh is …': the name inside the subject (introduced-subject)."""
    return QUOTE_SPEAKER.enabled("introduced-subject") and introduced_subject(name.root)


def _surname_as_noun(tok: Token, fullest: Fullest) -> bool:
    """A known surname tagged as a common noun, as a subject (introduced-subject)."""
    return QUOTE_SPEAKER.enabled("introduced-subject") and introduced_subject(tok, fullest)


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
    # the parser read the text with no-break spaces as spaces (nlp-text); same length, so the
    # quote's words are the document's own
    source = ctx.document.text if len(ctx.document.text) == len(ctx.text) else ctx.text
    speaker = attr.speaker
    if speaker is not None and speaker.start is not None and speaker.end is not None:
        speaker = replace(speaker, text=source[speaker.start : speaker.end])
    return Quote(
        id=make_id("quote", doc_id, start, end),
        doc_id=doc_id,
        start=start,
        end=end,
        text=source[start:end],
        kind=kind,
        speaker=speaker,
        speaker_rule=attr.rule.ref if attr.rule is not None else None,
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


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""


def _gender_ok(ctx: _Ctx, name: str, pronoun: str | None) -> bool:
    if pronoun not in PERSON_PRONOUNS:
        return True
    key = _gender_key(ctx, name)
    known = ctx.gender.get(key) if key is not None else None
    return known is None or known == pronoun


def _gender_key(ctx: _Ctx, name: str) -> str | None:
    """The key a person's learned pronoun is kept under: the surname, or none at all when two
    people share it (shared-surname)."""
    key = _surname(name)
    return None if shared_surname(ctx, key) else key


def _other_person(ctx: _Ctx, name: str, other: str) -> bool:
    """Whether two mentions name different people: different surnames, or different full
    names for a surname two people share ("Ivo Tolk" and "Mara Tolk"; shared-surname)."""
    if _surname(name) != _surname(other):
        return True
    full = len(name.split()) > 1 and len(other.split()) > 1
    return full and name != other and shared_surname(ctx, _surname(name))


@QUOTE_SPEAKER.rule("shared-surname")
def shared_surname(ctx: _Ctx, surname: str) -> bool:
    """Two people with one surname are told apart by their full names: 'Ivo Tolk runs the
    show. His wife, Mara Tolk, said: "…" Ivo Tolk wears a suit in videos he calls "Tolk
    Talk"' -> "he" is Ivo Tolk, not Mara Tolk (no pronoun is kept under "Tolk", and a full
    name other than the last speaker's is someone else speaking)."""
    if not QUOTE_SPEAKER.enabled("shared-surname"):
        return False
    return surname in ctx.fullest and ctx.fullest[surname] is None


def _cand(speaker: Speaker, score: float, rule: Rule) -> dict:
    return {
        "text": speaker.text,
        "start": speaker.start,
        "end": speaker.end,
        "score": round(score, 2),
        "rule": rule.ref,
    }


def _log_speaker(ctx: _Ctx, end: int, speaker: Speaker, label: str) -> None:
    """Record a quote's speaker so a later "he added" can continue it."""
    i = bisect_right(ctx.log_ends, end)
    ctx.log_ends.insert(i, end)
    ctx.speaker_log.insert(i, (end, speaker, label, _para_of(ctx, end)))


def _last_speaker(ctx: _Ctx, at: int) -> tuple[int, Speaker, str, int] | None:
    i = bisect_right(ctx.log_ends, at) - 1
    return ctx.speaker_log[i] if i >= 0 else None


def _remember(ctx: _Ctx, quote: Quote, attr: _Attr) -> None:
    if quote.speaker is not None and quote.speaker.start is not None:
        _log_speaker(ctx, quote.end, quote.speaker, attr.label or "")


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


def _has_subj(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
