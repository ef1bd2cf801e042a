"""A small learned model that tells article lines from page furniture in pasted page text.

A user who selects a whole web page and copies it gets one block a line: menus, teaser headlines,
share bars, captions, comment forms and footers around the article's paragraphs. Rules catch the
furniture that has a shape (bylines, dates, captions, comments); what is left is told apart by a
gradient-boosted tree ensemble over per-line features: the line's length and punctuation, how
many of its words are function words, how capitalised and how numeric it is, and where it sits
relative to the densest run of prose on the page.

The model is trained by `scripts/train_line_model.py` on the train pages of the shared
article-extraction set only, and shipped as `data/line_model.json` (the trees as plain arrays: no
pickle, no scikit-learn at run time). Its rule id is `line-model`.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import words as lexicon_words

MODEL_PATH = Path(__file__).with_name("data") / "line_model.json"
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?\"”’')\]:;…]\s*$")
FURNITURE_CHARS = re.compile(r"[|©@»«•►▶→#]|https?://|www\.")
LANGUAGE_SAMPLE_CHARS = 5000  # of the page's prose lines, to tell its language
PROSE_MIN_WORDS = 12  # a line this long that ends like a sentence is prose
WINDOW = 3  # lines either side for the neighbourhood features
PROSE_RUN_GAP = 4  # short lines a run of prose may span without ending
BODY_THRESHOLD = 0.5  # probability above which a line is kept

FEATURES = (
    "log_words",
    "log_chars",
    "sentence_end",
    "stop_share",
    "comma_per_word",
    "capital_share",
    "digit_share",
    "furniture_chars",
    "mean_word_len",
    "position",
    "in_main_run",
    "distance_before_run",
    "distance_after_run",
    "window_words",
    "window_prose_share",
    "prev_words",
    "next_words",
    "repeated_on_page",
    "removed_by_rules",
    "share_words_before",
)


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _is_prose(words: list[str], text: str) -> bool:
    return len(words) >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(text))


def is_prose(text: str) -> bool:
    """A line long enough and ending like a sentence."""
    return _is_prose(_words(text), text)


def main_prose_run(texts: list[str]) -> tuple[int, int]:
    """(first, last) line of the page's densest run of prose (see `_main_run`)."""
    return _main_run([len(w) if _is_prose(w, t) else 0 for t in texts for w in [_words(t)]])


def _main_run(prose_words: list[int]) -> tuple[int, int]:
    """(first, last) index of the run of lines holding the most prose words, where a run may
    cross up to `PROSE_RUN_GAP` non-prose lines. (0, -1) when the page has no prose line."""
    best, best_span = 0, (0, -1)
    start, total, gap = None, 0, 0
    for i, words in enumerate(prose_words + [0] * (PROSE_RUN_GAP + 1)):
        if words:
            if start is None:
                start, total = i, 0
            total, gap = total + words, 0
            if total > best:
                best, best_span = total, (start, i)
        elif start is not None:
            gap += 1
            if gap > PROSE_RUN_GAP:
                start, gap = None, 0
    return best_span


@lru_cache(maxsize=64)
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of a language (ISO 639-1), English's when spaCy has none for it.

    >>> "que" in stop_words("pt"), "que" in stop_words("en"), "the" in stop_words("xx")
    (True, False, True)
    """
    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return frozenset(STOP_WORDS)
    return frozenset(getattr(module, "STOP_WORDS", STOP_WORDS))


ENGLISH_FUNCTION_WORDS = lexicon_words("english_function_words")
ENGLISH_SHARE = 0.15  # of a sample's words; English news prose runs at 0.25-0.35
ENGLISH_MIN_WORDS = 40  # a shorter sample is left to the language model


def plainly_english(words: list[str]) -> bool:
    """Whether English function words make up so much of the sample that it is English (the
    language model costs more than the rest of cleaning on a long page).

    >>> plainly_english(("the mayor said that the ferry would run again from the port " * 4).split())
    True
    >>> plainly_english(("o governo anunciou ontem novas medidas para a economia " * 5).split())
    False
    """
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    hits = sum(1 for w in words if w.casefold() in ENGLISH_FUNCTION_WORDS)
    return hits >= ENGLISH_SHARE * len(words)


def page_language(texts: list[str]) -> str:
    """The language of a page's prose lines (py3langid), "en" when it has none: the function
    words a line is measured by are that language's ("que", "de", "em" on a Portuguese page)."""
    sample = " ".join(t for t in texts if is_prose(t))[:LANGUAGE_SAMPLE_CHARS]
    if not sample or plainly_english(_words(sample)):
        return "en"
    import py3langid  # noqa: PLC0415 - loads its model once, on first use

    return str(py3langid.classify(sample)[0])


