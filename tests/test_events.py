"""Event mentions through the whole pipeline, on the fictional example corpus."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from presslens.store import Store


def test_stored_events_slice_their_text_and_cluster_across_outlets(corpus_db: Path) -> None:
    store = Store(corpus_db)
    documents = {d.id: d for d in store.iter_documents()}
    events = list(store.iter_events())
    assert events
    for event in events[:200]:
        document = documents[event.doc_id]
        text = document.title if event.field == "title" else document.text
        assert text[event.start : event.end] == event.text
    outlets_of = defaultdict(set)
    lemmas_of = defaultdict(set)
    for event in events:
        outlets_of[event.cluster_id].add(documents[event.doc_id].outlet)
        lemmas_of[event.cluster_id].add(event.lemma)
    ambush = [c for c, lemmas in lemmas_of.items() if "ambush" in lemmas]
    assert max(len(outlets_of[c]) for c in ambush) >= 4  # one ambush, told by many outlets


def test_events_inside_quotes_are_the_speakers_not_the_outlets(corpus_db: Path) -> None:
    store = Store(corpus_db)
    quotes = {q.id: q for q in store.iter_quotes()}
    quoted = [e for e in store.iter_events() if e.quote_id]
    assert quoted
    for event in quoted:
        quote = quotes[event.quote_id]
        assert quote.doc_id == event.doc_id and quote.start <= event.start < event.end <= quote.end


def test_cluster_dates_agree_when_one_holds_the_other_and_differ_otherwise() -> None:
    from presslens.events import cluster_dates

    agreeing = cluster_dates(
        [("e1", "2024-03-03", "Brisk Post"), ("e2", "2024-03", "Harl Times"), ("e3", None, "X")]
    )
    assert agreeing["date"] == "2024-03-03" and agreeing["dates_differ"] is False
    assert [(d["value"], d["outlets"]) for d in agreeing["dates"]] == [
        ("2024-03-03", ["Brisk Post"]),
        ("2024-03", ["Harl Times"]),
    ]
    differing = cluster_dates(
        [
            ("e1", "2024-03-05", "Brisk Post"),
            ("e2", "2024-03-05", "Harl Times"),
            ("e3", "2024-03-03", "Harl Times"),
        ]
    )
    assert differing["date"] == "2024-03-05" and differing["dates_differ"] is True
    assert differing["dates"][0]["event_ids"] == ["e1", "e2"]
    assert cluster_dates([]) == {"date": None, "dates": [], "dates_differ": False}
