"""Benchmark quote extraction against PolNeAR's hand-annotated attributions (real news).

    python bench/attribution.py ../shared/polnear [--split dev|train] [--limit N] [--errors N]

Runs `presslens.quotes.extract_quotes` and, beside it, textacy's `direct_quotations` on the same
spaCy docs, and prints recall / speaker accuracy / precision plus the time quote extraction adds
to parsing. PolNeAR is third-party text: it is read at run time and never copied anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

QUOTE_CHARS = frozenset('"“”«»')
# Lemmas of cues that count as reported speech (the "verb of saying" set for recall).
SAYING_LEMMAS = frozenset(
    """say tell add write state note claim argue insist explain announce report warn
    acknowledge admit deny reply respond ask declare confirm tweet recall testify predict vow
    promise pledge complain comment allege assert stress emphasize urge reiterate concede
    contend mention remark suggest""".split()
)
PRONOUNS = frozenset(
    "he she they it i we you who which that him her them his its their this these".split()
)
FOUND_SHARE = 0.5  # a gold content counts as found when predictions cover this share of it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="folder holding PolNeAR's dev.jsonl / train.jsonl")
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N wrong-speaker cases (found named-source direct quotes)",
    )
    args = parser.parse_args(argv)

    path = Path(args.path) / f"{args.split}.jsonl"
    if not path.exists():
        print(f"PolNeAR not found at {path}: nothing to benchmark.")
        return 0

    result = measure(path, args.limit, not args.no_textacy)
    ours, theirs, textacy_fn = result["ours"], result["theirs"], result["textacy"]
    records, parse_time, quote_time = result["records"], result["parse_time"], result["quote_time"]
    print(f"PolNeAR {args.split}: {len(records)} articles, {ours.n_gold} attributions")
    print()
    header = f"{'metric':38} {'presslens':>10} {'textacy':>10}"
    print(header)
    print("-" * len(header))
    rows = [
        ("direct-quote recall", ours.direct_recall(), theirs.direct_recall()),
        ("speaker accuracy (named sources)", ours.speaker_acc(), theirs.speaker_acc()),
        ("reported-speech recall", ours.reported_recall(), None),
        ("precision (all predicted quotes)", ours.precision(), theirs.precision()),
        ("predicted quotes", ours.n_pred, theirs.n_pred if textacy_fn else None),
    ]
    for name, a, b in rows:
        print(f"{name:38} {_fmt(a):>10} {_fmt(b) if textacy_fn else '-':>10}")
    print()
    print(
        f"denominators: direct {ours.n_direct}, named-source direct found {ours.n_named}, "
        f"reported {ours.n_reported}"
    )
    if textacy_fn is not None and textacy_fn.failures[0]:
        print(f"textacy gave up on {textacy_fn.failures[0]} articles (unbalanced quotation marks)")
    share = quote_time / parse_time if parse_time else 0.0
    print(
        f"time: spaCy parse {parse_time:.2f}s, extract_quotes {quote_time:.2f}s "
        f"(+{share:.1%} of parse time)"
    )
    if args.errors:
        print_wrong_speakers(ours, records, args.errors)
    return 0


def print_wrong_speakers(scores: Scores, records: list[dict], limit: int) -> None:
    """The first `limit` found named-source quotes whose speaker is wrong or missing: the
    gold source, each overlapping prediction's speaker and rule, and the text around it."""
    texts = {r["id"]: r["text"] for r in records}
    print()
    print(f"wrong speakers: {len(scores.wrong)} (showing {min(limit, len(scores.wrong))})")
    for doc_id, gold, hits in scores.wrong[:limit]:
        text = texts[doc_id]
        lo = max(0, min(s for s, _ in gold.parts) - 120)
        hi = min(len(text), max(e for _, e in gold.parts) + 120)
        said = [f"{p.speaker[2] if p.speaker else None!r} ({p.rule})" for p in hits]
        print(f"- {doc_id} gold {[t for _, _, t in gold.source]!r} predicted {', '.join(said)}")
        print("    " + " ".join(text[lo:hi].split()))


def measure(path: Path, limit: int | None = None, with_textacy: bool = True) -> dict:
    """Run presslens' quote extraction (and textacy's) on a PolNeAR split file: the scores."""
    from presslens.models import Document
    from presslens.nlp import load_model
    from presslens.quotes import extract_quotes

    records = _read(path, limit)
    nlp = load_model()
    t0 = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
    parse_time = time.perf_counter() - t0

    ours = Scores()
    theirs = Scores()
    quote_time = 0.0
    textacy_fn = _textacy() if with_textacy else None
    for record, doc in zip(records, docs, strict=True):
        document = Document(
            id=record["id"],
            source=record["id"],
            text=record["text"],
            outlet=record.get("publisher"),
            title=record.get("title"),
            published=record.get("published"),
        )
        t1 = time.perf_counter()
        quotes = extract_quotes(doc, document)
        quote_time += time.perf_counter() - t1
        preds = [
            Pred(
                q.start,
                q.end,
                (q.speaker.start, q.speaker.end, q.speaker.text) if q.speaker else None,
                q.speaker_rule,
            )
            for q in quotes
        ]
        gold = _gold(record, doc)
        ours.add(gold, preds, record["id"])
        if textacy_fn is not None:
            theirs.add(gold, textacy_fn(doc))

    return {
        "ours": ours,
        "theirs": theirs,
        "textacy": textacy_fn,
        "records": records,
        "parse_time": parse_time,
        "quote_time": quote_time,
    }


class Pred:
    __slots__ = ("start", "end", "speaker", "rule")

    def __init__(
        self,
        start: int,
        end: int,
        speaker: tuple[int, int, str] | None,
        rule: str | None = None,
    ):
        self.start, self.end, self.speaker, self.rule = start, end, speaker, rule


