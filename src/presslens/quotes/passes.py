"""The quote finders, run in order over one document, and the public entry point.

`QUOTE_FINDER` lists the passes: embedded posts, interview answers, direct (marked) quotes,
block statements, indirect and mixed quotes. Each pass sees what the earlier ones took (spans
covered, cue verbs used), so the order is part of the behaviour. `QUOTE_CLAUSE` says which
tokens' reported clauses the indirect pass turns into quotes (first rule that answers wins).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from presslens.models import Document, Quote
from presslens.rules import Rule, Rules

from .context import (
    QUOTE_CLAUSE,
    QUOTE_FINDER,
    QUOTE_SPEAKER,
    _ask,
    _Attr,
    _context,
    _Ctx,
    _cue_phrase,
    _is_cue,
    _make_quote,
    _on,
    _overlaps,
    _remember,
    _tokens_between,
)
from .cues import (
    _according_clause,
    _content_clause,
    _intro_verb,
    _last_cue,
    _named_subject,
    _within_line,
)
from .direct import _direct_quotes
from .extent import clause_runs_on
from .marks import OPEN_MARKS, STRAIGHT, WORD_RE, _Marked, _marked_spans, _paragraphs
from .speakers import BLOCK_PREVIOUS_SENTENCE, _attribute_cue, _log_named_cues
from .transcripts import INLINE_POST_AUTHOR, _inline_posts, _interview_answers, _posts
from .vocab import BLOCK_INTRO_RE, INDIRECT_VERBS


def extract_quotes(
    parsed: Doc,
    document: Document,
    rules: Rules = QUOTE_SPEAKER,
    finders: Rules = QUOTE_FINDER,
    clauses: Rules = QUOTE_CLAUSE,
) -> list[Quote]:
    """All quotes of one document (direct, block, post, indirect, mixed), ordered by where they
    end in the text, so a quote nested in a post or in another quote precedes its container.

    `parsed` must be the parse of `document.text`: every offset indexes that text. `rules` are
    the speaker rules to use, `finders` the passes to run and `clauses` what makes a reported
    clause an indirect quote, e.g.
    ``extract_quotes(doc, document, rules=QUOTE_SPEAKER.without("colon-intro"))``."""
    text = parsed.text
    paras = _paragraphs(text)
    marked = _marked_spans(text, paras)
    ctx = _context(parsed, document, paras, marked)
    ctx.rules = rules
    ctx.enabled = frozenset(r.id for r in rules)  # switched-off rules are skipped here
    run = _Run(ctx, paras, marked, clauses)
    for finder in finders:
        run.found.extend(finder(run))
    # text order of ends: a quote nested in a post or another quote comes before its container
    found = sorted(run.found, key=lambda q: (q.end, q.start))
    unique: dict[str, Quote] = {}
    for quote in found:
        unique.setdefault(quote.id, quote)
    return list(unique.values())


@dataclass
class _Run:
    """What the finders of one document share."""

    ctx: _Ctx
    paras: list[tuple[int, int]]
    marked: list[_Marked]
    clauses: Rules
    found: list[Quote] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)  # cue tokens that attributed a quote
    covered: list[tuple[int, int]] = field(default_factory=list)  # posts / interview answers
    answers: list[tuple[int, int]] = field(default_factory=list)  # interview answers, sorted
    cues_logged: bool = False

    def log_cues(self) -> None:
        """Log every named cue once, after posts and answers, before cues attribute quotes."""
        if not self.cues_logged:
            _log_named_cues(self.ctx)
            self.cues_logged = True


@QUOTE_FINDER.rule("embedded-posts")
def embedded_posts(run: _Run) -> list[Quote]:
    """A paragraph over a signature '— Ilo Marsh (@ilomarsh) March 3, 2024' is a "post" quote."""
    posts = _posts(run.ctx, run.paras)
    # a post wholly in quotation marks is the post, not a separate quote; quotes inside a post
    # are attributed by the post's own words ("X used to say '…'")
    run.covered.extend(
        (q.start, q.end)
        for q in posts
        if q.start > 0 and run.ctx.text[q.start - 1] in OPEN_MARKS | {STRAIGHT}
    )
    run.covered.sort()
    return posts


@QUOTE_FINDER.rule("inline-posts")
def inline_posts(run: _Run) -> list[Quote]:
    """Words signed '— Ilo Marsh (@ilomarsh) March 3, 2024' inside a paragraph are a "post"
    quote by that account, dated by the signature (a picture link may sit before the dash)."""
    if not _on(run.ctx, INLINE_POST_AUTHOR):
        return []
    return _inline_posts(run.ctx, run.paras)


@QUOTE_FINDER.rule("interview-answers")
def interview_answers(run: _Run) -> list[Quote]:
    """Each answer of a Q&A or speaker-labelled transcript is a quote: 'Q: Will it reopen?'
    then 'A: In May, if the rains stop.' -> quote "In May, if the rains stop."."""
    answers = _interview_answers(run.ctx, run.paras, run.marked)
    run.covered.extend((q.start, q.end) for q in answers)
    run.covered.sort()
    run.answers = sorted((q.start, q.end) for q in answers)
    return answers


@QUOTE_FINDER.rule("direct-quotes")
def direct_quotes(run: _Run) -> list[Quote]:
    """Words in quotation marks with a cue next to them: '"The bridge stays shut," Ilo Marsh
    said.' -> quote "The bridge stays shut,"; merges split quotes, drops scare quotes."""
    run.log_cues()
    return _direct_quotes(run.ctx, run.paras, run.marked, run.used_cues, run.covered, run.answers)


