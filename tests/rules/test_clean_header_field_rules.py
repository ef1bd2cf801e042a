"""One test per rule of the clean-header-field stage: which removed lines are still the article's
words, gathered verbatim into `Document.header` (read for names only).

Invented text only: names, outlets and places are fictional.
"""

from __future__ import annotations

import pytest

from presslens.clean import clean_document, header_text
from presslens.models import RawDocument, Removed
from presslens.rules import disabled

BODY = (
    "The council of Tolvane voted on Friday to approve the dam deal with Orrin Hydro, after a "
    "night of debate that left the chamber divided and the mayor without a majority."
)
LAST = (
    "The first vote on the new reservoir is planned for the spring, the council clerk said, and "
    "the dam builders expect to start work by the summer."
)
MORE = (
    "Councillor Mira Dask said the deal had been signed without a proper vote and that the town "
    "would pay for it for decades to come."
)
STANDFIRST = "Mayor Ilan Vesk walks out of the council chamber in Tolvane"
MENU = "World | Kessara | Sport | Orrin Hydro"


def _cleaned(text: str):
    return clean_document(RawDocument("a.txt", text, "txt", "h1"))


@pytest.mark.rule("header-field-sub-headline")
def test_sub_headline_taken_for_a_label_is_read_again():
    text = "\n\n".join(["Dam vote splits Tolvane council", MENU, STANDFIRST, BODY, MORE])
    document = _cleaned(text)
    assert STANDFIRST not in document.text
    assert any(r.text == STANDFIRST and r.rule == "header-label" for r in document.removed)
    assert document.header == STANDFIRST
    with disabled("header-field-sub-headline"):
        assert _cleaned(text).header is None


@pytest.mark.rule("header-field-sub-headline")
def test_menus_and_short_labels_are_not_read_again():
    pieces = [
        Removed("metadata", MENU, "header-metadata-line"),
        Removed("metadata", "World Business Sport Culture Travel", "header-label"),
        Removed("metadata", "Tolvane News", "header-label"),
        Removed("boilerplate", "Support the Harbour Courier: donate today to keep us going", None),
        Removed("byline", "By Jane Roe, Harbour Courier", "byline-line"),
        Removed("metadata", "Dam Deal Splits The Tolvane Council Again", "header-label"),
    ]
    assert header_text(pieces) == "Dam Deal Splits The Tolvane Council Again"


@pytest.mark.rule("header-field-pull-quote")
def test_pull_quote_is_read_again():
    quote = "Ilan Vesk said the port will not close again this year."
    text = "\n\n".join(["Dam vote splits Tolvane council", BODY, quote, MORE, f"{LAST} {quote}"])
    document = _cleaned(text)
    assert [r.text for r in document.removed if r.kind == "pull-quote"] == [quote]
    assert document.header == quote
    with disabled("header-field-pull-quote"):
        assert _cleaned(text).header is None
