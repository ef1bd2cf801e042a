"""One test per registered claims rule, on small fictional sentences."""

from __future__ import annotations

import pytest

from presslens import rules
from presslens.claims import (
    CLAIM_DATE,
    CLUSTER_EVIDENCE,
    PASSAGE,
    REPUBLICATION,
    Copy,
    build_timeline,
    cluster_claims,
    extract_claims,
    find_copies,
    find_republications,
    main_event_clusters,
)
from presslens.claims.cluster import CLUSTER_JOIN, CLUSTER_VETO, Corpus, Pair
from presslens.models import Claim, Document, EventMention, Quote, When
from presslens.nlp import parse


def _doc(text: str, doc_id: str = "d1", **kw) -> Document:
    kw.setdefault("published", "2024-03-06")  # a Wednesday
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, **kw)


def _explained(text: str, quotes=(), **kw) -> list[tuple[Claim, dict]]:
    return [(c, c.rules) for c in extract_claims(parse(text), _doc(text, **kw), list(quotes))]


def _only(text: str, quotes=(), **kw) -> tuple[Claim, dict]:
    (found,) = _explained(text, quotes, **kw)
    return found


# --------------------------------------------------------------------------- event verb


@pytest.mark.rule("claim-verb-speech-complement")
def test_the_event_of_a_sentence_of_saying_is_what_was_said():
    claim, refs = _only("Police said gunmen burned the depot in Tarsk.")
    assert (claim.predicate, claim.subject_text) == ("burn", "gunmen")
    assert refs["verb"] == "claim-verb-speech-complement"
    with rules.disabled("claim-verb-speech-complement"):
        claim, refs = _only("Police said gunmen burned the depot in Tarsk.")
    assert (claim.predicate, refs["verb"]) == ("say", "claim-verb-root")


@pytest.mark.rule("claim-verb-root")
def test_the_root_verb_carries_the_event():
    claim, refs = _only("Gunmen burned the depot on Monday.")
    assert (claim.predicate, claim.subject_text, refs["verb"]) == (
        "burn",
        "Gunmen",
        "claim-verb-root",
    )
    with rules.disabled("claim-verb-root"):
        _, refs = _only("Gunmen burned the depot on Monday.")
    assert refs["verb"] != "claim-verb-root"


@pytest.mark.rule("claim-verb-in-fragment")
def test_a_fragment_rooted_on_a_noun_takes_its_first_verb_with_a_subject():
    text = "Fresh violence on Monday as gunmen burned the depot."
    claim, refs = _only(text)
    assert (claim.predicate, claim.subject_text, refs["verb"]) == (
        "burn",
        "gunmen",
        "claim-verb-in-fragment",
    )
    with rules.disabled("claim-verb-in-fragment"):
        assert _explained(text) == []


# --------------------------------------------------------------------------- source kind


def _quoted_story():
    text = 'Vesk said: "Gunmen burned the depot." Officials said the mayor would resign soon.'
    i = text.index('"')
    j = text.index('"', i + 1) + 1
    k = text.index("the mayor")
    quotes = [
        Quote(id="q1", doc_id="d1", start=i, end=j, text=text[i:j], kind="direct"),
        Quote(id="q2", doc_id="d1", start=k, end=len(text) - 1, text=text[k:-1], kind="indirect"),
    ]
    return text, quotes


@pytest.mark.rule("claim-in-direct-quote")
def test_a_claim_inside_a_direct_quote_is_the_speakers():
    text, quotes = _quoted_story()
    claim, refs = _explained(text, quotes)[0]
    assert (claim.predicate, claim.source_kind, claim.quote_id) == ("burn", "quote", "q1")
    assert refs["source"] == "claim-in-direct-quote"
    with rules.disabled("claim-in-direct-quote"):
        claim, refs = _explained(text, quotes)[0]
    assert claim.quote_id is None and refs["source"] == "claim-in-quote-marks"


