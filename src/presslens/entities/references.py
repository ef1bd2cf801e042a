"""Reference lists: a user's own ids for actors (CSV of name, aliases, id); no network lookups."""

from __future__ import annotations

import re
from pathlib import Path

from presslens.models import Entity

from .names import normalise_name


def load_references(path: Path) -> dict[str, set[str]]:
    """normalised name or alias → the reference ids that use it. Aliases are separated by ';' or '|'."""
    import csv

    names: dict[str, set[str]] = {}
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            ref_id = (row.get("id") or "").strip()
            if not ref_id:
                continue
            for name in [row.get("name") or "", *re.split(r"[;|]", row.get("aliases") or "")]:
                key = normalise_name(name)
                if key:
                    names.setdefault(key, set()).add(ref_id)
    return names


def link_references(entities: list[Entity], references: dict[str, set[str]]) -> None:
    """Set `external_id` where the entity's names point at exactly one reference id."""
    for entity in entities:
        ids: set[str] = set()
        for name in [entity.name, *(a["text"] for a in entity.aliases)]:
            ids |= references.get(normalise_name(name), set())
        entity.external_id = next(iter(ids)) if len(ids) == 1 else None
