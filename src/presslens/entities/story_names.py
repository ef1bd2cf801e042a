"""Names one article's recogniser found, read where another article of the corpus writes them.

The statistical recogniser tags a name in one article and misses it in the next (at a sentence
start, in a headline, beside an unusual word). Once the corpus is stored, every name it tagged
is looked up in every text of the corpus (body, title, header), and an untagged occurrence
becomes a mention of its own, made by the rule "story-wide-name" (`Mention.rule`), so every
such mention can be traced to the rule and is rebuilt with the corpus.

    >>> from presslens.models import Mention
    >>> tagged = [Mention("m1", "d1", 0, 12, "Selene Okafor", "PERSON")]
    >>> found = story_wide_mentions(tagged, {("d2", "body"): "Selene Okafor denied it."})
    >>> [(m.doc_id, m.start, m.end, m.text, m.type, m.rule) for m in found]
    [('d2', 0, 13, 'Selene Okafor', 'PERSON', 'story-wide-name')]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from presslens.lexicon import pairs, words
from presslens.models import Mention, make_id
from presslens.rules import stage

ENTITY_STORY = stage(
    "entity-story-name",
    "Which names tagged in one article are mentions where another article of the corpus "
    "writes them untagged: each mention made names the rule (`Mention.rule`).",
)

STORY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
MAX_NAME_WORDS = 6
MIN_SINGLE_WORD_TAGS = 2  # a one-word name must be tagged this often in the corpus
# A word of running text: letters, digits, "&" and hyphens, inner dots ("U.S") and an
# apostrophe before a capital ("O'Neil"), not the possessive "'s".
WORD = re.compile(r"[^\W_](?:[\w&-]|\.(?=[^\W_])|['’](?=[A-Z]))*")
LOWER_WORD = re.compile(r"\b[a-z]+\b")  # "nobody" written so: not a name
FUNCTION_WORDS = words("english_function_words")
CALENDAR_WORDS = frozenset(pairs("month_names")) | words("weekday_names")

Texts = dict[tuple[str, str], str]  # (doc id, field) -> the text mention offsets are in


def _is_name_text(text: str) -> bool:
    parts = text.split()
    return (
        0 < len(parts) <= MAX_NAME_WORDS
        and parts[0][:1].isupper()
        and parts[-1][:1].isupper()
        and len(text) >= 3
        and text.casefold() not in FUNCTION_WORDS
        and text.casefold() not in CALENDAR_WORDS
    )


def _proper_words_only(name: str, lower_words: set[str]) -> bool:
    """Whether no word of the name is written in lower case anywhere in the corpus: "Selene
    Okafor" yes; "Civic Ballot Watch" no when "a ballot" is written (a name of common words
    is the recogniser's guess at a type, an organisation tagged as a person)."""
    return not any(w.casefold() in lower_words for w in WORD.findall(name))


def _known_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """{name as written: its most common type} for the tagged names worth looking up."""
    types: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.type in STORY_TYPES and _is_name_text(m.text):
            types[m.text][m.type] += 1
    known = {}
    for text, counts in types.items():
        if " " not in text and sum(counts.values()) < MIN_SINGLE_WORD_TAGS:
            continue
        known[text] = min(counts, key=lambda t: (-counts[t], t))
    return known


MIN_TAGGING_ARTICLES = 3  # a name of common words tagged in this many articles is a name


@ENTITY_STORY.rule("story-wide-name-tagged-often")
def tagged_in_many_articles(name: str, n_articles: int, lower_words: set[str]) -> bool:
    """A name of two or more words, some of them common words, is still looked up when the
    recogniser tagged it in three articles or more and its last word is written nowhere in
    lower case: "Harbour Explorer" tagged in four articles -> read where a fifth writes
    "its Harbour Explorer app" untagged, though "harbour" is a word of the corpus ("Civic
    Ballot Watch" tagged once stays unread)."""
    parts = WORD.findall(name)
    return (
        len(parts) >= 2
        and n_articles >= MIN_TAGGING_ARTICLES
        and parts[-1].casefold() not in lower_words
    )


