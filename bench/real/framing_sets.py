"""Framing benchmark on NewsWCL50 and BASIL: presslens' framing terms per outlet against hand spans.

    python bench/real/framing_sets.py ../shared [--split dev|train] [--set newswcl50|basil]
        [--misses [N]]

`--misses` prints, after the figures, the missed gold spans by class (kind, subkind, target type)
and the rows on no annotated span, N of each class (default 15), each with its context.

Each event's articles go to presslens as one corpus (one .jsonl, one db per event); framing.jsonl
is scored as the two READMEs say:

- recall of the gold framing spans per outlet: a gold span is found when a framing row of that
  outlet has a term occurrence overlapping it, or a term equal to it after lower-casing and
  dropping leading articles. A row's term occurrence is located in the stored document text next
  to each example mention (the example span is the name; the term is searched for within a
  window around it) and mapped onto the dataset text;
- precision: the share of rows with at least one term occurrence on an annotated span (NewsWCL50:
  any mention or property span; BASIL: any lexical-bias span);
- rows inside quotation marks: rows with at least one term occurrence inside quotation marks of
  its paragraph (count and share).

Baseline: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008),
each outlet against the other outlets of its event, over lowercased unigrams and bigrams (no
n-gram starting or ending with a stop word), prior counts = the n-gram counts of all articles of
the split. The top k by z-score per outlet and event are kept, k = the number of framing rows
presslens gives for that outlet in that event; each term's occurrences in the outlet's article
are its examples, scored with the same functions.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path[:0] = [
        str(Path(__file__).resolve().parents[2]),
        str(Path(__file__).resolve().parents[2] / "src"),
    ]

from bench.real.common import Row, read_jsonl, skipped  # noqa: E402

BASELINE = "weighted log-odds"
ARTICLES = ("the", "a", "an")
WINDOW = 160  # characters either side of an example mention searched for its term
WORD = re.compile(r"[a-z][a-z'’-]*")
OPENERS, CLOSERS, TOGGLES = "“«", "”»", '"'


@dataclass
class TermRow:
    """One framing row reduced to what is scored: outlet, term, located spans in dataset text."""

    outlet: str
    term: str
    doc_id: str  # dataset record id
    spans: list[tuple[int, int]] = field(default_factory=list)
    in_quotes: bool = False
    rule: str = ""  # the presslens rule behind the row ("" for the baseline)


# --- text helpers ------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower-case, collapse spaces, drop leading articles and edge punctuation."""
    words = text.lower().replace("’", "'").split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words).strip(" ,.;:\"'")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open character ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def inside_quotes(text: str, pos: int) -> bool:
    """Whether `pos` sits inside quotation marks, reading its paragraph from the start."""
    start = text.rfind("\n", 0, pos) + 1
    depth = 0
    for ch in text[start:pos]:
        if ch in OPENERS:
            depth = 1
        elif ch in CLOSERS:
            depth = 0
        elif ch in TOGGLES:
            depth = 1 - depth
    return depth == 1


def term_pattern(term: str) -> re.Pattern:
    """A case-insensitive pattern for a term's words with any non-word run between them."""
    words = [re.escape(w) for w in re.split(r"[\W_]+", term) if w]
    return re.compile(r"\b" + r"[\W_]+".join(words) + r"\b", re.IGNORECASE)


