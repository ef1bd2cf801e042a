"""The direct pass: each quotation-mark span attributed, split quotes merged, scare quotes dropped.

For one span the pass tries, in order: a cue verb next to it (after, before, with a colon), a
dash and a name, the frame of the previous quote in the paragraph, a colon intro, the verb
governing the quoted words, the previous paragraph's quote, the subject leading into it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from presslens.models import Quote

from .context import (
    QUOTE_CLAUSE,
    QUOTE_SPEAKER,
    _ask,
    _Attr,
    _Ctx,
    _cue_phrase,
    _log_speaker,
    _make_quote,
    _overlaps,
    _remember,
)
from .cues import (
    _colon_between,
    _find_cue,
    _gap_is_cue_frame,
    _governs,
    _mixed_clause,
    _named_subject,
    _predicate_span,
    _speech_ancestor,
    _via,
    _whole_utterance,
    clause_before_quote,
)
from .extent import clause_runs_on, fragment_clause
from .marks import WORD_RE, _Marked
from .speakers import (
    COLON_INTRO,
    CUE_SENTENCE_BEFORE,
    DASH_ATTRIBUTION,
    NAMED_SUBJECT_ABOVE,
    PREVIOUS_QUOTE_PARAGRAPH,
    PREVIOUS_QUOTE_SAME_PARAGRAPH,
    STATEMENT_OWNER,
    _attribute_cue,
    _clause_subject,
    _colon_rule,
    _governing_verb,
)
from .vocab import FRAGMENT_VERBS, MIN_QUOTE_WORDS


@dataclass
class _Direct:
    """The direct pass over one document: its inputs and the quote made last."""

    ctx: _Ctx
    paras: list[tuple[int, int]]
    marked: list[_Marked]
    used_cues: set[int]
    covered: list[tuple[int, int]]
    answers: list[tuple[int, int]]
    out: list[Quote]
    prev_quote: Quote | None = None
    prev_span: _Marked | None = None
    prev_cue_after: bool = False  # the previous quote's cue followed it ('"A," he said, "B."')

    def emit(self, quote: Quote, span: _Marked, attr: _Attr | None, cue_after: bool) -> None:
        """Keep a new quote and log its speaker for later pronouns ("he added")."""
        self.out.append(quote)
        self.prev_quote, self.prev_span, self.prev_cue_after = quote, span, cue_after
        if attr is not None:
            _remember(self.ctx, quote, attr)

    def continues(self, span: _Marked) -> bool:
        """Whether the span opens in the paragraph where the previous, cue-after quote ended."""
        return (
            self.prev_quote is not None
            and self.prev_span is not None
            and self.prev_cue_after
            and self.prev_span.end_para == span.para
        )

    def merge(self, span: _Marked) -> None:
        """Extend the previous quote over this span: one quote split by its frame."""
        assert self.prev_quote is not None
        merged = _merge(self.ctx, self.prev_quote, span.end)
        self.out[-1] = merged
        self.prev_quote, self.prev_span = merged, span


def _direct_quotes(ctx, paras, marked, used_cues, covered, answers=()) -> list[Quote]:
    """Attribute each marked span; merge split quotes; drop scare quotes. Inside a transcript
    turn only a quote someone else is said to have said counts ('Tashkova said: "…"')."""
    run = _Direct(ctx, paras, marked, used_cues, covered, list(answers), [])
    for index, span in enumerate(marked):
        _one_span(run, index, span)
    return run.out


def _one_span(run: _Direct, index: int, span: _Marked) -> None:
    ctx, marked = run.ctx, run.marked
    nxt = marked[index + 1] if index + 1 < len(marked) else None
    before = marked[index - 1] if index else None  # frames stop at the previous mark
    found = _find_cue(ctx, span, before, nxt, run.paras)
    if _overlaps(run.covered, span.start, span.end):
        inside = any(s < span.open_at and span.close_at <= e for s, e in run.answers)
        if not (inside and found is not None and _named_subject(ctx, found[0])):
            return
    words = len(WORD_RE.findall(ctx.text, span.start, span.end))
    if found is not None:
        cue, where = found
        if cue.i in run.used_cues:
            if where == "before" and run.continues(span):
                run.merge(span)
                return
        else:
            _with_cue(run, span, cue, where, words)
            return
    _without_cue(run, index, span, words)


def _with_cue(run: _Direct, span: _Marked, cue: Token, where: str, words: int) -> None:
    """A span with its own unused cue verb: attributed by the cue's subject."""
    ctx = run.ctx
    if _mixed_clause(ctx, cue, span, where) is not None:
        ctx.mixed_cues.add(cue.i)
        return  # the indirect pass emits the whole clause as a mixed quote
    if where == "before" and _clause_first(run, span, cue):
        return
    whole = _whole_utterance(ctx, span, cue)
    if words < MIN_QUOTE_WORDS and not whole and not _governs(ctx, cue, span):
        return  # a quoted term inside narration
    run.used_cues.add(cue.i)
    colon = where == "before" and _colon_between(ctx, cue, span)
    attr, via, when, cue_text = _attribute_cue(
        ctx, cue, span.start, _colon_rule(ctx) if colon else None
    )
    start, end, kind = span.start, span.end, "direct"
    fragment = words < MIN_QUOTE_WORDS or cue.lemma_.lower() in FRAGMENT_VERBS
    if fragment and where == "before" and not whole:
        start, end, kind = _fragment_span(ctx, cue, span)
    quote = _make_quote(ctx, start, end, kind, attr, cue=cue_text, via=via, date=when)
    run.emit(quote, span, attr, where == "after")


