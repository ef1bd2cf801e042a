"""Events told in passing (claims-clause-event) and how their claims meet other outlets' claims
of the same event (claim-same-event-mention, claim-place-conflict), on fictional sentences."""

from __future__ import annotations

import pytest

from presslens import rules
from presslens.claims import CLUSTER_EVIDENCE, cluster_claims, extract_claims
from presslens.claims.cluster import CLUSTER_VETO, Corpus, Pair, own_texts
from presslens.models import Claim, Document, EventMention
from presslens.nlp import parse


def _doc(text: str, doc_id: str = "d1") -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, published="2024-03-06")


def _in_passing(text: str, doc_id: str = "d1") -> list[Claim]:
    """The claims of the clauses told in passing (not the sentence's own claim)."""
    claims = extract_claims(parse(text), _doc(text, doc_id), [])
    return [c for c in claims if c.rules["verb"].startswith("claim-clause-")]


def _told(text: str, rule_id: str) -> list[tuple[str, str]]:
    return [(c.predicate, c.text) for c in _in_passing(text) if c.rules["verb"] == rule_id]


@pytest.mark.rule("claim-clause-adverbial")
def test_an_adverbial_clause_with_its_own_subject_is_a_claim_of_its_own():
    text = (
        "The town of Orvel was quiet on Sunday, days after two farmers were killed at Brena Ford."
    )
    assert _told(text, "claim-clause-adverbial") == [
        ("kill", "days after two farmers were killed at Brena Ford")
    ]
    with rules.disabled("claim-clause-adverbial"):
        assert _told(text, "claim-clause-adverbial") == []


@pytest.mark.rule("claim-clause-coordinated")
def test_a_coordinated_clause_with_its_own_subject_is_a_claim_of_its_own():
    text = "Forty inmates escaped from Varn prison, and two guards were killed at their posts."
    assert _told(text, "claim-clause-coordinated") == [
        ("kill", "two guards were killed at their posts")
    ]
    with rules.disabled("claim-clause-coordinated"):
        assert _told(text, "claim-clause-coordinated") == []


@pytest.mark.rule("claim-clause-relative")
def test_a_relative_clause_is_a_claim_with_the_noun_it_tells_of():
    text = "Her team treated the wounded from Brena Ford, where two farmers were killed on Monday."
    (found,) = _told(text, "claim-clause-relative")
    assert found[0] == "kill" and found[1].startswith("Brena Ford, where two farmers were killed")
    text = "Crowds in Orvel mourned Luka Vess, the student who died on Tuesday after a beating."
    (found,) = _told(text, "claim-clause-relative")
    assert found == ("die", "Luka Vess, the student who died on Tuesday after a beating")
    assert (
        _told("Vesk thanked the Orvel Front, which has fought bravely.", "claim-clause-relative")
        == []
    )
    with rules.disabled("claim-clause-relative"):
        assert _told(text, "claim-clause-relative") == []


@pytest.mark.rule("claim-clause-participle")
def test_a_past_participle_after_its_noun_is_a_claim_with_that_noun():
    text = (
        "Mourners in Orvel carried the coffins of the two farmers killed at Brena Ford on Monday."
    )
    (found,) = _told(text, "claim-clause-participle")
    assert found[0] == "kill" and "two farmers killed at Brena Ford" in found[1]
    with rules.disabled("claim-clause-participle"):
        assert _told(text, "claim-clause-participle") == []


def test_a_short_clause_or_a_light_verb_is_not_told_in_passing():
    assert _in_passing("Vesk resigned after it rained.") == []
    assert _in_passing("The council met in Orvel, and the mayor said nothing new.") == []
    # an aspect verb's clause names other events ("began with ... and ..."), none of its own
    text = "The mayor resigned after a week that began with a fire and ended with a riot."
    assert [c.predicate for c in _in_passing(text)] == []


def test_the_main_claim_reads_without_the_clause_told_apart():
    text = "The Orvel council met on Sunday, days after two farmers were killed at Brena Ford."
    claims = extract_claims(parse(text), _doc(text), [])
    main, clause = claims
    own = own_texts(claims)
    assert "killed" not in own[0] and own[0].startswith("The Orvel council met on Sunday")
    assert own[1] == clause.text and len(own[0]) == len(main.text)


