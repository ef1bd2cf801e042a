"""The shape of the code: module sizes, the longest functions, the most complex ones, rule counts.

    python bench/code_shape.py [--top 10]

Lines are physical lines; complexity is ruff's McCabe count (rule C901), the one `make lint`
holds under the ceiling in pyproject.toml.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "presslens"
sys.path.insert(0, str(ROOT / "src"))


def module_sizes() -> list[tuple[int, str]]:
    return sorted(
        (
            (len(p.read_text(encoding="utf-8").splitlines()), str(p.relative_to(PACKAGE)))
            for p in PACKAGE.rglob("*.py")
        ),
        reverse=True,
    )


def function_lengths() -> list[tuple[int, str]]:
    out = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                out.append((length, f"{path.relative_to(PACKAGE)}:{node.name}"))
    return sorted(out, reverse=True)


def complexities(floor: int = 10) -> list[tuple[int, str]]:
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [
            str(ruff),
            "check",
            str(PACKAGE),
            "--select",
            "C901",
            "--output-format",
            "concise",
            "--config",
            f"lint.mccabe.max-complexity={floor}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    found = []
    for line in result.stdout.splitlines():
        m = re.search(r"presslens/(\S+?):\d+:\d+: C901 `(\w+)` is too complex \((\d+)", line)
        if m:
            found.append((int(m.group(3)), f"{m.group(1)}:{m.group(2)}"))
    return sorted(found, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    sizes = module_sizes()
    print(f"modules: {len(sizes)}, over 900 lines: {sum(1 for n, _ in sizes if n > 900)}")
    for n, name in sizes[: args.top]:
        print(f"  {n:5d}  {name}")
    lengths = function_lengths()
    print(f"functions: {len(lengths)}, over 60 lines: {sum(1 for n, _ in lengths if n > 60)}")
    for n, name in lengths[: args.top]:
        print(f"  {n:5d}  {name}")
    cx = complexities()
    print(
        f"complexity over 10: {len(cx)}, over 20: {sum(1 for n, _ in cx if n > 20)}, "
        f"over 25: {sum(1 for n, _ in cx if n > 25)}"
    )
    for n, name in cx[: args.top]:
        print(f"  {n:5d}  {name}")
    from presslens import rules  # noqa: PLC0415

    registered = rules.all_rules()
    print(f"registered rules: {len(registered)} in {len(rules.STAGES)} stages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
