"""The line model of a text being cleaned: lines with their paragraph, the result record, the
state the passes share, and the assembly of body and removed pieces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from presslens.models import Comment, Removed
from presslens.rules import Rule, Rules

# A paragraph that starts the body: long and sentence-like.
BODY_MIN_WORDS = 12
BODY_LONG_WORDS = 22

HEADER_SENTENCE_MIN_WORDS = 3  # shorter header lines ("Analysis.", "Another first.") are labels

SENTENCE_END = re.compile(r"[.!?\"”’')\]:;…]\s*$")

MARKDOWN_DECOR = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)?|[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
MARKDOWN_CHARS = re.compile(r"[*_#>]")
WHITESPACE = re.compile(r"\s+")

WORD = re.compile(r"[A-Za-z0-9’']+")

KEEP = "body"  # a line rule's answer that keeps the line in the body and ends its table walk


@dataclass
class Cleaned:
    """What a cleaner found: the body plus everything it separated from it."""

    text: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    comments: list[Comment] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)  # field → where it was read


@dataclass
class _Line:
    text: str
    block: int
    kind: str | None = None  # None: body
    plain: str = ""  # the text without markdown decoration, for classification
    rule: str | None = None  # the registered rule that decided its kind (written by the runner)

    def __post_init__(self) -> None:
        self.plain = _plain(self.text)

    def mark(self, kind: str | None, rule: Rule | None) -> None:
        """Give the line a kind (None: body), naming the rule that decided it (one that removed
        it, or one that kept it: `embed-attribution`, `line-model` putting a line back)."""
        self.kind = kind
        self.rule = rule.ref if rule is not None else None


def _plain(line: str) -> str:
    """The line without markdown decoration, for classification only."""
    if not MARKDOWN_CHARS.search(line):
        return line.strip()
    return MARKDOWN_DECOR.sub("", line).strip()


def _norm(text: str) -> str:
    return WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _is_short_sentence(plain: str) -> bool:
    """A header line that reads as the outlet's prose (a standfirst, a short lede): kept."""
    return (
        len(_words(plain)) >= HEADER_SENTENCE_MIN_WORDS
        and bool(SENTENCE_END.search(plain))
        and not plain.isupper()
    )


def _is_body_like(plain: str) -> bool:
    n = len(_words(plain))
    if n >= BODY_LONG_WORDS:
        return True
    return n >= BODY_MIN_WORDS and bool(SENTENCE_END.search(plain))


def _split_lines(text: str) -> list[_Line]:
    """Lines with paragraph (block) numbers; without blank lines, each long line is a block."""
    raw_lines = text.split("\n")
    has_blank = any(not line.strip() for line in raw_lines[1:-1])
    lines: list[_Line] = []
    block = 0
    for raw in raw_lines:
        line = raw.rstrip()
        if not line.strip():
            block += 1
            continue
        if not has_blank:
            block += 1
        lines.append(_Line(line, block))
    return lines


@dataclass
class _State:
    """What the passes over one text have found so far."""

    out: Cleaned
    title: str | None = None
    title_norm: str | None = None
    outlet_norm: str | None = None
    header_norms: set[str] = field(default_factory=set)
    outlets: list[tuple[int, str]] = field(default_factory=list)  # (priority, name): lower wins
    published_update: str | None = None
    extracted: bool = False  # paragraphs an HTML extractor kept, not a whole pasted page
    published_today: str | None = None  # a site's "today" line: the date when no other is found
    fallback_title: int | None = None
    section: str | None = None  # body pass: the trailing section a marker opened (bio, boilerplate)

    def add_authors(self, authors: list[str]) -> None:
        self.out.authors.extend(a for a in authors if a not in self.out.authors)

    def set_published(self, iso: str | None, is_update: bool = False) -> None:
        if iso and is_update:
            self.published_update = self.published_update or iso
        elif iso and not self.out.published:
            self.out.published = iso


@dataclass
class _At:
    """One line being classified by a table of line rules, and what its pass knows around it."""

    lines: list[_Line]
    i: int
    state: _State
    body_start: int = 0
    near_end: bool = False  # body pass: in the last paragraphs (bios, self-descriptions)
    in_tail: bool = False  # body pass: after the last body paragraph (signatures, credits)

    @property
    def line(self) -> _Line:
        return self.lines[self.i]

    @property
    def plain(self) -> str:
        return self.lines[self.i].plain


def _walk(tables: Iterable[Rules]) -> list[Rule]:
    """The rules of the tables in order, without those switched off: read once per pass."""
    return [rule for table in tables for rule in table]


def _first_kind(at: _At, rules: list[Rule]) -> tuple[str | None, Rule | None]:
    """Try the rules in order: the first with an answer gives the line its kind."""
    for rule in rules:
        kind = rule.fn(at)
        if kind is not None:
            return (None if kind == KEEP else kind), rule
    return None, None


def _removed(kind: str, text: str, rule: Rule | None = None) -> Removed:
    """A Removed record made by a rule."""
    return Removed(kind, text, rule.ref if rule is not None else None)


def _assemble(lines: list[_Line]) -> tuple[str, list[Removed]]:
    """Body paragraphs joined by blank lines; removed pieces merged per run of one kind and
    rule, so each Removed record names the one rule that removed it."""
    paragraphs: list[list[str]] = []
    removed: list[Removed] = []
    last_block = None
    last_kind = None
    for line in lines:
        if line.kind is None:
            if paragraphs and line.block == last_block:
                paragraphs[-1].append(line.text)
            else:
                paragraphs.append([line.text])
            last_block = line.block
            last_kind = None
            continue
        rule = line.rule
        if removed and last_kind == (line.kind, rule):
            removed[-1].text += "\n" + line.text.strip()
        else:
            removed.append(Removed(kind=line.kind, text=line.text.strip(), rule=rule))
        last_kind = (line.kind, rule)
    text = "\n\n".join("\n".join(p) for p in paragraphs).strip()
    return text, removed
