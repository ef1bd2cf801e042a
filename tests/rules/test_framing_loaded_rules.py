"""One test per registered framing-loaded rule, on small fictional sentences."""

from __future__ import annotations

import pytest

from presslens.framing import FRAMING_NAMING, extract_namings
from presslens.models import Document, Naming, Quote
from presslens.nlp import parse


def _found(text: str, quotes: tuple[Quote, ...] = (), rules=FRAMING_NAMING) -> dict[str, list]:
    found: dict[str, list[Naming]] = {}
    document = Document(id="d1", source="d1.txt", text=text)
    for n in extract_namings(parse(text), document, quotes, rules=rules):
        found.setdefault(n.rule, []).append(n)
    return found


def _actor(text: str, naming: Naming) -> str | None:
    if naming.actor_start is None or naming.actor_end is None:
        return None
    return text[naming.actor_start : naming.actor_end]


@pytest.mark.rule("stance-verb")
def test_a_reporting_verb_with_a_stance_is_the_outlets_word_for_what_was_said():
    text = (
        "Senator Mara Quell slammed the levy, and she later conceded the point. "
        "Tomas Vey said the council met."
    )
    found = {
        n.term: n
        for n in _found(text, rules=FRAMING_NAMING.without("actor-predicate"))["stance-verb"]
    }
    assert set(found) == {"slammed", "conceded"}  # a plain "said" is no stance
    assert _actor(text, found["slammed"]) == "Mara Quell"
    assert found["slammed"].kind == "predicate" and found["slammed"].lemma == "slam"
    assert _actor(text, found["conceded"]) == "Mara Quell"  # "she": the one person named
    assert text[found["conceded"].start : found["conceded"].end] == "conceded"


@pytest.mark.rule("stance-verb")
def test_a_phrasal_stance_verb_keeps_its_particle_and_a_quoted_one_is_the_speakers():
    text = 'The envoy lashed out at the council. Vesk said the envoys "slammed" the plan.'
    (naming,) = _found(text, rules=FRAMING_NAMING.without("actor-predicate"))["stance-verb"]
    assert naming.term == "lashed out" and naming.lemma == "lash out"
    assert naming.concept == "envoy"


@pytest.mark.rule("stance-verb")
def test_a_stance_verb_the_naming_rules_read_is_not_read_twice():
    text = "Senator Mara Quell slammed the levy."
    found = _found(text)
    assert [n.term for n in found["actor-predicate"]] == ["slammed"]
    assert "stance-verb" not in found


@pytest.mark.rule("loaded-word")
def test_a_loaded_word_is_the_outlets_word_choice_with_its_actor():
    text = (
        "The council passed a draconian levy after a last-ditch vote. Mayor Corra Lind "
        "harshly criticized it, and the mayor's lavish trips drew an outcry. "
        "The new bridge opened on Monday."
    )
    everything = _found(text)
    found = {n.term: n for n in everything["loaded-word"]}
    assert set(found) == {"draconian", "last-ditch", "harshly", "lavish"}
    assert all(n.kind == "loaded" for n in found.values())
    (outcry,) = everything["actor-loaded-predicate"]  # what the mayor's trips drew: the mayor's
    assert outcry.term == "outcry" and outcry.concept == "mayor"
    assert _actor(text, found["harshly"]) == "Corra Lind"  # the subject of what it modifies
    assert found["lavish"].concept == "mayor"  # the owner of the trips
    assert _actor(text, found["draconian"]) is None and found["draconian"].concept is None
    assert found["draconian"].lemma == "draconian"  # an event wording: no actor


@pytest.mark.rule("loaded-word")
def test_a_loaded_word_inside_a_naming_or_a_quote_is_not_read_again():
    text = 'The embattled mayor left. Vesk said "the draconian levy must go" on Friday.'
    found = _found(text)
    assert "embattled mayor" in {n.term for n in found["actor-noun-phrase"]}
    assert "loaded-word" not in found  # "embattled" is the naming's; "draconian" Vesk's
    posted = "Vesk wrote.\nA draconian levy, a brazen grab.\n"
    start = posted.index("A draconian")
    block = Quote("q1", "d1", start, len(posted) - 1, posted[start:-1], "block")
    assert "loaded-word" not in _found(posted, (block,))