def line_features(texts: list[str], removed: list[bool]) -> list[list[float]]:
    """One feature row per line (`FEATURES` order); `removed` says which lines rules took out.
    Function words are counted in the page's own language (`page_language`).

    >>> rows = line_features(["Home", "A long sentence of the article that goes on and on."], [0, 0])
    >>> [round(v, 2) for v in rows[0][:3]]
    [0.69, 1.61, 0.0]
    """
    words = [_words(t) for t in texts]
    counts = [len(w) for w in words]
    prose = [c if _is_prose(w, t) else 0 for w, c, t in zip(words, counts, texts, strict=True)]
    first, last = _main_run(prose)
    total_words = max(sum(counts), 1)
    seen: dict[str, int] = {}
    for t in texts:
        key = t.strip().casefold()
        seen[key] = seen.get(key, 0) + 1
    n = len(texts)
    stops = stop_words(page_language(texts))
    rows, before = [], 0
    for i, (text, ws) in enumerate(zip(texts, words, strict=True)):
        rows.append(
            _row(
                text,
                ws,
                i,
                n,
                (first, last),
                counts,
                prose,
                seen,
                removed[i],
                before / total_words,
                stops,
            )
        )
        before += counts[i]
    return rows


def _row(text, ws, i, n, run, counts, prose, seen, removed, share_before, stops) -> list[float]:
    count = len(ws)
    lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
    window = counts[lo:hi]
    first, last = run
    return [
        math.log1p(count),
        math.log1p(len(text)),
        float(bool(SENTENCE_END.search(text))),
        sum(w.lower() in stops for w in ws) / count if count else 0.0,
        text.count(",") / count if count else 0.0,
        sum(w[:1].isupper() for w in ws) / count if count else 0.0,
        sum(w.isdigit() for w in ws) / count if count else 0.0,
        float(bool(FURNITURE_CHARS.search(text))),
        sum(map(len, ws)) / count if count else 0.0,
        i / max(n - 1, 1),
        float(first <= i <= last),
        math.log1p(max(0, first - i)),
        math.log1p(max(0, i - last)) if last >= 0 else math.log1p(n),
        math.log1p(sum(window) / len(window)),
        sum(1 for p in prose[lo:hi] if p) / len(window),
        math.log1p(counts[i - 1]) if i else 0.0,
        math.log1p(counts[i + 1]) if i + 1 < n else 0.0,
        float(seen[text.strip().casefold()] > 1),
        float(removed),
        share_before,
    ]


# --- the shipped trees ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> dict | None:
    """The shipped ensemble, or None when the file is absent (then no line is dropped by it)."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _tree_value(tree: dict, row: list[float]) -> float:
    node = 0
    left, right = tree["left"], tree["right"]
    feature, threshold = tree["feature"], tree["threshold"]
    while left[node] != -1:
        node = left[node] if row[feature[node]] <= threshold[node] else right[node]
    return tree["value"][node]


def _logistic(score: float) -> float:
    """1 / (1 + e^-score) without overflow for scores far from 0.

    >>> _logistic(0.0), _logistic(-1000.0), _logistic(1000.0)
    (0.5, 0.0, 1.0)
    """
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    odds = math.exp(score)
    return odds / (1.0 + odds)


def body_probabilities(rows: list[list[float]], model: dict) -> list[float]:
    """P(article line) for each feature row: the ensemble's log-odds through a logistic."""
    out = []
    for row in rows:
        score = model["init"] + model["learning_rate"] * sum(
            _tree_value(tree, row) for tree in model["trees"]
        )
        out.append(_logistic(score))
    return out
