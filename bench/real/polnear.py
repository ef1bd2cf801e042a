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
    from bench.real.common import adapter_main  # noqa: PLC0415

    return adapter_main(__doc__, run, ["dev", "train"], argv)


if __name__ == "__main__":
    raise SystemExit(main())
