"""One test per registered nlp-text rule, on invented sentences: what the parser reads."""

from __future__ import annotations

import pytest

from presslens import rules
from presslens.models import Document, Quote
from presslens.nlp import parse
from presslens.quotes import extract_quotes


def _ferry_quote(text: str) -> Quote:
    quotes = extract_quotes(parse(text), Document(id="n1", source="n.txt", text=text))
    return next(q for q in quotes if "ferry" in q.text)


@pytest.mark.rule("no-break-space")
def test_a_no_break_space_is_a_space_to_the_parser():
    text = "Ilo Marsh spoke.\n\n“The ferry will not run again this winter,”\u00a0added Marsh."
    doc = parse(text)
    assert len(doc.text) == len(text)  # every offset stays exact
    assert not any(t.is_space and t.text == "\u00a0" for t in doc)
    q = _ferry_quote(text)
    assert q.speaker is not None and q.speaker.text == "Marsh"
    assert q.text == text[q.start : q.end]  # the document's own characters
    with rules.disabled("no-break-space"):  # the blank token cuts the cue off its subject
        q = _ferry_quote(text)
        assert q.speaker is None or q.speaker.text != "Marsh"