@pytest.mark.rule("claim-in-indirect-quote")
def test_a_claim_inside_reported_speech_is_reported_with_its_quote():
    text, quotes = _quoted_story()
    claim, refs = _explained(text, quotes)[1]
    assert (claim.predicate, claim.source_kind, claim.quote_id) == ("resign", "reported", "q2")
    assert refs["source"] == "claim-in-indirect-quote"
    with rules.disabled("claim-in-indirect-quote"):
        claim, refs = _explained(text, quotes)[1]
    assert (claim.source_kind, claim.quote_id) == ("reported", None)
    assert refs["source"] == "claim-reported-by-speech-verb"


@pytest.mark.rule("claim-in-quote-marks")
def test_quotation_marks_make_a_quote_when_no_quote_record_covers_it():
    text = 'Vesk said: "Gunmen burned the depot."'
    claim, refs = _only(text)
    assert (claim.predicate, claim.source_kind, refs["source"]) == (
        "burn",
        "quote",
        "claim-in-quote-marks",
    )
    with rules.disabled("claim-in-quote-marks"):
        claim, refs = _only(text)
    assert claim.source_kind == "reported"


@pytest.mark.rule("claim-in-interview-answer")
def test_an_interview_answer_is_the_interviewees():
    text = "Q: Who closed the mill?\n\nA: We closed the mill in May."
    claim, refs = _only(text)
    assert claim.text == "We closed the mill in May."
    assert (claim.source_kind, refs["source"]) == ("quote", "claim-in-interview-answer")
    with rules.disabled("claim-in-interview-answer"):
        claim, _ = _only(text)
    assert claim.source_kind == "outlet"


@pytest.mark.rule("claim-reported-by-speech-verb")
def test_what_a_verb_of_saying_reports_is_reported():
    claim, refs = _only("Police said gunmen burned the depot.")
    assert (claim.predicate, claim.source_kind) == ("burn", "reported")
    assert refs["source"] == "claim-reported-by-speech-verb"
    with rules.disabled("claim-reported-by-speech-verb"):
        claim, _ = _only("Police said gunmen burned the depot.")
    assert claim.source_kind == "outlet"


@pytest.mark.rule("claim-according-to")
def test_according_to_makes_a_claim_reported():
    text = "According to the mayor, gunmen burned the depot."
    claim, refs = _only(text)
    assert (claim.source_kind, refs["source"]) == ("reported", "claim-according-to")
    with rules.disabled("claim-according-to"):
        claim, _ = _only(text)
    assert claim.source_kind == "outlet"


@pytest.mark.rule("claim-outlet-narration")
def test_what_no_one_else_tells_is_the_outlets_narration():
    claim, refs = _only("Gunmen burned the depot.")
    assert (claim.source_kind, claim.quote_id) == ("outlet", None)
    assert refs["source"] == "claim-outlet-narration"
    with rules.disabled("claim-outlet-narration"):
        claim, refs = _only("Gunmen burned the depot.")
    assert claim.source_kind == "outlet" and refs["source"] is None


# --------------------------------------------------------------------------- date and place


@pytest.mark.rule("claim-date-in-clause")
def test_a_date_in_the_event_verbs_clause_dates_the_claim():
    claim, refs = _only("Gunmen burned the depot on Monday.")
    assert (claim.when.start, claim.when.text, refs["when"]) == (
        "2024-03-04",
        "Monday",
        "claim-date-in-clause",
    )
    future, _ = _only("The Orlan council will open the school on Friday.")
    assert future.when.start == "2024-03-08"  # a future clause reads the weekday forward
    with rules.disabled("claim-date-in-clause"):
        claim, refs = _only("Gunmen burned the depot on Monday.")
    assert claim.when is None and refs["when"] is None


