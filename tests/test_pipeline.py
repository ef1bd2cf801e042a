"""End to end: folders in, store out; idempotent re-runs, duplicates, bad input that never stops a run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from presslens import quotes as quotes_stage
from presslens.pipeline import SpanIndex, analyze
from presslens.store import Store

from .conftest import ARTICLE, CORPUS, write


def test_example_corpus_is_stored_with_metadata(corpus_db: Path, gold: dict) -> None:
    store = Store(corpus_db)
    files = [p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html", ".htm", ".md", ".jsonl"}]
    assert store.count("documents") == len(files)
    assert store.count("mentions") > 200
    assert store.count("quotes") > 30
    assert store.count("entities") > 20


def test_rerun_adds_nothing_and_new_file_is_the_only_one_processed(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder / "a.txt", ARTICLE)
    write(
        folder / "b.txt", ARTICLE.replace("Orsk bridge", "Tarn bridge").replace("Monday", "Friday")
    )
    db = tmp_path / "p.db"
    first = analyze([folder], db)
    assert sorted(Path(s).name for s in first.added) == ["a.txt", "b.txt"]
    counts = {t: Store(db).count(t) for t in ("documents", "mentions", "quotes", "claims")}

    again = analyze([folder], db)
    assert again.added == [] and again.duplicates == [] and len(again.unchanged) == 2
    assert {t: Store(db).count(t) for t in counts} == counts

    write(
        folder / "c.txt",
        ARTICLE.replace("Orsk bridge", "Kovar dam").replace("Karel Ostrova", "Ilsa Brandt"),
    )
    third = analyze([folder], db)
    assert [Path(s).name for s in third.added] == ["c.txt"]
    assert Store(db).count("documents") == 3


def test_exact_duplicate_is_skipped_and_named(tmp_path: Path) -> None:
    write(tmp_path / "one.txt", ARTICLE)
    write(tmp_path / "copy.txt", ARTICLE.replace("\n", "\r\n"))  # same content, other line endings
    report = analyze([tmp_path / "one.txt", tmp_path / "copy.txt"], tmp_path / "d.db")
    assert [Path(s).name for s in report.added] == ["one.txt"]
    assert [(Path(a).name, Path(b).name) for a, b in report.duplicates] == [("copy.txt", "one.txt")]


def test_bad_inputs_each_get_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write(folder / "good.txt", ARTICLE)
    write(folder / "empty.txt", "   \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    write(
        folder / "lines.jsonl",
        '{"text": "Officials in Velmora said the bridge would reopen.", "outlet": "Velmora Ledger"}\n{not json\n{"title": "no text"}\n',
    )
    (tmp_path / "empty-folder").mkdir()
    missing = tmp_path / "does-not-exist.txt"
    report = analyze([folder, tmp_path / "empty-folder", missing], tmp_path / "b.db")

    reasons = {
        Path(p.source.split(":")[0]).name
        if ".jsonl" not in p.source
        else p.source.rsplit("/", 1)[-1]: p.reason
        for p in report.problems
    }
    assert "empty.txt" in reasons and "empty" in reasons["empty.txt"].lower()
    assert "binary.txt" in reasons and "binary" in reasons["binary.txt"].lower()
    assert "lines.jsonl:2" in reasons and "lines.jsonl:3" in reasons
    assert "empty-folder" in reasons
    assert "does-not-exist.txt" in reasons
    store = Store(tmp_path / "b.db")
    titles = {d.title for d in store.iter_documents()}
    assert "Bridge talks collapse in Velmora" in titles
    assert store.count("documents") == 2  # good.txt and the valid jsonl line
    assert report.ok


def test_an_extractor_crash_loses_only_that_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = quotes_stage.extract_quotes

    def fragile(parsed, document):
        if "Tarn" in document.text:
            raise RuntimeError("simulated failure")
        return real(parsed, document)

    monkeypatch.setattr(quotes_stage, "extract_quotes", fragile)
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", ARTICLE.replace("Orsk", "Tarn"))
    report = analyze([tmp_path / "in"], tmp_path / "c.db")
    assert [Path(s).name for s in report.added] == ["a.txt"]
    assert len(report.problems) == 1 and "simulated failure" in report.problems[0].reason
    store = Store(tmp_path / "c.db")
    assert store.count("documents") == 1
    # nothing half-written for the failed document
    assert all(m.doc_id == next(store.iter_documents()).id for m in store.iter_mentions())


def test_a_50_mb_file_is_refused_in_one_line_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.write(b"The Velmora bridge stayed closed. " * (50 * 1024 * 1024 // 34 + 1))
    write(tmp_path / "ok.txt", ARTICLE)
    report = analyze([big, tmp_path / "ok.txt"], tmp_path / "big.db")
    assert [Path(p.source).name for p in report.problems] == ["huge.txt"]
    assert "too large" in report.problems[0].reason and "MB" in report.problems[0].reason
    assert [Path(s).name for s in report.added] == ["ok.txt"]


def test_an_interrupted_run_is_repaired_by_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import presslens.pipeline as pipeline

    write(tmp_path / "in" / "a.txt", ARTICLE)
    monkeypatch.setattr(
        pipeline, "rebuild", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    with pytest.raises(KeyboardInterrupt):
        analyze([tmp_path / "in"], tmp_path / "i.db")
    monkeypatch.undo()
    store = Store(tmp_path / "i.db")
    assert store.count("documents") == 1 and store.count("entities") == 0 and store.needs_rebuild()

    again = analyze([tmp_path / "in"], tmp_path / "i.db")
    assert again.added == [] and not store.needs_rebuild()
    assert all(m.entity_id for m in store.iter_mentions())


def test_a_label_inside_a_quote_is_not_the_outlets_framing(tmp_path: Path) -> None:
    article = ARTICLE.replace(
        "The Velmora Transit Authority said",
        '"The criminal Tomas Reller is behind the blockade," said Karel Ostrova. The separatist leader Tomas Reller denied it. The Velmora Transit Authority said',
    )
    write(tmp_path / "a.txt", article)
    analyze([tmp_path / "a.txt"], tmp_path / "f.db")
    store = Store(tmp_path / "f.db")
    reller = next(e for e in store.iter_entities() if e.name == "Tomas Reller")
    terms = {row["term"] for row in store.iter_rows("framing") if row["entity_id"] == reller.id}
    assert "separatist leader" in terms
    assert not any("criminal" in t for t in terms)
    assert not any("criminal" in d["text"].lower() for d in reller.descriptors)


def test_a_file_with_no_article_text_left_is_a_problem(tmp_path: Path) -> None:
    write(
        tmp_path / "only-furniture.txt",
        "Share this: Facebook Twitter WhatsApp\n\nSupport independent journalism. Donate now\n",
    )
    report = analyze([tmp_path / "only-furniture.txt"], tmp_path / "n.db")
    assert report.added == [] and len(report.problems) == 1
    assert Store(tmp_path / "n.db").count("documents") == 0


def test_nothing_readable_is_not_ok(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    assert not analyze([tmp_path / "empty.txt"], tmp_path / "e.db").ok


def test_quote_speakers_resolve_to_entities(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    analyze([tmp_path / "a.txt"], tmp_path / "q.db")
    store = Store(tmp_path / "q.db")
    by_text = {q.text: q for q in store.iter_quotes()}
    quote = next(q for t, q in by_text.items() if "good faith" in t)
    assert quote.speaker is not None and quote.speaker.text == "Karel Ostrova"
    entity = next(e for e in store.iter_entities() if e.id == quote.speaker.entity_id)
    assert entity.name == "Karel Ostrova"


def test_span_index_finds_the_overlapping_mention() -> None:
    from presslens.models import Mention

    mentions = [
        Mention("m1", "d", 10, 20, "Karel Ostrova", "PERSON", entity_id="e1"),
        Mention("m2", "d", 40, 52, "Velmora", "GPE", entity_id="e2"),
    ]
    at = SpanIndex(mentions)
    assert at("d", 12, 15) == "e1"
    assert at("d", 0, 60) in {"e1", "e2"}
    assert at("d", 21, 39) is None
    assert at("other", 10, 20) is None


def test_a_name_after_a_preposition_is_not_the_head_of_a_speaker_phrase() -> None:
    from presslens.models import Mention

    text = "three witnesses interviewed by the Harbour Ledger"
    start = text.index("Harbour Ledger")
    mentions = [Mention("m1", "d", start, len(text), "Harbour Ledger", "ORG", entity_id="e1")]
    at = SpanIndex(mentions)
    assert at.head("d", 0, len(text)) == "e1"  # without the text: the last name wins
    assert at.head("d", 0, len(text), text) is None
    vesk = "the group's leader Ilan Vesk"
    at = SpanIndex([Mention("m2", "d", 19, len(vesk), "Ilan Vesk", "PERSON", entity_id="e2")])
    assert at.head("d", 0, len(vesk), vesk) == "e2"


def test_an_unnamed_speaker_gets_no_entity_even_when_it_names_a_group(tmp_path: Path) -> None:
    article = ARTICLE.replace(
        "The Velmora Transit Authority said in a statement",
        '"Nobody will cross before summer," a Velmora Transit Authority engineer said. The Velmora Transit Authority said in a statement',
    )
    write(tmp_path / "a.txt", article)
    analyze([tmp_path / "a.txt"], tmp_path / "u.db")
    store = Store(tmp_path / "u.db")
    quote = next(q for q in store.iter_quotes() if "Nobody will cross" in q.text)
    assert quote.speaker is not None and quote.speaker.text.endswith("engineer")
    assert quote.speaker.entity_id is None
    named = next(q for q in store.iter_quotes() if "good faith" in q.text)
    assert named.speaker.entity_id is not None


def test_copied_corpus_folder_keeps_ids_stable(tmp_path: Path) -> None:
    write(tmp_path / "src" / "a.txt", ARTICLE)
    analyze([tmp_path / "src"], tmp_path / "1.db")
    shutil.copytree(tmp_path / "src", tmp_path / "elsewhere")
    analyze([tmp_path / "elsewhere"], tmp_path / "2.db")
    ids1 = sorted(q.id for q in Store(tmp_path / "1.db").iter_quotes())
    ids2 = sorted(q.id for q in Store(tmp_path / "2.db").iter_quotes())
    assert ids1 == ids2 and ids1


HEADER_ARTICLE = """Dam vote splits Tolvane council

