"""Rebuild `src/presslens/lexicon/loaded_words_learned.tsv` from BASIL's train split.

    python scripts/learn_loaded_words.py ../shared [--min-marked 2] [--min-share 0.6] [--show]

BASIL marks by hand the spans of lexical bias (word choice: loaded words, stance-laden verbs) in
300 articles, inside quotes or not. This counts, over the train split only, how often each
adjective, adverb, noun and verb lemma (as spaCy's pipeline tags it, the same one presslens
runs; a verb with its particle, "double down") falls inside a marked lexical span, against how often it occurs in the articles. A lemma
marked at least `--min-marked` times and in at least `--min-share` of its occurrences is written
with its part of speech, unless presslens' hand lists already hold it (loaded_words,
reporting_stance_verbs). Only single lemmas and counts are written: the table holds no text of
the set. The dev split is never read, so bench/real/framing_sets.py measures the table on events
it never saw. `--show` prints the near misses (marked at least once) instead of writing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from learned_lemmas import learned_rows, train_records  # noqa: E402 - beside this script

from presslens.lexicon import HERE as LEXICON_DIR  # noqa: E402
from presslens.lexicon import table, words  # noqa: E402
from presslens.nlp import load_model  # noqa: E402

OUT = LEXICON_DIR / "loaded_words_learned.tsv"
KIND_OF_POS = {"ADJ": "adjective", "ADV": "adverb", "NOUN": "noun", "VERB": "verb"}
HEADER = """\
# Loaded words learned from BASIL's train split by scripts/learn_loaded_words.py (do not edit by
# hand: rerun the script). A lemma listed here fell inside a hand-marked span of lexical bias
# (word choice) in a large share of its occurrences in the train articles.
# Columns: lemma, part of speech; the comment: occurrences marked of occurrences.
"""


def _marked_offsets(record: dict) -> set[int]:
    """Character offsets inside the record's lexical-bias spans (in the body, quoted or not)."""
    return {
        i
        for s in record["spans"]
        if s["kind"] == "lex" and s.get("where", "text") == "text"
        for i in range(s["start"], s["end"])
    }


def _lemma(tok) -> str:
    """A token's lemma, a verb's with its particle ("double down"), as loaded-word reads it."""
    particle = next((c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1), None)
    lemma = tok.lemma_.lower()
    return f"{lemma} {particle.lower_}" if tok.pos_ == "VERB" and particle is not None else lemma


def count_lemmas(records: list[dict]) -> tuple[Counter, Counter]:
    """(occurrences, occurrences inside a lexical-bias span) per (lemma, part of speech)."""
    seen, marked = Counter(), Counter()
    nlp = load_model()
    texts = ((r["text"], r) for r in records)
    for doc, record in nlp.pipe(texts, as_tuples=True, batch_size=16):
        inside = _marked_offsets(record)
        for tok in doc:
            kind = KIND_OF_POS.get(tok.pos_)
            if kind is None or tok.is_stop:
                continue
            key = (_lemma(tok), kind)
            seen[key] += 1
            marked[key] += tok.idx in inside
    return seen, marked


def _hand_lists_take(lemma: str, kind: str) -> bool:
    hand = table("loaded_words")
    return kind in hand.get(lemma, ()) or (
        kind == "verb" and lemma in words("reporting_stance_verbs")
    )


def _spelt_as_words(lemma: str) -> bool:
    """Letters, with hyphens and spaces between words ("lash out", "do-nothing")."""
    return lemma.replace("-", "").replace(" ", "").isalpha()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--min-marked", type=int, default=2)
    parser.add_argument("--min-share", type=float, default=0.6)
    parser.add_argument("--show", action="store_true", help="print every marked lemma, write none")
    args = parser.parse_args()
    records = train_records(args.shared, "basil")
    if records is None:
        return 1
    seen, marked = count_lemmas(records)
    if args.show:
        for (lemma, kind), n in sorted(seen.items(), key=lambda kv: -marked[kv[0]]):
            if marked[(lemma, kind)]:
                print(f"{marked[(lemma, kind)]:3} / {n:<4} {lemma} {kind}")
        return 0
    rows = learned_rows(
        seen, marked, args.min_marked, args.min_share, _hand_lists_take, word_ok=_spelt_as_words
    )
    body = "".join(f"{lemma}\t{kind}  # {hits} of {n}\n" for lemma, kind, hits, n in rows)
    OUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(rows)} loaded words from {len(records)} train articles -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
