"""Alias links: evidence inside one document that two names are one actor."""

from __future__ import annotations

import re
from collections.abc import Iterator

import spacy

from presslens.models import AliasLink, Document
from presslens.rules import Rule, Rules

from .heuristics import (
    ACRONYM_BEFORE_PARENS,
    ACRONYM_IN_PARENS,
    ACRONYM_SKIP_WORDS,
    ALIAS_END_CHARS,
    CALLED_BY_OTHERS_GAPS,
    KNOWN_AS_GAPS,
    NAME_ARTICLES,
    NAME_WORD,
    NOM_DE_GUERRE_GAPS,
    REAL_NAME_GAPS,
)
from .mentions import _cached_mentions
from .name_spans import is_code_name
from .stages import ENTITY_ALIAS

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


Span = tuple[str, str, int, int]  # (name, alias, start, end) of one link in the text


@ENTITY_ALIAS.rule("acronym")
def acronym(text: str) -> Iterator[Span]:
    """An acronym defined in parentheses, either way round, spelling the initials of the name:
    "the Northern Liberation Front (NLF)" or "NLF (Northern Liberation Front)" -> "NLF" is
    "Northern Liberation Front"."""
    for match in ACRONYM_IN_PARENS.finditer(text):
        short = match.group(1).rstrip(".")
        letters = _acronym_letters(short)
        if len(letters) < 2 or sum(ch.isupper() for ch in short) < 2:
            continue
        bounds = _full_form_before(text, match.start(), letters)
        if bounds:
            yield text[bounds[0] : bounds[1]], short, bounds[0], match.end()
    for match in ACRONYM_BEFORE_PARENS.finditer(text):
        short = match.group(1).rstrip(".")
        letters = _acronym_letters(short)
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
            yield inner.strip(), short, match.start(), match.end()


def _name_side(gap: str, patterns: list[tuple[re.Pattern[str], str]]) -> str | None:
    """Which of the two mentions is the name ("first"/"second") if a pattern reads the gap."""
    return next((side for pattern, side in patterns if pattern.match(gap)), None)


@ENTITY_ALIAS.rule("known-as")
def known_as(gap: str) -> str | None:
    """ "X, known as Y" between two names: "Arslan Kerimzade, 38, known as Chopan" -> "Chopan"
    is "Arslan Kerimzade"."""
    return _name_side(gap, KNOWN_AS_GAPS)


@ENTITY_ALIAS.rule("called-by-others")
def called_by_others(gap: str) -> str | None:
    """ "X, whom others call Y": "Kataib Haras Dalvar, whom the regime's press calls the Guard
    Brigades" -> "Guard Brigades" is "Kataib Haras Dalvar"."""
    return _name_side(gap, CALLED_BY_OTHERS_GAPS)


@ENTITY_ALIAS.rule("nom-de-guerre")
def nom_de_guerre(gap: str) -> str | None:
    """A nom de guerre, alias or kunya either way round: "Abu Sayf, the nom de guerre of Idris
    Oskuni" -> "Abu Sayf" is "Idris Oskuni"."""
    return _name_side(gap, NOM_DE_GUERRE_GAPS)


@ENTITY_ALIAS.rule("real-name")
def real_name(gap: str) -> str | None:
    """A real name after an alias: "Chopan (real name: Arslan Kerimzade)" -> "Chopan" is
    "Arslan Kerimzade"."""
    return _name_side(gap, REAL_NAME_GAPS)


def _ends_its_phrase(text: str, end: int) -> bool:
    """The second name must end its phrase: "X, known as Y," not "Y's men"."""
    after = text[end : end + 4].lstrip("\"'”’")
    if after[:1] == " " and after.lstrip()[:1] in ("—", "–"):
        after = after.lstrip()  # "known as Chopan — "the shepherd" —"
    return not after or after[0] in ALIAS_END_CHARS | {"—", "–"}


def find_alias_links(
    parsed: spacy.tokens.Doc, document: Document, rules: Rules = ENTITY_ALIAS
) -> list[AliasLink]:
    """Evidence inside one document that two names are one actor.

    Acronyms defined in parentheses either way round, and "X, known as Y" / "Y, the nom de
    guerre of X" between two adjacent mentions: the rules of `rules` in order, the first rule
    that reads a gap names its link.
    """
    text = document.text
    links: list[AliasLink] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, alias: str, rule: Rule, start: int, end: int) -> None:
        key = (name, alias)
        if name and alias and name != alias and key not in seen:
            seen.add(key)
            links.append(AliasLink(document.id, name, alias, rule.ref, start, end))

    table = list(rules)
    if acronym in table:
        for name, alias, start, end in acronym(text):
            add(name, alias, acronym, start, end)
    gap_rules = [rule for rule in table if rule != acronym]
    mentions = sorted(_cached_mentions(parsed, document), key=lambda m: m.start)
    for first, second in zip(mentions, mentions[1:], strict=False):
        gap = text[first.end : second.start]
        if len(gap) > 60 or not _ends_its_phrase(text, second.end):
            continue
        if is_code_name(first.text) or is_code_name(second.text):
            continue  # "the update for Ostrel, dubbed VS08-112": the update's name, not Ostrel's
        for rule in gap_rules:
            name_side = rule(gap)
            if name_side:
                name, alias = (first, second) if name_side == "first" else (second, first)
                add(name.text, alias.text, rule, first.start, second.end)
                break
    return links