@pytest.mark.rule("claim-date-in-sentence")
def test_a_date_outside_the_clause_dates_the_claim_unless_it_is_the_day_of_saying():
    text = "Fresh violence on Monday as gunmen burned the depot."
    claim, refs = _only(text)
    assert (claim.when.start, refs["when"]) == ("2024-03-04", "claim-date-in-sentence")
    claim = extract_claims(
        parse(text), _doc(text), [], dates=CLAIM_DATE.without("claim-date-in-sentence")
    )[0]
    assert claim.when is None
    said, _ = _only("Police said on Monday that gunmen burned the depot.")
    assert said.predicate == "burn" and said.when is None  # the day of saying


@pytest.mark.rule("claim-place-in-sentence")
def test_a_place_the_sentence_names_is_the_claims_place():
    claim, refs = _only("Gunmen burned a depot in Tarsk.")
    assert (claim.where_text, refs["where"]) == ("Tarsk", "claim-place-in-sentence")
    assert claim.text[claim.where_start - claim.start : claim.where_end - claim.start] == "Tarsk"
    with rules.disabled("claim-place-in-sentence"):
        claim, _ = _only("Gunmen burned a depot in Tarsk.")
    assert claim.where_text is None


@pytest.mark.rule("claim-dateline-place")
def test_the_datelines_place_is_the_place_of_an_event_the_outlet_tells():
    claim, refs = _only("TARSK – Gunmen burned the depot.", dateline="TARSK")
    assert claim.text == "Gunmen burned the depot."
    assert (claim.where_text, claim.where_start, refs["where"]) == (
        "TARSK",
        0,
        "claim-dateline-place",
    )
    state, _ = _only("TARSK – The depot belongs to the Orlan council.", dateline="TARSK")
    assert state.where_text is None  # a state, not an event
    with rules.disabled("claim-dateline-place"):
        claim, _ = _only("TARSK – Gunmen burned the depot.", dateline="TARSK")
    assert claim.where_text is None


# --------------------------------------------------------------------------- clustering


def _claim(cid: str, doc_id: str, text: str, predicate: str, **kw) -> Claim:
    return Claim(
        id=cid, doc_id=doc_id, start=0, end=len(text), text=text, predicate=predicate, **kw
    )


def _day(iso: str) -> When:
    return When(iso, iso, "day", iso)


def _pair(a: Claim, b: Claim, entity_at=None, others: tuple[Claim, ...] = ()) -> Pair:
    corpus = Corpus.of([a, b, *others], {}, entity_at or (lambda d, s, e: None))
    return Pair(corpus, 0, 1, [r.fn for r in CLUSTER_EVIDENCE])


AMBUSH = "Gunmen ambushed an army convoy near Tarsk, killing four soldiers"
ATTACK = "Militants attacked a military convoy near Tarsk and killed four soldiers"
FILLER = (
    _claim("f1", "x", "The Orlan council approved a new budget for the harbour", "approve"),
    _claim("f2", "y", "Farmers sold grain at the Vell market", "sell"),
)


def _tarsk(doc_id: str, start: int, end: int) -> str | None:
    return "ent-tarsk" if (doc_id, start) in {("a", 0), ("b", 0)} else None


def _two_tellings(**kw) -> list[Claim]:
    return [
        _claim("ca", "a", AMBUSH, "ambush", when=_day("2024-03-01"), **kw),
        _claim("cb", "b", ATTACK, "attack", when=_day("2024-03-01"), **kw),
        *FILLER,
    ]


@pytest.mark.rule("claim-same-event")
def test_two_tellings_of_one_event_join_one_cluster():
    claims = _two_tellings()
    clusters = cluster_claims(claims, {"a": "Meridian Post", "b": "Ridge Voice"}, {}, _tarsk)
    (joined,) = [cl for cl in clusters if len(cl.claim_ids) == 2]
    assert joined.claim_ids == ["ca", "cb"] and joined.independent_outlets == 2
    with rules.disabled("claim-same-event"):
        claims = _two_tellings()
        clusters = cluster_claims(claims, {}, {}, _tarsk)
    assert all(len(cl.claim_ids) == 1 for cl in clusters)


