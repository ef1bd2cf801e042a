"""Property: whatever bytes a JSON line holds, ingest → clean → store → export never raises and
never stores what it cannot give back (Hypothesis, bounded to well under a minute)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens.clean import clean_document
from presslens.export import export
from presslens.ingest import Problem, _read_jsonl_line
from presslens.store import Store

from .hostile import article

# Any JSON value, strings with any code point (lone surrogates included, as JSON escapes spell them).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={key: JSON_VALUES for key in ("title", "outlet", "url", "authors", "published")},
)


def _line(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=True).encode("ascii")  # surrogates as \\udXXX escapes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=FIELDS, extra=ANY_TEXT, n=st.integers(0, 10_000))
def test_any_json_line_is_a_document_that_exports_or_one_problem(fields, extra, n) -> None:
    record = {"text": article(n) + "\n\n" + extra, **fields}
    item = _read_jsonl_line(Path("feed.jsonl"), 3, _line(record))
    if isinstance(item, Problem):
        assert str(item).startswith("feed.jsonl:3: ") and "\n" not in str(item)
        return
    assert item is not None
    document = clean_document(item)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "s.db")
        assert store.add_document(document)
        counts = export(Path(tmp) / "s.db", Path(tmp) / "out", "csv")
        assert counts["documents"] == 1
        (stored,) = store.iter_documents()
        assert stored.text == document.text and stored.authors == document.authors
