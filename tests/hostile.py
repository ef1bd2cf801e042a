"""Helpers for the hostile-input tests: run the real entry point in-process, make fictional text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from presslens.cli import main


def article(n: int) -> str:
    """A short fictional article, different for every n (so none is a duplicate of another)."""
    return (
        f"Velmora council backs bridge plan {n}\n\n"
        f"The council of Velmora voted {n} times on Tuesday to fund a bridge over the Orsk river, "
        f"said Mayor Idris Kallen in a statement to the Orsk Gazette. Work starts in spring {n}.\n\n"
        f"Engineers from Kovar Works said the crossing would carry {n} trams an hour."
    )


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `presslens ARGS` through `main`, as a shell would see it."""
    argv = sys.argv
    sys.argv = ["presslens", *map(str, args)]
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.argv = argv
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, out + err
    return code, out, err


def problem_lines(err: str) -> list[str]:
    """The non-empty lines a run printed on stderr (soft-wrapped: one message, one line)."""
    return [line for line in err.splitlines() if line.strip()]


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
