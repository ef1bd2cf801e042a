"""ECB+: cross-document name and event coreference on real news, one topic as one story.

    python bench/real/ecbplus.py ../shared [--split dev|train] [--limit N_TOPICS] [--errors]

Each topic of the split (two similar stories) is written as one JSON-lines file of {text, url}
records into a temp folder and analysed with one `presslens.analyze` into its own database; the
export (documents, mentions, claims) is then read back. presslens' stored body may differ from
the input (cleaning strips a headline, furniture, respells quotes), so gold offsets are carried
into the stored text by a character alignment (`OffsetMap`); a gold head in the headline taken as
title, or in a removed line presslens still reads (the document's `header`: sub-headlines, pull
quotes), is carried into that field; one that falls in other removed text has no counterpart and
counts as missed.

Scored, over mentions of validated sentences only (the standard setting):
- named-mention recall: gold entity mentions with `named` true and a type not `TIME_*`; found when
  some presslens name mention overlaps the gold head (`head_start`/`head_end`).
- name clusters: over those same gold mentions, predicted cluster = presslens entity id of the
  overlapping mention (the one with the largest overlap); B-cubed and CoNLL F1 against `chain`.
- event clusters: gold event mentions; predicted cluster = `cluster_id` of the claim whose span
  contains the mention's head (the shortest such claim); B-cubed and CoNLL F1; and coverage, the
  share of event mentions inside some claim.
Convention: scores are over all gold mentions of the kind; a mention presslens missed (no
overlapping mention, or no containing claim) is its own singleton in the prediction; a predicted
cluster is one topic's (each topic is its own analysis, whose ids may repeat in another: the
same name's entity id in two topics is two entities, never one cluster). Baselines on
the same mentions, from the gold alone: same head lemma (`lemma`) and exact string (lower-cased
mention text), both within a topic. `limit` caps the number of topics (in topic order).
"""

from __future__ import annotations

import difflib
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    _root = Path(__file__).resolve().parents[2]
    sys.path[:0] = [str(_root), str(_root / "src")]

from bench.real.common import Row, read_jsonl, skipped  # noqa: E402
from bench.real.coref_scores import b_cubed, conll_f1  # noqa: E402

DATASET = "ecbplus"


# --- reading the set ---------------------------------------------------------------------


def load_topics(path: Path, limit: int | None = None) -> dict[str, list[dict]]:
    """The split's articles grouped by topic, topics in numeric order, at most `limit` topics."""
    topics: dict[str, list[dict]] = defaultdict(list)
    for record in read_jsonl(path):
        topics[record["topic"]].append(record)
    order = sorted(topics, key=lambda t: (len(t), t))
    return {t: topics[t] for t in order[:limit]}


def named_gold(record: dict) -> list[dict]:
    """The record's scored name mentions: validated, `named`, not a time expression."""
    return [
        m
        for m in record["entity_mentions"]
        if m["validated"] and m["named"] and not m["type"].startswith("TIME")
    ]


def event_gold(record: dict) -> list[dict]:
    """The record's scored event mentions: those of validated sentences."""
    return [m for m in record["event_mentions"] if m["validated"]]


# --- offsets between the input text and presslens' stored body ------------------------------