@pytest.mark.rule("claim-republished-twin")
def test_a_copys_sentence_joins_the_same_sentence_of_its_original():
    text = "The Orlan council opened a school"
    claims = [
        _claim("c1", "orig", text, "open", when=_day("2024-03-04")),
        _claim("c2", "copy", text, "open", when=_day("2024-03-06")),  # dates conflict
    ]
    (cluster,) = cluster_claims(claims, {}, {"copy": "orig"}, lambda d, s, e: None)
    assert cluster.claim_ids == ["c1", "c2"] and cluster.independent_outlets == 1
    with rules.disabled("claim-republished-twin"):
        claims = [_claim(c.id, c.doc_id, c.text, c.predicate, when=c.when) for c in claims]
        clusters = cluster_claims(claims, {}, {"copy": "orig"}, lambda d, s, e: None)
    assert len(clusters) == 2


def _vetoed(p: Pair) -> list[str]:
    return [r.id for r in CLUSTER_VETO if r.fn(p)]


@pytest.mark.rule("claim-only-names-shared")
def test_claims_sharing_only_names_stay_apart():
    p = _pair(
        _claim("a1", "a", "Vesk visited Tarsk", "visit"),
        _claim("b1", "b", "Vesk left Tarsk", "leave"),
    )
    assert p.shared_common == 0
    assert "claim-only-names-shared" in _vetoed(p)
    with rules.disabled("claim-only-names-shared"):
        assert "claim-only-names-shared" not in _vetoed(p)


@pytest.mark.rule("claim-same-document")
def test_two_sentences_of_one_story_stay_apart():
    def story():
        return [
            _claim("a1", "a", "gunmen burned the grain depot", "burn"),
            _claim("a2", "a", "gunmen burned the grain depot again", "burn"),
        ]

    assert _vetoed(_pair(*story())) == ["claim-same-document"]
    assert len(cluster_claims(story(), {}, {}, lambda d, s, e: None)) == 2
    with rules.disabled("claim-same-document"):
        (cluster,) = cluster_claims(story(), {}, {}, lambda d, s, e: None)
    assert cluster.claim_ids == ["a1", "a2"]


@pytest.mark.rule("claim-date-conflict")
def test_claims_on_different_days_stay_apart():
    a = _claim("a1", "a", "gunmen burned the depot of the port", "burn", when=_day("2024-03-04"))
    b = _claim("b1", "b", "gunmen burned the depot of the port", "burn", when=_day("2024-03-09"))
    assert _vetoed(_pair(a, b)) == ["claim-date-conflict"]
    with rules.disabled("claim-date-conflict"):
        assert _vetoed(_pair(a, b)) == []


@pytest.mark.rule("claim-place-conflict")
def test_the_same_action_in_two_named_places_stays_apart():
    a = "Vesk won the regional vote in Tarsk"
    b = "Vesk won the regional vote in Orlan"
    pa = _claim(
        "a1", "a", a, "win", where_text="Tarsk", where_start=a.index("Tarsk"), where_end=len(a)
    )
    pb = _claim(
        "b1", "b", b, "win", where_text="Orlan", where_start=b.index("Orlan"), where_end=len(b)
    )
    assert _vetoed(_pair(pa, pb)) == ["claim-place-conflict"]
    with rules.disabled("claim-place-conflict"):
        assert _vetoed(_pair(pa, pb)) == []


@pytest.mark.rule("claim-few-shared-words")
def test_claims_with_fewer_than_three_shared_words_stay_apart():
    p = _pair(
        _claim("a1", "a", "gunmen burned a depot", "burn"),
        _claim("b1", "b", "farmers burned stubble in fields", "burn"),
    )
    assert p.similarity[1] == 1
    assert "claim-few-shared-words" in _vetoed(p)
    with rules.disabled("claim-few-shared-words"):
        assert "claim-few-shared-words" not in _vetoed(p)