@pytest.mark.rule("loaded-word")
def test_a_listed_word_in_another_part_of_speech_is_not_loaded():
    # "torpedo" is listed as a verb: the navy's torpedo is no word choice
    text = "The navy tested a torpedo, and the council will torpedo the levy."
    (naming,) = _found(text)["loaded-word"]
    assert (naming.term, naming.start) == ("torpedo", text.rindex("torpedo"))
    assert naming.concept == "council"


@pytest.mark.rule("strong-valence-word")
def test_a_noun_or_adjective_of_strong_valence_is_the_outlets_word_choice():
    text = "The regime's cruelty shocked the town, and a horrific raid followed the vote."
    found = {n.term: n for n in _found(text)["strong-valence-word"]}
    assert set(found) == {"cruelty", "horrific"}  # "vote", "town", "raid": no valence
    assert found["cruelty"].concept == "regime" and found["cruelty"].kind == "loaded"
    assert found["horrific"].concept is None and _actor(text, found["horrific"]) is None


@pytest.mark.rule("strong-valence-word")
def test_a_strong_word_in_quotes_or_of_no_stance_is_not_read():
    text = 'The mayor called it "a horrific betrayal". It was a kind of truce.'
    assert "strong-valence-word" not in _found(text)


@pytest.mark.rule("hedge-word")
def test_a_hedge_on_what_the_outlet_tells_is_its_wording_with_the_owner():
    text = (
        "The mayor's alleged bribe was in a memo purportedly listing the payments. "
        'Vesk called it "the supposed deal".'
    )
    found = {n.term: n for n in _found(text)["hedge-word"]}
    assert set(found) == {"alleged", "purportedly"}  # the quoted "supposed" is the speaker's
    assert found["alleged"].concept == "mayor" and found["alleged"].kind == "loaded"
    assert found["purportedly"].concept is None and _actor(text, found["purportedly"]) is None


@pytest.mark.rule("hedge-word")
def test_a_hedge_on_an_actors_deed_is_left_to_the_hedged_predicate():
    text = "Ilan Vesk reportedly fled the town."
    found = _found(text)
    assert [n.term for n in found["hedged-predicate"]] == ["reportedly"]
    assert "hedge-word" not in found


@pytest.mark.rule("hearsay-passive")
def test_what_others_are_said_to_hold_is_passed_on_by_a_passive_with_to():
    text = (
        "Ilan Vesk is widely believed to be hiding in Orvane. The envoys met rebels believed "
        "to be held by the militia. The council is expected to meet on Friday."
    )
    found = {n.term: n for n in _found(text).get("hearsay-passive", [])}
    assert set(found) == {
        "widely believed to be hiding",
        "believed to be held",
    }  # a plan is no hearsay
    assert _actor(text, found["widely believed to be hiding"]) == "Ilan Vesk"
    assert found["believed to be held"].concept == "rebel"


@pytest.mark.rule("idiom")
def test_a_figurative_phrase_is_the_outlets_word_choice_with_its_actor():
    text = (
        "The council laid the groundwork for the levy. Mayor Corra Lind came under fire on "
        "Monday. Tomas Vey laid the bricks."
    )
    found = {n.term: n for n in _found(text)["idiom"]}
    assert set(found) == {"laid the groundwork", "came under fire"}, found
    assert found["laid the groundwork"].concept == "council"
    assert found["laid the groundwork"].lemma == "lay the groundwork"
    assert _actor(text, found["came under fire"]) == "Corra Lind"
    other = "Ilan Vesk laid their groundwork early."  # any possessive in the idiom's slot
    assert [n.term for n in _found(other)["idiom"]] == ["laid their groundwork"]
    nested = "Tal Ren extended an olive branch to the council."
    assert [n.term for n in _found(nested)["idiom"]] == ["extended an olive branch"]
    quoted = 'Vesk said "the council laid the groundwork" on Friday.'
    assert not _found(quoted).get("idiom")  # the speaker's phrase
