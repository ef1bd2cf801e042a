"""Heuristics as data: labels, cue words, patterns and thresholds the entity stage reads."""

from __future__ import annotations

import re

from presslens.lexicon import kinds, words

# --------------------------------------------------------------------------------------------
# Heuristics as data
# --------------------------------------------------------------------------------------------

# What a story names besides its actors and places counts too: the law, the film, the car model.
ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

# Honorifics, ranks and roles that precede a name; compared lowercased without the dot.
HONORIFICS = kinds("titles", "honorific")

# Titles that make an ORG/GPE-labelled span a person: "General Ilan Vesk" (ORG) -> PERSON.
PERSON_TITLES = kinds("titles", "person-title")

# Descriptor words that say the named one is a person.
PERSON_ROLE_WORDS = PERSON_TITLES | kinds("titles", "person-role")

# Labels spaCy's small model puts on people by mistake.
RELABEL_FROM = frozenset(
    {"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

# A preposition before a bare name that makes it a place, not a person.
LOCATIVE_PREPS = words("locative_prepositions")

# Descriptor words that make a bare name a place ("northern Varesh", "Tolvane province").
PLACE_CUES = words("place_cue_words")
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
SPAN_BREAKS = frozenset({"–", "—", "|", "•", "·", "(", ")", "[", "]", "{", "}", ":", ","})

# Words that never make a descriptor on their own ("many Syrians", "the great Southland").
DESCRIPTOR_STOP = words("descriptor_stop_words")

# Lowercase words that may stand between a descriptor run and the name (" Minister of Defence").
ROLE_LINKERS = kinds("name_words", "role-linker")

# Name tokens that are Arabic definite articles: dropped when normalising.
NAME_ARTICLES = kinds("name_words", "article")
GENERATIONAL_SUFFIXES = kinds("name_words", "generational")
LEGAL_SUFFIXES = kinds("name_words", "legal-suffix")

# First tokens that make a name a kunya ("Abu Karim"): kept apart unless a link joins it.
KUNYA_MARKERS = kinds("name_words", "kunya")
# Lowercase particles of a surname: "Aurel de la Varre" is "de la Varre" for short.
NAME_PARTICLES = kinds("name_words", "particle")

# Type classes: names of different classes never merge by string similarity.
TYPE_CLASS = {
    "PERSON": "person",
    "ORG": "org",
    "NORP": "norp",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    # the parser's least sure labels: often an organisation or a person it did not know, so
    # they resolve as organisations do (a name only ever so labelled keeps its label)
    "PRODUCT": "org",
    "WORK_OF_ART": "org",
    "LAW": "org",
}
THING_TYPES = frozenset({"PRODUCT", "WORK_OF_ART", "LAW"})

# The entity type a class stands for (place keeps its majority spaCy label).
CLASS_TYPE = {"person": "PERSON", "org": "ORG", "norp": "NORP", "event": "EVENT"}

# Gaps between two mentions that say they are one actor, one list per alias rule
# (entities.links): (regex, which side is the name).
KNOWN_AS_GAPS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^\s*(?:,|\(|\[)\s*(?:\d{1,3}\s*,\s*)?"  # "Arslan Kerimzade, 38, known as Chopan"
            r"(?:(?:also|better|widely|commonly|popularly|locally|often)\s+"
            r"(?:known\s+as|called|referred\s+to\s+as)|known\s+as|dubbed|nicknamed|alias|"
            r"a\.?k\.?a\.?)\s+(?:the\s+)?[\"'“‘]?\s*$",
            re.I,
        ),
        "first",
    ),
    (
        re.compile(  # "Oskuni, who is known among supporters as Abu Sayf"
            r"^\s*,\s*who\s+(?:is|was|has\s+been)\s+(?:also\s+|widely\s+|locally\s+)?known\s+"
            r"(?:(?:among|to|by)\s+(?:his\s+|her\s+|its\s+|their\s+)?\w+(?:\s+\w+)?\s+)?as\s+"
            r"(?:the\s+)?[\"'“‘]?\s*$",
            re.I,
        ),
        "first",
    ),
]
CALLED_BY_OTHERS_GAPS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(  # "Kataib Haras Dalvar, whom the regime's press calls the Guard Brigades"
            r"^\s*,\s*(?:whom|which|who)\s+(?:the\s+)?[\w'’]+(?:\s+[\w'’]+){0,3}\s+"
            r"(?:calls|call|called|names|dubs|dubbed|refers\s+to\s+as)\s+(?:the\s+)?[\"'“‘]?\s*$",
            re.I,
        ),
        "first",
    ),
]
NOM_DE_GUERRE_GAPS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^\s*,?\s*(?:the\s+)?(?:nom\s+de\s+guerre|alias|pseudonym|code\s*name|kunya)\s+"
            r"(?:of|for|used\s+by)\s+(?:the\s+)?$",
            re.I,
        ),
        "second",
    ),
    (
        re.compile(
            r"^\s*,?\s*(?:whose|with\s+the)\s+(?:nom\s+de\s+guerre|alias|pseudonym|kunya|"
            r"code\s*name|nickname)\s+(?:is|was)\s+[\"'“‘]?\s*$",
            re.I,
        ),
        "first",
    ),
]
REAL_NAME_GAPS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^\s*[,(]\s*(?:whose\s+real\s+name\s+(?:is|was)|real\s+name:?|born)\s+$", re.I),
        "second",
    ),
]

ACRONYM_MAX_LETTERS = 5  # all capitals up to this length read as an acronym, longer as a shout
ACRONYM_GUESS_MIN_LETTERS = 3  # an undefined acronym is matched to initials from 3 letters

# Words an acronym's letters skip, and that do not change a name when it is reordered
# ("Ministry of Defence" = "Defence Ministry").
NAME_FUNCTION_WORDS = kinds("name_words", "function")

# Words that make a name an organisation's: such a name is never a mislabelled person.
ORG_NAME_WORDS = kinds("org_words", "name-org")

ALIAS_END_CHARS = frozenset(",.;:)]\n")

ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)")
ACRONYM_BEFORE_PARENS = re.compile(r"\b([A-Z][A-Z&.\-]{1,11})\s*\(\s*([^()]{3,120}?)\s*\)")
ACRONYM_SKIP_WORDS = kinds("name_words", "acronym-skip")
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
