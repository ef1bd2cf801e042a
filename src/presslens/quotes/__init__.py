"""Quote extraction: who said what, with character-exact spans of content and speaker.

The body text (`Document.text`) is already free of reader comments and boilerplate, so every
quote found here is either the outlet's report of someone's words or an embedded post; nothing
is ever credited to the outlet itself. The work is done in linear passes:

1. find quotation-mark spans (typed and straight marks, multi-paragraph quotes, unclosed marks);
2. find embedded social posts ("— Name (@handle) Month D, YYYY") and interview answers;
3. attribute each marked span to a cue verb next to it (after, before, colon intro), fall back
   to the previous paragraph's quote, and drop short scare quotes with no cue;
4. turn the remaining cue verbs ("said that", "according to") into indirect / mixed quotes;
5. resolve pronoun and role-noun speakers to the latest compatible named mention (the speaker
   of the previous quote for "he added", the interviewee inside a Q&A).

Every step looks at a bounded window around a mark or a cue, so the work is linear in the
length of the document.
"""

from __future__ import annotations

from .context import QUOTE_CLAUSE, QUOTE_FINDER, QUOTE_SPEAKER
from .marks import (
    AFTER_CLOSE_CHARS,
    BEFORE_OPEN_CHARS,
    CLOSE_MARKS,
    MARK_RE,
    OPEN_MARKS,
    SENT_END_RE,
    SINGLE_MARKS,
    STRAIGHT,
    WORD_RE,
)
from .passes import extract_quotes
from .recycled import RECYCLED, Recycled, find_recycled_quotes
from .vocab import (
    ANSWER_RE,
    BLOCK_INTRO_RE,
    CHAIN_VERBS,
    COLON_NOT_SPEAKER_DEPS,
    CUE_VERBS,
    DASH_NAME_RE,
    DATELINE_AGENCY_RE,
    FIRST_PERSON,
    FRAGMENT_VERBS,
    INDIRECT_VERBS,
    INTERVIEWER_LABELS,
    MAX_CUE_DISTANCE,
    MAX_FRAME_CHARS,
    MEDIA_NOUNS,
    MEDIA_PREPS,
    MIN_QUOTE_WORDS,
    MOUTHPIECE_NOUNS,
    NAME_LABELS,
    NOT_SPEECH_WITH_XCOMP,
    ON_BEHALF_NOUNS,
    ON_BEHALF_PREPS,
    ORG_PRONOUNS,
    ORG_WORDS,
    PARTICLE_CUES,
    PERSON_PRONOUNS,
    POST_SIGNATURE_RE,
    PREP_CONTENT,
    PROMO_RE,
    QUESTION_RE,
    RELATIVE_PRONOUNS,
    ROLE_ABBREVIATIONS,
    ROLE_ORG_NOUNS,
    ROLE_PERSON_NOUNS,
    SPEAKER_LABEL_RE,
    TITLES,
)

__all__ = [
    "QUOTE_CLAUSE",
    "QUOTE_FINDER",
    "QUOTE_SPEAKER",
    "AFTER_CLOSE_CHARS",
    "ANSWER_RE",
    "BEFORE_OPEN_CHARS",
    "BLOCK_INTRO_RE",
    "CHAIN_VERBS",
    "CLOSE_MARKS",
    "COLON_NOT_SPEAKER_DEPS",
    "CUE_VERBS",
    "DASH_NAME_RE",
    "DATELINE_AGENCY_RE",
    "FIRST_PERSON",
    "FRAGMENT_VERBS",
    "INDIRECT_VERBS",
    "INTERVIEWER_LABELS",
    "MARK_RE",
    "MAX_CUE_DISTANCE",
    "MAX_FRAME_CHARS",
    "MEDIA_NOUNS",
    "MEDIA_PREPS",
    "MIN_QUOTE_WORDS",
    "MOUTHPIECE_NOUNS",
    "NAME_LABELS",
    "NOT_SPEECH_WITH_XCOMP",
    "ON_BEHALF_NOUNS",
    "ON_BEHALF_PREPS",
    "OPEN_MARKS",
    "ORG_PRONOUNS",
    "ORG_WORDS",
    "PARTICLE_CUES",
    "PERSON_PRONOUNS",
    "POST_SIGNATURE_RE",
    "PREP_CONTENT",
    "PROMO_RE",
    "QUESTION_RE",
    "RELATIVE_PRONOUNS",
    "ROLE_ABBREVIATIONS",
    "ROLE_ORG_NOUNS",
    "ROLE_PERSON_NOUNS",
    "SENT_END_RE",
    "SINGLE_MARKS",
    "SPEAKER_LABEL_RE",
    "STRAIGHT",
    "TITLES",
    "WORD_RE",
    "extract_quotes",
    "find_recycled_quotes",
    "RECYCLED",
    "Recycled",
]
