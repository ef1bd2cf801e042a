"""Alias links: evidence inside one document that two names are one actor."""

from __future__ import annotations

import re

import spacy

from presslens.models import AliasLink, Document

from .heuristics import (
    ACRONYM_BEFORE_PARENS,
    ACRONYM_IN_PARENS,
    ACRONYM_SKIP_WORDS,
    ALIAS_END_CHARS,
    KNOWN_AS_GAPS,
    NAME_ARTICLES,
    NAME_WORD,
)
from .mentions import _cached_mentions

# --------------------------------------------------------------------------------------------
# Alias links
# --------------------------------------------------------------------------------------------


def _initials_variants(words: list[str]) -> set[str]:
    """Letter sequences an acronym of these words could spell."""
    content = [w for w in words if w.lower() not in ACRONYM_SKIP_WORDS]
    variants = {
        "".join(w[0] for w in content if w[0].isalpha()).upper(),
        "".join(w[0] for w in words if w[0].isalpha()).upper(),
    }
    hyphen_parts = [p for w in content for p in re.split(r"[-‐]", w) if p]
    variants.add("".join(p[0] for p in hyphen_parts if p.lower() not in NAME_ARTICLES).upper())
    variants.add("".join(p[0] for p in hyphen_parts).upper())
    return {v for v in variants if v}


def _acronym_letters(acronym: str) -> str:
    return "".join(ch for ch in acronym if ch.isalpha()).upper()


def _full_form_before(text: str, pos: int, letters: str) -> tuple[int, int] | None:
    """The shortest run of capitalised words ending at `pos` whose initials spell `letters`."""
    words = list(NAME_WORD.finditer(text, max(0, pos - 200), pos))
    if not words:
        return None
    # only words on the same line and not across sentence ends
    for k in range(len(words) - 1, max(-1, len(words) - 2 * len(letters) - 4), -1):
        run = words[k:]
        if "\n" in text[run[0].start() : pos] or re.search(
            r"[.;:!?]\s", text[run[0].start() : pos]
        ):
            break
        first = run[0].group()
        if not first[0].isupper():
            continue
        if letters in _initials_variants([m.group() for m in run]):
            return run[0].start(), run[-1].end()
    return None


def find_alias_links(parsed: spacy.tokens.Doc, document: Document) -> list[AliasLink]:
    """Evidence inside one document that two names are one actor.

    Acronyms defined in parentheses either way round, and "X, known as Y" / "Y, the nom de
    guerre of X" between two adjacent mentions.
    """
    text = document.text
    links: list[AliasLink] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, alias: str, rule: str, start: int, end: int) -> None:
        key = (name, alias)
        if name and alias and name != alias and key not in seen:
            seen.add(key)
            links.append(AliasLink(document.id, name, alias, rule, start, end))

    for match in ACRONYM_IN_PARENS.finditer(text):
        acronym = match.group(1).rstrip(".")
        letters = _acronym_letters(acronym)
        if len(letters) < 2 or sum(ch.isupper() for ch in acronym) < 2:
            continue
        bounds = _full_form_before(text, match.start(), letters)
        if bounds:
            name = text[bounds[0] : bounds[1]]
            add(name, acronym, "acronym", bounds[0], match.end())
    for match in ACRONYM_BEFORE_PARENS.finditer(text):
        acronym = match.group(1).rstrip(".")
        letters = _acronym_letters(acronym)
        if len(letters) < 2:
            continue
        inner = match.group(2)
        inner_words = NAME_WORD.findall(inner)
        if inner_words and inner_words[0].lower() == "the":
            inner = inner[inner.find(inner_words[1]) :] if len(inner_words) > 1 else inner
            inner_words = inner_words[1:]
        if (
            inner_words
            and inner_words[0][0].isupper()
            and letters in _initials_variants(inner_words)
        ):
            add(inner.strip(), acronym, "acronym", match.start(), match.end())

    mentions = sorted(_cached_mentions(parsed, document), key=lambda m: m.start)
    for first, second in zip(mentions, mentions[1:], strict=False):
        gap = text[first.end : second.start]
        if len(gap) > 60:
            continue
        after = text[second.end : second.end + 4].lstrip("\"'”’")
        if after[:1] == " " and after.lstrip()[:1] in ("—", "–"):
            after = after.lstrip()  # "known as Chopan — "the shepherd" —"
        if after and after[0] not in ALIAS_END_CHARS | {"—", "–"}:
            continue  # the second name must end its phrase: "X, known as Y," not "Y's men"
        for pattern, rule, name_side in KNOWN_AS_GAPS:
            if pattern.match(gap):
                name, alias = (first, second) if name_side == "first" else (second, first)
                add(name.text, alias.text, rule, first.start, second.end)
                break
    return links
