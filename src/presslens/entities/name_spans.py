"""Where a name's span ends and which untagged words are names: rules the mention pass applies
to the parser's entity spans (a facility word after a name, a score glued to a team) and to the
words it tagged nowhere (a one-word name the article repeats, a title in quotation marks)."""

from __future__ import annotations

import re

import spacy

from presslens.lexicon import kinds, pairs, words

from .heuristics import HONORIFICS, ORG_NAME_WORDS, PERSON_ROLE_WORDS
from .stages import ENTITY_MENTION_TYPE

FACILITY_WORDS = kinds("facility_words", "facility")
FACILITY_MODIFIERS = kinds("facility_words", "facility-modifier")
SCORE = re.compile(r"\d+\s*[-–]\s*\d+")
NOT_CODE_NAMES = words("not_code_names")
SPEECH_CUES = kinds("speech_verbs", "cue")
IRREGULAR = pairs("irregular_forms")
TITLE_SMALL_WORDS = words("headline_small_words")
MAX_QUOTED_TITLE_WORDS = 6
QUOTED = re.compile(r"(?<=[\w,] )([\"“‘])([A-Z0-9][^\"“”‘’\n]{0,60}?)[,.]?([\"”’])(?![\w’'])")
CLOSING = {'"': '"', "“": "”", "‘": "’"}
CODE_NAME = re.compile(r"(?<![\w-])[A-Z]{2,}\d+[A-Za-z]?(?:-\d+)?(?![\w-])")
MIN_PLURAL_LETTERS = 4  # "Reds" is a word too often; "Rovers", "Colts" are names
MIN_UNTAGGED_WORD = 4  # "Orsk" may be a name; "Ask", "Tap" are too often words


def _written(parsed: spacy.tokens.Doc, text: str, i: int) -> str:
    """Token i as the document writes it (a headline is parsed sentence-cased)."""
    tok = parsed[i]
    return text[tok.idx : tok.idx + len(tok.text)]


def _capitalised_word_at(parsed: spacy.tokens.Doc, text: str, i: int) -> str | None:
    """The lower-cased word at token i when it is written capitalised on the same line as the
    token before it, one space apart; else None."""
    if not 0 < i < len(parsed) or parsed[i - 1].whitespace_ != " ":
        return None
    word = _written(parsed, text, i)
    return word.lower() if word.istitle() and word.isalpha() else None


@ENTITY_MENTION_TYPE.rule("facility-word-after-name")
def facility_word_after_name(parsed: spacy.tokens.Doc, text: str, end: int) -> int:
    """Capitalised facility words right after a name the parser ended too soon belong to it
    (how many tokens to add): "the Ilse Varn Clinic" tagged "Ilse Varn" -> "Ilse Varn Clinic",
    "the Orsk Treatment Center" tagged "Orsk" -> "Orsk Treatment Center" (never "Treatment"
    alone, nor a facility word the article opens a sentence with)."""
    taken = 0
    while end + taken < len(parsed) and not parsed[end + taken].ent_type_:
        word = _capitalised_word_at(parsed, text, end + taken)
        if word in FACILITY_WORDS:
            taken += 1
        elif word in FACILITY_MODIFIERS:
            after = _capitalised_word_at(parsed, text, end + taken + 1)
            if after not in FACILITY_WORDS and after not in FACILITY_MODIFIERS:
                break
            taken += 1
        else:
            break
    while taken and _capitalised_word_at(parsed, text, end + taken - 1) in FACILITY_MODIFIERS:
        taken -= 1
    return taken


@ENTITY_MENTION_TYPE.rule("score-after-name")
def score_after_name(parsed: spacy.tokens.Doc, start: int, end: int) -> int:
    """A score the parser glued to a team's name is not part of it (how many tokens to drop):
    "beat Orsk Rovers 91-73" tagged "Orsk Rovers 91-73" -> "Orsk Rovers"."""
    cut = end
    while cut - 1 > start and re.fullmatch(r"[\d–-]+", parsed[cut - 1].text):
        cut -= 1
    if cut == end or not SCORE.fullmatch(parsed[cut:end].text):
        return 0
    return end - cut


