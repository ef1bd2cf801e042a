"""What each registered rule is worth: switch it off, re-measure, print what moved.

    python bench/ablation.py [--shared ../shared] [--stage quote-speaker] [--rule colon-intro]

For every registered rule (`presslens rules`), the sets that measure its stage are run once
with all rules and once with that rule switched off (`presslens.rules.disabled`); the table
shows each figure that changed. A rule whose removal changes nothing anywhere is "no effect
measured" (dead on these sets, or covered by a later rule), one whose removal raises a figure
is "harmful here". spaCy parses are cached between runs, so a rule costs only the extraction.

Sets: the fictional gold (examples/corpus + examples/gold.json) for every stage, and the shared
dev slices (read from --shared, skipped when absent) of the stages they measure: PolNeAR for
quotes, article-extraction for cleaning, ECB+ for entities and claims, TempEval-3 for dates.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

Figures = dict[str, float]
POLNEAR_LIMIT = 40
ECB_TOPICS = 2
TEMPEVAL_LIMIT = 30
MIN_CHANGE = 0.0005  # figures are printed to three places


def cache_parses() -> None:
    """Make `Language.pipe` return a copy of the Doc it parsed before for the same text."""
    from spacy.language import Language  # noqa: PLC0415

    original = Language.pipe
    cache: dict[str, object] = {}

    def pipe(self, texts, *, as_tuples=False, **kwargs):
        items = list(texts)
        pairs = items if as_tuples else [(t, None) for t in items]
        todo = [t for t, _ in pairs if t not in cache]
        for doc in original(self, todo, **kwargs):
            cache[doc.text] = doc
        for text, context in pairs:
            doc = cache[text].copy()
            yield (doc, context) if as_tuples else doc

    Language.pipe = pipe


def fictional() -> Figures:
    import presslens  # noqa: PLC0415
    from presslens.evaluate import evaluate  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "f.db"
        presslens.analyze([ROOT / "examples" / "corpus"], db=db)
        report = evaluate(ROOT / "examples" / "gold.json", db)
    figures = {
        f"fictional {s.name}": s.value for s in report.scores.values() if s.value is not None
    }
    figures |= {f"fictional {k}": v for k, v in report.values.items() if isinstance(v, float)}
    return figures


def polnear(shared: Path) -> Figures:
    from bench.attribution import measure  # noqa: PLC0415

    path = shared / "polnear" / "dev.jsonl"
    if not path.exists():
        return {}
    ours = measure(path, POLNEAR_LIMIT, with_textacy=False)["ours"]
    return {
        "polnear direct recall": ours.direct_recall(),
        "polnear speaker accuracy": ours.speaker_acc(),
        "polnear reported recall": ours.reported_recall(),
        "polnear precision": ours.precision(),
    }


def _rows(rows) -> Figures:
    return {f"{r.dataset} {r.metric}": r.value for r in rows if isinstance(r.value, float)}


def extraction(shared: Path) -> Figures:
    from bench.real import extraction as adapter  # noqa: PLC0415

    return _rows(adapter.run(shared, "dev")) if (shared / adapter.DATASET).exists() else {}


def ecbplus(shared: Path) -> Figures:
    from bench.real import ecbplus as adapter  # noqa: PLC0415

    return _rows(adapter.run(shared, "dev", ECB_TOPICS))


def tempeval(shared: Path) -> Figures:
    from bench.real import tempeval as adapter  # noqa: PLC0415

    return _rows(adapter.run(shared, "dev", TEMPEVAL_LIMIT))


# Which shared sets measure a stage, by the stage name's first word.
SETS_OF_STAGE: dict[str, tuple[Callable[[Path], Figures], ...]] = {
    "quote": (polnear,),
    "clean": (extraction,),
    "entity": (ecbplus,),
    "claims": (ecbplus, tempeval),
    "event": (ecbplus,),
}


def measure(stage: str, shared: Path) -> Figures:
    figures = fictional()
    for measure_set in SETS_OF_STAGE.get(stage.split("-")[0], ()):
        figures |= measure_set(shared)
    return figures


def changes(base: Figures, new: Figures) -> list[tuple[str, float, float]]:
    """Figures that moved; a figure kept per rule ("... by rule X") is left out, since it
    vanishes with its rule rather than measuring anything."""
    return [
        (k, base[k], new[k])
        for k in base
        if " by rule " not in k
        and base[k] is not None
        and new.get(k) is not None
        and abs(new[k] - base[k]) >= MIN_CHANGE
    ]


def verdict(moved: list[tuple[str, float, float]]) -> str:
    if not moved:
        return "no effect measured"
    if all(after >= before for _, before, after in moved):
        return "harmful here"
    return "helps" if all(after <= before for _, before, after in moved) else "mixed"


def main(argv: list[str] | None = None) -> int:
    from presslens import rules  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--stage", action="append", help="only these stages")
    parser.add_argument("--rule", action="append", help="only these rule ids")
    args = parser.parse_args(argv)
    cache_parses()
    chosen = [
        r
        for r in rules.all_rules()
        if (not args.stage or r.stage in args.stage) and (not args.rule or r.id in args.rule)
    ]
    print("| stage | rule | verdict | what moved when it is off (with → without) |")
    print("|---|---|---|---|")
    baselines: dict[str, Figures] = {}
    for r in chosen:
        if r.stage not in baselines:
            baselines[r.stage] = measure(r.stage, args.shared)
        with rules.disabled(r.id):
            moved = changes(baselines[r.stage], measure(r.stage, args.shared))
        shown = "; ".join(f"{k} {a:.3f} → {b:.3f}" for k, a, b in moved[:6])
        more = f" (+{len(moved) - 6} more)" if len(moved) > 6 else ""
        print(f"| {r.stage} | {r.id} | {verdict(moved)} | {shown}{more} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
