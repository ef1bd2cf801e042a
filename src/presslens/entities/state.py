"""What the resolver joins (one `_Name` per normalised name and class) and the state its steps share."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from presslens.models import Mention
from presslens.rules import Rule, Rules
from presslens.unionfind import UnionFind

from .heuristics import (
    CLASS_FOLD_FACTOR,
    DOMINANCE_FACTOR,
    GENERATIONAL_SUFFIXES,
    HONORIFICS,
    NAME_FUNCTION_WORDS,
    NAME_PARTICLES,
    ORG_NAME_WORDS,
    TYPE_CLASS,
)
from .names import is_kunya, name_tokens
from .stages import ENTITY_SHORT_NAME, ENTITY_SIEVE, reason


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
        tokens = self.tokens
        while len(tokens) > 2 and tokens[-1] in GENERATIONAL_SUFFIXES:
            tokens = tokens[:-1]  # "Arno Vesk Jr": his surname is Vesk (the name keeps "Jr")
        lasts = [w for m in self.mentions for w in m.text.split()[-1:]]
        last = next((w for w in lasts if "-" in w), lasts[0] if lasts else "")
        parts = len(name_tokens(last)) if "-" in last else 1
        while parts < len(tokens) - 1 and tokens[-parts - 1] in NAME_PARTICLES:
            parts += 1  # "Aurel de la Varre" -> "de la varre"
        return " ".join(tokens[-parts:]) if len(tokens) > parts else tokens[-1]

    @property
    def kunya(self) -> bool:
        return is_kunya(self.tokens)


def is_title_only(descriptor: str) -> bool:
    """Whether a descriptor is honorifics only, a form of address and no label:
    "Minister", "Mr" -> True; "the corrupt minister" -> False."""
    tokens = name_tokens(descriptor)
    return bool(tokens) and all(w in HONORIFICS for w in tokens)


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


@dataclass
class _State:
    """What the resolver steps share: the names, their union-find groups, and the reasons."""

    names: dict[str, _Name]
    uf: UnionFind
    group_docs: dict[str, set[str]]  # root -> documents of its group
    norm_to_keys: dict[str, list[str]]
    reasons: dict[str, dict] = field(default_factory=dict)  # mention id -> why it joined
    name_reason: dict[str, dict] = field(default_factory=dict)  # name key -> why it joined
    mention_root: dict[str, str] = field(default_factory=dict)  # mention id -> group (one-offs)
    per_document: dict[str, str] = field(default_factory=dict)  # mention id -> group in article
    surnames: frozenset[str] = frozenset()  # last words of names mostly labelled PERSON
    as_place: dict[str, str] = field(default_factory=dict)  # ORG-labelled name -> place label
    rules: Rules = ENTITY_SIEVE  # the sieve's rules this run uses
    short_name_rules: Rules = ENTITY_SHORT_NAME

    def uses(self, rule: Rule) -> bool:
        """Whether this run applies `rule` (in its table and not switched off)."""
        return self.rules.enabled(rule.id)

    def join(self, a: str, b: str, rule: Rule, evidence: str, *details: str) -> None:
        """Join the groups of names a and b, recording on both why (`rule`, its evidence and
        the details of its decision)."""
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return
        self.uf.union(a, b)
        small, large = sorted((self.group_docs[ra], self.group_docs[rb]), key=len)
        large |= small
        self.group_docs[self.uf.find(a)] = large
        # recorded on both names; the canonical one's reason is never shown
        self.name_reason.setdefault(a, reason(rule, evidence, *details))
        self.name_reason.setdefault(b, reason(rule, evidence, *details))

    def attach(self, mention: Mention, root: str, rule: Rule, evidence: str, *details: str) -> None:
        """Join one mention (not its whole name) to a group: "Haddad" in this article only."""
        self.mention_root[mention.id] = root
        self.reasons[mention.id] = reason(rule, evidence, *details)

    def long_names(self) -> list[_Name]:
        return [n for n in self.names.values() if not n.is_short]

    def norms_labelled(self, classes: frozenset[str]) -> set[str]:
        """The normalised names of these classes, or so labelled in some article (spaCy often
        calls a place a person in one article: "Varesh")."""
        return {
            n.norm
            for n in self.names.values()
            if n.cls in classes or any(TYPE_CLASS.get(m.type) in classes for m in n.mentions)
        }


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