_NOT_NAME_WORDS = PERSON_ROLE_WORDS | ORG_NAME_WORDS | HONORIFICS


@ENTITY_MENTION_TYPE.rule("repeated-untagged-word")
def repeated_untagged_word(word: str, count: int, inside: bool, text: str) -> bool:
    """One capitalised noun the parser tagged nowhere, written at least twice in the
    article, once inside a sentence, and never in lower case, names a thing: "a fire at
    Marrowby ... Marrowby staff" -> PRODUCT "Marrowby" (not "Police", "Minister", nor a word
    the article also writes in lower case)."""
    return (
        count >= 2
        and inside
        and len(word) >= MIN_UNTAGGED_WORD
        and word.isalpha()
        and word[:1].isupper()
        and word[1:].islower()
        and word.lower() not in _NOT_NAME_WORDS
        and re.search(r"\b" + re.escape(word.lower()) + r"\b", text) is None
    )


def without_facility_words(name: str) -> str:
    """The name before the facility words that end it: "Dora Kell Treatment Center" ->
    "Dora Kell"; a name with none is returned as it is."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in FACILITY_WORDS | FACILITY_MODIFIERS:
        words.pop()
    return " ".join(words)


@ENTITY_MENTION_TYPE.rule("plural-name-after-the")
def plural_name_after_the(words: list[str], last_tag: str, after_the: bool) -> bool:
    """One to three proper nouns the parser tagged nowhere, ending in a capitalised plural and
    written after "the", name a group, mostly a team, even once: "beat the Orsk Rovers" ->
    ORG "Orsk Rovers" (not "the Ministers", a role)."""
    last = words[-1] if words else ""
    return (
        1 <= len(words) <= 3
        and last_tag == "NNPS"
        and after_the
        and len(last) >= MIN_PLURAL_LETTERS
        and all(w.isalpha() and w[:1].isupper() and w[1:].islower() for w in words)
        and last.lower() not in PERSON_ROLE_WORDS
        and last.lower().rstrip("s") not in PERSON_ROLE_WORDS
    )


@ENTITY_MENTION_TYPE.rule("code-name")
def code_names(text: str) -> list[tuple[int, int]]:
    """Words of capitals and digits name a product, a model or a bulletin (their spans): "a
    flaw in VX8 and VX9 ... the patch VS08-112" -> PRODUCT "VX8", "VX9", "VS08-112" (not a
    chemical formula such as "CO2"); such a name is no actor's alias ("the update for
    Ostrel, dubbed VS08-112" links no "Ostrel = VS08-112")."""
    return [m.span() for m in CODE_NAME.finditer(text) if m.group() not in NOT_CODE_NAMES]


def _speech_verb(word: str) -> bool:
    """ "said", "tells", "asked": a verb of saying in any common form."""
    word = word.lower()
    base = IRREGULAR.get(word, word)
    return any(base[: len(base) - k] in SPEECH_CUES for k in (0, 1, 2, 3) if len(base) - k > 1)


@ENTITY_MENTION_TYPE.rule("quoted-title")
def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Capitalised words in quotation marks inside a sentence name a work, a show or a product
    (their spans): 'who starred in "Tidewater" and the show "Harbour Lights," ...' -> WORK_OF_ART
    "Tidewater", "Harbour Lights" (not words quoted after a verb of saying: 'he said "Never"')."""
    spans = []
    for m in QUOTED.finditer(text):
        opening, inner, closing = m.groups()
        if CLOSING[opening] != closing:
            continue
        words_ = inner.split()
        before = text[: m.start()].split()[-1:]
        if (
            1 <= len(words_) <= MAX_QUOTED_TITLE_WORDS
            and words_[-1][:1].isupper()
            and all(w[:1].isupper() or w[:1].isdigit() or w in TITLE_SMALL_WORDS for w in words_)
            and not (before and _speech_verb(before[0].strip(",")))
        ):
            spans.append((m.start(2), m.start(2) + len(inner)))
    return spans


def is_code_name(name: str) -> bool:
    """Whether a name is a word of capitals and digits ("VS08-112", "VX8"): a bulletin's or a
    model's name, never an actor's alias in a "known as" link."""
    return CODE_NAME.fullmatch(name) is not None