@pytest.mark.rule("claim-weak-common-words")
def test_one_shared_word_of_substance_needs_strong_evidence():
    p = _pair(
        _claim("a1", "a", "Vesk Orlan Tarsk resigned", "resign"),
        _claim("b1", "b", "Vesk Orlan Tarsk quit", "quit"),
    )
    assert p.shared_common == 1 and p.similarity[1] == 4 and p.evidence == 1.0
    assert _vetoed(p) == ["claim-weak-common-words"]
    with rules.disabled("claim-weak-common-words"):
        assert _vetoed(p) == []


@pytest.mark.rule("claim-shared-entity")
def test_a_shared_entity_is_evidence():
    a = _claim("a1", "a", AMBUSH, "ambush", subject_start=0, subject_end=6)
    b = _claim("b1", "b", ATTACK, "attack", subject_start=0, subject_end=9)
    p = _pair(a, b, _tarsk)
    assert p.evidence == 2.0  # the entity and the same action
    with rules.disabled("claim-shared-entity"):
        assert _pair(a, b, _tarsk).evidence == 1.0


@pytest.mark.rule("claim-same-day")
def test_the_same_day_is_evidence():
    a = _claim("a1", "a", "the port reopened to ships", "reopen", when=_day("2024-03-04"))
    b = _claim("b1", "b", "ships returned to the port", "return", when=_day("2024-03-04"))
    assert _pair(a, b).evidence == 1.0
    with rules.disabled("claim-same-day"):
        assert _pair(a, b).evidence == 0.0


@pytest.mark.rule("claim-same-action")
def test_the_same_action_in_other_words_is_evidence():
    a = _claim("a1", "a", AMBUSH, "ambush")
    b = _claim("b1", "b", ATTACK, "attack")
    assert _pair(a, b).evidence == 1.0
    with rules.disabled("claim-same-action"):
        assert _pair(a, b).evidence == 0.0


@pytest.mark.rule("claim-action-mentioned")
def test_ones_action_among_the_others_words_is_half_evidence():
    a = _claim("a1", "a", "gunmen burned the grain depot", "burn")
    b = _claim("b1", "b", "the burning of the grain depot was reported", "report")
    assert _pair(a, b).evidence == 0.5
    with rules.disabled("claim-action-mentioned"):
        assert _pair(a, b).evidence == 0.0


# --------------------------------------------------------------------------- republication

WIRE = " ".join(
    f"Item {i}: the Orlan ferry carried {i} sacks of grain to Tarsk." for i in range(30)
)
OTHER = " ".join(f"Line {i}: the Vell market sold {i} baskets of apples." for i in range(30))


@pytest.mark.rule("republication-near-duplicate")
def test_a_near_duplicate_body_is_a_copy():
    edited = WIRE.replace("Item 3:", "Entry 3:") + " Editor's note: corrected."
    docs = [("copy", edited, "2024-05-02"), ("wire", WIRE, "2024-05-01"), ("x", OTHER, None)]
    assert find_republications(docs) == {"copy": "wire"}
    assert (
        find_republications(docs, rules=REPUBLICATION.without("republication-near-duplicate")) == {}
    )


@pytest.mark.rule("republication-earliest-original")
def test_the_earliest_published_copy_is_the_original():
    docs = [("late", WIRE, "2024-05-03"), ("early", WIRE, "2024-05-01"), ("undated", WIRE, None)]
    assert find_republications(docs) == {"late": "early", "undated": "early"}
    with rules.disabled("republication-earliest-original"):
        assert find_republications(docs) == {"early": "late", "undated": "late"}  # first seen


# --------------------------------------------------------------------------- copied passages

WIRE_PARAGRAPHS = [
    "Gunmen burned the fuel depot in Tarsk on Monday night, the Orlan police said.",
    "Three guards escaped the fire, which burned for five hours, a police spokesman said.",
    "The depot belongs to the Stennor cooperative, which supplies the valley's farms.",
]
OWN_PARAGRAPHS = [
    "The Vell market opened its new hall on Saturday with forty stalls selling apples.",
    "Stallholders said the old hall had leaked every winter for a decade or longer.",
]


def _body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


