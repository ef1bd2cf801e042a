"""Resolving pronouns and role nouns ("he", "the ministry") to an earlier named speaker."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from presslens.models import Speaker

from .context import (
    _Attr,
    _cand,
    _Ctx,
    _fullest_speaker,
    _gender_ok,
    _last_speaker,
    _para_of,
    _surname,
)
from .vocab import CHAIN_VERBS, CONFIDENCE, PERSON_PRONOUNS, ROLE_ABBREVIATIONS


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


def _chain(ctx: _Ctx, cue: Token) -> _Attr:
    """A subjectless cue ("Adding, …") goes on with the previous quote's speaker, if close."""
    last = _last_speaker(ctx, cue.idx)
    if last is None or _para_of(ctx, cue.idx) - last[3] > 1:
        return _Attr(None, None, 0.0)
    return _Attr(last[1], "chain-he-added", CONFIDENCE["chain-he-added"], label=last[2] or None)
