"""TempEval-3 (TBAQ-cleaned) benchmark: presslens' time mentions against hand-normalised DATE timexes.

    python bench/real/tempeval.py ../shared [--split dev|train|all] [--limit N] [--errors N]

The shared folder holds the training portion only (`tempeval3/train.jsonl`). It is split here by a
fixed hash: a document whose id has a sha1 hex digest starting with 0, 1, 2 or 3 is "dev" (about a
quarter, measured and never tuned on); the rest is "train" (for tuning); "all" is every document.

Each document is written as a user would feed it ("Published: <date>", blank line, the title if
any, blank line, the text) into one folder, analysed by one `presslens.analyze` call, exported to
JSON lines, and its time mentions (dates.jsonl) are mapped back from the stored text to the
dataset text.

Scores, over every DATE timex of the split (README of the set):

- detection recall: some time mention overlaps the gold span;
- value accuracy: an overlapping mention states exactly the gold range at the gold's precision
  (day, month, year or decade); weeks, quarters, halves, seasons, centuries, `_REF` and values with
  unknown digits (`X`) cannot be stated that way and count as misses (counted apart in the note);
- precision of stated dates: share of the mentions stated as a day, month, year or decade that
  overlap a gold DATE/TIME timex and state its range; value F1 is the harmonic mean of that
  precision and the value accuracy;
- TIMEX value accuracy / precision / F1: the same over every mention and every gold DATE, a
  mention being right when its TIMEX3 value equals the gold value ("1989-Q3", "PRESENT_REF",
  "1998-W09"; zero-padding of weeks and the decade's trailing X ignored) or states its range.
  Gold values with unknown digits ("1989-WXX") stay misses.

The baseline is dateparser's `search_dates` on the dataset text (RELATIVE_BASE = the published
date), its strings located in order, each given the precision of dateparser's own period for it.

`--errors N` also prints up to N of presslens' gold DATEs missed, gold DATEs stated with a wrong
TIMEX value (beside the gold) and mentions that state no gold DATE/TIME (spurious), for tuning on
the train split: printed at run time, never stored.
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
CALENDAR_PRECISIONS = ("day", "month", "year", "decade")

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
    range: Range | None
    precision: str = ""
    value: str | None = None

    @property
    def calendar(self) -> bool:
        """Stated as a day, month, year or decade (what the range figures can score)."""
        return self.range is not None and (
            not self.precision or self.precision in CALENDAR_PRECISIONS
        )


@dataclass
class Tally:
    """Counts behind the four figures, summed over documents."""

    gold: int = 0
    unscorable: Counter = field(default_factory=Counter)
    detected: int = 0
    correct: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    value_correct: int = 0  # gold DATEs some overlapping mention states right by TIMEX value
    value_predicted: int = 0  # every mention
    value_predicted_correct: int = 0

    def add(self, other: Tally) -> None:
        """Sum another document's counts into this one."""
        self.gold += other.gold
        self.unscorable.update(other.unscorable)
        self.detected += other.detected
        self.correct += other.correct
        self.predicted += other.predicted
        self.predicted_correct += other.predicted_correct
        self.value_correct += other.value_correct
        self.value_predicted += other.value_predicted
        self.value_predicted_correct += other.value_predicted_correct

    def figures(self) -> dict[str, float]:
        """recall, accuracy, precision and F1 (0.0 where a denominator is empty)."""
        recall = self.detected / self.gold if self.gold else 0.0
        accuracy = self.correct / self.gold if self.gold else 0.0
        precision = self.predicted_correct / self.predicted if self.predicted else 0.0
        f1 = 2 * precision * accuracy / (precision + accuracy) if precision + accuracy else 0.0
        v_acc = self.value_correct / self.gold if self.gold else 0.0
        v_prec = (
            self.value_predicted_correct / self.value_predicted if self.value_predicted else 0.0
        )
        v_f1 = 2 * v_prec * v_acc / (v_prec + v_acc) if v_prec + v_acc else 0.0
        return {
            "recall": recall,
            "accuracy": accuracy,
            "precision": precision,
            "f1": f1,
            "value_accuracy": v_acc,
            "value_precision": v_prec,
            "value_f1": v_f1,
        }


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether the half-open spans [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1


def date_timexes(timexes: list[dict]) -> list[dict]:
    """The DATE timexes, the ones every figure's recall counts."""
    return [t for t in timexes if t["type"] == "DATE"]


def normalised_value(value: str | None) -> str | None:
    """A TIMEX3 value with the spelling differences that do not change it removed: "1998-W9"
    and "1998-W09", "199" and "199X"."""
    if not value:
        return None
    value = re.sub(r"-W0?(\d+)$", lambda m: f"-W{int(m[1])}", value)
    return re.sub(r"^(\d{3})X$", r"\1", value)


def _states(pred: Pred, gold: dict) -> bool:
    """Whether a mention states the gold value: the same TIMEX value or the same range."""
    want = gold_range(gold["value"])
    if want is not None and pred.range == want:
        return True
    return pred.value is not None and normalised_value(pred.value) == normalised_value(
        gold["value"]
    )


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
        elif any(p.calendar and p.range == want for p in near):
            tally.correct += 1
        tally.value_correct += any(_states(p, gold) for p in near)
    stated = [t for t in timexes if t["type"] in ("DATE", "TIME")]
    for p in preds:
        near = [t for t in stated if overlaps(p.start, p.end, t["start"], t["end"])]
        tally.value_predicted += 1
        tally.value_predicted_correct += any(_states(p, t) for t in near)
        if p.calendar:
            tally.predicted += 1
            tally.predicted_correct += any(gold_range(t["value"]) == p.range for t in near)
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
    for mention in read_jsonl(work / "out" / "dates.jsonl"):
        if mention["doc_id"] not in stored:
            continue
        doc = stored[mention["doc_id"]][0]
        span = _mapped_span(
            maps[mention["doc_id"]], mention["start"], mention["end"], len(header(doc))
        )
        if span is None or span[0] < 0:
            continue  # the "Published:" header line, not the dataset text
        stated = (mention["start_date"], mention["end_date"]) if mention["start_date"] else None
        preds[doc["id"]].append(
            Pred(span[0], span[1], stated, mention["precision"], mention["value"])
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


def error_classes(doc: dict, preds: list[Pred]) -> Counter:
    """Counts of missed expression kinds and wrong-value classes in one document."""
    out: Counter = Counter()
    for gold in date_timexes(doc["timexes"]):
        want = gold_range(gold["value"])
        near = [p for p in preds if overlaps(p.start, p.end, gold["start"], gold["end"])]
        if not near:
            out[f"missed: {expression_kind(gold['text'])}"] += 1
        elif not any(_states(p, gold) for p in near):
            if want is None:
                out[f"wrong value: gold {unscorable_kind(gold['value'])}"] += 1
            elif near[0].range is None:
                out["wrong value: a _REF for a calendar date"] += 1
            else:
                out[f"wrong value: {wrong_value_kind(want, near[0].range)}"] += 1
    return out


def _quoted(text: str, start: int, end: int) -> str:
    return repr(" ".join(text[start:end].split()))


def error_examples(doc: dict, preds: list[Pred]) -> dict[str, list[str]]:
    """One document's misses, wrong values and spurious mentions, one line each:
    `id 'gold text'=gold value <- 'mention text'=its value`."""
    out: dict[str, list[str]] = {"missed": [], "wrong": [], "spurious": []}
    text, doc_id = doc["text"], doc["id"]
    for gold in date_timexes(doc["timexes"]):
        near = [p for p in preds if overlaps(p.start, p.end, gold["start"], gold["end"])]
        said = f"{doc_id} {_quoted(text, gold['start'], gold['end'])}={gold['value']}"
        if not near:
            context = _quoted(text, max(0, gold["start"] - 40), gold["end"] + 25)
            out["missed"].append(f"{said} in {context}")
        elif not any(_states(p, gold) for p in near):
            got = ", ".join(f"{_quoted(text, p.start, p.end)}={p.value}" for p in near)
            out["wrong"].append(f"{said} <- {got} (published {doc['published']})")
    stated = [t for t in doc["timexes"] if t["type"] in ("DATE", "TIME")]
    for p in preds:
        near = [t for t in stated if overlaps(p.start, p.end, t["start"], t["end"])]
        if not any(_states(p, t) for t in near):
            gold_near = ", ".join(f"{t['type']} {t['value']}" for t in near) or "no gold"
            context = _quoted(text, max(0, p.start - 40), p.end + 25)
            out["spurious"].append(
                f"{doc_id} {_quoted(text, p.start, p.end)}={p.value} ({gold_near}) in {context}"
            )
    return out


def print_errors(docs: list[dict], preds: dict[str, list[Pred]], limit: int) -> None:
    """Up to `limit` lines of each kind of error over `docs` (see `error_examples`)."""
    lines: dict[str, list[str]] = {"missed": [], "wrong": [], "spurious": []}
    for doc in docs:
        for kind, found in error_examples(doc, preds[doc["id"]]).items():
            lines[kind].extend(found)
    for kind, found in lines.items():
        print(f"\n{kind} ({len(found)}):")
        for line in found[:limit]:
            print(f"  {line}")


# --- the run ----------------------------------------------------------------------------------


def evaluate(docs: list[dict]) -> dict:
    """Both systems' tallies and presslens' error classes on `docs`, with timings."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        preds = presslens_predictions(docs, Path(tmp))
        seconds = time.perf_counter() - t0
    ours, base, errors = Tally(), Tally(), Counter()
    for doc in docs:
        ours.add(score_document(doc["timexes"], preds[doc["id"]]))
        errors.update(error_classes(doc, preds[doc["id"]]))
    t1 = time.perf_counter()
    for doc in docs:
        base.add(score_document(doc["timexes"], baseline_predictions(doc)))
    return {
        "presslens": ours,
        "baseline": base,
        "preds": preds,
        "errors": errors,
        "seconds": seconds,
        "baseline_seconds": time.perf_counter() - t1,
    }


def rows_of(result: dict, split: str, n_docs: int) -> list[Row]:
    """The rows of an `evaluate` result: presslens beside dateparser's search_dates."""
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
        ("TIMEX value accuracy", "value_accuracy"),
        ("TIMEX value precision", "value_precision"),
        ("TIMEX value F1", "value_f1"),
    )
    dataset = f"{DATASET} {split}"
    return [Row(dataset, m, ours[k], base[k], BASELINE_NAME, note=note) for m, k in metrics]


def run(shared: Path, split: str = "dev", limit: int | None = None) -> list[Row]:
    """The rows for the split, or one "skipped" row when the set is absent."""
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
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N misses, wrong values, spurious"
    )
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
    if args.errors:
        print_errors(docs, result["preds"], args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
