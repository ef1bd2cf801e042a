"""Claims, dates, corroboration and timeline on small fictional articles."""

from __future__ import annotations

import datetime

import pytest

from presslens.claims import (
    build_timeline,
    cluster_claims,
    extract_claims,
    find_republications,
    resolve_date,
)
from presslens.models import Document, Quote
from presslens.nlp import parse

PUBLISHED = datetime.date(2024, 3, 6)  # a Wednesday


# --------------------------------------------------------------------------- resolve_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("last Friday", "2024-03-01", "2024-03-01", "day"),
        ("yesterday", "2024-03-05", "2024-03-05", "day"),
        ("on Tuesday", "2024-03-05", "2024-03-05", "day"),
        ("Wednesday", "2024-03-06", "2024-03-06", "day"),  # on or before: the same day
        ("Friday night", "2024-03-01", "2024-03-01", "day"),
        ("two years ago", "2022-01-01", "2022-12-31", "year"),
        ("in the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("in 2006", "2006-01-01", "2006-12-31", "year"),
        ("March 3", "2024-03-03", "2024-03-03", "day"),
        ("3 March 2024", "2024-03-03", "2024-03-03", "day"),
        ("Jan. 4", "2024-01-04", "2024-01-04", "day"),
        ("March 2023", "2023-03-01", "2023-03-31", "month"),
        ("last year", "2023-01-01", "2023-12-31", "year"),
        ("a week ago", "2024-02-28", "2024-02-28", "day"),
    ],
)
def test_resolve_date_forms(text, start, end, precision):
    when = resolve_date(text, PUBLISHED)
    assert when is not None, text
    assert (when.start, when.end, when.precision) == (start, end, precision)
    assert when.text == text


def test_resolve_date_accepts_iso_string_base():
    assert resolve_date("yesterday", "2024-03-06").start == "2024-03-05"


@pytest.mark.parametrize(
    "text",
    [
        "three days",
        "24 hours",
        "the past week",
        "two weeks",
        "recently",
        "now",
        "25-year-old",
        "the next day",
        "15",
    ],
)
def test_resolve_date_rejects_durations_and_vague_words(text):
    assert resolve_date(text, PUBLISHED) is None


def test_resolve_date_without_published_keeps_only_absolute_dates():
    assert resolve_date("yesterday", None) is None
    assert resolve_date("March 3", None) is None  # the year would be borrowed
    assert resolve_date("on Tuesday", None) is None
    when = resolve_date("3 March 2024", None)
    assert (when.start, when.precision) == ("2024-03-03", "day")
    assert resolve_date("in 2006", None).start == "2006-01-01"


# --------------------------------------------------------------------------- extract_claims

ARTICLE = (
    "VELMARA – Gunmen ambushed an army convoy near Tarsk on Friday, killing four soldiers. "
    '"We will rebuild the bridge before winter," Mayor Ilse Vantor said on Saturday. '
    "Is the road safe now? "
    "The regional council approved a new budget in 2006. "
    "Officials said the convoy had been carrying fuel to Port Essel."
)


def _doc(text: str, doc_id: str = "d1", **kw) -> Document:
    kw.setdefault("published", "2024-03-04")
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, **kw)


def _claims_by_predicate(claims):
    return {c.predicate: c for c in claims}


def test_claim_subject_predicate_where_when():
    doc = _doc(ARTICLE, outlet="The Meridian Post", dateline="VELMARA")
    claims = extract_claims(parse(doc.text), doc, [])
    by_pred = _claims_by_predicate(claims)
    ambush = by_pred["ambush"]
    assert ambush.subject_text == "Gunmen"
    assert doc.text[ambush.subject_start : ambush.subject_end] == "Gunmen"
    assert ambush.object.startswith("an army convoy")
    assert ambush.where_text == "Tarsk"
    assert doc.text[ambush.where_start : ambush.where_end] == "Tarsk"
    assert ambush.when.start == "2024-03-01"  # the Friday before Monday 4 March
    assert doc.text[ambush.when.char_start : ambush.when.char_end] == "Friday"
    assert ambush.source_kind == "outlet"
    # the claim span is the sentence, without the dateline
    assert ambush.text.startswith("Gunmen ambushed") and ambush.text.endswith("soldiers.")
    assert doc.text[ambush.start : ambush.end] == ambush.text