World | Kessara | Sport | Brenna Holt

Mayor Ilan Vesk walks out of the council chamber in Tolvane

By Jane Roe

TOLVANE — The council of Tolvane voted on Friday to approve the dam deal with Orrin Hydro, \
after a night of debate that left the chamber divided and the mayor without a majority.

Councillor Mira Dask said the deal had been signed without a proper vote and that the town \
would pay for it for decades.

Vesk said he would not resign. "The port will not close," he told reporters on Friday evening.
"""


def test_a_standfirst_removed_from_the_body_is_still_read_for_names(tmp_path: Path) -> None:
    """The standfirst leaves the body but its names are stored with field "header", spans of
    `Document.header`, joined to the body's entity; the menu line's names are read nowhere, and
    nothing but names and events comes from the header (no quotes, no claims)."""
    write(tmp_path / "a.txt", HEADER_ARTICLE)
    db = tmp_path / "h.db"
    analyze([tmp_path / "a.txt"], db)
    store = Store(db)
    (document,) = store.iter_documents()
    standfirst = "Mayor Ilan Vesk walks out of the council chamber in Tolvane"
    assert standfirst not in document.text
    assert document.header == standfirst
    mentions = list(store.iter_mentions())
    header = [m for m in mentions if m.field == "header"]
    vesk = next(m for m in header if m.text == "Ilan Vesk")
    assert (vesk.start, vesk.end) == (6, 15) and document.header[vesk.start : vesk.end] == vesk.text
    assert vesk.type == "PERSON" and vesk.descriptor is None
    body_vesk = next(m for m in mentions if m.field == "body" and m.text == "Vesk")
    assert vesk.entity_id is not None and vesk.entity_id == body_vesk.entity_id
    assert not any("Brenna Holt" in m.text or "Kessara" in m.text for m in mentions)
    assert all(
        q.start < len(document.text) and q.text in document.text for q in store.iter_quotes()
    )
    header_events = [e for e in store.iter_events() if e.field == "header"]
    assert "walks" in {e.text for e in header_events}
    assert all(document.header[e.start : e.end] == e.text for e in header_events)
    assert all(c.text in document.text for c in store.iter_claims())


def test_a_label_inside_a_quote_is_dropped_but_a_bare_title_stays():
    from presslens.models import Mention, Quote
    from presslens.pipeline import _drop_quoted_descriptors

    text = '"The traitor Renn and Minister Lasku lied," Vesk said.'
    quote = Quote(id="q1", doc_id="d1", start=0, end=40, text=text[:40], kind="direct")
    label = Mention("m1", "d1", 12, 16, "Renn", "PERSON", descriptor="The traitor")
    title = Mention("m2", "d1", 30, 35, "Lasku", "PERSON", descriptor="Minister")
    outside = Mention("m3", "d1", 48, 52, "Vesk", "PERSON", descriptor="envoy")
    _drop_quoted_descriptors([label, title, outside], [quote])
    assert label.descriptor is None  # the speaker's label, not the outlet's
    assert title.descriptor == "Minister"  # a form of address: evidence of who is meant
    assert outside.descriptor == "envoy"