@pytest.mark.rule("passage-same-paragraph")
def test_a_paragraph_run_with_a_changed_word_is_the_same_paragraph():
    trimmed = WIRE_PARAGRAPHS[0].replace("the Orlan police said", "local police said")
    docs = [
        ("wire", _body(*WIRE_PARAGRAPHS), "2024-05-01"),
        ("copy", _body(trimmed, *WIRE_PARAGRAPHS[1:]), "2024-05-02"),
    ]
    (copy,) = find_copies(docs)
    assert (copy.copy_id, copy.original_id) == ("copy", "wire")
    assert copy.paragraphs == ((0, 0), (1, 1), (2, 2))
    assert find_copies(docs, rules=PASSAGE.without("passage-same-paragraph")) == []


@pytest.mark.rule("passage-copied-block")
def test_one_shared_paragraph_of_a_longer_story_is_no_copy():
    docs = [
        ("wire", _body(*WIRE_PARAGRAPHS), "2024-05-01"),
        ("other", _body(WIRE_PARAGRAPHS[0], *OWN_PARAGRAPHS), "2024-05-02"),
    ]
    assert find_copies(docs) == []
    with rules.disabled("passage-copied-block"):
        (copy,) = find_copies(docs)
    assert copy.paragraphs == ((0, 0),)


@pytest.mark.rule("passage-whole-copy")
def test_a_copy_holding_most_of_its_text_copied_republishes_the_whole():
    comment = (
        "Worth reading, from the Orlan Courier, and a reminder that the valley's depots have"
        " gone unguarded since the cooperative cut its budget last winter, as this blog has"
        " said before, twice, and will keep saying:"
    )
    pasted = _body(comment, *WIRE_PARAGRAPHS)
    block = _body(*OWN_PARAGRAPHS, *WIRE_PARAGRAPHS[:2], *OWN_PARAGRAPHS[::-1], *OWN_PARAGRAPHS)
    docs = [
        ("wire", _body(*WIRE_PARAGRAPHS), "2024-05-01"),
        ("blog", pasted, "2024-05-02"),
        ("weekly", block.replace("Vell", "Kessel"), "2024-05-03"),
    ]
    by_copy = {c.copy_id: c for c in find_copies(docs)}
    assert by_copy["blog"].whole and by_copy["blog"].paragraphs == ((1, 0), (2, 1), (3, 2))
    assert not by_copy["weekly"].whole and by_copy["weekly"].paragraphs == ((2, 0), (3, 1))
    start, end = by_copy["weekly"].spans[0]
    assert block.replace("Vell", "Kessel")[start:end] == WIRE_PARAGRAPHS[0]
    assert find_republications(docs) == {"blog": "wire"}
    with rules.disabled("passage-whole-copy"):
        assert find_republications(docs) == {}


def test_two_outlets_running_one_wire_story_both_copy_the_first_to_run_it():
    docs = [
        ("late", _body(*WIRE_PARAGRAPHS, OWN_PARAGRAPHS[0]), "2024-05-03"),
        ("first", _body(*WIRE_PARAGRAPHS[:2], OWN_PARAGRAPHS[1]), "2024-05-01"),
        ("middle", _body(*WIRE_PARAGRAPHS), "2024-05-02"),
    ]
    found = {(c.copy_id, c.original_id): c.paragraphs for c in find_copies(docs)}
    # the paragraph "first" lacks is first told by "middle"
    assert found == {
        ("late", "first"): ((0, 0), (1, 1)),
        ("middle", "first"): ((0, 0), (1, 1)),
    }
    # whole bodies: "late" is "middle" plus a paragraph, and "middle" goes back to "first"
    assert find_republications(docs) == {"late": "middle", "middle": "first"}


