"""User pins: names to join or keep apart, applied after the resolver."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from presslens.models import Mention
from presslens.rules import Rules

from .names import normalise_name
from .stages import ENTITY_PINS, reason


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


class _PinIndex:
    """Where each normalised name is used: group index -> mentions, kept up to date as pins
    move mentions, so one index over the mentions serves every pin."""

    def __init__(self, groups: list[list[Mention]]) -> None:
        self.groups = groups
        self.where: dict[str, Counter[int]] = defaultdict(Counter)
        for i, g in enumerate(groups):
            for m in g:
                self.where[normalise_name(m.text)][i] += 1

    def find(self, text: str, also: str | None = None) -> int | None:
        """The group where `text` is most used (and that also holds `also`, if given)."""
        counts = self.where.get(normalise_name(text), Counter())
        if also is not None:
            with_alias = self.where.get(normalise_name(also), Counter())
            counts = Counter({i: c for i, c in counts.items() if i in with_alias})
        return max(counts, key=lambda i: (counts[i], -i)) if counts else None


@ENTITY_PINS.rule("pinned-merge")
def pinned_merge(index: _PinIndex, a: str, b: str, reasons: dict[str, dict]) -> None:
    """A user's pin joins the groups of two names: pin "Vesk" = "Ilan Vesk" -> one entity."""
    groups, where = index.groups, index.where
    ia, ib = index.find(a), index.find(b)
    if ia is None or ib is None or ia == ib:
        return
    for m in groups[ib]:
        reasons[m.id] = reason(pinned_merge, f"{a} = {b}")
        norm = normalise_name(m.text)
        where[norm][ia] += 1
        del where[norm][ib]
    groups[ia].extend(groups[ib])
    groups[ib] = []


@ENTITY_PINS.rule("pinned-split")
def pinned_split(index: _PinIndex, name: str, alias: str, reasons: dict[str, dict]) -> None:
    """A user's pin detaches one alias into its own group: pin "Vesk" is not "Ilan Vesk" ->
    two entities."""
    groups, where = index.groups, index.where
    i = index.find(name, also=alias)
    if i is None:
        return
    alias_norm = normalise_name(alias)
    moved = [m for m in groups[i] if normalise_name(m.text) == alias_norm]
    if not moved or len(moved) == len(groups[i]):
        return
    groups[i] = [m for m in groups[i] if normalise_name(m.text) != alias_norm]
    for m in moved:
        reasons[m.id] = reason(pinned_split, f"{alias} is not {name}")
    groups.append(moved)
    del where[alias_norm][i]
    where[alias_norm][len(groups) - 1] += len(moved)


def _apply_pins(
    groups: list[list[Mention]],
    pins: Pins,
    reasons: dict[str, dict],
    rules: Rules = ENTITY_PINS,
) -> list[list[Mention]]:
    """Pinned merges join whole groups; pinned splits detach one alias into its own group.

    A pinned name picks the group where it is most used (and, for a split, that also holds
    the alias).
    """
    index = _PinIndex([list(g) for g in groups if g])
    if rules.enabled(pinned_merge.id):
        for a, b in pins.merges:
            pinned_merge(index, a, b, reasons)
    if rules.enabled(pinned_split.id):
        for name, alias in pins.splits:
            pinned_split(index, name, alias, reasons)
    return [g for g in index.groups if g]
