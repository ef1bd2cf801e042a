"""The real-news benchmark: presslens on every shared, publicly annotated set, in one table.

    python bench/realnews.py ../shared [--only extraction,polnear,...] [--limit N]

Each figure stands beside the reference a user would otherwise pick, measured in the same run on
the same data (trafilatura's `extract()`, textacy, dateparser, exact-string and head-lemma
clusters, weighted log-odds). Sets that are not on this machine print one "skipped" row. The sets
are third-party text: they are read from the path given and never copied into the repository.
Dev splits are measured; train splits are for tuning (see each adapter's docstring).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.real.common import Row, print_rows  # noqa: E402

# adapter module → the split it measures (article-extraction has one shared split, cut by hash)
ADAPTERS = {
    "polnear": "dev",
    "extraction": "dev",
    "tempeval": "dev",
    "ecbplus": "dev",
    "framing_sets": "dev",  # NewsWCL50 and BASIL
    "newswcl_actors": "dev",  # NewsWCL50: actor mentions grouped into entities
}


def run_adapter(name: str, shared: Path, limit: int | None) -> tuple[list[Row], float]:
    """One adapter's rows and seconds; an adapter not built yet or failing is one row saying so."""
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.real.{name}")
    except ModuleNotFoundError as error:
        return [Row(name, "skipped", None, note=f"no adapter: {error}")], 0.0
    try:
        rows = module.run(shared, ADAPTERS[name], limit)
    except Exception as error:  # one broken adapter must not hide the other figures
        rows = [Row(name, "failed", None, note=f"{type(error).__name__}: {error}")]
    return rows, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, help="the folder holding polnear/, ecbplus/ ...")
    parser.add_argument("--only", help="comma-separated adapters: " + ",".join(ADAPTERS))
    parser.add_argument("--limit", type=int, help="at most N records per set (a quick look)")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(ADAPTERS)
    unknown = [n for n in names if n not in ADAPTERS]
    if unknown:
        print(f"unknown adapter(s): {', '.join(unknown)}; known: {', '.join(ADAPTERS)}")
        return 2
    if not args.shared.is_dir():
        print(f"{args.shared}: no such folder; nothing to benchmark.")
        return 0
    all_rows = []
    for name in names:
        rows, seconds = run_adapter(name, args.shared, args.limit)
        all_rows.extend(rows)
        print(f"{name}: {seconds:.1f}s", file=sys.stderr)
    print_rows(all_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
