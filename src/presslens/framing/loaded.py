"""Word choice beyond namings: stance-laden reporting verbs and loaded words, in the outlet's voice.

The "framing-naming" rules read how an outlet names an actor. An outlet also colours what it
reports by the verb it credits a statement with ("the senator *slammed* the plan", "the minister
*conceded*") and by loaded words where plainer ones were at hand ("a *draconian* levy", "the
*embattled* mayor", "the plan *caved*"). Each rule of the "framing-loaded" stage reads one of
these off the parse:

- `stance-verb`: a reporting verb of the lexicon reporting_stance_verbs, credited to the outlet
  with the verb's subject as the actor it is said of;
- `loaded-word`: an adjective, adverb, noun or verb of the lexicons loaded_words (written by
  hand) and loaded_words_learned (counted on BASIL's train split by
  scripts/learn_loaded_words.py), with the actor it is said of when the parse shows one;
- `hedge-word`: a hedge (lexicon hedges: "alleged", "purportedly") on what the outlet tells;
- `strong-valence-word`: a noun or a noun's adjective the lexicons do not list that reads as
  strong praise or blame in VADER's sentiment lexicon ("the regime's *cruelty*").

Nothing inside a speaker's words is read (`OutletVoice`): a "slammed" between quotation marks is
the speaker's word, not the outlet's. A word already inside a naming (the "embattled" of "the
embattled mayor") is read there and not again. presslens reports the words; it never scores them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from ..lexicon import table, valence, words
from ..models import Document, Naming, Quote
from ..nlp import RulesByPos, starts_from
from ..rules import Rules, stage
from .naming import (
    HEDGES,
    Context,
    actor_anchor,
    in_a_name,
    is_actor_noun,
    says_nothing_of_an_actor,
    subject_anchor,
)

FRAMING_LOADED: Rules = stage(
    "framing-loaded",
    "Word choice in the outlet's own voice beyond namings: stance-laden reporting verbs and "
    "loaded words, each with the actor it is said of when the parse shows one.",
)

KIND_OF_POS = {"ADJ": "adjective", "ADV": "adverb", "NOUN": "noun", "VERB": "verb"}
PARTICLE_DEPS = frozenset({"prt"})
STRONG_VALENCE = (
    1.5  # |VADER valence| from which a noun or adjective alone reads as praise or blame
)


def _phrase(entry: str) -> tuple[str, ...]:
    """An entry as the parser splits it: "last-ditch" -> ("last", "-", "ditch")."""
    return tuple(entry.lower().replace("-", " - ").split())


def _index(*names: str) -> dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]:
    """The entries of the tables by first word, longest first: {"double": [(("double",
    "down"), {"verb"})]}."""
    merged: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        for entry, parts in table(name).items():
            merged.setdefault(_phrase(entry), set()).update(parts)
    out: dict[str, list] = {}
    for phrase, listed in merged.items():
        out.setdefault(phrase[0], []).append((phrase, frozenset(listed)))
    for entries in out.values():
        entries.sort(key=lambda e: -len(e[0]))
    return out


LOADED = _index("loaded_words", "loaded_words_learned")


def _index_phrases(entries: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by first word, longest first: {"lay": [("lay", "the", "groundwork")]}."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        phrase = _phrase(entry)
        out.setdefault(phrase[0], []).append(phrase)
    for phrases in out.values():
        phrases.sort(key=lambda p: (-len(p), p))
    return out


REPORTING = {_phrase(w) for w in words("reporting_stance_verbs")}
HEARSAY_VERBS = words("hearsay_verbs")
IDIOMS = _index_phrases(words("idioms"))
MAX_IDIOM_WORDS = max(len(p) for ps in IDIOMS.values() for p in ps)
ANY_DETERMINER = frozenset({"the", "a", "an", "one's"})  # an idiom's slot for any determiner


def _matches(tok: Token, word: str) -> bool:
    return tok.lower_ == word or tok.lemma_.lower() == word


def match_phrase(tok: Token, phrase: tuple[str, ...]) -> list[Token]:
    """The tokens from `tok` on that spell `phrase` (by form or lemma), or []."""
    doc = tok.doc
    if tok.i + len(phrase) > len(doc):
        return []
    span = [doc[tok.i + k] for k in range(len(phrase))]
    return span if all(_matches(t, w) for t, w in zip(span, phrase, strict=True)) else []


def loaded_tokens(tok: Token) -> list[Token]:
    """The loaded word or phrase starting at `tok` (lexicons loaded_words and
    loaded_words_learned), or []: a single word must have the listed part of speech."""
    candidates = LOADED.get(tok.lemma_.lower(), []) + LOADED.get(tok.lower_, [])
    for phrase, parts in sorted(candidates, key=lambda e: -len(e[0])):
        if len(phrase) == 1 and KIND_OF_POS.get(tok.pos_) not in parts:
            continue
        found = match_phrase(tok, phrase)
        if found:
            return found
    return []


def _owner_anchor(ctx: Context, noun: Token) -> dict | None:
    """The actor owning a noun: "the mayor's lavish trips" -> the mayor."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return actor_anchor(ctx, owner) if owner is not None else None