class Gold:
    __slots__ = ("parts", "source", "direct", "reported", "named")

    def __init__(self, parts, source, direct, reported, named):
        self.parts, self.source, self.direct, self.reported, self.named = (
            parts,
            source,
            direct,
            reported,
            named,
        )


def _read(path: Path, limit: int | None) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def _gold(record: dict, doc) -> list[Gold]:
    text = record["text"]
    starts = [t.idx for t in doc]
    out = []
    for attribution in record["attributions"]:
        parts = [(p["start"], p["end"]) for p in attribution["content"] or []]
        if not parts:
            continue
        direct = any(ch in QUOTE_CHARS for s, e in parts for ch in text[s:e])
        cue_lemmas = set()
        cue_text = " ".join(p["text"].lower() for p in attribution["cue"] or [])
        for p in attribution["cue"] or []:
            for i in _token_range(starts, p["start"], p["end"]):
                cue_lemmas.add(doc[i].lemma_.lower())
        reported = "according to" in cue_text or bool(cue_lemmas & SAYING_LEMMAS)
        source = [(p["start"], p["end"], p["text"]) for p in attribution["source"] or []]
        named = any(_is_name(doc, _token_range(starts, s, e)) for s, e, _ in source)
        out.append(Gold(parts, source, direct, reported, named))
    return out


def _is_name(doc, tokens: range) -> bool:
    """A source is a name when it holds a person or organisation name, or its head word is a
    proper noun: "Sen. Ann Pell", "the Daily Caller"; not "he", "the Florida senator"."""
    if not tokens:
        return False
    for i in tokens:
        if doc[i].ent_type_ in ("PERSON", "ORG") and doc[i].lower_ not in PRONOUNS:
            return True
    heads = [doc[i] for i in tokens if not (tokens.start <= doc[i].head.i < tokens.stop)]
    return bool(heads) and heads[0].pos_ == "PROPN"


def _token_range(starts: list[int], start: int, end: int) -> range:
    from bisect import bisect_left, bisect_right

    return range(max(0, bisect_right(starts, start) - 1), bisect_left(starts, end))


def _covered(gold: Gold, preds: list[Pred]) -> list[Pred]:
    """Predictions overlapping the gold content, if together they cover enough of it."""
    total = sum(e - s for s, e in gold.parts)
    hits = []
    covered = 0
    for pred in preds:
        overlap = sum(max(0, min(e, pred.end) - max(s, pred.start)) for s, e in gold.parts)
        if overlap > 0:
            covered += overlap
            hits.append(pred)
    return hits if total and covered >= FOUND_SHARE * total else []


def _surname(name: str) -> str:
    words = [w.strip(".,’'s") for w in name.split() if w[:1].isupper()]
    return words[-1].lower() if words else ""


def _speaker_ok(gold: Gold, pred: Pred) -> bool:
    if pred.speaker is None:
        return False
    ps, pe, ptext = pred.speaker
    for gs, ge, gtext in gold.source:
        if ps is not None and pe is not None and ps < ge and gs < pe:
            return True
        gold_words = {w.strip(".,’'s").lower() for w in gtext.split()}
        surname = _surname(ptext)
        if surname and surname in gold_words:
            return True
    return False


class Scores:
    def __init__(self) -> None:
        self.n_gold = self.n_direct = self.found_direct = 0
        self.n_named = self.named_ok = 0
        self.n_reported = self.found_reported = 0
        self.n_pred = self.pred_ok = 0
        self.wrong: list[tuple[str, Gold, list[Pred]]] = []  # (doc id, gold, predictions)

    def add(self, gold: list[Gold], preds: list[Pred], doc_id: str = "") -> None:
        self.n_gold += len(gold)
        for g in gold:
            hits = _covered(g, preds)
            if g.direct:
                self.n_direct += 1
                if hits:
                    self.found_direct += 1
                    if g.named:
                        self.n_named += 1
                        ok = any(_speaker_ok(g, p) for p in hits)
                        self.named_ok += ok
                        if not ok:
                            self.wrong.append((doc_id, g, hits))
            if g.reported:
                self.n_reported += 1
                self.found_reported += bool(hits)
        for pred in preds:
            self.n_pred += 1
            self.pred_ok += any(pred.start < e and s < pred.end for g in gold for s, e in g.parts)

    def direct_recall(self) -> float | None:
        return self.found_direct / self.n_direct if self.n_direct else None

    def speaker_acc(self) -> float | None:
        return self.named_ok / self.n_named if self.n_named else None

    def reported_recall(self) -> float | None:
        return self.found_reported / self.n_reported if self.n_reported else None

    def precision(self) -> float | None:
        return self.pred_ok / self.n_pred if self.n_pred else None


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _textacy():
    """textacy's direct_quotations as Pred lists, or None when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        print("textacy not installed: baseline skipped", file=sys.stderr)
        return None

    failures = [0]

    def run(doc) -> list[Pred]:
        out = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy bails out on an odd number of quotation marks
            failures[0] += 1
            return out
        for triple in triples:
            content = triple.content
            start = content.start_char if hasattr(content, "start_char") else content[0].idx
            end = (
                content.end_char
                if hasattr(content, "end_char")
                else content[-1].idx + len(content[-1])
            )
            speaker = None
            if triple.speaker:
                toks = triple.speaker
                speaker = (
                    toks[0].idx,
                    toks[-1].idx + len(toks[-1]),
                    " ".join(t.text for t in toks),
                )
            out.append(Pred(start, end, speaker))
        return out

    run.failures = failures
    return run


if __name__ == "__main__":
    sys.exit(main())
