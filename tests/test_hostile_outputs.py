"""Hostile outputs: report and export onto bad paths, overwriting, spreadsheet formulas in CSV
cells, escape sequences and markup in article text, corrupt pins and reference files."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from presslens.export import csv_cell, export
from presslens.store import Store

from .hostile import article, run_cli, write_bytes


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from presslens.pipeline import analyze

    folder = tmp_path_factory.mktemp("in")
    text = article(1) + (
        '\n\n"=HYPERLINK(1) we will \x1b[31mwin :100: [bold]this vote[/bold]\x1b[0m by spring," '
        "Mayor Idris Kallen said on Wednesday."
    )
    write_bytes(folder / "a.txt", text.encode())
    rows = [{"text": article(2), "title": "=1+2 Kovar trams", "authors": ["@Ana Rell"]}]
    write_bytes(folder / "b.jsonl", "".join(json.dumps(r) + "\n" for r in rows).encode())
    db = tmp_path_factory.mktemp("db") / "s.db"
    assert len(analyze([folder], db).added) == 2
    return db


def test_report_refuses_bad_paths_and_overwriting_without_force(store, tmp_path, capsys) -> None:
    write_bytes(tmp_path / "plain.txt", b"x")
    write_bytes(tmp_path / "old.html", b"x")
    site = tmp_path / "site"
    assert run_cli(["report", site, "--db", store], capsys)[0] == 0  # a folder: the static site
    cases = {
        tmp_path / "plain.txt" / "r.html": "plain.txt is a file, not a folder",
        tmp_path / "old.html": "already exists; pass --force",
        tmp_path / "plain.txt": "is a file; this writes a folder of files",
        site: "already holds earlier output; pass --force",
    }
    for out, reason in cases.items():
        code, _, err = run_cli(["report", out, "--db", store], capsys)
        assert code == 2 and err.startswith(f"error: {out}: ") and reason in err, err
        assert err.count("\n") == 1
    assert (tmp_path / "plain.txt").read_bytes() == b"x"  # not overwritten
    assert (tmp_path / "old.html").read_bytes() == b"x"
    assert run_cli(["report", tmp_path / "old.html", "--db", store, "--force"], capsys)[0] == 0
    assert "<html" in (tmp_path / "old.html").read_text("utf-8").lower()
    assert run_cli(["report", site, "--db", store, "--force"], capsys)[0] == 0


def test_export_refuses_a_file_and_an_earlier_export_without_force(store, tmp_path, capsys):
    write_bytes(tmp_path / "plain.txt", b"x")
    code, _, err = run_cli(["export", tmp_path / "plain.txt", "--db", store], capsys)
    assert code == 2 and "is a file; this writes a folder" in err
    assert run_cli(["export", tmp_path / "out", "--db", store], capsys)[0] == 0
    code, _, err = run_cli(["export", tmp_path / "out", "--db", store], capsys)
    assert code == 2 and "already holds earlier output; pass --force" in err
    assert run_cli(["export", tmp_path / "out", "--db", store, "--force"], capsys)[0] == 0


def test_an_unwritable_output_is_one_line(store, tmp_path, capsys, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "ro" / "r.html"))

    monkeypatch.setattr(Path, "write_text", refuse)  # root writes into a chmod 555 folder anyway
    code, _, err = run_cli(["report", tmp_path / "ro" / "r.html", "--db", store], capsys)
    assert (
        code == 2
        and err == f"error: {tmp_path / 'ro' / 'r.html'}: cannot write (Permission denied)\n"
    )


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(store, tmp_path) -> None:
    export(store, tmp_path, "csv")
    with (tmp_path / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    titles = sorted(row["title"] for row in rows)
    assert "'=1+2 Kovar trams" in titles
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert csv_cell("+44 20") == "'+44 20" and csv_cell("\tx") == "'\tx" and csv_cell(-2.5) == -2.5
    jsonl = (tmp_path / "x").mkdir() or export(store, tmp_path / "x", "jsonl")
    assert jsonl["documents"] == 2 and '"=1+2 Kovar trams"' in (
        tmp_path / "x" / "documents.jsonl"
    ).read_text("utf-8")


def test_show_quote_strips_escape_sequences_and_keeps_markup_and_emoji_codes_as_text(
    store, capsys
) -> None:
    quote = next(q for q in Store(store).iter_quotes() if "HYPERLINK" in q.text)
    code, out, _ = run_cli(["show", "quote", quote.id[:10], "--db", store], capsys)
    assert code == 0 and "\x1b" not in out
    assert "[bold]this vote[/bold]" in out and ":100:" in out and "💯" not in out


def test_a_corrupt_pins_file_is_one_line_and_the_store_keeps_its_documents(store, tmp_path, capsys):
    db = tmp_path / "s.db"
    with sqlite3.connect(store) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    pins = tmp_path / "s.pins.json"
    pins.write_text('{"merges": [["Idris Kallen"', encoding="utf-8")
    code, _, err = run_cli(["entities", "merge", "Kallen", "Idris Kallen", "--db", db], capsys)
    assert code == 2 and err.startswith(f"error: {pins}: cannot read the entity pins file")
    assert "fix it or move it away" in err and Store(db).count("documents") == 2


def test_a_binary_reference_list_is_one_line(store, tmp_path, capsys) -> None:
    refs = write_bytes(tmp_path / "refs.csv", bytes(range(256)) * 8)
    code, _, err = run_cli(["entities", "link", refs, "--db", store], capsys)
    assert code == 2 and err.startswith(f"error: {refs}: cannot read as a reference list")
    assert Store(store).get_meta("references") is None  # nothing changed


def _acronym_article(day: int, place: str) -> str:
    return (
        f"Published: 2031-05-{day:02d}\n\n"
        f"The Orvane Harbour Guild (OHG) opened talks in {place} on Monday. "
        f"A spokesman for the OHG said the talks in {place} would last a week.\n\n"
        "Dock workers in the city welcomed the news."
    )


def test_evidence_cites_the_earliest_document_whatever_the_reading_order(tmp_path) -> None:
    """Two stores read the same three articles in opposite orders: the entity's reasons (and
    every other export) are identical, and the acronym's evidence is the earliest article's."""
    from presslens.pipeline import analyze

    files = [
        write_bytes(tmp_path / "in" / f"{name}.txt", _acronym_article(day, place).encode())
        for name, day, place in (("b", 9, "Velm"), ("a", 3, "Tarsk"), ("c", 20, "Oster"))
    ]
    exports = []
    for order in (files, files[::-1]):
        db = tmp_path / f"s{len(exports)}.db"
        for path in order:
            analyze([path], db)
        out = tmp_path / f"out{len(exports)}"
        export(db, out)
        exports.append(out)
    for name in ("entities.jsonl", "mentions.jsonl", "claim_clusters.jsonl"):
        assert (exports[0] / name).read_text() == (exports[1] / name).read_text(), name
    docs = {
        json.loads(line)["source"]: json.loads(line)["id"]
        for line in open(exports[0] / "documents.jsonl")
    }
    earliest = next(doc_id for source, doc_id in docs.items() if source.endswith("a.txt"))
    guild = [json.loads(line) for line in open(exports[0] / "entities.jsonl")]
    reasons = [r for e in guild for r in e["reasons"] if r["alias"] == "OHG"]
    assert reasons and reasons[0]["evidence"].endswith(f"in doc {earliest}"), reasons


def test_a_source_name_holding_a_newline_is_shown_not_a_crash() -> None:
    """A file named with a line break (the fuzz campaign writes such names) used to stop
    `report` with an assertion; it is shown relative to the input folder like any other."""
    from presslens.api.corpus import display_sources

    shown = display_sources(["/in/two\nlines.txt", "/in/feed.jsonl:3"])
    assert shown == {
        "/in/two\nlines.txt": "two\nlines.txt",
        "/in/feed.jsonl:3": "feed.jsonl:3",
    }
