"""Mentions of named actors and their resolution into entities across documents.

Outlets spell the same actor differently (transliterations, typos, titles, acronyms,
surname-only references) and name different actors alike (shared first names, "X Force" vs
"X Brigades"). Resolution joins names only on explicit evidence, records why each alias
joined (Entity.reasons), and never compares all pairs: candidates come from blocks.

Per document (pure, from the spaCy Doc): `extract_mentions` (titles and outlet wording go to
`descriptor`, labels made consistent inside the article) and `find_alias_links` (acronyms,
"known as", nom de guerre). Across documents: `group_exact` and `group_simple` (baselines)
and `resolve_entities` (the resolver), with user `Pins` applied last.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter
from pathlib import Path

import spacy
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from presslens.lexicon import kinds
from presslens.models import AliasLink, Document, Entity, Mention, make_id

# --------------------------------------------------------------------------------------------
# Heuristics as data
# --------------------------------------------------------------------------------------------

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})

# Honorifics, ranks and roles that precede a name; compared lowercased without the dot.
HONORIFICS = kinds("titles", "honorific")

# Titles that make an ORG/GPE-labelled span a person: "General Ilan Vesk" (ORG) -> PERSON.
PERSON_TITLES = kinds("titles", "person-title")

# Descriptor words that say the named one is a person.
PERSON_ROLE_WORDS = PERSON_TITLES | kinds("titles", "person-role")

# Labels spaCy's small model puts on people by mistake.
RELABEL_FROM = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})

# A preposition before a bare name that makes it a place, not a person.
LOCATIVE_PREPS = frozenset(
    "in at near from to into outside across around towards toward via inside throughout".split()
)

# Descriptor words that make a bare name a place ("northern Varesh", "Tolvane province").
PLACE_CUES = frozenset(
    """
    northern southern eastern western central north south east west province city town village
    district region capital country valley border highway port
    """.split()
)
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
DATELINE_AFTER = re.compile(r"\s*(?:[–—-]|,\s*[A-Z][a-z]+\.? \d)")
# A transcript's speaker label after a name at a line start: "FERRO:", "NADIA FERRO (HOST):".
SPEAKER_LABEL_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?:")

# Words that introduce someone only by the name given ("a shopkeeper who gave his name as
# Rashed"): kept in the descriptor, and such a name is never joined to a full name.
INTRODUCED_AS = re.compile(
    r"((?:gave|giving|give) (?:only )?(?:his|her|their) (?:first )?name(?: only)? as|"
    r"identified (?:only )?(?:by (?:his|her) first name )?as|asked to be (?:identified|called) "
    r"(?:only )?(?:as )?|known only as|(?:man|woman|boy|girl|resident|person) named|"
    r"calling (?:himself|herself))\s*[\"'“‘]?\s*$",
    re.I,
)

# Tokens a name never spans: a dateline dash or a bullet.
SPAN_BREAKS = frozenset({"–", "—", "|", "•", "·", "(", ")", "[", "]", "{", "}", ":"})

# Words that never make a descriptor on their own ("many Syrians", "the great Southland").
DESCRIPTOR_STOP = frozenset(
    """
    the a an many much several few more most other others same such own majority minority great
    little various certain both all some any each every this that these those its their his her
    """.split()
)

# Lowercase words that may stand between a descriptor run and the name (" Minister of Defence").
ROLE_LINKERS = frozenset({"of", "for"})

# Name tokens that are Arabic definite articles: dropped when normalising.
NAME_ARTICLES = frozenset({"al", "el"})

# First tokens that make a name a kunya ("Abu Karim"): kept apart unless a link joins it.
KUNYA_MARKERS = frozenset({"abu", "abou", "umm", "um", "ibn", "bin"})
# Lowercase particles of a surname: "Aurel de la Varre" is "de la Varre" for short.
NAME_PARTICLES = frozenset(
    "de la le du da di del della dos das van von der den ter ten bin ibn".split()
)

# How a one-word person name finds its full name, in order (see resolve_entities step 5).
SHORT_NAME_RULES = [
    "surname-only in doc with one matching full name",
    "first-name-only in doc with one matching full name",
    "misspelt surname-only in doc with one matching full name",
    "surname-only, one matching full name in the corpus",
    "surname-only, dominant full name in the corpus",
    "surname-only with swapped letters, one matching full name in the corpus",
]

# Type classes: names of different classes never merge by string similarity.
TYPE_CLASS = {
    "PERSON": "person",
    "ORG": "org",
    "NORP": "norp",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}

# The entity type a class stands for (place keeps its majority spaCy label).
CLASS_TYPE = {"person": "PERSON", "org": "ORG", "norp": "NORP", "event": "EVENT"}

# Gaps between two mentions that say they are one actor: (regex, rule, which side is the name).
KNOWN_AS_GAPS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(
            r"^\s*(?:,|\(|\[)\s*(?:\d{1,3}\s*,\s*)?"  # "Arslan Kerimzade, 38, known as Chopan"
            r"(?:(?:also|better|widely|commonly|popularly|locally|often)\s+"
            r"(?:known\s+as|called|referred\s+to\s+as)|known\s+as|dubbed|nicknamed|alias|"
            r"a\.?k\.?a\.?)\s+(?:the\s+)?[\"'“‘]?\s*$",
            re.I,
        ),
        "known-as",
        "first",
    ),
    (
        re.compile(  # "Oskuni, who is known among supporters as Abu Sayf"
            r"^\s*,\s*who\s+(?:is|was|has\s+been)\s+(?:also\s+|widely\s+|locally\s+)?known\s+"
            r"(?:(?:among|to|by)\s+(?:his\s+|her\s+|its\s+|their\s+)?\w+(?:\s+\w+)?\s+)?as\s+"
            r"(?:the\s+)?[\"'“‘]?\s*$",
            re.I,
        ),
        "known-as",
        "first",
    ),
    (
        re.compile(  # "Kataib Haras Dalvar, whom the regime's press calls the Guard Brigades"
            r"^\s*,\s*(?:whom|which|who)\s+(?:the\s+)?[\w'’]+(?:\s+[\w'’]+){0,3}\s+"
            r"(?:calls|call|called|names|dubs|dubbed|refers\s+to\s+as)\s+(?:the\s+)?[\"'“‘]?\s*$",
            re.I,
        ),
        "called-by-others",
        "first",
    ),
    (
        re.compile(
            r"^\s*,?\s*(?:the\s+)?(?:nom\s+de\s+guerre|alias|pseudonym|code\s*name|kunya)\s+"
            r"(?:of|for|used\s+by)\s+(?:the\s+)?$",
            re.I,
        ),
        "nom-de-guerre",
        "second",
    ),
    (
        re.compile(
            r"^\s*,?\s*(?:whose|with\s+the)\s+(?:nom\s+de\s+guerre|alias|pseudonym|kunya|"
            r"code\s*name|nickname)\s+(?:is|was)\s+[\"'“‘]?\s*$",
            re.I,
        ),
        "nom-de-guerre",
        "first",
    ),
    (
        re.compile(r"^\s*[,(]\s*(?:whose\s+real\s+name\s+(?:is|was)|real\s+name:?|born)\s+$", re.I),
        "real-name",
        "second",
    ),
]

ACRONYM_MAX_LETTERS = 5  # all capitals up to this length read as an acronym, longer as a shout
ACRONYM_GUESS_MIN_LETTERS = 3  # an undefined acronym is matched to initials from 3 letters

# Words an acronym's letters skip, and that do not change a name when it is reordered
# ("Ministry of Defence" = "Defence Ministry").
NAME_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "&"})

# Words that make a name an organisation's: such a name is never a mislabelled person.
ORG_NAME_WORDS = kinds("org_words", "name-org")

ALIAS_END_CHARS = frozenset(",.;:)]\n")

ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)")
ACRONYM_BEFORE_PARENS = re.compile(r"\b([A-Z][A-Z&.\-]{1,11})\s*\(\s*([^()]{3,120}?)\s*\)")
ACRONYM_SKIP_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "&"})
NAME_WORD = re.compile(r"[\w'’.\-&]+")

APOSTROPHES = re.compile(r"['’ʼʻ`´‘]")
PUNCT_TO_SPACE = re.compile(r"[\-‐‑‒–—_/,;:()\[\]\"“”!?]+")

# Skeleton letter rewrites for transliterated names, applied in order.
SKELETON_REWRITES = [
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "x"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
    ("z", "s"),
    ("w", "v"),  # Erdawi/Erdavi: one Arabic or Slavic letter, two house styles
    ("v", "f"),
]
SKELETON_VOWELS = frozenset("aeiouy")
# Initial vowels one house style writes for another's: "Omar"/"Umar", "Esmail"/"Ismail".
INITIAL_VOWEL_PAIRS = [{"o", "u"}, {"e", "i"}]

# Spelling pairs house styles use for one sound ("Jameel"/"Jamil", "Erdawi"/"Erdavi"):
# folded before the per-token ratio so such a pair reads as the same spelling.
TRANSLIT_FOLDS = [
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("ph", "f"),
    ("kh", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("q", "k"),
    ("w", "v"),
]
# Spellings that are one name only when nothing else differs ("Husayn"/"Hussein" but not
# "Hassan"/"Hussein"): doubled letters and the ay/ei/ai diphthong.
DIPHTHONG_FOLDS = [("ay", "ai"), ("ei", "ai")]
DOUBLED_LETTER = re.compile(r"(\w)\1+")

# Fuzzy thresholds.
TRANSLIT_MIN_TOKEN_RATIO = 65.0  # per differing token: Mohamed/Muhammad 67, Cash/Kasich 60
STRICT_TOKEN_RATIO = 75.0  # a differing surname or a one-word name: Bossie/Boies 73 stays apart
QUALIFIER_CLASSES = frozenset({"place", "norp"})  # "Tolvane" in "Tolvane Sentinel Force"
NO_FUZZY_CLASSES = frozenset({"norp", "event"})  # "Turkish"/"Turks": adjectives, not spellings
TRANSLIT_MIN_RATIO = 70.0  # whole-name ratio when every token has the same skeleton
SHORT_FORM_CORPUS_FACTOR = 3  # an article-less short form needs a full name named 3x as often
DOMINANCE_FACTOR = 5  # a bare surname with no full name in its article goes to a 5x more named one
CLASS_FOLD_FACTOR = 2  # a label folds into another seen at least this many times as often
TYPO_MIN_TOKEN_LEN = 6  # a one-letter difference in a shorter word is another word
MAX_CONTEXT_PER_DOC = 300  # documents naming more actors than this give no useful context
MAX_CONTEXT_DOCS = 50  # documents sampled per group for co-occurrence evidence
BLOCK_WINDOW = 10  # sorted-neighbourhood window inside a block: keeps cost linear


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------


def _descriptor_run_left(parsed: spacy.tokens.Doc, start: int, root_i: int, end: int) -> int:
    """First token index of the words an outlet puts right before a name in the same phrase.

    Walks left over honorifics ("Maj. Gen.") and lowercase nouns/adjectives ("militia
    commander", "terrorist group") and keeps the run only if it attaches to the name.
    """
    i = start - 1
    run_start = start
    while i >= 0:
        tok = parsed[i]
        if tok.is_space or "\n" in tok.text or parsed[i + 1].is_sent_start:
            break
        word = tok.text
        if _is_honorific(word):
            if word == "." and (i == 0 or not _is_honorific(parsed[i - 1].text)):
                break
            run_start = i
        elif (
            word.islower()
            and tok.pos_ in {"NOUN", "ADJ", "PROPN"}
            and tok.dep_ in {"compound", "amod", "nmod", "appos", "nsubj", "dobj", "pobj", "conj"}
            and word not in DESCRIPTOR_STOP
            and (i < tok.head.i < end or any(i < c.i < end for c in tok.rights))
        ):
            run_start = i
        elif (
            word.lower() in ROLE_LINKERS
            and i - 1 >= 0
            and _is_honorific(parsed[i - 1].text)
            and run_start == i + 1
            and run_start < start
        ):
            # "Minister of Defence Rafi Olen": "Defence" was taken as honorific above
            run_start = i
        else:
            break
        i -= 1
    if run_start == start:
        return start
    # keep it only if connected: the run and the name head each other
    inside = range(run_start, end)
    connected = parsed[root_i].head.i in range(run_start, start) or any(
        parsed[j].head.i in inside for j in range(run_start, start)
    )
    if not connected:
        return start
    # a run may not start with a linker
    while run_start < start and parsed[run_start].text.lower() in ROLE_LINKERS:
        run_start += 1
    return run_start


def _apposition_descriptor(
    parsed: spacy.tokens.Doc, root: spacy.tokens.Token, end: int
) -> str | None:
    """ "Red Hand, an armed group backed by ..." gives "armed group": the appositive head noun."""
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= end:
            words = [
                t
                for t in child.lefts
                if t.dep_ in {"amod", "compound", "nmod"} and t.i > root.i and t.pos_ != "PROPN"
            ]
            first = min((t.left_edge for t in words), key=lambda t: t.i, default=child)
            if first.i <= root.i or first.dep_ == "det":
                first = min(words, key=lambda t: t.i) if words else child
            return re.sub(r"\s+", " ", parsed[first.i : child.i + 1].text)
    # "the regime's interior minister, Aldous Brenner": the name is the appositive of a noun
    # phrase before it, which is the descriptor (its possessor included, its article not)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < root.i:
        words = [t for t in parsed[head.left_edge.i : head.i + 1] if t.dep_ != "det"]
        if words and len(words) <= 6 and not any(t.is_punct and t.text != "'s" for t in words):
            return re.sub(r"\s+", " ", parsed[words[0].i : head.i + 1].text)
    # "Ilyas Bekmen and Sevda Orhun, the two martyrs killed …": after the last of several names
    conjuncts = [c for c in root.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if conjuncts:
        end = max(end, conjuncts[-1].i + 1)
    # "Fighters of the Northern Liberation Front, a resistance movement ...": spaCy hangs the
    # appositive on the phrase head, but it sits right after the name
    if end + 2 < len(parsed) and parsed[end].text == ",":
        k = end + 1
        while k < len(parsed) and k < end + 7:
            tok = parsed[k]
            coordinated = bool(conjuncts) or (root.dep_ == "conj" and root.head.pos_ == "PROPN")
            plural_label = (
                coordinated and tok.tag_ == "NNS" and tok.dep_ not in ("nsubj", "nsubjpass")
            )
            if (tok.dep_ == "appos" or plural_label) and tok.pos_ == "NOUN":
                words = [
                    t
                    for t in parsed[end + 1 : k]
                    if t.dep_ != "det" and t.lower_ not in DESCRIPTOR_STOP
                ]
                start_i = words[0].i if words else k
                return re.sub(r"\s+", " ", parsed[start_i : k + 1].text)
            if tok.dep_ not in {"det", "amod", "compound", "nmod", "advmod", "nummod"}:
                break
            if tok.is_punct:
                break
            k += 1
    return None


def _clean_span(parsed: spacy.tokens.Doc, ent: spacy.tokens.Span) -> tuple[int, int, int, str]:
    """Token bounds (name_start, name_end, descriptor_start) and label after fixing common
    spaCy slips: a trailing "'s", a leading "the", a title inside the name, a dateline dash."""
    start, end, label = ent.start, ent.end, ent.label_
    # a dateline ("KESSARA – Militia ...") or a line break glued into one entity: keep root side
    cuts = [i for i in range(start, end) if parsed[i].text in SPAN_BREAKS or "\n" in parsed[i].text]
    if cuts:
        root = ent.root.i
        left = max((c for c in cuts if c < root), default=start - 1) + 1
        right = min((c for c in cuts if c > root), default=end)
        if root in cuts:
            return start, start, start, label
        start, end = left, right
    while end > start and (
        parsed[end - 1].tag_ == "POS"
        or parsed[end - 1].text in {"'s", "’s", "'", "’"}
        or parsed[end - 1].is_punct
        and parsed[end - 1].text not in {".", ")"}
    ):
        end -= 1
    while end > start and parsed[end - 1].text == ")" and "(" not in ent.text:
        end -= 1
    while start < end and (parsed[start].lower_ in {"the", "a", "an"} or parsed[start].is_punct):
        start += 1
    desc_start = start
    if label == "PERSON" or (
        label in RELABEL_FROM and start < end and _norm_word(parsed[start].text) in PERSON_TITLES
    ):
        while start < end - 1 and _is_honorific(parsed[start].text):
            start += 1
        if start < end and _is_honorific(parsed[start].text):
            start = end  # the whole "name" is a title
        if start > desc_start:
            label = "PERSON"
    return start, end, desc_start, label


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop stray punctuation glued to a name ("-Donald Trump", "Obama,"); keep "U.S." dots."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    if end > start and text[end - 1] == "." and "." not in text[start : end - 1]:
        end -= 1  # a sentence full stop, not an abbreviation
    return start, end


def _norm_word(text: str) -> str:
    return text.lower().rstrip(".")


def _person_descriptor(descriptor: str | None) -> bool:
    return bool(descriptor) and any(
        _norm_word(w) in PERSON_ROLE_WORDS for w in re.split(r"[\s;,]+", descriptor or "")
    )


def extract_mentions(parsed: spacy.tokens.Doc, document: Document) -> list[Mention]:
    """One Mention per named actor/place spaCy finds, title and outlet wording in `descriptor`.

    A second pass makes labels consistent inside the document: a bare surname or a repeated
    full name that spaCy labelled ORG/GPE/NORP becomes PERSON when the document names that
    person (but not after "in", "near", ... where it is a place).
    """
    mentions: list[Mention] = []
    locative: list[bool] = []
    datelines: list[bool] = []
    _MENTION_CACHE.clear()
    for ent in parsed.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        start, end, desc_start, label = _clean_span(parsed, ent)
        trailing: list[str] = []
        while end - start > 1 and parsed[end - 1].text.isalpha() and parsed[end - 1].text.islower():
            trailing.insert(0, parsed[end - 1].text)
            end -= 1
        if start >= end:
            continue
        span = parsed[start:end]
        if not any(ch.isupper() for ch in span.text):
            continue
        root = span.root
        desc_start = min(desc_start, _descriptor_run_left(parsed, desc_start, root.i, end))
        parts: list[str] = []
        if desc_start < start:
            left = document.text[parsed[desc_start].idx : span.start_char].strip()
            left = re.sub(r"\s+", " ", left)
            if left:
                parts.append(left)
        if trailing:
            parts.append(" ".join(trailing))
        appos = _apposition_descriptor(parsed, root, end)
        if appos and appos not in parts:
            parts.append(appos)
        intro = INTRODUCED_AS.search(document.text, max(0, span.start_char - 60), span.start_char)
        if intro:
            parts.append(re.sub(r"\s+", " ", intro.group(1)))
        parts = [p for p in parts if any(w.lower() not in DESCRIPTOR_STOP for w in p.split())]
        descriptor = "; ".join(parts) if parts else None
        if label in RELABEL_FROM and _person_descriptor(descriptor) and len(span) >= 2:
            label = "PERSON"
        start_char, end_char = _trim_chars(document.text, span.start_char, span.end_char)
        if end_char <= start_char:
            continue
        mentions.append(
            Mention(
                id=make_id("mention", document.id, start_char, end_char),
                doc_id=document.id,
                start=start_char,
                end=end_char,
                text=document.text[start_char:end_char],
                type=label,
                descriptor=descriptor,
            )
        )
        before = parsed[desc_start - 1].lower_ if desc_start > 0 else ""
        line_start = document.text.rfind("\n", 0, start_char) + 1
        dateline = not document.text[line_start:start_char].strip() and bool(
            DATELINE_AFTER.match(document.text, end_char)
        )
        place_word = any(
            _norm_word(w) in PLACE_CUES for w in re.split(r"[\s;,]+", descriptor or "")
        )
        locative.append(before in LOCATIVE_PREPS or dateline or place_word)
        datelines.append(dateline)
    _fix_labels(mentions, locative, datelines)
    mentions.extend(_missed_names(parsed, document, mentions))
    for m in mentions:
        if m.type in RELABEL_FROM and _labels_a_turn(document.text, m.start, m.end):
            m.type = "PERSON"  # "FERRO:" opening a transcript turn speaks: a person
    mentions.sort(key=lambda m: m.start)
    _MENTION_CACHE[(id(parsed), document.id)] = (parsed, [_copy_mention(m) for m in mentions])
    return mentions


def _labels_a_turn(text: str, start: int, end: int) -> bool:
    """An upper-case name opening a line and followed by "(ROLE):" or ":"."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return (
        text[start:end].isupper()
        and (not before.strip() or (before.isupper() and before.replace(" ", "").isalpha()))
        and SPEAKER_LABEL_AFTER.match(text, end) is not None
    )


