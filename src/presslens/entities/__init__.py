"""Mentions of named actors and their resolution into entities across documents.

Outlets spell the same actor differently (transliterations, typos, titles, acronyms,
surname-only references) and name different actors alike (shared first names, "X Force" vs
"X Brigades"). Resolution joins names only on explicit evidence, records why each alias
joined (Entity.reasons), and never compares all pairs: candidates come from blocks.

Per document (pure, from the spaCy Doc): `extract_mentions` (titles and outlet wording go to
`descriptor`, labels made consistent inside the article) and `find_alias_links` (acronyms,
"known as", nom de guerre). Across documents: `group_exact` and `group_simple` (baselines)
and `resolve_entities` (the resolver), with user `Pins` applied last.

The package, by what it holds: `heuristics` (labels, patterns, thresholds), `names`
(normalisation and spelling tests), `mentions`, `links`, `build` (groups -> entities, the
baselines), `state` (the names the resolver joins), `sieve` (the resolver's steps in order),
`joins`, `variants`, `short_names`, `org_forms`, `pins`, `references`, `baselines`; the rule
tables are in `stages`.
"""

from __future__ import annotations

from .baselines import group_exact, group_simple
from .heuristics import (
    ACRONYM_BEFORE_PARENS,
    ACRONYM_GUESS_MIN_LETTERS,
    ACRONYM_IN_PARENS,
    ACRONYM_MAX_LETTERS,
    ACRONYM_SKIP_WORDS,
    ALIAS_END_CHARS,
    APOSTROPHES,
    BLOCK_WINDOW,
    CLASS_FOLD_FACTOR,
    CLASS_TYPE,
    DATELINE_AFTER,
    DESCRIPTOR_STOP,
    DIPHTHONG_FOLDS,
    DOMINANCE_FACTOR,
    DOUBLED_LETTER,
    ENTITY_TYPES,
    HONORIFICS,
    INITIAL_VOWEL_PAIRS,
    INTRODUCED_AS,
    KNOWN_AS_GAPS,
    KUNYA_MARKERS,
    LOCATIVE_PREPS,
    MAX_CONTEXT_DOCS,
    MAX_CONTEXT_PER_DOC,
    NAME_ARTICLES,
    NAME_FUNCTION_WORDS,
    NAME_PARTICLES,
    NAME_WORD,
    NO_FUZZY_CLASSES,
    ORG_NAME_WORDS,
    PERSON_ROLE_WORDS,
    PERSON_TITLES,
    PLACE_CUES,
    PLACE_TYPES,
    PUNCT_TO_SPACE,
    QUALIFIER_CLASSES,
    RELABEL_FROM,
    ROLE_LINKERS,
    SHORT_FORM_CORPUS_FACTOR,
    SKELETON_REWRITES,
    SKELETON_VOWELS,
    SPAN_BREAKS,
    SPEAKER_LABEL_AFTER,
    STRICT_TOKEN_RATIO,
    TRANSLIT_FOLDS,
    TRANSLIT_MIN_RATIO,
    TRANSLIT_MIN_TOKEN_RATIO,
    TYPE_CLASS,
    TYPO_MIN_TOKEN_LEN,
)
from .links import (
    find_alias_links,
)
from .mentions import (
    _missed_names,
    extract_mentions,
)
from .names import (
    fold_spelling,
    is_kunya,
    is_typo,
    name_tokens,
    normalise_name,
    same_spelling,
    skeleton,
    strip_diacritics,
)
from .pins import (
    Pins,
    load_pins,
    save_pins,
)
from .references import (
    link_references,
    load_references,
)
from .sieve import (
    resolve_entities,
)
from .stages import (
    ENTITY_ALIAS,
    ENTITY_BASELINE,
    ENTITY_PINS,
    ENTITY_SHORT_NAME,
    ENTITY_SIEVE,
    reason,
)
from .state import is_title_only
from .story_names import ENTITY_STORY, story_wide_mentions
from .titles import ENTITY_TITLE, header_mentions, title_mentions
from .titles import text_for_parsing as title_text_for_parsing

# The short-name rules, in the order they are tried (once a list of their names).
SHORT_NAME_RULES = ENTITY_SHORT_NAME

__all__ = [
    "ENTITY_STORY",
    "story_wide_mentions",
    "ENTITY_TITLE",
    "header_mentions",
    "title_mentions",
    "title_text_for_parsing",
    "ENTITY_ALIAS",
    "ENTITY_BASELINE",
    "ENTITY_PINS",
    "ENTITY_SHORT_NAME",
    "ENTITY_SIEVE",
    "reason",
    "ACRONYM_BEFORE_PARENS",
    "ACRONYM_GUESS_MIN_LETTERS",
    "ACRONYM_IN_PARENS",
    "ACRONYM_MAX_LETTERS",
    "ACRONYM_SKIP_WORDS",
    "ALIAS_END_CHARS",
    "APOSTROPHES",
    "BLOCK_WINDOW",
    "CLASS_FOLD_FACTOR",
    "CLASS_TYPE",
    "DATELINE_AFTER",
    "DESCRIPTOR_STOP",
    "DIPHTHONG_FOLDS",
    "DOMINANCE_FACTOR",
    "DOUBLED_LETTER",
    "ENTITY_TYPES",
    "HONORIFICS",
    "is_title_only",
    "INITIAL_VOWEL_PAIRS",
    "INTRODUCED_AS",
    "KNOWN_AS_GAPS",
    "KUNYA_MARKERS",
    "LOCATIVE_PREPS",
    "MAX_CONTEXT_DOCS",
    "MAX_CONTEXT_PER_DOC",
    "NAME_ARTICLES",
    "NAME_FUNCTION_WORDS",
    "NAME_PARTICLES",
    "NAME_WORD",
    "NO_FUZZY_CLASSES",
    "ORG_NAME_WORDS",
    "PERSON_ROLE_WORDS",
    "PERSON_TITLES",
    "PLACE_CUES",
    "PLACE_TYPES",
    "PUNCT_TO_SPACE",
    "Pins",
    "QUALIFIER_CLASSES",
    "RELABEL_FROM",
    "ROLE_LINKERS",
    "SHORT_FORM_CORPUS_FACTOR",
    "SHORT_NAME_RULES",
    "SKELETON_REWRITES",
    "SKELETON_VOWELS",
    "SPAN_BREAKS",
    "SPEAKER_LABEL_AFTER",
    "STRICT_TOKEN_RATIO",
    "TRANSLIT_FOLDS",
    "TRANSLIT_MIN_RATIO",
    "TRANSLIT_MIN_TOKEN_RATIO",
    "TYPE_CLASS",
    "TYPO_MIN_TOKEN_LEN",
    "_missed_names",
    "extract_mentions",
    "find_alias_links",
    "fold_spelling",
    "group_exact",
    "group_simple",
    "is_kunya",
    "is_typo",
    "link_references",
    "load_pins",
    "load_references",
    "name_tokens",
    "normalise_name",
    "resolve_entities",
    "same_spelling",
    "save_pins",
    "skeleton",
    "strip_diacritics",
]