@pytest.mark.rule("claim-republished-twin")
def test_a_claim_in_a_copied_paragraph_counts_for_the_original_outlet():
    text = "The Orlan council opened a school in Tarsk on Monday"
    claims = [_claim("c1", "orig", text, "open"), _claim("c2", "weekly", text, "open")]
    passage = Copy("weekly", "orig", ((0, 0), (1, 1)), ((0, 60),), False, "passage-copied-block")
    outlet_of = {"orig": "Orlan Courier", "weekly": "Kessel Weekly"}
    (cluster,) = cluster_claims(claims, outlet_of, {}, lambda d, s, e: None, passages=[passage])
    assert cluster.outlets == ["Kessel Weekly", "Orlan Courier"]
    assert cluster.independent_outlets == 1
    outside = Copy("weekly", "orig", ((2, 0), (3, 1)), ((200, 260),), False, "x")
    claims = [_claim(c.id, c.doc_id, c.text, c.predicate) for c in claims]
    (cluster,) = cluster_claims(claims, outlet_of, {}, lambda d, s, e: None, passages=[outside])
    assert cluster.independent_outlets == 2


CLUSTER_JOIN_NO_WORDS = CLUSTER_JOIN.without("claim-same-event")


@pytest.mark.rule("claim-same-main-event")
def test_claims_whose_main_events_are_one_event_cluster_join():
    a = _claim("c1", "a", "Gunmen burned the Orlan depot", "burn")
    b = _claim("c2", "b", "The depot in Orlan was set alight and burned", "burn")
    c = _claim("c3", "c", "Gunmen burned a bus in Kessel", "burn")
    events = [
        EventMention("e1", "a", 7, 13, "burned", "burn", "verb", 0, 29, "event-verb"),
        EventMention("e2", "b", 39, 45, "burned", "burn", "verb", 0, 45, "event-verb"),
        EventMention("e3", "b", 4, 9, "set", "set", "verb", 0, 45, "event-verb"),
        EventMention("e4", "c", 7, 13, "burned", "burn", "verb", 0, 29, "event-verb"),
    ]
    for e, cluster in zip(events, ["orlan", "orlan", "other", "kessel"], strict=True):
        e.cluster_id = cluster
    main = main_event_clusters([a, b, c], events)
    assert main == {"c1": "orlan", "c2": "orlan", "c3": "kessel"}
    clusters = cluster_claims(
        [a, b, c], {}, {}, lambda d, s, e: None, main_event_of=main, joins=CLUSTER_JOIN_NO_WORDS
    )
    assert sorted(cl.claim_ids for cl in clusters) == [["c1", "c2"], ["c3"]]
    with rules.disabled("claim-same-main-event"):
        clusters = cluster_claims(
            [a, b, c], {}, {}, lambda d, s, e: None, main_event_of=main, joins=CLUSTER_JOIN_NO_WORDS
        )
    assert len(clusters) == 3


@pytest.mark.rule("timeline-dated-body-event")
def test_only_dated_body_events_reach_the_timeline():
    text = "Gunmen burned the Orlan depot on Monday. Photo: the depot on Monday."

    def event(eid: str, doc: str, start: int, **kw) -> EventMention:
        e = EventMention(
            eid, doc, start, start + 6, "burned", "burn", "verb", 0, 40, "event-verb", **kw
        )
        e.cluster_id = "orlan-fire"
        return e

    events = [
        event("e1", "a", 7, when_value="2024-05-06"),
        event("e2", "b", 7, when_value="2024-05-06"),
        event("e3", "c", 7, when_value="2024-05-06", field="title"),
        event("e4", "d", 7, when_value="2024-05"),
        event("e5", "e", 7),
    ]
    texts = {d: text for d in "abcde"}
    entries = build_timeline([], [], lambda d, s, e: None, events, texts, {})
    assert [(t.date, t.date_precision, t.event_ids) for t in entries] == [
        ("2024-05-01", "month", ["e4"]),
        ("2024-05-06", "day", ["e1", "e2"]),
    ]
    assert entries[1].description == "Gunmen burned the Orlan depot on Monday."
    with rules.disabled("timeline-dated-body-event"):
        assert build_timeline([], [], lambda d, s, e: None, events, texts, {}) == []
