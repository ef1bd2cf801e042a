"""The entity stage's rule tables, and the one place a reason's rule name is written.

Every join the resolver makes records a reason ``{"rule": ..., "evidence": ...}``; the rule
part is written only by `reason`, from the registered rule's ``ref``. Some rules name a detail
of their decision inside the rule text the export has always carried ("acronym defined in doc
d1", "fuzzy 96 + shared context (same surname)"): such a rule's id is a template with the
detail as a named field (``"acronym defined in doc {doc}"``), filled in by `reason`, and
`rule_of` maps a recorded rule text back to its rule. The evidence stays apart.
"""

from __future__ import annotations

import re
from functools import cache

from presslens.rules import Rule, Rules, stage

ENTITY_MENTION_TYPE = stage(
    "entity-mention-type",
    "Which type a mention gets where spaCy's label is a known slip: each rule relabels on "
    "evidence in the article (mentions carry no rule name).",
)
ENTITY_ALIAS = stage(
    "entity-alias-link",
    "Evidence inside one article that two names are one actor: each link names the rule found it.",
)
ENTITY_SIEVE = stage(
    "entity-sieve",
    "Which names the resolver joins, step by step; each alias's reason names the rule that joined it.",
)
ENTITY_SHORT_NAME = stage(
    "entity-short-name",
    "Which full name a one-word person name stands for: tried in order, the first rule with "
    "candidates decides (its article first, the corpus after).",
)
ENTITY_PINS = stage(
    "entity-pins", "User decisions applied after the resolver: pinned merges and splits."
)
ENTITY_BASELINE = stage(
    "entity-baseline", "The baselines `presslens eval` compares the resolver with."
)

ENTITY_STAGES: tuple[Rules, ...] = (
    ENTITY_ALIAS,
    ENTITY_SIEVE,
    ENTITY_SHORT_NAME,
    ENTITY_PINS,
    ENTITY_BASELINE,
)


def reason(rule: Rule, evidence: str, *, notes: tuple[str, ...] = (), **fields: str) -> dict:
    """The reason a joined alias carries: the rule's ref (its fields filled in, then any notes)
    and the evidence, apart.

    >>> reason(ENTITY_PINS["pinned merge"], "Vesk = Ilan Vesk")
    {'rule': 'pinned merge', 'evidence': 'Vesk = Ilan Vesk'}
    """
    text = rule.ref.format(**fields) if fields else rule.ref
    return {"rule": text + "".join(f", {note}" for note in notes), "evidence": evidence}


@cache
def _pattern(ref: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", ref)
    body = "".join(re.escape(p) if i % 2 == 0 else r"[^(),]+?" for i, p in enumerate(parts))
    return re.compile(rf"{body}(?:, .+)?")


def rule_of(text: str) -> Rule | None:
    """The registered entity rule a recorded reason's rule text comes from (of two templates
    that fit, the one with more fixed words).

    >>> rule_of("acronym defined in doc d1").id
    'acronym defined in doc {doc}'
    >>> rule_of("known-as in doc d1").id
    '{link} in doc {doc}'
    """
    rules = [rule for table in ENTITY_STAGES for rule in table._rules]
    exact = [rule for rule in rules if rule.ref == text]
    if exact:
        return exact[0]
    fits = [r for r in rules if "{" in r.ref and _pattern(r.ref).fullmatch(text)]
    return max(fits, key=lambda r: len(re.sub(r"\{\w+\}", "", r.ref)), default=None)