def word_anchor(ctx: Context, tok: Token) -> dict:
    """The actor a loaded word is said of, or {} when the parse shows none (the row is then the
    wording of what happened): the noun an adjective modifies when it is an actor, else its
    owner; the subject of a predicate adjective, a verb or the verb an adverb modifies."""
    found = None
    if tok.pos_ == "ADJ" and tok.dep_ == "amod":
        head = tok.head
        if head.i in ctx.name_of or is_actor_noun(head):
            found = actor_anchor(ctx, head)
        else:
            found = _owner_anchor(ctx, head)
    elif tok.pos_ == "ADJ" and tok.dep_ in {"acomp", "oprd"}:
        found = subject_anchor(ctx, tok.head)
    elif tok.pos_ == "ADV" and tok.head.pos_ in {"VERB", "AUX"}:
        found = subject_anchor(ctx, tok.head)
    elif tok.pos_ == "ADV" and tok.head.pos_ == "ADJ" and tok.head is not tok:
        found = word_anchor(ctx, tok.head)
    elif tok.pos_ == "VERB":
        found = subject_anchor(ctx, tok)
    elif tok.pos_ == "NOUN":
        found = _owner_anchor(ctx, tok)
    return found or {}


def _lemma(tokens: Sequence[Token]) -> str:
    """The lemma of a word or phrase as written: "lashed out" -> "lash out", "last-ditch"."""
    text = "".join(t.lemma_.lower() + t.whitespace_ for t in tokens[:-1])
    return text + tokens[-1].lemma_.lower()


def _loaded_row(
    ctx: Context,
    tokens: Sequence[Token],
    kind: str,
    rule_id: str,
    anchor: dict | None,
    lemma: str | None = None,
) -> Iterator[Naming]:
    """The row a framing-loaded rule makes of its words, when they are the outlet's own."""
    naming = ctx.naming(
        tokens, kind, rule_id, stage=FRAMING_LOADED, lemma=lemma or _lemma(tokens), **(anchor or {})
    )
    if naming:
        yield naming


@FRAMING_LOADED.rule("stance-verb")
@starts_from("VERB")
def stance_verb(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A reporting verb that carries the writer's stance on what was said (lexicon
    reporting_stance_verbs), in the outlet's own voice, with its particle and the actor it is
    said of: "Senator Mara Quell slammed the levy" -> "slammed" for Mara Quell, "the mayor
    conceded" -> "conceded" for the mayor; inside quotation marks it is the speaker's word."""
    if tok.pos_ != "VERB":
        return
    lemma = tok.lemma_.lower()
    tokens = [tok]
    particle = next((c for c in tok.children if c.dep_ in PARTICLE_DEPS and c.i == tok.i + 1), None)
    if particle is not None and (lemma, particle.lower_) in REPORTING:
        tokens.append(particle)
    elif (lemma,) not in REPORTING:
        return
    yield from _loaded_row(ctx, tokens, "predicate", "stance-verb", subject_anchor(ctx, tok))


