"""The export contract: eight files, every row valid against the shipped JSON Schema, real content."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest

from presslens.export import RECORD_TYPES, export, export_schema


@pytest.fixture(scope="module")
def exported(corpus_db: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export(corpus_db, out, "jsonl")
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_file_is_written_and_schema_valid(exported: Path) -> None:
    schema = export_schema()
    for record_type in RECORD_TYPES:
        path = exported / f"{record_type}.jsonl"
        assert path.exists(), record_type
        validator = jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{record_type}"})
        for row in read_jsonl(path):
            errors = sorted(validator.iter_errors(row), key=str)
            assert not errors, f"{record_type}: {errors[0].message} in {str(row)[:200]}"


def test_offsets_point_at_the_text_they_claim(exported: Path) -> None:
    documents = {d["id"]: d for d in read_jsonl(exported / "documents.jsonl")}
    texts = {doc_id: d["text"] for doc_id, d in documents.items()}
    in_title = 0
    for name in ("mentions", "quotes", "claims", "events"):
        rows = read_jsonl(exported / f"{name}.jsonl")
        assert rows, name
        for row in rows:
            field = row.get("field", "body")  # mentions and events may be in the title or header
            in_title += field == "title"
            document = documents[row["doc_id"]]
            source = document[field] if field in ("title", "header") else texts[row["doc_id"]]
            assert source[row["start"] : row["end"]] == row["text"], (name, row["id"])
    assert in_title  # headlines are read for names and events too
    for row in read_jsonl(exported / "quotes.jsonl"):
        speaker = row["speaker"]
        if speaker and speaker["start"] is not None:
            assert texts[row["doc_id"]][speaker["start"] : speaker["end"]] == speaker["text"]


def test_header_mentions_are_exported_as_spans_of_the_header(tmp_path: Path) -> None:
    """A sub-headline cleaning took out of the body is exported as `documents.header`; its names
    are mentions with field "header", valid against the schema and spans of that header."""
    from presslens.pipeline import analyze

    from .test_pipeline import HEADER_ARTICLE

    (tmp_path / "a.txt").write_text(HEADER_ARTICLE, "utf-8")
    analyze([tmp_path / "a.txt"], tmp_path / "h.db")
    export(tmp_path / "h.db", tmp_path / "out", "jsonl")
    schema = export_schema()
    (document,) = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert document["header"] == "Mayor Ilan Vesk walks out of the council chamber in Tolvane"
    mentions = read_jsonl(tmp_path / "out" / "mentions.jsonl")
    header = [m for m in mentions if m["field"] == "header"]
    assert "Ilan Vesk" in [m["text"] for m in header]
    for name, rows in (("documents", [document]), ("mentions", header)):
        validator = jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"})
        assert all(not list(validator.iter_errors(row)) for row in rows), name
    assert all(document["header"][m["start"] : m["end"]] == m["text"] for m in header)


def test_comments_and_boilerplate_are_exported_apart_from_text(exported: Path, gold: dict) -> None:
    docs = {Path(d["source"]).name: d for d in read_jsonl(exported / "documents.jsonl")}
    with_comments = [g for g in gold["documents"] if g.get("comments")]
    assert with_comments
    for gold_doc in with_comments:
        doc = docs[gold_doc["file"]]
        for comment in gold_doc["comments"]:
            assert comment["text_contains"] not in doc["text"]
            assert any(comment["text_contains"] in c["text"] for c in doc["comments"])
    assert any(r["kind"] for d in docs.values() for r in d["removed"])


def test_entity_ids_link_across_files(exported: Path) -> None:
    entity_ids = {e["id"] for e in read_jsonl(exported / "entities.jsonl")}
    mentions = read_jsonl(exported / "mentions.jsonl")
    assert all(m["entity_id"] in entity_ids for m in mentions if m["entity_id"])
    for entity in read_jsonl(exported / "entities.jsonl"):
        assert entity["mention_count"] == sum(a["count"] for a in entity["aliases"])
    for row in read_jsonl(exported / "framing.jsonl"):
        named = row["entity_id"] in entity_ids
        event_wording = row["entity_id"] == "" and row["kind"] in {"predicate", "loaded"}
        assert named or row["entity_id"].startswith("concept:") or event_wording, row
        assert row["count"] == len(row["examples"]) > 0


def test_csv_has_one_file_per_record_type_with_the_same_rows(
    corpus_db: Path, tmp_path: Path, exported: Path
) -> None:
    counts = export(corpus_db, tmp_path, "csv")
    for record_type in RECORD_TYPES:
        with (tmp_path / f"{record_type}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert (
            len(rows) == counts[record_type] == len(read_jsonl(exported / f"{record_type}.jsonl"))
        )
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    assert first["speaker"] == "" or json.loads(first["speaker"])["text"]


def test_empty_store_still_writes_every_file(tmp_path: Path) -> None:
    counts = export(tmp_path / "empty.db", tmp_path / "out", "jsonl")
    assert counts == {name: 0 for name in RECORD_TYPES}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{n}.jsonl" for n in RECORD_TYPES
    )


def test_every_claim_names_the_registered_rules_that_decided_it(exported: Path) -> None:
    from presslens import rules

    claims = [json.loads(line) for line in (exported / "claims.jsonl").open(encoding="utf-8")]
    assert claims
    for claim in claims:
        assert claim["rules"]["verb"] and claim["rules"]["source"], claim["id"]
        for part, ref in claim["rules"].items():
            if ref is not None:
                assert rules.find(ref).stage.startswith("claims-"), (part, ref)
        if claim["when"] is None:
            assert claim["rules"]["when"] is None
    narrated = [c for c in claims if c["source"]["kind"] == "outlet"]
    assert {c["rules"]["source"] for c in narrated} <= {"claim-outlet-narration"}


def test_an_older_store_gains_the_claims_rules_column(tmp_path: Path) -> None:
    from sqlalchemy import inspect, text

    from presslens.store import Store

    db = tmp_path / "old.db"
    store = Store(db)
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE claims DROP COLUMN rules"))
    reopened = Store(db)
    with reopened.engine.connect() as conn:
        assert "rules" in {c["name"] for c in inspect(conn).get_columns("claims")}
