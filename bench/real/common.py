"""What every real-news adapter shares: the row it reports and reading a shared set."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    """One figure of the real-news table, with the reference a user would otherwise pick."""

    dataset: str  # "polnear dev", "article-extraction txt", ...
    metric: str  # "direct-quote recall"
    value: float | None  # presslens; None when skipped
    baseline: float | None = None  # measured in the same run on the same data
    baseline_name: str = ""  # "textacy direct_quotations", "trafilatura extract()", ...
    goal: float | None = None  # from the issue, when it states one
    note: str = ""  # "skipped: ../shared/x/dev.jsonl not found", counts behind the figure


def skipped(dataset: str, path: Path) -> list[Row]:
    """The one row an adapter returns when its set is not on this machine."""
    return [Row(dataset, "skipped", None, note=f"skipped: {path} not found")]


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict]:
    """The records of a shared JSON-lines file, at most `limit` of them."""
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def print_rows(rows: list[Row]) -> None:
    """The rows as one Markdown table: presslens beside its baseline and the goal."""
    print("| set | metric | presslens | baseline | goal | note |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        base = f"{_fmt(r.baseline)} ({r.baseline_name})" if r.baseline_name else "–"
        print(
            f"| {r.dataset} | {r.metric} | {_fmt(r.value)} | {base} | {_fmt(r.goal)} | {r.note} |"
        )


def adapter_main(doc: str, run, splits: list[str], argv: list[str] | None = None) -> int:
    """The command line every adapter shares: `SHARED [--split S] [--limit N]`, then the table."""
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--split", default=splits[0], choices=splits)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    print_rows(run(args.shared, args.split, args.limit))
    return 0
