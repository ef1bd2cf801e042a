"""Rebuild `src/presslens/lexicon/event_words_learned.tsv` from ECB+'s train split.

    python scripts/learn_event_words.py ../shared [--min-events 1] [--min-share 0.5]

ECB+ marks every event mention of its validated sentences by hand. This counts, over the train
split only, how often each noun and adjective lemma (as spaCy's pipeline tags it, the same one
presslens runs) is the head of a marked event, against how often it occurs in those sentences.
A lemma that heads a marked event at least `--min-events` times and in at least `--min-share` of
its occurrences is written to the table with its part of speech ("noun" or "adjective"), unless
presslens' other lists already take it (the lexicon's event_nouns and event_nouns_wordnet, the
deverbal endings). Only single words are written: the table holds no text of the set. The
defaults were chosen by leaving one train topic out at a time (learn on the other 24, count on
the one left out): over the 25 topics, one marked occurrence in at least half gains 244
held-out event heads for 101 unmarked occurrences taken, three marked occurrences 165 for 38
(before the WordNet list took 32 of its words). The dev split is never read, so
bench/realnews.py measures the table on topics it never saw.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from learned_lemmas import learned_rows, train_records  # noqa: E402 - beside this script

from presslens import events  # noqa: E402
from presslens.lexicon import HERE as LEXICON_DIR  # noqa: E402
from presslens.nlp import load_model  # noqa: E402

OUT = LEXICON_DIR / "event_words_learned.tsv"
KIND_OF_POS = {"NOUN": "noun", "ADJ": "adjective"}
HEADER = """\
# Event words learned from ECB+'s train split by scripts/learn_event_words.py (do not edit by
# hand: rerun the script). A noun or adjective listed here names an event or a state
# ("the transfer", "found dead") in most of the hand-marked sentences where it occurs.
# Columns: lemma, parts of speech (noun, adjective); the comment: events marked of occurrences.
"""


def _event_heads(record: dict) -> set[int]:
    """Character offsets of the heads of the record's hand-marked events."""
    return {
        i
        for m in record["event_mentions"]
        if m["validated"]
        for i in range(m["head_start"], m["head_end"])
    }


def _validated_spans(record: dict) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in record["sentences"] if s["validated"]]


def count_lemmas(records: list[dict]) -> tuple[Counter, Counter]:
    """(occurrences, marked as event heads) per (lemma, kind), in validated sentences."""
    seen, marked = Counter(), Counter()
    nlp = load_model()
    texts = ((r["text"], r) for r in records)
    for doc, record in nlp.pipe(texts, as_tuples=True, batch_size=32):
        heads, spans = _event_heads(record), _validated_spans(record)
        for tok in doc:
            kind = KIND_OF_POS.get(tok.pos_)
            if kind is None or not any(a <= tok.idx < b for a, b in spans):
                continue
            key = (tok.lemma_.lower(), kind)
            seen[key] += 1
            marked[key] += tok.idx in heads
    return seen, marked


def _hand_rules_take(lemma: str, kind: str) -> bool:
    if kind != "noun":
        return False
    deverbal = len(lemma) >= events.MIN_DEVERBAL_LENGTH and lemma.endswith(events.DEVERBAL_ENDINGS)
    return (
        lemma in events.EVENT_NOUNS
        or lemma in events.WORDNET_EVENT_NOUNS
        or (deverbal and lemma not in events.NOT_EVENT_NOUNS)
    )


def table_lines(rows: list) -> list[str]:
    """One line per lemma, its kinds joined ("dead\tadjective,noun"): a lemma the parser tags
    both ways is listed once (the lexicon refuses an entry twice)."""
    by_lemma: dict[str, list[tuple[str, int, int]]] = {}
    for lemma, kind, hits, n in rows:
        by_lemma.setdefault(lemma, []).append((kind, hits, n))
    lines = []
    for lemma, found in sorted(by_lemma.items()):
        kinds = ",".join(kind for kind, _, _ in found)
        counts = "; ".join(f"{kind} {hits} of {n}" for kind, hits, n in found)
        lines.append(f"{lemma}\t{kinds}  # {counts}\n")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--min-events", type=int, default=1)
    parser.add_argument("--min-share", type=float, default=0.5)
    args = parser.parse_args()
    records = train_records(args.shared, "ecbplus")
    if records is None:
        return 1
    seen, marked = count_lemmas(records)
    rows = learned_rows(seen, marked, args.min_events, args.min_share, _hand_rules_take)
    body = "".join(table_lines(rows))
    OUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(rows)} event words from {len(records)} train articles -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
