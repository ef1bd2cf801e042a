"""ingest: files and folders become RawDocuments or one-line Problems, never exceptions."""

from __future__ import annotations

import json
import os
import sys

import pytest

from presslens import ingest
from presslens.ingest import Problem, content_hash, iter_raw_documents
from presslens.models import RawDocument

ARTICLE = "Harbor Vote Delayed\n\nThe council of Port Vessa postponed its vote on Monday.\n"


def _run(*paths):
    return list(iter_raw_documents(paths))


def test_txt_file_is_read_with_source_format_and_hash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = _run(path)
    assert isinstance(doc, RawDocument)
    assert doc.source == str(path)
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.text == ARTICLE
    assert doc.content_hash == content_hash(ARTICLE)


def test_folder_is_recursive_sorted_and_skips_hidden_and_other_extensions(tmp_path):
    (tmp_path / "b.html").write_text("<p>Second article about the Vessa harbor.</p>")
    (tmp_path / "a.md").write_text("# First\n\nText of the first article.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("hidden text")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git internals")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Third article, in a subfolder.")
    items = _run(tmp_path)
    assert all(isinstance(i, RawDocument) for i in items)
    assert [os.path.relpath(i.source, tmp_path) for i in items] == [
        "a.md",
        "b.html",
        os.path.join("sub", "c.txt"),
    ]
    assert [i.format for i in items] == ["md", "html", "txt"]


def test_unsupported_extension_given_explicitly_is_a_problem(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4 not an article")
    [problem] = _run(path)
    assert isinstance(problem, Problem)
    assert "unsupported file type '.pdf'" in str(problem)
    assert str(problem).startswith(str(path))


def test_missing_path_and_empty_folder_are_problems(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.pdf").write_bytes(b"x")
    missing, empty = _run(tmp_path / "nope.txt", tmp_path / "empty")
    assert isinstance(missing, Problem) and missing.reason == "no such file or folder"
    assert isinstance(empty, Problem) and "no article files" in empty.reason


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_a_problem(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        [problem] = _run(path)
    finally:
        path.chmod(0o644)
    assert isinstance(problem, Problem) and "cannot read file" in problem.reason


def test_unreadable_file_is_a_problem_via_oserror(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "open", deny)
    [problem] = _run(path)
    assert isinstance(problem, Problem)
    assert problem.reason == "cannot read file (Permission denied), skipped"


def test_empty_and_whitespace_only_files_are_problems(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b" \n\r\n\t \n")
    items = _run(tmp_path / "a.txt", tmp_path / "b.txt")
    assert [str(i) for i in items] == [
        f"{tmp_path / 'a.txt'}: empty file, skipped",
        f"{tmp_path / 'b.txt'}: empty file, skipped",
    ]


def test_binary_file_is_a_problem(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [problem] = _run(path)
    assert str(problem) == f"{path}: binary file (contains NUL bytes), skipped"


def test_control_byte_soup_without_nul_is_binary(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50)
    [problem] = _run(path)
    assert isinstance(problem, Problem) and "binary" in problem.reason


def test_too_large_file_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("Harbor news. " * 20)
    [problem] = _run(path)
    assert isinstance(problem, Problem) and "too large" in problem.reason


def test_jsonl_may_exceed_file_cap_it_streams(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": f"Article {n} about the Vessa harbor vote."}) for n in range(5)]
    path.write_text("\n".join(lines))
    items = _run(path)
    assert [i.text for i in items] == [
        f"Article {n} about the Vessa harbor vote." for n in range(5)
    ]


def test_utf8_bom_is_stripped_and_recorded(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "“Quoted,” she said.".encode())
    [doc] = _run(path)
    assert doc.text == "“Quoted,” she said."
    assert doc.encoding == "utf-8-sig"


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("“Harbor” news from Port Vessa.".encode("utf-16"))
    [doc] = _run(path)
    assert doc.encoding == "utf-16" and doc.text == "“Harbor” news from Port Vessa."


def test_cp1252_curly_quotes_decode_and_hash_like_utf8(tmp_path):
    text = "“We will not be rushed,” said Petra Lind – café owner."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-8"))
    a, b = _run(tmp_path / "a.txt", tmp_path / "b.txt")
    assert a.encoding == "cp1252" and a.text == text
    assert b.encoding == "utf-8"
    assert a.content_hash == b.content_hash


def test_latin1_when_bytes_are_undefined_in_cp1252(tmp_path):
    # 0x81 is undefined in cp1252, so the whole file is read as Latin-1.
    data = "Ségolène Arvé said the café was closed.".encode("latin-1") + b" \x81"
    path = tmp_path / "l1.txt"
    path.write_bytes(data)
    [doc] = _run(path)
    assert doc.encoding == "latin-1"
    assert doc.text.startswith("Ségolène Arvé said the café was closed.")


def test_crlf_and_nfd_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Cafe\u0301 owners met.\r\n\r\nThey left.\rDone.".encode())
    [doc] = _run(path)
    assert doc.text == "Café owners met.\n\nThey left.\nDone."


def test_content_hash_ignores_whitespace_runs():
    assert content_hash("A  harbor\n\nvote.") == content_hash("A harbor vote.  ")
    assert content_hash("A harbor vote.") != content_hash("A harbour vote.")


def test_jsonl_records_meta_source_and_format(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {
            "text": "The council met on Monday.",
            "url": "https://example.invalid/a",
            "title": "Council Meets",
            "outlet": "The Vessa Courier",
            "authors": "Ana Holt",
            "published": "2024-03-04",
        },
        {"text": "<html><body><p>An HTML body.</p></body></html>", "authors": ["A B", "C D"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    first, second = _run(path)
    assert first.source == "https://example.invalid/a"
    assert first.format == "jsonl"
    assert first.meta == {
        "url": "https://example.invalid/a",
        "title": "Council Meets",
        "outlet": "The Vessa Courier",
        "authors": ["Ana Holt"],
        "published": "2024-03-04",
    }
    assert second.source == f"{path}:2"
    assert second.format == "html"
    assert second.meta == {"authors": ["A B", "C D"]}


def test_jsonl_bad_lines_are_problems_and_reading_continues(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "First article."}\n'
        '{"text": "broken\n'
        '{"title": "no text here"}\n'
        '["not", "an", "object"]\n'
        '{"text": "Fifth line article."}\n'
    )
    items = _run(path)
    assert [type(i).__name__ for i in items] == [
        "RawDocument",
        "Problem",
        "Problem",
        "Problem",
        "RawDocument",
    ]
    assert items[1].source == f"{path}:2" and "invalid JSON" in items[1].reason
    assert items[2].source == f"{path}:3" and '"text"' in items[2].reason
    assert items[4].text == "Fifth line article."


def test_iteration_is_lazy(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Article number {n}.")
    it = iter_raw_documents([tmp_path])
    first = next(it)
    assert first.text == "Article number 0."
    (tmp_path / "2.txt").unlink()  # a file removed after the walk started is reported, not raised
    rest = list(it)
    assert rest[0].text == "Article number 1."
    assert isinstance(rest[1], Problem)


def test_jsonl_line_with_a_lone_surrogate_is_one_problem_and_reading_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Broken \\ud83d emoji in Velmora."}\n{"text": "Ferries resume in Velmora.\\u0000"}\n',
        encoding="utf-8",
    )
    items = list(iter_raw_documents([path]))
    assert isinstance(items[0], Problem) and items[0].source.endswith("feed.jsonl:1")
    assert "surrogate" in items[0].reason
    assert items[1].text == "Ferries resume in Velmora."
