"""Who tells a claim: the outlet's own narration, a direct quote, or reported speech.

The stage `claims-source-kind` is tried in order for each sentence, first answer wins: a
Quote record that covers the claim's verb, then quotation marks and interview answers as a
fallback, then the signs of attributed speech; what none of them claims is the outlet's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from presslens.lexicon import words
from presslens.models import Quote
from presslens.rules import Rule, stage

INTERVIEW_Q_RE = re.compile(r"^\s*Q\s*[:.]", re.M)
INTERVIEW_A_RE = re.compile(r"^\s*A\s*[:.]", re.M)
REPORTED_MARKERS = words("reported_speech_markers")
DIRECT_KINDS = ("direct", "block", "post")
INDIRECT_KINDS = ("indirect", "mixed")
QUOTE_BOTH = ('"', "''")  # straight marks (and '' of some archives) open and close
QUOTE_OPEN = ("“", "«", "„", "``")
QUOTE_CLOSE = ("”", "»")
QUOTE_MARK_RE = re.compile(r"\n|''|``|[\"“”«»„]")

Paragraph = tuple[int, int, str]

CLAIM_SOURCE = stage(
    "claims-source-kind",
    "Who tells a claim (outlet, quote or reported): tried in order, first answer wins.",
)


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks over the whole body, a fallback when no Quote covers a
    sentence. A quote may run over several sentences; a paragraph that closes a quote it did
    not open continues one from the paragraph before (the "no closing mark" convention)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    para_start = 0
    for m in QUOTE_MARK_RE.finditer(text):
        mark, i = m.group(0), m.start()
        if mark == "\n":
            if open_at is not None:  # unclosed at paragraph end: keep it, bounded
                regions.append((open_at, i))
                open_at = None
            para_start = i + 1
        elif mark in QUOTE_BOTH:
            if open_at is None:
                open_at = i
            else:
                regions.append((open_at, m.end()))
                open_at = None
        elif mark in QUOTE_OPEN:
            if open_at is None:
                open_at = i
        elif open_at is not None:  # a closing mark
            regions.append((open_at, m.end()))
            open_at = None
        else:
            after = regions[-1][1] if regions and regions[-1][1] > para_start else para_start
            regions.append((after, m.end()))
    if open_at is not None:
        regions.append((open_at, len(text)))
    return regions


def _interview_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a Q&A interview: "Q" for the interviewer's, "A" for the answers (the
    interviewee's words, not the outlet's). Narration between them stays the outlet's."""
    if not (INTERVIEW_Q_RE.search(text) and INTERVIEW_A_RE.search(text)):
        return []
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if INTERVIEW_Q_RE.match(line):
            out.append((pos, end, "Q"))
        elif INTERVIEW_A_RE.match(line):
            out.append((pos, end, "A"))
        pos = end + 1
    return out


def _in_paragraph(pos: int, paragraphs: list[Paragraph], starts: list[int]) -> Paragraph | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and paragraphs[k][0] <= pos <= paragraphs[k][1]:
        return paragraphs[k]
    return None


def _in_regions(pos: int, regions: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


@dataclass
class Marks:
    """A document's quotation marks and interview paragraphs, found once for all sentences."""

    regions: list[tuple[int, int]]
    paragraphs: list[Paragraph]
    region_starts: list[int] = field(init=False)
    para_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.region_starts = [a for a, _ in self.regions]
        self.para_starts = [a for a, _, _ in self.paragraphs]

    @classmethod
    def of(cls, text: str) -> Marks:
        return cls(_quote_regions(text), _interview_paragraphs(text))

    def paragraph(self, pos: int) -> Paragraph | None:
        return _in_paragraph(pos, self.paragraphs, self.para_starts)

    def quoted(self, pos: int) -> bool:
        return _in_regions(pos, self.regions, self.region_starts)


@dataclass
class Telling:
    """What the source-kind rules read of one sentence."""

    text: str  # the sentence, stripped
    start: int
    end: int
    verb: Token
    via_speech: bool  # the event is the complement of a verb of saying
    para: Paragraph | None  # the interview paragraph the sentence is in
    quotes: list[Quote]  # the document's quotes that may overlap the sentence, by start
    marks: Marks


Source = tuple[str, str | None]  # (source_kind, quote_id)


@CLAIM_SOURCE.rule("claim-in-direct-quote")
def in_direct_quote(s: Telling) -> Source | None:
    """The claim's verb lies inside a direct quote: `“The bridge stays closed,” Ostrova said`
    -> "quote" (with the quote's id)."""
    vpos = s.verb.idx
    for q in s.quotes:
        if q.kind in DIRECT_KINDS and q.start <= vpos < q.end:
            return "quote", q.id
    return None


@CLAIM_SOURCE.rule("claim-in-indirect-quote")
def in_indirect_quote(s: Telling) -> Source | None:
    """The sentence overlaps reported speech: `Ostrova said the bridge would stay closed`
    -> "reported" (with the quote's id)."""
    for q in s.quotes:
        if q.kind in INDIRECT_KINDS and q.end > s.start:
            return "reported", q.id
    return None


@CLAIM_SOURCE.rule("claim-in-quote-marks")
def in_quote_marks(s: Telling) -> Source | None:
    """No Quote covers it but quotation marks do: `“Gunmen burned the depot.”` -> "quote"."""
    return ("quote", None) if s.marks.quoted(s.verb.idx) else None


@CLAIM_SOURCE.rule("claim-in-interview-answer")
def in_interview_answer(s: Telling) -> Source | None:
    """An answer paragraph of a Q&A interview: `A: We closed the mill in May.` -> "quote"."""
    return ("quote", None) if s.para is not None and s.para[2] == "A" else None


@CLAIM_SOURCE.rule("claim-reported-by-speech-verb")
def speech_complement(s: Telling) -> Source | None:
    """The event is what a verb of saying reports: `Officials said gunmen burned the depot`
    -> "reported"."""
    return ("reported", None) if s.via_speech else None


@CLAIM_SOURCE.rule("claim-according-to")
def according_to(s: Telling) -> Source | None:
    """A marker of attribution: `According to the mayor, the depot burned` -> "reported"."""
    low = s.text.lower()
    return ("reported", None) if any(m in low for m in REPORTED_MARKERS) else None


@CLAIM_SOURCE.rule("claim-outlet-narration")
def outlet_narration(s: Telling) -> Source | None:
    """Nothing else tells it, so the outlet does: `Gunmen burned the depot on Monday.`
    -> "outlet"."""
    return "outlet", None


def source_of(s: Telling, rules: list[Rule]) -> tuple[str, str | None, Rule | None]:
    """(source_kind, quote_id, the rule that said so): the first answer of `rules`, the
    outlet's (by no rule) when none answers."""
    for rule in rules:
        found = rule.fn(s)
        if found is not None:
            return found[0], found[1], rule
    return "outlet", None, None
