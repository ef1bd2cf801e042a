"""Names in a document's title: the headline often names the story's actors first, or only there.

The title is not part of the cleaned body, so its mentions carry `field="title"` and offsets
into `Document.title`. Headlines are often written in headline case ("Vesk Quits Over Dam
Deal"), where the parser takes every capitalised word for a name; `text_for_parsing` writes a
sentence-cased copy of the same length (a word goes lower case when the body only writes it in
lower case), so the parse is that of a sentence and offsets stay exact.

Which names count is a rule table (`ENTITY_TITLE`): a name the parser finds in the title
counts when the body names it too or the title is written as a sentence; a name the body gives
counts where it stands verbatim in the title. A title name never gets a descriptor: framing and
descriptors are read from the body, where each span can be shown in its sentence.

A document's `header` (sub-headlines and pull quotes cleaning took out of the body) is read the
same way, line by line: its mentions carry `field="header"` and offsets into `Document.header`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import spacy

from presslens.models import Document, Mention, make_id
from presslens.rules import Rules, stage

from .mentions import extract_mentions
from .name_spans import without_facility_words

ENTITY_TITLE = stage("entity-title", "which names in a document's title are mentions")

WORD = re.compile(r"[^\W\d_][\w'’-]*")
MIN_HEADLINE_WORDS = 3  # fewer capitalised words than this: too short to tell the case
HEADLINE_CASE_SHARE = 0.6  # share of words (4+ letters, after the first) written capitalised
MIN_SURNAME_LETTERS = 3


def _capitalised_in(body: str) -> set[str]:
    """Words the body writes capitalised where a sentence does not start: names, mostly."""
    capital: set[str] = set()
    sentence_start = True
    for match in WORD.finditer(body):
        word = match.group()
        if word[:1].isupper() and not sentence_start:
            capital.add(word)
        after = body[match.end() : match.end() + 3].lstrip(" ")
        sentence_start = after[:1] in ("", ".", "!", "?", ":", "\n", '"', "“")
    return capital


@ENTITY_TITLE.rule("title-headline-case", version=1)
def headline_cased(title: str) -> bool:
    """A title in headline case capitalises most of its words (4+ letters, after the first):
    "Vesk Quits Over Dam Deal In Tolvane" -> True; "Vesk quits over dam deal" -> False."""
    words = [w for w in WORD.findall(title)[1:] if len(w) >= 4]
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised >= MIN_HEADLINE_WORDS and capitalised >= HEADLINE_CASE_SHARE * len(words)


def text_for_parsing(title: str, body: str) -> str:
    """The title as the parser should read it: in a headline-cased or all-caps title every word
    the body does not write capitalised mid-sentence goes lower case ("Vesk Quits Over Dam Deal"
    -> "Vesk quits over dam deal" when the body names "Vesk"); same length, so offsets carry over.
    A text of several lines (a document's `header`) is read line by line."""
    capital: set[str] | None = None
    out = []
    for line in title.split("\n"):
        if (ENTITY_TITLE.enabled(headline_cased.id) and headline_cased(line)) or line.isupper():
            capital = _capitalised_in(body) if capital is None else capital
            line = _sentence_cased(line, capital)
        out.append(line)
    return "\n".join(out)


def _sentence_cased(title: str, capital: set[str]) -> str:
    out = list(title)
    for n, match in enumerate(WORD.finditer(title)):
        word = match.group()
        if n == 0 and not word.isupper():
            continue
        if word in capital or word.capitalize() in capital:  # a name the body writes so
            new = word.capitalize() if word.isupper() and len(word) > 1 else word
        elif word.isupper() and len(word) > 1 and not title.isupper():
            continue  # an acronym: "NATO" in "Vesk Quits NATO Panel"
        else:
            new = word.lower() if n else word.capitalize()
        if len(new) == len(word):
            out[match.start() : match.end()] = new
    return "".join(out)


def _body_names(body_mentions: list[Mention]) -> dict[str, str]:
    """{name as the body writes it: its most frequent type}, surnames of full person names too."""
    types: dict[str, Counter] = {}
    for m in body_mentions:
        types.setdefault(m.text, Counter())[m.type] += 1
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and len(words[-1]) >= MIN_SURNAME_LETTERS:
            types.setdefault(words[-1], Counter())["PERSON"] += 1
        core = without_facility_words(m.text)
        if core != m.text and " " in core and ENTITY_TITLE.enabled(body_names_in_title.id):
            types.setdefault(core, Counter())["ORG"] += 1  # "Dora Kell" of "Dora Kell Clinic"
    return {name: counts.most_common(1)[0][0] for name, counts in types.items()}


@ENTITY_TITLE.rule("title-name-by-parser", version=3)
def parsed_title_names(
    parsed_title: spacy.tokens.Doc, title_document: Document, known: dict[str, str]
) -> list[Mention]:
    """Names the parser finds in the title, kept (with the body's label) when the body names
    them too (in any case in an all-caps line: "COLTS" for the body's "Colts"), or when the
    title is written as a sentence: "Ilan Vesk resigns as Tolvane mayor" -> "Ilan Vesk",
    "Tolvane"; a name the body gives without the facility words ending it counts, an
    organisation ("Dora Kell Clinic Shuts" beside the body's "Dora Kell"). A text of several lines is judged line by line."""
    text = title_document.text
    kept = []
    for m in extract_mentions(parsed_title, title_document):
        line = _line_at(text, m.start)
        body_type = _known_type(known, m.text, line)
        core = without_facility_words(m.text)
        if not body_type and core != m.text and _known_type(known, core, line):
            body_type = "ORG"  # "Dora Kell Clinic" in the title, "Dora Kell" in the body
        if body_type:
            m.type = body_type  # the body's label: the parser reads a headline worse
        elif not _written_as_sentence(line):
            continue
        kept.append(m)
    return kept


def _known_type(known: dict[str, str], name: str, line: str) -> str | None:
    """The body's label of `name`; in an all-caps line, of the body's name in any case."""
    if name in known:
        return known[name]
    if line.isupper():
        folded = name.casefold()
        return next((t for k, t in known.items() if k.casefold() == folded), None)
    return None


def _line_at(text: str, offset: int) -> str:
    """The line of `text` holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _written_as_sentence(line: str) -> bool:
    return not headline_cased(line) and not line.isupper()


@ENTITY_TITLE.rule("title-repeats-body-name", version=3)
def body_names_in_title(title_document: Document, known: dict[str, str]) -> list[Mention]:
    """A name the body gives, where it stands verbatim in the title (longest first; in any case
    in an all-caps line): body "Ilan Vesk ... Vesk said", title "Vesk Quits Over Dam Deal" or
    "VESK QUITS OVER DAM DEAL" -> "Vesk" / "VESK" (PERSON); a body's institution counts
    without its facility words too: body "Dora Kell Clinic", title "Varn Checks Into Dora
    Kell" -> "Dora Kell" (ORG)."""
    title = title_document.text
    found: list[Mention] = []
    taken = bytearray(len(title))
    for name in sorted(known, key=len, reverse=True):
        pattern = r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"
        for match in re.finditer(pattern, title, re.IGNORECASE):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            if match.group() != name and not _line_at(title, start).isupper():
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(_title_mention(title_document, start, end, known[name]))
    return found


def _title_mention(title_document: Document, start: int, end: int, type_: str) -> Mention:
    return Mention(
        id="",
        doc_id=title_document.id,
        start=start,
        end=end,
        text=title_document.text[start:end],
        type=type_,
    )


def _names_the_outlet(name: str, outlet: str | None) -> bool:
    """ "Harbour Courier" in a title of The Harbour Courier: the page's masthead, not an actor."""
    return outlet is not None and name.casefold() in outlet.casefold()


def title_mentions(
    parsed_title: spacy.tokens.Doc | None,
    document: Document,
    body_mentions: list[Mention],
    rules: Rules = ENTITY_TITLE,
) -> list[Mention]:
    """The mentions of `document.title`, each with `field="title"`, in title order."""
    return field_mentions(parsed_title, document, "title", body_mentions, rules)


def header_mentions(
    parsed_header: spacy.tokens.Doc | None,
    document: Document,
    body_mentions: list[Mention],
    rules: Rules = ENTITY_TITLE,
) -> list[Mention]:
    """The mentions of `document.header` (the article's lines cleaning took out of the body:
    sub-headlines, pull quotes), each with `field="header"`, read line by line as titles are."""
    return field_mentions(parsed_header, document, "header", body_mentions, rules)


def field_mentions(
    parsed: spacy.tokens.Doc | None,
    document: Document,
    field_name: str,
    body_mentions: list[Mention],
    rules: Rules = ENTITY_TITLE,
) -> list[Mention]:
    """The mentions of the document's `field_name` text ("title" or "header"), each with that
    `field` and offsets into it, in text order."""
    text = getattr(document, field_name)
    if not text or not text.strip():
        return []
    field_document = dataclasses.replace(document, text=text)
    known = _body_names(body_mentions)
    candidates: list[Mention] = []
    if parsed is not None and rules.enabled(parsed_title_names.id):
        candidates += parsed_title_names(parsed, field_document, known)
    if rules.enabled(body_names_in_title.id):
        candidates += body_names_in_title(field_document, known)
    kept: list[Mention] = []
    taken = bytearray(len(text))
    for m in candidates:  # the parser's spans first, then the body's names where it found none
        if any(taken[m.start : m.end]) or _names_the_outlet(m.text, document.outlet):
            continue
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        m.id = make_id("mention", document.id, field_name, m.start, m.end)
        m.field, m.descriptor = field_name, None
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)
