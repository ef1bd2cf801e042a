"""Person spans the parser drew wrong: two people's names taken as one span ("Okafor and Renn")
split into two mentions; a common word glued after a person's name ("Renn Memos") cut off."""

from __future__ import annotations

import re

from presslens.models import Mention, make_id

from .heuristics import GENERATIONAL_SUFFIXES
from .names import normalise_name
from .stages import ENTITY_MENTION_TYPE

PEOPLE_JOINED = re.compile(r"^(\S.*?\S) and (\S.*\S)$")


def person_at(m: Mention, start: int, text: str, descriptor: str | None) -> Mention:
    """A PERSON mention of `m`'s document and field at `start`, spelling `text` (a span the
    parser drew wrong, redrawn)."""
    end = start + len(text)
    return Mention(
        id=make_id("mention", m.doc_id, start, end),
        doc_id=m.doc_id,
        start=start,
        end=end,
        text=text,
        type="PERSON",
        descriptor=descriptor,
        field=m.field,
    )


@ENTITY_MENTION_TYPE.rule("two-people-joined-by-and")
def two_people_joined(m: Mention, full: set[str], surnames: set[str]) -> tuple[str, str] | None:
    """A span of two names joined by "and", each a person the article names, is two people
    whatever spaCy labelled it: "Okafor and Renn" (ORG) after "Selene Okafor" and "Tomas
    Renn" -> "Okafor", "Renn"; "Marsh and Vell" naming no one the article names stays one."""
    joined = PEOPLE_JOINED.match(m.text)
    if joined is None:
        return None
    first, second = joined.groups()
    known = all(normalise_name(p) in full | surnames for p in (first, second))
    return (first, second) if known else None


def _split_people(
    mentions: list[Mention],
    place_cue: list[bool],
    datelines: list[bool],
    full: set[str],
    surnames: set[str],
) -> None:
    """Each "A and B" mention of two people the article names becomes two PERSON mentions
    (in place, with their place and dateline evidence)."""
    for i in reversed(range(len(mentions))):
        m = mentions[i]
        parts = two_people_joined(m, full, surnames)
        if parts is None:
            continue
        spans = ((m.start, m.start + len(parts[0])), (m.end - len(parts[1]), m.end))
        people = [
            person_at(m, a, text, m.descriptor if a == m.start else None)
            for (a, _b), text in zip(spans, parts, strict=True)
        ]
        mentions[i : i + 1] = people
        place_cue[i : i + 1] = [place_cue[i]] * 2
        datelines[i : i + 1] = [datelines[i]] * 2


@ENTITY_MENTION_TYPE.rule("common-word-after-person")
def common_word_after_person(m: Mention, full: set[str], text: str) -> bool:
    """A capitalised word the parser glued after the full name of a person the article names
    elsewhere, a word the article also writes in lower case, is not part of the name (a
    headline-cased phrase, a post's capitals): "Tavo Renn Memos just out" with "Tavo Renn"
    named and "the memos" written -> "Tavo Renn"; "Arno Vesk Jr" keeps its suffix."""
    words = m.text.split()
    if len(words) < 3 or normalise_name(" ".join(words[:-1])) not in full:
        return False
    last = words[-1]
    if not last[:1].isupper() or last.lower().strip(".") in GENERATIONAL_SUFFIXES:
        return False
    return re.search(rf"\b{re.escape(last.lower())}\b", text) is not None


def cut_common_word_after_person(mentions: list[Mention], full: set[str], text: str) -> None:
    """Each mention `common_word_after_person` accepts, in place, without its last word."""
    for i, m in enumerate(mentions):
        if common_word_after_person(m, full, text):
            name = m.text.rstrip().rsplit(None, 1)[0].rstrip()
            mentions[i] = person_at(m, m.start, name, m.descriptor)


_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*) $")


@ENTITY_MENTION_TYPE.rule("given-name-left-out")
def given_name_left_out(m: Mention, full: set[str], text: str) -> str | None:
    """A bare surname right after a capitalised word that makes with it the full name of a
    person the article names is that full name (the parser left the given name out, often at
    a sentence's start): "Ana Lasku said" with "Lasku" tagged alone and "Ana Lasku" named
    before -> "Ana Lasku". Returns the given name."""
    if " " in m.text.strip() or m.start < 2:
        return None
    before = _WORD_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is None or normalise_name(f"{before.group(1)} {m.text}") not in full:
        return None
    return before.group(1)


def add_given_names_left_out(mentions: list[Mention], full: set[str], text: str) -> None:
    """Each mention `given_name_left_out` accepts, in place, with its given name."""
    for i, m in enumerate(mentions):
        given = given_name_left_out(m, full, text)
        if given is not None:
            start = m.start - len(given) - 1
            mentions[i] = person_at(m, start, text[start : m.end], m.descriptor)
