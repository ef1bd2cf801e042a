"""Recycled quotes: the same words of the same speaker reported again long after they were said.

A story's coverage often reuses an old quote (an interview from years before, a statement from
an earlier crisis) as if it were new. A quote is recycled when the same speaker's same words
(case, punctuation and spacing aside) were reported at least `RECYCLED_MIN_DAYS` earlier, in a
document the later one does not copy: a quote inside a re-published article or a copied
paragraph is a copy, not a recycling (claims.republication finds those). Each recycled quote
names its first appearance. Pure: quotes, dates and copies in, records out.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from presslens.models import Quote
from presslens.rules import Rules, stage

RECYCLED: Rules = stage("quotes-recycled", "Which quotes repeat words said long before.")

RECYCLED_MIN_DAYS = 180  # half a year: the same words in the same week are corroboration
RECYCLED_MIN_WORDS = 6  # "We will not give up" is said by many, often
_WORD = re.compile(r"\w+")


@dataclass
class Recycled:
    """A quote told again: its first appearance and how long after it."""

    quote_id: str
    first_quote_id: str
    first_doc_id: str
    first_published: str
    days_later: int
    rule: str


def quote_key(text: str) -> str | None:
    """The words of a quote for comparison, None when too short to tell one saying from
    another: "We will rebuild, the bridge!" -> "we will rebuild the bridge"."""
    words = _WORD.findall(text.lower())
    return " ".join(words) if len(words) >= RECYCLED_MIN_WORDS else None


@RECYCLED.rule("recycled-quote")
def recycled_quote(first: datetime.date, later: datetime.date, copied: bool) -> bool:
    """The same speaker's same words first reported at least 180 days before, in an article
    the later one does not copy: Mara Vell's "the bridge will reopen before the winter comes"
    in the Harl Times of 2021-03-02, told again by the Brisk Post on 2024-05-06 -> recycled
    from the 2021 quote (the same words a week apart are two outlets reporting one saying)."""
    return not copied and (later - first).days >= RECYCLED_MIN_DAYS


def find_recycled_quotes(
    quotes: Iterable[Quote],
    published_of: dict[str, str | None],
    speaker_of: dict[str, str | None],
    copied: Callable[[Quote], bool],
    rules: Rules = RECYCLED,
) -> list[Recycled]:
    """Every recycled quote of the corpus. `published_of`: document id -> ISO date (quotes of
    undated documents are never compared); `speaker_of`: quote id -> speaker entity id;
    `copied(quote)`: whether the quote sits in a copy of another document. Quotes are grouped
    by (speaker, words) before any comparison, so the cost is linear in the quotes."""
    if not rules.enabled("recycled-quote"):
        return []
    groups: dict[tuple[str, str], list[tuple[datetime.date, Quote]]] = defaultdict(list)
    for q in quotes:
        speaker = _speaker_key(q, speaker_of)
        key = quote_key(q.text)
        day = _day(published_of.get(q.doc_id))
        if speaker and key and day:
            groups[(speaker, key)].append((day, q))
    found = []
    for told in groups.values():
        if len(told) < 2:
            continue
        told.sort(key=lambda t: (t[0], t[1].doc_id, t[1].id))
        first_day, first = told[0]
        for day, q in told[1:]:
            if recycled_quote(first_day, day, copied(q)):
                found.append(
                    Recycled(
                        q.id,
                        first.id,
                        first.doc_id,
                        first_day.isoformat(),
                        (day - first_day).days,
                        "recycled-quote",
                    )
                )
    return found


def _speaker_key(q: Quote, speaker_of: dict[str, str | None]) -> str | None:
    """The speaker's entity: an unnamed source ("an official") is no one speaker."""
    return speaker_of.get(q.id) if q.speaker is not None else None


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
