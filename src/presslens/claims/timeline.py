"""The timeline: one entry per dated cluster (and per dated claim outside any cluster)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from presslens.models import Claim, ClaimCluster, TimelineEntry, make_id


def build_timeline(
    claims: list[Claim],
    clusters: list[ClaimCluster],
    entity_at: Callable[[str, int, int], str | None],
) -> list[TimelineEntry]:
    """One entry per dated cluster (and per dated claim outside any cluster), by date."""
    by_id = {c.id: c for c in claims}
    entries: list[TimelineEntry] = []
    covered: set[str] = set()
    for cluster in clusters:
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        covered.update(c.id for c in members)
        entry = _entry(members, cluster.id, cluster.label, entity_at)
        if entry is not None:
            entries.append(entry)
    for c in claims:
        if c.id in covered or c.when is None:
            continue
        entry = _entry([c], c.id, c.text, entity_at)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: (e.date, e.description, e.id))
    return entries


def _entry(
    members: list[Claim],
    key: str,
    label: str,
    entity_at: Callable[[str, int, int], str | None],
) -> TimelineEntry | None:
    dated = [c.when for c in members if c.when is not None]
    if not dated:
        return None
    counts = Counter(w.start for w in dated)
    # most common start; ties go to the finer precision, then the earlier date
    rank = {"day": 0, "month": 1, "year": 2, "decade": 3}
    date = min(
        counts,
        key=lambda d: (
            -counts[d],
            min(rank.get(w.precision, 9) for w in dated if w.start == d),
            d,
        ),
    )
    precision = Counter(w.precision for w in dated if w.start == date).most_common(1)[0][0]
    entity_ids: list[str] = []
    for c in members:
        for s, e in ((c.subject_start, c.subject_end), (c.where_start, c.where_end)):
            if s is None or e is None:
                continue
            eid = entity_at(c.doc_id, s, e)
            if eid and eid not in entity_ids:
                entity_ids.append(eid)
    return TimelineEntry(
        id=make_id("event", date, key),
        date=date,
        date_precision=precision,
        description=label,
        entity_ids=sorted(entity_ids),
        doc_ids=sorted({c.doc_id for c in members}),
        claim_ids=sorted(c.id for c in members),
    )
