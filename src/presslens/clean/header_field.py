"""The article's own lines that cleaning took out of the body, kept as the `header` field.

A standfirst or sub-headline the header rules take for a label, or a pull quote printed twice,
leaves the body (the outlet's words are counted once), yet it names the story's actors, often
first. `header_text` gathers those lines, verbatim, one paragraph each, into
`Document.header`; the NLP step reads it for names only (mentions with `field="header"`,
offsets into `Document.header`), never for quotes, claims, events or framing. Menus, share
bars, donation appeals, bylines and comments are never gathered: a line counts only when a
rule of `CLEAN_HEADER_FIELD` says so for the kind and rule that removed it.
"""

from __future__ import annotations

from presslens.lexicon import words
from presslens.models import Removed
from presslens.rules import Rules, stage

from .lines import _plain, _words
from .meta import SEGMENT_SPLIT
from .patterns import NAV_LINE, _is_boilerplate

CLEAN_HEADER_FIELD = stage(
    "clean-header-field",
    "Which removed lines are still the article's words (a sub-headline, a pull quote): read "
    "for names as the document's `header` field, never for quotes, claims or events.",
)

SUB_HEADLINE_MIN_WORDS = 5  # shorter header labels are sections and menu items ("World News")
SMALL_WORDS = words("headline_small_words")
HEADER_PARAGRAPH = "\n\n"  # between the gathered lines: each is a paragraph to the parser


def _reads_as_words(plain: str) -> bool:
    """A headline or a sentence, not a row of section names: a small word ("of", "in") or a
    word written in lower case."""
    tokens = _words(plain)
    return any(t.casefold() in SMALL_WORDS or t.islower() for t in tokens)


@CLEAN_HEADER_FIELD.rule("header-field-sub-headline")
def sub_headline(piece: Removed, line: str) -> bool:
    """A header line the cleaner took for a label that reads as a headline or a sentence (five
    words or more, a small or lower-case word, no separators): "Vesk Quits Over Dam Deal In
    Tolvane" -> True; "World | Kessara | Sport", "World Business Sport Culture Travel" -> False."""
    if piece.kind != "metadata" or piece.rule != "header-label":
        return False
    plain = _plain(line)
    return (
        len(_words(plain)) >= SUB_HEADLINE_MIN_WORDS
        and len(SEGMENT_SPLIT.split(plain)) == 1
        and not NAV_LINE.match(plain)
        and not _is_boilerplate(plain)
        and _reads_as_words(plain)
    )


@CLEAN_HEADER_FIELD.rule("header-field-pull-quote")
def pull_quote(piece: Removed, line: str) -> bool:
    """A pull quote repeats a sentence of the article, so its names are the article's: "The
    port will not close, Vesk said." printed again between paragraphs -> True."""
    return piece.kind == "pull-quote"


def header_text(removed: list[Removed], rules: Rules = CLEAN_HEADER_FIELD) -> str | None:
    """The removed lines that are the article's words, verbatim and in page order, one
    paragraph each; None when there are none."""
    kept = [
        line.strip()
        for piece in removed
        for line in piece.text.split("\n")
        if line.strip() and any(rule(piece, line) for rule in rules)
    ]
    return HEADER_PARAGRAPH.join(kept) or None