def _missed_names(
    parsed: spacy.tokens.Doc, document: Document, mentions: list[Mention]
) -> list[Mention]:
    """Bare surnames and acronyms the parser skipped although the article names them in full
    ("Okafor said" after "Selene Okafor"): one pass over the tokens."""
    known: dict[str, str] = {}
    full_names: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and not is_kunya(name_tokens(m.text)):
            known.setdefault(words[-1], "PERSON")
            if not any(t in ORG_NAME_WORDS for t in name_tokens(m.text)):
                full_names.add(m.text)  # not "Ballot Watch", a PERSON label slip
        elif m.type == "ORG" and _is_acronym(m.text):
            known.setdefault(m.text, "ORG")
    if not known:
        return []
    covered = bytearray(len(parsed))
    for ent in parsed.ents:
        covered[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
    found: list[Mention] = []
    taken = bytearray(len(document.text))  # characters inside a mention already
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for name in sorted(full_names, key=len, reverse=True):
        # "Luka Ferenc had not planned ...": a full name the parser tagged elsewhere in the
        # article but not here (often at a sentence start)
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", document.text):
            if any(taken[hit.start() : hit.end()]):
                continue
            taken[hit.start() : hit.end()] = b"\x01" * (hit.end() - hit.start())
            found.append(
                Mention(
                    id=make_id("mention", document.id, hit.start(), hit.end()),
                    doc_id=document.id,
                    start=hit.start(),
                    end=hit.end(),
                    text=name,
                    type="PERSON",
                )
            )
    for tok in parsed:
        if taken[tok.idx]:
            covered[tok.i] = 1
    for tok in parsed:
        label = known.get(tok.text)
        if label is None or covered[tok.i]:
            continue
        nxt = parsed[tok.i + 1] if tok.i + 1 < len(parsed) else None
        prev = parsed[tok.i - 1] if tok.i > 0 else None
        if (nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN") or (
            prev is not None
            and prev.text[:1].isupper()
            and prev.pos_ == "PROPN"
            and not prev.is_sent_start
        ):
            continue  # part of a longer name the parser did not tag
        start, end = tok.idx, tok.idx + len(tok.text)
        found.append(
            Mention(
                id=make_id("mention", document.id, start, end),
                doc_id=document.id,
                start=start,
                end=end,
                text=tok.text,
                type=label,
            )
        )
    return found


def _fix_labels(mentions: list[Mention], place_cue: list[bool], datelines: list[bool]) -> None:
    """Document-level label consistency (spaCy's small model often calls a bare surname ORG
    or GPE, and a town PERSON): a bare name that is the surname of a person named in the
    document is a PERSON unless a preposition or dateline makes it a place; a bare PERSON
    name that the document also uses as a place ("in Dunmar") is a place throughout."""
    full = {normalise_name(m.text) for m in mentions if m.type == "PERSON"}
    full = {n for n in full if len(n.split()) >= 2 and not is_kunya(n.split())}
    surnames = {n.split()[-1] for n in full} | {  # "Tahir-Beg" of "Leyla Tahir-Beg"
        normalise_name(m.text.split()[-1])
        for m in mentions
        if m.type == "PERSON" and " " in m.text.strip() and "-" in m.text.split()[-1]
    }
    person_words = surnames | {n.split()[0] for n in full}
    places: set[str] = set()
    for m, is_place, dateline in zip(mentions, place_cue, datelines, strict=True):
        norm = normalise_name(m.text)
        if dateline and len(norm.split()) <= 2 and m.type in {"ORG", "PERSON", "NORP"}:
            m.type = "GPE"  # "DUNMAR –" opening the body is the place the story is filed from
        if m.type in RELABEL_FROM and not is_place:
            if norm in full or norm in surnames:
                m.type = "PERSON"
        elif (
            m.type == "PERSON" and is_place and len(norm.split()) == 1 and norm not in person_words
        ):
            if not m.descriptor or not _person_descriptor(m.descriptor):
                m.type = "GPE"
                places.add(norm)
        elif m.type in PLACE_TYPES and len(norm.split()) == 1:
            places.add(norm)
    if places:
        for m in mentions:
            if m.type == "PERSON" and not m.descriptor and normalise_name(m.text) in places:
                m.type = "GPE"


def _copy_mention(m: Mention) -> Mention:
    return Mention(m.id, m.doc_id, m.start, m.end, m.text, m.type, m.descriptor)


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


_MENTION_CACHE: dict[tuple[int, str], tuple[spacy.tokens.Doc, list[Mention]]] = {}


def _cached_mentions(parsed: spacy.tokens.Doc, document: Document) -> list[Mention]:
    """The pipeline calls extract_mentions then find_alias_links on one Doc: parse-free reuse."""
    key = (id(parsed), document.id)
    hit = _MENTION_CACHE.get(key)
    if hit is not None and hit[0] is parsed:
        return hit[1]
    _MENTION_CACHE.clear()
    mentions = extract_mentions(parsed, document)
    _MENTION_CACHE[key] = (parsed, mentions)
    return mentions


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


# --------------------------------------------------------------------------------------------
# Building entities from groups of mentions
# --------------------------------------------------------------------------------------------


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return " " not in text.strip() and len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _looks_like_acronym(text: str) -> bool:
    """ "U.N.", "NLF": dotted or short capitals, never a surname ("WALLACE" in a headline is)."""
    letters = [ch for ch in text if ch.isalpha()]
    if "." in text.strip(".") or text.count(".") >= 2:
        return True
    return _is_acronym(text) and len(letters) <= ACRONYM_MAX_LETTERS


def _is_full_form(text: str, type_: str, others: list[list[str]] | None = None) -> bool:
    """A form fit to name the entity: a person's first+last name, an organisation's name
    that is neither an acronym nor a short form of a longer alias in the group."""
    tokens = name_tokens(text)
    if not tokens:
        return False
    if _is_honorific(text.split()[0]) and not (type_ != "PERSON" and tokens[-1] in ORG_NAME_WORDS):
        return False  # "Minister Olen" is no name, "Defence Ministry" is one
    if type_ == "PERSON":
        one_word = " " not in text.strip()  # "Kessel-Ambry": a hyphenated surname alone
        return len(tokens) >= 2 and not is_kunya(tokens) and not one_word
    letters = [ch for ch in text if ch.isalpha()]
    if len(tokens) == 1 and letters and all(ch.isupper() for ch in letters):
        return False
    k = len(tokens)
    return not any(
        len(o) > k and any(o[i : i + k] == tokens for i in range(len(o) - k + 1))
        for o in others or []
    )


def _canonical(mentions: list[Mention], type_: str, counts: Counter[str] | None = None) -> str:
    """The most frequent full form; `counts` (text -> mentions) when the caller has them."""
    counts = counts or Counter(m.text for m in mentions)
    others = [name_tokens(t) for t in counts]
    full = {t: _is_full_form(t, type_, others) for t in counts}
    return max(counts, key=lambda t: (full[t], counts[t], len(t), t))


def _build_entities(
    groups: Iterable[list[Mention]],
    outlet_of: dict[str, str | None],
    reasons_of: dict[str, dict] | None = None,
    type_of: dict[str, str] | None = None,
) -> list[Entity]:
    """Turn groups of mentions into Entities with deterministic ids; sets mention.entity_id.

    `type_of` (mention id -> type) lets the resolver vote with corrected labels."""
    type_of = type_of or {}
    reasons_of = reasons_of or {}
    entities: list[Entity] = []
    used_ids: Counter[str] = Counter()
    position = attrgetter("doc_id", "start")
    # no sort of each group's mentions: only its first mention, first aliases and first
    # descriptors need an order (this stage runs on every mention of the corpus)
    firsts = sorted(((min(g, key=position), g) for g in groups if g), key=lambda f: position(f[0]))
    for _, group in firsts:
        votes = Counter(type_of.get(m.id, m.type) for m in group)
        best = max(votes.values())
        tied = {t for t, c in votes.items() if c == best}
        type_ = next(iter(tied))
        if len(tied) > 1:  # ties: the earliest mention's
            first = min((m for m in group if type_of.get(m.id, m.type) in tied), key=position)
            type_ = type_of.get(first.id, first.type)
        alias_counts = Counter(m.text for m in group)
        name = _canonical(group, type_, alias_counts)
        base = make_id("entity", type_, normalise_name(name))
        used_ids[base] += 1
        entity_id = (
            base
            if used_ids[base] == 1
            else make_id("entity", type_, normalise_name(name), used_ids[base])
        )
        descriptors: dict[tuple[str, str], dict] = {}
        descriptor_start: dict[tuple[str, str], int] = {}
        first_of_alias: dict[str, Mention] = {}
        for m in group:
            m.entity_id = entity_id
            if m.text != name:
                seen = first_of_alias.get(m.text)
                if seen is None or position(m) < position(seen):
                    first_of_alias[m.text] = m
            if m.descriptor:
                key = (m.descriptor, m.doc_id)
                if key not in descriptors:
                    descriptors[key] = {
                        "text": m.descriptor,
                        "doc_id": m.doc_id,
                        "outlet": outlet_of.get(m.doc_id),
                        "count": 0,
                    }
                    descriptor_start[key] = m.start
                descriptors[key]["count"] += 1
                descriptor_start[key] = min(descriptor_start[key], m.start)
        reasons: list[dict] = []
        for text, m in sorted(first_of_alias.items(), key=lambda kv: position(kv[1])):
            same = {"rule": "same normalised name", "evidence": name}
            if normalise_name(text) == normalise_name(name):
                reason = same  # "al Qaeda" beside "Al Qaeda": whatever joined their group
            else:
                reason = reasons_of.get(m.id) or same
            reasons.append({"alias": text, **reason})
        descriptor_order = sorted(descriptors, key=lambda k: (k[1], descriptor_start[k]))
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=type_,
                aliases=[
                    {"text": t, "count": c}
                    for t, c in sorted(alias_counts.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
                descriptors=[descriptors[k] for k in descriptor_order],
                mention_count=len(group),
                document_ids=sorted({m.doc_id for m in group}),
                reasons=reasons,
            )
        )
    return entities


def group_exact(mentions: list[Mention], outlet_of: dict[str, str | None]) -> list[Entity]:
    """Baseline 1: mentions with the identical string are one entity."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.text].append(m)
    reasons = {m.id: {"rule": "same string", "evidence": m.text} for m in mentions}
    return _build_entities(groups.values(), outlet_of, reasons)


def group_simple(mentions: list[Mention], outlet_of: dict[str, str | None]) -> list[Entity]:
    """Baseline 2: same normalised name, plus a surname-only mention joined to the single
    full name in its document that ends with it."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    reasons: dict[str, dict] = {}
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        key = normalise_name(m.text)
        if m.type == "PERSON" and len(key.split()) >= 2:
            by_doc[m.doc_id].add(key)
    for m in mentions:
        key = normalise_name(m.text)
        if m.type == "PERSON" and len(key.split()) == 1:
            full = [f for f in by_doc[m.doc_id] if f.split()[-1] == key]
            if len(full) == 1:
                reasons[m.id] = {
                    "rule": "surname-only in doc with one matching full name",
                    "evidence": f"{full[0]} in {m.doc_id}",
                }
                key = full[0]
        groups[key].append(m)
    return _build_entities(groups.values(), outlet_of, reasons)


# --------------------------------------------------------------------------------------------
# The resolver
# --------------------------------------------------------------------------------------------


@dataclass
class Pins:
    """User decisions that survive re-runs: names/aliases to join or to keep apart."""

    merges: list[tuple[str, str]] = field(default_factory=list)
    splits: list[tuple[str, str]] = field(default_factory=list)  # (entity name, alias to detach)


def load_pins(path: Path) -> Pins:
    path = Path(path)
    if not path.exists():
        return Pins()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Pins(
        merges=[(a, b) for a, b in data.get("merges", [])],
        splits=[(a, b) for a, b in data.get("splits", [])],
    )


def save_pins(pins: Pins, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"merges": [list(p) for p in pins.merges], "splits": [list(p) for p in pins.splits]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


@dataclass
class _Name:
    """One distinct (normalised name, type class): the unit the resolver joins."""

    key: str
    norm: str
    tokens: list[str]
    cls: str
    mentions: list[Mention] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)

    @property
    def is_short(self) -> bool:
        """A bare name: one word, or one hyphenated word ("Kessel-Ambry") standing alone."""
        if self.cls != "person":
            return False
        if len(self.tokens) == 1 or (len(self.tokens) == 2 and self.hyphenated):
            return True
        # "de la Varre", "bin Hallam", "van der Holt": particles and one word, a surname alone
        return all(t in NAME_PARTICLES for t in self.tokens[:-1])

    @cached_property
    def hyphenated(self) -> bool:
        return any("-" in m.text and " " not in m.text.strip() for m in self.mentions)

    @cached_property
    def surname(self) -> str:
        """The last name as a key: "kessel ambry" for "Renata Kessel-Ambry", "de la varre" for
        "Aurel de la Varre", else the last token."""
        lasts = [m.text.split()[-1] for m in self.mentions if m.text.split()]
        last = next((w for w in lasts if "-" in w), lasts[0] if lasts else "")
        parts = len(name_tokens(last)) if "-" in last else 1
        while parts < len(self.tokens) - 1 and self.tokens[-parts - 1] in NAME_PARTICLES:
            parts += 1  # "Aurel de la Varre" -> "de la varre"
        return " ".join(self.tokens[-parts:]) if len(self.tokens) > parts else self.tokens[-1]

    @property
    def kunya(self) -> bool:
        return is_kunya(self.tokens)


def _titles(descriptor: str | None) -> set[str]:
    """The honorifics in a descriptor ("Dr", "Governor"), normalised: evidence of who is who."""
    if not descriptor:
        return set()
    return {w for w in name_tokens(descriptor) if w in HONORIFICS}


def _dominant(roots: set[str], size: Counter[str]) -> set[str]:
    """The one candidate named far more often than all others together, if any."""
    if len(roots) < 2:
        return set()
    ranked = sorted(roots, key=lambda r: (-size[r], r))
    top, rest = size[ranked[0]], sum(size[r] for r in ranked[1:])
    return {ranked[0]} if top >= DOMINANCE_FACTOR * rest and top >= 3 else set()


def _split_by_class(
    mentions: list[Mention], person_surname: bool = False, no_person_word: bool = False
) -> dict[str, list[Mention]]:
    """Mentions of one normalised name by type class; a rare label (spaCy's slip) folds into
    the dominant class, but two well-attested classes ("Jordan" the person and the country)
    stay apart. A bare known surname labelled ORG/NORP counts as a person; a bare word that
    is mostly an organisation and no person's first name or surname ("Greyfell") is no person."""
    by_cls: dict[str, list[Mention]] = defaultdict(list)
    has_person = any(m.type == "PERSON" for m in mentions)
    for m in mentions:
        cls = TYPE_CLASS.get(m.type, m.type.lower())
        if person_surname and has_person and cls in {"org", "norp"}:
            cls = "person"
        by_cls[cls].append(m)
    top = max(by_cls, key=lambda c: (len(by_cls[c]), c == "person", c))
    out: dict[str, list[Mention]] = {top: list(by_cls[top])}
    for cls, members in by_cls.items():
        if cls == top:
            continue
        if len(by_cls[top]) >= CLASS_FOLD_FACTOR * len(members) or (
            no_person_word and top == "org" and cls == "person"
        ):
            out[top].extend(members)
        else:
            out[cls] = list(members)
    return out


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


def _given_names_joined(a: _Name, b: _Name) -> bool:
    """ "Nour al-Din Zaki" ~ "Nureddin Zaki": same surname, given names equal once run together."""
    if a.cls != "person" or len(a.tokens) == len(b.tokens) or a.tokens[-1] != b.tokens[-1]:
        return False
    if a.kunya or b.kunya or min(len(a.tokens), len(b.tokens)) < 2 or a.tokens[0] == b.tokens[0]:
        return False  # same first name: a middle name or initial (step 4 decides), not a spelling
    x, y = "".join(a.tokens[:-1]), "".join(b.tokens[:-1])
    return (
        x[0] == y[0] and skeleton(x) == skeleton(y) and fuzz.ratio(x, y) >= TRANSLIT_MIN_TOKEN_RATIO
    )


def _variant_verdict(
    a: _Name, b: _Name, diffs: list[tuple[int, str, float]], context: Callable[[], int]
) -> str | None:
    """Whether two spellings are one actor, as the reason to record, or None.

    Transliterations need less corroboration than typos; a differing surname needs more than
    a differing first name; a bare one-word name needs co-occurring entities."""
    kinds = {kind for _, kind, _ in diffs}
    if not diffs or len(kinds) > 1 or a.cls in NO_FUZZY_CLASSES:
        return None
    n = len(a.tokens)
    shared = n - len(diffs)
    surname_differs = a.cls == "person" and any(i == n - 1 for i, _, _ in diffs)
    shared_ctx = -1

    def ctx_at_least(k: int) -> bool:
        nonlocal shared_ctx
        if shared_ctx < 0:
            shared_ctx = context()
        return shared_ctx >= k

    if kinds == {"translit"}:
        low = min(r for _, _, r in diffs)
        if shared and not surname_differs:
            return f"transliteration variant (shared token {a.tokens[-1] if diffs[0][0] != n - 1 else a.tokens[0]})"
        if n >= 2 and low >= STRICT_TOKEN_RATIO and ctx_at_least(1):
            return f"transliteration variant (ratio {low:.0f}, {shared_ctx} co-occurring entities)"
        if (
            n == 1
            and a.cls == "org"
            and len(a.tokens[0]) >= 5
            and low >= STRICT_TOKEN_RATIO
            and ctx_at_least(2)
        ):
            return f"transliteration variant (ratio {low:.0f}, {shared_ctx} co-occurring entities)"
        return None
    if len(diffs) != 1:
        return None
    ratio = fuzz.ratio(a.norm, b.norm)
    if shared and not surname_differs:
        return f"fuzzy {ratio:.0f} + shared context (same {'surname' if a.cls == 'person' else 'other words'})"
    if ctx_at_least(2):
        return f"fuzzy {ratio:.0f} + shared context ({shared_ctx} co-occurring entities)"
    return None


@dataclass
class _State:
    """What the resolver steps share: the names, their union-find groups, and the reasons."""

    names: dict[str, _Name]
    uf: _UnionFind
    group_docs: dict[str, set[str]]  # root -> documents of its group
    norm_to_keys: dict[str, list[str]]
    reasons: dict[str, dict] = field(default_factory=dict)  # mention id -> why it joined
    name_reason: dict[str, dict] = field(default_factory=dict)  # name key -> why it joined
    mention_root: dict[str, str] = field(default_factory=dict)  # mention id -> group (one-offs)
    per_document: dict[str, str] = field(default_factory=dict)  # mention id -> group in article
    surnames: frozenset[str] = frozenset()  # last words of names mostly labelled PERSON

    def join(self, a: str, b: str, rule: str, evidence: str) -> None:
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return
        self.uf.union(a, b)
        small, large = sorted((self.group_docs[ra], self.group_docs[rb]), key=len)
        large |= small
        self.group_docs[self.uf.find(a)] = large
        # recorded on both names; the canonical one's reason is never shown
        self.name_reason.setdefault(a, {"rule": rule, "evidence": evidence})
        self.name_reason.setdefault(b, {"rule": rule, "evidence": evidence})

    def attach(self, mention: Mention, root: str, rule: str, evidence: str) -> None:
        """Join one mention (not its whole name) to a group: "Haddad" in this article only."""
        self.mention_root[mention.id] = root
        self.reasons[mention.id] = {"rule": rule, "evidence": evidence}

    def long_names(self) -> list[_Name]:
        return [n for n in self.names.values() if not n.is_short]


def resolve_entities(
    mentions: list[Mention],
    links: list[AliasLink],
    outlet_of: dict[str, str | None],
    pins: Pins | None = None,
    *,
    stats: dict[str, int] | None = None,
) -> list[Entity]:
    """Join mentions into entities on evidence, keeping distinct actors apart.

    Order: same normalised name -> alias links (acronyms, known-as) -> transliteration and
    corroborated typo variants (inside blocks) -> middle-name variants -> surname-only and
    first-name-only mentions (per document, else corpus) -> short forms of organisations ->
    pins. `stats`, when given, is filled with work counts (names, blocks, candidate pairs)
    that show the cost stays linear.
    """
    state = _names_of(mentions)
    acronym_defs = _join_links(state, links)
    _join_reordered_org_names(state)
    work = _join_variants(state, outlet_of)
    _join_middle_names(state)
    _join_undefined_acronyms(state, acronym_defs)
    _attach_short_person_names(state)
    _attach_ambiguous_acronyms(state, links, acronym_defs)
    _attach_org_short_forms(state)
    if stats is not None:
        stats.update(mentions=len(mentions), names=len(state.names), **work)

    names, uf, reasons = state.names, state.uf, state.reasons
    groups: dict[str, list[Mention]] = defaultdict(list)
    type_of: dict[str, str] = {}  # labels voted by resolved class, not spaCy's slips
    person_roots = {uf.find(k) for k, n in names.items() if n.cls == "person"}
    attached, per_document = state.mention_root, state.per_document
    for key, n in names.items():
        root = uf.find(key)
        labels = Counter(m.type for m in n.mentions if TYPE_CLASS.get(m.type) == n.cls)
        label = CLASS_TYPE.get(n.cls) or (labels.most_common(1)[0][0] if labels else None)
        if root in person_roots and (
            n.cls == "place"  # a nickname joined to its person by a "known as" link
            or _person_shaped_org(n)  # "Yevgenia Tashkova" labelled ORG
            or (n.cls == "org" and len(n.tokens) == 1 and n.tokens[0] in state.surnames)
        ):
            label = "PERSON"
        name_reason = state.name_reason.get(key)
        for m in n.mentions:
            type_of[m.id] = label or m.type
            if m.id in attached:
                groups[uf.find(attached[m.id])].append(m)
            elif m.id in per_document:
                groups[f"{root}@{per_document[m.id]}"].append(m)
                reasons[m.id] = {
                    "rule": "surname shared by several people: kept to its article",
                    "evidence": m.doc_id,
                }
            else:
                groups[root].append(m)
                if name_reason and m.id not in reasons:
                    reasons[m.id] = name_reason
    for m_id, root in state.mention_root.items():
        root = uf.find(root)
        type_of[m_id] = (
            "PERSON" if root in person_roots else CLASS_TYPE.get(names[root].cls)
        ) or type_of[m_id]
    group_list = list(groups.values())
    if pins:
        group_list = _apply_pins(group_list, pins, reasons)
    return _build_entities(group_list, outlet_of, reasons, type_of)


def _names_of(mentions: list[Mention]) -> _State:
    """Step 1: one name per normalised text and type class (spaCy's rare label slips fold
    into the dominant class); a multi-word name labelled PERSON and ORG is still one name."""
    by_norm: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        norm = normalise_name(m.text)
        if norm:
            by_norm[norm].append(m)
    person_like = {  # multi-word names mostly labelled PERSON, and shaped like one
        norm: norm.split()
        for norm, group in by_norm.items()
        if " " in norm
        and not _org_shaped(norm.split())
        and sum(m.type == "PERSON" for m in group) * 2 > len(group)
    }
    known_surnames = {tokens[-1] for tokens in person_like.values() if not is_kunya(tokens)}
    person_words = known_surnames | {tokens[0] for tokens in person_like.values()}
    bare_persons = {
        norm
        for norm, group in by_norm.items()
        if " " not in norm and sum(m.type == "PERSON" for m in group) * 2 > len(group)
    }
    names: dict[str, _Name] = {}
    uf = _UnionFind()
    for norm, group in by_norm.items():
        one_word_org = " " not in norm and norm not in person_words
        by_class = _split_by_class(group, norm in known_surnames, one_word_org)
        if "person" in by_class and _org_shaped(norm.split()):
            # "General Command of the Northern Front" labelled PERSON: an organisation
            by_class.setdefault("org", []).extend(by_class.pop("person"))
        if set(by_class) == {"org"} and norm.split()[-1] in bare_persons:
            probe = _Name("", norm, norm.split(), "org", by_class["org"])
            if _person_shaped_org(probe):  # "Nadia Ferro" (ORG) beside "Ferro" (PERSON)
                by_class = {"person": by_class["org"]}
        for cls, members in by_class.items():
            key = f"{cls}|{norm}"
            names[key] = _Name(key, norm, norm.split(), cls, members, {m.doc_id for m in members})
            uf.add(key)
    norm_to_keys: dict[str, list[str]] = defaultdict(list)
    for key, name in names.items():
        norm_to_keys[name.norm].append(key)
    state = _State(names, uf, {k: set(n.docs) for k, n in names.items()}, norm_to_keys)
    state.surnames = frozenset(known_surnames)
    for keys in norm_to_keys.values():
        social = [k for k in keys if names[k].cls in {"person", "org", "norp"}]
        if len(social) > 1 and len(names[social[0]].tokens) >= 2:
            for k in social[1:]:
                state.join(social[0], k, "same normalised name, another spaCy label", names[k].norm)
    return state


def _join_links(state: _State, links: list[AliasLink]) -> dict[str, set[str]]:
    """Step 2: alias links. An acronym applies corpus-wide when it has one meaning; a person
    is never linked to an organisation or a place. Returns each acronym's full forms."""
    names = state.names
    acronym_defs: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.rule == "acronym":
            acronym_defs[normalise_name(link.alias)].add(normalise_name(link.name))
    full_in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, surname) -> names
    for n in state.long_names():
        if n.cls == "person" and not n.kunya:
            for d in n.docs:
                full_in_doc[(d, n.surname)].add(n.key)
    for link in links:
        a_norm, n_norm = normalise_name(link.alias), normalise_name(link.name)
        if link.rule == "acronym" and len(acronym_defs[a_norm]) > 1:
            continue
        for nk in state.norm_to_keys.get(n_norm, []):
            if names[nk].is_short:
                # "Oskuni, who is known as Abu Sayf": the full name the surname stands for
                # in that article, never the bare surname several people may carry
                full = full_in_doc.get((link.doc_id, names[nk].norm), set())
                if len(full) != 1:
                    continue
                nk = next(iter(full))
            for ak in state.norm_to_keys.get(a_norm, []):
                # "X, known as Chopan": a nickname spaCy took for a place is still X's
                relabelled = (
                    link.rule in ("known-as", "nom-de-guerre")
                    and names[nk].cls == "person"
                    and names[ak].cls == "place"
                )
                # "Civic Ballot Watch (CBW)" labelled PERSON: a defined acronym of three or
                # more words names an organisation
                relabelled = relabelled or (
                    link.rule == "acronym"
                    and names[nk].cls == "person"
                    and len(names[nk].tokens) >= 3
                    and names[ak].cls == "org"
                )
                if (names[nk].cls == "person") != (names[ak].cls == "person") and not relabelled:
                    continue
                if link.rule != "acronym" and names[nk].cls != names[ak].cls and not relabelled:
                    continue
                rule = (
                    f"acronym defined in doc {link.doc_id}"
                    if link.rule == "acronym"
                    else f"{link.rule} in doc {link.doc_id}"
                )
                state.join(nk, ak, rule, f"{link.name} = {link.alias}")
    return acronym_defs


