"""Every word list presslens uses, once, as plain data files beside this module.

A list is a file in this folder, read once and cached:

- ``<name>.txt``: one entry per line (``#`` starts a comment), read by ``words(name)``;
- ``<name>.tsv``: an entry and the comma-separated kinds it has, read by ``kinds(name, kind)``,
  so a word shared by several uses is written once: ``say<TAB>cue,indirect,claim-speech``.

Modules import views, never copies::

    >>> "say" in kinds("speech_verbs", "cue")
    True
    >>> "general" in kinds("titles", "honorific")
    True

To add a word, edit the data file; to see every list, ``presslens lexicon``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


def _lines(name: str, suffix: str) -> list[str]:
    path = HERE / f"{name}{suffix}"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.startswith("\\#") else line[1:]
        if line.strip():
            out.append(line.strip() if suffix == ".txt" else line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt``: ``words("media_nouns")`` -> {"interview", "statement", ...}."""
    return frozenset(_lines(name, ".txt"))


@cache
def table(name: str) -> dict[str, frozenset[str]]:
    """``<name>.tsv`` as {entry: its kinds}."""
    out: dict[str, frozenset[str]] = {}
    for line in _lines(name, ".tsv"):
        entry, _, tags = line.partition("\t")
        if entry in out:
            raise ValueError(f"lexicon {name}.tsv lists {entry!r} twice")
        out[entry.strip()] = frozenset(t.strip() for t in tags.split(",") if t.strip())
    return out


@cache
def kinds(name: str, kind: str) -> frozenset[str]:
    """The entries of ``<name>.tsv`` that have ``kind``.

    >>> sorted(kinds("speech_verbs", "chain"))[:2]
    ['add', 'conclude']
    """
    found = frozenset(entry for entry, tags in table(name).items() if kind in tags)
    if not found:
        raise KeyError(f"lexicon {name}.tsv has no entry of kind {kind!r}")
    return found


def pairs(name: str) -> dict[str, str]:
    """``<name>.tsv`` read as {entry: value} (one value per entry): "go<TAB>on"."""
    return {entry: next(iter(tags)) for entry, tags in table(name).items()}


def names() -> list[str]:
    """Every list in the lexicon, by file name."""
    return sorted(p.stem for p in HERE.iterdir() if p.suffix in (".txt", ".tsv"))


@cache
def _valences() -> dict[str, float]:
    """VADER's sentiment lexicon (vaderSentiment, MIT): word -> mean valence, -4 to +4."""
    from importlib import resources

    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if word.isalpha():
            out[word] = float(rest.split("\t", 1)[0])
    return out


def valence(word: str) -> float:
    """How positive or negative a word reads, from VADER's lexicon: 0 for a word it lacks.

    >>> valence("praise") > 2 and valence("threaten") < -1 and valence("table") == 0
    True
    """
    return _valences().get(word.lower(), 0.0)