def test_an_event_told_in_passing_joins_the_outlets_that_tell_it_up_front():
    texts = {
        "a": "Two farmers were killed at Brena Ford on Monday when the militia cleared a road.",
        "b": "The town of Orvel was quiet on Sunday, days after two farmers were killed at "
        "Brena Ford.",
        "c": "The Orvel council met on Tuesday, a day after two farmers were killed at Brena Ford.",
    }
    claims = [c for d, t in texts.items() for c in extract_claims(parse(t), _doc(t, d), [])]
    outlets = {"a": "Orvel Wire", "b": "Ridge Voice", "c": "Harbour Daily"}
    clusters = cluster_claims(claims, outlets, {"c": "a"}, lambda d, s, e: None)
    (killed,) = [cl for cl in clusters if len(cl.doc_ids) == 3]
    assert killed.label.startswith("Two farmers were killed")
    # "c" re-publishes "a": a copy never counts as an independent outlet
    assert killed.outlets == ["Harbour Daily", "Orvel Wire", "Ridge Voice"]
    assert killed.independent_outlets == 2


def _claim(cid: str, doc_id: str, text: str, predicate: str, **kw) -> Claim:
    return Claim(
        id=cid, doc_id=doc_id, start=0, end=len(text), text=text, predicate=predicate, **kw
    )


def _event(eid: str, doc_id: str, lemma: str, cluster: str, **kw) -> EventMention:
    return EventMention(
        eid, doc_id, 0, 5, lemma, lemma, "verb", 0, 40, "test", cluster_id=cluster, **kw
    )


def _evidence(a: Claim, b: Claim, ea: EventMention, eb: EventMention) -> list[str]:
    corpus = Corpus.of([a, b], {}, lambda d, s, e: None, {a.id: ea, b.id: eb})
    pair = Pair(corpus, 0, 1, [])
    return [r.id for r in CLUSTER_EVIDENCE if r.fn(pair) is not None]


@pytest.mark.rule("claim-same-event-mention")
def test_main_events_of_one_event_cluster_agreeing_on_whom_are_evidence():
    a = _claim("a1", "a", "The Vell group burned eleven trucks at the depot", "burn")
    b = _claim("b1", "b", "Eleven ore trucks were burned below the pass", "burn")
    ea = _event("e1", "a", "burn", "k1", whom="eleven trucks")
    eb = _event("e2", "b", "burn", "k1", whom="Eleven ore trucks")
    assert "claim-same-event-mention" in _evidence(a, b, ea, eb)
    # one cluster of "burn", but two places: two incidents
    ea2 = _event("e1", "a", "burn", "k1", whom="eleven trucks", where="Orvel")
    eb2 = _event("e2", "b", "burn", "k1", whom="Eleven ore trucks", where="Tarsk")
    assert "claim-same-event-mention" not in _evidence(a, b, ea2, eb2)
    # one generic word shared is not the same participants
    ea4 = _event("e1", "a", "burn", "k1", who="The group")
    eb4 = _event("e2", "b", "burn", "k1", who="the armed group of Vell")
    assert "claim-same-event-mention" not in _evidence(a, b, ea4, eb4)
    # nothing shared beyond the lemma
    ea3 = _event("e1", "a", "burn", "k1", whom="eleven trucks")
    eb3 = _event("e2", "b", "burn", "k1", whom="a barn")
    assert "claim-same-event-mention" not in _evidence(a, b, ea3, eb3)
    with rules.disabled("claim-same-event-mention"):
        assert "claim-same-event-mention" not in _evidence(a, b, ea, eb)


@pytest.mark.rule("claim-place-conflict")
def test_a_place_the_other_claim_names_too_is_no_conflict():
    a = "Forty inmates escaped from Varn prison in Oster province"
    b = "Forty inmates escaped from Varn prison in Velmaria's northern Oster province"
    pa = _claim(
        "a1", "a", a, "escape", where_text="Oster", where_start=a.index("Oster"), where_end=len(a)
    )
    pb = _claim(
        "b1", "b", b, "escape", where_text="Velmaria", where_start=b.index("Velm"), where_end=len(b)
    )
    corpus = Corpus.of([pa, pb], {}, lambda d, s, e: None)
    vetoed = [r.id for r in CLUSTER_VETO if r.fn(Pair(corpus, 0, 1, []))]
    assert "claim-place-conflict" not in vetoed
