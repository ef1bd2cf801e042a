"""Resolving pronouns and role nouns ("he", "the ministry") to an earlier named speaker.

The rules here answer for a cue whose subject names nobody: they look back for the person or
organisation the pronoun or role noun stands for (the previous quote's speaker, the latest named
subject, the interviewee of a Q&A).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from presslens.models import Speaker
from presslens.rules import Rule

from .context import (
    QUOTE_SPEAKER,
    _Attr,
    _cand,
    _Ctx,
    _fullest_speaker,
    _gender_key,
    _gender_ok,
    _is_cue,
    _last_speaker,
    _on,
    _other_person,
    _para_of,
    _surname,
)
from .vocab import (
    CHAIN_VERBS,
    MEDIA_NOUNS,
    MOUTHPIECE_NOUNS,
    PERSON_PRONOUNS,
    ROLE_ABBREVIATIONS,
    ROLE_ORG_NOUNS,
    ROLE_PERSON_NOUNS,
)

Row = tuple[int, int, int, bool]  # a name mention: (start, end, root token, is a subject)


@QUOTE_SPEAKER.rule("interviewee", confidence=0.8)
def interviewee(ctx: _Ctx, cue: Token) -> _Attr | None:
    """Inside a Q&A the person a cue refers to is the interviewee: after "Q: …" a line
    "A: “We held,” he said." -> speaker the interviewee named in the introduction."""
    if ctx.interview is None or cue.idx <= ctx.interview[0]:
        return None
    return _Attr(ctx.interview[1], INTERVIEWEE, INTERVIEWEE.confidence or 0.0, label="PERSON")


INTERVIEWEE: Rule = interviewee


@QUOTE_SPEAKER.rule("chain-he-added", confidence=0.75)
def chain_he_added(ctx: _Ctx, cue: Token) -> _Attr:
    """A cue with no subject of its own goes on with the previous quote's speaker, if close:
    'Vesk spoke first. "…," Vesk said. Adding: "…"' -> speaker "Vesk"."""
    last = _last_speaker(ctx, cue.idx)
    if last is None or _para_of(ctx, cue.idx) - last[3] > 1 or not _on(ctx, CHAIN_HE_ADDED):
        return _Attr(None, None, 0.0)
    conf = CHAIN_HE_ADDED.confidence or 0.0
    return _Attr(last[1], CHAIN_HE_ADDED, conf, label=last[2] or None)


CHAIN_HE_ADDED: Rule = chain_he_added


@QUOTE_SPEAKER.rule("pronoun→previous-person", confidence=0.7)
def pronoun_person(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """A "he"/"she" subject is the latest compatible person: 'Mira Tolk arrived. "…," she
    said.' -> speaker "Mira Tolk"."""
    if tok.lower_ not in PERSON_PRONOUNS:
        return None
    return _resolve(ctx, cue, "PERSON", PRONOUN_PERSON, tok.lower_)


PRONOUN_PERSON: Rule = pronoun_person


