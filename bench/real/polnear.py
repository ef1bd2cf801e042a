"""PolNeAR: quotes and speakers on real US political news (wraps `bench/attribution.py`).

python bench/real/polnear.py ../shared [--split dev|train] [--limit N]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    _root = Path(__file__).resolve().parents[2]
    sys.path[:0] = [str(_root), str(_root / "src")]

from bench.attribution import measure  # noqa: E402
from bench.real.common import Row, skipped  # noqa: E402

GOALS = {"direct-quote recall": 0.90, "speaker accuracy": 0.93, "reported-speech recall": 0.75}


def run(shared: Path, split: str = "dev", limit: int | None = None) -> list[Row]:
    """Direct-quote recall, speaker accuracy, reported-speech recall and precision."""
    path = shared / "polnear" / f"{split}.jsonl"
    if not path.exists():
        return skipped("polnear", path)
    result = measure(path, limit, with_textacy=True)
    ours, theirs = result["ours"], result["theirs"]
    name = f"polnear {split} ({len(result['records'])} articles, {ours.n_gold} attributions)"
    base = "textacy direct_quotations"
    return [
        Row(
            name,
            "direct-quote recall",
            ours.direct_recall(),
            theirs.direct_recall(),
            base,
            GOALS["direct-quote recall"],
            f"{ours.n_direct} direct quotes",
        ),
        Row(
            name,
            "speaker accuracy (named sources)",
            ours.speaker_acc(),
            theirs.speaker_acc(),
            base,
            GOALS["speaker accuracy"],
            f"{ours.n_named} found with a named source",
        ),
        Row(
            name,
            "reported-speech recall",
            ours.reported_recall(),
            None,
            "",
            GOALS["reported-speech recall"],
            f"{ours.n_reported} reported",
        ),
        Row(name, "precision", ours.precision(), theirs.precision(), base, 0.90),
    ]


def main(argv: list[str] | None = None) -> int:
    import argparse  # noqa: PLC0415

    from bench.real.common import print_rows  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    print_rows(run(args.shared, args.split, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
