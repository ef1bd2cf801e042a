"""TempEval-3 (TBAQ-cleaned) benchmark: claims' `when` against hand-normalised DATE timexes.

    python bench/real/tempeval.py ../shared [--split dev|train|all] [--limit N]

The shared folder holds the training portion only (`tempeval3/train.jsonl`). It is split here by a
fixed hash: a document whose id has a sha1 hex digest starting with 0, 1, 2 or 3 is "dev" (about a
quarter, measured and never tuned on); the rest is "train" (for tuning); "all" is every document.

Each document is written as a user would feed it ("Published: <date>", blank line, the title if
any, blank line, the text) into one folder, analysed by one `presslens.analyze` call, exported to
JSON lines, and its claims' `when` spans are mapped back from the stored text to the dataset text.

Scores, over every DATE timex of the split (README of the set):

- detection recall: some `when` span overlaps the gold span;
- value accuracy: an overlapping `when` states exactly the gold range at the gold's precision
  (day, month, year or decade); weeks, quarters, halves, seasons, centuries, `_REF` and values with
  unknown digits (`X`) cannot be stated that way and count as misses (counted apart in the note);
- precision of stated dates: share of all `when` values that overlap a gold DATE/TIME timex and
  state its range; value F1 is the harmonic mean of that precision and the value accuracy.

The baseline is dateparser's `search_dates` on the dataset text (RELATIVE_BASE = the published
date), its strings located in order, each given the precision of dateparser's own period for it.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import hashlib
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path[:0] = [
        str(Path(__file__).resolve().parents[2]),
        str(Path(__file__).resolve().parents[2] / "src"),
    ]

from bench.real.common import Row, read_jsonl, skipped  # noqa: E402

DATASET = "tempeval3"
DEV_SHARE_HEX = "0123"  # ids whose sha1 starts with one of these are dev (about a quarter)
BASELINE_NAME = "dateparser search_dates"
Range = tuple[str, str]  # (first day, last day), ISO dates

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_UNSCORABLE_KINDS = (
    ("ref", re.compile(r"_REF$")),
    ("week", re.compile(r"-W")),
    ("quarter", re.compile(r"-Q")),
    ("half", re.compile(r"-H")),
    ("season", re.compile(r"-(SU|FA|WI|SP)$")),
    ("duration", re.compile(r"^P")),
    ("unanchored", re.compile(r"X")),
    ("century", re.compile(r"^\d{2}$")),
)


def is_dev_doc(doc_id: str) -> bool:
    """A fixed quarter of the documents, chosen by a hash of the id: measured, never tuned on."""
    return hashlib.sha1(doc_id.encode()).hexdigest()[0] in DEV_SHARE_HEX


def documents(shared: Path, split: str = "dev", limit: int | None = None) -> list[dict]:
    """The split's records of `shared/tempeval3/train.jsonl`, at most `limit` of them."""
    out = []
    for doc in read_jsonl(shared / DATASET / "train.jsonl"):
        if split == "all" or is_dev_doc(doc["id"]) == (split == "dev"):
            out.append(doc)
        if limit is not None and len(out) >= limit:
            break
    return out


# --- gold values as ranges --------------------------------------------------------------------


def _iso(year: int, month: int, day: int) -> str:
    return datetime.date(year, month, day).isoformat()


def gold_range(value: str) -> Range | None:
    """The calendar range a TimeML DATE value covers, or None when it is no day/month/year/decade.

    A time of day after a full date ("1998-02-27TEV") keeps the day.
    """
    try:
        if m := _DAY.match(value):
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
            return _iso(y, mo, d), _iso(y, mo, d)
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return _iso(y, mo, 1), _iso(y, mo, calendar.monthrange(y, mo)[1])
        if m := _YEAR.match(value):
            return _iso(int(m[1]), 1, 1), _iso(int(m[1]), 12, 31)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return _iso(y, 1, 1), _iso(y + 9, 12, 31)
    except ValueError:
        return None
    return None


def unscorable_kind(value: str) -> str:
    """Why a gold value cannot be stated in day/month/year/decade: week, quarter, ref, ..."""
    for kind, pattern in _UNSCORABLE_KINDS:
        if pattern.search(value):
            return kind
    return "other"


# --- scoring ----------------------------------------------------------------------------------


@dataclass
class Pred:
    """One stated date: its span in the dataset text and the range it states."""

    start: int
    end: int
    range: Range
    precision: str = ""


