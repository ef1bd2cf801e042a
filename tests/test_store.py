"""The store: round trips, one transaction per document, full-text search."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from presslens.models import Claim, Comment, Document, Mention, Quote, Removed, Speaker, When
from presslens.store import Store


def sample_document(doc_id: str = "d1", content_hash: str = "h1") -> Document:
    return Document(
        id=doc_id,
        source="x/a.txt",
        text="Karel Ostrova said the Orsk bridge stays closed.",
        outlet="The Velmora Ledger",
        title="Bridge talks collapse",
        authors=["Anika Tosh"],
        published="2024-03-04",
        comments=[Comment("reader1", "2024-03-05", "Lies, all of it.")],
        removed=[Removed("boilerplate", "Donate now")],
        content_hash=content_hash,
    )


def test_document_and_records_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    doc = sample_document()
    quote = Quote(
        "q1", "d1", 20, 48, doc.text[20:48], "indirect", Speaker("Karel Ostrova", 0, 13), cue="said"
    )
    claim = Claim(
        "c1",
        "d1",
        0,
        49,
        doc.text,
        "close",
        when=When("2024-03-04", "2024-03-04", "day", "Monday", 10, 16),
    )
    store.add_document(
        doc, [Mention("m1", "d1", 0, 13, "Karel Ostrova", "PERSON")], [], [quote], [claim]
    )

    back = next(store.iter_documents())
    assert back.comments[0].text == "Lies, all of it." and back.removed[0].kind == "boilerplate"
    assert back.authors == ["Anika Tosh"] and back.published == "2024-03-04"
    assert next(store.iter_quotes()).speaker.text == "Karel Ostrova"
    assert next(store.iter_claims()).when.precision == "day"
    assert store.search("bridge")[0]["doc_id"] == "d1"


def test_a_failed_document_write_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.add_document(sample_document())
    clash = Mention("m1", "d2", 0, 5, "Karel", "PERSON")
    store.add_document(sample_document("d2", "h2"), [clash])
    with pytest.raises(IntegrityError):  # same mention id again: the whole document is rolled back
        store.add_document(sample_document("d3", "h3"), [clash])
    assert {d.id for d in store.iter_documents()} == {"d1", "d2"}
    assert store.search("Ostrova") and len(store.search("Ostrova")) == 2


def test_a_batch_is_one_commit_and_a_duplicate_in_it_costs_only_itself(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.add_document(sample_document())
    mention = [Mention("m2", "d2", 0, 13, "Karel Ostrova", "PERSON")]
    batch = [
        (sample_document("d2", "h2"), (mention,)),
        (sample_document("d3", "h1"), ()),  # the content of d1 again (a concurrent run's copy)
        (sample_document("d4", "h4"), ()),
    ]
    assert store.add_documents(batch) == [True, False, True]
    assert {d.id for d in store.iter_documents()} == {"d1", "d2", "d4"}
    assert [m.text for m in store.iter_mentions()] == ["Karel Ostrova"]
    assert store.add_documents([(sample_document("d5", "h5"), ())]) == [True]


def test_search_accepts_any_user_text(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.add_document(sample_document())
    for query in ("Ostrova's", "bridge-talks", '"x', "AND", "NEAR(", ""):
        store.search(query)  # no FTS5 syntax error
    assert store.search("Ostrova: bridge!")[0]["doc_id"] == "d1"


def test_wal_mode_is_on(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
