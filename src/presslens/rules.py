"""The rule registry: every rule presslens applies, by stage, with a stable id.

A rule is a small function registered in its stage's ordered table::

    QUOTE_SPEAKER = stage("quote-speaker", "Who said a quote: tried in order, first answer wins.")

    @QUOTE_SPEAKER.rule("colon-intro", confidence=0.85)
    def colon_intro(ctx, span):
        '''A named speaker and a colon before the quote: `Vesk told reporters: "…"`.'''
        ...

The stage's runner walks its table in order and writes ``rule.ref`` onto the record it makes
(``Quote.speaker_rule``, ``Removed.rule``, an entity reason's ``rule``), so every record names
exactly one registered rule. A runner takes the table as an argument, so a stage can run without
a rule::

    extract_quotes(doc, document, rules=QUOTE_SPEAKER.without("colon-intro"))

and ``disabled("colon-intro")`` switches a rule off for everything run inside the ``with``
block (bench/ablation.py uses it to measure what each rule is worth). ``presslens rules`` lists
the table.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

_DISABLED: ContextVar[frozenset[str]] = ContextVar("presslens_disabled_rules", default=frozenset())


@dataclass(frozen=True)
class Rule:
    """One registered rule: where it runs, what it is called, and how sure its answers are."""

    id: str
    stage: str
    fn: Callable = field(compare=False, repr=False)
    version: int = 1
    confidence: float | None = None

    @property
    def ref(self) -> str:
        """What records carry to name this rule."""
        return self.id

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        doc = inspect.getdoc(self.fn) or ""
        return doc.splitlines()[0] if doc else ""

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)


class Rules:
    """An ordered table of one stage's rules. Iterating skips rules switched off by `disabled`."""

    def __init__(self, stage: str, doc: str = "", rules: Iterable[Rule] = ()):
        self.stage = stage
        self.doc = doc
        self._rules: list[Rule] = list(rules)
        self._by_id: dict[str, Rule] = {r.id: r for r in self._rules}

    def rule(self, rule_id: str, *, version: int = 1, confidence: float | None = None):
        """Register the decorated function as rule `rule_id`, after those already registered."""

        def register(fn: Callable) -> Rule:
            for table in [self, *STAGES.values()]:
                if rule_id in table:
                    raise ValueError(f"rule {rule_id!r} is already registered in {table.stage!r}")
            if not inspect.getdoc(fn):
                raise ValueError(f"rule {rule_id!r} needs a docstring with an example")
            registered = Rule(rule_id, self.stage, fn, version, confidence)
            self._rules.append(registered)
            self._by_id[rule_id] = registered
            return registered

        return register

    def add(self, rule_id: str, fn: Callable, **kwargs) -> Rule:
        """Register `fn` (a function or a lambda-free callable) without the decorator syntax."""
        return self.rule(rule_id, **kwargs)(fn)

    def without(self, *rule_ids: str) -> Rules:
        """A copy of the table without these rules (each must exist)."""
        for rule_id in rule_ids:
            self[rule_id]  # noqa: B018 - raises KeyError on a typo
        kept = [r for r in self._rules if r.id not in rule_ids]
        return Rules(self.stage, self.doc, kept)

    def __getitem__(self, rule_id: str) -> Rule:
        found = self._by_id.get(rule_id)
        if found is None:
            raise KeyError(f"no rule {rule_id!r} in stage {self.stage!r}")
        return found

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def __iter__(self) -> Iterator[Rule]:
        off = _DISABLED.get()
        return iter([r for r in self._rules if r.id not in off] if off else self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def enabled(self, rule_id: str) -> bool:
        """Whether the rule is in this table and not switched off."""
        return rule_id in self and rule_id not in _DISABLED.get()

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self._rules]

    def ref(self, rule_id: str) -> str:
        """The name a record carries for rule `rule_id` (a KeyError for an unregistered one)."""
        return self[rule_id].ref

    def confidence(self, rule_id: str) -> float:
        value = self[rule_id].confidence
        if value is None:
            raise KeyError(f"rule {rule_id!r} has no confidence")
        return value


STAGES: dict[str, Rules] = {}


def stage(name: str, doc: str = "") -> Rules:
    """The default table of stage `name`, created on first use."""
    if name not in STAGES:
        STAGES[name] = Rules(name, doc)
    elif doc and not STAGES[name].doc:
        STAGES[name].doc = doc
    return STAGES[name]


def all_rules() -> list[Rule]:
    """Every registered rule, stage by stage, in table order (importing the stages first)."""
    load_stages()
    return [r for table in STAGES.values() for r in table._rules]


def find(rule_id: str) -> Rule:
    """The registered rule with this id in any stage."""
    for r in all_rules():
        if r.id == rule_id or r.ref == rule_id:
            return r
    raise KeyError(f"no registered rule {rule_id!r}")


def summary_of(rule_ref: str | None) -> str:
    """The first docstring line of the rule a record names, or "" for an unregistered name."""
    if not rule_ref:
        return ""
    try:
        return find(rule_ref).summary
    except KeyError:
        return ""


def describe(found: Rule) -> str:
    """A rule's whole docstring and where its code is, for `presslens show rule`."""
    fn = inspect.unwrap(found.fn)
    try:
        where = f"{inspect.getsourcefile(fn)}:{inspect.getsourcelines(fn)[1]}"
    except (OSError, TypeError):
        where = getattr(fn, "__module__", "?")
    return f"{inspect.getdoc(found.fn) or ''}\n\ncode: {where}"


def markdown_table() -> str:
    """Every stage and its rules as Markdown: docs/rules.md is this text (a test checks it)."""
    all_rules()
    lines = [
        "# Rules",
        "",
        "Every rule presslens applies, stage by stage, in the order each stage tries them.",
        "A record names the rule that made it (`speaker_rule`, `removed[].rule`, an entity",
        "reason's `rule`, ...). Generated by `presslens rules --markdown`; see `presslens show",
        "rule ID` for a rule's whole docstring and code.",
    ]
    for table in STAGES.values():
        lines += ["", f"## {table.stage}", ""]
        if table.doc:
            lines += [table.doc, ""]
        lines += ["| rule | v | confidence | what it does |", "|---|---|---|---|"]
        for r in table._rules:
            conf = "" if r.confidence is None else f"{r.confidence:.2f}"
            summary = r.summary.replace("|", "\\|")
            lines.append(f"| `{r.id}` | {r.version} | {conf} | {summary} |")
    return "\n".join(lines) + "\n"


def load_stages() -> None:
    """Import the modules that register rules, so the tables are complete."""
    from . import claims, clean, entities, events, framing, nlp, quotes, timex  # noqa: F401, PLC0415


@contextmanager
def disabled(*rule_ids: str):
    """Switch rules off (in every stage) for the code run inside the block."""
    known = {r.id for r in all_rules()}
    unknown = [rid for rid in rule_ids if rid not in known]
    if unknown:
        raise KeyError(f"no registered rule {', '.join(map(repr, unknown))}")
    token = _DISABLED.set(_DISABLED.get() | frozenset(rule_ids))
    try:
        yield
    finally:
        _DISABLED.reset(token)
