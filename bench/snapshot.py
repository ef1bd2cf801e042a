"""Export every example set and a fixed slice of the shared dev sets, and diff against the last run.

    python bench/snapshot.py save [--shared ../shared]   # write out/snapshot/base/
    python bench/snapshot.py diff [--shared ../shared]   # write out/snapshot/new/, diff with base

A refactor that changes no output keeps `diff` empty. Each set is analysed into its own store
under out/snapshot/work/ (a fixed path, so stored `source` fields compare equal across runs) and
exported as JSONL; the lines of each file are sorted before comparing. Shared text is written
only under out/ (never into the repository) and is read from the path given; a missing set is
skipped with a message. The slices are the first records of each dev split, so a run takes a
few minutes.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "out" / "snapshot"
EXAMPLE_SETS = ("corpus", "dev2", "dev3", "dev4", "heldout", "heldout-b", "heldout-c", "heldout-d")
MAX_DIFF_LINES = 40  # per file, in the printed diff


def example_inputs() -> Iterator[tuple[str, Callable[[Path], None]]]:
    """(set name, writer of its input folder) for each bundled example set."""
    for name in EXAMPLE_SETS:
        corpus = (
            ROOT / "examples" / name if name == "corpus" else ROOT / "examples" / name / "corpus"
        )
        if corpus.is_dir():
            yield f"examples-{name}", lambda folder, c=corpus: shutil.copytree(c, folder)


def _jsonl_writer(records: list[dict], keys: tuple[str, ...]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        folder.mkdir(parents=True)
        with (folder / "set.jsonl").open("w", encoding="utf-8") as handle:
            for r in records:
                row = {k: r[k] for k in keys if r.get(k)}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    return write


def _pages_writer(pages: list[dict]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        folder.mkdir(parents=True)
        for n, page in enumerate(pages):
            (folder / f"page{n:03d}.html").write_text(page["html"], encoding="utf-8")
            (folder / f"page{n:03d}.txt").write_text(page["txt"], encoding="utf-8")

    return write


def shared_inputs(shared: Path) -> Iterator[tuple[str, Callable[[Path], None] | None]]:
    """(set name, writer or None when the set is absent) for the shared dev slices."""
    from bench.real import ecbplus, extraction, framing_sets, tempeval  # noqa: PLC0415
    from bench.real.common import read_jsonl  # noqa: PLC0415

    keys = ("title", "text", "outlet", "published", "url")
    path = shared / "polnear" / "dev.jsonl"
    yield "polnear-dev", path.exists() and _jsonl_writer(list(read_jsonl(path, 40)), keys) or None
    root = shared / extraction.DATASET
    yield "extraction-dev", root.exists() and _pages_writer(extraction.pages(shared, "dev")) or None
    path = shared / tempeval.DATASET / "train.jsonl"
    docs = path.exists() and [
        {"text": tempeval.header(d) + d["text"]} for d in tempeval.documents(shared, "dev", 30)
    ]
    yield "tempeval-dev", docs and _jsonl_writer(docs, ("text",)) or None
    path = shared / ecbplus.DATASET / "dev.jsonl"
    topics = path.exists() and ecbplus.load_topics(path, 2)
    records = [r for rs in (topics or {}).values() for r in rs]
    yield "ecbplus-dev", records and _jsonl_writer(records, ("text", "url")) or None
    for name, limit in (("newswcl50", 2), ("basil", 3)):
        path = shared / name / "dev.jsonl"
        events = path.exists() and framing_sets.events_of(path, limit)
        records = [r for rs in (events or {}).values() for r in rs]
        yield f"{name}-dev", records and _jsonl_writer(records, keys) or None


def run_set(name: str, write: Callable[[Path], None], label: str) -> None:
    """Analyse one set into out/snapshot/work/<name> and export it to out/snapshot/<label>/<name>."""
    import presslens  # noqa: PLC0415

    work = OUT / "work" / name
    shutil.rmtree(work, ignore_errors=True)
    write(work / "input")
    db = work / "set.db"
    presslens.analyze([work / "input"], db=db)
    exported = OUT / label / name
    shutil.rmtree(exported, ignore_errors=True)
    presslens.export(db, exported, format="jsonl")
    for path in exported.glob("*.jsonl"):
        text = path.read_text(encoding="utf-8").replace(str(work), "<work>")
        lines = sorted(text.splitlines())
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def diff_sets(base: Path, new: Path) -> int:
    """Print a unified diff per changed file; the number of changed lines."""
    changed = 0
    files = sorted(
        {p.relative_to(base) for p in base.rglob("*.jsonl")}
        | {p.relative_to(new) for p in new.rglob("*.jsonl")}
    )
    for rel in files:
        a = (base / rel).read_text(encoding="utf-8").splitlines() if (base / rel).exists() else []
        b = (new / rel).read_text(encoding="utf-8").splitlines() if (new / rel).exists() else []
        if a == b:
            continue
        lines = [ln for ln in difflib.unified_diff(a, b, str(rel), str(rel), n=0, lineterm="")]
        body = [ln for ln in lines if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
        changed += len(body)
        print(f"{rel}: {len(body)} changed lines")
        for ln in body[:MAX_DIFF_LINES]:
            print("  " + ln[:300])
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "diff"])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", help="comma-separated set names (default: all)")
    args = parser.parse_args(argv)
    label = "base" if args.action == "save" else "new"
    only = set(args.only.split(",")) if args.only else None
    for name, write in [*example_inputs(), *shared_inputs(args.shared)]:
        if only and name not in only:
            continue
        if write is None:
            print(f"{name}: skipped ({args.shared} does not hold this set)")
            continue
        run_set(name, write, label)
        print(f"{name}: exported to {OUT / label / name}", flush=True)
    if args.action == "save":
        return 0
    changed = (
        diff_sets(OUT / "base", OUT / "new")
        if not only
        else sum(diff_sets(OUT / "base" / n, OUT / "new" / n) for n in only)
    )
    print(f"snapshot diff: {changed} changed lines")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