def test_claim_skips_questions_and_dates_the_year():
    doc = _doc(ARTICLE, dateline="VELMARA")
    claims = extract_claims(parse(doc.text), doc, [])
    assert not any("?" in c.text for c in claims)
    budget = _claims_by_predicate(claims)["approve"]
    assert budget.subject_text == "The regional council"
    assert (budget.when.start, budget.when.precision) == ("2006-01-01", "year")


def test_claim_inside_direct_quote_is_the_speakers_not_the_outlets():
    doc = _doc(ARTICLE, dateline="VELMARA")
    q_start = doc.text.index('"We will')
    q_end = doc.text.index('winter,"') + len('winter,"')
    quote = Quote(
        id="q1",
        doc_id="d1",
        start=q_start,
        end=q_end,
        text=doc.text[q_start:q_end],
        kind="direct",
    )
    claims = extract_claims(parse(doc.text), doc, [quote])
    rebuild = _claims_by_predicate(claims)["rebuild"]
    assert rebuild.source_kind == "quote"
    assert rebuild.quote_id == "q1"
    # the day the mayor spoke is not the date of the rebuilding
    assert rebuild.when is None
    assert _claims_by_predicate(claims)["ambush"].source_kind == "outlet"


def test_claim_in_reported_speech_is_reported():
    doc = _doc(ARTICLE, dateline="VELMARA")
    s = doc.text.index("Officials said")
    quote = Quote(
        id="q2", doc_id="d1", start=s, end=len(doc.text), text=doc.text[s:], kind="indirect"
    )
    claims = extract_claims(parse(doc.text), doc, [quote])
    carry = _claims_by_predicate(claims)["carry"]
    assert carry.source_kind == "reported" and carry.quote_id == "q2"
    assert carry.subject_text == "the convoy"
    # without quotes the verb of saying still marks it as reported speech
    carry = _claims_by_predicate(extract_claims(parse(doc.text), doc, []))["carry"]
    assert carry.source_kind == "reported" and carry.quote_id is None


def test_claim_falls_back_to_dateline_for_events_without_a_place():
    text = "VELMARA – Protesters blocked the main road on Tuesday."
    doc = _doc(text, dateline="VELMARA")
    (claim,) = extract_claims(parse(text), doc, [])
    assert claim.predicate == "block"
    assert claim.where_text == "VELMARA"
    assert (claim.where_start, claim.where_end) == (0, 7)
    assert claim.subject_text == "Protesters"


# --------------------------------------------------------------------------- corroboration

MERIDIAN = (
    "Gunmen ambushed an army convoy near Tarsk on Friday, killing four soldiers. "
    "The finance ministry unveiled a new fuel subsidy for farmers on Monday."
)
RIDGE = (
    "Four soldiers died when fighters attacked a military convoy outside Tarsk last Friday. "
    "The regional council will hold a harvest festival in the spring."
)


def _corpus():
    docs = [
        _doc(MERIDIAN, "a", outlet="The Meridian Post", published="2024-03-04"),
        _doc(RIDGE, "b", outlet="Ridge Voice", published="2024-03-05"),
        # a wire copy of the Meridian story run two days later by a third site
        _doc(MERIDIAN, "c", outlet="Harbour Daily", published="2024-03-06"),
    ]
    texts = {d.id: d.text for d in docs}

    def entity_at(doc_id, start, end):
        span = texts[doc_id][start:end]
        return "ent-tarsk" if span == "Tarsk" else None

    claims = []
    for d in docs:
        claims += extract_claims(parse(d.text), d, [])
    copies = find_republications([(d.id, d.text, d.published) for d in docs])
    outlets = {d.id: d.outlet for d in docs}
    return docs, claims, copies, outlets, entity_at


def test_find_republications_maps_copy_to_earliest():
    docs, _, copies, _, _ = _corpus()
    assert copies == {"c": "a"}


def test_find_republications_near_duplicate_and_distinct():
    body = " ".join(
        f"Sentence {i} tells how the Vell river ferry carried {i} crates." for i in range(40)
    )
    edited = body.replace("Sentence 3 ", "Line 3 ") + " Editor's note: updated."
    other = " ".join(f"Paragraph {i} reports the Orlan market sold {i} baskets." for i in range(40))
    copies = find_republications(
        [("late", edited, "2024-05-02"), ("early", body, "2024-05-01"), ("x", other, "2024-04-01")]
    )
    assert copies == {"late": "early"}


