"""The words of a claim, normalised so two tellings of one event meet: "ambushed a convoy"
and "attacked the patrol" share the families attack and convoy.

>>> sorted(_content_words("Gunmen ambushed a convoy near Tarsk")[0])
['attack', 'convoy', 'militant', 'tarsk']
"""

from __future__ import annotations

import re
from functools import lru_cache

from presslens.dates import NUMBER_WORDS
from presslens.lexicon import kinds, pairs, words

# Word families for comparing claims told in different words (stems after _stem()).
FAMILY_OF: dict[str, str] = pairs("event_word_families")
WORD_FAMILIES: dict[str, tuple[str, ...]] = {}
for _word, _fam in FAMILY_OF.items():
    WORD_FAMILIES[_fam] = (*WORD_FAMILIES.get(_fam, ()), _word)
# Irregular forms the light stemmer cannot reach.
IRREGULAR: dict[str, str] = pairs("irregular_forms")
# Predicates too common to say anything about which event a claim tells.
LIGHT_PREDICATES = words("light_predicates")
STOPWORDS = words("comparison_stopwords")
TITLE_WORDS = kinds("titles", "claim-title")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light stemmer, enough to meet "ambushed"/"ambush", "killed"/"kill", "announced"/
    "announce" and "soldiers"/"soldier"; family words are returned whole."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w in FAMILY_OF or len(w) <= 3 or w.endswith("ss"):
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("es") and w[:-2].endswith(("sh", "ch", "x", "ss", "z")):
        return w[:-2]
    base = w
    if w.endswith("s") and not w.endswith(("us", "is")):
        base = w[:-1]
    else:
        for suffix in ("ing", "ed"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                base = w[: -len(suffix)]
                if base + "e" in FAMILY_OF:
                    return base + "e"
                if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                    base = base[:-1]  # "shipped" -> "ship"
                break
    if base in FAMILY_OF:
        return base
    if base.endswith("e") and len(base) > 3:
        return base[:-1]  # "announce", "announced", "announcing" -> "announc"
    return base


def _content_words(text: str, skip: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """Normalised content words of a claim, and the subset written in lower case (what
    happened, as opposed to who: two claims sharing only names are not the same event)."""
    words: set[str] = set()
    common: set[str] = set()
    for i, raw in enumerate(_WORD_RE.findall(text)):
        low = raw.lower()
        if low in STOPWORDS or low in TITLE_WORDS or low in skip or low == "_":
            continue
        if low in NUMBER_WORDS:
            word = str(NUMBER_WORDS[low])
        else:
            stem = _stem(low)
            word = FAMILY_OF.get(stem, stem)
        words.add(word)
        if raw == low:
            common.add(word)
        elif i == 0:  # "Thousands of mourners": capitalised only by position
            common.add("^" + word)
    return words, common


def _family(predicate: str) -> str:
    stem = _stem(predicate)
    return FAMILY_OF.get(predicate, FAMILY_OF.get(stem, stem))