@QUOTE_FINDER.rule("block-statements")
def block_statements(run: _Run) -> list[Quote]:
    """Unmarked paragraphs after 'In a statement, the Velmora Rail Board wrote:' are one
    "block" quote."""
    run.log_cues()
    return _block_statements(run.ctx, run.paras, run.marked, run.covered)


@QUOTE_FINDER.rule("indirect-quotes")
def indirect_quotes(run: _Run) -> list[Quote]:
    """A cue verb's reported clause is an indirect quote: 'Ilo Marsh said that the bridge
    would reopen.' -> quote "the bridge would reopen"; "mixed" when it holds quoted words."""
    run.log_cues()
    return _indirect_quotes(run.ctx, run.marked, run.used_cues, run.found, run.clauses)


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
        attr, via, when, cue_text = _block_intro(ctx, ps, pe, paras[nxt][0])
        last = _block_end(ctx, paras, nxt, marked_paras, covered)
        start, end = paras[nxt][0], paras[last][1]
        out.append(_make_quote(ctx, start, end, "block", attr, cue=cue_text, via=via, date=when))
    return out


def _block_intro(ctx: _Ctx, ps: int, pe: int, at: int) -> tuple[_Attr, str | None, str | None, str]:
    """(speaker, via, date, cue) of the sentence announcing a block statement."""
    cue = _last_cue(ctx, ps, pe) or _intro_verb(ctx, ps, pe)
    if cue is not None:
        attr, via, when, cue_text = _attribute_cue(ctx, cue, at)
    else:
        attr, via, when, cue_text = _Attr(None, None, 0.0), None, None, "said the following"
    claimed = _ask(ctx, BLOCK_PREVIOUS_SENTENCE, attr, ps, pe)
    if claimed is None and attr.speaker is not None:
        claimed = _Attr(None, None, 0.0)  # the rule is off: the intro's speaker is not used
    return claimed or attr, via, when, cue_text


def _block_end(ctx: _Ctx, paras, first: int, marked_paras: set[int], covered) -> int:
    """The last of the unmarked paragraphs in the statement's voice (first person, no cue)."""
    last = first
    while last + 1 < len(paras) and last - first < 6:
        cand = last + 1
        cs, ce = paras[cand]
        if cand in marked_paras or _overlaps(covered, cs, ce):
            break
        body = ctx.text[cs:ce]
        if not re.search(r"\b(?:we|our|us|I|my)\b", body, re.IGNORECASE):
            break
        if any(_is_cue(ctx.doc[i]) for i in _tokens_between(ctx, cs, ce)):
            break
        last = cand
    return last


