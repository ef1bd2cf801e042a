"""The same pipeline on PostgreSQL: the schema stays portable (`make test` starts a local server)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from presslens.export import export
from presslens.pipeline import analyze
from presslens.store import Store, metadata

from .conftest import ARTICLE, write

URL = os.environ.get("PRESSLENS_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="no PostgreSQL (make test starts one; needs root)")


def test_analyze_and_export_on_postgresql(tmp_path: Path) -> None:
    store = Store(URL)
    metadata.drop_all(store.engine)  # a clean database for each run
    write(tmp_path / "in" / "a.txt", ARTICLE)
    report = analyze([tmp_path / "in"], URL)
    assert [Path(s).name for s in report.added] == ["a.txt"]
    assert analyze([tmp_path / "in"], URL).added == []  # idempotent there too

    store = Store(URL)
    quote = next(q for q in store.iter_quotes() if "good faith" in q.text)
    assert quote.speaker.text == "Karel Ostrova" and quote.speaker.entity_id
    assert store.search("bridge")[0]["doc_id"] == next(store.iter_documents()).id
    counts = export(URL, tmp_path / "out")
    assert counts["documents"] == 1 and counts["quotes"] >= 2
