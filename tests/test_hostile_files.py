"""Hostile files and folders: odd names, special files, unreadable or oversized inputs, and texts
that used to cost quadratic time. Each is one line naming the file; the other inputs are stored."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from presslens.clean import clean_document
from presslens.ingest import content_hash
from presslens.models import RawDocument
from presslens.nlp import PUNCTUATION_RUN_MAX, break_punctuation_runs, load_model, parse
from presslens.store import Store

from .hostile import article, problem_lines, run_cli, write_bytes


def test_a_file_name_with_undecodable_bytes_is_stored_under_an_escaped_name(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    raw_name = os.path.join(os.fsencode(folder), b"bridge-\xff\xfe.txt")
    with open(raw_name, "w", encoding="utf-8") as handle:
        handle.write(article(1))
    write_bytes(folder / "plain.txt", article(2).encode())
    code, out, _ = run_cli(["analyze", folder, "--db", tmp_path / "s.db", "-q"], capsys)
    assert code == 0 and "2 new document(s)" in out
    sources = sorted(d.source for d in Store(tmp_path / "s.db").iter_documents())
    assert sources[0].endswith("bridge-\\xff\\xfe.txt"), sources


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_in_a_folder_is_skipped_not_waited_for(tmp_path, capsys):
    folder = tmp_path / "in"
    write_bytes(folder / "a.txt", article(1).encode())
    os.mkfifo(folder / "b.txt")
    write_bytes(folder / "c.txt", article(3).encode())
    code, out, err = run_cli(["analyze", folder, "--db", tmp_path / "s.db", "-q"], capsys)
    assert code == 0 and "2 new document(s)" in out
    assert problem_lines(err) == [
        f"skipped {folder / 'b.txt'}: not a regular file (a named pipe), skipped"
    ]


def test_an_unreadable_file_on_the_command_line_does_not_stop_the_others(
    tmp_path, capsys, monkeypatch
):
    locked = write_bytes(tmp_path / "locked.txt", article(1).encode())
    good = write_bytes(tmp_path / "good.txt", article(2).encode())
    real_open = Path.open

    def open_or_refuse(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_or_refuse)  # root reads a chmod 000 file anyway
    code, out, err = run_cli(["analyze", locked, good, "--db", tmp_path / "s.db", "-q"], capsys)
    assert code == 0 and "1 new document(s)" in out
    assert f"{locked}: cannot read file (Permission denied), skipped" in err
    assert [d.source for d in Store(tmp_path / "s.db").iter_documents()] == [str(good)]


def test_a_text_over_the_parser_limit_is_refused_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("presslens.pipeline.MAX_TEXT_CHARS", 2_000)  # 5,000,000 in real runs
    long_one = write_bytes(
        tmp_path / "long.txt", "\n\n".join(article(i) for i in range(20)).encode()
    )
    good = write_bytes(tmp_path / "good.txt", article(99).encode())
    code, out, err = run_cli(["analyze", long_one, good, "--db", tmp_path / "s.db", "-q"], capsys)
    assert code == 0 and "1 new document(s)" in out
    (line,) = problem_lines(err)
    assert str(long_one) in line and "too long to parse" in line and "2,000" in line


def test_a_document_over_its_time_budget_is_skipped_in_one_line(tmp_path, capsys, monkeypatch):
    """An extractor stuck on one article (here: made to sleep) is stopped at the budget; the
    other article is stored and the run exits 0."""
    from presslens import pipeline

    real_extract = pipeline.extract_all

    def stuck_on_slow(parsed, document, *args):
        if document.source.endswith("slow.txt"):
            time.sleep(30)
        return real_extract(parsed, document, *args)

    monkeypatch.setattr(pipeline, "extract_all", stuck_on_slow)
    slow = write_bytes(tmp_path / "slow.txt", article(1).encode())
    good = write_bytes(tmp_path / "good.txt", article(2).encode())
    started = time.perf_counter()
    code, out, err = run_cli(
        ["analyze", slow, good, "--db", tmp_path / "s.db", "-q", "--doc-seconds", "0.5"], capsys
    )
    assert time.perf_counter() - started < 25
    assert code == 0 and "1 new document(s)" in out
    (line,) = problem_lines(err)
    assert line.startswith(f"skipped {slow}: analysing it took over 0.5 s"), line
    assert "--doc-seconds" in line
    assert [d.source for d in Store(tmp_path / "s.db").iter_documents()] == [str(good)]


def test_a_run_of_quotation_marks_tokenizes_in_linear_time_with_exact_offsets() -> None:
    text = "Idris Kallen said " + '"' * 30_000 + " and left Velmora."
    started = time.perf_counter()
    tokens = load_model().tokenizer(break_punctuation_runs(text))
    assert time.perf_counter() - started < 10  # was over a minute (quadratic in the run)
    assert len(tokens.text) == len(text) and tokens[-1].text == "."
    assert break_punctuation_runs("It was -- so -- long...") == "It was -- so -- long..."
    short = "Idris Kallen said " + "!?" * 400 + " and left Velmora."
    doc = parse(short)  # the pipeline's parser sees the guarded text, same length
    assert len(doc.text) == len(short) and max(len(t.text) for t in doc) < PUNCTUATION_RUN_MAX
    left = next(t for t in doc if t.text == "left")
    assert short[left.idx : left.idx + 4] == "left"


def _short_paragraphs(size: int, seed: int) -> str:
    """The fuzz campaign's generated text of short paragraphs (bench/fuzz.py), one seed."""
    from bench.fuzz import short_paragraphs  # noqa: PLC0415

    return short_paragraphs(size, random.Random(seed))