def _clause_first(run: _Direct, span: _Marked, cue: Token) -> bool:
    """'X says <clause> "…"': the clause before the marks and the quote are one mixed quote."""
    ctx = run.ctx
    if not QUOTE_CLAUSE.enabled("clause-before-quote"):
        return False
    found = clause_before_quote(ctx, cue, span)
    if found is None:
        return False
    (start, end), cue_text = found
    run.used_cues.add(cue.i)
    attr, via, when, _ = _attribute_cue(ctx, cue, span.start)
    quote = _make_quote(ctx, start, end, "mixed", attr, cue=cue_text, via=via, date=when)
    run.emit(quote, span, attr, False)
    return True


def _without_cue(run: _Direct, index: int, span: _Marked, words: int) -> None:
    """A span with no cue of its own: a dash, the previous frame, a colon, a governing verb."""
    ctx = run.ctx
    dash = _ask(ctx, DASH_ATTRIBUTION, span)
    if dash is not None:
        run.emit(_make_quote(ctx, span.start, span.end, "direct", dash), span, dash, True)
        return
    # no cue of its own: continuation of the previous quote in the same paragraph
    prev = run.prev_span
    if run.continues(span) and prev is not None and _gap_is_cue_frame(ctx, prev, span):
        run.merge(span)
        return
    colon = _ask(ctx, COLON_INTRO, span, run.paras, run.used_cues, _colon_lo(run, span))
    if colon is not None:
        attr, cue_text, via, when = colon
        quote = _make_quote(
            ctx, span.start, span.end, "direct", attr, cue=cue_text, via=via, date=when
        )
        run.emit(quote, span, attr, False)
        return
    speech = _speech_ancestor(ctx, span)
    if speech is not None and speech.i not in run.used_cues and _mixed_clause(ctx, speech, span):
        return  # a fragment deep inside a reported clause: the indirect pass makes it mixed
    owner = _ask(ctx, STATEMENT_OWNER, span)
    if owner is not None:
        run.emit(_make_quote(ctx, span.start, span.end, "direct", owner), span, owner, False)
        return
    if _by_governing_verb(run, span, words):
        return
    if words < MIN_QUOTE_WORDS:
        return  # scare quote / title
    attr = _ask(ctx, PREVIOUS_QUOTE_PARAGRAPH, span, run.prev_quote, run.prev_span)
    if attr is None:
        attr = _ask(ctx, CUE_SENTENCE_BEFORE, span, run.prev_span)
    if attr is None:
        attr = _clause_subject(ctx, span, run.marked[index - 1] if index else None)
    if attr is None:
        attr = _ask(ctx, PREVIOUS_QUOTE_SAME_PARAGRAPH, span, run.prev_quote, run.prev_span)
    if attr is None:
        attr = _ask(ctx, NAMED_SUBJECT_ABOVE, span)
    start, end, kind = _in_clause(ctx, span)
    run.emit(_make_quote(ctx, start, end, kind, attr), span, None, False)


