"""Name normalisation and spelling comparisons: the keys and tests every join relies on."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .heuristics import (
    ACRONYM_MAX_LETTERS,
    APOSTROPHES,
    DIPHTHONG_FOLDS,
    DOUBLED_LETTER,
    HONORIFICS,
    INITIAL_VOWEL_PAIRS,
    KUNYA_MARKERS,
    LEGAL_SUFFIXES,
    NAME_ARTICLES,
    PUNCT_TO_SPACE,
    SKELETON_REWRITES,
    SKELETON_VOWELS,
    TRANSLIT_FOLDS,
    TRANSLIT_MIN_TOKEN_RATIO,
    TYPO_MIN_TOKEN_LEN,
)

# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------


END_OF_TEXT = 1 << 62  # past every body offset


def read_at(m) -> int:
    """Where a reader meets a mention: a title's names come before the body's."""
    return m.start if m.field == "body" else -1


def refers_at(m) -> int:
    """Where a mention refers back from: a short name in the title may stand for a name its
    body gives anywhere ("Vesk" in the headline, "Ilan Vesk" in the third paragraph)."""
    return m.start if m.field == "body" else END_OF_TEXT


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(text: str) -> list[str]:
    """Normalised tokens of a name: case, diacritics, apostrophes, hyphens, "al-" articles."""
    return list(_name_tokens(text))


@lru_cache(maxsize=65536)
def _name_tokens(text: str) -> tuple[str, ...]:
    text = strip_diacritics(text).lower()
    text = re.sub(r"['’]s$", "", text)
    text = APOSTROPHES.sub("", text).replace(".", "")
    tokens = PUNCT_TO_SPACE.sub(" ", text).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if len(tokens) > 1:
        kept = [tok for tok in tokens if tok not in NAME_ARTICLES]
        tokens = kept or tokens
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens = tokens[:-1]  # "Dahl-Vance Inc." is Dahl-Vance
    return tuple(tokens)


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    return " ".join(_name_tokens(text))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """A consonant key so Mohammed/Muhammad/Mohamed or Hussein/Husayn share one key."""
    if not token:
        return ""
    t = token
    for old, new in SKELETON_REWRITES:
        t = t.replace(old, new)
    first = "a" if t[0] in SKELETON_VOWELS else t[0]
    rest = [ch for ch in t[1:] if ch not in SKELETON_VOWELS]
    if rest and rest[-1] == "h" and len(rest) > 1:
        rest.pop()
    out = [first]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def fold_spelling(token: str) -> str:
    """A token with TRANSLIT_FOLDS applied: compares spellings, never shown."""
    for old, new in TRANSLIT_FOLDS:
        token = token.replace(old, new)
    return token


@lru_cache(maxsize=65536)
def same_spelling(x: str, y: str) -> bool:
    """One name in two house styles: equal once folded, doubled letters single and the
    ay/ei diphthong written one way."""

    def fold(token: str) -> str:
        token = fold_spelling(token)
        for old, new in DIPHTHONG_FOLDS:
            token = token.replace(old, new)
        return DOUBLED_LETTER.sub(r"\1", token)

    return fold(x) == fold(y)


def is_kunya(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and tokens[0] in KUNYA_MARKERS


def _is_honorific(text: str) -> bool:
    return text.lower().rstrip(".") in HONORIFICS or text == "."


def _norm_word(text: str) -> str:
    return text.lower().rstrip(".")


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return " " not in text.strip() and len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _looks_like_acronym(text: str) -> bool:
    """ "U.N.", "NLF": dotted or short capitals, never a surname ("WALLACE" in a headline is)."""
    letters = [ch for ch in text if ch.isalpha()]
    if "." in text.strip(".") or text.count(".") >= 2:
        return True
    return _is_acronym(text) and len(letters) <= ACRONYM_MAX_LETTERS


def _is_transposition(x: str, y: str) -> bool:
    if len(x) != len(y):
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and x[diff[1]] == y[diff[0]]
    )


def _is_plural_pair(x: str, y: str) -> bool:
    short, long_ = sorted((x, y), key=len)
    return long_ in (short + "s", short + "es")


def _is_feminine_pair(x: str, y: str) -> bool:
    """ "Samir"/"Samira(h)", "Karim"/"Karima": a sister, not a spelling."""
    short, long_ = sorted((x, y), key=len)
    return short[-1:] not in SKELETON_VOWELS and long_ in (short + "a", short + "ah")


def is_typo(x: str, y: str) -> bool:
    """One slip of the keyboard, not a different word: short words that differ in a letter
    ("Saleh"/"Salem", "Force"/"Forces") are different names."""
    if x == y or _is_plural_pair(x, y):
        return False
    shorter = min(len(x), len(y))
    if _is_transposition(x, y):
        return shorter >= 4
    dist = OSA.distance(x, y, score_cutoff=2)
    return (dist == 1 and shorter >= TYPO_MIN_TOKEN_LEN) or (dist == 2 and shorter >= 9)


def _token_diffs(
    a: list[str], b: list[str], fold: bool = False
) -> list[tuple[int, str, float]] | None:
    """The differing token positions of two same-length names as (position, kind, ratio) with
    kind "translit" or "typo"; None when a token differs in a way that names another actor
    (another word, a plural, another first letter)."""
    if len(a) != len(b):
        return None
    diffs: list[tuple[int, str, float]] = []
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        if _is_plural_pair(x, y) or _is_feminine_pair(x, y) or not _same_initial(x, y):
            return None  # "Clintons", "Forces", "Samira", "Harter"/"Carter": other actors
        if fold and same_spelling(x, y):
            ratio = 100.0
        else:
            ratio = fuzz.ratio(fold_spelling(x), fold_spelling(y)) if fold else fuzz.ratio(x, y)
        if skeleton(x) == skeleton(y) and ratio >= TRANSLIT_MIN_TOKEN_RATIO:
            diffs.append((i, "translit", ratio))
        elif is_typo(x, y):
            diffs.append((i, "typo", ratio))
        else:
            return None
    return diffs


def _same_initial(x: str, y: str) -> bool:
    """Same first letter, a Cyrillic-style "Ye"/"E", "Yu"/"U" ("Yevgenia"/"Evgenia"), or an
    Arabic or Persian initial vowel written two ways: "Omar"/"Umar", "Ebrahim"/"Ibrahim"."""
    if x[0] == y[0]:
        return True
    if {x[0], y[0]} in INITIAL_VOWEL_PAIRS and x[1:3] == y[1:3] and min(len(x), len(y)) >= 4:
        return {x[0], y[0]} == {"o", "u"} or min(len(x), len(y)) >= 6  # not "Evan"/"Ivan"
    x, y = sorted((x, y))  # the one starting with "y" second
    return y[0] == "y" and len(y) > 2 and y[1] in "aeiou" and y[1] == x[0]