@ENTITY_STORY.rule("story-wide-name")
def story_wide_name(text: str, words_at: list[re.Match], i: int, n: int, known: dict) -> bool:
    """A name tagged elsewhere in the corpus, written here as a whole name and not inside a
    longer one: "Selene Okafor" tagged in one article, "Selene Okafor denied it" in another ->
    a mention there; "Okafor" tagged twice -> "Okafor Street" is not it (the next word is
    capitalised), nor is "Okafor" inside "Dina Okafor" when that is not a known name."""
    first, last = words_at[i], words_at[i + n - 1]
    name = text[first.start() : last.end()]
    if name not in known:
        return False
    before = words_at[i - 1] if i > 0 else None
    after = words_at[i + n] if i + n < len(words_at) else None
    if (
        after is not None
        and text[last.end() : after.start()] == " "
        and after.group()[:1].isupper()
    ):
        return False  # part of a longer capitalised name
    return not (
        n == 1
        and before is not None
        and text[before.end() : first.start()] == " "
        and before.group()[:1].isupper()
    )


def story_wide_mentions(tagged: Iterable[Mention], texts: Texts) -> list[Mention]:
    """New mentions, by rule story-wide-name, where a text of the corpus writes a name tagged
    elsewhere and no mention covers it (see the module doc)."""
    tagged = list(tagged)
    if not ENTITY_STORY.enabled("story-wide-name"):
        return []
    known = _known_names(tagged)
    lower_words = {w for text in texts.values() for w in LOWER_WORD.findall(text)}
    articles: dict[str, set[str]] = defaultdict(set)
    if ENTITY_STORY.enabled(tagged_in_many_articles.id):
        for m in tagged:
            if m.text in known:
                articles[m.text].add(m.doc_id)
    known = {
        n: t
        for n, t in known.items()
        if _proper_words_only(n, lower_words)
        or (articles and tagged_in_many_articles(n, len(articles[n]), lower_words))
    }
    if not known:
        return []
    covered: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for m in tagged:
        covered[(m.doc_id, m.field or "body")].append((m.start, m.end))
    first_words = frozenset(w.group() for name in known if (w := WORD.match(name)))
    found = []
    for (doc_id, field_name), text in texts.items():
        if text:
            spans = covered.get((doc_id, field_name), [])
            found += _mentions_in(doc_id, field_name, text, known, spans, first_words)
    return found


def _mentions_in(
    doc_id: str,
    field_name: str,
    text: str,
    known: dict[str, str],
    spans: list[tuple[int, int]],
    first_words: frozenset[str],
) -> list[Mention]:
    taken = bytearray(len(text) + 1)
    for start, end in spans:
        taken[start:end] = b"\x01" * (end - start)
    words_at = list(WORD.finditer(text))
    out = []
    i = 0
    while i < len(words_at):
        n = _longest_name_at(text, words_at, i, known, first_words)
        if not n:
            i += 1
            continue
        start, end = words_at[i].start(), words_at[i + n - 1].end()
        if not any(taken[start:end]):
            out.append(_story_mention(doc_id, field_name, start, end, text, known))
        i += n
    return out


def _longest_name_at(
    text: str, words_at: list[re.Match], i: int, known: dict, first_words: frozenset[str]
) -> int:
    word = words_at[i].group()
    if not word[:1].isupper() or word not in first_words:  # (no known name starts so)
        return 0
    for n in range(min(MAX_NAME_WORDS, len(words_at) - i), 0, -1):
        if story_wide_name(text, words_at, i, n, known):
            return n
    return 0


def _story_mention(
    doc_id: str, field_name: str, start: int, end: int, text: str, known: dict[str, str]
) -> Mention:
    name = text[start:end]
    return Mention(
        id=make_id("mention", doc_id, field_name, start, end, "story"),
        doc_id=doc_id,
        start=start,
        end=end,
        text=name,
        type=known[name],
        field=field_name,
        rule=story_wide_name.ref,
    )
