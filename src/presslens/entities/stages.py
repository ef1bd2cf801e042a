"""The entity stage's rule tables, and the one place a reason is written.

Every join the resolver makes records a reason ``{"rule": ..., "evidence": ...}``: the rule is
the registered rule's stable id (a slug such as ``"acronym-defined-in-doc"``), written only by
`reason`; what the rule had to go on, and the details of its decision (the article, a
similarity ratio, a shared token, "same outlet"), go into the evidence in readable form::

    {"rule": "acronym-defined-in-doc", "evidence": "Northern Liberation Front = NLF; in doc d1"}
"""

from __future__ import annotations

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


def reason(rule: Rule, evidence: str, *details: str) -> dict:
    """The reason a joined alias carries: the rule's id, and its evidence followed by the
    details of the decision, apart from the id.

    >>> reason(ENTITY_PINS["pinned-merge"], "Vesk = Ilan Vesk")
    {'rule': 'pinned-merge', 'evidence': 'Vesk = Ilan Vesk'}
    >>> reason(ENTITY_SIEVE["acronym-defined-in-doc"], "Velmar Relief Committee = VRC", "in doc d1")
    {'rule': 'acronym-defined-in-doc', 'evidence': 'Velmar Relief Committee = VRC; in doc d1'}
    """
    return {"rule": rule.ref, "evidence": "; ".join((evidence, *details))}
