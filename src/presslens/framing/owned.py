"""How an outlet words what an actor has, says or does, named by a noun the actor owns.

The "framing-naming" rules of `naming` read how an outlet names an actor and what it says the
actor did. An outlet also words an actor through the nouns it gives the actor's own acts and
things, and the word it picks to describe them: "the envoy's *reckless gamble*", "his
*theatrical* speech", "the council's *tough line on* the levy". The rule here reads such a
noun phrase when a describing word stands before the noun; "the envoy's speech" alone, or one
sorted by a classifying word ("his first speech", "her political career"), is the plain news.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..lexicon import words
from ..models import Naming
from ..nlp import starts_from
from .naming import (
    FRAMING_NAMING,
    PERSON_POSSESSIVES,
    Context,
    actor_anchor,
    is_actor_noun,
    of_phrase,
    one_person_before,
    premodifiers,
)

CLASSIFYING_ADJECTIVES = words("classifying_adjectives")
DESCRIBING_POS = frozenset({"ADJ", "ADV"})
PERIOD_NOUNS = words("period_nouns")
# Its loaded words are read again alone by the loaded-word rules ("lavish" of "the mayor's
# lavish trips"), as an act's are.
READ_AGAIN_RULES = frozenset({"owner-described-noun"})


@FRAMING_NAMING.rule("owner-described-noun")
@starts_from("NOUN")
def owner_described_noun(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A noun an actor owns, told with a word that describes it: "Ilan Vesk's reckless
    gamble" -> "reckless gamble" for Ilan Vesk, "the council's tough line on the levy" ->
    "tough line on the levy", "Vesk spoke. His theatrical speech ..." -> "theatrical speech"
    (for the one person named just before "his"). A plain owned noun ("Vesk's speech"), one
    sorted by a classifying word (lexicon classifying_adjectives: "his first speech", "her
    political career") or a span of time ("his best week") is left out, and so are actor
    nouns and names (read by actor-noun-phrase and the name rules)."""
    if tok.pos_ != "NOUN" or is_actor_noun(tok) or tok.i in ctx.name_of:
        return
    if tok.lower_ in PERIOD_NOUNS:
        return
    anchor = _owner_anchor(ctx, tok)
    if anchor is None:
        return
    owner_end = max(c.i for c in tok.children if c.dep_ == "poss")
    tokens = [t for t in premodifiers(tok) if t.i > owner_end and t.dep_ != "case"]
    describing = [t for t in tokens[:-1] if t.pos_ in DESCRIBING_POS and t.i not in ctx.name_of]
    if not describing or any(t.lower_ in CLASSIFYING_ADJECTIVES for t in describing):
        return
    naming = ctx.naming(tokens + of_phrase(tok), "label", "owner-described-noun", **anchor)
    if naming:
        yield naming


def _owner_anchor(ctx: Context, noun: Token) -> dict | None:
    """The actor owning a noun: a name or an actor noun before "'s", or the one person named
    just before a "his" or "her"; None for "its", "their" and owners that are no actor."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.lower_ in PERSON_POSSESSIVES:
        return one_person_before(owner)
    if owner.pos_ == "PRON":
        return None
    return actor_anchor(ctx, owner)
