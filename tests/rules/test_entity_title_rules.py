"""One test per rule of the entity-title stage: which names in a document's title are mentions.

Fictional titles and bodies; each test checks the mention text, its type, `field="title"` and
offsets into the title, and that the mention is gone with the rule switched off.
"""

from __future__ import annotations

import pytest

from presslens.entities import extract_mentions, title_mentions, title_text_for_parsing
from presslens.models import Document
from presslens.nlp import load_model
from presslens.rules import disabled

BODY = (
    "TOLVANE — Mayor Ilan Vesk resigned on Friday over the dam deal with Orrin Hydro. "
    "Vesk said the deal was signed without a vote. Critics of the deal cheered."
)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def title_names(nlp, title: str, body: str = BODY) -> list[tuple[str, str, str]]:
    """(text, type, field) of the title's mentions; each span read back from the title."""
    document = Document(id="d1", source="d1.txt", text=body, title=title, outlet="Harbour Courier")
    body_mentions = extract_mentions(nlp(body), document)
    parsed_title = nlp(title_text_for_parsing(title, body))
    found = title_mentions(parsed_title, document, body_mentions)
    assert all(title[m.start : m.end] == m.text for m in found)
    return [(m.text, m.type, m.field) for m in found]


@pytest.mark.rule("title-headline-case")
def test_headline_case_title_is_parsed_as_a_sentence(nlp):
    title = "Vesk Quits Over Dam Deal"
    assert title_text_for_parsing(title, BODY) == "Vesk quits over dam deal"
    assert title_text_for_parsing("Vesk quits over the dam deal", BODY) == (
        "Vesk quits over the dam deal"
    )
    with disabled("title-headline-case"):
        assert title_text_for_parsing(title, BODY) == title


@pytest.mark.rule("title-name-by-parser")
def test_parser_names_in_a_sentence_title(nlp):
    title = "Ilan Vesk resigns as mayor of Tolvane after dam vote"
    names = title_names(nlp, title)
    assert ("Ilan Vesk", "PERSON", "title") in names
    with disabled("title-name-by-parser"), disabled("title-repeats-body-name"):
        assert title_names(nlp, title) == []


@pytest.mark.rule("title-repeats-body-name")
def test_body_name_found_verbatim_in_a_headline(nlp):
    title = "Vesk Walks Out On Orrin Hydro Deal"
    names = title_names(nlp, title)
    assert ("Vesk", "PERSON", "title") in names
    with disabled("title-name-by-parser"):
        assert ("Vesk", "PERSON", "title") in title_names(nlp, title)
    with disabled("title-name-by-parser"), disabled("title-repeats-body-name"):
        assert title_names(nlp, title) == []


@pytest.mark.rule("title-repeats-body-name")
def test_body_name_found_in_an_all_caps_headline(nlp):
    """An all-caps headline names the body's actors in capitals: "VESK" is the body's "Vesk";
    in a headline in mixed case a name must stand as the body writes it."""
    names = title_names(nlp, "VESK WALKS OUT ON ORRIN HYDRO DEAL")
    assert ("VESK", "PERSON", "title") in names
    assert "vesk" not in [n for n, _, _ in title_names(nlp, "Critics say vesk deal is dead")]
    with disabled("title-name-by-parser"), disabled("title-repeats-body-name"):
        assert title_names(nlp, "VESK WALKS OUT ON ORRIN HYDRO DEAL") == []


def test_a_headline_word_alone_is_no_name(nlp):
    """In headline case a capitalised word the body never names is not taken for a name."""
    names = title_names(nlp, "Critics Cheer As Vesk Quits")
    assert [n for n, _, _ in names] == ["Vesk"]


def test_the_outlet_named_in_the_title_is_not_a_mention(nlp):
    names = title_names(nlp, "Ilan Vesk resigns in Tolvane - Harbour Courier")
    assert "Harbour Courier" not in [n for n, _, _ in names]


@pytest.mark.rule("title-name-by-parser")
def test_a_headline_names_the_bodys_name_with_a_facility_word(nlp):
    """ "Dora Kell Clinic" in a headline, "Dora Kell" in the body: the clinic, an organisation."""
    body = "Singer Ilse Varn checked into Dora Kell on Monday. Varn left Dora Kell a day later."
    names = title_names(nlp, "Ilse Varn Leaves Dora Kell Clinic After One Day", body)
    assert ("Dora Kell Clinic", "ORG", "title") in names