def _colon_lo(run: _Direct, span: _Marked) -> int:
    """Where a 'Name:' before the span may start: this paragraph, or the one before when the
    quote opens its paragraph; never before the previous quote's end."""
    ctx = run.ctx
    para_start = ctx.para_starts[span.para]
    lo = ctx.para_starts[span.para - 1] if span.open_at == para_start and span.para else para_start
    return max(lo, run.prev_span.close_at if run.prev_span else 0)


def _by_governing_verb(run: _Direct, span: _Marked, words: int) -> bool:
    """'X dismissed the report as "absurd"': the verb over the quoted words names its source."""
    ctx = run.ctx
    governed = _governing_verb(ctx, span, words >= MIN_QUOTE_WORDS)
    if governed is None:
        return False
    verb, attr = governed
    start, end, kind = span.start, span.end, "direct"
    # 'X bemoaned the climate in which people "hate each other"': the words between
    # the verb and the quote are X's claim too, so the whole predicate is the quote
    embedded = verb.idx < span.open_at and (
        len(WORD_RE.findall(ctx.text, verb.idx + len(verb.text), span.open_at)) >= 2
    )
    if words < MIN_QUOTE_WORDS or verb.lemma_.lower() in FRAGMENT_VERBS or embedded:
        start, end, kind = _fragment_span(ctx, verb, span)
    else:
        start, end, kind = _in_clause(ctx, span)
    quote = _make_quote(ctx, start, end, kind, attr, cue=_cue_phrase(verb), via=_via(ctx, verb))
    run.emit(quote, span, attr, False)
    return True


def _fragment_span(ctx: _Ctx, verb: Token, span: _Marked) -> tuple[int, int, str]:
    """The predicate holding a quoted fragment (see `_predicate_span`), run on to its
    sentence's end when the parser stopped it early (rule clause-runs-on)."""
    start, end, kind = _predicate_span(ctx, verb, span)
    if kind == "mixed" and QUOTE_CLAUSE.enabled("clause-runs-on"):
        runs = clause_runs_on(ctx, verb, (start, end))
        if runs is not None:
            start, end = runs[0]
    return start, end, kind


def _in_clause(ctx: _Ctx, span: _Marked) -> tuple[int, int, str]:
    """A quote with no cue of its own: the marked words, or the clause around them when they
    are a fragment in the middle of a sentence (rule fragment-clause), as a mixed quote."""
    if QUOTE_CLAUSE.enabled("fragment-clause"):
        found = fragment_clause(ctx, ctx.doc[0], span)
        if found is not None:
            return found[0][0], found[0][1], "mixed"
    return span.start, span.end, "direct"


def _merge(ctx: _Ctx, first: Quote, end: int) -> Quote:
    """A split quote ("A," he said, "B.") as one quote from A's start to B's end."""
    rule = QUOTE_SPEAKER[first.speaker_rule] if first.speaker_rule else None
    attr = _Attr(first.speaker, rule, first.confidence, first.candidates)
    if first.speaker is not None and first.speaker.start is not None:
        _log_speaker(ctx, end, first.speaker, "")
    return _make_quote(
        ctx, first.start, end, first.kind, attr, cue=first.cue, via=first.via, date=first.date
    )