def _join_reordered_org_names(state: _State) -> None:
    """Step 2a: "Ministry of Defence" ~ "Defence Ministry": one organisation when the
    content words are the same, only their order and "of/the/and/for" differ."""
    by_words: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    for n in state.long_names():
        content = [t for t in n.tokens if t not in NAME_FUNCTION_WORDS]
        if n.cls == "org" and len(content) >= 2:
            by_words[tuple(sorted(content))].append(n)
    for group in by_words.values():
        for other in group[1:]:
            rule = "same organisation words in another order"
            state.join(group[0].key, other.key, rule, f"{group[0].norm} = {other.norm}")


def _join_undefined_acronyms(state: _State, acronym_defs: dict[str, set[str]]) -> None:
    """Step 4a: an acronym no article defines ("NLF") joins the one organisation name in
    the corpus whose initials spell it; two such names (or a definition) leave it alone."""
    names, uf = state.names, state.uf
    by_initials: dict[str, set[str]] = defaultdict(set)
    for n in state.long_names():
        content = [t for t in n.tokens if t not in NAME_FUNCTION_WORDS]
        if n.cls == "org" and len(content) >= 2:
            by_initials["".join(t[0] for t in content)].add(uf.find(n.key))
    group_names = Counter(uf.find(k) for k in names)
    for n in list(names.values()):
        if n.cls != "org" or len(n.tokens) != 1 or n.norm in acronym_defs:
            continue
        if len(n.norm) < ACRONYM_GUESS_MIN_LETTERS:
            continue  # "FL", "BS": two letters spell too many names
        if not all(_looks_like_acronym(m.text) and "." not in m.text for m in n.mentions):
            continue
        roots = by_initials.get(n.norm, set())
        if len(roots) != 1:
            continue
        root = next(iter(roots))
        if group_names[uf.find(n.key)] > 1:
            continue  # already joined to something else: that evidence wins
        root_docs = state.group_docs[uf.find(root)]
        if not n.docs & root_docs and len(root_docs) < 2:
            # never beside a name only one article gives: "NBC" is not a local convention;
            # a name several outlets use is a known actor of the story
            continue
        full = _canonical(names[root].mentions, "ORG")
        state.join(
            root, n.key, "acronym not defined in text", f"initials of {full}, unique in corpus"
        )


