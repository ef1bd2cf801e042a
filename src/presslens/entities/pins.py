"""User pins: names to join or keep apart, applied after the resolver."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from presslens.models import Mention

from .names import normalise_name


@dataclass
class Pins:
    """User decisions that survive re-runs: names/aliases to join or to keep apart."""

    merges: list[tuple[str, str]] = field(default_factory=list)
    splits: list[tuple[str, str]] = field(default_factory=list)  # (entity name, alias to detach)


def load_pins(path: Path) -> Pins:
    path = Path(path)
    if not path.exists():
        return Pins()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Pins(
        merges=[(a, b) for a, b in data.get("merges", [])],
        splits=[(a, b) for a, b in data.get("splits", [])],
    )


def save_pins(pins: Pins, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"merges": [list(p) for p in pins.merges], "splits": [list(p) for p in pins.splits]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _apply_pins(
    groups: list[list[Mention]], pins: Pins, reasons: dict[str, dict]
) -> list[list[Mention]]:
    """Pinned merges join whole groups; pinned splits detach one alias into its own group.

    A pinned name picks the group where it is most used (and, for a split, that also holds
    the alias), so one index over the mentions serves every pin.
    """
    groups = [list(g) for g in groups if g]
    where: dict[str, Counter[int]] = defaultdict(Counter)  # normalised name -> group -> count
    for i, g in enumerate(groups):
        for m in g:
            where[normalise_name(m.text)][i] += 1

    def find(text: str, also: str | None = None) -> int | None:
        counts = where.get(normalise_name(text), Counter())
        if also is not None:
            with_alias = where.get(normalise_name(also), Counter())
            counts = Counter({i: c for i, c in counts.items() if i in with_alias})
        return max(counts, key=lambda i: (counts[i], -i)) if counts else None

    for a, b in pins.merges:
        ia, ib = find(a), find(b)
        if ia is None or ib is None or ia == ib:
            continue
        for m in groups[ib]:
            reasons[m.id] = {"rule": "pinned merge", "evidence": f"{a} = {b}"}
            norm = normalise_name(m.text)
            where[norm][ia] += 1
            del where[norm][ib]
        groups[ia].extend(groups[ib])
        groups[ib] = []
    for name, alias in pins.splits:
        i = find(name, also=alias)
        if i is None:
            continue
        alias_norm = normalise_name(alias)
        moved = [m for m in groups[i] if normalise_name(m.text) == alias_norm]
        if not moved or len(moved) == len(groups[i]):
            continue
        groups[i] = [m for m in groups[i] if normalise_name(m.text) != alias_norm]
        for m in moved:
            reasons[m.id] = {"rule": "pinned split", "evidence": f"{alias} is not {name}"}
        groups.append(moved)
        del where[alias_norm][i]
        where[alias_norm][len(groups) - 1] += len(moved)
    return [g for g in groups if g]
