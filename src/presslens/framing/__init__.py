"""How each outlet words each actor and event, in its own voice, counted per outlet.

Per document, `extract_namings` reads every naming of an actor off the parse (titles,
appositions, predicate nominals, actor noun phrases, predicates: see `naming`) and the stance
verbs and loaded words outside them (see `loaded`), never inside a speaker's words. Per corpus, `framing_terms` groups them into rows (outlet, actor, term): a named
actor is the entity the resolver gave its name, an unnamed one a concept (head noun and the
modifiers saying which one) within its story. `distinctive_terms` adds each outlet's distinctive
vocabulary against the other outlets (weighted log-odds, `logodds`). Every row keeps every span
behind its count and names its rule. presslens reports each outlet's words; it never labels an
actor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc

from ..models import Document, FramingTerm, Mention, Naming, Quote, make_id
from ..rules import Rules, stage
from . import naming as _naming
from . import owned as _owned  # also registers rule owner-described-noun
from .loaded import FRAMING_LOADED, extract_loaded
from .logodds import distinctive_terms, log_odds_z
from .naming import ACTOR_NOUNS, FRAMING_NAMING, normalise_words
from .voice import OutletVoice

__all__ = [
    "FRAMING_LOADED",
    "FRAMING_NAMING",
    "FRAMING_ROWS",
    "OutletVoice",
    "UNKNOWN_OUTLET",
    "descriptor_namings",
    "distinctive_terms",
    "extract_loaded",
    "extract_namings",
    "framing_terms",
    "log_odds_z",
    "merge_namings",
    "normalise_term",
]

UNKNOWN_OUTLET = "(unknown outlet)"
CONCEPT_PREFIX = "concept:"  # the entity_id of an unnamed actor: "concept:" + a hash
# An unnamed actor named once in its story is incidental ("an analyst said"): its row is left out.
# (Counted by the concept's words across stories and outlets, so a story of one article keeps it too.)
MIN_CONCEPT_USES = 2
ARTICLES = frozenset({"the", "a", "an"})


def extract_namings(
    parsed: Doc,
    document: Document,
    quotes: Sequence[Quote] = (),
    rules: Rules = FRAMING_NAMING,
    loaded_rules: Rules = FRAMING_LOADED,
) -> list[Naming]:
    """Every wording of one document in the outlet's own voice, in text order: the namings of
    actors (`naming`), then the stance verbs and loaded words outside them (`loaded`)."""
    ctx = _naming.Context(parsed, document, quotes)  # one voice test for both tables
    namings = _naming.extract_namings(parsed, document, quotes, rules, ctx=ctx)
    read_again = _naming.ACTION_RULES | _owned.READ_AGAIN_RULES  # an act's loaded verb
    named = [n for n in namings if n.rule not in read_again]
    loaded = extract_loaded(parsed, document, quotes, loaded_rules, taken=named, ctx=ctx)
    return sorted([*namings, *loaded], key=lambda n: (n.start, n.end, n.kind))


def normalise_term(descriptor: str) -> str:
    """Lowercase and drop leading articles so "The terrorist group" and "terrorist group" count once."""
    return normalise_words(descriptor)


EntityAt = Callable[[str, int, int], str | None]


def _actor_of(
    naming: Naming, entity_at: EntityAt, story_of: dict[str, str], names: dict[str, str]
) -> tuple[str, str] | None:
    """(actor id, what a reader calls it) of a naming, or None for a name nobody resolved."""
    if naming.actor_start is not None and naming.actor_end is not None:
        entity_id = entity_at(naming.doc_id, naming.actor_start, naming.actor_end)
        return (entity_id, names.get(entity_id, entity_id)) if entity_id else None
    if naming.concept:
        story = story_of.get(naming.doc_id, naming.doc_id)
        return CONCEPT_PREFIX + make_id("concept", story, naming.concept), naming.concept
    if naming.lemma:  # a predicate with no actor: the event's wording
        return "", naming.lemma
    return None


FRAMING_ROWS: Rules = stage("framing-rows", "Which of a corpus's framing rows are kept.")
MIN_ACT_MENTIONS = 2  # a named actor's acts are framing once the story names it this often


@FRAMING_ROWS.rule("incidental-actor-act")
def incidental_actor_act(row: FramingTerm, mentions: dict[str, int]) -> bool:
    """Whether a row tells what a named actor did though the whole story names that actor
    once: an incidental actor ("Tal Ren, a passer-by, fled" in one article of a story about
    the talks), whose act is no framing of the story's actors, as an unnamed actor named once
    is incidental. Only predicates are left out, and only where the count is known."""
    count = mentions.get(row.entity_id)
    return row.kind == "predicate" and count is not None and count < MIN_ACT_MENTIONS


def framing_terms(
    namings: Iterable[Naming],
    outlet_of: dict[str, str | None],
    entity_at: EntityAt,
    story_of: dict[str, str] | None = None,
    names: dict[str, str] | None = None,
    event_at: dict[tuple[str, int], str | None] | None = None,
    mentions: dict[str, int] | None = None,
) -> list[FramingTerm]:
    """Count each (outlet, actor, term) (its kind is its first naming's) with every span behind the count.

    `entity_at(doc_id, start, end)` is the entity of a name span; `story_of` the story of each
    document (unnamed actors are grouped within one); `names` an entity's display name;
    `event_at[(doc_id, start)]` the event cluster of a predicate; `mentions` how often the
    story names each entity (rule incidental-actor-act)."""
    story_of, names, event_at = story_of or {}, names or {}, event_at or {}
    mentions = mentions if FRAMING_ROWS.enabled("incidental-actor-act") else None
    counts: dict[tuple[str, str, str], FramingTerm] = {}
    concepts: set[str] = set()
    qualified: set[str] = set()  # named at least once with a modifier or possessor: not incidental
    for naming in namings:
        actor = _actor_of(naming, entity_at, story_of, names)
        if actor is None:
            continue
        if naming.concept and naming.actor_start is None:
            concepts.add(actor[0])
            if len(naming.text.split()) > 1 and naming.text.split()[0].lower() not in ARTICLES:
                qualified.add(actor[0])
        outlet = outlet_of.get(naming.doc_id) or UNKNOWN_OUTLET
        key = (outlet, actor[0], naming.term)
        record = counts.get(key)
        if record is None:
            record = counts[key] = FramingTerm(
                outlet=outlet,
                entity_id=actor[0],
                term=naming.term,
                count=0,
                kind=naming.kind,
                rule=naming.rule,
                subject=actor[1],
                event_id=event_at.get((naming.doc_id, naming.start)),
            )
        record.count += 1
        record.examples.append({"doc_id": naming.doc_id, "start": naming.start, "end": naming.end})
    uses: Counter = Counter()
    for row in counts.values():
        uses[row.subject if row.entity_id in concepts else row.entity_id] += row.count
    kept = [
        r
        for r in counts.values()
        if (
            r.entity_id not in concepts
            or r.entity_id in qualified
            or uses[r.subject] >= MIN_CONCEPT_USES
        )
        and not (mentions and incidental_actor_act(r, mentions))
    ]
    return sorted(kept, key=lambda f: (f.outlet, f.entity_id, f.kind, -f.count, f.term))


FRAMING_DESCRIPTOR: Rules = stage(
    "framing-descriptor", "Framing from the descriptors the name reader keeps beside a name."
)
DESCRIPTOR_WINDOW = 80  # characters either side of a name searched for its descriptor's words


@FRAMING_DESCRIPTOR.rule("mention-descriptor")
def mention_descriptor(mention: Mention, text: str) -> tuple[int, int] | None:
    """The descriptor the name reader kept beside a name, found in the text next to it: the
    mention "Renata Kessel" with descriptor "the regime's governor" in "the regime's governor
    Renata Kessel" -> the span of "regime's governor" (a possessor the parse rules leave out)."""
    if not mention.descriptor:
        return None
    wanted = normalise_words(mention.descriptor)
    if not wanted:
        return None
    lo = max(0, mention.start - DESCRIPTOR_WINDOW)
    hi = min(len(text), mention.end + DESCRIPTOR_WINDOW)
    lowered = text.lower().replace("’", "'")
    best = None
    at = lowered.find(wanted, lo, hi)
    while at >= 0:
        gap = max(mention.start - (at + len(wanted)), at - mention.end, 0)
        if best is None or gap < best[0]:
            best = (gap, at)
        at = lowered.find(wanted, at + 1, hi)
    return (best[1], best[1] + len(wanted)) if best else None


def names_a_role(term: str) -> bool:
    """Whether a descriptor holds an actor noun ("regime's governor", "martyrs"): the name
    reader also keeps dateline words and adjectives beside names ("Monday", "northeastern");
    a bare kinship noun ("wife") is a relation, not a role."""
    described = [w for w in term.split() if not w.endswith("'s")]  # the possessor left out
    if len(described) == 1 and described[0].removesuffix("s") in _naming.KINSHIP_NOUNS:
        return False  # "wife", "Vesk's brother": a relation between two persons, no naming
    for word in re.findall(r"[a-z][a-z-]*", term.replace("'s", "")):
        if word in ACTOR_NOUNS or word.removesuffix("s") in ACTOR_NOUNS:
            return True
        if word.endswith("ies") and word[:-3] + "y" in ACTOR_NOUNS:
            return True
    return False


def descriptor_namings(
    mentions: Iterable[Mention], text_of: dict[str, str], voice_of: dict[str, OutletVoice]
) -> list[Naming]:
    """Namings from the descriptors kept beside names (see `mention_descriptor`), in the
    outlet's own voice only, anchored on the name."""
    out = []
    rule = FRAMING_DESCRIPTOR["mention-descriptor"]
    for mention in mentions:
        text = text_of.get(mention.doc_id)
        if not text or mention.field != "body" or not FRAMING_DESCRIPTOR.enabled(rule.id):
            continue
        span = rule(mention, text)
        voice = voice_of.get(mention.doc_id)
        if span is None or (voice is not None and not voice.is_outlets(*span)):
            continue
        written = text[span[0] : span[1]]
        term = normalise_words(written)
        before_name = 0 <= mention.start - span[1] <= 1 and mention.type in {"PERSON", "ORG"}
        if not (names_a_role(term) or (before_name and "," not in term)):
            continue  # "Monday" from a dateline, "northeastern" before a place: not a naming
        out.append(
            Naming(
                id=make_id(mention.doc_id, "naming", span[0], span[1], rule.id),
                doc_id=mention.doc_id,
                start=span[0],
                end=span[1],
                text=written,
                term=term,
                kind="title",
                rule=rule.ref,
                actor_start=mention.start,
                actor_end=mention.end,
            )
        )
    return out


def merge_namings(parsed: Iterable[Naming], extra: Iterable[Naming]) -> list[Naming]:
    """The parse's namings and the descriptor ones, without a descriptor the parse already read
    for the same name."""
    out = list(parsed)
    taken: dict[str, list[Naming]] = {}
    for n in out:
        taken.setdefault(n.doc_id, []).append(n)
    for n in extra:
        if not any(_same_reading(n, p) for p in taken.get(n.doc_id, ())):
            out.append(n)
    return out


def _same_reading(descriptor: Naming, parsed: Naming) -> bool:
    """Whether the parse already read the descriptor's wording there for the same name."""
    if not (parsed.start < descriptor.end and descriptor.start < parsed.end):
        return False
    if parsed.actor_start is None or parsed.actor_end is None:
        return False  # the parse took it for an unnamed actor; the name reader ties it to a name
    return (
        parsed.actor_start < (descriptor.actor_end or 0)
        and (descriptor.actor_start or 0) < parsed.actor_end
    )