def _variant_blocks(names: Iterable[_Name]) -> dict[tuple, list[_Name]]:
    """Candidate blocks: every token's consonant skeleton (transliterations), and for each
    position the other tokens exact plus this one's first letter (one typo), so pairs that
    can pass _token_diffs always share a block and blocks stay small."""
    blocks: dict[tuple, list[_Name]] = defaultdict(list)
    for n in names:
        cls = "kunya" if n.kunya else n.cls
        if cls in NO_FUZZY_CLASSES or n.is_short:
            continue  # a bare person name is matched to full names in step 5
        blocks[(cls, "skel", tuple(skeleton(t) for t in n.tokens))].append(n)
        if _person_shaped_org(n):  # "Jameel Erdawi" labelled ORG: meets the person spellings
            blocks[("person", "skel", tuple(skeleton(t) for t in n.tokens))].append(n)
        if len(n.tokens) == 1:
            tok = n.tokens[0]  # a one-word organisation or place: a typo keeps one end
            blocks[(cls, "typo-head", tok[:2])].append(n)
            blocks[(cls, "typo-tail", tok[0], tok[-2:])].append(n)
            continue
        for i, tok in enumerate(n.tokens):
            key = (cls, "typo", i, tuple(n.tokens[:i]), tok[0], tuple(n.tokens[i + 1 :]))
            blocks[key].append(n)
        if cls == "person":  # "Nour al-Din Zaki" ~ "Nureddin Zaki": given names run together
            blocks[(cls, "given", skeleton("".join(n.tokens[:-1])), n.tokens[-1])].append(n)
    return blocks


