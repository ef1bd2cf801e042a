"""The timeline: one entry per event cluster and date its body mentions give, then one per dated
claim cluster (and dated claim outside any cluster) whose main event has no entry."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from presslens.models import Claim, ClaimCluster, EventMention, TimelineEntry, make_id
from presslens.rules import stage

TIMELINE = stage("timeline", "Which dated records become timeline entries.")

_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_DECADE_RE = re.compile(r"^(\d{3})$")


def date_of_value(value: str | None) -> tuple[str, str] | None:
    """(start date, precision) of a TIMEX3-like value at day, month, year or decade precision:
    "2024-05" -> ("2024-05-01", "month"); weeks, seasons and references give none."""
    if not value:
        return None
    if m := _DAY_RE.match(value):
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    if m := _MONTH_RE.match(value):
        return f"{m[1]}-{m[2]}-01", "month"
    if m := _YEAR_RE.match(value):
        return f"{m[1]}-01-01", "year"
    if m := _DECADE_RE.match(value):
        return f"{m[1]}0-01-01", "decade"
    return None


@TIMELINE.rule("timeline-dated-body-event")
def dated_body_event(event: EventMention) -> tuple[str, str] | None:
    """An event mention of the body with a date its clause gives is on the timeline at that
    date: "Gunmen burned the depot on Monday" (Monday 6 May) -> 2024-05-06; a title's event,
    a caption's, a comment's, or an undated one -> none (captions and comment forms are
    never in the body)."""
    if event.field != "body" or event.negated or not event.cluster_id:
        return None
    return date_of_value(event.when_value)


def event_timeline(
    events: Iterable[EventMention],
    texts: dict[str, str],
    main_event_of: dict[str, str],
    claims: list[Claim],
) -> list[TimelineEntry]:
    """One entry per event cluster and date: its dated body mentions, the claims whose main
    event is in the cluster, described by the earliest mention's sentence."""
    if not TIMELINE.enabled("timeline-dated-body-event"):
        return []
    dated = TIMELINE["timeline-dated-body-event"].fn
    groups: dict[tuple[str, str, str], list[EventMention]] = defaultdict(list)
    for e in events:
        found = dated(e)
        if found is not None:
            groups[(e.cluster_id or "", *found)].append(e)
    claims_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in claims:
        if c.id in main_event_of:
            claims_of[(main_event_of[c.id], c.doc_id)].append(c.id)
    entries = []
    for (cluster, date, precision), members in groups.items():
        first = min(members, key=lambda e: (e.doc_id, e.start))
        doc_ids = sorted({e.doc_id for e in members})
        text = texts.get(first.doc_id, "")
        description = " ".join(text[first.sentence_start : first.sentence_end].split())
        entries.append(
            TimelineEntry(
                id=make_id("timeline-event", date, precision, cluster),
                date=date,
                date_precision=precision,
                description=description or first.text,
                doc_ids=doc_ids,
                claim_ids=sorted(k for d in doc_ids for k in claims_of.get((cluster, d), [])),
                event_ids=sorted(e.id for e in members),
            )
        )
    return entries


def build_timeline(
    claims: list[Claim],
    clusters: list[ClaimCluster],
    entity_at: Callable[[str, int, int], str | None],
    events: Iterable[EventMention] = (),
    texts: dict[str, str] | None = None,
    main_event_of: dict[str, str] | None = None,
) -> list[TimelineEntry]:
    """One entry per event cluster and date its dated body event mentions give (`events`,
    `texts`), then one per dated claim cluster (and per dated claim outside any cluster) none
    of whose claims' main events is already on it; by date."""
    by_id = {c.id: c for c in claims}
    main_event_of = main_event_of or {}
    entries = event_timeline(events, texts or {}, main_event_of, claims)
    covered: set[str] = {k for e in entries for k in e.claim_ids}
    for entry in entries:
        entry.entity_ids = _entities([by_id[k] for k in entry.claim_ids if k in by_id], entity_at)
    for cluster in clusters:
        if any(k in covered for k in cluster.claim_ids):
            covered.update(cluster.claim_ids)
            continue
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        covered.update(c.id for c in members)
        found = _entry(members, cluster.id, cluster.label, entity_at)
        if found is not None:
            entries.append(found)
    for c in claims:
        if c.id in covered or c.when is None:
            continue
        found = _entry([c], c.id, c.text, entity_at)
        if found is not None:
            entries.append(found)
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
    return TimelineEntry(
        id=make_id("event", date, key),
        date=date,
        date_precision=precision,
        description=label,
        entity_ids=_entities(members, entity_at),
        doc_ids=sorted({c.doc_id for c in members}),
        claim_ids=sorted(c.id for c in members),
    )


def _entities(members: list[Claim], entity_at: Callable[[str, int, int], str | None]) -> list[str]:
    """The entities the members' subjects and places are."""
    entity_ids: set[str] = set()
    for c in members:
        for s, e in ((c.subject_start, c.subject_end), (c.where_start, c.where_end)):
            if s is None or e is None:
                continue
            eid = entity_at(c.doc_id, s, e)
            if eid:
                entity_ids.add(eid)
    return sorted(entity_ids)
