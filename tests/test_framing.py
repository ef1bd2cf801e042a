from collections import Counter

import pytest

from presslens.framing import distinctive_terms, framing_terms, log_odds_z, normalise_term
from presslens.framing.logodds import frequency_ratio
from presslens.framing.voice import OutletVoice, quotation_ranges
from presslens.models import FramingTerm, Naming


def _naming(doc: str, start: int, term: str, **kw) -> Naming:
    kw.setdefault("kind", "label")
    kw.setdefault("rule", "actor-noun-phrase")
    return Naming(f"n{doc}{start}", doc, start, start + len(term), term, term, **kw)


def test_namings_are_counted_per_outlet_and_actor_with_their_spans() -> None:
    namings = [
        _naming("d1", 0, "militia commander", kind="title", actor_start=20, actor_end=28),
        _naming("d1", 40, "militia commander", kind="title", actor_start=60, actor_end=68),
        _naming("d2", 5, "martyr", kind="title", actor_start=12, actor_end=20),
        _naming("d2", 30, "angry protesters", concept="protester"),
        _naming("d2", 70, "protesters", concept="protester"),
        _naming("d2", 90, "an analyst", concept="analyst"),  # named once: incidental
    ]
    entity_at = lambda doc, start, end: "e1"  # noqa: E731 - every name is Tal Vorn here
    outlets = {"d1": "Free Tarn Voice", "d2": "The Kessara Daily"}
    rows = framing_terms(namings, outlets, entity_at, names={"e1": "Tal Vorn"})
    by = {(r.outlet, r.term): r for r in rows}
    commander = by[("Free Tarn Voice", "militia commander")]
    assert commander.count == 2 and commander.subject == "Tal Vorn" and commander.kind == "title"
    assert commander.examples == [
        {"doc_id": "d1", "start": 0, "end": 17},
        {"doc_id": "d1", "start": 40, "end": 57},
    ]
    assert by[("The Kessara Daily", "martyr")].entity_id == "e1"
    protesters = by[("The Kessara Daily", "angry protesters")]
    assert protesters.subject == "protester"
    assert protesters.entity_id == by[("The Kessara Daily", "protesters")].entity_id != "e1"
    assert ("The Kessara Daily", "an analyst") not in by


def test_log_odds_matches_a_hand_computed_example() -> None:
    # y_i = (a 3, b 1), y_j = (a 1, b 3), prior (a 4, b 4), a_0 = 8, n_i = n_j = 4:
    # delta_a = ln(7/5) - ln(5/7) = 0.67294, sigma_a = sqrt(1/7 + 1/5) = 0.58554, z_a = 1.14926
    z = log_odds_z(Counter(a=3, b=1), Counter(a=1, b=3), Counter(a=4, b=4))
    assert z["a"] == pytest.approx(1.14926, abs=1e-4)
    assert z["b"] == pytest.approx(-1.14926, abs=1e-4)
    # the plain ratio: ((3 + 0.5) / 4) / ((1 + 0.5) / 4) = 2.3333
    assert frequency_ratio(Counter(a=3, b=1), Counter(a=1, b=3))["a"] == pytest.approx(7 / 3)


def test_a_word_one_outlet_uses_once_has_a_big_ratio_but_a_small_z() -> None:
    rows = [
        FramingTerm("A", "e1", "regime", 1),
        FramingTerm("A", "e1", "government", 9),
        FramingTerm("B", "e1", "government", 10),
    ]
    distinctive_terms(rows)
    regime = rows[0]
    assert regime.ratio is not None and regime.ratio > 2
    assert regime.z is not None and 0 < regime.z < 1.96


def test_normalise_term_drops_articles_and_case() -> None:
    assert normalise_term("The Terrorist group,") == "terrorist group"


def test_outlet_voice_excludes_quotation_marks_paragraph_by_paragraph() -> None:
    text = 'He said "the tyrant" left.\nThe tyrant "left'
    assert quotation_ranges(text) == [(8, 20), (38, 43)]
    voice = OutletVoice(text)
    assert not voice.is_outlets(13, 19)
    assert voice.is_outlets(27, 37)
    assert voice.is_outlets(0, 7)