def test_same_ambush_in_different_words_clusters_across_outlets():
    _, claims, copies, outlets, entity_at = _corpus()
    clusters = cluster_claims(claims, outlets, copies, entity_at)
    by_claim = {cid: cl for cl in clusters for cid in cl.claim_ids}
    ambush_a = next(c for c in claims if c.doc_id == "a" and c.predicate == "ambush")
    died_b = next(c for c in claims if c.doc_id == "b" and c.predicate == "die")
    subsidy = next(c for c in claims if c.doc_id == "a" and c.predicate == "unveil")
    assert ambush_a.cluster_id == died_b.cluster_id is not None
    ambush = by_claim[ambush_a.id]
    assert ambush.outlets == ["Harbour Daily", "Ridge Voice", "The Meridian Post"]
    # the Harbour Daily copy does not add an independent outlet
    assert ambush.independent_outlets == 2
    assert ambush.doc_ids == ["a", "b", "c"]
    assert ambush.label.startswith("Gunmen ambushed")
    # the subsidy is another event
    assert subsidy.cluster_id != ambush_a.cluster_id
    assert by_claim[subsidy.id].independent_outlets == 1


def test_timeline_is_dated_and_ordered():
    _, claims, copies, outlets, entity_at = _corpus()
    clusters = cluster_claims(claims, outlets, copies, entity_at)
    timeline = build_timeline(claims, clusters, entity_at)
    dates = [e.date for e in timeline]
    assert dates == sorted(dates)
    first = timeline[0]
    assert (first.date, first.date_precision) == ("2024-03-01", "day")
    assert first.description.startswith("Gunmen ambushed")
    assert first.entity_ids == ["ent-tarsk"]
    assert first.doc_ids == ["a", "b", "c"]
    subsidy = next(e for e in timeline if "subsidy" in e.description)
    assert subsidy.date == "2024-03-04"  # "on Monday" for both the original and the copy
    assert len({e.id for e in timeline}) == len(timeline)
    # the undated festival claim has no entry
    assert not any("festival" in e.description for e in timeline)


# --------------------------------------------------------------------------- more extraction


def test_future_tense_weekday_looks_ahead():
    assert resolve_date("on Tuesday", "2024-03-04", future=True).start == "2024-03-05"
    text = "The council said the bridge would reopen on Tuesday. The bridge closed on Tuesday."
    doc = _doc(text, published="2024-03-04")  # a Monday
    by_pred = _claims_by_predicate(extract_claims(parse(text), doc, []))
    assert by_pred["reopen"].when.start == "2024-03-05"
    assert by_pred["close"].when.start == "2024-02-27"


def test_date_of_a_relative_clause_keeps_its_own_tense():
    text = (
        "The truce will be monitored by the Harbour Council, whose envoy arrived in Velmara "
        "on Sunday."
    )
    claim, *in_passing = extract_claims(parse(text), _doc(text, published="2024-03-12"), [])
    assert claim.when.start == "2024-03-10"  # the Sunday before, not after
    # the relative clause is a claim of its own too (claims-clause-event), with its date
    assert [(c.predicate, c.when.start if c.when else None) for c in in_passing] == [
        ("arrive", "2024-03-10")
    ]


def test_dateline_with_date_and_agency_tag_is_not_the_subject():
    text = (
        "VELMARA, March 1 (Orbis Wire) - Fighters from the Ridge Front ambushed a police "
        "patrol near Tarsk on Friday."
    )
    doc = _doc(text, published="2024-03-01", dateline="VELMARA")
    (claim,) = extract_claims(parse(text), doc, [])
    assert claim.text.startswith("Fighters from the Ridge Front")
    assert claim.subject_text == "Fighters"
    assert claim.when.text == "Friday" and claim.when.start == "2024-03-01"


def test_quote_running_over_several_sentences_is_not_the_outlets():
    text = (
        'The mayor spoke at noon. "The river rose in the night. Three farms flooded. '
        'We need help," she said.'
    )
    claims = extract_claims(parse(text), _doc(text), [])
    kinds = {c.predicate: c.source_kind for c in claims}
    assert kinds["speak"] == "outlet"
    assert kinds["rise"] == "quote"
    assert kinds["flood"] == "quote"


def test_interview_answers_are_the_interviewees_and_questions_are_skipped():
    text = (
        "Professor Mila Drent studies the Vell valley.\n\n"
        "Q: Who blocked the road?\n\n"
        "A: The farmers blocked it. They wanted water.\n\n"
        "Drent later sent a map of the valley."
    )
    claims = extract_claims(parse(text), _doc(text), [])
    by_pred = _claims_by_predicate(claims)
    assert by_pred["block"].source_kind == "quote"
    assert by_pred["block"].text == "The farmers blocked it."  # not run on from "Q: ...?"
    assert by_pred["want"].source_kind == "quote"
    assert by_pred["send"].source_kind == "outlet"
    assert by_pred["study"].source_kind == "outlet"
    assert not any(c.text.startswith("Q:") for c in claims)