@dataclass
class Tally:
    """Counts behind the four figures, summed over documents."""

    gold: int = 0
    unscorable: Counter = field(default_factory=Counter)
    detected: int = 0
    correct: int = 0
    predicted: int = 0
    predicted_correct: int = 0

    def add(self, other: Tally) -> None:
        """Sum another document's counts into this one."""
        self.gold += other.gold
        self.unscorable.update(other.unscorable)
        self.detected += other.detected
        self.correct += other.correct
        self.predicted += other.predicted
        self.predicted_correct += other.predicted_correct

    def figures(self) -> dict[str, float]:
        """recall, accuracy, precision and F1 (0.0 where a denominator is empty)."""
        recall = self.detected / self.gold if self.gold else 0.0
        accuracy = self.correct / self.gold if self.gold else 0.0
        precision = self.predicted_correct / self.predicted if self.predicted else 0.0
        f1 = 2 * precision * accuracy / (precision + accuracy) if precision + accuracy else 0.0
        return {"recall": recall, "accuracy": accuracy, "precision": precision, "f1": f1}


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether the half-open spans [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1


def date_timexes(timexes: list[dict]) -> list[dict]:
    """The DATE timexes, the ones every figure's recall counts."""
    return [t for t in timexes if t["type"] == "DATE"]


def score_document(timexes: list[dict], preds: list[Pred]) -> Tally:
    """Counts for one document: gold DATEs detected / stated right, predictions right."""
    tally = Tally()
    for gold in date_timexes(timexes):
        tally.gold += 1
        near = [p for p in preds if overlaps(p.start, p.end, gold["start"], gold["end"])]
        tally.detected += bool(near)
        want = gold_range(gold["value"])
        if want is None:
            tally.unscorable[unscorable_kind(gold["value"])] += 1
        elif any(p.range == want for p in near):
            tally.correct += 1
    stated = [t for t in timexes if t["type"] in ("DATE", "TIME")]
    for p in preds:
        tally.predicted += 1
        tally.predicted_correct += any(
            overlaps(p.start, p.end, t["start"], t["end"]) and gold_range(t["value"]) == p.range
            for t in stated
        )
    return tally


# --- presslens --------------------------------------------------------------------------------


def header(doc: dict) -> str:
    """What precedes the text in the file fed to presslens."""
    title = f"{doc['title'].strip()}\n\n" if doc.get("title", "").strip() else ""
    return f"Published: {doc['published']}\n\n{title}"


def offset_map(stored: str, source: str) -> list[int | None]:
    """For each character of `stored`, its position in `source` (None where cleaning changed it)."""
    at = source.find(stored)
    if at >= 0:
        return list(range(at, at + len(stored)))
    out: list[int | None] = [None] * len(stored)
    matcher = difflib.SequenceMatcher(None, stored, source, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


def _mapped_span(mapping: list[int | None], start: int, end: int, shift: int):
    positions = [mapping[i] for i in range(start, min(end, len(mapping))) if mapping[i] is not None]
    if not positions:
        return None
    return positions[0] - shift, positions[-1] + 1 - shift


def _write_inputs(docs: list[dict], folder: Path) -> dict[str, dict]:
    """One .txt per document; returns {file stem: record}."""
    folder.mkdir(parents=True, exist_ok=True)
    by_stem = {}
    for n, doc in enumerate(docs):
        stem = f"doc{n:04d}"
        (folder / f"{stem}.txt").write_text(header(doc) + doc["text"], encoding="utf-8")
        by_stem[stem] = doc
    return by_stem


def presslens_predictions(docs: list[dict], work: Path) -> dict[str, list[Pred]]:
    """{dataset id: stated dates} from one analyze run over the split, spans in dataset text."""
    import presslens  # noqa: PLC0415

    by_stem = _write_inputs(docs, work / "in")
    presslens.analyze([work / "in"], db=work / "x.db")
    presslens.export(work / "x.db", work / "out", format="jsonl")
    stored = {}
    for row in read_jsonl(work / "out" / "documents.jsonl"):
        stem = Path(row["source"]).stem
        if stem in by_stem:
            stored[row["id"]] = (by_stem[stem], row["text"])
    maps = {
        doc_id: offset_map(text, header(doc) + doc["text"])
        for doc_id, (doc, text) in stored.items()
    }
    preds: dict[str, list[Pred]] = {doc["id"]: [] for doc in docs}
    for claim in read_jsonl(work / "out" / "claims.jsonl"):
        when = claim.get("when")
        if not when or claim["doc_id"] not in stored or when.get("char_start") is None:
            continue
        doc = stored[claim["doc_id"]][0]
        span = _mapped_span(
            maps[claim["doc_id"]], when["char_start"], when["char_end"], len(header(doc))
        )
        if span is not None:
            preds[doc["id"]].append(
                Pred(span[0], span[1], (when["start"], when["end"]), when["precision"])
            )
    return preds


# --- baseline ---------------------------------------------------------------------------------

_PERIOD_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year", "time": "day"}


def _range_of(day: datetime.date, precision: str) -> Range:
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return _iso(day.year, day.month, 1), _iso(day.year, day.month, last)
    if precision == "year":
        return _iso(day.year, 1, 1), _iso(day.year, 12, 31)
    return day.isoformat(), day.isoformat()


def baseline_predictions(doc: dict) -> list[Pred]:
    """dateparser's `search_dates` on the text, anchored at the published date, spans located."""
    from dateparser.date import DateDataParser  # noqa: PLC0415
    from dateparser.search import search_dates  # noqa: PLC0415

    base = datetime.datetime.combine(datetime.date.fromisoformat(doc["published"]), datetime.time())
    settings = {"RELATIVE_BASE": base}
    found = search_dates(doc["text"], languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    preds, pos = [], 0
    for string, when in found:
        at = doc["text"].find(string, pos)
        if at < 0:
            continue
        pos = at + len(string)
        data = parser.get_date_data(string)
        precision = _PERIOD_PRECISION.get((data and data.period) or "day", "day")
        preds.append(Pred(at, pos, _range_of(when.date(), precision), precision))
    return preds


# --- error classes ----------------------------------------------------------------------------

_EXPRESSION_KINDS = (
    ("weekday", r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"),
    ("today/yesterday/tomorrow", r"\b(today|yesterday|tomorrow|tonight)\b"),
    ("now/currently/recently", r"\b(now|current(ly)?|recent(ly)?|present|former|past|future)\b"),
    ("decade", r"\d0'?s\b|\bdecade"),
    ("N units ago/later", r"\b(ago|earlier|later|before|after|since)\b"),
    ("last/next/this unit", r"\b(last|next|this|previous|coming|past)\b"),
    ("quarter/half/season", r"quarter|half|spring|summer|fall|autumn|winter|season"),
    ("full date", r"[A-Za-z]+\.? \d{1,2}, \d{4}"),
    ("month day", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b"),
    ("month year", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}\b"),
    ("bare month", r"^(in )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$"),
    ("bare year", r"^(fiscal |calendar )?(19|20)\d\d$"),
)


def expression_kind(text: str) -> str:
    """A coarse kind of a date expression, for counting what is missed ("weekday", ...)."""
    low = text.lower().strip()
    for kind, pattern in _EXPRESSION_KINDS:
        if re.search(pattern, low):
            return kind
    return "other"


def wrong_value_kind(want: Range, got: Range) -> str:
    """How a stated range differs from the gold one: coarser, finer, other year, shifted..."""
    if got[0] <= want[0] and want[1] <= got[1]:
        return "coarser than gold"
    if want[0] <= got[0] and got[1] <= want[1]:
        return "finer than gold"
    if want[0][:4] != got[0][:4] and (want[1] > want[0]) == (got[1] > got[0]):
        return "other year, same precision"
    return "other range"


def _miss_reason(doc: dict, gold: dict, preds: list[Pred], claims: list[tuple[int, int]]) -> str:
    """Why a gold date has no `when`: no claim there, or the claim's one `when` went elsewhere."""
    sentence = next((c for c in claims if overlaps(*c, gold["start"], gold["end"])), None)
    if sentence is None:
        return "missed, in no claim"
    if any(overlaps(p.start, p.end, *sentence) for p in preds):
        return "missed, its claim's when is another date"
    return "missed, its claim has no when"


def resolver_check(doc: dict, gold: dict) -> str:
    """What presslens' own resolver makes of the gold words: right, wrong or nothing."""
    from presslens.claims import resolve_date  # noqa: PLC0415

    want = gold_range(gold["value"])
    got = resolve_date(gold["text"], doc["published"])
    if got is None:
        return "resolver: none"
    return "resolver: right" if (got.start, got.end) == want else "resolver: wrong"


def error_classes(doc: dict, preds: list[Pred], claims: list[tuple[int, int]]) -> Counter:
    """Counts of missed expression kinds and wrong-value classes in one document.

    `claims` are the claim sentence spans (dataset offsets): a miss inside one is a sentence
    whose single `when` went to another date or to none.
    """
    out: Counter = Counter()
    for gold in date_timexes(doc["timexes"]):
        want = gold_range(gold["value"])
        near = [p for p in preds if overlaps(p.start, p.end, gold["start"], gold["end"])]
        if not near:
            kind = expression_kind(gold["text"])
            out[f"missed: {kind}"] += 1
            reason = _miss_reason(doc, gold, preds, claims)
            out[reason] += 1
            if want is not None:
                out[f"{reason} (scorable), {resolver_check(doc, gold)}"] += 1
        elif want is not None and not any(p.range == want for p in near):
            out[f"wrong value: {wrong_value_kind(want, near[0].range)}"] += 1
    return out


# --- the run ----------------------------------------------------------------------------------


def _claim_spans(work: Path, docs: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """{dataset id: claim sentence spans in dataset text}, read back from the export."""
    by_stem = {f"doc{n:04d}": doc for n, doc in enumerate(docs)}
    stored = {}
    for row in read_jsonl(work / "out" / "documents.jsonl"):
        doc = by_stem.get(Path(row["source"]).stem)
        if doc is not None:
            stored[row["id"]] = (doc, offset_map(row["text"], header(doc) + doc["text"]))
    spans: dict[str, list[tuple[int, int]]] = {doc["id"]: [] for doc in docs}
    for claim in read_jsonl(work / "out" / "claims.jsonl"):
        if claim["doc_id"] in stored:
            doc, mapping = stored[claim["doc_id"]]
            span = _mapped_span(mapping, claim["start"], claim["end"], len(header(doc)))
            if span:
                spans[doc["id"]].append(span)
    return spans


def evaluate(docs: list[dict]) -> dict:
    """Both systems' tallies and presslens' error classes on `docs`, with timings."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        preds = presslens_predictions(docs, Path(tmp))
        seconds = time.perf_counter() - t0
        claims = _claim_spans(Path(tmp), docs)
    ours, base, errors = Tally(), Tally(), Counter()
    for doc in docs:
        ours.add(score_document(doc["timexes"], preds[doc["id"]]))
        errors.update(error_classes(doc, preds[doc["id"]], claims[doc["id"]]))
    t1 = time.perf_counter()
    for doc in docs:
        base.add(score_document(doc["timexes"], baseline_predictions(doc)))
    return {
        "presslens": ours,
        "baseline": base,
        "errors": errors,
        "seconds": seconds,
        "baseline_seconds": time.perf_counter() - t1,
    }


def rows_of(result: dict, split: str, n_docs: int) -> list[Row]:
    """The four rows of an `evaluate` result: presslens beside dateparser's search_dates."""
    ours, base = result["presslens"].figures(), result["baseline"].figures()
    tally = result["presslens"]
    kinds = ", ".join(f"{k} {v}" for k, v in tally.unscorable.most_common())
    note = (
        f"{n_docs} docs, gold DATE {tally.gold}, unscorable {sum(tally.unscorable.values())} "
        f"({kinds}); stated dates {tally.predicted} (baseline {result['baseline'].predicted})"
    )
    metrics = (
        ("date detection recall", "recall"),
        ("date value accuracy", "accuracy"),
        ("date value F1", "f1"),
        ("precision of stated dates", "precision"),
    )
    dataset = f"{DATASET} {split}"
    return [Row(dataset, m, ours[k], base[k], BASELINE_NAME, note=note) for m, k in metrics]


def run(shared: Path, split: str = "dev", limit: int | None = None) -> list[Row]:
    """The four rows for the split, or one "skipped" row when the set is absent."""
    path = Path(shared) / DATASET / "train.jsonl"
    if not path.exists():
        return skipped(f"{DATASET} {split}", path)
    docs = documents(Path(shared), split, limit)
    return rows_of(evaluate(docs), split, len(docs))


def main(argv: list[str] | None = None) -> int:
    """Print the rows for a shared folder as a Markdown table."""
    import argparse  # noqa: PLC0415

    from bench.real.common import print_rows  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--split", default="dev", choices=["all", "train", "dev"])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    path = args.shared / DATASET / "train.jsonl"
    if not path.exists():
        print_rows(skipped(f"{DATASET} {args.split}", path))
        return 0
    docs = documents(args.shared, args.split, args.limit)
    result = evaluate(docs)
    print_rows(rows_of(result, args.split, len(docs)))
    print(f"\npresslens {result['seconds']:.1f} s, baseline {result['baseline_seconds']:.1f} s")
    print("presslens error classes (gold DATE timexes):")
    for kind, count in sorted(result["errors"].items()):
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
