"""NewsWCL50: are the mentions of one actor, across five outlets, grouped into one entity?

    python bench/real/newswcl_actors.py ../shared [--split dev|train]

NewsWCL50 codes every mention of each event's actors to its concept ("USA\\Trump"), across the
five outlets that tell the event. Here the gold mentions are the named ones (subkind "name" or
"label_with_name", in the article text) of actors, groups and countries; each event's five
articles go to presslens as one corpus, and a gold mention takes the entity of the presslens
mention overlapping it (none: a singleton of its own). Scores over the gold mentions:

- coverage: the share of gold mentions that overlap a presslens mention;
- B-cubed F1 of presslens' entities against the gold concepts, beside the same-head baseline
  (mentions grouped by their last word, lower-cased) on the same mentions;
- the same over the single-actor concepts only (type ACTOR, not a bucket such as "USA\\USA-I",
  the minor US individuals, or a country concept that holds its institutions and officials),
  where one concept is one real actor and so should be one entity.

The shared text is read at run time from the path given and never copied into the repository.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.real.common import Row, adapter_main, read_jsonl, skipped  # noqa: E402
from bench.real.coref_scores import b_cubed  # noqa: E402
from bench.real.ecbplus import OffsetMap  # noqa: E402
from bench.real.framing_sets import events_of  # noqa: E402

DATASET = "newswcl50"
ACTOR_TYPES = frozenset({"ACTOR", "ACTOR-I", "GROUP", "COUNTRY"})
NAMED_SUBKINDS = frozenset({"name", "label_with_name"})
KEYS = ("title", "text", "outlet", "published", "url")


def gold_mentions(record: dict) -> list[dict]:
    """The record's named actor mentions in its text (not the title)."""
    return [
        s
        for s in record.get("spans", [])
        if s.get("kind") == "mention"
        and s.get("where") == "text"
        and s.get("concept_type") in ACTOR_TYPES
        and s.get("subkind") in NAMED_SUBKINDS
    ]


def analyse_event(records: list[dict], work: Path) -> dict[str, tuple[OffsetMap, list[dict]]]:
    """presslens on one event's articles: per record id, (offset map, its mentions)."""
    import presslens  # noqa: PLC0415

    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    with (corpus / "event.jsonl").open("w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps({k: r.get(k) for k in KEYS}) + "\n")
    presslens.analyze([corpus], db=work / "event.db")
    presslens.export(work / "event.db", work / "out", format="jsonl")
    by_url = {r["url"]: r for r in records}
    out: dict[str, tuple[OffsetMap, list[dict]]] = {}
    doc_record: dict[str, str] = {}
    for doc in read_jsonl(work / "out" / "documents.jsonl"):
        record = by_url.get(doc.get("url") or doc["source"])
        if record is None:
            continue
        doc_record[doc["id"]] = record["id"]
        out[record["id"]] = (OffsetMap(record["text"], doc["text"]), [])
    for m in read_jsonl(work / "out" / "mentions.jsonl"):
        if m["doc_id"] in doc_record and m.get("field", "body") == "body":  # gold is in the text
            out[doc_record[m["doc_id"]]][1].append(m)
    return out


def response_of(gold: dict, offsets: OffsetMap, mentions: list[dict]) -> str | None:
    """The entity of the presslens mention at the gold span's head (its last word, as in
    "South Korean President Moon Jae-in"), else of the one overlapping it most; None if none."""
    span = offsets.span(gold["start"], gold["end"])
    if span is None:
        return None
    best = None
    for m in mentions:
        overlap = min(span[1], m["end"]) - max(span[0], m["start"])
        if overlap <= 0:
            continue
        at_head = m["start"] < span[1] <= m["end"] or span[1] - m["end"] <= 2  # "Putin's"
        key = (at_head, overlap)
        if best is None or key > best[0]:
            best = (key, m.get("entity_id") or m["id"])
    return best[1] if best else None


def single_actor(gold: dict) -> bool:
    """A concept that is one person: "USA\\Trump", not "USA" or "USA\\USA-I"."""
    return gold.get("concept_type") == "ACTOR" and not gold["concept"].endswith("-I")


def score(events: dict[str, list[dict]]) -> dict:
    single: set[str] = set()
    key: dict[str, str] = {}
    ours: dict[str, str] = {}
    head: dict[str, str] = {}
    covered = 0
    for event, records in events.items():
        with tempfile.TemporaryDirectory() as tmp:
            analysed = analyse_event(records, Path(tmp))
        for record in records:
            offsets, mentions = analysed.get(record["id"], (OffsetMap("", ""), []))
            for n, gold in enumerate(gold_mentions(record)):
                mid = f"{record['id']}:{n}"
                key[mid] = f"{event}:{gold['concept']}"
                if single_actor(gold):
                    single.add(mid)
                found = response_of(gold, offsets, mentions)
                covered += found is not None
                ours[mid] = f"{event}:{found}" if found else f"single:{mid}"
                words = gold["text"].lower().replace("’s", "").replace("'s", "").split()
                head[mid] = f"{event}:{words[-1] if words else mid}"
    return {"key": key, "ours": ours, "head": head, "covered": covered, "single": single}


def run(shared: Path, split: str = "dev", limit: int | None = None) -> list[Row]:
    path = Path(shared) / DATASET / f"{split}.jsonl"
    if not path.exists():
        return skipped(f"{DATASET} {split} actors", path)
    events = events_of(path, limit)
    s = score(events)
    n = len(s["key"])
    if not n:
        return [Row(f"{DATASET} {split}", "actor grouping", None, note="no gold mentions")]
    note = f"{n} named actor mentions, {len(set(s['key'].values()))} concepts, {len(events)} events"
    rows = [Row(f"{DATASET} {split}", "actor mention coverage", s["covered"] / n, note=note)]
    for what, keep in (("all concepts", set(s["key"])), ("single actors", s["single"])):
        key = {m: c for m, c in s["key"].items() if m in keep}
        ours = b_cubed(key, {m: s["ours"][m] for m in key})
        base = b_cubed(key, {m: s["head"][m] for m in key})
        rows.append(
            Row(
                f"{DATASET} {split}",
                f"actor grouping B3 F1 ({what})",
                ours.f1,
                base.f1,
                "same last word",
                note=f"{len(key)} mentions; B3 P {ours.p:.3f} R {ours.r:.3f}",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    return adapter_main(__doc__, run, ["dev", "train"], argv)


if __name__ == "__main__":
    raise SystemExit(main())