def _clean_seconds(text: str) -> float:
    raw = RawDocument("big.txt", text, "txt", content_hash(text), "utf-8")
    started = time.perf_counter()
    clean_document(raw)
    return time.perf_counter() - started


def test_cleaning_two_megabytes_of_short_paragraphs_is_linear() -> None:
    """The pull-quote pass re-scanned the text per candidate line: 2 MB took ~55 s; now ~7 s."""
    assert _clean_seconds(_short_paragraphs(2_000_000, seed=3)) < 30


def test_a_pull_quote_is_still_found_by_the_linear_pass() -> None:
    body = [article(i).split("\n\n")[1] for i in range(4)]
    pull = "Work on the Orsk crossing will not stop for the winter, Kallen said."
    text = "\n\n".join(
        ["Velmora bridge plan passes", body[0], pull, body[1], body[2] + " " + pull, body[3]]
    )
    cleaned = clean_document(RawDocument("p.txt", text, "txt", content_hash(text), "utf-8"))
    assert cleaned.text.count("will not stop for the winter") == 1
    assert any(r.kind == "pull-quote" for r in cleaned.removed)


def test_a_run_that_read_files_but_stored_nothing_exits_non_zero(tmp_path, capsys) -> None:
    write_bytes(tmp_path / "in" / "a.jsonl", b'{"text": "Velmora", "title": "\\ud800"}\n')
    write_bytes(
        tmp_path / "in" / "b.txt",
        b"Velmora council backs bridge plan\n\nSubscribe to our newsletter\n",
    )
    code, out, err = run_cli(["analyze", tmp_path / "in", "--db", tmp_path / "s.db", "-q"], capsys)
    assert code == 1 and "0 new document(s)" in out, out + err
    assert err.splitlines()[-1] in (
        "nothing stored: every input had a problem",
        "nothing could be read",
    )
    assert 'a.jsonl:1: invalid Unicode in "title"' in err


def test_utf32_is_decoded_not_stored_as_text_full_of_nuls(tmp_path, capsys) -> None:
    path = write_bytes(
        tmp_path / "wide.txt", article(5).replace("Velmora", "Velmôra").encode("utf-32")
    )
    code, out, _ = run_cli(["analyze", path, "--db", tmp_path / "s.db", "-q"], capsys)
    assert code == 0 and "1 new document(s)" in out
    (document,) = Store(tmp_path / "s.db").iter_documents()
    assert (
        "\x00" not in document.text and "Velmôra council" in (document.title or "") + document.text
    )
