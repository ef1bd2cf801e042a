"""Shared fixtures: the example corpus analysed once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT / "examples" / "gold.json"


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A store holding the analysed example corpus (shared: tests must not write to it)."""
    from presslens.pipeline import analyze

    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    report = analyze([CORPUS], db)
    assert report.added, report.problems
    return db


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """Bridge talks collapse in Velmora
Bridge talks collapse in Velmora
Published: March 4, 2024
By Anika Tosh

VELMORA – Negotiations over the Orsk bridge collapsed on Monday, officials said.

"We came in good faith and were met with threats," said Deputy Minister Karel Ostrova. "The bridge stays closed."

The Velmora Transit Authority said in a statement that repairs would take six weeks.

Support independent journalism. Donate now

(The Velmora Ledger)
"""