def _org_shaped(tokens: list[str]) -> bool:
    """ "command of the northern liberation front": a function word and an organisation word
    make a name an organisation's, whatever spaCy labelled it."""
    return any(t in NAME_FUNCTION_WORDS for t in tokens) and any(
        t in ORG_NAME_WORDS for t in tokens
    )


def _person_shaped_org(n: _Name) -> bool:
    """An ORG-labelled two- or three-word name with no organisation word, written in title
    case: spaCy's small model often labels an unfamiliar person's name so."""
    return (
        n.cls == "org"
        and 2 <= len(n.tokens) <= 3
        and not any(t in ORG_NAME_WORDS or t in NAME_FUNCTION_WORDS for t in n.tokens)
        and all(m.text.istitle() for m in n.mentions)
    )


def _cross_class_pair(
    a: _Name, b: _Name, surnames: frozenset[str] = frozenset()
) -> tuple[_Name, _Name] | None:
    """Two names of different classes may compare only as a person and a person-shaped ORG
    name that is rarer or ends in a surname people carry elsewhere; returns them person
    first."""
    if a.cls == b.cls:
        return a, b
    person, other = (a, b) if a.cls == "person" else (b, a)
    if person.cls != "person" or not _person_shaped_org(other):
        return None
    if len(other.mentions) >= len(person.mentions) and other.tokens[-1] not in surnames:
        return None  # the ORG label is the common one: maybe it is an organisation
    return person, other