def _indirect_quotes(
    ctx: _Ctx, marked: list[_Marked], used_cues: set[int], taken, clauses: Rules
) -> list[Quote]:
    """Each unused cue verb with a reported clause ("said that …", "according to X, …")."""
    out = []
    taken_spans = sorted((q.start, q.end) for q in taken if q.via != "interview")
    answers = sorted((q.start, q.end) for q in taken if q.via == "interview")
    mark_starts = [s.start for s in marked]
    clause_rules = list(clauses)  # once per document: the loop below visits every token
    for tok in ctx.doc:
        if (tok.i in used_cues and tok.i not in ctx.mixed_cues) or ctx.in_quote[tok.i]:
            continue
        reported = _reported_clause(ctx, tok, clause_rules)
        if reported is None:
            continue
        clause, cue_text = reported
        start, end = _within_line(ctx.text, *clause, tok.idx)
        if len(WORD_RE.findall(ctx.text, start, end)) < 2:
            continue
        if ctx.text[start:end].rstrip().endswith(":"):
            continue  # "said the following:": the statement below is the quote (block pass)
        if _mostly_taken(taken_spans, start, end):
            continue
        if _mostly_taken(answers, start, end) and (start < tok.idx or not _named_subject(ctx, tok)):
            continue  # "I told them …" inside an answer is the answer itself
        start, end, kind = _with_marks_inside(marked, mark_starts, start, end)
        if QUOTE_CLAUSE.enabled("clause-runs-on"):
            runs = clause_runs_on(ctx, tok, (start, end))
            if runs is not None:
                start, end, kind = _with_marks_inside(marked, mark_starts, *runs[0])
        attr, via, when, _ = _attribute_cue(ctx, tok, start)
        quote = _make_quote(ctx, start, end, kind, attr, cue=cue_text, via=via, date=when)
        out.append(quote)
        _remember(ctx, quote, attr)
    return out


def _reported_clause(
    ctx: _Ctx, tok: Token, clauses: list[Rule]
) -> tuple[tuple[int, int], str] | None:
    """(clause, cue text) from the first clause rule that answers for this token."""
    for rule in clauses:
        found = rule.fn(ctx, tok)
        if found is not None:
            return found
    return None


@QUOTE_CLAUSE.rule("cue-verb-clause")
def cue_verb_clause(ctx: _Ctx, tok: Token) -> tuple[tuple[int, int], str] | None:
    """The reported clause of a verb of saying: 'Ilo Marsh said that the bridge would reopen.'
    -> quote "the bridge would reopen" (and the clause around a fragment the direct pass left)."""
    lemma = tok.lemma_.lower()
    if tok.i in ctx.mixed_cues or (
        lemma in INDIRECT_VERBS and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))
    ):
        clause = _content_clause(ctx, tok)
        return (clause, _cue_phrase(tok)) if clause is not None else None
    return None


@QUOTE_CLAUSE.rule("according-to-clause")
def according_to_clause(ctx: _Ctx, tok: Token) -> tuple[tuple[int, int], str] | None:
    """The rest of a sentence with "according to X" is X's indirect quote: 'The bridge will
    reopen in May, according to Ilo Marsh.' -> quote "The bridge will reopen in May"."""
    if not (
        tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to"
    ):
        return None
    clause = _according_clause(ctx, tok)
    return (clause, "according to") if clause is not None else None


def _with_marks_inside(marked: list[_Marked], mark_starts: list[int], start: int, end: int):
    """(start, end, kind) of a reported clause, widened over the quotation marks inside it:
    "mixed" when a quoted fragment sits in the clause, "indirect" otherwise."""
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
    return start, end, kind


def _mostly_taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether half the clause is already inside a direct quote, post or answer."""
    covered = 0
    i = bisect_left(spans, (end, end)) - 1
    for j in range(i, max(-1, i - 30), -1):
        s, e = spans[j]
        covered += max(0, min(e, end) - max(s, start))
    return covered >= 0.5 * (end - start)