def test_same_action_in_two_places_stays_apart():
    a = "Harlan Vey won the regional primary in Port Essel on Tuesday, officials said."
    b = "Harlan Vey won the regional primary in Tarsk on Tuesday, officials said."
    docs = [
        _doc(a, "p1", outlet="The Meridian Post", published="2024-03-06"),
        _doc(b, "p2", outlet="Ridge Voice", published="2024-03-06"),
    ]
    claims = [c for d in docs for c in extract_claims(parse(d.text), d, [])]
    clusters = cluster_claims(claims, {"p1": "The Meridian Post", "p2": "Ridge Voice"}, {}, _none)
    assert len(clusters) == 2
    assert all(cl.independent_outlets == 1 for cl in clusters)


def _none(doc_id, start, end):
    return None


def test_claim_only_inside_a_quote_still_counts_for_its_outlet():
    a = "Floodwater destroyed the Vell river bridge near Orlan on Sunday."
    b = '"Floodwater destroyed the old Vell river bridge near Orlan on Sunday," Mayor Ilse Vantor said.'
    docs = [
        _doc(a, "n1", outlet="The Meridian Post", published="2024-03-05"),
        _doc(b, "n2", outlet="Ridge Voice", published="2024-03-05"),
    ]
    claims = [c for d in docs for c in extract_claims(parse(d.text), d, [])]
    kinds = {c.doc_id: c.source_kind for c in claims if c.predicate == "destroy"}
    assert kinds == {"n1": "outlet", "n2": "quote"}
    outlets = {"n1": "The Meridian Post", "n2": "Ridge Voice"}
    (cluster,) = [cl for cl in cluster_claims(claims, outlets, {}, _none) if len(cl.doc_ids) == 2]
    assert cluster.independent_outlets == 2
    assert cluster.label == a  # the outlet's narration, not the quote


def test_republication_chain_and_undated_copy():
    body = " ".join(f"Item {i}: the Orlan ferry carried {i} sacks of grain." for i in range(30))
    copies = find_republications(
        [("undated", body, None), ("second", body, "2024-05-03"), ("first", body, "2024-05-01")]
    )
    assert copies == {"undated": "first", "second": "first"}
    assert find_republications([("only", body, None), ("empty", "", None)]) == {}


def test_timeline_includes_dated_claims_outside_clusters():
    text = "The Orlan council opened a new school on Monday."
    doc = _doc(text, "t1", published="2024-03-06")
    claims = extract_claims(parse(text), doc, [])
    (entry,) = build_timeline(claims, [], _none)
    assert (entry.date, entry.date_precision) == ("2024-03-04", "day")
    assert entry.claim_ids == [claims[0].id] and entry.doc_ids == ["t1"]


def test_archive_style_double_apostrophe_quotes_are_quotes():
    text = "The ferry stopped at noon. ''The engine failed twice,'' the captain said."
    claims = extract_claims(parse(text), _doc(text), [])
    kinds = {c.predicate: c.source_kind for c in claims}
    assert kinds == {"stop": "outlet", "fail": "quote"}


def test_a_block_sweeps_dated_claims_and_pairs_only_those_whose_dates_overlap() -> None:
    from presslens.claims.cluster import _block_pairs
    from presslens.models import Claim, When

    def claim(k: int, start: str | None, end: str | None = None) -> Claim:
        when = When(start, end or start, "day") if start else None
        return Claim(f"c{k}", f"d{k}", 0, 10, "Gunmen burned the depot.", "burn", when=when)

    claims = [
        claim(0, "2031-03-04"),
        claim(1, "2031-03-09"),
        claim(2, None),
        claim(3, "2031-03-01", "2031-03-31"),  # "in March" overlaps both days
    ]
    pairs = {
        tuple(sorted((a, b)))
        for a, later in _block_pairs([0, 1, 2, 3], claims, True)
        for b in later
    }
    assert pairs == {(0, 2), (1, 2), (2, 3), (0, 3), (1, 3)}  # 4 and 9 March never meet
    every = {(a, b) for a, later in _block_pairs([0, 1, 2, 3], claims, False) for b in later}
    assert len(every) == 6