def _join_variants(state: _State, outlet_of: dict[str, str | None]) -> dict[str, int]:
    """Step 3: transliterations and corroborated typos, compared only inside blocks and a
    sorted window of each block. Returns the work done (blocks, candidate pairs)."""
    names, uf = state.names, state.uf
    blocks = _variant_blocks(names.values())
    per_doc: dict[str, set[str]] = defaultdict(set)
    for key, n in names.items():
        if not n.is_short:
            for d in n.docs:
                per_doc[d].add(key)
    doc_outlets = {k: {outlet_of.get(d) for d in n.docs} - {None} for k, n in names.items()}

    seen_cache: dict[tuple[str, int], set[str]] = {}  # (group, its document count) -> names

    def names_near(root: str) -> set[str]:
        docs = state.group_docs[root]
        key = (root, len(docs))  # a join that adds documents changes the count
        if key not in seen_cache:
            names_seen: set[str] = set()
            for d in sorted(docs)[:MAX_CONTEXT_DOCS]:
                if len(per_doc[d]) <= MAX_CONTEXT_PER_DOC:
                    names_seen |= per_doc[d]
            seen_cache[key] = names_seen
        return seen_cache[key]

    def shared_context(a: str, b: str) -> int:
        """How many other full names appear in documents of both groups (only for candidates)."""
        ra, rb = uf.find(a), uf.find(b)
        both = names_near(ra) & names_near(rb)
        return sum(1 for k in both if uf.find(k) not in (ra, rb))

    tried: set[tuple[str, str]] = set()
    pairs = 0
    for block in blocks.values():
        if len(block) < 2:
            continue
        block.sort(key=lambda n: n.norm)
        for i, first in enumerate(block):
            for second in block[i + 1 : i + 1 + BLOCK_WINDOW]:
                pair = (
                    (first.key, second.key) if first.key < second.key else (second.key, first.key)
                )
                if pair in tried or first.key == second.key:
                    continue
                tried.add(pair)
                pairs += 1
                ratio = fuzz.ratio(first.norm, second.norm)
                if ratio < TRANSLIT_MIN_RATIO or first.docs & second.docs:
                    continue  # two spellings in one article: most likely two actors
                if uf.find(first.key) == uf.find(second.key):
                    continue
                ordered = _cross_class_pair(first, second, state.surnames)
                if ordered is None:
                    continue
                a, b = ordered  # a person before a mislabelled one
                diffs = _token_diffs(a.tokens, b.tokens, fold=a.cls == "person")
                if diffs:
                    rule = _variant_verdict(
                        a, b, diffs, lambda a=a, b=b: shared_context(a.key, b.key)
                    )
                elif _given_names_joined(a, b):
                    rule = "transliteration variant (given names written together, same surname)"
                else:
                    continue
                if rule:
                    if doc_outlets[a.key] & doc_outlets[b.key]:
                        rule += ", same outlet"
                    if a.cls != b.cls:
                        rule += f", {b.cls.upper()} label read as {a.cls.upper()}"
                        b.cls = a.cls
                    state.join(a.key, b.key, rule, f"{a.norm} ~ {b.norm}")
    return {"blocks": sum(len(b) > 1 for b in blocks.values()), "candidate_pairs": pairs}