def test_a_single_word_vocabulary_has_no_z_and_no_error() -> None:
    assert log_odds_z(Counter(a=2), Counter(), Counter(a=2)) == {}


def test_a_quote_told_in_two_parts_leaves_its_attribution_to_the_outlet() -> None:
    from presslens.models import Quote

    text = '"We won," said Tal Ren, the envoy. "It is over."'
    quote = Quote("q1", "d1", 1, len(text) - 1, text[1:-1], "direct")
    voice = OutletVoice(text, [quote])
    at = text.index("the envoy")
    assert voice.is_outlets(at, at + 9)
    assert not voice.is_outlets(text.index("We"), text.index("We") + 2)
    assert not voice.is_outlets(text.index("over"), text.index("over") + 4)
    block = "Tal Ren wrote.\nWe won and it is over.\n"
    start = block.index("We")
    unmarked = Quote("q2", "d1", start, len(block) - 1, block[start:-1], "block")
    assert not OutletVoice(block, [unmarked]).is_outlets(start + 3, start + 6)


def test_an_outlets_stance_words_are_credited_to_it_and_a_speakers_to_the_speaker() -> None:
    from presslens.framing import extract_namings
    from presslens.models import Document
    from presslens.nlp import parse
    from presslens.quotes import extract_quotes

    texts = {
        "d1": "Senator Mara Quell slammed the draconian levy on Monday.",
        "d2": 'Tomas Vey spoke on Monday. "They slammed the draconian plan," said Ilan Vesk.',
    }
    namings, quotes = [], []
    for doc_id, text in texts.items():
        parsed, document = parse(text), Document(id=doc_id, source=f"{doc_id}.txt", text=text)
        doc_quotes = extract_quotes(parsed, document)
        namings += extract_namings(parsed, document, doc_quotes)
        quotes += doc_quotes
    outlets = {"d1": "Free Tarn Voice", "d2": "The Kessara Daily"}
    names = {"Mara Quell": "e1"}
    entity_at = lambda doc, start, end: names.get(texts[doc][start:end])  # noqa: E731
    rows = framing_terms(namings, outlets, entity_at, names={"e1": "Mara Quell"})
    by = {(r.outlet, r.term): r for r in rows}
    slammed = by[("Free Tarn Voice", "slammed")]
    assert slammed.entity_id == "e1" and slammed.subject == "Mara Quell"
    assert slammed.kind == "predicate" and slammed.count == 1
    draconian = by[("Free Tarn Voice", "draconian")]
    assert draconian.kind == "loaded" and draconian.rule == "loaded-word"
    assert draconian.examples == [{"doc_id": "d1", "start": 31, "end": 40}]
    # the same words inside Vesk's quote are his: no row credits them to the outlet printing it
    assert not any(
        r.outlet == "The Kessara Daily" for r in rows if r.term.startswith(("slam", "dracon"))
    )
    (quote,) = quotes
    assert "slammed the draconian" in quote.text and quote.speaker is not None
    assert quote.speaker.text == "Ilan Vesk"


@pytest.mark.rule("incidental-actor-act")
def test_the_acts_of_an_actor_the_story_names_once_are_incidental():
    namings = [
        _naming(
            "d1", 0, "fled", kind="predicate", rule="actor-predicate", actor_start=10, actor_end=18
        ),
        _naming(
            "d1", 30, "passer-by", kind="title", rule="apposition", actor_start=10, actor_end=18
        ),
        _naming(
            "d1",
            50,
            "stormed out",
            kind="predicate",
            rule="actor-predicate",
            actor_start=60,
            actor_end=68,
        ),
    ]
    entity_at = lambda doc, start, end: "e1" if start == 10 else "e2"  # noqa: E731
    outlets = {"d1": "Free Tarn Voice"}
    mentions = {"e1": 1, "e2": 4}  # Tal Ren is named once in the story, Ilan Vesk four times
    rows = framing_terms(namings, outlets, entity_at, mentions=mentions)
    assert {r.term for r in rows} == {"passer-by", "stormed out"}
    assert {r.term for r in framing_terms(namings, outlets, entity_at)} == {
        "fled",
        "passer-by",
        "stormed out",
    }
