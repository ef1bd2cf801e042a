"""Embedded social posts and interview transcripts (Q&A, speaker labels)."""

from __future__ import annotations

import re

from presslens.models import Quote, Speaker
from presslens.rules import Rule

from ..dates import month_day_year
from .context import (
    QUOTE_SPEAKER,
    _ask,
    _Attr,
    _cand,
    _Ctx,
    _fullest_speaker,
    _make_quote,
    _on,
    _para_of,
    _remember,
    _surname,
)
from .marks import CLOSE_MARKS, OPEN_MARKS, STRAIGHT, WORD_RE, _Marked
from .resolve import INTERVIEWEE
from .vocab import (
    ANSWER_RE,
    FIRST_PERSON,
    INLINE_POST_RE,
    INTERVIEWER_LABELS,
    POST_SIGNATURE_RE,
    PROMO_RE,
    QUESTION_RE,
    SPEAKER_LABEL_RE,
    TITLES,
)


@QUOTE_SPEAKER.rule("post-author", confidence=0.95)
def post_author(ctx: _Ctx, match: re.Match) -> _Attr:
    """The name in an embedded post's signature is its author: a paragraph, then
    '— Ilo Marsh (@ilomarsh) March 3, 2024' -> speaker "Ilo Marsh"."""
    name_start, name_end = match.start("name"), match.end("name")
    speaker = Speaker(ctx.text[name_start:name_end], name_start, name_end)
    return _Attr(speaker, POST_AUTHOR, POST_AUTHOR.confidence or 0.0, label="PERSON")


POST_AUTHOR: Rule = post_author


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
        attr = _ask(ctx, POST_AUTHOR, match)
        post_date = month_day_year(match.group("date")) if match.group("date") else None
        out.append(
            _make_quote(ctx, start, end, "post", attr, cue="posted", via="post", date=post_date)
        )
    return out


@QUOTE_SPEAKER.rule("inline-post-author", confidence=0.9)
def inline_post_author(ctx: _Ctx, match: re.Match) -> _Attr:
    """A signature inside a paragraph signs the words before it: 'The old library has closed.
    pic.twitter.com/x1 — Ilo Marsh (@ilomarsh) March 3, 2024' -> a post by "Ilo Marsh" (the
    name as written; the handle is kept with the speaker's candidate)."""
    name_start, name_end = match.start("name"), match.end("name")
    speaker = Speaker(ctx.text[name_start:name_end], name_start, name_end)
    rule = INLINE_POST_AUTHOR
    candidate = _cand(speaker, 0.9, rule) | {"handle": "@" + match.group("handle")}
    return _Attr(speaker, rule, rule.confidence or 0.0, [candidate], label="PERSON")


INLINE_POST_AUTHOR: Rule = inline_post_author


def _inline_posts(ctx: _Ctx, paras) -> list[Quote]:
    """Posts signed "— Name (@handle) Month D, YYYY" anywhere inside a paragraph: each runs
    from the paragraph start (or the previous signature, or an embed tag's ">") to its dash."""
    out = []
    for ps, pe in paras:
        lo = ps
        for match in INLINE_POST_RE.finditer(ctx.text, ps, pe):
            start, end = lo, match.start()
            lo = match.end()
            start = max(start, ctx.text.rfind(">", start, end) + 1)
            while start < end and (ctx.text[start] in " \t.>" or ctx.text[start] in OPEN_MARKS):
                start += 1
            if ctx.text[start : start + 1] == STRAIGHT:
                start += 1
            if len(WORD_RE.findall(ctx.text, start, end)) < 2:
                continue
            if ctx.text[end - 1] in CLOSE_MARKS or ctx.text[end - 1] == STRAIGHT:
                end -= 1
            attr = inline_post_author(ctx, match)
            when = month_day_year(match.group("date"))
            out.append(
                _make_quote(ctx, start, end, "post", attr, cue="posted", via="post", date=when)
            )
    return out


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
        elif not answers_labelled and i - 1 >= first_q and _is_question(rows[i - 1]):
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
            attr = _answer_attr(ctx, speaker)
            quote = _make_quote(ctx, start, end, kind, attr, via="interview")
            out.append(quote)
            _remember(ctx, quote, attr)
    return out


def _is_question(row: tuple[str, int, Speaker | None] | None) -> bool:
    return row is not None and row[0] == "q"


def _answer_attr(ctx: _Ctx, speaker: Speaker) -> _Attr:
    """An answer's speaker, credited to the interviewee rule (none when the rule is off)."""
    if not _on(ctx, INTERVIEWEE):
        return _Attr(None, None, 0.0)
    return _Attr(speaker, INTERVIEWEE, INTERVIEWEE.confidence or 0.0, label="PERSON")


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