def _join_middle_names(state: _State) -> None:
    """Step 4: "Yara Idris Kassem" ~ "Yara Kassem" when only one such longer form exists."""
    by_ends: dict[tuple[str, str], list[_Name]] = defaultdict(list)
    for n in state.long_names():
        if n.cls == "person" and not n.kunya:
            by_ends[(n.tokens[0], n.tokens[-1])].append(n)
    for group in by_ends.values():
        if len(group) < 2:
            continue
        two = [n for n in group if len(n.tokens) == 2]
        longer = {state.uf.find(n.key) for n in group if len(n.tokens) > 2}
        if len(two) == 1 and len(longer) == 1:
            target = next(n for n in group if len(n.tokens) > 2)
            rule = "same first and last name, one middle-name form"
            state.join(target.key, two[0].key, rule, target.norm)


def _attach_short_person_names(state: _State) -> None:
    """Step 5: a one-word person name joins the one full name it can stand for, by the rules
    in SHORT_NAME_RULES (its article first, the corpus after); ambiguous ones stay apart."""
    names, uf = state.names, state.uf
    full_by_doc_last: dict[tuple[str, str], set[str]] = defaultdict(set)
    full_by_doc_first: dict[tuple[str, str], set[str]] = defaultdict(set)
    full_in_doc: dict[str, list[_Name]] = defaultdict(list)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    person_size: Counter[str] = Counter()
    full_text: dict[str, tuple[int, str]] = {}  # group -> its most named full name (evidence)
    titles_of: dict[str, set[str]] = defaultdict(set)  # group -> titles its full names carry
    first_full: dict[tuple[str, str], int] = {}  # (group, doc) -> its first full mention
    # a person's group, whatever spaCy called some of its mentions ("Vera Ferenc" as ORG once)
    person_roots = {uf.find(n.key) for n in state.long_names() if n.cls == "person"}
    for n in state.long_names():
        root = uf.find(n.key)
        if root not in person_roots or n.cls not in ("person", "org"):
            continue
        person_size[root] += len(n.mentions)
        full_text[root] = max(full_text.get(root, (0, "")), (len(n.mentions), n.mentions[0].text))
        titles_of[root] |= {t for m in n.mentions for t in _titles(m.descriptor)}
        if n.kunya:
            continue
        full_by_last[n.surname].add(root)
        for m in n.mentions:
            k = (root, m.doc_id)
            first_full[k] = min(first_full.get(k, m.start), m.start)
        for d in n.docs:
            full_by_doc_last[(d, n.surname)].add(root)
            full_by_doc_first[(d, n.tokens[0])].add(root)
            full_in_doc[d].append(n)
    dominant_cache: dict[str, set[str]] = {}
    surname_blocks: dict[str, set[str]] = defaultdict(set)  # a typo keeps the head or both ends
    for surname in full_by_last:
        surname_blocks[surname[:2]].add(surname)
        surname_blocks[surname[0] + surname[-1]].add(surname)

    def candidates(step: int, tok: str, doc_id: str) -> set[str] | None:
        """Full-name groups a one-word name may stand for, by rule (computed lazily)."""
        if step == 0:
            return full_by_doc_last.get((doc_id, tok))
        if step == 1:
            if tok in full_by_last:
                return None  # "Obama" is somebody's surname, not the first name of "Obama Says"
            return full_by_doc_first.get((doc_id, tok))
        if step == 2:
            return {
                uf.find(f.key) for f in full_in_doc.get(doc_id, []) if is_typo(tok, f.tokens[-1])
            }
        if step == 3:
            return full_by_last.get(tok)
        if step == 4:
            if tok not in dominant_cache:
                dominant_cache[tok] = _dominant(full_by_last.get(tok, set()), person_size)
            return dominant_cache[tok]
        if tok in full_by_last:
            return None  # real surname matches that were ambiguous: no guessing by spelling
        near = surname_blocks.get(tok[:2], set()) | surname_blocks.get(tok[0] + tok[-1], set())
        # across articles only an unmistakable slip (swapped letters), not "Berman"/"Burman"
        return {r for s in near if _is_transposition(tok, s) for r in full_by_last[s]}

    for n in names.values():
        if n.cls not in {"person", "org"} or (len(n.tokens) != 1 and not n.is_short):
            continue
        tok = " ".join(n.tokens)
        shared = len(full_by_last.get(tok, ())) > 1  # "Kerimzade": a brother and a sister
        for m in n.mentions:
            if m.descriptor and INTRODUCED_AS.search(m.descriptor + " "):
                continue  # introduced by a given name only: someone the article names no further
            # spaCy often labels a bare surname ORG: then trust only its document
            org_label = n.cls == "org" and m.type != "PERSON"
            steps = SHORT_NAME_RULES[:2] if org_label else SHORT_NAME_RULES
            if _looks_like_acronym(m.text):
                # "U.N." is not the "Un" of "Kim Jong Un"; "RUELL:" labelling a transcript
                # turn is the surname of a full name in the same article
                if len(tok) < 4 or m.type != "PERSON":
                    continue
                steps = SHORT_NAME_RULES[:1]
            titles = _titles(m.descriptor)  # "Dr", "Sheikh": evidence of which person
            for step, rule in enumerate(steps):
                cands = candidates(step, tok, m.doc_id)
                if cands and len(cands) == 1 and step == 0 and shared and titles:
                    # a surname several people carry, with a title the article's one full name
                    # never has, before that name ("Imam Sorrel, whose nephew Nadim Sorrel"):
                    # only a title one of them carries decides ("Sheikh Sorrel")
                    root = next(iter(cands))
                    if (
                        first_full.get((root, m.doc_id), 0) > m.start
                        and not titles_of[root] & titles
                    ):
                        cands = {r for r in full_by_last[tok] if titles_of[r] & titles}
                        rule = "surname-only with the title of one full name"
                        if len(cands) != 1:
                            break
                if not cands:
                    continue
                if len(cands) > 1:
                    titled = {r for r in cands if titles_of[r] & titles}
                    if len(titled) == 1:  # "Dr Kerimzade": the one of them who is a doctor
                        cands, rule = titled, "surname-only with the title of one full name"
                if len(cands) > 1 and step == 3:
                    continue  # several full names in the corpus: try dominance
                if len(cands) == 1:
                    root = next(iter(cands))
                    full = full_text.get(root, (0, _canonical(names[root].mentions, "PERSON")))[1]
                    state.attach(m, root, rule, f"{full} in doc {m.doc_id}")
                break  # ambiguous: stays its own name
            if shared and m.id not in state.mention_root:
                # never one corpus-wide "Kerimzade" for both; "Mrs Ferenc" is not the bare
                # "Ferenc" of the same article either
                state.per_document[m.id] = f"{m.doc_id}@{','.join(sorted(titles))}"


def _attach_ambiguous_acronyms(
    state: _State, links: list[AliasLink], acronym_defs: dict[str, set[str]]
) -> None:
    """Step 5a: an acronym that articles define differently means, in each defining article,
    that article's full name."""
    names = state.names
    for link in links:
        a_norm = normalise_name(link.alias)
        if link.rule != "acronym" or len(acronym_defs[a_norm]) < 2:
            continue
        targets = [
            k
            for k in state.norm_to_keys.get(normalise_name(link.name), [])
            if names[k].cls != "person"
        ]
        if not targets:
            continue
        for ak in state.norm_to_keys.get(a_norm, []):
            for m in names[ak].mentions:
                if m.doc_id == link.doc_id and m.id not in state.mention_root:
                    state.attach(
                        m,
                        state.uf.find(targets[0]),
                        f"acronym defined in doc {link.doc_id} (it means other names elsewhere)",
                        f"{link.name} = {link.alias}",
                    )


def _full_name_always_first(
    short: _Name, fulls: list[_Name], first_seen: dict[tuple[str, str], int]
) -> bool:
    """Every article naming both introduces the full name before the short form, and at
    least one article does."""
    first_short: dict[str, int] = {}
    for m in short.mentions:
        first_short[m.doc_id] = min(first_short.get(m.doc_id, m.start), m.start)
    shared = 0
    for f in fulls:
        for d, start in first_short.items():
            full_start = first_seen.get((f.key, d))
            if full_start is None:
                continue
            if full_start > start:
                return False
            shared += 1
    return shared > 0


def _genitive_part(outer: list[str]) -> tuple[str, ...] | None:
    """The organisation named after "of (the)" in "Command of the Northern Liberation Front"."""
    if "of" not in outer[1:-1]:
        return None
    rest = outer[outer.index("of", 1) + 1 :]
    if rest and rest[0] == "the":
        rest = rest[1:]
    return tuple(rest) if len(rest) >= 2 else None


