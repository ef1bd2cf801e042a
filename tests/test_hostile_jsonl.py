"""Hostile JSON lines: every odd field is one line naming file:line and the field; the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.export import export
from presslens.store import Store

from .hostile import article, problem_lines, run_cli

BAD_LINES = {
    "authors true": (
        '{"text": %s, "authors": true}',
        'field "authors" must be text, not true/false',
    ),
    "authors object": (
        '{"text": %s, "authors": {"a": 1}}',
        'field "authors" must be a name or a list',
    ),
    "title surrogate": ('{"text": %s, "title": "Bridge \\ud800"}', 'invalid Unicode in "title"'),
    "outlet surrogate": ('{"text": %s, "outlet": "\\udfff"}', 'invalid Unicode in "outlet"'),
    "url surrogate": ('{"text": %s, "url": "https://x.test/\\ud834"}', 'invalid Unicode in "url"'),
    "author surrogate": (
        '{"text": %s, "authors": ["Ana \\ud800"]}',
        'invalid Unicode in "authors"',
    ),
    "title list": ('{"text": %s, "title": ["a"]}', 'field "title" must be text, not a list'),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
    "huge integer": ('{"text": %s, "n": ' + "7" * 5000 + "}", "invalid JSON (Exceeds the limit"),
}


@pytest.fixture(scope="module")
def hostile_jsonl(tmp_path_factory) -> Path:
    """One good line, each bad line, one good line: the bad lines are lines 2 .. n+1."""
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    lines = [json.dumps({"text": article(0), "authors": ["Ana Rell"], "outlet": "Orsk Gazette"})]
    for i, (template, _) in enumerate(BAD_LINES.values(), start=1):
        lines.append(
            template.replace("%s", json.dumps(article(i)), 1) if "%s" in template else template
        )
    lines.append(json.dumps({"text": article(99), "title": "Kovar trams", "authors": 7}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_bad_field_is_one_line_with_file_line_and_field(hostile_jsonl, tmp_path, capsys):
    db = tmp_path / "s.db"
    code, out, err = run_cli(["analyze", hostile_jsonl, "--db", db, "-q"], capsys)
    assert code == 0, err
    lines = problem_lines(err)
    for lineno, (name, (_, reason)) in enumerate(BAD_LINES.items(), start=2):
        matching = [ln for ln in lines if f"{hostile_jsonl}:{lineno}:" in ln]
        assert len(matching) == 1, (name, lines)
        assert reason in matching[0] and "skipped" in matching[0], (name, matching[0])
    assert "2 new document(s)" in out and f"{len(BAD_LINES)} problem(s)" in out


def test_the_good_lines_around_them_are_stored_and_export_works(hostile_jsonl, tmp_path, capsys):
    db = tmp_path / "s.db"
    run_cli(["analyze", hostile_jsonl, "--db", db, "-q"], capsys)
    documents = list(Store(db).iter_documents())
    by_title = {d.title: d for d in documents}
    assert set(by_title) == {"Kovar trams", "Velmora council backs bridge plan 0"}
    assert by_title["Kovar trams"].authors == ["7"]  # a number is a name written as digits
    counts = export(db, tmp_path / "out")  # nothing stored can break the export later
    assert counts["documents"] == 2
    text = (tmp_path / "out" / "documents.jsonl").read_text("utf-8")
    assert "Ana Rell" in text and "\\ud800" not in text
