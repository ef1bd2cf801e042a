"""Claims, dates, cross-outlet corroboration and the timeline.

A claim is one sentence that states an event or fact, with who tells it: the outlet's own
narration, a direct quote, or reported speech. Claims from different documents that tell the
same event are grouped into clusters, re-published copies are folded into their original so a
wire story run by five sites does not look like five independent confirmations, and dated
clusters become a timeline.

The package, by stage: `extract` (claims out of a parsed document: event verb, date, place),
`sources` (who tells a claim), `republication` (copies of one story), `words` and `cluster`
(which claims tell one event), `timeline`. Dates are read by `presslens.dates`, the package's
one date resolver. Each decision is a registered rule (`presslens rules`); the stage tables
are CLAIM_EVENT, CLAIM_SOURCE, CLAIM_DATE, CLAIM_PLACE, CLUSTER_JOIN, CLUSTER_VETO,
CLUSTER_EVIDENCE and REPUBLICATION.
"""

from __future__ import annotations

from presslens.claims.cluster import (
    CLUSTER_EVIDENCE,
    CLUSTER_JOIN,
    CLUSTER_VETO,
    MAX_BLOCK,
    MAX_NAME_LOOKUPS,
    MIN_SHARED_COMMON,
    MIN_SHARED_WORDS,
    NAME_RE,
    SIM_NEEDED,
    cluster_claims,
)
from presslens.claims.extract import (
    CLAIM_DATE,
    CLAIM_EVENT,
    CLAIM_PLACE,
    DATELINE_LEAD_RE,
    FUTURE_AUX,
    FUTURE_HEADS,
    MAX_SENTENCE_TOKENS,
    NON_PLACE_LABELS,
    OBJECT_DEPS,
    PLACE_LABELS,
    PLACE_PREPS,
    SPEECH_VERBS,
    STATIVE_VERBS,
    SUBJECT_DEPS,
    extract_claims,
)
from presslens.claims.republication import (
    MINHASH_BANDS,
    MINHASH_ROWS,
    REPUBLICATION,
    REPUBLICATION_JACCARD,
    SHINGLE_SIZE,
    find_republications,
)
from presslens.claims.sources import (
    CLAIM_SOURCE,
    DIRECT_KINDS,
    INDIRECT_KINDS,
    INTERVIEW_A_RE,
    INTERVIEW_Q_RE,
    QUOTE_BOTH,
    QUOTE_CLOSE,
    QUOTE_MARK_RE,
    QUOTE_OPEN,
    REPORTED_MARKERS,
)
from presslens.claims.timeline import build_timeline
from presslens.claims.words import (
    FAMILY_OF,
    IRREGULAR,
    LIGHT_PREDICATES,
    STOPWORDS,
    TITLE_WORDS,
    WORD_FAMILIES,
)
from presslens.dates import (
    AGE_RE,
    BARE_UNIT_PERIOD_RE,
    DATE_PREFIX_RE,
    DECADE_RE,
    DURATION_RE,
    EVENT_RELATIVE_RE,
    NUMBER_WORDS,
    PRECISION_OF_PERIOD,
    TIME_OF_DAY_RE,
    VAGUE_DATES,
    WEEKDAY_RE,
    WEEKDAYS,
    resolve_date,
)

__all__ = [
    "AGE_RE",
    "BARE_UNIT_PERIOD_RE",
    "CLAIM_DATE",
    "CLAIM_EVENT",
    "CLAIM_PLACE",
    "CLAIM_SOURCE",
    "CLUSTER_EVIDENCE",
    "CLUSTER_JOIN",
    "CLUSTER_VETO",
    "DATELINE_LEAD_RE",
    "DATE_PREFIX_RE",
    "DECADE_RE",
    "DIRECT_KINDS",
    "DURATION_RE",
    "EVENT_RELATIVE_RE",
    "FAMILY_OF",
    "FUTURE_AUX",
    "FUTURE_HEADS",
    "INDIRECT_KINDS",
    "INTERVIEW_A_RE",
    "INTERVIEW_Q_RE",
    "IRREGULAR",
    "LIGHT_PREDICATES",
    "MAX_BLOCK",
    "MAX_NAME_LOOKUPS",
    "MAX_SENTENCE_TOKENS",
    "MINHASH_BANDS",
    "MINHASH_ROWS",
    "MIN_SHARED_COMMON",
    "MIN_SHARED_WORDS",
    "NAME_RE",
    "NON_PLACE_LABELS",
    "NUMBER_WORDS",
    "OBJECT_DEPS",
    "PLACE_LABELS",
    "PLACE_PREPS",
    "PRECISION_OF_PERIOD",
    "QUOTE_BOTH",
    "QUOTE_CLOSE",
    "QUOTE_MARK_RE",
    "QUOTE_OPEN",
    "REPORTED_MARKERS",
    "REPUBLICATION",
    "REPUBLICATION_JACCARD",
    "SHINGLE_SIZE",
    "SIM_NEEDED",
    "SPEECH_VERBS",
    "STATIVE_VERBS",
    "STOPWORDS",
    "SUBJECT_DEPS",
    "TIME_OF_DAY_RE",
    "TITLE_WORDS",
    "VAGUE_DATES",
    "WEEKDAYS",
    "WEEKDAY_RE",
    "WORD_FAMILIES",
    "build_timeline",
    "cluster_claims",
    "extract_claims",
    "find_republications",
    "resolve_date",
]