def _innermost(fulls: list[_Name], uf: _UnionFind) -> list[_Name]:
    """Drop names whose "of the" part is another candidate: the "Front" of "Command of the
    Northern Liberation Front" is the Northern Liberation Front's."""
    inner = {tuple(f.tokens): uf.find(f.key) for f in fulls}
    return [
        f
        for f in fulls
        if inner.get(_genitive_part(f.tokens) or (), uf.find(f.key)) == uf.find(f.key)
    ]


def _nested_names_seen(state: _State, first_seen: dict[tuple[str, str], int]) -> None:
    """ "Command of the Northern Liberation Front" also names the Northern Liberation Front:
    record the inner organisation as seen where the outer one is."""
    orgs = {tuple(n.tokens): n for n in state.long_names() if n.cls == "org" and len(n.tokens) >= 2}
    for tokens, outer in orgs.items():
        inner = orgs.get(_genitive_part(list(tokens)) or ())
        if inner is None:
            continue
        for d in outer.docs:
            k, seen = (inner.key, d), first_seen[(outer.key, d)]
            first_seen[k] = min(first_seen.get(k, seen), seen)


def _attach_org_short_forms(state: _State) -> None:
    """Step 5b: "the Brigades", "Sentinel Force", "the Council" (of Coastal States) join the
    one organisation name containing them that the article introduced earlier; elsewhere,
    the name they stand for where both appear, or a full name used far more often."""
    names, uf = state.names, state.uf
    # places and nationalities (by any article's label: spaCy often calls "Varesh" a
    # person): the qualifier outlets drop from an organisation's name
    qualifiers = {
        n.norm
        for n in names.values()
        if n.cls in QUALIFIER_CLASSES
        or any(TYPE_CLASS.get(m.type) in QUALIFIER_CLASSES for m in n.mentions)
    }
    org_index: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    by_first: dict[str, list[_Name]] = defaultdict(list)
    first_seen: dict[tuple[str, str], int] = {}
    for n in state.long_names():
        if n.cls != "org" or len(n.tokens) < 2:
            continue
        for k in range(1, len(n.tokens)):
            org_index[tuple(n.tokens[-k:])].append(n)  # suffixes
        first = n.tokens[0]
        if first not in qualifiers and first not in NAME_FUNCTION_WORDS and len(first) > 3:
            by_first[first].append(n)
        if "of" in n.tokens[1:]:
            org_index[tuple(n.tokens[: n.tokens.index("of", 1)])].append(n)  # head before "of"
        for m in n.mentions:
            k = (n.key, m.doc_id)
            first_seen[k] = min(first_seen.get(k, m.start), m.start)
    _nested_names_seen(state, first_seen)
    for first, fulls in by_first.items():
        # "Greyfell" for "Greyfell Minerals Consortium" only when no other organisation in
        # the corpus starts with the word ("Greyfell Foundation" makes it ambiguous)
        if (first,) not in org_index and len({uf.find(f.key) for f in fulls}) == 1:
            org_index[(first,)].extend(fulls)
    group_size: Counter[str] = Counter()
    for n in names.values():
        group_size[uf.find(n.key)] += len(n.mentions)
    for n in sorted(names.values(), key=lambda n: (-len(n.tokens), n.key)):
        if n.cls != "org" or tuple(n.tokens) not in org_index or _is_acronym(n.mentions[0].text):
            continue  # an acronym is its own name (links join it), not a short form
        longer = _innermost(org_index[tuple(n.tokens)], uf)
        trailing = False  # "Sentinel Force": the full name less a place or nationality
        if len(n.tokens) >= 2:
            # a multi-word short form must be the rarer name: "European Union" is not short for
            # a one-off "Remain In European Union" -- unless it is the full name less a place
            # ("Tolvane Sentinel Force") and every article naming both gives the full name first
            rarer = [f for f in longer if group_size[uf.find(f.key)] >= len(n.mentions)]
            k = len(n.tokens)
            suffix_of = [
                f
                for f in longer
                if f.tokens[-k:] == n.tokens and " ".join(f.tokens[:-k]) in qualifiers
            ]
            if not rarer and _full_name_always_first(n, suffix_of, first_seen):
                rarer = suffix_of
            longer = rarer
            if not longer:
                continue
            suffix_roots = {uf.find(f.key) for f in suffix_of}
            trailing = len(suffix_roots) == 1 and {uf.find(f.key) for f in longer} <= suffix_roots
        longer = sorted(longer, key=lambda f: len(f.tokens))  # evidence names the longest
        assigned: set[str] = set()
        undecided: list[Mention] = []
        in_doc_votes: Counter[str] = Counter()
        for m in n.mentions:
            if m.id in state.mention_root:
                continue
            in_doc = {
                uf.find(f.key): f
                for f in longer
                if first_seen.get((f.key, m.doc_id), m.start) < m.start
            }
            if len(in_doc) == 1:
                root, full = next(iter(in_doc.items()))
                in_doc_votes[root] += 1
                assigned.add(root)
                rule = "short form of the one organisation name containing it in doc"
                state.attach(m, root, rule, f"{full.mentions[0].text} ({m.doc_id})")
            elif in_doc:
                assigned.add("")
            else:
                undecided.append(m)
        if in_doc_votes:
            root, votes = in_doc_votes.most_common(1)[0]
            corpus = {root: next(f for f in longer if uf.find(f.key) == root)}
            # only when it usually stands for that name: "Congress" mostly stands alone
            total = sum(in_doc_votes.values())
            if votes < 2 or votes * 3 < total * 2 or votes * 2 < len(undecided):
                corpus = {}
        else:
            need = max(3, SHORT_FORM_CORPUS_FACTOR * len(n.mentions))
            corpus = {uf.find(f.key): f for f in longer if group_size[uf.find(f.key)] >= need}
        if trailing:  # the one full name in the corpus ending with these words
            corpus = {uf.find(f.key): f for f in longer}
        for m in undecided:
            if len(corpus) != 1:
                assigned.add("")
                continue
            root, full = next(iter(corpus.items()))
            assigned.add(root)
            rule = "short form of the one organisation name containing it in the corpus"
            state.attach(m, root, rule, f"{full.mentions[0].text} ({m.doc_id})")
        if len(assigned) == 1 and "" not in assigned:
            # every mention went to one organisation: the short name now stands for it
            uf.union(n.key, next(iter(assigned)))


def _apply_pins(
    groups: list[list[Mention]], pins: Pins, reasons: dict[str, dict]
) -> list[list[Mention]]:
    """Pinned merges join whole groups; pinned splits detach one alias into its own group.

    A pinned name picks the group where it is most used (and, for a split, that also holds
    the alias), so one index over the mentions serves every pin.
    """
    groups = [list(g) for g in groups if g]
    where: dict[str, Counter[int]] = defaultdict(Counter)  # normalised name -> group -> count
    for i, g in enumerate(groups):
        for m in g:
            where[normalise_name(m.text)][i] += 1

    def find(text: str, also: str | None = None) -> int | None:
        counts = where.get(normalise_name(text), Counter())
        if also is not None:
            with_alias = where.get(normalise_name(also), Counter())
            counts = Counter({i: c for i, c in counts.items() if i in with_alias})
        return max(counts, key=lambda i: (counts[i], -i)) if counts else None

    for a, b in pins.merges:
        ia, ib = find(a), find(b)
        if ia is None or ib is None or ia == ib:
            continue
        for m in groups[ib]:
            reasons[m.id] = {"rule": "pinned merge", "evidence": f"{a} = {b}"}
            norm = normalise_name(m.text)
            where[norm][ia] += 1
            del where[norm][ib]
        groups[ia].extend(groups[ib])
        groups[ib] = []
    for name, alias in pins.splits:
        i = find(name, also=alias)
        if i is None:
            continue
        alias_norm = normalise_name(alias)
        moved = [m for m in groups[i] if normalise_name(m.text) == alias_norm]
        if not moved or len(moved) == len(groups[i]):
            continue
        groups[i] = [m for m in groups[i] if normalise_name(m.text) != alias_norm]
        for m in moved:
            reasons[m.id] = {"rule": "pinned split", "evidence": f"{alias} is not {name}"}
        groups.append(moved)
        del where[alias_norm][i]
        where[alias_norm][len(groups) - 1] += len(moved)
    return [g for g in groups if g]


# ---------------------------------------------------------------------------------------------
# Reference lists: a user's own ids for actors (CSV of name, aliases, id); no network lookups
# ---------------------------------------------------------------------------------------------


def load_references(path: Path) -> dict[str, set[str]]:
    """normalised name or alias → the reference ids that use it. Aliases are separated by ';' or '|'."""
    import csv

    names: dict[str, set[str]] = {}
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            ref_id = (row.get("id") or "").strip()
            if not ref_id:
                continue
            for name in [row.get("name") or "", *re.split(r"[;|]", row.get("aliases") or "")]:
                key = normalise_name(name)
                if key:
                    names.setdefault(key, set()).add(ref_id)
    return names


def link_references(entities: list[Entity], references: dict[str, set[str]]) -> None:
    """Set `external_id` where the entity's names point at exactly one reference id."""
    for entity in entities:
        ids: set[str] = set()
        for name in [entity.name, *(a["text"] for a in entity.aliases)]:
            ids |= references.get(normalise_name(name), set())
        entity.external_id = next(iter(ids)) if len(ids) == 1 else None
