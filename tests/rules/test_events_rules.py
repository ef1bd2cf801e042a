"""Event mentions and event clusters: one test per registered rule, on invented sentences."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span

from presslens import rules
from presslens.events import (
    cluster_events,
    extract_events,
    group_stories,
    story_terms,
)
from presslens.models import Document, Quote
from presslens.nlp import parse


def _events(text: str, quotes=(), doc_id: str = "d1"):
    document = Document(id=doc_id, source=f"{doc_id}.txt", text=text)
    return extract_events(parse(text), document, quotes)


def _by_text(events):
    return {e.text: e for e in events}


@pytest.mark.rule("verb-predicate")
def test_a_full_verb_is_an_event_with_its_arguments():
    found = _by_text(_events("Brigade fighters ambushed a convoy near Tolvane on Friday."))
    ambushed = found["ambushed"]
    assert (ambushed.lemma, ambushed.kind, ambushed.rule) == ("ambush", "verb", "verb-predicate")
    assert ambushed.who == "Brigade fighters" and ambushed.whom == "a convoy"
    assert ambushed.where == "Tolvane" and ambushed.when == "Friday"
    with rules.disabled("verb-predicate"):
        assert "ambushed" not in _by_text(_events("Brigade fighters ambushed a convoy."))


@pytest.mark.rule("event-noun")
def test_a_noun_of_the_event_lexicon_is_an_event():
    found = _by_text(_events("Thousands attended the funeral in Sorrel Pass."))
    assert found["funeral"].rule == "event-noun" and found["funeral"].kind == "noun"
    assert "Thousands" not in found
    with rules.disabled("event-noun"):
        assert "funeral" not in _by_text(_events("Thousands gathered for the funeral."))


@pytest.mark.rule("deverbal-noun")
def test_a_noun_made_from_a_verb_is_an_event_but_not_a_government():
    found = _by_text(_events("The relocation of Halabek angered the government."))
    assert found["relocation"].rule == "deverbal-noun"
    assert "government" not in found


def test_negation_hedging_and_the_quote_that_tells_it_are_recorded():
    text = 'Police did not arrest anyone. "They reportedly fled," Vesk said.'
    start = text.index("They")
    quote = Quote(id="q1", doc_id="d1", start=start, end=text.index(',"'), text="", kind="direct")
    found = _by_text(_events(text, [quote]))
    assert found["arrest"].negated and not found["arrest"].hedged
    assert found["fled"].hedged and found["fled"].quote_id == "q1"
    assert found["arrest"].quote_id is None  # the outlet's own words
    assert text[found["fled"].start : found["fled"].end] == "fled"


@pytest.mark.rule("same-predicate-same-story")
def test_one_predicate_in_one_story_is_one_event_and_another_story_stays_apart():
    a = _events("Gunmen shot a guard at the Varesh depot.")
    b = _events("The shooting at the Varesh depot left a guard wounded.", doc_id="d2")
    c = _events("Gunmen shot a farmer in Kessary.", doc_id="d3")
    story = {"d1": "s1", "d2": "s1", "d3": "s2"}
    events = cluster_events([*a, *b, *c], story)
    shot_a, shooting_b, shot_c = (
        next(e for e in a if e.text == "shot"),
        next(e for e in b if e.text == "shooting"),
        next(e for e in c if e.text == "shot"),
    )
    assert shot_a.cluster_id == shooting_b.cluster_id  # "shooting" folds to "shoot"
    assert shot_a.cluster_id != shot_c.cluster_id  # another story
    with rules.disabled("same-predicate-same-story"), rules.disabled("same-family-same-story"):
        alone = cluster_events(events, story)
        assert len({e.cluster_id for e in alone}) == len(alone)


@pytest.mark.rule("same-family-same-story")
def test_one_predicate_family_in_one_story_is_one_event():
    a = _events("Two guards died in the Varesh depot fire.")
    b = _events("The deaths of two guards shocked Varesh.", doc_id="d2")
    c = _events("Talks on the depot resumed; the negotiation lasted a week.", doc_id="d3")
    d = _events("Unions will negotiate with the depot owners.", doc_id="d4")
    story = {"d1": "s1", "d2": "s1", "d3": "s1", "d4": "s1"}
    cluster_events([*a, *b, *c, *d], story)
    by_text = {e.text: e for e in (*a, *b, *c, *d)}
    assert by_text["died"].cluster_id == by_text["deaths"].cluster_id  # family "kill"
    assert by_text["negotiation"].cluster_id == by_text["negotiate"].cluster_id  # -ion folds
    assert by_text["died"].cluster_id != by_text["negotiate"].cluster_id
    with rules.disabled("same-family-same-story"):  # the predicate alone: two events
        cluster_events([*a, *b], story)
        assert by_text["died"].cluster_id != by_text["deaths"].cluster_id


@pytest.mark.rule("same-family-same-story")
def test_a_taking_told_by_its_several_names_is_one_event():
    a = _events("Thieves escaped after the heist at the Varesh jeweller.")
    b = _events("Watches were stolen from the Varesh jeweller on Friday.", doc_id="d2")
    c = _events("The robbery lasted four minutes.", doc_id="d3")
    cluster_events([*a, *b, *c], {"d1": "s1", "d2": "s1", "d3": "s1"})
    by_text = {e.text: e for e in (*a, *b, *c)}
    assert by_text["heist"].cluster_id == by_text["stolen"].cluster_id  # family "rob"
    assert by_text["robbery"].cluster_id == by_text["heist"].cluster_id
    assert by_text["escaped"].cluster_id != by_text["heist"].cluster_id


@pytest.mark.rule("learned-event-noun")
def test_a_noun_learned_as_an_event_is_an_event():
    found = _by_text(_events("The club rejected the offer after the transfer collapsed."))
    assert found["offer"].rule == "learned-event-noun" and found["offer"].kind == "noun"
    assert "club" not in found
    with rules.disabled("learned-event-noun"):
        assert "offer" not in _by_text(_events("The club rejected the offer."))


@pytest.mark.rule("wordnet-event-noun")
def test_a_noun_wordnet_files_as_an_act_is_an_event():
    found = _by_text(_events("Fans of the Orsk Falcons cheered the late touchdown."))
    assert found["touchdown"].rule == "wordnet-event-noun" and found["touchdown"].kind == "noun"
    assert "Fans" not in found and "Falcons" not in found
    with rules.disabled("wordnet-event-noun"):
        assert "touchdown" not in _by_text(_events("Fans cheered the late touchdown."))


@pytest.mark.rule("learned-state-adjective")
def test_an_adjective_learned_as_a_state_is_an_event():
    found = _by_text(_events("A guard was found dead near the Varesh depot."))
    assert found["dead"].rule == "learned-state-adjective" and found["dead"].kind == "adjective"
    with rules.disabled("learned-state-adjective", "predicative-state-adjective"):
        assert "dead" not in _by_text(_events("A guard was found dead."))


@pytest.mark.rule("named-event")
def test_the_head_of_a_named_event_is_an_event():
    found = _by_text(_events("Thousands watched the Olympic Games in Velmora."))
    assert found["Games"].rule == "named-event" and found["Games"].kind == "noun"
    assert "Velmora" not in found and "Olympic" not in found
    with rules.disabled("named-event"):
        assert "Games" not in _by_text(_events("Thousands watched the Olympic Games."))


def test_a_lone_report_joins_the_story_of_the_report_most_like_it():
    depot = "varesh depot guard halabek night patrol fence alarm siren gate".split()
    terms = {
        "a": Counter([*depot, "gunmen", "shift"]),
        "b": Counter([*depot, "wounded", "shift"]),
        "c": Counter(["halabek", "gunmen", "ministry", "budget", "tax", "school", "road"]),
        "d": Counter("kessary farmer harvest field tractor village well orchard".split()),
    }
    story = group_stories(terms)
    assert story["c"] == story["a"]  # a short report: two of its words are the depot story's
    assert story["d"] not in (story["a"], story["c"])  # nothing in common: alone


def test_documents_sharing_rare_names_and_words_are_one_story():
    depot = "varesh depot guard halabek night patrol fence alarm".split()
    farm = "kessary farmer harvest field tractor village well orchard".split()
    terms = {  # each pair shares most of its words; across pairs only "gunmen"
        "a": Counter([*depot, "gunmen", "shift"]),
        "b": Counter([*depot, "wounded"]),
        "c": Counter([*farm, "gunmen"]),
        "d": Counter([*farm, "drought"]),
    }
    story = group_stories(terms)
    assert story["a"] == story["b"] and story["c"] == story["d"]
    assert story["a"] != story["c"]


def test_reports_of_one_event_are_one_story_even_when_they_are_the_whole_corpus():
    # three outlets on one event and nothing else: the words they all share are what ties them
    shared = "varesh depot halabek guard fence alarm".split()
    terms = {
        "ledger": Counter([*shared, "gunmen", "night"]),
        "courier": Counter([*shared, "militants", "patrol"]),
        "herald": Counter([*shared, "attackers", "shift"]),
    }
    story = group_stories(terms)
    assert story["ledger"] == story["courier"] == story["herald"]
    other = {**terms, "farm": Counter("kessary farmer harvest field tractor orchard".split())}
    assert group_stories(other)["farm"] != group_stories(other)["ledger"]


@pytest.mark.rule("story-parts-on-average-alike")
def test_two_fights_of_one_boxer_chained_by_two_rare_words_are_two_stories():
    orsa = "orsa arena halabek knockout ninth round jab referee".split()
    tarsk = "tarsk stadium morrow decision twelve judges rain scorecard".split()
    terms = {  # the boxer in every report; one report of each fight names the same two aides
        "orsa-1": Counter(["vesk", *orsa]),
        "orsa-2": Counter(["vesk", *orsa]),
        "orsa-3": Counter(["vesk", *orsa, "trainer", "cutman"]),
        "tarsk-1": Counter(["vesk", *tarsk]),
        "tarsk-2": Counter(["vesk", *tarsk]),
        "tarsk-3": Counter(["vesk", *tarsk, "trainer", "cutman"]),
    }
    story = group_stories(terms)
    assert story["orsa-1"] == story["orsa-2"] == story["orsa-3"]
    assert story["tarsk-1"] == story["tarsk-2"] == story["tarsk-3"] != story["orsa-1"]
    with rules.disabled("story-parts-on-average-alike"):
        chained = group_stories(terms)  # the aides' report pair chains the two fights
    assert len(set(chained.values())) == 1
    few = {doc: terms[doc] for doc in ("orsa-1", "orsa-3", "tarsk-3")}
    assert len(set(group_stories(few).values())) == 1  # no part of three: the chain's story


def test_story_terms_are_names_and_content_nouns():
    terms = story_terms(parse("Ilan Vesk visited the Varesh depot on Friday."))
    assert terms["ilan vesk"] == 1 and terms["depot"] == 1
    assert "the" not in terms and "visit" not in terms


@pytest.mark.rule("event-date-in-clause")
def test_an_event_takes_the_date_of_its_own_clause():
    text = "Troops entered Orsa on Friday after the police said they would leave."
    document = Document(id="d1", source="d1.txt", text=text, published="2031-10-29")
    found = _by_text(extract_events(parse(text), document))
    assert (found["entered"].when_value, found["entered"].when_rule) == (
        "2031-10-24",
        "event-date-in-clause",
    )
    assert found["leave"].when_value is None  # another clause, no date of its own
    undated = _by_text(_events(text))  # no article date: a weekday cannot be placed
    assert undated["entered"].when_value is None


@pytest.mark.rule("capitalised-event-noun")
def test_a_capitalised_event_noun_outside_a_name_is_an_event():
    from presslens.events import capitalised_event_noun

    parsed = parse("Vesk Flees Tolvane After Depot Shootings")
    found = {t.text: t for t in parsed}
    for word in ("Shootings", "Vesk"):
        found[word].pos_ = "PROPN"  # as the parser reads a headline-cased line
        found[word].ent_type_ = ""
    assert capitalised_event_noun(found["Shootings"])  # "shooting", plural folded
    assert not capitalised_event_noun(found["Vesk"])  # a name, not an event word
    arson = parse("Arson suspected in Tolvane depot fire")[0]
    arson.pos_ = "PROPN"
    arson.ent_type_ = "PERSON"  # a one-word "name" the parser made of a headline's first word
    assert capitalised_event_noun(arson)
    hotel = parse("Guests left the Shooting Star Hotel in Tolvane.")
    hotel.ents = [Span(hotel, 3, 6, label="FAC")]  # "Shooting Star Hotel"
    hotel[3].pos_ = "PROPN"
    assert hotel[3].text == "Shooting" and not capitalised_event_noun(hotel[3])  # a longer name
    event = _by_text(_events("Crowds gathered after the Depot Riot in Tolvane."))
    assert "Tolvane" not in event
    if "Riot" in event:
        assert event["Riot"].kind == "noun"


def test_header_lines_are_read_for_events_with_their_field():
    from presslens.events import extract_field_events

    header = "Guards evacuated the Varesh depot after the blast"
    document = Document(id="d1", source="d1.txt", text="Body text.", header=header)
    events = extract_field_events(parse(header), document, "header")
    found = _by_text(events)
    assert {"evacuated", "blast"} <= set(found)
    for event in events:
        assert event.field == "header" and header[event.start : event.end] == event.text


@pytest.mark.rule("reporting-verb-by-speaker")
def test_a_reporting_verb_keys_on_its_speaker_and_a_pronoun_joins_the_usual_one():
    a = _events("Mayor Ilan Vesk said the Varesh depot would close.")
    b = _events("Vesk said the depot was unsafe. Police said the gate was open.", doc_id="d2")
    c = _events("He said the depot had no guards.", doc_id="d3")
    story = {"d1": "s1", "d2": "s1", "d3": "s1"}
    cluster_events([*a, *b, *c], story)
    said = [e for e in (*a, *b, *c) if e.text == "said"]
    vesk_a, vesk_b, police, he = said
    assert (vesk_a.who, police.who) == ("Ilan Vesk", "Police")
    assert vesk_a.cluster_id == vesk_b.cluster_id  # one speaker across reports
    assert police.cluster_id != vesk_a.cluster_id  # another speaker: another act of telling
    assert he.cluster_id == vesk_a.cluster_id  # no name: the usual speaker (Vesk, twice)
    closes = [e for e in a if e.lemma == "close"]
    with rules.disabled("reporting-verb-by-speaker"):
        cluster_events([*a, *b, *c], story)
        assert len({e.cluster_id for e in said}) == 1
        assert closes and closes[0].cluster_id  # other predicates keep their key


@pytest.mark.rule("headline-verb-of-the-body")
def test_a_headline_word_the_body_uses_as_a_verb_is_an_event():
    from presslens.events import extract_title_events, verb_forms

    body = parse("Mayor Ilan Vesk quit on Monday. He resigned after the vote.")
    forms = verb_forms(body)
    assert forms["quits"] == "quit" and forms["resigned"] == "resign"
    title = "Vesk Quits Tolvane Post"
    parsed = parse(title)
    quits = next(t for t in parsed if t.text == "Quits")
    quits.pos_, quits.ent_type_ = "PROPN", ""  # as the parser reads a headline-cased line
    document = Document(id="d1", source="d1.txt", text="Body.", title=title)
    found = _by_text(extract_title_events(parsed, document, forms))
    assert (found["Quits"].lemma, found["Quits"].kind) == ("quit", "verb")
    assert found["Quits"].rule == "headline-verb-of-the-body" and found["Quits"].field == "title"
    assert "Post" not in found and "Vesk" not in found
    assert "Quits" not in _by_text(extract_title_events(parsed, document))  # no body verbs
    with rules.disabled("headline-verb-of-the-body"):
        assert "Quits" not in _by_text(extract_title_events(parsed, document, forms))


@pytest.mark.rule("event-object-noun")
def test_the_object_of_a_verb_taking_an_act_is_an_event():
    from presslens.events import event_object_noun

    bid = next(t for t in parse("The Halden Rovers made a bid.") if t.text == "bid")
    table = next(t for t in parse("Halabek built a table.") if t.text == "table")
    assert event_object_noun(bid) and not event_object_noun(table)  # "build" takes a thing
    text = "The Halden Rovers made a bid for Halabek."
    with rules.disabled("event-noun"):  # "bid" is in the event lexicon too
        found = _by_text(_events(text))
        assert found["bid"].rule == "event-object-noun" and found["bid"].kind == "noun"
        assert "Rovers" not in found
    with rules.disabled("event-noun", "event-object-noun"):
        assert "bid" not in _by_text(_events(text))


@pytest.mark.rule("predicative-participle")
def test_a_participle_told_of_someone_is_a_state():
    found = _by_text(_events("The inmate is considered armed and dangerous."))
    assert found["armed"].rule == "predicative-participle" and found["armed"].kind == "adjective"
    assert "armed" not in _by_text(_events("An armed man robbed the Varesh depot."))
    with rules.disabled("predicative-participle", "predicative-state-adjective"):
        assert "armed" not in _by_text(_events("The inmate is considered armed."))


@pytest.mark.rule("predicative-state-adjective")
def test_an_adjective_told_of_someone_is_a_state():
    found = _by_text(_events("The two hostages are alive and the crowd grew restless and angry."))
    assert (
        found["alive"].rule == "predicative-state-adjective" and found["alive"].kind == "adjective"
    )
    assert found["restless"].rule == found["angry"].rule == "predicative-state-adjective"
    assert "restless" not in _by_text(_events("A restless crowd waited in Tolvane."))
    assert "able" not in _by_text(_events("Halabek was able to leave the depot."))
    with rules.disabled("predicative-state-adjective"):
        assert "alive" not in _by_text(_events("The two hostages are alive."))


@pytest.mark.rule("noun-conjoined-to-verb")
def test_a_bare_noun_conjoined_to_a_verb_is_an_event():
    from presslens.events import noun_conjoined_to_verb

    tokens = {
        t.text: t
        for t in parse("Powerful storm in Tolvane kills 10; 80 hurt and 7 villages damaged")
    }
    assert (tokens["hurt"].pos_, tokens["hurt"].dep_) == ("NOUN", "conj")  # as the parser reads it
    assert noun_conjoined_to_verb(tokens["hurt"])
    city = next(t for t in parse("The storm struck the island and the city.") if t.text == "city")
    assert not noun_conjoined_to_verb(city)  # conjoined to a noun, with its determiner


def test_a_phrasal_verb_keeps_its_particle_and_joins_its_family():
    a = _events("Mayor Ilan Vesk passed away on Sunday in Tolvane.")
    b = _events("Ilan Vesk died on Sunday.", doc_id="d2")
    c = _events("The council passed the budget.", doc_id="d3")
    d = _events("Halabek checked into the Varesh clinic. He checked out of it.", doc_id="d4")
    cluster_events([*a, *b, *c, *d], {"d1": "s1", "d2": "s1", "d3": "s1", "d4": "s1"})
    passed, died = _by_text(a)["passed"], _by_text(b)["died"]
    assert passed.lemma == "pass away" and passed.cluster_id == died.cluster_id  # family "kill"
    assert _by_text(c)["passed"].lemma == "pass"  # a preposition-free "passed": the verb
    assert _by_text(c)["passed"].cluster_id != passed.cluster_id
    into, out = [e for e in d if e.text == "checked"]
    assert (into.lemma, out.lemma) == ("check", "check out")
    assert into.cluster_id != out.cluster_id  # checking in and checking out: two events


def test_a_noun_whose_family_is_not_its_verbs_keys_on_its_own():
    a = _events("A fire gutted the Varesh depot.")
    b = _events("The blaze spread to the depot.", doc_id="d2")
    c = _events("Gunmen fired at the depot guards.", doc_id="d3")
    cluster_events([*a, *b, *c], {"d1": "s1", "d2": "s1", "d3": "s1"})
    fire, blaze, fired = _by_text(a)["fire"], _by_text(b)["blaze"], _by_text(c)["fired"]
    assert fire.cluster_id == blaze.cluster_id  # the noun: a blaze
    assert fired.cluster_id != fire.cluster_id  # the verb: a shot
