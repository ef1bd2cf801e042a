"""Analyze time of this checkout against an earlier commit, measured in one run.

    python bench/refactor_speed.py BASE_REF [--docs 300] [--rounds 3]

Checks BASE_REF out into a temporary git worktree, then runs the full `analyze` (the child of
bench/throughput.py) on the same generated fictional corpus, alternating the old code and this
code in fresh processes, `--rounds` times each. Prints the best time of each and their ratio;
the shared machine is noisy, so only the ratio of interleaved best-of-N runs means anything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def timed_run(src: Path, data: Path, docs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "throughput.py"),
            "--child",
            "full",
            "--data",
            str(data),
            "--limit",
            str(docs),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode != 0:
        raise SystemExit(f"analyze under {src} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    from throughput import generate  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=HERE / "data" / "generated")
    args = parser.parse_args(argv)
    data = generate(args.data, args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "base"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(old), args.base],
            check=True,
        )
        try:
            times: dict[str, list[float]] = {"base": [], "this": []}
            for _ in range(args.rounds):
                for label, src in (("base", old / "src"), ("this", ROOT / "src")):
                    times[label].append(timed_run(src, data, args.docs)["seconds"])
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False
            )
    base, this = min(times["base"]), min(times["this"])
    print(f"analyze of {args.docs} generated documents, best of {args.rounds} interleaved runs:")
    print(f"  {args.base}: {base:.1f} s   this checkout: {this:.1f} s   ratio {this / base:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