class OffsetMap:
    """Carries character offsets of a source text into a cleaned copy of it (None when removed)."""

    def __init__(self, source: str, stored: str):
        self.shift: int | None = None
        self.table: list[int | None] = []
        at = source.find(stored) if stored else -1
        if at >= 0:
            self.shift = at
            self.length = len(stored)
            return
        self.table = [None] * len(source)
        matcher = difflib.SequenceMatcher(None, source, stored, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    self.table[i1 + k] = j1 + k

    @classmethod
    def of_lines(cls, source: str, stored: str, taken: OffsetMap | None = None) -> OffsetMap:
        """The map of a text made of source lines verbatim, one paragraph each (a document's
        `header`): each line is carried to where it stands in the source, at the first place
        `taken` (the body's map) does not already cover (a pull quote repeats a body line)."""
        table: list[int | None] = [None] * len(source)
        at = 0
        for line in stored.split("\n\n"):
            for found in _occurrences(source, line):
                if taken is None or taken.position(found) is None:
                    for k in range(len(line)):
                        table[found + k] = at + k
                    break
            at += len(line) + 2
        made = cls(source, "")
        made.shift, made.table = None, table
        return made

    def position(self, i: int) -> int | None:
        """Where source character i is in the stored text, or None."""
        if self.shift is not None:
            j = i - self.shift
            return j if 0 <= j < self.length else None
        return self.table[i] if 0 <= i < len(self.table) else None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored span covering what survives of source[start:end], or None."""
        kept = [j for j in (self.position(i) for i in range(start, end)) if j is not None]
        return (min(kept), max(kept) + 1) if kept else None


def _occurrences(text: str, part: str) -> list[int]:
    """Every start of `part` in `text`."""
    found, at = [], text.find(part) if part else -1
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


# --- running presslens -------------------------------------------------------------------


@dataclass
class Analysed:
    """presslens' output for one article: stored body, name mentions, claims, offset map."""

    stored: dict | None  # the exported document, None when presslens did not store it
    mentions: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    offsets: OffsetMap | None = None
    title_offsets: OffsetMap | None = None  # into the stored title, where cleaning took one
    header_offsets: OffsetMap | None = None  # into the stored header (removed lines still read)


def _read_export(out: Path, name: str) -> list[dict]:
    return list(read_jsonl(out / f"{name}.jsonl"))


def analyse_topic(records: list[dict], work: Path) -> dict[str, Analysed]:
    """One `presslens.analyze` over a topic's articles; presslens' output per article id."""
    import presslens  # noqa: PLC0415

    folder = work / "articles"
    folder.mkdir(parents=True)
    source_of: dict[str, str] = {}
    path = folder / "topic.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for lineno, record in enumerate(records, start=1):
            row = {"text": record["text"]}
            if record.get("url"):
                row["url"] = record["url"]
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            source_of[record.get("url") or f"{path}:{lineno}"] = record["id"]
    db = work / "topic.db"
    presslens.analyze([folder], db=db)
    presslens.export(db, work / "out", format="jsonl")
    return _collect(records, source_of, work / "out")


def _collect(records: list[dict], source_of: dict[str, str], out: Path) -> dict[str, Analysed]:
    """Group the exported mentions and claims by the article they came from."""
    by_doc: dict[str, str] = {}
    result = {r["id"]: Analysed(None) for r in records}
    text_of = {r["id"]: r["text"] for r in records}
    for doc in _read_export(out, "documents"):
        rid = source_of.get(doc["source"])
        if rid is None:
            continue
        by_doc[doc["id"]] = rid
        result[rid].stored = doc
        result[rid].offsets = OffsetMap(text_of[rid], doc["text"])
        if doc.get("title"):
            result[rid].title_offsets = OffsetMap(text_of[rid], doc["title"])
        if doc.get("header"):
            result[rid].header_offsets = OffsetMap.of_lines(
                text_of[rid], doc["header"], result[rid].offsets
            )
    for m in _read_export(out, "mentions"):
        if m["doc_id"] in by_doc:
            result[by_doc[m["doc_id"]]].mentions.append(m)
    for c in _read_export(out, "claims"):
        if c["doc_id"] in by_doc:
            result[by_doc[c["doc_id"]]].claims.append(c)
    for e in _read_export(out, "events"):
        if e["doc_id"] in by_doc:
            result[by_doc[e["doc_id"]]].events.append(e)
    return result


# --- matching gold mentions to presslens' output ---------------------------------------------


def head_span(mention: dict, analysed: Analysed) -> tuple[str, tuple[int, int]] | None:
    """The gold head's (field, span) in presslens' stored body, title or header, None when
    removed."""
    fields = (
        ("body", analysed.offsets),
        ("title", analysed.title_offsets),
        ("header", analysed.header_offsets),
    )
    for name, offsets in fields:
        span = offsets.span(mention["head_start"], mention["head_end"]) if offsets else None
        if span is not None:
            return name, span
    return None


def in_field(records: list[dict], name: str) -> list[dict]:
    """The records whose offsets are in field `name` (older exports have only the body)."""
    return [r for r in records if r.get("field", "body") == name]


def overlapping_mention(span: tuple[int, int] | None, mentions: list[dict]) -> dict | None:
    """The presslens mention overlapping `span` the most (ties: the shorter), or None."""
    if span is None:
        return None
    best, best_key = None, None
    for m in mentions:
        shared = min(span[1], m["end"]) - max(span[0], m["start"])
        if shared > 0:
            key = (shared, -(m["end"] - m["start"]))
            if best_key is None or key > best_key:
                best, best_key = m, key
    return best


def containing_claim(span: tuple[int, int] | None, claims: list[dict]) -> dict | None:
    """The shortest presslens claim whose span contains `span`, or None."""
    if span is None:
        return None
    inside = [c for c in claims if c["start"] <= span[0] and span[1] <= c["end"]]
    return min(inside, key=lambda c: (c["end"] - c["start"], c["id"]), default=None)


def event_mention_precision(
    topics: dict[str, list[dict]], analysed: dict[str, Analysed]
) -> tuple[int, int]:
    """(hits, judged): presslens event mentions inside a validated sentence (where annotators
    marked every event), and those of them overlapping a gold event head; in the body, the title
    and the header alike (each through its own offset map)."""
    hits = judged = 0
    for records in topics.values():
        for record in records:
            got = analysed[record["id"]]
            fields = (
                ("body", got.offsets),
                ("title", got.title_offsets),
                ("header", got.header_offsets),
            )
            for name, offsets in fields:
                if offsets is None:
                    continue
                sentences = _spans(offsets, record["sentences"], "start", "end")
                heads = _spans(offsets, event_gold(record), "head_start", "head_end")
                for e in in_field(got.events, name):
                    if any(a <= e["start"] < b for a, b in sentences):
                        judged += 1
                        hits += any(e["start"] < b and a < e["end"] for a, b in heads)
    return hits, judged


def _spans(offsets: OffsetMap, items: list[dict], start: str, end: str) -> list[tuple[int, int]]:
    """The stored spans of the validated items (sentences or mentions) that survive."""
    spans = (offsets.span(item[start], item[end]) for item in items if item["validated"])
    return [span for span in spans if span is not None]


# --- clusterings -------------------------------------------------------------------------


@dataclass
class Scored:
    """One gold mention beside what presslens made of it."""

    key: tuple[str, str]  # (article id, mention id)
    topic: str
    gold: dict
    chain: str
    predicted: str | None  # "topic/entity id" or "topic/cluster id"; None when missed
    match: dict | None  # the presslens mention or claim it was matched to
    span: tuple[int, int] | None  # the head in the stored text


def score_mentions(
    topics: dict[str, list[dict]], analysed: dict[str, Analysed], kind: str
) -> list[Scored]:
    """Every gold mention of `kind` ("named" or "event") with its presslens prediction."""
    out = []
    for topic, records in topics.items():
        for record in records:
            got = analysed[record["id"]]
            golds = named_gold(record) if kind == "named" else event_gold(record)
            for m in golds:
                located = head_span(m, got)
                where, span = located if located else ("body", None)
                if kind == "named":
                    match = overlapping_mention(span, in_field(got.mentions, where))
                    predicted = match["entity_id"] if match else None
                elif kind == "event-mention":
                    match = overlapping_mention(span, in_field(got.events, where))
                    predicted = (match["cluster_id"] or match["id"]) if match else None
                else:
                    match = containing_claim(span if where == "body" else None, got.claims)
                    predicted = (match["cluster_id"] or match["id"]) if match else None
                key = (record["id"], m["id"])
                if predicted:  # each topic is its own analysis: one id in two is two clusters
                    predicted = f"{topic}/{predicted}"
                out.append(Scored(key, topic, m, m["chain"], predicted, match, span))
    return out


def key_clustering(items: list[Scored]) -> dict:
    """Gold: mention → chain (chains never cross topics)."""
    return {s.key: s.chain for s in items}


def response_clustering(items: list[Scored]) -> dict:
    """presslens: mention → predicted cluster; a missed mention is its own singleton."""
    return {s.key: s.predicted if s.predicted else ("missed", s.key) for s in items}


def baseline_clustering(items: list[Scored], field_name: str) -> dict:
    """Gold-only baseline: same topic and same lower-cased `field_name` ("lemma" or "text")."""
    return {s.key: (s.topic, s.gold[field_name].lower()) for s in items}


# --- rows --------------------------------------------------------------------------------


def _cluster_rows(name: str, what: str, items: list[Scored], note: str) -> list[Row]:
    key, resp = key_clustering(items), response_clustering(items)
    lemma, exact = baseline_clustering(items, "lemma"), baseline_clustering(items, "text")
    rows = []
    for metric, scorer in (("B3 F1", lambda k, r: b_cubed(k, r).f1), ("CoNLL F1", conll_f1)):
        ours, by_lemma, by_text = scorer(key, resp), scorer(key, lemma), scorer(key, exact)
        rows.append(Row(name, f"{what} {metric}", ours, by_lemma, "same head lemma", note=note))
        rows.append(
            Row(name, f"{what} {metric} (exact string)", ours, by_text, "exact string", note=note)
        )
    b3 = b_cubed(key, resp)
    rows[0].note += f"; B3 P {b3.p:.3f} R {b3.r:.3f}"
    return rows


def rows_for(
    name: str, named: list[Scored], events: list[Scored], mentions: list[Scored] = ()
) -> list[Row]:
    """The figures (and their baselines) of a scored split: names, claims, event mentions."""
    found = sum(1 for s in named if s.predicted)
    n_chains = len({s.chain for s in named})
    rows = [
        Row(
            name,
            "named-mention recall",
            found / len(named) if named else None,
            note=f"{found}/{len(named)} gold named mentions",
        )
    ]
    rows += _cluster_rows(
        name, "name clusters", named, f"{len(named)} mentions, {n_chains} gold chains"
    )
    on_found = [s for s in named if s.predicted]
    rows += _cluster_rows(
        name,
        "name clusters on found mentions",
        on_found,
        f"{len(on_found)} mentions presslens found, {len({s.chain for s in on_found})} gold chains",
    )[::2]
    covered = sum(1 for s in events if s.predicted)
    ev_chains = len({s.chain for s in events})
    rows += _cluster_rows(
        name, "event clusters", events, f"{len(events)} mentions, {ev_chains} gold chains"
    )
    rows.append(
        Row(
            name,
            "event mention coverage",
            covered / len(events) if events else None,
            note=f"{covered}/{len(events)} event heads inside a claim",
        )
    )
    if mentions:
        found = sum(1 for s in mentions if s.predicted)
        rows.append(
            Row(
                name,
                "event-mention recall",
                found / len(mentions),
                note=f"{found}/{len(mentions)} gold event heads on a presslens event mention",
            )
        )
        rows += _cluster_rows(
            name,
            "event-mention clusters",
            mentions,
            f"{len(mentions)} mentions, {ev_chains} gold chains",
        )
    return rows


@dataclass
class Outcome:
    """A scored split: its rows, the scored mentions behind them, and the run time."""

    rows: list[Row]
    named: list[Scored]
    events: list[Scored]
    topics: dict[str, list[dict]]
    analysed: dict[str, Analysed]
    seconds: float
    mentions: list[Scored] = field(default_factory=list)  # gold event heads vs event mentions


def evaluate(shared: Path, split: str = "dev", limit: int | None = None) -> Outcome | list[Row]:
    """Run presslens topic by topic over the split and score it; the skip row when absent."""
    path = shared / DATASET / f"{split}.jsonl"
    if not path.exists():
        return skipped(f"{DATASET} {split}", path)
    started = time.perf_counter()
    topics = load_topics(path, limit)
    analysed: dict[str, Analysed] = {}
    for topic, records in topics.items():
        with tempfile.TemporaryDirectory(prefix=f"ecbplus-{topic}-") as work:
            analysed.update(analyse_topic(records, Path(work)))
    named = score_mentions(topics, analysed, "named")
    events = score_mentions(topics, analysed, "event")
    event_mentions = score_mentions(topics, analysed, "event-mention")
    seconds = time.perf_counter() - started
    n_docs = sum(len(r) for r in topics.values())
    name = f"{DATASET} {split}"
    rows = rows_for(name, named, events, event_mentions)
    rows[0].note += f"; {len(topics)} topics, {n_docs} articles, {seconds:.0f} s"
    n_events = sum(len(a.events) for a in analysed.values())
    hits, judged = event_mention_precision(topics, analysed)
    for i, row in enumerate(rows):
        if row.metric == "event-mention recall":
            row.note += f"; {n_events} presslens event mentions in all"
            precision = Row(
                name,
                "event-mention precision (validated sentences)",
                hits / judged if judged else None,
                note=f"{hits}/{judged} presslens event mentions of validated sentences on a gold "
                "event head",
            )
            rows.insert(i + 1, precision)
            break
    return Outcome(rows, named, events, topics, analysed, seconds, event_mentions)


def run(shared: Path, split: str = "dev", limit: int | None = None) -> list[Row]:
    """Named-mention recall, name and event cluster scores and event coverage, with baselines."""
    outcome = evaluate(shared, split, limit)
    return outcome if isinstance(outcome, list) else outcome.rows


# --- where presslens loses points (printed with --errors) ---------------------------------


def missed_names(outcome: Outcome) -> Counter:
    """Why gold named mentions were missed: removed by cleaning, or no presslens name there."""
    reasons: Counter = Counter()
    for s in outcome.named:
        if s.predicted:
            continue
        if s.span is None:
            headline = s.gold["sentence"] == 0 and _removed_title(outcome, s.key[0])
            reasons["head removed by cleaning" + (" (headline as title)" if headline else "")] += 1
        else:
            reasons[f"no presslens mention ({s.gold['type']})"] += 1
    return reasons


def _removed_title(outcome: Outcome, rid: str) -> bool:
    stored = outcome.analysed[rid].stored
    return bool(stored) and any(r["kind"] == "title" for r in stored["removed"])


def name_splits_and_merges(named: list[Scored]) -> dict:
    """Gold chains split over k presslens entities, and entities joining several gold chains."""
    by_chain: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_entity: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s in named:
        if s.predicted:
            by_chain[s.chain][s.predicted].append(s.match["text"])
            by_entity[s.predicted][s.chain].append(s.match["text"])
    split = {c: ents for c, ents in by_chain.items() if len(ents) > 1}
    merged = {e: chs for e, chs in by_entity.items() if len(chs) > 1}
    real = {
        e: chs for e, chs in merged.items() if sum(not c.startswith("SINGLETON") for c in chs) > 1
    }
    return {
        "chains with found mentions": len(by_chain),
        "chains split": len(split),
        "extra entities from splits": sum(len(v) - 1 for v in split.values()),
        "split examples": [
            sorted({Counter(t).most_common(1)[0][0] for t in ents.values()})[:4]
            for ents in list(split.values())[:12]
        ],
        "entities merging chains": len(merged),
        "of which ≥2 non-singleton chains": len(real),
        "merge examples": [
            sorted({Counter(t).most_common(1)[0][0] for t in chs.values()})[:4]
            for chs in list(real.values())[:8]
        ],
    }


def event_diagnosis(outcome: Outcome) -> dict:
    """Why claim clusters are not events: uncovered heads, claims holding several events."""
    uncovered: Counter = Counter()
    per_claim: dict[str, set] = defaultdict(set)
    for s in outcome.events:
        if s.match is None:
            uncovered["head removed by cleaning" if s.span is None else "no claim there"] += 1
        else:
            per_claim[s.match["id"]].add(s.chain)
    chains_of_cluster: dict[str, set] = defaultdict(set)
    clusters_of_chain: dict[str, set] = defaultdict(set)
    for s in outcome.events:
        if s.predicted:
            chains_of_cluster[s.predicted].add(s.chain)
            clusters_of_chain[s.chain].add(s.predicted)
    sizes = Counter(len(v) for v in clusters_of_chain.values())
    return {
        "uncovered": dict(uncovered),
        "claims holding gold events": len(per_claim),
        "claims holding ≥2 gold chains": sum(len(v) > 1 for v in per_claim.values()),
        "claim clusters holding ≥2 gold chains": sum(
            len(v) > 1 for v in chains_of_cluster.values()
        ),
        "gold chains (covered) by number of claim clusters": dict(sorted(sizes.items())),
        "lemma within claim cluster: B3 F1": _lemma_within_cluster(outcome.events),
    }


def _lemma_within_cluster(events: list[Scored]) -> float:
    """What B3 F1 a claim cluster split by head lemma would get (a hint, not a presslens row)."""
    resp = {
        s.key: (s.predicted, s.gold["lemma"]) if s.predicted else ("missed", s.key) for s in events
    }
    return round(b_cubed(key_clustering(events), resp).f1, 3)


def event_merges_and_splits(mentions: list[Scored], top: int = 25) -> dict:
    """Where event-mention clusters lose points, by presslens lemma: mention pairs one cluster
    joins across gold chains (wrong merges), and pairs of one gold chain kept in two clusters
    (splits; "MISSED" where presslens found no event mention at the gold head)."""
    lemma = {s.key: s.match["lemma"] if s.match else "MISSED" for s in mentions}
    by_cluster: dict[str, list[Scored]] = defaultdict(list)
    by_chain: dict[str, list[Scored]] = defaultdict(list)
    for s in mentions:
        by_chain[s.chain].append(s)
        if s.predicted:
            by_cluster[s.predicted].append(s)
    merges: Counter = Counter()
    for members in by_cluster.values():
        for i, a in enumerate(members):
            merges.update(lemma[a.key] for b in members[i + 1 :] if a.chain != b.chain)
    splits: Counter = Counter()
    for members in by_chain.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.predicted is None or a.predicted != b.predicted:
                    splits["/".join(sorted((lemma[a.key], lemma[b.key])))] += 1
    return {
        "wrong-merge pairs by lemma": merges.most_common(top),
        "split pairs by lemma pair": splits.most_common(top),
    }


def print_errors(outcome: Outcome) -> None:
    """The error classes behind the figures, with counts."""
    print("\nmissed named mentions:", dict(missed_names(outcome).most_common()))
    missed_text = Counter(s.gold["text"] for s in outcome.named if not s.predicted and s.span)
    print("  most missed (in stored text):", missed_text.most_common(15))
    partial = [
        (s.gold["text"], s.match["text"])
        for s in outcome.named
        if s.match
        and s.match["text"] not in s.gold["text"]
        and s.gold["text"] not in s.match["text"]
    ]
    print(f"  found with other boundaries: {len(partial)}", partial[:8])
    for key, value in name_splits_and_merges(outcome.named).items():
        print(f"{key}: {value}")
    print("\nevents:")
    for key, value in event_diagnosis(outcome).items():
        print(f"{key}: {value}")
    for key, value in event_merges_and_splits(outcome.mentions).items():
        print(f"event mentions, {key}: {value}")
    missed = [s for s in outcome.mentions if not s.predicted]
    kinds = Counter(s.gold.get("type", "?") if s.span else "head removed" for s in missed)
    print(f"\nmissed event heads: {len(missed)}", dict(kinds.most_common()))
    print("  most missed lemmas:", Counter(s.gold["lemma"].lower() for s in missed).most_common(40))
    for s in [s for s in missed if s.span][:: max(1, len(missed) // 40)]:
        text = (outcome.analysed[s.key[0]].stored or {}).get("text", "")
        a, b = s.span
        print(f"  {s.gold['type']}: …{text[max(0, a - 60) : a]}[{text[a:b]}]{text[b : b + 40]}…")


def main(argv: list[str] | None = None) -> int:
    """Print the rows (and, with --errors, the error classes) for the given shared folder."""
    import argparse  # noqa: PLC0415

    from bench.real.common import print_rows  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="at most this many topics")
    parser.add_argument("--errors", action="store_true", help="print the error classes too")
    args = parser.parse_args(argv)
    outcome = evaluate(args.shared, args.split, args.limit)
    if isinstance(outcome, list):
        print_rows(outcome)
        return 0
    print_rows(outcome.rows)
    print(f"\n{outcome.seconds:.1f} s")
    if args.errors:
        print_errors(outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main())
