"""Time mentions through the pipeline: stored for the cleaned body only, exported as dates.jsonl.

The article, outlet and people are invented.
"""

from __future__ import annotations

import json

import jsonschema

from presslens.export import export, export_schema
from presslens.pipeline import analyze
from presslens.store import Store

ARTICLE = """Crane Collapse Halts Port
Published: 2031-10-30

The harbor authority of Port Vessa suspended night shipments on Tuesday after a crane collapsed onto the main quay.

Caption: Workers inspect the damaged quay on Sunday, Oct. 19.

The authority said the quay will reopen on Monday and that repairs began last month.

The harbor authority extended the night ban until Nov. 4.

2 Comments

Orrin Flax
March 5, 2029 at 9:12 am
The crane was old in 2020 already.
Reply

Leave a Reply
Your email address will not be published. Required fields are marked *
"""


def test_time_mentions_are_stored_for_the_body_and_exported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "vessa.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    report = analyze([tmp_path / "in"], db)
    assert report.added, report.problems

    store = Store(db)
    (document,) = list(store.iter_documents())
    stored = list(store.iter_time_mentions())
    assert [(m.text, m.value, m.rule) for m in stored] == [
        ("Tuesday", "2031-10-28", "timex-weekday"),
        ("Monday", "2031-11-03", "timex-weekday"),  # "will reopen": the next Monday
        ("last month", "2031-09", "timex-relative-period"),
        ("Nov. 4", "2031-11-04", "timex-month-day"),  # the closest Nov. 4, days ahead
    ]
    for m in stored:
        assert document.text[m.start : m.end] == m.text  # spans index the cleaned body
    assert stored[1].tense == "future" and stored[2].anchor == "article"
    assert "Oct. 19" in " ".join(document.captions)  # the caption's date is not a mention
    assert "2020" not in {m.value for m in stored}  # nor the comment's

    counts = export(db, tmp_path / "out")
    assert counts["dates"] == 4
    rows = [json.loads(line) for line in (tmp_path / "out" / "dates.jsonl").open(encoding="utf-8")]
    schema = export_schema()
    for row in rows:
        jsonschema.validate(row, {**schema["$defs"]["dates"], "$defs": schema["$defs"]})
    assert rows[2]["start_date"] == "2031-09-01" and rows[2]["end_date"] == "2031-09-30"

    whens = {(c.when.start, c.when.char_start) for c in store.iter_claims() if c.when is not None}
    assert ("2031-11-03", stored[1].start) in whens  # the claim's when is the mention's reading
    assert ("2031-11-04", stored[3].start) in whens  # (dateparser alone read the last Nov. 4)

    again = analyze([tmp_path / "in"], db)  # idempotent: nothing new, nothing doubled
    assert not again.added and len(list(Store(db).iter_time_mentions())) == 4
