"""The tags the time rules read from the parse: looked up by character offset, lazily."""

from __future__ import annotations

from spacy.lang.en import English

from presslens.timex import ParsedTags


def test_parsed_tags_read_the_tag_at_a_token_start_only() -> None:
    doc = English()("It rained on Monday")
    doc[1].tag_ = "VBD"
    tags = ParsedTags(doc)
    assert tags.get(3) == "VBD"  # "rained" starts at 3
    assert tags.get(4, "none") == "none"  # inside the word: no token starts there
    assert tags.get(99) is None
