"""The quote finders: direct, block, indirect and mixed quotes, run in order."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc

from presslens.models import Document, Quote

from .context import (
    _Attr,
    _context,
    _Ctx,
    _cue_phrase,
    _is_cue,
    _log_speaker,
    _make_quote,
    _overlaps,
    _remember,
    _tokens_between,
)
from .cues import (
    _according_clause,
    _colon_between,
    _content_clause,
    _find_cue,
    _gap_is_cue_frame,
    _governs,
    _intro_verb,
    _last_cue,
    _mixed_clause,
    _named_subject,
    _predicate_span,
    _speech_ancestor,
    _via,
    _whole_utterance,
    _within_line,
)
from .marks import OPEN_MARKS, STRAIGHT, WORD_RE, _Marked, _marked_spans, _paragraphs
from .speakers import (
    _attribute_cue,
    _clause_subject,
    _colon_intro_previous,
    _colon_named,
    _dash_attribution,
    _governing_verb,
    _log_named_cues,
    _on_behalf_of,
    _previous_paragraph_speaker,
)
from .transcripts import _interview_answers, _posts
from .vocab import BLOCK_INTRO_RE, CONFIDENCE, FRAGMENT_VERBS, INDIRECT_VERBS, MIN_QUOTE_WORDS


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


def _merge(ctx: _Ctx, first: Quote, end: int) -> Quote:
    """A split quote ("A," he said, "B.") as one quote from A's start to B's end."""
    attr = _Attr(first.speaker, first.speaker_rule, first.confidence, first.candidates)
    if first.speaker is not None and first.speaker.start is not None:
        _log_speaker(ctx, end, first.speaker, "")
    return _make_quote(
        ctx, first.start, end, first.kind, attr, cue=first.cue, via=first.via, date=first.date
    )


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


def _mostly_taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether half the clause is already inside a direct quote, post or answer."""
    covered = 0
    i = bisect_left(spans, (end, end)) - 1
    for j in range(i, max(-1, i - 30), -1):
        s, e = spans[j]
        covered += max(0, min(e, end) - max(s, start))
    return covered >= 0.5 * (end - start)