def locate_term(text: str, term: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of each `; `-joined part of a term, the occurrence nearest the mention [start, end)."""
    found = []
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    for part in term.split("; "):
        if not re.search(r"\w", part):
            continue
        best = None
        for m in term_pattern(part).finditer(text, lo, hi):
            gap = max(start - m.end(), m.start() - end, 0)
            if best is None or gap < best[0]:
                best = (gap, m.start(), m.end())
        if best:
            found.append((best[1], best[2]))
    return found


def offset_map(stored: str, original: str) -> list[int | None] | None:
    """For each character of the stored text, its position in the dataset text (None where
    cleaning changed it); None when the stored text is not the dataset's at all. Cleaning may
    drop a line in the middle ("More: ..."), so one shift is not enough."""
    at = original.find(stored)
    if at >= 0:
        return list(range(at, at + len(stored)))
    out: list[int | None] = [None] * len(stored)
    matcher = difflib.SequenceMatcher(None, stored, original, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        out[a : a + size] = range(b, b + size)
    return out if any(p is not None for p in out[:200]) else None


def mapped_span(mapping: list[int | None], start: int, end: int) -> tuple[int, int] | None:
    """A stored-text span in dataset-text offsets (its first and last mapped characters)."""
    positions = [p for p in mapping[start:end] if p is not None]
    return (positions[0], positions[-1] + 1) if positions else None


# --- running presslens -------------------------------------------------------------------------


def events_of(path: Path, limit: int | None = None) -> dict[str, list[dict]]:
    """Dataset records grouped by event (insertion order), at most `limit` events."""
    events: dict[str, list[dict]] = defaultdict(list)
    for record in read_jsonl(path):
        if record["event"] not in events and limit is not None and len(events) >= limit:
            continue
        events[record["event"]].append(record)
    return dict(events)


def analyse_event(records: list[dict], work: Path) -> tuple[list[dict], list[dict]]:
    """Run presslens on one event's articles: (documents rows, framing rows) of its export."""
    import presslens

    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    keys = ("title", "text", "outlet", "published", "url")
    with (corpus / "event.jsonl").open("w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps({k: r.get(k) for k in keys}) + "\n")
    presslens.analyze([corpus], db=work / "event.db")
    presslens.export(work / "event.db", work / "out", format="jsonl")
    read = lambda name: list(read_jsonl(work / "out" / name))  # noqa: E731
    return read("documents.jsonl"), read("framing.jsonl")


def presslens_rows(records: list[dict], documents: list[dict], framing: list[dict]) -> list:
    """Framing rows with their term spans mapped to dataset text; (rows, unlocated count)."""
    by_url = {r["url"]: r for r in records}
    docs = {}
    for d in documents:
        record = by_url.get(d["source"]) or next(
            (r for r in records if d["text"] and d["text"][:200] in r["text"]), None
        )
        if record is not None:
            docs[d["id"]] = (d["text"], record, offset_map(d["text"], record["text"]))
    rows, unlocated = [], 0
    for f in framing:
        row = None
        for ex in f["examples"]:
            if ex["doc_id"] not in docs or docs[ex["doc_id"]][2] is None:
                continue
            stored, record, mapping = docs[ex["doc_id"]]
            row = row or TermRow(
                record["outlet"], f["term"], record["id"], rule=(f.get("rule") or "").split("@")[0]
            )
            for s, e in locate_term(stored, f["term"], ex["start"], ex["end"]):
                span = mapped_span(mapping, s, e)
                if span is not None:
                    row.spans.append(span)
                    row.in_quotes |= inside_quotes(stored, s)
        if row is None or not row.spans:
            unlocated += 1
        rows.append(row or TermRow(f["outlet"], f["term"], ""))
    return rows, unlocated


# --- scoring -----------------------------------------------------------------------------------


def found_gold(gold: list[dict], rows: list[TermRow]) -> list[bool]:
    """For each gold span {doc_id, outlet, start, end, text}: whether a row of its outlet finds it."""
    by_outlet: dict[str, list[TermRow]] = defaultdict(list)
    for row in rows:
        by_outlet[row.outlet].append(row)
    out = []
    for g in gold:
        span, text = (g["start"], g["end"]), normalise(g["text"])
        hit = any(
            row.term == text
            or (row.doc_id == g["doc_id"] and any(overlaps(span, s) for s in row.spans))
            for row in by_outlet[g["outlet"]]
        )
        out.append(hit)
    return out


def on_span(rows: list[TermRow], spans_of: dict[str, list[tuple[int, int]]]) -> list[bool]:
    """For each row: whether one of its term occurrences overlaps an annotated span of its doc."""
    return [any(overlaps(s, a) for s in r.spans for a in spans_of.get(r.doc_id, ())) for r in rows]


def share(hits: list[bool]) -> float | None:
    """The share of True values (None for an empty list)."""
    return sum(hits) / len(hits) if hits else None


# --- the weighted log-odds baseline ------------------------------------------------------------


def ngrams(text: str, stop: frozenset[str]) -> list[str]:
    """Lowercased unigrams and bigrams of a text, none starting or ending with a stop word."""
    words = WORD.findall(text.lower().replace("’", "'"))
    grams = [w for w in words if w not in stop]
    grams += [
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if a not in stop and b not in stop
    ]
    return grams


def log_odds_z(counts_i: Counter, counts_j: Counter, prior: Counter) -> dict[str, float]:
    """Monroe et al. (2008) z-scores of group i against group j, prior counts `prior`."""
    vocab = sorted(counts_i)
    if not vocab:
        return {}
    y_i = np.array([counts_i[w] for w in vocab], dtype=float)
    y_j = np.array([counts_j.get(w, 0) for w in vocab], dtype=float)
    a = np.array([prior.get(w, 0) for w in vocab], dtype=float) + 0.01
    n_i, n_j, a0 = sum(counts_i.values()), sum(counts_j.values()), sum(prior.values())
    delta = np.log((y_i + a) / (n_i + a0 - y_i - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a))
    z = delta / np.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
    return dict(zip(vocab, z.tolist(), strict=True))


def top_terms(z: dict[str, float], k: int) -> list[str]:
    """The k terms of highest z-score (ties by term)."""
    return [t for t, _ in sorted(z.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def baseline_rows(records: list[dict], k_of: dict[str, int], prior: Counter, stop) -> list:
    """Top-k log-odds terms per outlet of one event, with every occurrence in its article."""
    counts = {r["id"]: Counter(ngrams(r["text"], stop)) for r in records}
    rows = []
    for r in records:
        rest = Counter()
        for other in records:
            if other["id"] != r["id"]:
                rest.update(counts[other["id"]])
        z = log_odds_z(counts[r["id"]], rest, prior)
        for term in top_terms(z, k_of.get(r["outlet"], 0)):
            row = TermRow(r["outlet"], term, r["id"])
            for m in term_pattern(term).finditer(r["text"]):
                row.spans.append((m.start(), m.end()))
                row.in_quotes |= inside_quotes(r["text"], m.start())
            rows.append(row)
    return rows


# --- one dataset -------------------------------------------------------------------------------


@dataclass
class SetSpec:
    """How one dataset names its gold framing spans and its spans that count for precision."""

    name: str
    precision_kinds: tuple[str, ...]  # span kinds a row may fall on


SPECS = {
    "newswcl50": SetSpec("newswcl50", ("mention", "property")),
    "basil": SetSpec("basil", ("lex",)),
}


def gold_of(records: list[dict]) -> list[dict]:
    """The gold framing spans of the records (in the body), with doc_id and outlet."""
    return [
        {**s, "doc_id": r["id"], "outlet": r["outlet"]}
        for r in records
        for s in r["spans"]
        if s.get("framing") and s.get("where", "text") == "text"
    ]


def annotated_spans(records: list[dict], kinds: tuple[str, ...]) -> dict[str, list]:
    """Body spans of the given kinds per record id, for precision."""
    return {
        r["id"]: [
            (s["start"], s["end"])
            for s in r["spans"]
            if s["kind"] in kinds and s.get("where", "text") == "text"
        ]
        for r in records
    }


def score_set(spec: SetSpec, events: dict[str, list[dict]]) -> dict:
    """Run presslens and the baseline on every event; everything the rows need."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stop = frozenset(STOP_WORDS)
    records = [r for rs in events.values() for r in rs]
    prior = Counter(g for r in records for g in ngrams(r["text"], stop))
    ours, base, unlocated = [], [], 0
    for event_records in events.values():
        with tempfile.TemporaryDirectory() as tmp:
            documents, framing = analyse_event(event_records, Path(tmp))
        rows, missing = presslens_rows(event_records, documents, framing)
        unlocated += missing
        ours += rows
        k_of = Counter(r.outlet for r in rows)
        base += baseline_rows(event_records, k_of, prior, stop)
    gold = gold_of(records)
    spans = annotated_spans(records, spec.precision_kinds)
    return {
        "gold": gold,
        "ours": ours,
        "base": base,
        "unlocated": unlocated,
        "found": found_gold(gold, ours),
        "found_base": found_gold(gold, base),
        "prec": on_span(ours, spans),
        "prec_base": on_span(base, spans),
    }


def per_outlet(gold: list[dict], found: list[bool]) -> dict[str, tuple[int, int]]:
    """(found, total) of gold spans per outlet."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g, hit in zip(gold, found, strict=True):
        out[g["outlet"]][0] += hit
        out[g["outlet"]][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def rows_of(dataset: str, s: dict) -> list[Row]:
    """The table rows of one scored set."""
    ours, base = s["ours"], s["base"]
    rows = [
        Row(
            dataset,
            "framing-term recall",
            share(s["found"]),
            share(s["found_base"]),
            BASELINE,
            note=f"{sum(s['found'])}/{len(s['gold'])} gold spans; baseline "
            f"{sum(s['found_base'])}/{len(s['gold'])}",
        )
    ]
    base_out = per_outlet(s["gold"], s["found_base"])
    for outlet, (hit, total) in per_outlet(s["gold"], s["found"]).items():
        rows.append(
            Row(
                dataset,
                f"framing-term recall {outlet}",
                hit / total,
                base_out[outlet][0] / total,
                BASELINE,
                note=f"{hit}/{total}",
            )
        )
    rows.append(
        Row(
            dataset,
            "framing precision",
            share(s["prec"]),
            share(s["prec_base"]),
            BASELINE,
            note=f"{sum(s['prec'])}/{len(ours)} rows on an annotated span; "
            f"{s['unlocated']} rows whose term was not located",
        )
    )
    quoted, quoted_base = [r.in_quotes for r in ours], [r.in_quotes for r in base]
    rows.append(
        Row(
            dataset,
            "rows inside quotes (share)",
            share(quoted),
            share(quoted_base),
            BASELINE,
            note=f"{sum(quoted)}/{len(ours)} rows; baseline {sum(quoted_base)}/{len(base)}",
        )
    )
    return rows


def run_set(
    name: str,
    shared: Path,
    split: str = "dev",
    limit: int | None = None,
    misses: int | None = None,
) -> list[Row]:
    """Rows of one set ("newswcl50" or "basil"); `limit` caps the number of events; `misses`
    prints that many missed gold spans and off-span rows of each class."""
    dataset = f"{name} {split}"
    path = shared / name / f"{split}.jsonl"
    if not path.is_file():
        return skipped(dataset, path)
    started = time.perf_counter()
    events = events_of(path, limit)
    scored = score_set(SPECS[name], events)
    rows = rows_of(dataset, scored)
    rows[0].note += f"; {time.perf_counter() - started:.0f} s"
    if misses is not None:
        texts = {r["id"]: r["text"] for rs in events.values() for r in rs}
        print_misses(dataset, scored, texts, misses)
    return rows


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    """The span in [brackets] with `width` characters either side, on one line."""
    left, right = text[max(0, start - width) : start], text[end : end + width]
    return f"{left}[{text[start:end]}]{right}".replace("\n", " ")


def print_misses(dataset: str, scored: dict, texts: dict[str, str], n: int) -> None:
    """The missed gold spans by class and the rows on no annotated span, `n` of each class."""
    classes: dict[tuple, list[dict]] = defaultdict(list)
    for g, hit in zip(scored["gold"], scored["found"], strict=True):
        if not hit:
            kind = (g["kind"], g.get("subkind", ""), g.get("concept_type", "").split(";")[0])
            classes[kind].append(g)
    print(f"--- {dataset}: missed gold spans by class")
    for kind, missed in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(missed):4}  {' / '.join(k for k in kind if k)}")
        for g in missed[:n]:
            print(
                f"        {g['outlet'][:10]:10} {_context(texts[g['doc_id']], g['start'], g['end'])}"
            )
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r, hit in zip(scored["ours"], scored["prec"], strict=True):
        by_rule[r.rule][0] += hit
        by_rule[r.rule][1] += 1
    print(f"--- {dataset}: rows on an annotated span by rule")
    for rule, (hit, total) in sorted(by_rule.items(), key=lambda kv: -kv[1][1]):
        print(f"{hit:5}/{total:<5} {rule}")
    off = [r for r, hit in zip(scored["ours"], scored["prec"], strict=True) if not hit]
    print(f"--- {dataset}: {len(off)} rows on no annotated span")
    for r in off[: n * 4]:
        where = _context(texts[r.doc_id], *r.spans[0]) if r.spans and r.doc_id in texts else ""
        print(f"        {r.outlet[:10]:10} {r.rule[:18]:18} {r.term!r:30} {where}")


def run(
    shared: Path,
    split: str = "dev",
    limit: int | None = None,
    sets: tuple[str, ...] = ("newswcl50", "basil"),
    misses: int | None = None,
) -> list[Row]:
    """Rows of the sets (both by default); `limit` caps the number of events of each."""
    return [row for name in sets for row in run_set(name, Path(shared), split, limit, misses)]


def main() -> None:
    """Print the rows: `python bench/real/framing_sets.py ../shared [--split dev]`."""
    args = sys.argv[1:]
    if "--help" in args or "-h" in args:
        print(__doc__)
        return
    shared = Path(args[0]) if args and not args[0].startswith("--") else Path("../shared")
    split = args[args.index("--split") + 1] if "--split" in args else "dev"
    sets = (args[args.index("--set") + 1],) if "--set" in args else ("newswcl50", "basil")
    misses = None
    if "--misses" in args:
        after = args[args.index("--misses") + 1 : args.index("--misses") + 2]
        misses = int(after[0]) if after and after[0].isdigit() else 15
    for row in run(shared, split, sets=sets, misses=misses):
        base = "" if row.baseline is None else f"  [{row.baseline_name} {row.baseline:.3f}]"
        value = "-" if row.value is None else f"{row.value:.3f}"
        print(f"{row.dataset:16} {row.metric:40} {value}{base}  {row.note}")


if __name__ == "__main__":
    main()
