"""Where a document comes from: the sources manifest and the outlets file (invented outlets)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from presslens import export
from presslens.cli import app
from presslens.pipeline import analyze
from presslens.sources import outlet_for_url, parse_outlets

runner = CliRunner()
A = "Crane collapse halts port\n\nThe harbour authority of Port Vessa suspended night shipments on Tuesday after a crane collapsed onto the main quay.\n"
B = "Ferry fares rise\n\nThe ferry company of Port Vessa raised fares on Wednesday for the third time this year, citing fuel costs.\n"
MANIFEST = (
    "file,url,outlet,published,authors,title\n"
    "a.txt,,The Vessa Courier,2024-03-05,Orrin Flax;Bea Tal,\n"
    "b.txt,https://news.harbourledger.co.uk/x/1,,2024-03-06,,\n"
    "missing.txt,,X,2024-01-01,,\n"
    "b.txt,,Y,not a date,,\n"
)


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    (folder / "sources.csv").write_text(MANIFEST, encoding="utf-8")
    return folder


def documents(db: Path, out: Path) -> dict[str, dict]:
    export(db, out, format="jsonl")
    rows = [json.loads(line) for line in (out / "documents.jsonl").open(encoding="utf-8")]
    return {Path(r["source"]).name: r for r in rows}


def test_a_sources_csv_in_the_folder_gives_outlet_date_and_authors(tmp_path) -> None:
    db = tmp_path / "s.db"
    report = analyze([corpus(tmp_path)], db)
    docs = documents(db, tmp_path / "out")
    assert set(docs) == {"a.txt", "b.txt"}  # the manifest itself is no article
    a = docs["a.txt"]
    assert (a["outlet"], a["published"], a["authors"]) == (
        "The Vessa Courier",
        "2024-03-05",
        ["Orrin Flax", "Bea Tal"],
    )
    assert a["provenance"]["outlet"] == "manifest"
    reasons = [str(p) for p in report.problems]
    assert any("sources.csv:4" in r and "missing.txt" in r for r in reasons)
    assert any("sources.csv:5" in r and "not a date" in r for r in reasons)
    assert any("sources.csv:5" in r and "second row" in r for r in reasons)


def test_a_url_gives_the_outlet_through_the_users_outlets_file(tmp_path) -> None:
    db = tmp_path / "s.db"
    added = runner.invoke(
        app, ["outlets", "add", "harbourledger.co.uk", "The Harbour Ledger", "--db", str(db)]
    )
    assert added.exit_code == 0, added.output
    analyze([corpus(tmp_path)], db)
    assert documents(db, tmp_path / "out")["b.txt"]["outlet"] == "The Harbour Ledger"
    renamed = runner.invoke(
        app, ["outlets", "rename", "The Harbour Ledger", "Harbour Ledger", "--db", str(db)]
    )
    assert renamed.exit_code == 0, renamed.output
    assert documents(db, tmp_path / "out2")["b.txt"]["outlet"] == "Harbour Ledger"


def test_subdomains_map_to_the_registered_domain_and_a_bad_line_is_named() -> None:
    table, problems = parse_outlets(
        "domain,outlet,group\nharbourledger.co.uk,The Harbour Ledger,\nbad\n", "my-outlets.csv"
    )
    row = outlet_for_url("https://news.harbourledger.co.uk/story/2", table)
    assert row is not None and row.outlet == "The Harbour Ledger"
    assert len(problems) == 1 and "my-outlets.csv:3" in str(problems[0])
