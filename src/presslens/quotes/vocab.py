"""Word lists, patterns and thresholds of quote extraction (the lists are lexicon views)."""

from __future__ import annotations

import re

from presslens.lexicon import kinds, pairs, words

# Lemmas of verbs that report speech. A cue verb next to a quotation mark attributes it.
CUE_VERBS = kinds("speech_verbs", "cue")

# Verbs that are cues only with their particle: "went on", "fired back".
PARTICLE_CUES = pairs("particle_cues")

# Cue verbs strong enough to make an indirect quote from their complement clause ("X said that").
INDIRECT_VERBS = kinds("speech_verbs", "indirect")

# Cue verbs that continue the previous speaker when their subject is a pronoun.
CHAIN_VERBS = kinds("speech_verbs", "chain")

# Leading titles left out of a speaker's name span.
TITLES = kinds("titles", "name-prefix")

# Role nouns that, with "the", refer back to a named person mentioned earlier.
ROLE_PERSON_NOUNS = words("person_role_nouns")

# Role nouns that, with "the", refer back to a named organisation.
ROLE_ORG_NOUNS = words("org_role_nouns")

# Verbs that quote a fragment of someone's words without being verbs of saying:
# 'X called the vote "a farce"', 'X dismissed the report as "absurd"'.
FRAGMENT_VERBS = words("fragment_quote_verbs")

# Cue verbs that are not speech when they take a "to" infinitive ("continue to be").
NOT_SPEECH_WITH_XCOMP = words("cues_not_speech_with_infinitive")

# Title abbreviations as the role noun a later "the governor said" uses.
ROLE_ABBREVIATIONS = pairs("title_abbreviation_roles")

# Words that make a capitalised name an organisation, not a person.
ORG_WORDS = kinds("org_words", "speaker-org")

# Cue verbs whose reported content is a prepositional phrase: "accused X of …".
PREP_CONTENT = pairs("content_prepositions")

PERSON_PRONOUNS = words("person_pronouns")

ORG_PRONOUNS = words("org_pronouns")

RELATIVE_PRONOUNS = words("relative_pronouns")

NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})

# Heads of "in a statement" / "in a post on X" / "told Example TV": the medium of the quote.
MEDIA_NOUNS = pairs("media_nouns")

MEDIA_PREPS = words("media_prepositions")

# "read a message from the command of the Brigades:", "on behalf of the Union:": the words
# that follow are the organisation's, not the reader's.
ON_BEHALF_NOUNS = frozenset({"behalf"}) | frozenset(MEDIA_NOUNS)

ON_BEHALF_PREPS = words("on_behalf_prepositions")

# A name in these roles before a colon modifies the introduced speaker, it is not the speaker.
COLON_NOT_SPEAKER_DEPS = frozenset({"pobj", "compound", "poss", "npadvmod", "nmod"})

# "X's claim that …", "X's pledge to be 'neutral'": a quote inside the phrase is X's words.
STATEMENT_NOUNS = words("statement_nouns")

# An organisation's mouthpiece: "its press office said" quotes the organisation itself.
MOUTHPIECE_NOUNS = words("mouthpiece_nouns")

# Phrases that close a sentence announcing an unmarked block statement.
BLOCK_INTRO_RE = re.compile(
    r"(?:\bthe following[^.!?\n]{0,40}|\bas follows|\b(?:said|wrote|stated|read|reads|declared|announced|"
    r"added|posted|tweeted|says|writes|states)\b[^.!?\n]{0,60})\s*:\s*$",
    re.IGNORECASE,
)

MIN_QUOTE_WORDS = 4  # fewer words and no cue: a scare quote or a title, not a quote

MAX_FRAME_CHARS = 300  # how far a cue may sit from the quote, in characters

MAX_CUE_DISTANCE = 10  # tokens between the quote mark and the cue verb

# "— Name (@handle) March 3, 2024" under an embedded post.
POST_SIGNATURE_RE = re.compile(
    r"^[ \t]*[—–―-]{1,2}[ \t]*(?P<name>[A-Z][^\n()@,]{1,60}?)[ \t]*(?:\(@(?P<handle>\w{1,40})\))?"
    r"(?:[ \t]*,[^\n]{0,60}?)??[ \t]*,?[ \t]*"
    r"(?P<date>[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4})?[ \t]*$",
    re.MULTILINE,
)

# "… pic.twitter.com/x — Name (@handle) March 3, 2024" inside a paragraph: an inline post.
INLINE_POST_RE = re.compile(
    r"[ \t]+[—–―-]{1,2}[ \t]*(?P<name>[A-Z][^\n()@—–―]{0,60}?)[ \t]*\(@(?P<handle>\w{1,40})\)"
    r"[ \t]*,?[ \t]*(?P<date>[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4})"
)

# "— Name" / "-Name" right after a closing quotation mark.
DASH_NAME_RE = re.compile(r"^\s*[—–―-]{1,2}\s*(?=[A-Z])")

# The agency part of a dateline: "Washington (AFP) – ", "Paris, Jan. 3 (Reuters) - ".
DATELINE_AGENCY_RE = re.compile(r"(?:,[^()\n]{1,20})?\s*\([A-Z][\w .&-]{0,30}\)\s*[—–―-]")

# Interview transcripts: question and answer prefixes.
QUESTION_RE = re.compile(r"(?:Q|Question)\s*[:.)–—-]\s*", re.IGNORECASE)

ANSWER_RE = re.compile(r"(?:A|Answer)\s*[:.)–—-]\s*", re.IGNORECASE)

# Speaker-labelled transcripts: "INTERVIEWER: …", "ABU SAMI: …", "Dr. Vance: …".
SPEAKER_LABEL_RE = re.compile(
    r"(?P<label>[A-Z][A-Za-z.'’ -]{0,40}?)(?:\s*\((?P<role>[A-Za-z.'’ -]{1,30})\))?"
    r"\s*:[ \t]+(?=\S)"
)

# Labels of the person asking: their questions are not quotes of the interviewee.
INTERVIEWER_LABELS = words("interviewer_labels")

# Broadcaster furniture under a transcript: handles, links, "Watch … live", "Follow us".
PROMO_RE = re.compile(
    r"@\w|https?://|www\.|\b(?:watch|listen)\b[^.\n]{0,40}\blive\b|\bfollow us\b|\bsubscribe\b",
    re.IGNORECASE,
)

# An unlabelled paragraph after an answer continues it only while it speaks in the first person.
FIRST_PERSON = words("first_person_pronouns")
