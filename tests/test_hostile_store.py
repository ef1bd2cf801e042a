"""Hostile stores and concurrent runs: a corrupt, foreign or unreachable --db is one line, and two
runs on one store neither crash nor lose nor duplicate a document."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from presslens.store import Store, StoreError, _database_url

from .hostile import article, run_cli, write_bytes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store_with_one(tmp_path, capsys) -> Path:
    write_bytes(tmp_path / "in" / "a.txt", article(1).encode())
    db = tmp_path / "s.db"
    assert run_cli(["analyze", tmp_path / "in", "--db", db, "-q"], capsys)[0] == 0
    return db


def _corrupt(db: Path) -> Path:
    with sqlite3.connect(db) as conn:  # everything into the main file, then spoil it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    assert len(data) > 3 * 4096
    data[4096:] = b"\x5a" * (len(data) - 4096)  # every page after the first: garbage
    bad = db.with_name("corrupt.db")
    bad.write_bytes(bytes(data))
    return bad


@pytest.mark.parametrize("command", [["summary"], ["search", "bridge"], ["analyze", "IN", "-q"]])
def test_a_corrupted_store_is_one_line_naming_it(store_with_one, tmp_path, capsys, command):
    bad = _corrupt(store_with_one)
    command = [str(tmp_path / "in") if c == "IN" else c for c in command]
    code, _, err = run_cli([*command, "--db", bad], capsys)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"error: {bad}: ") and "malformed" in err and "new store" in err
    assert Store(store_with_one).count("documents") == 1  # the good store is untouched


def test_a_foreign_file_an_unknown_scheme_and_a_path_under_a_file(tmp_path, capsys) -> None:
    write_bytes(tmp_path / "notes.db", b"Velmora minutes, not a database. " * 200)
    code, _, err = run_cli(["summary", "--db", tmp_path / "notes.db"], capsys)
    assert code == 2 and "not a database" in err and str(tmp_path / "notes.db") in err
    code, _, err = run_cli(["summary", "--db", "orsk://archive/press"], capsys)
    assert code == 2 and "unknown database URL scheme 'orsk'" in err
    write_bytes(tmp_path / "plain", b"x")
    code, _, err = run_cli(["summary", "--db", tmp_path / "plain" / "s.db"], capsys)
    assert code == 2 and "cannot create the folder for the store" in err


def test_postgresql_urls_use_the_psycopg_3_driver() -> None:
    assert (
        _database_url("postgresql://ana@db.test/press") == "postgresql+psycopg://ana@db.test/press"
    )
    assert _database_url("postgres://ana@db.test/press") == "postgresql+psycopg://ana@db.test/press"
    assert _database_url("postgresql+psycopg://a@b/c") == "postgresql+psycopg://a@b/c"
    with pytest.raises(StoreError, match="cannot use as a presslens database"):
        Store("postgresql://nobody:secret@127.0.0.1:1/none")  # no server: one line, no traceback


def test_creating_a_store_from_many_threads_at_once_is_idempotent(tmp_path) -> None:
    db, failures = tmp_path / "new.db", []

    def open_store() -> None:
        try:
            Store(db)
        except Exception as error:  # noqa: BLE001 - the test counts any failure
            failures.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and Store(db).get_meta("schema") == "1"


def test_two_analyze_runs_on_one_store_with_overlapping_input(tmp_path) -> None:
    for i in range(6):
        write_bytes(tmp_path / "first" / f"a{i}.txt", article(i).encode())
        write_bytes(tmp_path / "second" / f"b{i}.txt", article(i + 3).encode())  # 3 shared
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from presslens.cli import main; main()",
                "analyze",
                str(tmp_path / folder),
                "--db",
                str(db),
                "-q",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in ("first", "second")
    ]
    results = [run.communicate(timeout=600) + (run.returncode,) for run in runs]
    for _out, err, code in results:
        assert code == 0 and "Traceback" not in err, err
    store = Store(db)
    assert store.count("documents") == 9  # 6 + 6 - 3 shared: none lost, none twice
    assert not store.needs_rebuild()
    covered = {m.doc_id for m in store.iter_mentions() if m.entity_id}
    assert covered == set(store.document_meta())  # the last rebuild saw every document


def test_a_read_only_store_is_one_line_and_keeps_what_it_holds(store_with_one, tmp_path, capsys):
    write_bytes(tmp_path / "in" / "b.txt", article(2).encode())
    read_only = f"sqlite:///file:{store_with_one}?mode=ro&uri=true"  # root ignores chmod 444
    code, _, err = run_cli(["analyze", tmp_path / "in", "--db", read_only, "-q"], capsys)
    assert code == 2 and err.splitlines()[-1].startswith(f"error: {read_only}: ")
    assert "the store is read-only" in err
    assert Store(store_with_one).count("documents") == 1
