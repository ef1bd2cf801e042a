"""A seeded fuzz campaign against the `presslens` command, run as a user would run it.

    python bench/fuzz.py [--seed 16] [--inputs 10000] [--per-run 500] [--kills 18] [--pairs 4]

1. Hostile inputs: folders of generated files (odd JSON-lines fields, lone surrogates, deep
   nesting, huge integers, binary and odd encodings, punctuation runs, odd file names, named
   pipes, broken links) beside a few good fictional articles, each folder analysed by
   `presslens analyze` in a subprocess with a timeout, then exported (CSV) and reported.
   Counted: inputs tried, tracebacks, hangs, good documents lost, CSV cells left as formulas.
2. Odd paths and stores: report/export onto folders, files and paths under files; --db on a
   corrupt, foreign or unknown store. Counted: tracebacks (each must be one line, status 2).
3. kill -9 trials: analyze a fictional corpus, kill it at a random moment, check
   `PRAGMA integrity_check`, resume, and compare the export with an uninterrupted run's.
4. Cleaning time of 0.5 MB and 2 MB of short paragraphs (linear is about 4x).
5. Concurrent runs: pairs of `analyze` on one new store with overlapping input; a failure is a
   non-zero exit, a traceback, or a document missing or stored twice.

Everything generated is fictional and lives in a temporary folder. The machine is shared:
read the counts, and the time ratio rather than the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
CLI = [sys.executable, "-c", "from presslens.cli import main; main()"]
RUN_TIMEOUT = 600  # seconds for one analyze of a fuzz folder: past it the run counts as a hang
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

NAMES = ["Idris Kallen", "Ana Rell", "Tomas Vey", "Mira Osk", "Kovar Works", "Orsk Gazette"]
PLACES = ["Velmora", "Orsk", "Kessara", "Tolvane", "Nahra"]


# --- generated text -------------------------------------------------------------------------


def good_article(rng: random.Random, marker: str) -> str:
    """A small fictional article that must be stored; `marker` makes it unique and findable."""
    who, place = rng.choice(NAMES[:4]), rng.choice(PLACES)
    return (
        f"{place} council backs plan {marker}\n\n"
        f'"We will build the crossing by spring," said {who}, speaking in {place} on Tuesday '
        f"about project {marker}. The council voted {rng.randint(3, 40)} to {rng.randint(0, 3)}.\n\n"
        f"Engineers from Kovar Works said the work on {marker} would take two years."
    )


def hostile_string(rng: random.Random) -> str:
    """JSON source text for a string value (escapes included) that is odd in one way."""
    choices = [
        '"\\ud800"',
        '"Bridge \\udfff plan"',
        '"\\u0000null\\u0000"',
        json.dumps("=HYPERLINK(1)+" + rng.choice(NAMES)),
        json.dumps("\x1b[31m" + rng.choice(PLACES) + "\x1b[0m :100: [bold]x[/bold]"),
        json.dumps("\u202e" + rng.choice(NAMES)),
        json.dumps("x" * rng.choice([0, 1, 9_999, 10_001, 50_000])),
        json.dumps("".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 60)))),
        json.dumps(rng.choice(NAMES)),
    ]
    return rng.choice(choices)


def hostile_value(rng: random.Random, depth: int = 0) -> str:
    """JSON source text for any value: wrong types, nesting, huge numbers, odd strings."""
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice(["true", "false", "null", "0", "-1.5e308", "1e999", "NaN"])
    if kind == 1:
        return "9" * rng.choice([10, 4_300, 4_301, 20_000])
    if kind == 2:
        n = rng.choice([2, 50, 999, 1_000, 5_000, 100_000])
        return "[" * n + "]" * n
    if kind == 3 and depth < 2:
        return (
            "[" + ", ".join(hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 4))) + "]"
        )
    if kind == 4 and depth < 2:
        return '{"a": ' + hostile_value(rng, depth + 1) + "}"
    return hostile_string(rng)


def hostile_jsonl_line(rng: random.Random, marker: str) -> str:
    """One JSON line: a record whose text is usable but some field is hostile, or a broken line."""
    kind = rng.randrange(12)
    if kind == 0:
        return rng.choice(["{", "[]", '"text"', "{'text': 1}", "\x00\x01", "", "  ", "{}"])
    text = json.dumps(good_article(rng, marker)) if kind != 1 else hostile_value(rng)
    fields = [f'"text": {text}']
    for key in rng.sample(["title", "outlet", "url", "authors", "published", "extra"], k=3):
        fields.append(f'"{key}": {hostile_value(rng)}')
    return "{" + ", ".join(fields) + "}"


def hostile_bytes(rng: random.Random, marker: str) -> bytes:
    """The content of an article file that is odd in one way."""
    text = good_article(rng, marker)
    kind = rng.randrange(10)
    makers = [
        lambda: os.urandom(rng.randint(1, 5_000)),
        lambda: text.encode("utf-16"),
        lambda: text.encode("utf-32"),
        lambda: "«Velmora» – Café Ørsk naïve".encode("cp1252") + text.encode("cp1252", "replace"),
        lambda: "Москва говорит ".encode("koi8-r") * 20,
        lambda: (
            text.encode()
            + rng.choice(['"', "!?", "(", "“", "*"]).encode() * rng.randint(300, 3_000)
        ),
        lambda: ("<div>" * rng.choice([10, 3_000]) + text + "</div>" * 10).encode(),
        lambda: b"\xef\xbb\xbf" + text.encode() + b"\xff\xfe\x80",
        lambda: (text + "\x1b]0;pwned\x07\x1b[2J").encode(),
        lambda: b" \n\t\r\n" * rng.randint(0, 50),
    ]
    return makers[kind]()


def hostile_name(rng: random.Random, i: int) -> bytes:
    """A file name (bytes) that is odd in one way, with an article suffix."""
    suffix = rng.choice([b".txt", b".html", b".md", b".TXT", b".htm"])
    stem = rng.choice(
        [b"bad-\xff\xfe", b"-rf", b"new\nline", "Ørsk-ünï".encode(), b"x" * 200, b"sp ace", b"a"]
    )
    return stem + f"-{i}".encode() + suffix


# --- 1. hostile inputs ------------------------------------------------------------------------


@dataclass
class Tally:
    inputs: int = 0
    runs: int = 0
    tracebacks: int = 0
    hangs: int = 0
    good: int = 0
    lost: int = 0
    formula_cells: int = 0
    examples: list[str] = field(default_factory=list)

    def failed(self, what: str) -> None:
        if len(self.examples) < 10:
            self.examples.append(what)


def build_folder(rng: random.Random, folder: Path, count: int, run: int) -> tuple[int, list[str]]:
    """Write about `count` hostile inputs and a few good articles; (inputs, good markers)."""
    folder.mkdir(parents=True)
    inputs, markers, i = 0, [], 0
    with open(folder / "feed.jsonl", "w", encoding="utf-8", errors="surrogatepass") as feed:
        while inputs < count // 2:
            feed.write(hostile_jsonl_line(rng, f"J{run}x{i}") + "\n")
            inputs, i = inputs + 1, i + 1
    while inputs < count:
        name = os.path.join(os.fsencode(folder), hostile_name(rng, i))
        with open(name, "wb") as handle:
            handle.write(hostile_bytes(rng, f"F{run}x{i}"))
        inputs, i = inputs + 1, i + 1
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "missing.txt", folder / "broken.txt")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    inputs += 3
    for j in range(3):
        marker = f"GOOD{run}z{j}"
        (folder / f"good-{j}.txt").write_text(good_article(rng, marker), encoding="utf-8")
        markers.append(marker)
    return inputs, markers


def cli(args: list[str], timeout: float = RUN_TIMEOUT) -> tuple[int | None, str]:
    """(exit status or None on a hang, stderr) of one presslens command in a subprocess."""
    try:
        done = subprocess.run(
            [*CLI, *args], env=ENV, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        return None, ""
    return done.returncode, done.stderr.decode("utf-8", "replace")


def check(tally: Tally, label: str, status: int | None, stderr: str, allowed=(0, 1, 2)) -> None:
    if status is None:
        tally.hangs += 1
        tally.failed(f"{label}: hang")
    elif "Traceback" in stderr or status not in allowed:
        tally.tracebacks += 1
        tally.failed(f"{label}: status {status}: {stderr.strip().splitlines()[-1:]}")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_cells(folder: Path) -> int:
    """Cells a spreadsheet would run as a formula: text starting with = + - @ tab or CR. A
    number ("-0.8", a negative z-score) is a number to a spreadsheet, and export keeps it one;
    text that looks like a number gets the apostrophe like any other."""
    import csv

    count = 0
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            count += sum(
                1
                for row in csv.reader(handle)
                for c in row
                if c.startswith(FORMULA_STARTS) and not _is_number(c)
            )
    return count


def fuzz_run(rng: random.Random, work: Path, run: int, per_run: int, tally: Tally) -> None:
    folder, db = work / f"in{run}", work / f"s{run}.db"
    inputs, markers = build_folder(rng, folder, per_run, run)
    tally.inputs, tally.runs, tally.good = tally.inputs + inputs, tally.runs + 1, tally.good + 3
    status, stderr = cli(["analyze", str(folder), "--db", str(db), "-q"])
    check(tally, f"run {run} analyze", status, stderr)
    if status is None or not db.exists():
        tally.lost += len(markers)
        return
    with sqlite3.connect(db) as conn:
        texts = [row[0] for row in conn.execute("SELECT text FROM documents")]
    tally.lost += sum(1 for m in markers if not any(m in t for t in texts))
    for args in (
        ["export", str(work / f"csv{run}"), "--format", "csv"],
        ["report", str(work / f"r{run}.html")],
    ):
        status, stderr = cli([*args, "--db", str(db)])
        check(tally, f"run {run} {args[0]}", status, stderr, allowed=(0,))
    tally.formula_cells += formula_cells(work / f"csv{run}")


# --- 2. odd paths and stores -----------------------------------------------------------------


def path_cases(work: Path, good_db: Path) -> list[list[str]]:
    """Commands on hostile paths and stores: each must end in one line, never a traceback."""
    plain = work / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    corrupt = work / "corrupt.db"
    data = bytearray(good_db.read_bytes())
    data[4096:] = b"\x5a" * max(0, len(data) - 4096)
    corrupt.write_bytes(bytes(data))
    (work / "garbage.db").write_bytes(os.urandom(8192))
    (work / "refs.csv").write_bytes(os.urandom(4096))
    db = ["--db", str(good_db)]
    cases = [
        ["report", str(work), *db],
        ["report", str(plain / "r.html"), *db],
        ["report", str(plain), *db],
        ["export", str(plain), *db],
        ["export", str(plain / "x"), *db],
        ["entities", "link", str(work / "refs.csv"), *db],
        ["summary", "--db", str(plain / "s.db")],
        ["summary", "--db", str(work)],
        ["summary", "--db", "orsk://archive/press"],
        ["summary", "--db", "postgresql://nobody@127.0.0.1:1/none"],
        ["summary", "--db", str(work / "garbage.db")],
    ]
    for command in (
        ["summary"],
        ["search", "bridge"],
        ["export", str(work / "c")],
        ["report", str(work / "c.html")],
    ):
        cases.append([*command, "--db", str(corrupt)])
    return cases


def path_trials(work: Path, good_db: Path, tally: Tally) -> int:
    cases = path_cases(work, good_db)
    for args in cases:
        status, stderr = cli(args, timeout=120)
        check(tally, " ".join(args[:2]), status, stderr)
        if status == 0 and args[0] != "summary":
            tally.failed(f"{' '.join(args[:2])}: accepted a bad path")
    return len(cases)


# --- 3. kill -9 trials -----------------------------------------------------------------------


def write_corpus(folder: Path, rng: random.Random, n: int = 16) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(good_article(rng, f"K{i}"), encoding="utf-8")


def export_lines(db: Path, out: Path) -> list[str]:
    status, stderr = cli(["export", str(out), "--db", str(db), "--force"])
    if status != 0:
        return [f"export failed: {stderr}"]
    return sorted(
        line for p in sorted(out.glob("*.jsonl")) for line in p.read_text("utf-8").splitlines()
    )


def kill_trials(work: Path, trials: int, rng: random.Random) -> tuple[int, int, float]:
    """(trials survived, trials, seconds of one uninterrupted run)."""
    corpus = work / "kill-corpus"
    write_corpus(corpus, random.Random(5))
    reference = work / "kill-ref.db"
    started = time.perf_counter()
    cli(["analyze", str(corpus), "--db", str(reference), "-q"])
    seconds = time.perf_counter() - started
    expected = export_lines(reference, work / "kill-ref")
    survived = 0
    for trial in range(trials):
        db = work / f"kill{trial}.db"
        proc = subprocess.Popen(
            [*CLI, "analyze", str(corpus), "--db", str(db), "-q"],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, seconds))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        intact = True
        if db.exists():
            with sqlite3.connect(db) as conn:
                intact = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        status, _ = cli(["analyze", str(corpus), "--db", str(db), "-q"])
        same = status == 0 and export_lines(db, work / f"kill{trial}") == expected
        survived += intact and same
    return survived, trials, seconds


# --- 4. cleaning time --------------------------------------------------------------------------


def short_paragraphs(size: int, rng: random.Random) -> str:
    syllables = ["ka", "lo", "ve", "mi", "ra", "tu", "sen", "dor", "pa", "vel", "is", "on"]
    paragraphs, length = ["Velmora council weighs the bridge plan"], 0
    while length < size:
        words = ("".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(10))
        paragraphs.append(" ".join(words).capitalize() + ".")
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def cleaning_times() -> tuple[float, float]:
    from presslens.clean import clean_document
    from presslens.ingest import content_hash
    from presslens.models import RawDocument

    times = []
    for size in (500_000, 2_000_000):
        text = short_paragraphs(size, random.Random(size))
        raw = RawDocument("big.txt", text, "txt", content_hash(text), "utf-8")
        best = float("inf")
        for _ in range(2):  # the best of two: the machine is shared (and caches warm up)
            started = time.perf_counter()
            clean_document(raw)
            best = min(best, time.perf_counter() - started)
        times.append(best)
    return times[0], times[1]


# --- 5. concurrent runs ------------------------------------------------------------------------


def concurrent_pairs(work: Path, pairs: int, rng: random.Random) -> tuple[int, int]:
    """(failures, runs): two analyze runs at once on one new store, 3 of 8 inputs shared."""
    failures = 0
    for pair in range(pairs):
        base = work / f"pair{pair}"
        for i in range(8):
            for side, offset in (("a", 0), ("b", 5)):
                path = base / side / f"{side}{i}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(
                    good_article(random.Random(i + offset), f"P{pair}n{i + offset}"), "utf-8"
                )
        db = base / "s.db"
        procs = [
            subprocess.Popen(
                [*CLI, "analyze", str(base / side), "--db", str(db), "-q"],
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for side in ("a", "b")
        ]
        for proc in procs:
            _, stderr = proc.communicate(timeout=RUN_TIMEOUT)
            failures += proc.returncode != 0 or b"Traceback" in stderr
        with sqlite3.connect(db) as conn:
            stored = conn.execute(
                "SELECT count(*), count(DISTINCT content_hash) FROM documents"
            ).fetchone()
        failures += stored != (13, 13)
    return failures, 2 * pairs


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--per-run", type=int, default=500)
    parser.add_argument("--kills", type=int, default=18)
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument(
        "--minutes", type=float, default=0, help="Stop the hostile runs after this."
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="presslens-fuzz-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        run = 0
        while tally.inputs < args.inputs:
            if args.minutes and time.perf_counter() - started > 60 * args.minutes:
                print(f"(time budget of {args.minutes:g} min reached)")
                break
            fuzz_run(rng, work, run, min(args.per_run, args.inputs - tally.inputs), tally)
            run += 1
        print(
            f"hostile inputs tried: {tally.inputs} in {tally.runs} analyze runs "
            f"({time.perf_counter() - started:.0f} s)"
        )
        print(
            f"  tracebacks: {tally.tracebacks}; hangs: {tally.hangs}; "
            f"good documents lost: {tally.lost} of {tally.good}; CSV formula cells: {tally.formula_cells}"
        )
        cases = path_trials(work, work / "s0.db", tally)
        print(
            f"odd paths and stores: {cases} commands; tracebacks or hangs so far: "
            f"{tally.tracebacks + tally.hangs}"
        )
        if args.kills:
            survived, trials, seconds = kill_trials(work, args.kills, rng)
            print(
                f"kill -9 trials: {survived}/{trials} with integrity ok, clean resume and an export "
                f"identical to an uninterrupted run ({seconds:.0f} s each)"
            )
        small, big = cleaning_times()
        print(
            f"cleaning short paragraphs: 0.5 MB {small:.2f} s, 2 MB {big:.2f} s, ratio {big / small:.1f}x"
        )
        if args.pairs:
            failures, runs = concurrent_pairs(work, args.pairs, rng)
            print(f"concurrent analyze runs on one store: {failures} failures in {runs} runs")
        for example in tally.examples:
            print("  failure:", example)


if __name__ == "__main__":
    main()
