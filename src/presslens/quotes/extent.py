"""How far a reported clause runs: rules that widen an indirect or mixed quote's span.

The parser often ends a reported clause early: at the closing mark of a quoted fragment, or
at a coordination it hangs on the cue verb rather than inside the clause. And quoted words in
the middle of a sentence are a fragment of what the sentence reports, not the whole of it.
These rules read the sentence around the span and take in what goes on with the same report.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import QUOTE_CLAUSE, _Ctx, _is_cue, _tokens_between
from .cues import _mid_sentence, _quote_token
from .marks import CLOSE_MARKS, STRAIGHT, WORD_RE, _Marked, _sentence_ends

MAX_RUN_ON_WORDS = 40  # the longest continuation taken into a reported clause
TAIL_LEAD = frozenset(",;") | CLOSE_MARKS | {STRAIGHT, "’", "'"}


@QUOTE_CLAUSE.rule("clause-runs-on")
def clause_runs_on(
    ctx: _Ctx, tok: Token, clause: tuple[int, int] | None = None
) -> tuple[tuple[int, int], str] | None:
    """A reported clause goes on to its sentence's end when the parser stopped it early, at
    the closing mark of a fragment or at a coordination it hung on the cue: 'Ilo Marsh told
    the board that the fares were "far too high," and would have to come down by June.' ->
    the quote runs to "June", not to the closing mark; never over another cue ('…, and Dala
    Venn said …'). The indirect pass asks it with the clause; for a bare token it answers
    nothing."""
    if clause is None or tok.idx > clause[0]:
        return None  # '<clause>, X said': the clause ends at its cue
    end = _run_on_end(ctx, *clause)
    return ((clause[0], end), "") if end is not None else None


@QUOTE_CLAUSE.rule("fragment-clause")
def fragment_clause(
    ctx: _Ctx, tok: Token, span: _Marked | None = None
) -> tuple[tuple[int, int], str] | None:
    """Quoted words in the middle of a sentence, with no cue of their own, are a fragment of
    what the clause around them reports: 'At the hearing they discussed how the ferry "was
    going to lose money" as fares fell.' -> mixed quote 'how the ferry "was going to lose
    money" as fares fell', from the clause of the verb above the words to the sentence's end.
    The direct pass asks it with the quote; for a bare token it answers nothing."""
    if span is None:
        return None
    if not _mid_sentence(ctx, span):
        return None  # the words open their sentence or follow a lead-in: a quote of its own
    start = _clause_start(ctx, span)
    if start is None:
        return None
    end = _run_on_end(ctx, start, span.close_at) or span.close_at
    if start >= span.open_at and end <= span.close_at:
        return None
    return (start, end), ""


def _clause_start(ctx: _Ctx, span: _Marked) -> int | None:
    """Where the clause holding a quoted fragment starts: the subtree, under the nearest verb
    above the words, that holds them (no cue in it before the marks)."""
    below = _quote_token(ctx, span)
    if below is None:
        return None
    for _ in range(8):
        head = below.head
        if head.i == below.i:
            return None
        if not ctx.in_quote[head.i] and head.pos_ in ("VERB", "AUX"):
            break
        below = head
    else:
        return None
    first = below.left_edge
    if first.idx > span.open_at or first.sent.start != head.sent.start:
        return None
    if "\n" in ctx.text[first.idx : span.open_at]:
        return None
    lead = _tokens_between(ctx, first.idx, span.open_at)
    if any(_is_cue(ctx.doc[i]) and not ctx.in_quote[i] for i in lead):
        return None  # a cue inside the clause reports it (the indirect pass)
    return first.idx


def _run_on_end(ctx: _Ctx, start: int, end: int) -> int | None:
    """The end of the sentence holding `end`, when the text from `end` goes on with the same
    clause: a lower-case word next, no sentence end before it, no cue in it."""
    stop = _sentence_stop(ctx, end)
    if stop is None:
        return None
    lead = end
    while lead < stop and (ctx.text[lead].isspace() or ctx.text[lead] in TAIL_LEAD):
        lead += 1
    if ctx.text[start:lead].rstrip(" " + "".join(TAIL_LEAD))[-1:] in (".", "!", "?"):
        return None  # the clause ended its sentence
    words = WORD_RE.findall(ctx.text, lead, stop)
    if not words or not words[0][:1].islower() or len(words) > MAX_RUN_ON_WORDS:
        return None
    if any(_is_cue(ctx.doc[i]) and not ctx.in_quote[i] for i in _tokens_between(ctx, lead, stop)):
        return None  # '…, and Venn said the fares …': a report of its own
    while stop > lead and ctx.text[stop - 1] in " .!?":
        stop -= 1
    return stop


def _sentence_stop(ctx: _Ctx, end: int) -> int | None:
    """Where the sentence holding `end` ends (its last stop, before a closing mark): the line's
    end when no stop comes first."""
    line_end = ctx.text.find("\n", end)
    line_end = len(ctx.text) if line_end == -1 else line_end
    ends = _sentence_ends(ctx.text, end, min(len(ctx.text), line_end + 1))
    stop = ends[0] if ends else line_end
    return stop if stop > end else None