@QUOTE_SPEAKER.rule("pronoun→previous-org", confidence=0.6)
def pronoun_org(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """An "it" subject is the latest organisation ("they" is left alone): 'The Velmora Rail
    Board met. "…," it said.' -> speaker "Velmora Rail Board"."""
    if tok.lower_ != "it":
        return None
    return _resolve(ctx, cue, "ORG", PRONOUN_ORG, "it")


PRONOUN_ORG: Rule = pronoun_org


def mouthpiece(ctx: _Ctx, tok: Token, cue: Token, det: str | None) -> _Attr | None:
    """'its press office said': the organisation itself speaks (rule pronoun→previous-org)."""
    if det not in ("its", "their") or tok.lemma_.lower() not in MOUTHPIECE_NOUNS:
        return None
    attr = _resolve(ctx, cue, "ORG", PRONOUN_ORG, "it")
    return attr if attr.speaker is not None else None


@QUOTE_SPEAKER.rule("statement→its-author", confidence=0.6)
def statement_author(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """A medium as subject speaks for whoever issued it: 'Vesk spoke. "…," Vesk said. The
    statement accused the board of delay.' -> speaker "Vesk"."""
    if tok.lemma_.lower() not in MEDIA_NOUNS or tok.tag_ != "NN":
        return None
    last = _last_speaker(ctx, cue.idx)
    if last is None or _para_of(ctx, cue.idx) - last[3] > 1:
        return None
    return _Attr(
        last[1], STATEMENT_AUTHOR, STATEMENT_AUTHOR.confidence or 0.0, label=last[2] or None
    )


STATEMENT_AUTHOR: Rule = statement_author


@QUOTE_SPEAKER.rule("medium→named-author", confidence=0.7)
def medium_author(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """A medium as subject speaks for the one named as issuing it in the same sentence: 'a
    leaflet sent out by Ilo Marsh warned: "…"' or 'Ilo Marsh released a video that said,
    "…"' -> speaker "Ilo Marsh"."""
    if tok.lemma_.lower() not in MEDIA_NOUNS or not _is_cue(cue):
        return None  # 'statements made by X make him "…"' are not X's words
    for child in tok.children:  # "an email sent out by X"
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return _named_token(ctx, obj)
    if tok.dep_ == "dobj":  # "X released a video that said"
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _named_token(ctx, subject)
    return None


MEDIUM_AUTHOR: Rule = medium_author


def _named_token(ctx: _Ctx, tok: Token) -> _Attr | None:
    """The person or organisation a token names, as the medium's author (medium→named-author)."""
    ent = ctx.ent_of[tok.i]
    if ent is None or ent.label_ not in ("PERSON", "ORG") or ctx.in_quote[tok.i]:
        return None
    speaker = _fullest_speaker(ctx, ent.start_char, ent.end_char)
    rule = MEDIUM_AUTHOR
    return _Attr(speaker, rule, rule.confidence or 0.0, [_cand(speaker, 0.7, rule)], ent.label_)


@QUOTE_SPEAKER.rule("role-noun→previous-person", confidence=0.65)
def role_noun_person(ctx: _Ctx, tok: Token, cue: Token, det: str | None) -> _Attr | None:
    """ "the spokesman" is the latest person introduced with that role: 'Board spokesman Ilo
    Marsh spoke. "…," the spokesman said.' -> speaker "Ilo Marsh"."""
    lemma = tok.lemma_.lower()
    if not _role_shape(tok, det) or lemma not in ROLE_PERSON_NOUNS:
        return None
    # inside an interview "the commander" is the interviewee, not an earlier commander
    in_interview = ctx.interview is not None and cue.idx > ctx.interview[0]
    attr = (None if in_interview else _by_role(ctx, cue, "PERSON", lemma)) or (
        _role_fallback(ctx, cue, "PERSON")
    )
    return attr if attr is not None and attr.speaker is not None else None


ROLE_PERSON: Rule = role_noun_person


@QUOTE_SPEAKER.rule("role-noun→previous-org", confidence=0.65)
def role_noun_org(ctx: _Ctx, tok: Token, cue: Token, det: str | None) -> _Attr | None:
    """ "the ministry" is the latest organisation named with that word: 'The Velmora Transit
    Ministry met. "…," the ministry said.' -> speaker "Velmora Transit Ministry"."""
    lemma = tok.lemma_.lower()
    if not _role_shape(tok, det) or lemma in ROLE_PERSON_NOUNS or lemma not in ROLE_ORG_NOUNS:
        return None
    attr = _by_role(ctx, cue, "ORG", lemma) or _role_fallback(ctx, cue, "ORG")
    return attr if attr is not None and attr.speaker is not None else None


ROLE_ORG: Rule = role_noun_org


@QUOTE_SPEAKER.rule("role-noun→only-person-nearby", confidence=0.5)
def only_person_nearby(ctx: _Ctx, cue: Token) -> _Attr | None:
    """ "the governor" with no one introduced as governor is the one person doing something in
    this paragraph and the one before: 'Dala Venn signed it. "…," the governor said.'
    -> speaker "Dala Venn"."""
    if not _on(ctx, ONLY_PERSON):
        return None
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
    rule = ONLY_PERSON
    return _Attr(speaker, rule, rule.confidence or 0.0, [_cand(speaker, 0.5, rule)], "PERSON")


ONLY_PERSON: Rule = only_person_nearby


def _role_shape(tok: Token, det: str | None) -> bool:
    """'the spokesman', 'this ministry': a definite common noun that can point back."""
    return det in ("the", "this", "that") and tok.tag_ in ("NN", "NNP")


def _role_fallback(ctx: _Ctx, cue: Token, label: str) -> _Attr | None:
    """'the mayor said' with no one introduced as mayor: the interviewee inside a Q&A, or the
    speaker of the quote just before when nobody else spoke since; otherwise no guess."""
    if label == "PERSON" and _on(ctx, INTERVIEWEE):
        found = interviewee(ctx, cue)
        if found is not None:
            return found
    if label == "ORG":  # "the group said": the latest organisation, as for "it"
        return _resolve(ctx, cue, "ORG", ROLE_ORG, None)
    last = _last_speaker(ctx, cue.idx)
    if last is None or last[2] != label or _para_of(ctx, cue.idx) - last[3] > 1:
        return only_person_nearby(ctx, cue) if label == "PERSON" else None
    rows, starts = ctx.persons, ctx.person_starts
    hi = bisect_left(starts, cue.idx)
    j = bisect_left(starts, last[1].start or 0)
    if j < len(rows) and rows[j][0] == last[1].start:
        root = ctx.doc[rows[j][2]]
        if any(c.dep_ == "appos" for c in root.children):
            return None  # introduced as something else ("Tavi Ronn, a driver"), not "the mayor"
    if _someone_else_since(ctx, last, rows[max(0, hi - 8) : hi]):
        return None
    rule = ROLE_PERSON
    return _Attr(last[1], rule, rule.confidence or 0.0, [_cand(last[1], 0.6, rule)], label)


def _someone_else_since(ctx: _Ctx, last: tuple, rows: list[Row]) -> bool:
    """Whether another person was a subject since the last speaker spoke."""
    own = last[1].text
    return any(
        r[0] >= last[0] and r[3] and _other_person(ctx, ctx.text[r[0] : r[1]], own) for r in rows
    )


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
                rule = ROLE_PERSON
            else:
                speaker = Speaker(ctx.text[row[0] : row[1]], row[0], row[1])
                rule = ROLE_ORG
            conf = (rule.confidence or 0.0) + 0.1
            return _Attr(speaker, rule, conf, [_cand(speaker, 0.75, rule)], label)
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
    rule = ROLE_ORG
    return _Attr(speaker, rule, rule.confidence or 0.0, [_cand(speaker, 0.6, rule)], "ORG")


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


def _resolve(ctx: _Ctx, cue: Token, label: str, rule: Rule, pronoun: str | None) -> _Attr:
    """Latest compatible named mention before the cue: the previous quote's speaker when no
    other person was the subject since, else the latest subject mention, else the latest one."""
    at = cue.idx
    if label == "PERSON" and _on(ctx, INTERVIEWEE):
        found = interviewee(ctx, cue)
        if found is not None:
            found.candidates = [_cand(found.speaker, 0.8, INTERVIEWEE)] if found.speaker else []
            return found
    para = _para_of(ctx, at)
    rows, starts = (
        (ctx.persons, ctx.person_starts) if label == "PERSON" else (ctx.orgs, ctx.org_starts)
    )
    hi = bisect_left(starts, at)
    candidates: list[dict] = []
    chosen = _previous_goes_on(ctx, cue, label, rule, pronoun, rows[max(0, hi - 8) : hi])
    if chosen is not None:
        candidates.append(_cand(chosen[0], chosen[2], chosen[1]))
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
                conf = (rule.confidence or 0.0) * (1.0 if score > 0.5 else 0.85)
                chosen = (speaker, rule, conf)
    if chosen is None:
        return _Attr(None, None, 0.0, candidates=candidates)
    speaker, used_rule, conf = chosen
    if pronoun in PERSON_PRONOUNS and label == "PERSON":
        key = _gender_key(ctx, speaker.text)
        if key is not None:
            ctx.gender.setdefault(key, pronoun)
    return _Attr(speaker, used_rule, conf, candidates=_unique(candidates)[:4], label=label)


def _previous_goes_on(
    ctx: _Ctx, cue: Token, label: str, rule: Rule, pronoun: str | None, rows: list[Row]
) -> tuple[Speaker, Rule, float] | None:
    """ "The ministry said … It said …": the previous speaker goes on, when of the same kind,
    close, and no other person was a subject since (rule chain-he-added after "he added")."""
    last = _last_speaker(ctx, cue.idx)
    if last is None:
        return None
    same_kind = (label == "PERSON" and last[2] in ("PERSON", "")) or (
        label == "ORG" and last[2] == "ORG"
    )
    if not same_kind or _para_of(ctx, cue.idx) - last[3] > 2:
        return None
    if _someone_else_since(ctx, last, rows) or not _gender_ok(ctx, last[1].text, pronoun):
        return None
    chain_rule = CHAIN_HE_ADDED if cue.lemma_.lower() in CHAIN_VERBS else rule
    if not _on(ctx, chain_rule):
        return None
    return last[1], chain_rule, chain_rule.confidence or 0.0


def _unique(candidates: list[dict]) -> list[dict]:
    """Candidates without repeats of the same span, first kept."""
    seen = set()
    unique = []
    for c in candidates:
        key = (c["start"], c["end"])
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