@FRAMING_LOADED.rule("loaded-word")
def loaded_word(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A loaded or evaluative word the outlet chose where a plainer one was at hand (lexicons
    loaded_words and loaded_words_learned), in its own voice, with the actor it is said of when
    the parse shows one: "the draconian levy of Mayor Corra Lind" -> "draconian", "the council
    caved" -> "caved" for the council, "a last-ditch vote" -> "last-ditch". A name's own words
    and an actor noun (read by actor-noun-phrase) are not loaded words."""
    if tok.i in ctx.name_of or is_actor_noun(tok) or tok.is_punct:
        return
    tokens = loaded_tokens(tok)
    if not tokens or any(t.i in ctx.name_of for t in tokens):
        return
    if len(tokens) == 1 and tok.pos_ == "VERB":
        tokens += [c for c in tok.children if c.dep_ in PARTICLE_DEPS and c.i == tok.i + 1]
    yield from _loaded_row(ctx, tokens, "loaded", "loaded-word", word_anchor(ctx, tok))


@FRAMING_LOADED.rule("strong-valence-word")
@starts_from("NOUN", "ADJ")
def strong_valence_word(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A noun or a noun's adjective that reads as strong praise or blame (|valence| in VADER's
    sentiment lexicon of at least STRONG_VALENCE) where the hand lexicons list nothing, in the
    outlet's own voice, with the actor it is said of when the parse shows one: "the envoy's
    cruelty" -> "cruelty" for the envoy, "a horrific raid" -> "horrific". Words that say nothing
    of an actor (lexicon not_loaded_words) and actor nouns are left out."""
    if tok.pos_ != "NOUN" and not (tok.pos_ == "ADJ" and tok.dep_ == "amod"):
        return
    if in_a_name(tok) or is_actor_noun(tok) or loaded_tokens(tok):
        return
    if says_nothing_of_an_actor(tok):
        return
    if max(abs(valence(tok.lower_)), abs(valence(tok.lemma_))) < STRONG_VALENCE:
        return
    yield from _loaded_row(ctx, [tok], "loaded", "strong-valence-word", word_anchor(ctx, tok))


@FRAMING_LOADED.rule("hearsay-passive")
@starts_from("VERB")
def hearsay_passive(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What the outlet passes on as others' belief, a passive verb of thinking or saying with
    "to" (lexicon hearsay_verbs), with its adverb and the verb after it, and the actor it is
    said of: "Ilan Vesk is widely believed to be hiding" -> "widely believed to be hiding" for
    Ilan Vesk, "rebels believed to be held" -> "believed to be held" for the rebels."""
    if tok.tag_ != "VBN" or tok.lemma_.lower() not in HEARSAY_VERBS:
        return
    if not any(c.dep_ == "auxpass" for c in tok.children) and tok.dep_ != "acl":
        return  # "Vesk said to the council" is no passive
    then = next((c for c in tok.rights if c.dep_ == "xcomp"), None)
    if then is None or not any(c.lower_ == "to" for c in then.lefts):
        return
    first = min([tok] + [c for c in tok.lefts if c.dep_ == "advmod"], key=lambda t: t.i)
    tokens = list(tok.doc[first.i : then.i + 1])
    anchor = subject_anchor(ctx, tok)
    if anchor is None and tok.dep_ == "acl":
        anchor = actor_anchor(ctx, tok.head)
    yield from _loaded_row(ctx, tokens, "loaded", "hearsay-passive", anchor)


@FRAMING_LOADED.rule("hedge-word")
@starts_from("ADV", "ADJ", "VERB")
def hedge_word(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A word by which the outlet holds back from what it tells (lexicon hedges), where no
    actor's deed carries it (hedged-predicate reads those): "the alleged bribe" -> "alleged",
    "a memo purportedly listing the payments" -> "purportedly", with the actor it is said of
    when the parse shows one ("the mayor's alleged bribe" -> the mayor)."""
    if tok.lower_ not in HEDGES or tok.i in ctx.name_of:
        return
    if not (tok.pos_ == "ADV" or (tok.pos_ in {"ADJ", "VERB"} and tok.dep_ == "amod")):
        return
    anchor = word_anchor(ctx, tok) if tok.pos_ != "VERB" else _owner_anchor(ctx, tok.head)
    yield from _loaded_row(ctx, [tok], "loaded", "hedge-word", anchor, lemma=tok.lower_)


@FRAMING_LOADED.rule("idiom")
def idiom(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A figurative phrase the outlet chose for what an actor did (lexicon idioms), matched by
    its words' lemmas with any determiner or possessive in its slot, with the actor it is said
    of: "the council laid the groundwork for the levy" -> "laid the groundwork" for the council,
    "Vesk took aim at the envoy" -> "took aim", "Mayor Lind came under fire" -> "came under
    fire" for Corra Lind; inside quotation marks it is the speaker's phrase."""
    tokens = idiom_tokens(tok)
    if not tokens or any(t.i in ctx.name_of for t in tokens) or _inside_an_idiom(tok):
        return
    yield from _loaded_row(ctx, tokens, "loaded", "idiom", _phrase_anchor(ctx, tokens))


def idiom_tokens(tok: Token) -> list[Token]:
    """The idiom starting at `tok` (lexicon idioms, longest first), or []."""
    by_lemma, by_form = IDIOMS.get(tok.lemma_.lower()), IDIOMS.get(tok.lower_)
    if by_lemma is None and by_form is None:
        return []  # (most words start no idiom)
    doc = tok.doc
    phrases = (by_lemma or []) + (by_form or [])
    for phrase in sorted(phrases, key=lambda p: -len(p)):
        if tok.i + len(phrase) > len(doc):
            continue
        span = [doc[tok.i + k] for k in range(len(phrase))]
        if all(_idiom_word(t, w) for t, w in zip(span, phrase, strict=True)):
            return span
    return []


def _inside_an_idiom(tok: Token) -> bool:
    """Whether a token is inside a longer idiom begun before it ("olive branch" in "extend an
    olive branch"): the longer one is read."""
    for start in range(max(0, tok.i - MAX_IDIOM_WORDS), tok.i):
        found = idiom_tokens(tok.doc[start])
        if found and found[-1].i >= tok.i:
            return True
    return False


def _idiom_word(tok: Token, word: str) -> bool:
    """Whether a token spells an idiom's word: by form or lemma, or any determiner or
    possessive for an idiom's "the", "a" or "one's"."""
    if word in ANY_DETERMINER:
        return tok.pos_ == "DET" or tok.dep_ == "poss" or tok.tag_ == "PRP$"
    return _matches(tok, word)


def _phrase_anchor(ctx: Context, tokens: Sequence[Token]) -> dict:
    """The actor a phrase is said of: the subject of its verb, or of the verb it hangs on
    ("came under fire", "a war of words with Tarn" as an object), else as for one word."""
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0])
    verb = head
    while verb.pos_ not in {"VERB", "AUX"} and verb.dep_ in {"prep", "pobj", "dobj", "attr"}:
        verb = verb.head
    if verb.pos_ in {"VERB", "AUX"}:
        return subject_anchor(ctx, verb) or {}
    return word_anchor(ctx, head)


def extract_loaded(
    parsed: Doc,
    document: Document,
    quotes: Sequence[Quote] = (),
    rules: Rules = FRAMING_LOADED,
    taken: Sequence[Naming] = (),
    ctx: Context | None = None,
) -> list[Naming]:
    """Every stance verb and loaded word in the outlet's own voice, in text order, each with its
    rule; none inside a naming already in `taken` (the naming rules read it there)."""
    ctx = ctx or Context(parsed, document, quotes)
    spans = sorted((n.start, n.end) for n in taken)
    found: dict[tuple[int, int], Naming] = {}
    fns_for = RulesByPos(rules)
    for tok in parsed:
        for fn, _ref in fns_for(tok.pos):
            for naming in fn(ctx, tok):
                if not any(s <= naming.start and naming.end <= e for s, e in spans):
                    found.setdefault((naming.start, naming.end), naming)
    return sorted(found.values(), key=lambda n: (n.start, n.end, n.kind))
